/// <reference lib="dom" />
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webviewHtml } from '../../src/extension/webviewHtml';
import type { HostToView, ViewToHost } from '../../src/shared/historyProtocol';

// The built panel page (media/build, as packaged) in headless Debian Chromium, under the same HTML
// and CSP the extension serves. `acquireVsCodeApi` is the one piece VS Code injects; here an init
// script stands in for it and records what the page posts.

const root = path.resolve(__dirname, '../..');
const buildDir = path.join(root, 'media/build');
const artifacts = path.join(root, 'test-artifacts');

let server: http.Server;
let origin: string;
let browser: Browser;
let sequence: HostToView[];

before(async () => {
  assert.ok(existsSync(path.join(buildDir, 'historyPanel.js')), 'media/build/historyPanel.js is missing: run `npm run build` first');
  sequence = JSON.parse(await readFile(path.join(__dirname, 'fixtures/history-sequence.json'), 'utf8'));
  server = http.createServer(async (req, res) => {
    if (req.url === '/') {
      res.setHeader('content-type', 'text/html');
      res.end(webviewHtml({ title: 'Eval history', cspSource: origin, scriptUri: `${origin}/historyPanel.js`, styleUris: [`${origin}/historyPanel.css`] }));
      return;
    }
    if (req.url === '/favicon.ico') {
      res.statusCode = 204;
      res.end();
      return;
    }
    const file = path.join(buildDir, path.basename(req.url ?? ''));
    try {
      const body = await readFile(file);
      res.setHeader('content-type', file.endsWith('.css') ? 'text/css' : 'text/javascript');
      res.end(body);
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const DARK_THEME = {
  '--vscode-foreground': '#cccccc',
  '--vscode-sideBar-background': '#181818',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-green': '#89d185',
  '--vscode-editorWidget-border': '#313131',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-errorForeground': '#f85149',
};

interface Harness {
  page: Page;
  posted(): Promise<ViewToHost[]>;
  send(message: HostToView): Promise<void>;
  errors: string[];
}

async function openPanel(savedState?: unknown): Promise<Harness> {
  const page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // A string, not a function: tsx would wrap a function with helpers that do not exist in the page.
  await page.addInitScript({
    content: `
      window.__posted = [];
      window.__state = ${JSON.stringify(savedState ?? null)} ?? undefined;
      window.__violations = 0;
      // VS Code sets its theme as CSS variables on <html>; a few of Dark Modern's, so screenshots look as in the editor.
      new MutationObserver((_, observer) => {
        if (!document.documentElement) return;
        observer.disconnect();
        for (const [k, v] of Object.entries(${JSON.stringify(DARK_THEME)})) document.documentElement.style.setProperty(k, v);
      }).observe(document, { childList: true });
      document.addEventListener('securitypolicyviolation', () => window.__violations++);
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__posted.push(m),
        getState: () => window.__state,
        setState: (s) => { window.__state = s; },
      });`,
  });
  await page.goto(origin);
  return {
    page,
    errors,
    posted: () => page.evaluate(() => (window as unknown as { __posted: ViewToHost[] }).__posted),
    send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
  };
}

async function sendAll(h: Harness): Promise<void> {
  for (const message of sequence) await h.send(message);
}

describe('history panel page', () => {
  test('says ready, then renders the chart and tables from a recorded message sequence', async () => {
    const h = await openPanel();
    assert.deepEqual((await h.posted())[0], { type: 'ready' });
    await sendAll(h);
    const { page } = h;
    await page.waitForSelector('.versions-table tbody tr');
    assert.equal(await page.locator('h2.file').textContent(), 'prompts-example/ticket-triage.prompt');
    assert.equal(await page.locator('.versions-table tbody tr').count(), 4);
    assert.match((await page.locator('.versions-table tbody tr').nth(2).textContent()) ?? '', /not run/);
    assert.equal(await page.locator('.latest-table tbody tr').count(), 3);
    assert.equal(await page.locator('header button', { hasText: 'Run history' }).textContent(), 'Run history (1 missing, ≈$0.012)');
    assert.match((await page.locator('.latest-table tbody tr').nth(2).textContent()) ?? '', /rate_limit: 429 after 3 retries/);
    // uPlot draws on a canvas sized to the container; three evaluated versions are plotted.
    const canvas = page.locator('.chart canvas');
    assert.equal(await canvas.count(), 1);
    const size = await canvas.evaluate((c: HTMLCanvasElement) => ({ w: c.width, h: c.height }));
    assert.ok(size.w > 200 && size.h > 100, `chart canvas is ${size.w}x${size.h}`);
    assert.match((await page.locator('.chart .u-legend').textContent()) ?? '', /mean score/);
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'history-panel.png'), fullPage: true });
    assert.deepEqual(h.errors, []);
    await page.close();
  });

  test('selecting two versions posts a compare message, older first, and renders the diff', async () => {
    const h = await openPanel();
    await sendAll(h);
    const { page } = h;
    await page.locator('input[data-commit="working"]').check();
    await page.locator('input[data-commit="a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"]').check();
    const compare = (await h.posted()).filter((m) => m.type === 'compare');
    assert.deepEqual(compare, [{ type: 'compare', before: 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', after: 'working' }]);
    await h.send({
      type: 'diff',
      summary: { before: 'a1a1a1a', after: 'working', meanDelta: -0.2, ci: [-0.35, -0.05], verdict: 'regression', costDeltaUsd: 0.0022, latencyDeltaMs: 110, regressions: 1, improvements: 0 },
      rows: [
        { id: 'refund-request', before: 1, after: 0.2, delta: -0.8, ci: [-0.9, -0.7], flip: 'pass-to-fail', verdict: 'regression' },
        { id: 'outage', before: 0.5, after: 0.55, delta: 0.05, ci: [-0.1, 0.2], verdict: 'within-noise' },
        { id: 'new-case', after: 1, verdict: 'added' },
      ],
    });
    await page.waitForSelector('.diff-table tbody tr');
    const first = (await page.locator('.diff-table tbody tr').first().textContent()) ?? '';
    assert.match(first, /refund-request.*pass → fail.*regression/);
    assert.match((await page.locator('.diff p.verdict').textContent()) ?? '', /regression/);
    // The selection survives a reload through the webview state.
    const saved = await page.evaluate(() => (window as unknown as { __state: unknown }).__state);
    await page.close();
    const again = await openPanel(saved);
    await sendAll(again);
    assert.equal(await again.page.locator('input[data-commit="working"]').isChecked(), true);
    assert.equal(await again.page.locator('input[data-commit="c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3"]').isChecked(), false);
    await again.page.close();
  });

  test('clicking two points of the chart selects them and posts a compare message', async () => {
    const h = await openPanel();
    await sendAll(h);
    const over = h.page.locator('.chart .u-over');
    const box = await over.boundingBox();
    assert.ok(box);
    // Three evaluated versions are spread across the plot: far left is the oldest, far right the newest.
    await h.page.mouse.move(box.x + 2, box.y + box.height / 2);
    await h.page.mouse.click(box.x + 2, box.y + box.height / 2);
    await h.page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    await h.page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
    const compare = (await h.posted()).filter((m) => m.type === 'compare');
    assert.deepEqual(compare, [{ type: 'compare', before: 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', after: 'working' }]);
    await h.page.close();
  });

  test('model output with HTML and script shows as text and runs nothing', async () => {
    const h = await openPanel();
    await sendAll(h);
    const { page } = h;
    await page.locator('button[data-tab="traces"]').click();
    await page.waitForSelector('.traces-table tbody tr');
    assert.equal(await page.locator('.traces-table tbody tr').count(), 2);
    await page.locator('button[data-trace="t-2"]').click();
    assert.deepEqual((await h.posted()).at(-1), { type: 'openTrace', traceId: 't-2' });
    const posted = await h.posted();
    assert.ok(posted.some((m) => m.type === 'filterTraces'), 'opening the traces tab asks for traces');
    const outputs = await page.locator('pre.output').allTextContents();
    assert.ok(outputs.some((t) => t.includes('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>')));
    assert.ok(outputs.some((t) => t.includes('<script>window.__pwned=4</script>')));
    assert.equal(await page.locator('#app img').count(), 0);
    assert.equal(await page.locator('#app script').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.evaluate(() => (window as unknown as { __violations: number }).__violations), 0);
    await page.close();
  });

  test('the page runs under a CSP that blocks inline script', async () => {
    const h = await openPanel();
    const csp = await h.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /default-src 'none'/);
    assert.match(csp ?? '', /script-src 'nonce-[A-Za-z0-9_-]{20,}'/);
    assert.doesNotMatch(csp ?? '', /unsafe-inline|unsafe-eval/);
    const ran = await h.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.appendChild(s);
      return (window as unknown as { __inline?: number }).__inline;
    });
    assert.equal(ran, undefined);
    await h.page.close();
  });
});

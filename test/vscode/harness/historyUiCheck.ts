// The eval-history panel in the real workbench, with the packaged extension installed from promptops.vsix:
// a prompt with three commits whose runs the CLI stored first, opened in the editor; the PromptOps
// container's "Eval History" view shows the score chart and the versions; ticking two versions opens VS
// Code's diff editor and the per-test diff. Screenshots go to test-artifacts/ (not committed); exits
// non-zero when an expected element never appears.
//   npm run test:ui:history   (setup, `npm run package`, then this script)
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Frame, Page } from 'playwright-core';
import { createPromptHistory, HISTORY_PROMPT, HISTORY_VERSIONS } from '../../support/promptHistoryRepo';
import { startSession, type Session } from './session';
import { artifactsDir } from './suiteRun';
import { repoRoot } from './tools';
import { expectVisible, openFile, waitForWorkbench } from './workbench';
import { workbenchUrl } from './workbenchUrl';

const vsix = path.join(repoRoot, 'promptops.vsix');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const API_KEY = 'sk-ant-history-ui-check-not-a-real-key';
const FOLDER = 'history-demo';
const shots = {
  panel: path.join(artifactsDir, 'history-panel-vscode.png'),
  diff: path.join(artifactsDir, 'history-diff-vscode.png'),
  failure: path.join(artifactsDir, 'history-failure-vscode.png'),
};

async function main(): Promise<void> {
  for (const file of [vsix, cli]) if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run package\` first.`);
  await fs.mkdir(artifactsDir, { recursive: true });
  await Promise.all(Object.values(shots).map((f) => fs.rm(f, { force: true })));
  const session = await startSession({ installVsix: vsix, env: { ANTHROPIC_API_KEY: API_KEY } });
  try {
    await check(session);
    console.log(`history ui check passed; screenshots: ${[shots.panel, shots.diff].map((f) => path.relative(repoRoot, f)).join(', ')}`);
  } catch (error) {
    await session.page.screenshot({ path: shots.failure }).catch(() => undefined);
    throw error;
  } finally {
    await session.stop();
  }
}

async function check({ page, workspace, server, fake }: Session): Promise<void> {
  const { promptFile, commits } = await createPromptHistory(path.join(workspace.dir, FOLDER));
  await storeRuns(promptFile, workspace.dir, fake.url);

  await page.goto(workbenchUrl(server.url, workspace.dir));
  await waitForWorkbench(page);
  await openFile(page, `${FOLDER}/${HISTORY_PROMPT}`);
  await openHistoryView(page);

  const panel = await panelFrame(page);
  await expectVisible(panel.locator('.chart canvas'), 'the score chart (a uPlot canvas) in the panel');
  const rows = panel.locator('table.versions-table tbody tr');
  await expectVisible(rows.nth(commits.length - 1), `${commits.length} rows in the versions table`);
  const texts = (await rows.allInnerTexts()).map(oneLine);
  console.log(`Versions table:\n  ${texts.join('\n  ')}`);
  if (texts.length !== commits.length) throw new Error(`expected ${commits.length} versions, the table shows ${texts.length}`);
  // Newest first, every version scored from the runs the CLI stored (nothing is run by opening the panel).
  for (const [i, text] of texts.entries()) {
    const version = HISTORY_VERSIONS[HISTORY_VERSIONS.length - 1 - i];
    if (!text.includes(version.subject) || text.includes('not run')) throw new Error(`row ${i + 1} should be "${version.subject}" with a score: ${text}`);
  }
  await page.screenshot({ path: shots.panel });

  const [, kinder, dropped] = commits;
  for (const commit of [kinder, dropped]) await panel.locator(`input[type="checkbox"][data-commit="${commit}"]`).check();
  await expectVisible(page.locator('.monaco-diff-editor'), "VS Code's diff editor on the two selected versions");
  const diffRows = panel.locator('table.diff-table tbody tr');
  await expectVisible(diffRows.first(), 'the per-test diff table in the panel');
  console.log(`Diff: ${oneLine(await panel.locator('.diff .verdict').first().innerText())}`);
  console.log(`Diff table:\n  ${(await diffRows.allInnerTexts()).map(oneLine).join('\n  ')}`);
  console.log(`Diff editor tab: ${oneLine(await page.locator('.tabs-container .tab.active').innerText())}`);
  await panel.locator('.diff').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots.diff });
}

/** Evaluates every version with the CLI against the fake server, so the panel finds stored runs. */
async function storeRuns(promptFile: string, workspaceDir: string, fakeUrl: string): Promise<void> {
  const { stdout } = await promisify(execFile)(process.execPath, [cli, 'history', promptFile, '--json'], {
    cwd: workspaceDir,
    env: { ...process.env, ANTHROPIC_BASE_URL: fakeUrl, ANTHROPIC_API_KEY: API_KEY },
  });
  const { versions } = JSON.parse(stdout) as { versions: { shortSha: string; meanScore?: number | null }[] };
  console.log(`CLI history: ${versions.map((v) => `${v.shortSha} ${v.meanScore?.toFixed(2)}`).join(', ')}`);
}

/** Opens the PromptOps container from the activity bar and expands its "Eval History" view. */
async function openHistoryView(page: Page): Promise<void> {
  const container = page.locator('.activitybar .action-item a[aria-label^="PromptOps"], .activitybar .action-item[aria-label^="PromptOps"]');
  await expectVisible(container, 'the PromptOps icon in the activity bar');
  await container.first().click();
  const header = page.locator('.sidebar .pane-header', { hasText: 'Eval History' });
  await expectVisible(header, 'the "Eval History" view in the PromptOps container');
  if ((await header.first().getAttribute('aria-expanded')) !== 'true') await header.first().click();
  // The Prompts view above it is not what this check is about: collapse it to give the panel the height.
  const prompts = page.locator('.sidebar .pane-header', { hasText: /^Prompts/ });
  if ((await prompts.first().getAttribute('aria-expanded')) === 'true') await prompts.first().click();
}

/** VS Code nests a webview in two iframes; the panel's page is the frame whose document has `#app`. */
async function panelFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.locator('#app table.versions-table').count().catch(() => 0)) return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`expected the history panel's page (#app with a versions table) in a webview frame within ${timeoutMs / 1000} s`);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

main().catch((error: unknown) => {
  console.error(`history ui check FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

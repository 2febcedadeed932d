// Activation time of PromptOps in a real VS Code (code-server), and the time to compute its hints
// for a 100 KB prompt; prints figures against the targets (≤ 50 ms, ≤ 30 ms), asserts nothing.
//   npm run bench:activation   (setup, build, package, then `node --import tsx bench/activation.ts`)
// Activation: the packaged .vsix installed, a workspace with prompts (so `workspaceContains` fires
// at startup), the time the extension host itself measured (code loading + the activate call, the
// figure of "Developer: Show Running Extensions"), over several fresh window loads.
// Hints: bench/hintsProbe.ts, loaded as a probe extension beside the installed package, times inlay
// hints and CodeLens for new 100 KB prompts against the same calls on the small example prompt (the
// cost of the round trip itself).
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import { startSession } from '../test/vscode/harness/session';
import { artifactsDir, runSuite } from '../test/vscode/harness/suiteRun';
import { repoRoot } from '../test/vscode/harness/tools';
import { runCommand, waitForWorkbench } from '../test/vscode/harness/workbench';
import { workbenchUrl } from '../test/vscode/harness/workbenchUrl';
import { median } from './timing';

const WINDOW_LOADS = 5;
const ACTIVATION_TARGET_MS = 50;
const HINTS_TARGET_MS = 30;

async function main(): Promise<void> {
  const activations = await measureActivation();
  const hints = await measureHints();

  const line = (label: string, values: number[], target: number, baseline?: number[]) => {
    const m = median(values);
    const extra = baseline ? `; small-prompt baseline ${median(baseline).toFixed(1)} ms (×${(m / median(baseline)).toFixed(1)})` : '';
    return `${label}: median ${m.toFixed(1)} ms (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)}, n=${values.length}) vs target ≤ ${target} ms → ${(m / target).toFixed(2)}× target${extra}`;
  };
  console.log('\nPromptOps activation and hints in code-server');
  console.log(line('activation (code loading + activate call)', activations, ACTIVATION_TARGET_MS));
  console.log(line(`inlay hints, ${Math.round(hints.largeBytes / 1024)} KB prompt`, hints.large.map((t) => t.inlayHintsMs), HINTS_TARGET_MS, hints.small.map((t) => t.inlayHintsMs)));
  console.log(line(`CodeLens (tokens + cost), ${Math.round(hints.largeBytes / 1024)} KB prompt`, hints.large.map((t) => t.codeLensMs), HINTS_TARGET_MS, hints.small.map((t) => t.codeLensMs)));
  console.log(`100 KB prompt: lenses ${hints.large[0]?.lenses.join(' | ')}; ${hints.large[0]?.hints} inlay hints`);
}

const vsix = path.join(repoRoot, 'promptops.vsix');

async function measureActivation(): Promise<number[]> {
  const session = await startSession({ installVsix: vsix });
  try {
    // Tall enough that the Running Extensions list shows every row in the screenshot.
    await session.page.setViewportSize({ width: 1400, height: 1400 });
    const times: number[] = [];
    for (let i = 0; i < WINDOW_LOADS; i++) {
      await session.page.goto(workbenchUrl(session.server.url, session.workspace.dir));
      await waitForWorkbench(session.page);
      times.push(await activationTimeShown(session.page, i === 0));
    }
    return times;
  } finally {
    await session.stop();
  }
}

/** Reads PromptOps' row in "Developer: Show Running Extensions" (a virtual list: scrolled until the row renders). */
async function activationTimeShown(page: Page, screenshot: boolean): Promise<number> {
  await runCommand(page, 'Developer: Show Running Extensions');
  const list = page.locator('.monaco-list[aria-label="Runtime Extensions"]');
  await list.waitFor({ timeout: 60_000 });
  const time = list.locator('.monaco-list-row[aria-label="promptops"] .activation-time');
  await list.hover();
  for (let i = 0; i < 40 && !(await time.count()); i++) {
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(100);
  }
  if (!(await time.count())) throw new Error('PromptOps is not among the running extensions: did it activate?');
  // "Activating..." until done, then "Startup Activation: 12ms" (activated by workspaceContains while the
  // window opened) or "Activation: 12ms".
  const done = time.filter({ hasText: /\d\s*ms/ });
  await done.first().waitFor({ timeout: 60_000 });
  if (screenshot) {
    await fs.mkdir(path.join(artifactsDir, 'bench'), { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'bench', 'running-extensions.png') });
  }
  const text = await done.first().innerText();
  return Number(/([\d.]+)\s*ms/.exec(text)?.[1]);
}

interface HintsFigures {
  small: { inlayHintsMs: number; codeLensMs: number; hints: number; lenses: string[] }[];
  large: HintsFigures['small'];
  largeBytes: number;
}

async function measureHints(): Promise<HintsFigures> {
  const probe = await fs.mkdtemp(path.join(os.tmpdir(), 'promptops-bench-probe-'));
  try {
    await fs.writeFile(
      path.join(probe, 'package.json'),
      JSON.stringify({ name: 'promptops-bench-probe', publisher: 'promptops', version: '0.0.0', engines: { vscode: '^1.138.0' } }),
    );
    await esbuild.build({
      entryPoints: [path.join(repoRoot, 'bench', 'hintsProbe.ts')],
      outfile: path.join(probe, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      logLevel: 'warning',
    });
    let figures: HintsFigures | undefined;
    const result = await runSuite({
      extensionDevelopmentPath: probe,
      extensionTestsPath: path.join(probe, 'index.js'),
      installVsix: vsix,
      label: 'probe',
      onLine: (line) => {
        if (line.startsWith('PROMPTOPS_BENCH ')) figures = JSON.parse(line.slice('PROMPTOPS_BENCH '.length)) as HintsFigures;
      },
    });
    if (result.code !== 0 || !figures) throw new Error(`the hints probe failed (exit code ${result.code}); see its output above`);
    return figures;
  } finally {
    await fs.rm(probe, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench/activation: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

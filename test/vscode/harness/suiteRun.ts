// Runs a mocha suite in the form @vscode/test-electron expects (a module exporting `run()`) inside
// code-server's real extension host, and returns the code the workbench reports when it ends.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { relayExtensionHostConsole } from './extensionHostConsole';
import { startSession } from './session';
import { repoRoot } from './tools';
import { workbenchUrl } from './workbenchUrl';

export interface SuiteRunOptions {
  /** The bundled suite module; defaults to the one `npm run build` writes. */
  extensionTestsPath?: string;
  /** The extension loaded from source; defaults to the repository (the extension under test). */
  extensionDevelopmentPath?: string;
  /** A .vsix installed before the run (the bench loads a probe from source and PromptOps from its package). */
  installVsix?: string;
  /** Opens the workspace untrusted (Workspace Trust on, never granted); see CodeServerOptions. */
  workspaceTrust?: boolean;
  /** Extra variables for the extension host (ANTHROPIC_BASE_URL is always set to the fake server). */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Prefix for the console relay, so two runs in one log can be told apart. */
  label?: string;
  /** Sees every line the extension host printed (benches read their figures from it). */
  onLine?: (line: string) => void;
}

export const defaultSuitePath = path.join(repoRoot, 'dist-test', 'vscode', 'suite', 'index.js');
export const artifactsDir = path.join(repoRoot, 'test-artifacts');

export interface SuiteRunResult {
  /** What the workbench passed to codeAutomationExit; 1 when the run never got there. */
  code: number;
  /** Mocha's closing counts, read from the relayed output; undefined when mocha never summarised. */
  passing?: number;
  failing?: number;
}

export async function runSuite(options: SuiteRunOptions = {}): Promise<SuiteRunResult> {
  const testsPath = options.extensionTestsPath ?? defaultSuitePath;
  await fs.access(testsPath).catch(() => {
    throw new Error(`${testsPath} is missing: run \`npm run build\` first.`);
  });
  const timeoutMs = options.timeoutMs ?? Number(process.env.PROMPTOPS_SUITE_TIMEOUT_MS ?? 300_000);
  const label = options.label ? `[${options.label}] ` : '';
  const session = await startSession({ installVsix: options.installVsix, workspaceTrust: options.workspaceTrust });
  let code = 1;
  try {
    const { page } = session;
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (exitCode: number) => resolve(exitCode));
    });
    const counts: { passing?: number; failing?: number } = {};
    const flushOutput = await relayExtensionHostConsole(page, (line) => {
      process.stdout.write(`${line.replace(/^/gm, label)}\n`);
      options.onLine?.(line);
      const summary = /^\s*(\d+) (passing|failing)\b/.exec(line);
      if (summary) counts[summary[2] as 'passing' | 'failing'] = Number(summary[1]);
    });
    const closed = new Promise<string>((resolve) => {
      page.once('crash', () => resolve('the workbench page crashed'));
      page.once('close', () => resolve('the workbench page closed'));
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`the suite did not finish within ${timeoutMs / 1000} s (set PROMPTOPS_SUITE_TIMEOUT_MS to allow longer)`), timeoutMs);
    });
    await page.goto(
      workbenchUrl(session.server.url, session.workspace.dir, {
        extensionDevelopmentPath: options.extensionDevelopmentPath ?? repoRoot,
        extensionTestsPath: testsPath,
        extensionEnvironment: { ANTHROPIC_BASE_URL: session.fake.url, ...options.env },
      }),
    );
    const outcome = await Promise.race([exited, closed, timedOut]);
    clearTimeout(timer);
    await flushOutput();
    if (typeof outcome === 'number') {
      code = outcome;
      console.log(`${label}harness: the workbench reported exit code ${code}`);
    } else {
      const shot = path.join(artifactsDir, `suite-failure-${Date.now()}.png`);
      await fs.mkdir(artifactsDir, { recursive: true });
      await page.screenshot({ path: shot }).catch(() => undefined);
      session.server.keepScratchOnStop();
      console.error(`${label}harness: ${outcome}; screenshot ${shot}; code-server.log and user-data/logs kept in ${session.server.scratchDir}`);
    }
    return { code, ...counts };
  } finally {
    await session.stop();
  }
}

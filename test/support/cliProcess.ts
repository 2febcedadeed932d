// The built CLI and the fake Anthropic server as child processes, for integration tests, benches and scripts.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const REPO = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const FAKE_MAIN = path.join(REPO, 'dist-test', 'fakeAnthropic.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Merged over a clean environment: no inherited ANTHROPIC_* variables unless given here. */
  env?: Record<string, string | undefined>;
}

/** Environment for a child: the parent's, minus anything that could reach the real API. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.ANTHROPIC_API_KEY;
  delete env.ANTHROPIC_BASE_URL;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

/** Starts `node dist/cli.js ARGS`; `done` resolves when it exits. */
export function startCli(args: string[], options: CliOptions = {}): { child: ChildProcess; done: Promise<CliResult>; stdout: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = once(child, 'close').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null, stdout, stderr }));
  return { child, done, stdout: () => stdout };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

export interface FakeProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `node dist-test/fakeAnthropic.js` with the given flags; resolves once it printed its URL. */
export async function startFakeProcess(args: string[] = []): Promise<FakeProcess> {
  const child = spawn(process.execPath, [FAKE_MAIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit').then(() => {
    throw new Error('the fake Anthropic server exited before printing its URL');
  });
  const [line] = (await Promise.race([once(createInterface({ input: child.stdout! }), 'line'), exited])) as [string];
  return {
    url: line.replace(/^FAKE_ANTHROPIC_URL=/, ''),
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exit = once(child, 'exit');
      child.kill('SIGTERM');
      await exit;
    },
  };
}

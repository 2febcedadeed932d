// A code-server on loopback with every folder it writes (HOME, TMPDIR, user data, extensions)
// inside one scratch folder, so a run leaves nothing in the real home and runs never share state.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { cleanUpOnInterrupt, removeNow } from './interruptCleanup';
import { assertToolsInstalled, codeServerEntry, node24Path } from './tools';

export interface CodeServer {
  url: string;
  /** Scratch folder holding home/, tmp/, user-data/, extensions/ and code-server.log. */
  scratchDir: string;
  /** Environment that points HOME and TMPDIR into the scratch folder; Chromium uses it too. */
  env: NodeJS.ProcessEnv;
  /** Leaves the scratch folder in place at stop, for reading code-server.log after a failure. */
  keepScratchOnStop(): void;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** A .vsix to install before the server starts (the packaged extension under test). */
  installVsix?: string;
  /** Variables for code-server, inherited by its extension host (what a user's shell would export). */
  env?: Record<string, string>;
  /**
   * Workspace Trust on, as in a default VS Code: the opened folder stays untrusted, since nothing grants it
   * and the startup prompt is off. Off by default, so the suite may run prompts.
   */
  workspaceTrust?: boolean;
}

// Quiet, deterministic workbench: no welcome page, tips, update checks or trust prompts.
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  assertToolsInstalled();
  const scratchDir = await fs.mkdtemp(path.join(os.tmpdir(), 'promptops-code-server-'));
  const dirs = {
    home: path.join(scratchDir, 'home'),
    tmp: path.join(scratchDir, 'tmp'),
    userData: path.join(scratchDir, 'user-data'),
    extensions: path.join(scratchDir, 'extensions'),
  };
  await Promise.all(Object.values(dirs).map((d) => fs.mkdir(d, { recursive: true })));
  await fs.mkdir(path.join(dirs.userData, 'User'), { recursive: true });
  const trust = options.workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  await fs.writeFile(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...trust }, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...inheritableEnv(),
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
    ...options.env,
  };
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  if (options.installVsix) {
    await promisify(execFile)(node24Path, [codeServerEntry, ...common, '--install-extension', options.installVsix], { env });
  }

  const port = await freePort();
  const log = createWriteStream(path.join(scratchDir, 'code-server.log'));
  const child = spawn(
    node24Path,
    [
      codeServerEntry,
      ...common,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      // Without it the built workbench ignores extensionTestsPath in the URL payload.
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const release = cleanUpOnInterrupt(() => {
    signalGroup(child, 'SIGKILL');
    removeNow(scratchDir);
  });

  const url = `http://127.0.0.1:${port}`;
  let keepScratch = false;
  const stop = async () => {
    release();
    await stopGroup(child);
    log.end();
    if (!keepScratch) await fs.rm(scratchDir, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    await waitForHealthz(url, child, path.join(scratchDir, 'code-server.log'));
  } catch (error) {
    keepScratch = true;
    await stop();
    throw error;
  }
  return { url, scratchDir, env, stop, keepScratchOnStop: () => void (keepScratch = true) };
}

/**
 * The extension host inherits code-server's environment: a real key or endpoint of the machine
 * must not reach the tests, and test switches arrive only through the URL payload.
 */
function inheritableEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(ANTHROPIC_|PROMPTOPS_)/.test(name)));
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealthz(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with code ${child.exitCode} before answering /healthz; see ${logFile}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within 60 s; see ${logFile}`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** code-server forks a file watcher and extension hosts, so the whole process group goes. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  // Children that outlive the leader (extension hosts, watchers) share its group.
  signalGroup(child, 'SIGKILL');
}

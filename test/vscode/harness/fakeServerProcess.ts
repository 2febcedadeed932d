// The fake Anthropic server as a child process (dist-test/fakeAnthropic.js, built by `npm run build`),
// so the extension host reaches it over loopback exactly as it would reach the real API.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { cleanUpOnInterrupt } from './interruptCleanup';
import { repoRoot } from './tools';

export interface FakeServerProcess {
  url: string;
  stop(): Promise<void>;
}

const script = path.join(repoRoot, 'dist-test', 'fakeAnthropic.js');

export async function startFakeServerProcess(): Promise<FakeServerProcess> {
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first.`);
  const child = spawn(process.execPath, [script, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const release = cleanUpOnInterrupt(() => child.kill('SIGKILL'));

  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      lines.close();
      // Anything printed later is drained, so a full pipe never blocks the server.
      child.stdout.resume();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`fake Anthropic server exited with code ${code} before printing its URL`)));
  });
  const match = /^FAKE_ANTHROPIC_URL=(\S+)$/.exec(firstLine);
  if (!match) {
    release();
    child.kill('SIGKILL');
    throw new Error(`fake Anthropic server printed ${JSON.stringify(firstLine)} instead of FAKE_ANTHROPIC_URL=...`);
  }
  return {
    url: match[1],
    stop: async () => {
      release();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

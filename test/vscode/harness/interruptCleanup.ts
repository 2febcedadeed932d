// Synchronous clean-ups that must run however the harness ends: normal exit, Ctrl-C or a CI's SIGTERM.
// (code-server runs in its own process group, so a Ctrl-C of the harness would not reach it.)
import * as fs from 'node:fs';

const cleanups = new Set<() => void>();

function runAll(): void {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Best effort: the rest still run.
    }
  }
  cleanups.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
}

/** Registers `cleanup` until the returned function is called (when the resource was released normally). */
export function cleanUpOnInterrupt(cleanup: () => void): () => void {
  if (cleanups.size === 0) {
    process.on('exit', runAll);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
    if (cleanups.size === 0) {
      process.off('exit', runAll);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  };
}

export function removeNow(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

import type { Logger } from '../core/types';

/** Diagnostics go to stderr so stdout stays the command's output (tables, answers, JSON). */
export function createStderrLogger(options: { verbose?: boolean } = {}): Logger {
  const write = (line: string): void => void process.stderr.write(`${line}\n`);
  return {
    debug: (m) => {
      if (options.verbose) write(m);
    },
    info: write,
    warn: (m) => write(`warning: ${m}`),
    error: (m) => write(`error: ${m}`),
  };
}

import type { Command } from 'commander';
import { positiveInt } from '../options';

export function registerTraces(program: Command): void {
  program
    .command('traces')
    .description('Show the newest entries of the trace log (one per model call, judge calls included)')
    .option('--tail <n>', 'how many', positiveInt, 20)
    .option('--json', 'one JSON record per line, as stored')
    .option('--prompt <path>', 'only calls of this prompt file')
    .option('--test <id>', 'only calls of this test id')
    .action(async (flags) => {
      const { tracesAction } = await import('../actions/traces');
      process.exitCode = await tracesAction(flags);
    });
}

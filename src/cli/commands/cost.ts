import type { Command } from 'commander';
import { positiveInt } from '../options';

export function registerCost(program: Command): void {
  program
    .command('cost')
    .description('Estimate what evaluating the prompts would cost, without calling any model')
    .argument('[paths...]', 'prompt files, tests files or folders (default: the current folder, not the whole workspace)')
    .option('--repeat <n>', 'runs per test', positiveInt, 1)
    .option('--no-cache', 'count calls the response cache would answer as paid')
    .action(async (paths: string[], flags) => {
      const { costAction } = await import('../actions/cost');
      process.exitCode = await costAction(paths, flags);
    });
}

import { Option, type Command } from 'commander';
import { positiveInt, timeoutOption, usd } from '../options';

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('Scores of a prompt across its Git commits, newest first; evaluates the versions not evaluated yet (exit 0 ok, 1 stopped early, 2 bad usage)')
    .argument('<file>', 'a *.prompt file')
    .option('--limit <n>', 'the newest N commits (the working copy is listed on top when it has changes)', positiveInt)
    .option('--json', 'print { file, note, versions: [...] } as JSON')
    .option('--tests-at-commit', "evaluate each version against the tests as they were at its commit (default: today's tests)")
    .option('--repeat <n>', 'runs per test (separate samples)', positiveInt, 1)
    .option('--concurrency <n>', 'model calls in flight at once (default: config, else 8)', positiveInt)
    .addOption(new Option('--provider <name>', 'where answers come from (default: anthropic with ANTHROPIC_API_KEY, else replay)').choices(['anthropic', 'replay']))
    .addOption(timeoutOption())
    .option('--no-cache', 'ask the model even when the response cache has the answer')
    .option('--max-cost <usd>', 'refuse to evaluate the missing versions when their estimate is above this', usd)
    .action(async (file: string, flags) => {
      const { historyAction } = await import('../actions/history');
      process.exitCode = await historyAction(file, flags);
    });
}

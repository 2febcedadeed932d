import { Option, type Command } from 'commander';
import { collect, positiveInt, reportFile, timeoutOption, usd } from '../options';

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('Run the test suites of prompt files and print a table per prompt (exit 0 all passed, 1 a test failed, 2 bad usage or invalid files)')
    .argument('[paths...]', 'prompt files, tests files or folders (default: the current folder, not the whole workspace)')
    .option('--repeat <n>', 'runs per test (separate samples)', positiveInt, 1)
    .option('--concurrency <n>', 'model calls in flight at once (default: config, else 8)', positiveInt)
    .addOption(new Option('--provider <name>', 'where answers come from (default: anthropic with ANTHROPIC_API_KEY, else replay)').choices(['anthropic', 'replay']))
    .addOption(timeoutOption())
    .option('--record', 'write each live answer to <prompt>.recordings.jsonl for offline replay (bypasses the cache)')
    .option('--no-cache', 'ask the model even when the response cache has the answer')
    .option('--max-cost <usd>', 'refuse a run estimated above this, stop one that crosses it', usd)
    .option('--test <id>', 'run only this test id (repeatable)', collect)
    .option('--json <file>', 'write a JSON report', reportFile)
    .option('--junit <file>', 'write a JUnit XML report', reportFile)
    .action(async (paths: string[], flags) => {
      const { evalAction } = await import('../actions/eval');
      process.exitCode = await evalAction(paths, flags);
    });
}

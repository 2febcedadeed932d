import { Option, type Command } from 'commander';
import { positiveInt, timeoutOption, usd } from '../options';

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description(
      'Per-test score changes between two versions of a prompt, regressions first (default: HEAD → working copy, or the last change when there is none; exit 1 on a significant regression, 0 otherwise, 2 bad usage)',
    )
    .argument('<file>', 'a *.prompt file')
    .argument('[before]', 'a revision (sha, branch, tag, HEAD~N) or "working"; alone, it is compared with the working copy')
    .argument('[after]', 'a revision or "working" (default: working)')
    .option('--repeat <n>', 'runs per test: with 2 or more, each change gets a 95% confidence interval and a verdict', positiveInt, 1)
    .option('--json', 'print the diff as JSON')
    .option('--tests-at-commit', "evaluate each version against the tests as they were at its commit (default: today's tests)")
    .option('--concurrency <n>', 'model calls in flight at once (default: config, else 8)', positiveInt)
    .addOption(new Option('--provider <name>', 'where answers come from (default: anthropic with ANTHROPIC_API_KEY, else replay)').choices(['anthropic', 'replay']))
    .addOption(timeoutOption())
    .option('--no-cache', 'ask the model even when the response cache has the answer')
    .option('--max-cost <usd>', 'refuse to evaluate when the estimate is above this', usd)
    .action(async (file: string, before: string | undefined, after: string | undefined, flags) => {
      const { diffAction } = await import('../actions/diff');
      process.exitCode = await diffAction(file, [before, after].filter((r): r is string => r !== undefined), flags);
    });
}

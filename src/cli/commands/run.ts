import { Option, type Command } from 'commander';
import { collectVar, timeoutOption } from '../options';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Render a prompt and stream the model\'s answer, then its tokens, cost, latency and trace id')
    .argument('<file>', 'a *.prompt file')
    .option('--var <name=value>', 'a template variable (repeatable; JSON values such as 3 or [1,2] are parsed)', collectVar)
    .option('--test <id>', "use this test's variables and grade the answer with its assertions")
    .addOption(new Option('--provider <name>', 'where the answer comes from (default: anthropic with ANTHROPIC_API_KEY, else replay)').choices(['anthropic', 'replay']))
    .addOption(timeoutOption())
    .action(async (file: string, flags) => {
      const { runAction } = await import('../actions/run');
      process.exitCode = await runAction(file, flags);
    });
}

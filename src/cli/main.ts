// The `promptops` command. Kept light: each command's work is imported only when that command runs,
// so `promptops --version` and `--help` start fast.
import { Command, CommanderError } from 'commander';
import { setFlagsFromString } from 'node:v8';
import { version } from '../../package.json';
import { redactSecrets } from '../core/redact';
import { registerCost } from './commands/cost';
import { registerDiff } from './commands/diff';
import { registerEval } from './commands/eval';
import { registerHistory } from './commands/history';
import { registerRun } from './commands/run';
import { registerTraces } from './commands/traces';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './exitCodes';

// Once undici's WebAssembly HTTP parser (llhttp) gets hot, V8 recompiles it with its optimizing compiler in a
// background thread: ~25 MB of compiler memory and ~80 ms of CPU that a CLI run of a few hundred calls never earns
// back (bench/eval-overhead: peak RSS of a 200-call eval 116 → 106 MB, CPU −8%, wall time unchanged). The
// baseline compiler's code parses model responses fast enough. Read when undici first compiles the parser.
setFlagsFromString('--liftoff-only');

const program = new Command('promptops')
  .description('Prompts as production code: run, test, cost and trace Dotprompt files')
  .version(version, '-v, --version')
  .exitOverride()
  .showHelpAfterError('(run with --help for usage)');

registerRun(program);
registerEval(program);
registerTraces(program);
registerCost(program);
registerHistory(program);
registerDiff(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? EXIT_OK : EXIT_USAGE;
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`promptops: internal error: ${redactSecrets(message, [process.env.ANTHROPIC_API_KEY])}\n`);
  process.exitCode = EXIT_FAILED;
});

// `promptops run FILE`: render the prompt with the given variables (or a test's), stream the answer to
// stdout, then tokens, cost, latency and trace id on stderr; with --test, grade it with the test's assertions.
import pLimit from 'p-limit';
import * as path from 'node:path';
import { formatCount, formatLatency, formatScore, formatUsd } from '../../core/format';
import { commitOfFile } from '../../core/gitInfo';
import { ModelCaller } from '../../core/modelCall';
import { FILE_START, formatProblem, hasErrors } from '../../core/problems';
import { chooseProvider, type ProviderKind } from '../../core/providerChoice';
import { describeRecordings, recordingsPathFor } from '../../core/providers/recording';
import { renderPrompt } from '../../core/render';
import { relativePath } from '../../core/runPlan';
import { executeTest } from '../../core/testExecution';
import type { Problem, TestCase } from '../../core/types';
import { loadPromptWithTests } from '../../core/workspace';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { createStderrLogger } from '../logger';
import { dim, green, red, yellow } from '../present/colors';
import { openSession } from '../session';
import { interruptOnSigint } from '../sigint';

export interface RunFlags {
  var?: Record<string, unknown>;
  test?: string;
  provider?: ProviderKind;
  timeout?: number;
}

export async function runAction(file: string, flags: RunFlags): Promise<number> {
  const err = (text: string): void => void process.stderr.write(`${text}\n`);
  const printProblems = (problems: readonly Problem[]): boolean => {
    for (const p of problems) err(formatProblem(p, process.cwd()));
    return hasErrors([...problems]);
  };
  const promptPath = path.resolve(file);
  const opened = await openSession(promptPath, { requestTimeoutSeconds: flags.timeout });
  if (!opened.ok) {
    opened.lines.forEach(err);
    return EXIT_USAGE;
  }
  const { root, config, traceLog, secrets, apiKey } = opened.session;
  const { prompt, suite } = await loadPromptWithTests(promptPath, root);
  if (printProblems(prompt.problems)) return EXIT_USAGE;

  let test: TestCase = { id: 'run', vars: {}, assert: [], threshold: 1, range: FILE_START };
  if (flags.test) {
    if (suite && printProblems(suite.problems)) return EXIT_USAGE;
    const found = suite?.tests.find((t) => t.id === flags.test);
    if (!found) {
      err(`error: no test "${flags.test}" in ${suite ? path.relative(process.cwd(), suite.path) : `a tests file beside ${file}`}`);
      return EXIT_USAGE;
    }
    test = found;
  }
  const vars = { ...test.vars, ...flags.var };
  const rendered = await renderPrompt(prompt, vars, config);
  if (!rendered.ok) {
    printProblems(rendered.problems);
    return EXIT_USAGE;
  }

  const logger = createStderrLogger();
  const choice = chooseProvider({ requested: flags.provider, apiKey, baseURL: config.baseURL, timeoutMs: config.requestTimeoutSeconds * 1000, recordingFiles: [recordingsPathFor(promptPath)], logger });
  if (!choice.ok) {
    err(`error: ${choice.message}\n  ${choice.hint}`);
    return EXIT_USAGE;
  }
  if (choice.notice) err(yellow(choice.notice));

  const controller = new AbortController();
  const stopSigint = interruptOnSigint(controller, () => err(yellow('\nStopping. Press Ctrl-C again to quit now.')));
  let streamed = false;
  const caller = new ModelCaller({ provider: choice.provider, config, traceLog, limit: pLimit(1), signal: controller.signal, secrets });
  const outcome = await executeTest({ prompt, relPath: relativePath(root, promptPath) }, { test, request: rendered.request }, 0, {
    caller,
    site: { commit: await commitOfFile(promptPath) },
    trusted: true,
    judgeModel: config.judgeModel,
    signal: controller.signal,
    onText: (delta) => {
      streamed = true;
      process.stdout.write(delta);
    },
  }).finally(stopSigint);

  if (outcome.status === 'skipped') {
    err(yellow('\nCancelled.'));
    return EXIT_FAILED;
  }
  const r = outcome.result;
  if (r.error) {
    if (streamed) process.stdout.write('\n');
    err(red(`error (${r.error.type}): ${r.error.message}`));
    return EXIT_FAILED;
  }
  if (!streamed) process.stdout.write(r.output);
  process.stdout.write('\n');
  const recorded = r.recorded ? ` · ${describeRecordings([r.recordingSource])}` : '';
  err(
    dim(
      `tokens ${formatCount(r.usage.inputTokens)} in / ${formatCount(r.usage.outputTokens)} out · ${r.costUsd === null ? formatUsd(null) : `cost ${formatUsd(r.costUsd)}`}${r.judgeCostUsd ? ` + judge ${formatUsd(r.judgeCostUsd)}` : ''} · latency ${formatLatency(r.latencyMs)} · trace ${r.traceId}${recorded}`,
    ),
  );
  if (!flags.test) return EXIT_OK;
  for (const a of r.assertions) err(`  ${a.pass ? green('✓') : red('✗')} ${a.type}: ${a.reason}`);
  err(`${r.pass ? green('pass') : red('FAIL')} · score ${formatScore(r.score)} (threshold ${test.threshold})`);
  return r.pass ? EXIT_OK : EXIT_FAILED;
}

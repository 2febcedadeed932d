// `promptops eval`: plan, estimate (refusing over budget), run with progress on a terminal, print a table
// per prompt, totals and estimated vs actual cost, write the reports. Ctrl-C stops new calls and keeps
// what finished; a second Ctrl-C quits at once.
import { writeFile } from 'node:fs/promises';
import { estimatePlan } from '../../core/planEstimate';
import { formatProblem, hasErrors } from '../../core/problems';
import { chooseProvider, type ProviderKind } from '../../core/providerChoice';
import { recordingsPathFor, withRecording } from '../../core/providers/recording';
import { runEval } from '../../core/runner';
import { buildPlan } from '../../core/runPlan';
import { sumTotals } from '../../core/runTotals';
import { createTokenCounter } from '../../core/tokenCounter';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { createStderrLogger } from '../logger';
import { yellow } from '../present/colors';
import { formatAccuracy, formatEstimate, formatFailures, formatRunStopped, formatRunTable, formatTotals } from '../present/evalOutput';
import { jsonReport } from '../present/jsonReport';
import { junitReport } from '../present/junitReport';
import { ProgressLine } from '../present/progress';
import { openSession, pathsOrCwd } from '../session';
import { interruptOnSigint } from '../sigint';

export interface EvalFlags {
  repeat: number;
  concurrency?: number;
  provider?: ProviderKind;
  record?: boolean;
  cache: boolean;
  maxCost?: number;
  json?: string;
  junit?: string;
  test?: string[];
  timeout?: number;
}

export async function evalAction(paths: string[], flags: EvalFlags): Promise<number> {
  const out = (text: string): void => void process.stdout.write(`${text}\n`);
  const err = (text: string): void => void process.stderr.write(`${text}\n`);
  const logger = createStderrLogger();

  const targets = pathsOrCwd(paths);
  const opened = await openSession(targets[0], { concurrency: flags.concurrency, maxCostUsd: flags.maxCost, requestTimeoutSeconds: flags.timeout });
  if (!opened.ok) {
    opened.lines.forEach(err);
    return EXIT_USAGE;
  }
  const { root, config, traceLog, runStore, secrets, apiKey } = opened.session;
  const plan = await buildPlan({ workspaceRoot: root, paths: targets, config, testIds: flags.test });
  for (const p of plan.problems) err(formatProblem(p, process.cwd()));
  if (hasErrors(plan.problems)) return EXIT_USAGE;
  for (const file of plan.untested) logger.info(`skipped ${file}: no tests file beside it`);

  const choice = chooseProvider({
    requested: flags.provider,
    apiKey,
    baseURL: config.baseURL,
    timeoutMs: config.requestTimeoutSeconds * 1000,
    recordingFiles: plan.prompts.map((p) => recordingsPathFor(p.prompt.path)),
    logger,
  });
  if (!choice.ok) {
    err(`error: ${choice.message}\n  ${choice.hint}`);
    return EXIT_USAGE;
  }
  if (flags.record && choice.kind !== 'anthropic') {
    err('error: --record needs the live provider.\n  Set ANTHROPIC_API_KEY and use --provider anthropic --record.');
    return EXIT_USAGE;
  }
  if (choice.notice) err(yellow(choice.notice));
  // A recording run asks the model every time: a cached answer would leave its request unrecorded.
  const cache = flags.cache && !flags.record ? opened.session.cache : undefined;
  const repeat = flags.repeat;

  // Counting tokens can take a while on a large suite: Ctrl-C then ends the command before any model call.
  const estimating = new AbortController();
  const stopEstimateSigint = interruptOnSigint(estimating, () => undefined);
  const estimate = await estimatePlan(plan, {
    config,
    repeat,
    traceLog,
    cache,
    tokenCounter: createTokenCounter({ provider: choice.provider, cache: opened.session.tokenCounts }),
    signal: estimating.signal,
  }).finally(stopEstimateSigint);
  if (estimating.signal.aborted) {
    err(yellow('Interrupted before any call: nothing was run.'));
    return EXIT_FAILED;
  }
  err(formatEstimate(estimate, { maxCostUsd: config.maxCostUsd, exactInput: estimate.exactInputTokens, repeat }));

  const progress = new ProgressLine();
  const controller = new AbortController();
  const stopSigint = interruptOnSigint(controller, () => progress.note(yellow('Stopping: no new calls; finished results are kept. Press Ctrl-C again to quit now.')));
  let outcome;
  try {
    outcome = await runEval(plan, {
      provider: choice.provider,
      providerFor: flags.record ? (planned) => withRecording(choice.provider, recordingsPathFor(planned.prompt.path), { logger, secrets }) : undefined,
      config,
      repeat,
      concurrency: config.concurrency,
      cache,
      traceLog,
      runStore,
      trusted: true,
      signal: controller.signal,
      maxCostUsd: config.maxCostUsd,
      estimate,
      secrets,
      onEvent: (event) => {
        progress.onEvent(event);
        if (event.type === 'budget-stopped') progress.note(yellow(event.message));
      },
    });
  } finally {
    stopSigint();
    progress.clear();
  }
  if (!outcome.ok) {
    err(`error: ${outcome.message}\n  ${outcome.hint}`);
    return EXIT_USAGE;
  }

  const totals = sumTotals(
    outcome.runs.map((r) => r.totals),
    outcome.durationMs,
  );
  const anyRecorded = outcome.runs.some((r) => r.results.some((x) => x.recorded));
  out('');
  for (const run of outcome.runs) out(`${formatRunTable(run)}\n`);
  const failures = formatFailures(outcome.runs);
  if (failures) out(`${failures}\n`);
  out(formatTotals(totals, anyRecorded));
  out(formatAccuracy(estimate.totalUsd, totals.costUsd + totals.judgeCostUsd, estimate.basis, estimate.exactInputTokens, totals.costIncomplete));
  if (outcome.status !== 'completed') out(formatRunStopped(outcome.status, totals.tests));

  if (flags.json) await writeFile(flags.json, `${JSON.stringify(jsonReport(outcome.runs, totals, estimate.totalUsd, outcome.status), null, 2)}\n`);
  if (flags.junit) await writeFile(flags.junit, junitReport(outcome.runs, totals));

  const allPassed = outcome.status === 'completed' && totals.failed === 0 && totals.errored === 0;
  return allPassed ? EXIT_OK : EXIT_FAILED;
}

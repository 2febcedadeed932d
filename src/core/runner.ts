// Runs a plan: every test × repeat of every prompt, calls bounded by one concurrency limit across the
// whole eval. One run record per prompt, each result appended to it the moment it completes, so what
// finished survives a cancel, a budget stop or a crash. No output of its own: progress goes to `onEvent`.
import pLimit from 'p-limit';
import { allowCallsInFlight } from './abortListeners';
import { BudgetGuard, checkBudget } from './budget';
import type { RunEstimate } from './costEstimate';
import { commitOfFile, type FileCommit } from './gitInfo';
import { GRADERS_VERSION } from './graders';
import { ModelCaller } from './modelCall';
import { relativePath, type Plan, type PlannedPrompt } from './runPlan';
import { totalsOf } from './runTotals';
import type { ResponseCache } from './store/responseCache';
import { newRunId, type RunHeader, type RunStore, type RunWriter } from './store/runStore';
import type { TraceLog } from './store/traceLog';
import { executeTest } from './testExecution';
import type { ProjectConfig, Provider, RunRecord, TestResult } from './types';

export interface EvalOptions {
  provider: Provider;
  config: ProjectConfig;
  /** Samples per test (≥ 1). */
  repeat: number;
  /** Model calls in flight at once, across all prompts (≥ 1). */
  concurrency: number;
  /** Absent: every call goes to the provider (`--no-cache`). */
  cache?: ResponseCache;
  traceLog: TraceLog;
  runStore: RunStore;
  /** Only a trusted workspace runs `javascript` assertions. */
  trusted: boolean;
  /** Aborting stops new calls and aborts those in flight; finished results are kept. */
  signal?: AbortSignal;
  /** Refuse the run when its estimate exceeds this; stop starting tests once actual spend crosses it. */
  maxCostUsd?: number;
  /** The cost estimate of this plan (see `estimatePlan`), checked against `maxCostUsd` and kept in each record. */
  estimate: RunEstimate;
  /** Values that must never reach a trace or record (the API key). */
  secrets?: readonly string[];
  onEvent?: (event: RunEvent) => void;
  /** The provider for one prompt's calls when it differs (`--record` writes each prompt's recordings beside it). */
  providerFor?: (planned: PlannedPrompt) => Provider;
  /** Which commit a prompt file's content came from; default: asks git. */
  commitOf?: (file: string) => Promise<FileCommit>;
}

export type RunEvent =
  | { type: 'run-start'; run: RunHeader; tests: number }
  | { type: 'test-done'; runId: string; result: TestResult }
  | { type: 'budget-stopped'; message: string }
  | { type: 'run-end'; run: RunRecord };

export type EvalStatus = Exclude<RunRecord['status'], 'running' | 'failed'>;

export type EvalOutcome =
  | { ok: true; status: EvalStatus; runs: RunRecord[]; durationMs: number }
  /** Refused before any call: the estimate is over the budget (or unknown while a budget is set). */
  | { ok: false; reason: 'over-budget'; message: string; hint: string };

interface ActiveRun {
  planned: PlannedPrompt;
  header: RunHeader;
  caller: ModelCaller;
  writer: RunWriter;
  results: TestResult[];
}

export async function runEval(plan: Plan, options: EvalOptions): Promise<EvalOutcome> {
  const { estimate, maxCostUsd } = options;
  const check = checkBudget(estimate.totalUsd, maxCostUsd, estimate.unknownModels);
  if (!check.ok) return { ok: false, reason: 'over-budget', message: check.message, hint: check.hint };

  const started = Date.now();
  const emit = options.onEvent ?? (() => undefined);
  const repeat = Math.max(1, Math.floor(options.repeat));
  const budget = new BudgetGuard(maxCostUsd);
  const caller = new ModelCaller({
    provider: options.provider,
    config: options.config,
    traceLog: options.traceLog,
    cache: options.cache,
    limit: pLimit(Math.max(1, Math.floor(options.concurrency))),
    signal: options.signal,
    budget,
    secrets: options.secrets,
  });
  const commitOf = options.commitOf ?? commitOfFile;
  allowCallsInFlight(options.signal, options.concurrency);

  const runs: ActiveRun[] = [];
  const commits = await Promise.all(plan.prompts.map((planned) => commitOf(planned.prompt.path)));
  for (const [i, planned] of plan.prompts.entries()) {
    const header = headerFor(plan, planned, commits[i], options, repeat);
    const runCaller = options.providerFor ? caller.withProvider(options.providerFor(planned)) : caller;
    runs.push({ planned, header, caller: runCaller, writer: await options.runStore.begin(header), results: [] });
    emit({ type: 'run-start', run: header, tests: planned.cases.length * repeat });
  }

  let budgetReported = false;
  const tasks = runs.flatMap((run) =>
    run.planned.cases.flatMap((testCase) =>
      Array.from({ length: repeat }, async (_, repeatIndex) => {
        const outcome = await executeTest(run.planned, testCase, repeatIndex, {
          caller: run.caller,
          site: { commit: run.header.prompt.commit, runId: run.header.runId },
          trusted: options.trusted,
          judgeModel: options.config.judgeModel,
          signal: options.signal,
        });
        if (outcome.status === 'skipped') {
          if (outcome.reason === 'budget' && !budgetReported) {
            budgetReported = true;
            emit({ type: 'budget-stopped', message: budget.stopMessage() });
          }
          return;
        }
        run.results.push(outcome.result);
        await run.writer.append(outcome.result);
        emit({ type: 'test-done', runId: run.header.runId, result: outcome.result });
      }),
    ),
  );
  await Promise.all(tasks);

  const status: EvalStatus = options.signal?.aborted ? 'cancelled' : budget.exceeded && budgetReported ? 'budget-stopped' : 'completed';
  const durationMs = Date.now() - started;
  const records: RunRecord[] = [];
  for (const run of runs) {
    const finishedAt = new Date().toISOString();
    const totals = totalsOf(run.results, durationMs);
    await run.writer.finish({ status, finishedAt, totals });
    const record: RunRecord = { ...run.header, status, finishedAt, results: inPlanOrder(run), totals };
    records.push(record);
    emit({ type: 'run-end', run: record });
  }
  return { ok: true, status, runs: records, durationMs };
}

function headerFor(plan: Plan, planned: PlannedPrompt, commit: FileCommit, options: EvalOptions, repeat: number): RunHeader {
  const perPrompt = options.estimate.perPrompt.find((p) => p.promptPath === planned.relPath);
  const estimatedCostUsd = perPrompt ? (perPrompt.promptUsd === null || perPrompt.judgeUsd === null ? null : perPrompt.promptUsd + perPrompt.judgeUsd) : undefined;
  return {
    runId: newRunId(),
    startedAt: new Date().toISOString(),
    status: 'running',
    prompt: { path: planned.relPath, hash: planned.prompt.hash, commit },
    tests: { path: relativePath(plan.workspaceRoot, planned.suite.path), hash: planned.suite.hash },
    model: planned.model,
    provider: options.provider.id,
    gradersVersion: GRADERS_VERSION,
    repeat,
    selection: plan.selection,
    estimatedCostUsd,
  };
}

// The store keeps completion order (what a crash leaves); callers get the suite's order, repeats together.
function inPlanOrder(run: ActiveRun): TestResult[] {
  const position = new Map(run.planned.cases.map((c, i) => [c.test.id, i]));
  return [...run.results].sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0) || a.repeatIndex - b.repeatIndex);
}

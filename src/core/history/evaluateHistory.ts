// Scores of a prompt across its versions. Each version runs against today's tests by default (apples
// to apples) or the tests as they were at its commit. A version already evaluated with the same prompt
// hash, tests hash, model, graders and repeat count is reused from the run store, so reopening history
// costs nothing; the missing ones are estimated first, refused as a whole when over the budget, then
// run one version at a time through the runner, each recorded with its commit.
import { checkBudget } from '../budget';
import { GRADERS_VERSION } from '../graders';
import { estimatePlan, type PlanEstimate } from '../planEstimate';
import type { Plan, PlannedPrompt } from '../runPlan';
import { runEval, type RunEvent } from '../runner';
import type { ResponseCache } from '../store/responseCache';
import { reuseKey, type RunStore } from '../store/runStore';
import type { TraceLog } from '../store/traceLog';
import type { TokenCounter } from '../tokenCounter';
import type { Problem, ProjectConfig, Provider, RunRecord } from '../types';
import { summarizeRun, type RunSummary } from './runSummary';
import { planVersion, type TestsAt } from './versionPlan';
import { readPromptsAt, WORKING, type PromptVersion } from './versions';

export type VersionStatus =
  /** A stored run stands for this version: nothing was spent. */
  | 'reused'
  /** Run now. */
  | 'evaluated'
  /** Not evaluated yet (`evaluate: 'none'`, or refused by the budget, or cancelled before its turn). */
  | 'missing'
  /** The prompt or tests at this version have errors, or a test cannot render: see `problems`. */
  | 'invalid'
  /** No tests file (today, or at the commit with `testsAt: 'commit'`). */
  | 'no-tests'
  /** Its run stopped early (cancelled or over the budget); the partial run is kept. */
  | 'partial';

export interface VersionEvaluation {
  version: PromptVersion;
  status: VersionStatus;
  run?: RunRecord;
  summary?: RunSummary;
  problems: Problem[];
  model?: string;
  testsHash?: string;
}

export type HistoryEvent =
  | { type: 'estimate'; estimate: PlanEstimate; versions: PromptVersion[] }
  | { type: 'version-start'; version: PromptVersion; index: number; of: number }
  | { type: 'run'; version: PromptVersion; event: RunEvent }
  | { type: 'version-done'; evaluation: VersionEvaluation };

export interface HistoryOptions {
  /** The prompt in the working tree (absolute path). */
  promptPath: string;
  workspaceRoot: string;
  /** From `listPromptVersions`, newest first (already limited). */
  versions: PromptVersion[];
  /** Default `today`. */
  testsAt?: TestsAt;
  /** `missing` (default): run the versions nothing can be reused for; `none`: only report what is stored. */
  evaluate?: 'missing' | 'none';
  config: ProjectConfig;
  /** Absent: nothing is run (as with `evaluate: 'none'`). */
  provider?: Provider;
  /** Samples per test; default 1. */
  repeat?: number;
  concurrency?: number;
  cache?: ResponseCache;
  traceLog: TraceLog;
  runStore: RunStore;
  tokenCounter?: TokenCounter;
  trusted: boolean;
  signal?: AbortSignal;
  /** Limit for everything this call runs (all missing versions together). */
  maxCostUsd?: number;
  secrets?: readonly string[];
  onEvent?: (event: HistoryEvent) => void;
}

export interface HistoryResult {
  /** In the order of `versions` (newest first). */
  evaluations: VersionEvaluation[];
  /** Estimate of the versions that were missing (undefined when none was). */
  estimate?: PlanEstimate;
  /** Set when the budget refused the missing versions, before or between runs. */
  refused?: { message: string; hint: string };
  reused: number;
  evaluated: number;
}

function commitOf(version: PromptVersion): string {
  if (version.commit !== WORKING) return version.commit;
  return version.repoRoot ? 'dirty' : 'none';
}

function planOf(workspaceRoot: string, prompts: PlannedPrompt[]): Plan {
  return { workspaceRoot, prompts, problems: [], untested: [] };
}

function spentOn(run: RunRecord): number {
  return run.totals.costUsd + run.totals.judgeCostUsd;
}

/** Never throws for user or API errors: they come back as statuses, problems and `refused`. */
export async function evaluateHistory(options: HistoryOptions): Promise<HistoryResult> {
  const { workspaceRoot, config, runStore } = options;
  const repeat = Math.max(1, Math.floor(options.repeat ?? 1));
  const emit = options.onEvent ?? (() => undefined);
  const evaluations: VersionEvaluation[] = [];

  // Versions with the same text (a rename, a revert) share one reuse key: run once, reused by the others.
  const missing = new Map<string, { evaluation: VersionEvaluation; planned: PlannedPrompt; twins: VersionEvaluation[] }>();

  const texts = await readPromptsAt(options.versions);
  const stored = await runStore.reusableIndex();
  for (const [i, version] of options.versions.entries()) {
    const plan = await planVersion(version, texts[i], { promptPath: options.promptPath, workspaceRoot, config, testsAt: options.testsAt ?? 'today' });
    const evaluation: VersionEvaluation = { version, status: 'missing', problems: [] };
    evaluations.push(evaluation);
    if (!plan.ok) {
      Object.assign(evaluation, { status: plan.status, problems: plan.problems });
      continue;
    }
    const { planned } = plan;
    Object.assign(evaluation, { model: planned.model, testsHash: planned.suite.hash, problems: [...planned.prompt.problems, ...planned.suite.problems] });
    const id = reuseKey({ promptHash: planned.prompt.hash, testsHash: planned.suite.hash, model: planned.model, gradersVersion: GRADERS_VERSION, repeat });
    const twin = missing.get(id);
    if (twin) {
      twin.twins.push(evaluation);
      continue;
    }
    const run = stored.get(id);
    if (run) Object.assign(evaluation, { status: 'reused', run, summary: summarizeRun(run, config.pricing) });
    else missing.set(id, { evaluation, planned, twins: [] });
  }

  const result: HistoryResult = { evaluations, reused: 0, evaluated: 0 };
  const todo = [...missing.values()];
  const finish = (): HistoryResult => ({ ...result, reused: evaluations.filter((e) => e.status === 'reused').length });
  if (!todo.length) return finish();
  const estimateOptions = { config, repeat, traceLog: options.traceLog, cache: options.cache, tokenCounter: options.tokenCounter, signal: options.signal };
  result.estimate = await estimatePlan(planOf(workspaceRoot, todo.map((m) => m.planned)), estimateOptions);
  const provider = options.provider;
  if (options.evaluate === 'none' || !provider) return finish();
  const check = checkBudget(result.estimate.totalUsd, options.maxCostUsd, result.estimate.unknownModels);
  if (!check.ok) return { ...finish(), refused: { message: check.message, hint: check.hint } };
  emit({ type: 'estimate', estimate: result.estimate, versions: todo.map((m) => m.evaluation.version) });

  let spent = 0;
  for (const [index, { evaluation, planned, twins }] of todo.entries()) {
    if (options.signal?.aborted) break;
    const { version } = evaluation;
    emit({ type: 'version-start', version, index, of: todo.length });
    const plan = planOf(workspaceRoot, [planned]);
    const outcome = await runEval(plan, {
      provider,
      config,
      repeat,
      concurrency: options.concurrency ?? config.concurrency,
      cache: options.cache,
      traceLog: options.traceLog,
      runStore,
      trusted: options.trusted,
      signal: options.signal,
      maxCostUsd: options.maxCostUsd === undefined ? undefined : options.maxCostUsd - spent,
      estimate: await estimatePlan(plan, estimateOptions),
      secrets: options.secrets,
      onEvent: (event) => emit({ type: 'run', version, event }),
      commitOf: async () => commitOf(version),
    });
    if (!outcome.ok) {
      result.refused = { message: outcome.message, hint: outcome.hint };
      break;
    }
    const run = outcome.runs[0];
    spent += spentOn(run);
    const summary = summarizeRun(run, config.pricing);
    Object.assign(evaluation, { status: outcome.status === 'completed' ? 'evaluated' : 'partial', run, summary });
    if (outcome.status === 'completed') for (const twin of twins) Object.assign(twin, { status: 'reused', run, summary });
    result.evaluated++;
    emit({ type: 'version-done', evaluation });
    if (outcome.status !== 'completed') {
      if (outcome.status === 'budget-stopped') result.refused = { message: `Stopped at version ${version.shortSha}: the budget is spent.`, hint: 'Raise the limit with --max-cost, or evaluate fewer versions (--limit).' };
      break;
    }
  }
  return finish();
}

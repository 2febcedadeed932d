// What `promptops eval` and `promptops cost` print: the estimate before the run, a table per prompt,
// the reasons of failures, totals, and estimated vs actual cost.
import { describeEstimate, type RunEstimate } from '../../core/costEstimate';
import { formatCostSum, formatCount, formatDelta, formatLatency, formatScore, formatUsd, NO_VALUE } from '../../core/format';
import { describeRecordings } from '../../core/providers/recording';
import type { RunRecord, RunTotals, TestResult } from '../../core/types';
import { bold, dim, green, red, yellow } from './colors';
import { formatTable, type Column } from './table';

const BASIS: Record<RunEstimate['basis'], string> = {
  history: 'median output tokens of past calls',
  max_tokens: 'max_tokens as output (no past calls yet): an upper bound',
  mixed: 'median output of past calls where known, else max_tokens (upper bound)',
};

export interface EstimateContext {
  maxCostUsd?: number;
  /** Input tokens came from the API's count_tokens (else an offline approximation, shown with ≈). */
  exactInput: boolean;
  repeat: number;
}

export function formatEstimate(estimate: RunEstimate, ctx: EstimateContext): string {
  const repeats = ctx.repeat > 1 ? `, ${ctx.repeat} repeats per test` : '';
  const lines = [
    `${bold('Estimated cost:')} ${describeEstimate(estimate, ctx.exactInput)}${repeats}`,
    dim(`  basis: ${BASIS[estimate.basis]}; input tokens ${ctx.exactInput ? 'counted by the API' : 'estimated offline (≈)'}`),
    dim(`  budget: ${ctx.maxCostUsd === undefined ? 'none (set --max-cost USD or maxCostUsd in promptops.config.yaml)' : `${formatUsd(ctx.maxCostUsd)} per run`}`),
  ];
  for (const model of estimate.unknownModels) lines.push(yellow(`  cost unknown for model "${model}": add its price under pricing: in promptops.config.yaml`));
  return lines.join('\n');
}

/** Per-prompt estimate rows for `promptops cost`. */
export function formatEstimateTable(estimate: RunEstimate, exactInput: boolean): string {
  const approx = exactInput ? '' : '≈';
  const columns: Column[] = [
    { header: 'prompt' },
    { header: 'model' },
    { header: 'calls', align: 'right' },
    { header: 'cached', align: 'right' },
    { header: 'input tok', align: 'right' },
    { header: 'output tok/call', align: 'right' },
    { header: 'prompt cost', align: 'right' },
    { header: 'judge cost', align: 'right' },
  ];
  const rows = estimate.perPrompt.map((p) => [
    p.promptPath,
    p.model,
    String(p.calls),
    String(p.cachedCalls),
    `${approx}${formatCount(p.inputTokens)}`,
    `${p.outputTokensPerCall}${p.basis === 'max_tokens' ? ' (max)' : ''}`,
    `${approx}${formatUsd(p.promptUsd)}`,
    p.judgeCalls ? `${approx}${formatUsd(p.judgeUsd)}` : NO_VALUE,
  ]);
  return formatTable(columns, rows);
}

/** A result's name in reports: its test id, and which repeat when the run repeated tests. */
export function resultLabel(r: TestResult, repeat: number): string {
  return repeat > 1 ? `${r.id} #${r.repeatIndex + 1}` : r.id;
}

export function formatRunTable(run: RunRecord): string {
  const columns: Column[] = [
    { header: 'test' },
    { header: 'score', align: 'right' },
    { header: 'pass' },
    { header: 'tokens in/out', align: 'right' },
    { header: 'cost', align: 'right' },
    { header: 'judge', align: 'right' },
    { header: 'latency', align: 'right' },
  ];
  const rows = run.results.map((r) => [
    resultLabel(r, run.repeat),
    r.error ? NO_VALUE : formatScore(r.score),
    verdict(r),
    `${formatCount(r.usage.inputTokens)}/${formatCount(r.usage.outputTokens)}`,
    `${formatUsd(r.costUsd)}${r.cached ? dim(' cached') : ''}`,
    r.judgeCostUsd ? formatUsd(r.judgeCostUsd) : NO_VALUE,
    formatLatency(r.latencyMs),
  ]);
  const recorded = run.results.filter((r) => r.recorded);
  const title = `${bold(run.prompt.path)} ${dim(`(${run.model}${recorded.length ? `, ${describeRecordings(recorded.map((r) => r.recordingSource))}` : ''})`)}`;
  const status = run.status === 'completed' ? '' : `\n${yellow(`run ${STATUS_WORDS[run.status]}: ${run.results.length} result(s) kept`)}`;
  return `${title}\n${formatTable(columns, rows)}${status}`;
}

const STATUS_WORDS: Record<RunRecord['status'], string> = {
  running: 'still running',
  completed: 'completed',
  cancelled: 'cancelled',
  'budget-stopped': 'stopped by the budget',
  failed: 'failed',
};

/** The closing line of a run that did not complete: how it ended, in words, and what was kept. */
export function formatRunStopped(status: RunRecord['status'], kept: number): string {
  return yellow(`Run ${STATUS_WORDS[status]}: ${kept} finished result(s) kept in .promptops/runs/.`);
}

/** Why each failed or errored test did not pass: its failing assertions' reasons, or its error. */
export function formatFailures(runs: readonly RunRecord[]): string {
  const lines: string[] = [];
  for (const run of runs) {
    for (const r of run.results) {
      if (r.pass && !r.error) continue;
      const name = `${run.prompt.path} › ${resultLabel(r, run.repeat)}`;
      if (r.error) {
        lines.push(`${red('✗')} ${name}: ${red(`error (${r.error.type})`)} ${r.error.message}`);
        continue;
      }
      lines.push(`${red('✗')} ${name}: score ${formatScore(r.score)}`);
      for (const a of r.assertions.filter((g) => !g.pass)) lines.push(`    ${a.type}${a.hard ? ' (hard)' : ''}: ${a.reason}`);
    }
  }
  return lines.join('\n');
}

export function formatTotals(totals: RunTotals, anyRecorded: boolean): string {
  const parts = [
    `${totals.tests} test${totals.tests === 1 ? '' : 's'}`,
    green(`${totals.passed} passed`),
    totals.failed ? red(`${totals.failed} failed`) : '0 failed',
    totals.errored ? red(`${totals.errored} errored`) : '0 errored',
    `tokens ${formatCount(totals.inputTokens)} in / ${formatCount(totals.outputTokens)} out`,
    `cost ${formatCostSum(totals.costUsd, totals.costIncomplete)} + judge ${formatUsd(totals.judgeCostUsd)}`,
    `${(totals.durationMs / 1000).toFixed(1)} s`,
  ];
  const note = anyRecorded ? `\n${dim('recorded answers: costs are what these tokens would cost live; nothing was spent')}` : '';
  return `${bold('Totals:')} ${parts.join(' · ')}${note}`;
}

/**
 * `basis` other than `history` means the estimate was an upper bound (max_tokens), which the line says.
 * `actualIncomplete`: some call's price was unknown, so no percentage can be honest.
 */
export function formatAccuracy(estimatedUsd: number | null, actualUsd: number, basis: RunEstimate['basis'] = 'history', exactInput = true, actualIncomplete = false): string {
  const actual = formatCostSum(actualUsd, actualIncomplete);
  if (estimatedUsd === null) return `Estimated cost unknown vs actual ${actual}`;
  if (actualIncomplete) return `Estimated ${exactInput ? '' : '≈'}${formatUsd(estimatedUsd)} vs actual ${actual}: no accuracy figure while some prices are unknown`;
  const percent = estimatedUsd === 0 ? (actualUsd === 0 ? 0 : 100) : ((actualUsd - estimatedUsd) / estimatedUsd) * 100;
  const bound = basis === 'history' ? '' : ' (an upper bound: max_tokens as output)';
  return `Estimated ${exactInput ? '' : '≈'}${formatUsd(estimatedUsd)}${bound} vs actual ${formatUsd(actualUsd)} (${formatDelta(percent, '', '%')})`;
}

function verdict(r: TestResult): string {
  if (r.error) return red('ERROR');
  return r.pass ? green('pass') : red('FAIL');
}

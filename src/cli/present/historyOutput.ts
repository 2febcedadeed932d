// What `promptops history` and `promptops diff` print: a row per version, the per-test changes between
// two versions (regressions first) and the summary, plus their `--json` shapes.
import { formatDelta, formatLatency, formatPercent, formatScore, formatUsd, NO_VALUE } from '../../core/format';
import type { RunDiff, TestDiff } from '../../core/history/diff';
import type { VersionEvaluation } from '../../core/history/evaluateHistory';
import type { Interval } from '../../core/history/stats';
import { WORKING, type PromptVersion } from '../../core/history/versions';
import { formatProblem } from '../../core/problems';
import { dim, green, red, yellow } from './colors';
import { formatTable, type Column } from './table';

const STATUS: Record<VersionEvaluation['status'], string> = {
  reused: 'stored',
  evaluated: 'run now',
  missing: 'not evaluated',
  invalid: 'invalid',
  'no-tests': 'no tests',
  partial: 'partial',
};

function interval(i: Interval | undefined): string {
  return i ? `[${formatDelta(i.low)}, ${formatDelta(i.high)}]` : NO_VALUE;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function versionLabel(v: PromptVersion): string {
  return v.commit === WORKING ? 'working copy' : `${v.shortSha} (${truncate(v.subject, 50)})`;
}

export function formatHistoryTable(evaluations: readonly VersionEvaluation[]): string {
  const columns: Column[] = [
    { header: 'version' },
    { header: 'date' },
    { header: 'author' },
    { header: 'subject' },
    { header: 'score', align: 'right' },
    { header: 'pass', align: 'right' },
    { header: 'cost/run', align: 'right' },
    { header: 'latency', align: 'right' },
    { header: 'result' },
  ];
  const rows = evaluations.map(({ version: v, summary: s, status }) => [
    v.shortSha,
    v.date.slice(0, 10),
    truncate(v.author || NO_VALUE, 20),
    truncate(v.subject, 40),
    formatScore(s?.meanScore),
    formatPercent(s?.passRate),
    s ? formatUsd(s.costPerRunUsd) : NO_VALUE,
    formatLatency(s?.meanLatencyMs),
    status === 'invalid' || status === 'no-tests' || status === 'partial' ? yellow(STATUS[status]) : dim(STATUS[status]),
  ]);
  return formatTable(columns, rows);
}

/** The problems of versions that could not be evaluated, one `file:line:col: message` each. */
export function formatVersionProblems(evaluations: readonly VersionEvaluation[]): string {
  return evaluations
    .filter((e) => e.status === 'invalid' || e.status === 'no-tests')
    .flatMap((e) => [`${e.version.shortSha}:`, ...e.problems.filter((p) => p.severity === 'error').map((p) => `  ${formatProblem(p, process.cwd())}`)])
    .join('\n');
}

function verdictText(t: TestDiff): string {
  switch (t.verdict) {
    case 'regression':
      return red('regression');
    case 'improvement':
      return green('improvement');
    case 'within-noise':
      return dim('within noise');
    case 'no-repeats':
      return dim('no repeats');
    case 'errored':
      return yellow('errored');
    default:
      return dim(t.verdict);
  }
}

function flipText(t: TestDiff): string {
  if (t.flip === 'pass-to-fail') return red('pass → fail');
  if (t.flip === 'fail-to-pass') return green('fail → pass');
  if (!t.before || !t.after) return '';
  return dim(t.after.pass ? 'pass' : 'fail');
}

export function formatDiffTable(diff: RunDiff): string {
  const columns: Column[] = [
    { header: 'test' },
    { header: 'before', align: 'right' },
    { header: 'after', align: 'right' },
    { header: 'change', align: 'right' },
    { header: '95% CI' },
    { header: 'pass/fail' },
    { header: 'verdict' },
  ];
  const rows = diff.tests.map((t) => [
    t.id,
    formatScore(t.before?.mean),
    formatScore(t.after?.mean),
    t.delta === undefined ? NO_VALUE : formatDelta(t.delta),
    interval(t.interval),
    flipText(t),
    verdictText(t),
  ]);
  return formatTable(columns, rows);
}

export function formatDiffSummary(diff: RunDiff, before: PromptVersion, after: PromptVersion): string {
  const s = diff.summary;
  const overall =
    s.verdict === 'regression' ? red('regression') : s.verdict === 'improvement' ? green('improvement') : s.verdict === 'within-noise' ? 'within noise' : s.verdict;
  const lines = [
    `${versionLabel(before)} → ${versionLabel(after)}`,
    `Mean score: ${formatScore(s.before.meanScore)} → ${formatScore(s.after.meanScore)} (${s.meanDelta === null ? NO_VALUE : formatDelta(s.meanDelta)}, 95% CI ${interval(s.interval)} over ${s.before.tests === s.after.tests ? s.after.tests : 'the shared'} tests): ${overall}`,
    `Pass rate: ${formatPercent(s.before.passRate)} → ${formatPercent(s.after.passRate)}; flips: ${s.passToFail} pass → fail, ${s.failToPass} fail → pass`,
    `Tests: ${s.regressions} regressed, ${s.improvements} improved, ${s.withinNoise} within noise, ${s.notJudged} not judged; ${s.added} added, ${s.removed} removed`,
    `Cost per run: ${formatUsd(s.before.costPerRunUsd)} → ${formatUsd(s.after.costPerRunUsd)} (${s.costDeltaUsd === null ? formatUsd(null) : formatDelta(s.costDeltaUsd, '$')})`,
    `Latency: ${formatLatency(s.before.meanLatencyMs)} → ${formatLatency(s.after.meanLatencyMs)}${s.latencyDeltaMs === null ? '' : ` (${formatDelta(s.latencyDeltaMs, '', ' ms')})`}`,
  ];
  if (s.note) lines.push(dim(`Note: ${s.note}.`));
  lines.push(diff.significantRegression ? red('Significant regression found.') : 'No significant regression.');
  return lines.join('\n');
}

/** One version in `history --json`. */
export function versionJson(e: VersionEvaluation): Record<string, unknown> {
  const { version: v, summary: s } = e;
  return {
    commit: v.commit,
    shortSha: v.shortSha,
    date: v.date,
    author: v.author,
    subject: v.subject,
    path: v.path,
    hash: v.hash,
    status: e.status,
    model: e.model,
    runId: e.run?.runId,
    tests: s?.tests,
    meanScore: s?.meanScore,
    passRate: s?.passRate,
    costPerRunUsd: s?.costPerRunUsd,
    meanLatencyMs: s?.meanLatencyMs,
    errored: s?.errored,
    problems: e.problems.length ? e.problems.map((p) => formatProblem(p)) : undefined,
  };
}

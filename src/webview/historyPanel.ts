import type { DiffRow, DiffSummary, HistoryVersion, HostToView, MissingVersions, PanelState, TestResultRow, TraceDetail, TraceRow, ViewToHost } from '../shared/historyProtocol';
import { append, clear, el, table } from './dom';
import { formatDelta, formatLatency, formatPercent, formatScore, formatUsd } from '../core/format';
import { createScoreChart, type ScoreChart } from './scoreChart';
import './historyPanel.css';

// The eval-history panel: score chart and runs of the active prompt, the diff of two selected
// versions, and the trace log. Everything shown comes from host messages; nothing here reads files.

interface VsCodeApi {
  postMessage(message: ViewToHost): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const state: PanelState = vscode.getState() ?? { selected: [], tab: 'history' };
let versions: HistoryVersion[] = [];

function post(message: ViewToHost): void {
  vscode.postMessage(message);
}

function saveState(): void {
  vscode.setState(state);
}

const app = document.getElementById('app') as HTMLElement;
const status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
const title = el('h2', { class: 'file' });
const note = el('p', { class: 'note' });
const runButton = el('button', { type: 'button', title: 'Evaluate the versions that have no results yet' }, 'Run history');
const compareButton = el('button', { type: 'button', disabled: true }, 'Compare selected');
const historyTab = el('button', { type: 'button', role: 'tab', 'data-tab': 'history' }, 'History');
const tracesTab = el('button', { type: 'button', role: 'tab', 'data-tab': 'traces' }, 'Traces');
const chartBox = el('div', { class: 'chart' });
const versionsBox = el('section', { class: 'versions' });
const diffBox = el('section', { class: 'diff' });
const latestBox = el('section', { class: 'latest' });
const historyPane = el('div', { class: 'pane', 'data-pane': 'history' }, chartBox, versionsBox, diffBox, latestBox);
const traceFilter = el('select', { 'aria-label': 'Filter traces by test' });
const tracesBox = el('section', { class: 'traces' });
const traceDetailBox = el('section', { class: 'trace-detail' });
const tracesPane = el('div', { class: 'pane', 'data-pane': 'traces' }, el('label', {}, 'Test ', traceFilter), tracesBox, traceDetailBox);

append(app, [
  el('header', {}, title, el('div', { class: 'actions' }, runButton, compareButton)),
  note,
  status,
  el('nav', { role: 'tablist' }, historyTab, tracesTab),
  historyPane,
  tracesPane,
]);

let chart: ScoreChart | undefined;

function selectedSet(): Set<string> {
  return new Set(state.selected);
}

function toggleSelected(commit: string): void {
  const selected = state.selected.filter((c) => c !== commit);
  if (selected.length === state.selected.length) selected.push(commit);
  // Two versions at most: picking a third drops the oldest pick.
  state.selected = selected.slice(-2);
  saveState();
  renderVersions();
  if (state.selected.length === 2) compare();
}

function compare(): void {
  const [x, y] = state.selected;
  const order = (c: string): number => versions.findIndex((v) => v.commit === c);
  // Versions arrive newest first, so the larger index is the older one: "before".
  const [before, after] = order(x) > order(y) ? [x, y] : [y, x];
  post({ type: 'compare', before, after });
}

function showTab(tab: PanelState['tab']): void {
  state.tab = tab;
  saveState();
  historyPane.hidden = tab !== 'history';
  tracesPane.hidden = tab !== 'traces';
  historyTab.setAttribute('aria-selected', String(tab === 'history'));
  tracesTab.setAttribute('aria-selected', String(tab === 'traces'));
  if (tab === 'traces') post({ type: 'filterTraces', testId: state.traceTestId });
}

function renderVersions(): void {
  const selected = selectedSet();
  chart?.update(versions, selected);
  compareButton.disabled = state.selected.length !== 2;
  clear(versionsBox);
  const rows = versions.map((v) => {
    const box = el('input', { type: 'checkbox', 'aria-label': `Select ${v.shortSha}`, 'data-commit': v.commit, checked: selected.has(v.commit) });
    box.addEventListener('change', () => toggleSelected(v.commit));
    return [
      box,
      el('code', { title: [v.date.slice(0, 10), v.author].filter(Boolean).join(' · ') || undefined }, v.shortSha),
      v.date ? v.date.slice(0, 10) : '',
      v.author,
      v.subject,
      v.evaluated ? formatScore(v.meanScore) : 'not run',
      v.evaluated ? formatPercent(v.passRate) : '',
      v.evaluated ? formatUsd(v.costUsd ?? null) : '',
      v.evaluated ? formatLatency(v.latencyMs) : '',
    ];
  });
  append(versionsBox, [el('h3', {}, 'Versions'), table(['', 'commit', 'date', 'author', 'subject', 'score', 'pass', 'cost/run', 'latency'], rows, 'versions-table')]);
}

function renderLatest(rows: TestResultRow[]): void {
  clear(latestBox);
  if (!rows.length) return;
  append(latestBox, [
    el('h3', {}, 'Newest run'),
    table(
      ['test', 'score', 'result', 'cost', 'latency', 'output'],
      rows.map((r) => [
        r.id,
        formatScore(r.score),
        el('span', { class: r.error ? 'error' : r.pass ? 'pass' : 'fail' }, r.error ? 'error' : r.pass ? 'pass' : 'fail'),
        formatUsd(r.costUsd),
        formatLatency(r.latencyMs),
        el('pre', { class: 'output' }, r.error ?? r.output),
      ]),
      'latest-table',
    ),
  ]);
}

const VERDICT_LABEL: Record<DiffRow['verdict'], string> = {
  regression: 'regression',
  improvement: 'improvement',
  'within-noise': 'within noise',
  unchanged: 'unchanged',
  added: 'added',
  removed: 'removed',
  'no-repeats': 'changed',
  errored: 'errored on one side',
};

const NO_REPEATS = 'One sample per side: run with repeats to tell a real change from noise.';

function renderDiff(rows: DiffRow[], summary: DiffSummary): void {
  clear(diffBox);
  const ci = summary.ci ? ` (95% CI ${formatDelta(summary.ci[0])} … ${formatDelta(summary.ci[1])})` : '';
  const withCi = rows.some((r) => r.ci);
  append(diffBox, [
    el('h3', {}, `${summary.before} → ${summary.after}`),
    el(
      'p',
      { class: `verdict ${summary.verdict}` },
      `Mean score ${formatDelta(summary.meanDelta)}${ci}: ${VERDICT_LABEL[summary.verdict]}. ` +
        `${summary.regressions} regressed, ${summary.improvements} improved; ` +
        `cost ${summary.costDeltaUsd === null ? 'unknown' : formatDelta(summary.costDeltaUsd, '$')}, latency ${formatDelta(summary.latencyDeltaMs, '', ' ms')}.` +
        (rows.some((r) => r.verdict === 'no-repeats') ? ` ${NO_REPEATS}` : ''),
    ),
    // Without repeats no test has an interval: the column would be empty.
    table(
      ['test', 'before', 'after', 'change', ...(withCi ? ['95% CI'] : []), 'flip', 'verdict'],
      rows.map((r) => [
        r.id,
        formatScore(r.before),
        formatScore(r.after),
        r.delta === undefined ? '' : formatDelta(r.delta),
        ...(withCi ? [r.ci ? `${formatDelta(r.ci[0])} … ${formatDelta(r.ci[1])}` : ''] : []),
        r.flip === 'pass-to-fail' ? el('span', { class: 'fail' }, 'pass → fail') : r.flip === 'fail-to-pass' ? el('span', { class: 'pass' }, 'fail → pass') : '',
        el('span', { class: `verdict ${r.verdict}`, title: r.verdict === 'no-repeats' ? NO_REPEATS : undefined }, VERDICT_LABEL[r.verdict]),
      ]),
      'diff-table',
    ),
  ]);
}

function renderTraces(rows: TraceRow[], testIds: string[]): void {
  clear(traceFilter);
  append(traceFilter, [el('option', { value: '' }, 'all tests'), ...testIds.map((id) => el('option', { value: id, selected: id === state.traceTestId }, id))]);
  clear(tracesBox);
  const body = rows.map((t) => {
    const open = el('button', { type: 'button', class: 'link', 'data-trace': t.traceId }, t.time.replace('T', ' ').slice(0, 19));
    open.addEventListener('click', () => post({ type: 'openTrace', traceId: t.traceId }));
    return [
      open,
      t.operation,
      t.testId ?? '',
      t.model,
      `${t.inputTokens ?? '–'} / ${t.outputTokens ?? '–'}`,
      formatUsd(t.costUsd),
      formatLatency(t.latencyMs),
      t.error ? el('span', { class: 'error' }, t.error) : '',
    ];
  });
  append(tracesBox, [table(['time', 'op', 'test', 'model', 'tokens in/out', 'cost', 'latency', 'error'], body, 'traces-table')]);
}

function renderTraceDetail(t: TraceDetail): void {
  clear(traceDetailBox);
  append(traceDetailBox, [
    el('h3', {}, `Trace ${t.traceId}`),
    el('p', {}, `${t.model} · ${t.inputTokens ?? '–'} in / ${t.outputTokens ?? '–'} out · ${formatUsd(t.costUsd)} · ${formatLatency(t.latencyMs)}`),
    t.system !== undefined && el('div', {}, el('h4', {}, 'system'), el('pre', {}, t.system)),
    ...t.messages.map((m) => el('div', {}, el('h4', {}, m.role), el('pre', {}, m.content))),
    el('h4', {}, t.error ? 'error' : 'output'),
    el('pre', { class: 'output' }, t.error ?? t.output ?? ''),
  ]);
}

/** The button says how many versions a run would evaluate and what that is expected to cost, before any click. */
function renderRunButton(missing: MissingVersions | undefined): void {
  runButton.disabled = !missing?.count;
  if (!missing?.count) {
    runButton.textContent = 'Run history';
    runButton.title = 'Every listed version has stored results';
    return;
  }
  const cost = `${missing.upperBound ? '≤' : '≈'}${formatUsd(missing.estimateUsd)}`;
  runButton.textContent = `Run history (${missing.count} missing, ${cost})`;
  runButton.title = `Evaluate the ${missing.count} versions with no stored results; estimated ${cost}${missing.upperBound ? ' (output priced at max_tokens: an upper bound)' : ''}`;
}

function receive(message: HostToView): void {
  switch (message.type) {
    case 'noPrompt':
      title.textContent = 'No prompt';
      note.textContent = message.reason;
      versions = [];
      renderVersions();
      renderLatest([]);
      clear(diffBox);
      break;
    case 'history':
      title.textContent = message.file;
      note.textContent = message.note ?? '';
      status.textContent = '';
      versions = message.versions;
      state.selected = state.selected.filter((c) => versions.some((v) => v.commit === c));
      saveState();
      renderVersions();
      renderLatest(message.latest);
      renderRunButton(message.missing);
      break;
    case 'diff':
      status.textContent = '';
      renderDiff(message.rows, message.summary);
      break;
    case 'traces':
      renderTraces(message.rows, message.testIds);
      break;
    case 'traceDetail':
      renderTraceDetail(message.trace);
      break;
    case 'busy':
      status.textContent = message.message;
      break;
    case 'error':
      status.textContent = message.message;
      status.classList.add('error');
      return;
  }
  status.classList.remove('error');
}

window.addEventListener('message', (event: MessageEvent<HostToView>) => {
  try {
    receive(event.data);
  } catch (err) {
    status.textContent = `Could not show this update: ${err instanceof Error ? err.message : String(err)}`;
  }
});

runButton.addEventListener('click', () => post({ type: 'runHistory' }));
compareButton.addEventListener('click', compare);
historyTab.addEventListener('click', () => showTab('history'));
tracesTab.addEventListener('click', () => showTab('traces'));
traceFilter.addEventListener('change', () => {
  state.traceTestId = traceFilter.value || undefined;
  saveState();
  post({ type: 'filterTraces', testId: state.traceTestId });
});

chart = createScoreChart(chartBox, toggleSelected);
showTab(state.tab);
post({ type: 'ready' });

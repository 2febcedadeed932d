import type { RunRecord, RunTotals, TestResult } from '../../core/types';
import { resultLabel } from './evalOutput';

/**
 * JUnit XML for CI test tabs: a testsuite per prompt, a testcase per result, score, cost and tokens as properties.
 * `costIncomplete` says the suite's cost leaves out calls whose price is unknown (`costUsd` is then a lower bound, or `unknown`).
 */
export function junitReport(runs: readonly RunRecord[], totals: RunTotals): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="promptops" tests="${totals.tests}" failures="${totals.failed}" errors="${totals.errored}" time="${seconds(totals.durationMs)}">`,
  ];
  for (const run of runs) {
    const t = run.totals;
    out.push(
      `  <testsuite name="${xml(run.prompt.path)}" tests="${t.tests}" failures="${t.failed}" errors="${t.errored}" time="${seconds(t.durationMs)}" timestamp="${xml(run.startedAt)}">`,
      '    <properties>',
      ...properties({ model: run.model, 'prompt.hash': run.prompt.hash, 'git.commit': run.prompt.commit, status: run.status, costUsd: t.costIncomplete && t.costUsd === 0 ? 'unknown' : t.costUsd, costIncomplete: t.costIncomplete ?? false, judgeCostUsd: t.judgeCostUsd, inputTokens: t.inputTokens, outputTokens: t.outputTokens }, 6),
      '    </properties>',
    );
    for (const r of run.results) out.push(...testcase(run, r));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function testcase(run: RunRecord, r: TestResult): string[] {
  const lines = [`    <testcase classname="${xml(run.prompt.path)}" name="${xml(resultLabel(r, run.repeat))}" time="${seconds(r.latencyMs)}">`, '      <properties>'];
  lines.push(
    ...properties(
      { score: r.score, costUsd: r.costUsd ?? 'unknown', judgeCostUsd: r.judgeCostUsd, inputTokens: r.usage.inputTokens, outputTokens: r.usage.outputTokens, latencyMs: Math.round(r.latencyMs), cached: r.cached, recorded: r.recorded },
      8,
    ),
    '      </properties>',
  );
  if (r.error) {
    lines.push(`      <error type="${xml(r.error.type)}" message="${xml(r.error.message)}"/>`);
  } else if (!r.pass) {
    const failed = r.assertions.filter((a) => !a.pass);
    const message = `score ${r.score.toFixed(2)}: ${failed.map((a) => a.type).join(', ') || 'below threshold'}`;
    lines.push(`      <failure type="assertion" message="${xml(message)}">${xml(failed.map((a) => `${a.type}: ${a.reason}`).join('\n'))}</failure>`);
  }
  if (r.output) lines.push(`      <system-out>${xml(r.output)}</system-out>`);
  lines.push('    </testcase>');
  return lines;
}

function properties(values: Record<string, string | number | boolean>, indent: number): string[] {
  const pad = ' '.repeat(indent);
  return Object.entries(values).map(([name, value]) => `${pad}<property name="${xml(name)}" value="${xml(String(value))}"/>`);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

// Characters XML 1.0 cannot hold at all are dropped; markup characters are escaped.
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

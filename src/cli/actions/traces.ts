// `promptops traces`: the newest trace-log entries, as a table or as the stored JSON lines.
import * as path from 'node:path';
import { formatCount, formatLatency, formatUsd, NO_VALUE } from '../../core/format';
import { relativePath } from '../../core/runPlan';
import { callKindOf, type TraceFilter } from '../../core/store/traceLog';
import type { TraceRecord } from '../../core/types';
import { EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { dim, red } from '../present/colors';
import { formatTable } from '../present/table';
import { openSession } from '../session';

export interface TracesFlags {
  tail: number;
  json?: boolean;
  prompt?: string;
  test?: string;
}

export async function tracesAction(flags: TracesFlags): Promise<number> {
  const opened = await openSession(flags.prompt ?? process.cwd());
  if (!opened.ok) {
    for (const line of opened.lines) process.stderr.write(`${line}\n`);
    return EXIT_USAGE;
  }
  const { root, traceLog } = opened.session;
  const filter: TraceFilter = { testId: flags.test, promptPath: flags.prompt ? relativePath(root, path.resolve(flags.prompt)) : undefined };
  const records = (await traceLog.tail(flags.tail, filter)).reverse();
  if (flags.json) {
    for (const r of records) process.stdout.write(`${JSON.stringify(r)}\n`);
    return EXIT_OK;
  }
  if (records.length === 0) {
    process.stderr.write(`No traces yet in ${path.relative(process.cwd(), traceLog.dir) || traceLog.dir}. Run \`promptops eval\` or \`promptops run FILE\` first.\n`);
    return EXIT_OK;
  }
  const columns = [
    { header: 'time' },
    { header: 'kind' },
    { header: 'model' },
    { header: 'prompt › test' },
    { header: 'tokens in/out', align: 'right' as const },
    { header: 'cost', align: 'right' as const },
    { header: 'latency', align: 'right' as const },
    { header: 'trace id' },
    { header: 'note' },
  ];
  process.stdout.write(`${formatTable(columns, records.map(row))}\n`);
  return EXIT_OK;
}

function tokens(n: number | undefined): string {
  return n === undefined ? NO_VALUE : formatCount(n);
}

function row(r: TraceRecord): string[] {
  const test = r['promptops.test.id'];
  const note = r['error.type'] ? red(`error: ${r['error.type']}`) : r['promptops.cached'] ? dim('cached') : r['promptops.recorded'] ? dim('recorded') : '';
  return [
    r.start_time.replace('T', ' ').slice(0, 19),
    callKindOf(r),
    r['gen_ai.request.model'],
    `${r['promptops.prompt.path']}${test ? ` › ${test}` : ''}`,
    `${tokens(r['gen_ai.usage.input_tokens'])}/${tokens(r['gen_ai.usage.output_tokens'])}`,
    formatUsd(r['promptops.cost_usd']),
    formatLatency(r.duration_ms),
    r.trace_id,
    note,
  ];
}

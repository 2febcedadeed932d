// What today's model calls cost, from the trace log. No vscode import: the status bar shows it, tests call it.
import type { TraceLog } from '../core/store/traceLog';

// Traces are appended when calls end, so one that started before midnight may follow one that started after.
const OUT_OF_ORDER_MS = 30 * 60 * 1000;

export interface Spend {
  usd: number;
  calls: number;
  /** Calls whose model has no price (not in `usd`). */
  unknownCost: number;
}

/** Spend of the calls that started at or after `since`, reading the log backwards only as far as needed. */
export async function spendSince(log: TraceLog, since: Date): Promise<Spend> {
  const spend: Spend = { usd: 0, calls: 0, unknownCost: 0 };
  const from = since.getTime();
  for await (const record of log.newest()) {
    const started = Date.parse(record.start_time);
    if (started < from - OUT_OF_ORDER_MS) break;
    if (started < from) continue;
    spend.calls++;
    const cost = record['promptops.cost_usd'];
    if (cost === null) spend.unknownCost++;
    else spend.usd += cost;
  }
  return spend;
}

/** Local midnight of the day `now` falls in. */
export function startOfDay(now = new Date()): Date {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day;
}

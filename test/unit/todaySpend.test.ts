import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TraceLog } from '../../src/core/store/traceLog';
import type { TraceRecord } from '../../src/core/types';
import { spendSince } from '../../src/extension/todaySpend';

function trace(startTime: string, cost: number | null): TraceRecord {
  return {
    trace_id: Math.random().toString(16).slice(2),
    span_id: '1',
    start_time: startTime,
    duration_ms: 10,
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.request.model': 'claude-sonnet-4-5',
    'gen_ai.request.max_tokens': 100,
    'promptops.prompt.path': 'a.prompt',
    'promptops.prompt.hash': 'h',
    'promptops.git.commit': 'none',
    'promptops.cost_usd': cost,
    input: { messages: [] },
  };
}

describe("today's spend from the trace log", () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'promptops-spend-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('sums the calls since midnight, counts unknown prices apart, and ignores the day before', async () => {
    const log = new TraceLog(dir, { now: () => new Date('2026-03-10T12:00:00Z') });
    await log.append(trace('2026-03-09T10:00:00.000Z', 5));
    await log.append(trace('2026-03-10T08:00:00.000Z', 0.25));
    await log.append(trace('2026-03-10T09:00:00.000Z', null));
    // Started just before midnight, written after a later call: still yesterday's.
    await log.append(trace('2026-03-10T09:30:00.000Z', 0.5));
    await log.append(trace('2026-03-09T23:59:00.000Z', 7));
    const spend = await spendSince(log, new Date('2026-03-10T00:00:00Z'));
    assert.deepEqual(spend, { usd: 0.75, calls: 3, unknownCost: 1 });
  });

  it('is zero for an empty store', async () => {
    const spend = await spendSince(new TraceLog(path.join(dir, 'none')), new Date());
    assert.deepEqual(spend, { usd: 0, calls: 0, unknownCost: 0 });
  });
});

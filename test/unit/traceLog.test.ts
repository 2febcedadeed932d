import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { callKindOf, TraceLog } from '../../src/core/store/traceLog';
import type { TraceRecord } from '../../src/core/types';

const KEY = 'sk-ant-api03-secret-key-abcdefghijklmnop';

function trace(n: number, extra: Partial<TraceRecord> = {}): TraceRecord {
  return {
    trace_id: `t${n}`,
    span_id: `s${n}`,
    start_time: new Date(Date.UTC(2026, 11, 4, 12, 0, n)).toISOString(),
    duration_ms: 100 + n,
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.request.model': 'claude-sonnet-4-5',
    'gen_ai.request.max_tokens': 200,
    'gen_ai.usage.input_tokens': 50,
    'gen_ai.usage.output_tokens': 10 + n,
    'promptops.prompt.path': n % 2 ? 'prompts/odd.prompt' : 'prompts/even.prompt',
    'promptops.prompt.hash': n % 2 ? 'hash-odd' : 'hash-even',
    'promptops.git.commit': 'abc123',
    'promptops.test.id': `test-${n}`,
    'promptops.run.id': n < 5 ? 'run-a' : 'run-b',
    'promptops.cost_usd': 0.001,
    input: { messages: [{ role: 'user', content: `question ${n} — ünïcödé` }] },
    output: `answer ${n}`,
    ...extra,
  };
}

describe('TraceLog', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'promptops-traces-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  async function logWith(records: TraceRecord[], days: string[] = ['2026-12-04']) {
    const dir = await mkdtemp(path.join(root, 'log-'));
    let i = 0;
    const log = new TraceLog(dir, { secrets: [KEY], now: () => new Date(`${days[Math.min(i, days.length - 1)]}T12:00:00Z`) });
    for (const record of records) {
      await log.append(record);
      i++;
    }
    return { log, dir };
  }

  it('appends one line per call to a file per UTC day and reads them oldest first', async () => {
    const { log, dir } = await logWith([trace(1), trace(2), trace(3)], ['2026-12-03', '2026-12-04', '2026-12-04']);
    assert.deepEqual((await readdir(dir)).sort(), ['2026-12-03.jsonl', '2026-12-04.jsonl']);
    const text = await readFile(path.join(dir, '2026-12-04.jsonl'), 'utf8');
    assert.equal(text.split('\n').length, 3, 'two lines, each ending in a newline');
    const ids: string[] = [];
    for await (const r of log.read()) ids.push(r.trace_id);
    assert.deepEqual(ids, ['t1', 't2', 't3']);
  });

  it('tails newest first across day files, with filters', async () => {
    const records = Array.from({ length: 10 }, (_, n) => trace(n));
    const days = records.map((_, n) => (n < 4 ? '2026-12-01' : n < 8 ? '2026-12-02' : '2026-12-03'));
    const { log } = await logWith(records, days);
    assert.deepEqual((await log.tail(3)).map((r) => r.trace_id), ['t9', 't8', 't7']);
    assert.deepEqual((await log.tail(100)).map((r) => r.trace_id), ['t9', 't8', 't7', 't6', 't5', 't4', 't3', 't2', 't1', 't0']);
    assert.deepEqual((await log.tail(3, { promptPath: 'prompts/odd.prompt' })).map((r) => r.trace_id), ['t9', 't7', 't5']);
    assert.deepEqual((await log.tail(10, { runId: 'run-a', promptPath: 'prompts/even.prompt' })).map((r) => r.trace_id), ['t4', 't2', 't0']);
    assert.deepEqual((await log.tail(5, { testId: 'test-3' })).map((r) => r.trace_id), ['t3']);
    assert.deepEqual(await log.tail(0), []);
    const even: string[] = [];
    for await (const r of log.read({ promptPath: 'prompts/even.prompt', runId: 'run-b' })) even.push(r.trace_id);
    assert.deepEqual(even, ['t6', 't8']);
  });

  it('keeps multi-byte text whole when tailing across chunk boundaries', async () => {
    const long = 'é'.repeat(70_000);
    const { log } = await logWith([trace(1, { output: long }), trace(2, { output: `x${long}` }), trace(3)]);
    const [third, second, first] = await log.tail(3);
    assert.equal(third.trace_id, 't3');
    assert.equal(second.output, `x${long}`);
    assert.equal(first.output, long);
  });

  it('skips a torn last line, and the next append starts on a fresh line', async () => {
    const { log, dir } = await logWith([trace(1), trace(2)]);
    const file = path.join(dir, '2026-12-04.jsonl');
    await appendFile(file, '{"trace_id":"t-torn","span_id":"s');
    assert.deepEqual((await log.tail(5)).map((r) => r.trace_id), ['t2', 't1']);

    const reopened = new TraceLog(dir, { now: () => new Date('2026-12-04T13:00:00Z') });
    await reopened.append(trace(3));
    const ids: string[] = [];
    for await (const r of reopened.read()) ids.push(r.trace_id);
    assert.deepEqual(ids, ['t1', 't2', 't3']);
    assert.deepEqual((await reopened.tail(5)).map((r) => r.trace_id), ['t3', 't2', 't1']);
  });

  it('ignores lines that are JSON but not traces, and a missing folder', async () => {
    const { log, dir } = await logWith([trace(1)]);
    await appendFile(path.join(dir, '2026-12-04.jsonl'), '[1,2]\n"text"\n{"no":"trace id"}\n');
    assert.deepEqual((await log.tail(5)).map((r) => r.trace_id), ['t1']);
    const none = new TraceLog(path.join(root, 'does-not-exist'));
    assert.deepEqual(await none.tail(5), []);
    for await (const _ of none.read()) assert.fail('no records expected');
  });

  it('never writes the API key, wherever it appears', async () => {
    const { log, dir } = await logWith([trace(1, { output: `leaked ${KEY}`, 'error.message': `bad key ${KEY}` })]);
    const text = await readFile(path.join(dir, '2026-12-04.jsonl'), 'utf8');
    assert.ok(!text.includes(KEY));
    const [record] = await log.tail(1);
    assert.equal(record.output, 'leaked [REDACTED]');
  });

  it('gives recent output tokens of a prompt for the cost estimate, newest first', async () => {
    const records = [
      trace(1),
      trace(3, { 'promptops.prompt.hash': 'old-version' }),
      trace(5, { 'error.type': 'rate_limit', 'gen_ai.usage.output_tokens': undefined }),
      trace(7, { 'promptops.cached': true }),
      trace(9, { 'gen_ai.operation.name': 'judge' }),
      trace(11),
      trace(15, { 'promptops.call.kind': 'judge' }),
      trace(13),
    ];
    const { log } = await logWith(records);
    assert.deepEqual(await log.outputTokensFor('prompts/odd.prompt'), [23, 21, 13, 11]);
    assert.deepEqual(await log.outputTokensFor('prompts/odd.prompt', { limit: 2 }), [23, 21]);
    assert.deepEqual(await log.outputTokensFor('prompts/odd.prompt', { promptHash: 'old-version' }), [13]);
    assert.deepEqual(await log.outputTokensFor('prompts/none.prompt'), []);
  });

  it('filters by call kind, reading a judge call from old lines (operation "judge") and new ones (kind "judge")', async () => {
    const { log } = await logWith([
      trace(1, { 'gen_ai.operation.name': 'judge' }),
      trace(2, { 'promptops.call.kind': 'judge' }),
      trace(3, { 'promptops.call.kind': 'prompt' }),
      trace(4),
    ]);
    assert.deepEqual((await log.tail(10, { kind: 'judge' })).map((r) => r.trace_id), ['t2', 't1']);
    assert.deepEqual((await log.tail(10, { kind: 'prompt' })).map((r) => r.trace_id), ['t4', 't3']);
    assert.deepEqual((await log.tail(10)).map(callKindOf), ['prompt', 'prompt', 'judge', 'judge']);
  });
});

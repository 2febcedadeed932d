import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { totalsOf } from '../../src/core/runTotals';
import { newRunId, reuseKey, RunStore, type RunHeader } from '../../src/core/store/runStore';
import { runHeader, testResult } from '../support/runFixtures';

const FAILED = { pass: false, score: 0 };

describe('RunStore', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'promptops-runstore-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('writes a header, one line per result as it is appended, and a closing line; reading rebuilds the record', async () => {
    const store = new RunStore(await mkdtemp(path.join(root, 'ws-')));
    const h = runHeader();
    const writer = await store.begin(h);
    await writer.append(testResult('a'));
    const partial = await store.read(h.runId);
    assert.equal(partial?.status, 'running');
    assert.deepEqual(partial?.results.map((r) => r.id), ['a']);

    await writer.append(testResult('b', FAILED));
    const totals = totalsOf([testResult('a'), testResult('b', FAILED)], 900);
    await writer.finish({ status: 'completed', finishedAt: new Date().toISOString(), totals });
    const run = await store.read(h.runId);
    assert.equal(run?.status, 'completed');
    assert.deepEqual(run?.results.map((r) => r.id), ['a', 'b']);
    assert.deepEqual(run?.totals, totals);
    assert.equal(run?.totals.passed, 1);
    assert.equal(run?.totals.failed, 1);
  });

  it('skips a torn last line and keeps the finished results (a crash mid-write)', async () => {
    const ws = await mkdtemp(path.join(root, 'ws-'));
    const store = new RunStore(ws);
    const h = runHeader();
    const writer = await store.begin(h);
    await writer.append(testResult('a'));
    await writer.append(testResult('b'));
    const file = path.join(ws, '.promptops', 'runs', `${h.runId}.jsonl`);
    await appendFile(file, '{"kind":"result","result":{"id":"c","sco');
    const run = await store.read(h.runId);
    assert.equal(run?.status, 'running');
    assert.deepEqual(run?.results.map((r) => r.id), ['a', 'b']);
    assert.equal(run?.totals.tests, 2);
    assert.equal(run?.totals.passed, 2);
    // The store's own .gitignore keeps results local.
    assert.match(await readFile(path.join(ws, '.promptops', '.gitignore'), 'utf8'), /^\*$/m);
  });

  it('lists newest first, filters, and finds a reusable completed run of the whole suite', async () => {
    const store = new RunStore(await mkdtemp(path.join(root, 'ws-')));
    const done = async (h: RunHeader, status: 'completed' | 'cancelled') => {
      const w = await store.begin(h);
      await w.append(testResult('a'));
      await w.finish({ status, finishedAt: new Date().toISOString(), totals: totalsOf([testResult('a')], 10) });
    };
    const older = runHeader({ runId: newRunId(new Date('2026-01-01T00:00:00Z')) });
    const cancelled = runHeader({ runId: newRunId(new Date('2026-02-01T00:00:00Z')) });
    const partial = runHeader({ runId: newRunId(new Date('2026-03-01T00:00:00Z')), selection: ['a'] });
    const otherPrompt = runHeader({ runId: newRunId(new Date('2026-04-01T00:00:00Z')), prompt: { path: 'x.prompt', hash: 'p2', commit: 'def' } });
    await done(older, 'completed');
    await done(cancelled, 'cancelled');
    await done(partial, 'completed');
    await done(otherPrompt, 'completed');

    const all = await store.list();
    assert.deepEqual(all.map((r) => r.runId), [otherPrompt.runId, partial.runId, cancelled.runId, older.runId]);
    assert.deepEqual((await store.list({ promptPath: 'x.prompt' })).map((r) => r.runId), [otherPrompt.runId]);
    assert.deepEqual((await store.list({ status: ['cancelled'] })).map((r) => r.runId), [cancelled.runId]);
    assert.equal((await store.list({ limit: 2 })).length, 2);

    const key = { promptHash: 'p1', testsHash: 't1', model: 'claude-haiku-4-5', gradersVersion: '1', repeat: 1 };
    assert.equal((await store.reusableIndex()).get(reuseKey(key))?.runId, older.runId, 'cancelled and --test-limited runs are not reusable');
    const newer = runHeader({ runId: newRunId(new Date('2026-05-01T00:00:00Z')) });
    await done(newer, 'completed');
    const index = await store.reusableIndex();
    assert.deepEqual([...index.values()].map((r) => r.runId).sort(), [newer.runId, otherPrompt.runId].sort());
    assert.equal(index.get(reuseKey(key))?.runId, newer.runId, 'the newest run of a key is kept');
    assert.equal(index.get(reuseKey({ ...key, gradersVersion: '2' })), undefined);
    assert.equal(index.get(reuseKey({ ...key, repeat: 3 })), undefined);
    assert.equal(index.get(reuseKey({ ...key, testsHash: 'changed' })), undefined);
    assert.equal(index.get(reuseKey({ repeat: 1, model: 'claude-haiku-4-5', gradersVersion: '1', testsHash: 't1', promptHash: 'p1' }))?.runId, newer.runId, 'keys do not depend on field order');
    assert.deepEqual([...(await store.reusableIndex({ promptHash: 'p2' })).values()].map((r) => r.runId), [otherPrompt.runId]);
  });

  it('lists nothing (and does not fail) before the first run', async () => {
    const store = new RunStore(await mkdtemp(path.join(root, 'ws-')));
    assert.deepEqual(await store.list(), []);
    assert.equal(await store.read('nope'), undefined);
  });

  it('run ids sort by time', () => {
    const a = newRunId(new Date('2026-12-04T10:00:00.001Z'));
    const b = newRunId(new Date('2026-12-04T10:00:00.002Z'));
    assert.ok(a < b);
    assert.match(a, /^20261204T100000001Z-[0-9a-f]{6}$/);
  });
});

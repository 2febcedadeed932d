import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { requestKey } from '../../src/core/hash';
import { ResponseCache } from '../../src/core/store/responseCache';
import { ensureStore, storePaths } from '../../src/core/store/storeDir';
import type { LlmResponse } from '../../src/core/types';

const KEY = 'sk-ant-api03-cache-secret-0123456789';

const response: LlmResponse = {
  text: 'Priority: high',
  model: 'claude-sonnet-4-5',
  id: 'msg_1',
  stopReason: 'end_turn',
  usage: { inputTokens: 40, outputTokens: 5, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 },
  latencyMs: 812,
};

const key = requestKey({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'triage this' }], maxTokens: 100 });

describe('store folder and response cache', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'promptops-cache-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('creates .promptops with its own .gitignore and subfolders, idempotently', async () => {
    const dir = await ensureStore(root);
    assert.equal(dir, path.join(root, '.promptops'));
    assert.deepEqual((await readdir(dir)).sort(), ['.gitignore', 'cache', 'runs', 'traces']);
    const ignore = await readFile(path.join(dir, '.gitignore'), 'utf8');
    assert.ok(ignore.split('\n').includes('*'));
    await writeFile(path.join(dir, '.gitignore'), '# user opted in\n');
    assert.equal(await ensureStore(root), dir);
    assert.equal(await readFile(path.join(dir, '.gitignore'), 'utf8'), '# user opted in\n', 'a user edit is kept');
  });

  it('misses, then hits with cached: true after a set', async () => {
    const cache = new ResponseCache(storePaths(root).cache);
    assert.equal(await cache.get(key), undefined);
    await cache.set(key, response);
    assert.deepEqual(await cache.get(key), { ...response, cached: true });
    assert.equal(await cache.get(`${key}#repeat-1`), undefined, 'another slot of the same request is its own entry');
  });

  it('shards entries by hash and leaves no temp files', async () => {
    const dir = path.join(root, 'sharded');
    const cache = new ResponseCache(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => cache.set(`${key}#repeat-${i}`, { ...response, text: `answer ${i}` })));
    const shards = await readdir(dir);
    assert.ok(shards.every((s) => /^[0-9a-f]{2}$/.test(s)));
    const files = (await Promise.all(shards.map((s) => readdir(path.join(dir, s))))).flat();
    assert.equal(files.length, 20);
    assert.ok(files.every((f) => /^[0-9a-f]{64}\.json$/.test(f)));
    assert.equal((await cache.get(`${key}#repeat-7`))?.text, 'answer 7');
  });

  it('refuses recorded answers and never stores the cached flag or a secret', async () => {
    const dir = path.join(root, 'hygiene');
    const cache = new ResponseCache(dir, { secrets: [KEY] });
    await cache.set('recorded', { ...response, recorded: true, recordingSource: 'hand-written sample answer' });
    assert.equal(await cache.get('recorded'), undefined);
    await cache.set('secret', { ...response, text: `echo ${KEY}`, cached: true });
    const [shard] = await readdir(dir);
    const [file] = await readdir(path.join(dir, shard));
    const stored = await readFile(path.join(dir, shard, file), 'utf8');
    assert.ok(!stored.includes(KEY));
    assert.ok(!stored.includes('"cached"'));
    assert.equal((await cache.get('secret'))?.text, 'echo [REDACTED]');
  });

  it('treats a corrupt or foreign entry as a miss', async () => {
    const dir = path.join(root, 'corrupt');
    const cache = new ResponseCache(dir);
    await cache.set(key, response);
    const [shard] = await readdir(dir);
    const [file] = await readdir(path.join(dir, shard));
    await writeFile(path.join(dir, shard, file), '{"version":1,"key":"');
    assert.equal(await cache.get(key), undefined);
    await writeFile(path.join(dir, shard, file), JSON.stringify({ version: 1, key: 'another key', savedAt: '', response }));
    assert.equal(await cache.get(key), undefined);
  });
});

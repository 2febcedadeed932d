// commitOfFile in real repositories in temp folders.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { commitOfFile } from '../../src/core/gitInfo';
import { createRepo } from '../support/gitRepo';

describe('commitOfFile', () => {
  it('takes a name with glob characters literally: other files it would match do not count', async () => {
    const repo = await createRepo('promptops-gitinfo-');
    try {
      const first = await repo.commit('add prompts', { 'a[b].prompt': 'one', 'ab.prompt': 'two', '*.prompt': 'star', 'x.prompt': 'x' });
      const second = await repo.commit('change the files the globs match', { 'ab.prompt': 'two, edited', 'x.prompt': 'x, edited' });
      assert.notEqual(first, second);
      assert.equal(await commitOfFile(path.join(repo.root, 'a[b].prompt')), first);
      assert.equal(await commitOfFile(path.join(repo.root, '*.prompt')), first);
      assert.equal(await commitOfFile(path.join(repo.root, 'ab.prompt')), second);

      await repo.write('ab.prompt', 'uncommitted');
      await repo.write('x.prompt', 'uncommitted');
      assert.equal(await commitOfFile(path.join(repo.root, 'a[b].prompt')), first, 'a glob-matched file being dirty does not make this one dirty');
      assert.equal(await commitOfFile(path.join(repo.root, '*.prompt')), first);
      assert.equal(await commitOfFile(path.join(repo.root, 'ab.prompt')), 'dirty');
    } finally {
      await repo.remove();
    }
  });

  it('is `dirty` for an untracked file and `none` outside a repository', async () => {
    const repo = await createRepo('promptops-gitinfo-');
    const outside = await mkdtemp(path.join(os.tmpdir(), 'promptops-nogit-'));
    try {
      await repo.commit('init', { 'kept.prompt': 'k' });
      await repo.write('new[1].prompt', 'n');
      assert.equal(await commitOfFile(path.join(repo.root, 'new[1].prompt')), 'dirty');
      await writeFile(path.join(outside, 'loose.prompt'), 'l');
      assert.equal(await commitOfFile(path.join(outside, 'loose.prompt')), 'none');
    } finally {
      await repo.remove();
      await rm(outside, { recursive: true, force: true });
    }
  });
});

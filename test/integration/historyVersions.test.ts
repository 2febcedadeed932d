import assert from 'node:assert/strict';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { contentHash } from '../../src/core/hash';
import { listPromptVersions, readPromptAt, WORKING } from '../../src/core/history/versions';
import { createRepo, gitIn, type TestRepo } from '../support/gitRepo';

// Brackets are pathspec glob characters: the path must still be taken literally.
const OLD_PATH = 'prompts/réponse client/support answer [v1].prompt';
const NEW_PATH = 'prompts/réponse client/answer ü.prompt';

const texts = [
  'one\n',
  'one\ntwo\n',
  'one\ntwo\nthree — trois\n',
  'one\ntwo\nthree — trois\nfour\n',
  'one\ntwo\nthree — trois\nfour\nfive\n',
  'one\ntwo\nthree — trois\nfour\nfive\nsix, no newline at the end',
];

describe('listPromptVersions on a repository with a renamed prompt', () => {
  let repo: TestRepo;
  const shas: string[] = [];

  before(async () => {
    repo = await createRepo();
    shas.push(await repo.commit('Add the prompt', { [OLD_PATH]: texts[0], 'README.md': 'hi\n' }, { author: 'Zoë Writer' }));
    shas.push(await repo.commit('Second line', { [OLD_PATH]: texts[1] }));
    shas.push(await repo.commit('Unrelated change', { 'README.md': 'hello\n' }));
    shas.push(await repo.commit('Third line', { [OLD_PATH]: texts[2] }));
    await repo.git('mv', OLD_PATH, NEW_PATH);
    shas.push(await repo.commit('Rename the prompt', {}));
    shas.push(await repo.commit('Fourth line', { [NEW_PATH]: texts[3] }));
    shas.push(await repo.commit('Fifth line: 100% | more', { [NEW_PATH]: texts[4] }));
    shas.push(await repo.commit('Sixth line', { [NEW_PATH]: texts[5] }, { author: 'Bo Editor' }));
  });
  after(() => repo.remove());

  test('every commit that touched the file, newest first, following the rename', async () => {
    const list = await listPromptVersions(path.join(repo.root, NEW_PATH));
    assert.equal(list.repoRoot, repo.root);
    assert.equal(list.note, undefined);
    assert.deepEqual(
      list.versions.map((v) => v.subject),
      ['Sixth line', 'Fifth line: 100% | more', 'Fourth line', 'Rename the prompt', 'Third line', 'Second line', 'Add the prompt'],
    );
    assert.deepEqual(
      list.versions.map((v) => v.commit),
      [shas[7], shas[6], shas[5], shas[4], shas[3], shas[1], shas[0]],
    );
    assert.deepEqual(
      list.versions.map((v) => v.path),
      [NEW_PATH, NEW_PATH, NEW_PATH, NEW_PATH, OLD_PATH, OLD_PATH, OLD_PATH],
    );
    const expectedTexts = [texts[5], texts[4], texts[3], texts[2], texts[2], texts[1], texts[0]];
    assert.deepEqual(
      list.versions.map((v) => v.hash),
      expectedTexts.map(contentHash),
    );
    assert.equal(list.versions[0].author, 'Bo Editor');
    assert.equal(list.versions.at(-1)?.author, 'Zoë Writer');
    assert.equal(list.versions.at(-1)?.date, '2026-01-02T00:00:00+00:00');
    assert.ok(list.versions.every((v) => v.commit.startsWith(v.shortSha) && v.shortSha.length >= 7));
  });

  test('readPromptAt returns each version byte for byte', async () => {
    const list = await listPromptVersions(NEW_PATH, { cwd: repo.root });
    const read = await Promise.all(list.versions.map(readPromptAt));
    assert.deepEqual(
      read.map((r) => (r.ok ? r.text : r.error)),
      [texts[5], texts[4], texts[3], texts[2], texts[2], texts[1], texts[0]],
    );
  });

  test('readPromptAt by commit and path when the blob id is unknown', async () => {
    const list = await listPromptVersions(path.join(repo.root, NEW_PATH));
    const oldest = { ...list.versions.at(-1)!, blob: undefined };
    assert.deepEqual(await readPromptAt(oldest), { ok: true, text: texts[0] });
  });

  test('limit keeps the newest commits', async () => {
    const list = await listPromptVersions(path.join(repo.root, NEW_PATH), { limit: 2 });
    assert.deepEqual(
      list.versions.map((v) => v.commit),
      [shas[7], shas[6]],
    );
  });

  test('the working copy comes first when it differs from HEAD, and not when only line endings differ', async () => {
    const file = path.join(repo.root, NEW_PATH);
    try {
      await writeFile(file, `${texts[5]}\nseven`);
      const edited = await listPromptVersions(file);
      assert.equal(edited.versions[0].commit, WORKING);
      assert.equal(edited.versions[0].path, NEW_PATH);
      assert.equal(edited.versions[0].hash, contentHash(`${texts[5]}\nseven`));
      assert.deepEqual(await readPromptAt(edited.versions[0]), { ok: true, text: `${texts[5]}\nseven` });
      assert.equal(edited.versions[1].commit, shas[7]);

      await writeFile(file, texts[5].replace(/\n/g, '\r\n'));
      const crlf = await listPromptVersions(file);
      assert.equal(crlf.versions[0].commit, shas[7]);
    } finally {
      await writeFile(file, texts[5]);
    }
  });

  test('detached HEAD lists the history reachable from the checked-out commit', async () => {
    const clone = await realpath(await mkdtemp(path.join(os.tmpdir(), 'promptops-detached-')));
    try {
      await gitIn(clone, ['clone', '-q', repo.root, '.']);
      await gitIn(clone, ['checkout', '-q', '--detach', shas[5]]);
      const list = await listPromptVersions(path.join(clone, NEW_PATH));
      assert.equal(list.note, undefined);
      assert.deepEqual(
        list.versions.map((v) => v.commit),
        [shas[5], shas[4], shas[3], shas[1], shas[0]],
      );
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });

  test('a shallow clone lists what it has and says how far history reaches', async () => {
    const clone = await realpath(await mkdtemp(path.join(os.tmpdir(), 'promptops-shallow-')));
    try {
      await gitIn(clone, ['clone', '-q', '--depth', '2', `file://${repo.root}`, '.']);
      const list = await listPromptVersions(path.join(clone, NEW_PATH));
      assert.deepEqual(
        list.versions.map((v) => v.commit),
        [shas[7], shas[6]],
      );
      assert.match(list.note ?? '', /^Shallow clone: history reaches back only to commit [0-9a-f]{7,} \(2026-01-08T00:00:00\+00:00\); run `git fetch --unshallow`/);
      assert.ok(list.note?.includes(shas[6].slice(0, 7)));
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });

  test('a new file not committed yet: the working copy only, said plainly', async () => {
    const file = path.join(repo.root, 'prompts', 'brand new.prompt');
    await writeFile(file, 'new\n');
    try {
      const list = await listPromptVersions(file);
      assert.equal(list.versions.length, 1);
      assert.equal(list.versions[0].commit, WORKING);
      assert.match(list.note ?? '', /^Not committed yet: the history is the working copy only/);
    } finally {
      await rm(file);
    }
  });

  test('a path that does not exist anywhere', async () => {
    const list = await listPromptVersions(path.join(repo.root, 'missing', 'nothing.prompt'));
    assert.deepEqual(list.versions, []);
    assert.match(list.note ?? '', /^No such file/);
  });
});

test('a file outside any Git repository: the working copy only, said plainly', async () => {
  const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'promptops-nogit-')));
  try {
    const file = path.join(dir, 'loose é.prompt');
    await writeFile(file, 'loose\n');
    const list = await listPromptVersions(file);
    assert.equal(list.repoRoot, undefined);
    assert.equal(list.note, 'Not in a Git repository: the history is the working copy only.');
    assert.equal(list.versions.length, 1);
    assert.equal(list.versions[0].commit, WORKING);
    assert.equal(list.versions[0].hash, contentHash('loose\n'));
    assert.deepEqual(await readPromptAt(list.versions[0]), { ok: true, text: 'loose\n' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a repository without any commit', async () => {
  const repo = await createRepo();
  try {
    await repo.write('a.prompt', 'x\n');
    const list = await listPromptVersions(path.join(repo.root, 'a.prompt'));
    assert.deepEqual(
      list.versions.map((v) => v.commit),
      [WORKING],
    );
    assert.match(list.note ?? '', /^Not committed yet/);
  } finally {
    await repo.remove();
  }
});

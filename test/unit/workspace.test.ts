import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findPromptFiles, loadPromptWithTests } from '../../src/core/workspace';

let root: string;

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'promptops-ws-'));
  const files: Record<string, string> = {
    'b.prompt': '---\nmodel: anthropic/claude-haiku-4-5\ninput:\n  schema:\n    question: string\n---\n{{question}}',
    'b.tests.yaml': 'tests:\n  - id: one\n    vars: { question: hi }\n    assert: [{ type: contains, value: hi }]\n',
    'a/z.prompt': '---\nmodel: claude-imaginary-9\n---\nHi',
    'a/deep/y.prompt': 'No front matter',
    'a/notes.md': '# not a prompt',
    'node_modules/pkg/x.prompt': 'skipped',
    '.git/x.prompt': 'skipped',
    '.promptops/x.prompt': 'skipped',
    'dist/x.prompt': 'skipped',
  };
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
});

after(() => rm(root, { recursive: true, force: true }));

describe('findPromptFiles', () => {
  test('finds *.prompt recursively, sorted, skipping dependencies, VCS, store and build folders', async () => {
    const found = await findPromptFiles(root);
    assert.deepEqual(found.map((f) => path.relative(root, f)), ['a/deep/y.prompt', 'a/z.prompt', 'b.prompt']);
  });

  test('a missing root has no prompts', async () => {
    assert.deepEqual(await findPromptFiles(path.join(root, 'nope')), []);
  });
});

describe('loadPromptWithTests', () => {
  test('reads the prompt and its sibling tests, checking test vars against the prompt', async () => {
    const { prompt, suite } = await loadPromptWithTests(path.join(root, 'b.prompt'), root);
    assert.deepEqual(prompt.problems, []);
    assert.equal(prompt.model, 'claude-haiku-4-5');
    assert.equal(suite?.promptPath, prompt.path);
    assert.deepEqual(suite?.tests.map((t) => [t.id, t.vars]), [['one', { question: 'hi' }]]);
    assert.deepEqual(suite?.problems, []);
  });

  test('no tests file means no suite; an unknown model is flagged with the pricing table by default', async () => {
    const { prompt, suite } = await loadPromptWithTests(path.join(root, 'a', 'z.prompt'), root);
    assert.equal(suite, undefined);
    assert.deepEqual(prompt.problems.map((p) => p.code), ['unknown-model']);
  });

  test('an unreadable prompt is a file-unreadable problem, not an exception', async () => {
    const { prompt, suite } = await loadPromptWithTests(path.join(root, 'missing.prompt'), root);
    assert.equal(suite, undefined);
    assert.equal(prompt.problems[0].code, 'file-unreadable');
    assert.match(prompt.problems[0].message, /ENOENT/);
  });
});

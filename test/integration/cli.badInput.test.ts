// Bad input as a user writes it, through the built CLI: every invalid file is refused before any model call,
// with exit 2, `file:line:col: error: message (hint)` and no stack trace.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cliProcess';
import { makeWorkspace, questionPrompt, questionTests } from '../support/evalWorkspace';
import { useFakeServer } from '../support/fakeServerHooks';

const KEY = 'sk-ant-test-SECRET-badinput-0123456789';
const TESTS = questionTests([{ id: 'one', question: 'Hi?', assert: ['- type: contains', '  value: Hi'] }]);

const CASES: { name: string; files: Record<string, string>; where: string; says: RegExp }[] = [
  {
    name: 'a config value of the wrong kind',
    files: { 'promptops.config.yaml': 'judgeModel: claude-haiku-4-5\nconcurrency: many\n', 'q.prompt': questionPrompt(), 'q.tests.yaml': TESTS },
    where: 'promptops.config.yaml:2:14',
    says: /`concurrency` must be a whole number of 1 or more \(Fix it in promptops\.config\.yaml\.\)/,
  },
  {
    name: 'malformed YAML in the front matter',
    files: { 'q.prompt': questionPrompt().replace('maxOutputTokens: 100', 'maxOutputTokens: 100\n  stopSequences: ["a"'), 'q.tests.yaml': TESTS },
    where: 'q.prompt:',
    says: /Fix the YAML between the --- lines/,
  },
  {
    name: 'a template variable no input supplies',
    files: { 'q.prompt': questionPrompt().replace('{{question}}', '{{question}} {{tone}}'), 'q.tests.yaml': TESTS },
    where: 'q.prompt:12:16',
    says: /`tone` is not declared in input\.schema and has no default/,
  },
  {
    name: 'an invalid output schema',
    files: { 'q.prompt': questionPrompt().replace('---\n{{role', 'output:\n  format: json\n  schema:\n    type: object\n    properties:\n      a: { type: 12 }\n---\n{{role'), 'q.tests.yaml': TESTS },
    where: 'q.prompt:',
    says: /output\.schema is not a valid JSON Schema/,
  },
  {
    name: 'duplicate test ids',
    files: { 'q.prompt': questionPrompt(), 'q.tests.yaml': questionTests([{ id: 'same', question: 'A?' }, { id: 'same', question: 'B?' }]) },
    where: 'q.tests.yaml:5:9',
    says: /Duplicate test id `same` \(first used on line 2\)/,
  },
  {
    name: 'a dataset outside the workspace',
    files: { 'q.prompt': questionPrompt(), 'q.tests.yaml': `dataset: ../golden.jsonl\n${TESTS}` },
    where: 'q.tests.yaml:1:10',
    says: /Dataset `\.\.\/golden\.jsonl` is outside the workspace/,
  },
];

describe('bad input through the CLI', () => {
  const suite = useFakeServer(KEY);

  for (const c of CASES) {
    it(`${c.name}: exit 2 at file:line:col before any call`, async () => {
      const root = suite.track(await makeWorkspace(c.files));
      const before = suite.fake.requests.length;
      const r = await runCli(['eval', root], { cwd: root, env: suite.env() });
      assert.equal(r.code, 2, r.stderr);
      const line = r.stderr.split('\n').find((l) => l.includes(': error: '));
      assert.ok(line?.startsWith(c.where), `expected an error at ${c.where}, got:\n${r.stderr}`);
      assert.match(line!, /^\S+:\d+:\d+: error: /);
      assert.match(r.stderr, c.says);
      assert.doesNotMatch(r.stderr, /internal error|\n\s+at .+:\d+:\d+\)?\n/);
      assert.equal(suite.fake.requests.length, before, 'no request reached the server');
      assert.equal(r.stdout, '');
    });
  }

  it('a --json or --junit report into a folder that does not exist is refused before the run (exit 2)', async () => {
    const root = suite.track(await makeWorkspace({ 'q.prompt': questionPrompt(), 'q.tests.yaml': TESTS }));
    const before = suite.fake.requests.length;
    for (const flag of ['--json', '--junit']) {
      const r = await runCli(['eval', root, flag, path.join(root, 'no-such-dir', 'report')], { cwd: root, env: suite.env() });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`option '${flag} <file>' argument .* is invalid\\. The folder .*no-such-dir does not exist\\. Create it first, or write the report elsewhere\\.`));
      assert.doesNotMatch(r.stderr, /internal error/);
    }
    const folder = await runCli(['eval', root, '--json', root], { cwd: root, env: suite.env() });
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /is a folder\. Give a file name/);
    assert.equal(suite.fake.requests.length, before, 'no request reached the server');
  });

  it('a prompt error is printed once, not again for every test that cannot render', async () => {
    const tests = questionTests([{ id: 'a', question: 'A?' }, { id: 'b', question: 'B?' }, { id: 'c', question: 'C?' }]);
    const root = suite.track(await makeWorkspace({ 'q.prompt': questionPrompt().replace('{{question}}', '{{question}} {{tone}}'), 'q.tests.yaml': tests }));
    const r = await runCli(['eval', root], { cwd: root, env: suite.env() });
    assert.equal(r.code, 2, r.stderr);
    const errors = r.stderr.split('\n').filter((l) => l.includes(': error: '));
    assert.deepEqual(errors, [
      'q.prompt:12:16: error: `tone` is not declared in input.schema and has no default (Declare `tone` in input.schema (e.g. `tone: string`) or give it a value under input.default.)',
    ]);
  });

  it('an unknown model and an unknown config key are warnings: the run goes on with "cost unknown"', async () => {
    const root = suite.track(
      await makeWorkspace({ 'promptops.config.yaml': 'concurency: 2\n', 'q.prompt': questionPrompt('claude-nine-9'), 'q.tests.yaml': TESTS }),
    );
    const r = await runCli(['eval', path.join(root, 'q.prompt')], { cwd: root, env: suite.env() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^promptops\.config\.yaml:1:1: warning: Unknown setting `concurency` \(ignored\) \(Did you mean `concurrency`\?\)$/m);
    assert.match(r.stderr, /^q\.prompt:2:\d+: warning: Unknown model `claude-nine-9`/m);
    assert.match(r.stdout, /one\s+1\.00\s+pass\s+\d+\/\d+\s+cost unknown/);
  });
});

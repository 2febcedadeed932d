import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ASSERTION_TYPES, gradeOutput, scoreTest } from '../../src/core/graders';
import { parsePrompt } from '../../src/core/promptFile';
import { parseTests, promptPathFor, testsPathFor } from '../../src/core/testsFile';
import type { Problem, PromptFile, Range, TestSuite } from '../../src/core/types';
import { fixtureContext } from '../support/gradeFixtures';

let root: string;
let outside: string;
let prompt: PromptFile;
const PROMPT = ['---', 'input:', '  schema:', '    question: string', '    tier?: string', '    count?: integer', '    urgent?: boolean', '  default:', '    tier: free', '---', '{{question}} {{tier}} {{count}} {{urgent}}'].join('\n');

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'promptops-tests-'));
  outside = await mkdtemp(path.join(os.tmpdir(), 'promptops-outside-'));
  await mkdir(path.join(root, 'prompts', 'data'), { recursive: true });
  await writeFile(path.join(outside, 'secret.jsonl'), '{"question":"x"}\n');
  prompt = parsePrompt(path.join(root, 'prompts', 'support.prompt'), PROMPT);
});

after(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const testsFile = () => path.join(root, 'prompts', 'support.tests.yaml');

async function parse(source: string, withPrompt = true): Promise<TestSuite> {
  return parseTests(testsFile(), source, { workspaceRoot: root, ...(withPrompt && { prompt }) });
}

function at(r: Range): [number, number, number, number] {
  return [r.start.line, r.start.column, r.end.line, r.end.column];
}

function codes(suite: TestSuite): string[] {
  return suite.problems.map((p) => p.code);
}

function only(suite: TestSuite, code: string): Problem {
  const found = suite.problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `expected one ${code}: ${JSON.stringify(suite.problems, null, 1)}`);
  assert.ok(found[0].hint, 'every problem has a fix hint');
  return found[0];
}

describe('parseTests: tests and defaults', () => {
  test('merges defaults, keeps order, puts each test at its id value', async () => {
    const source = [
      'description: support answers',
      'defaults:',
      '  vars:',
      '    tier: pro',
      '  assert:',
      '    - type: not-icontains',
      '      value: as an AI',
      '  threshold: 0.9',
      'tests:',
      '  - id: refund-late',
      '    description: late refund request',
      '    vars:',
      '      question: Can I get a refund after 40 days?',
      '    assert:',
      '      - type: icontains',
      '        value: 30 days',
      '        weight: 2',
      '        metric: policy',
      '      - type: llm-judge',
      '        value: polite and names the policy',
      '        threshold: 0.8',
      '        model: claude-sonnet-4-5',
      '  - id: "greeting"',
      '    vars: { question: Hi, tier: free }',
      '    threshold: 0.5',
    ].join('\n');
    const suite = await parse(source);
    assert.deepEqual(suite.problems, []);
    assert.equal(suite.path, testsFile());
    assert.equal(suite.promptPath, path.join(root, 'prompts', 'support.prompt'));
    assert.match(suite.hash, /^[0-9a-f]{64}$/);
    const [a, b] = suite.tests;
    assert.deepEqual({ ...a, assert: a.assert.map(({ range: _r, ...rest }) => rest) }, {
      id: 'refund-late',
      description: 'late refund request',
      vars: { tier: 'pro', question: 'Can I get a refund after 40 days?' },
      assert: [
        { type: 'not-icontains', value: 'as an AI' },
        { type: 'icontains', value: '30 days', weight: 2, metric: 'policy' },
        { type: 'llm-judge', value: 'polite and names the policy', threshold: 0.8, model: 'claude-sonnet-4-5' },
      ],
      threshold: 0.9,
      range: a.range,
    });
    assert.deepEqual(at(a.range), [10, 9, 10, 20]);
    assert.deepEqual(at(a.assert[1].range!), [15, 9, 15, 24]);
    assert.deepEqual(b.vars, { tier: 'free', question: 'Hi' });
    assert.equal(b.threshold, 0.5);
    assert.deepEqual(at(b.range), [23, 9, 23, 19]);
  });

  test('default threshold agrees with the graders: a threshold on a pass/fail assertion does not lower the pass line', async () => {
    const suite = await parse(
      ['tests:', '  - id: t', '    vars: { question: Hi }', '    assert:', '      - { type: contains, value: refund, threshold: 0.5 }', '      - { type: icontains, value: sorry }'].join('\n'),
    );
    const [t] = suite.tests;
    assert.equal(t.threshold, 1);
    const grades = await gradeOutput(t.assert, fixtureContext({ output: 'Sorry, no.', test: t }));
    assert.deepEqual(grades.map((g) => g.pass), [false, true]);
    assert.equal(scoreTest(grades, t.threshold).pass, false, 'a test whose assertion failed does not pass by default');
    const all = await gradeOutput(t.assert, fixtureContext({ output: 'Sorry, a refund.', test: t }));
    assert.equal(scoreTest(all, t.threshold).pass, true);
  });

  test('default threshold: an llm-judge counts with its own pass line, a weight-0 assertion not at all', async () => {
    const suite = await parse(
      [
        'tests:',
        '  - id: judged',
        '    vars: { question: Hi }',
        '    assert: [{ type: contains, value: a, weight: 3 }, { type: llm-judge, value: r, threshold: 0.6 }]',
        '  - id: informational',
        '    vars: { question: Hi }',
        '    assert: [{ type: contains, value: a }, { type: cost, value: 1, weight: 0 }]',
      ].join('\n'),
    );
    assert.deepEqual(suite.tests.map((t) => t.threshold), [0.9, 1]);
  });

  test('a prompt: key points at another prompt, relative to the tests file', async () => {
    const suite = await parse('prompt: ../other/answer.prompt\ntests: []', false);
    assert.equal(suite.promptPath, path.join(root, 'other', 'answer.prompt'));
    assert.equal(testsPathFor('/a/b/triage.prompt'), '/a/b/triage.tests.yaml');
    assert.equal(promptPathFor('/a/b/triage.tests.yaml'), '/a/b/triage.prompt');
  });
});

describe('parseTests: problems at exact positions', () => {
  test('bad YAML is a yaml-syntax error and no tests', async () => {
    const suite = await parse('tests:\n  - id: a\n    vars: {question: "x}\n');
    assert.equal(suite.tests.length, 0);
    assert.ok(codes(suite).every((c) => c === 'yaml-syntax') && suite.problems.length > 0);
  });

  test('duplicate ids: error on the second, naming the first one\'s line', async () => {
    const suite = await parse('tests:\n  - id: same\n    vars: { question: a }\n  - id: other\n    vars: { question: b }\n  - id: same\n    vars: { question: c }\n');
    const e = only(suite, 'duplicate-id');
    assert.deepEqual(at(e.range), [6, 9, 6, 13]);
    assert.match(e.message, /Duplicate test id `same` \(first used on line 2\)/);
    assert.deepEqual(suite.tests.map((t) => t.id), ['same', 'other']);
  });

  test('a test without assertions is a warning at its id: it would pass whatever the answer', async () => {
    const suite = await parse('tests:\n  - id: empty\n    vars: { question: a }\n');
    const w = only(suite, 'no-assertions');
    assert.equal(w.severity, 'warning');
    assert.deepEqual(at(w.range), [2, 9, 2, 14]);
  });

  test('a test without an id is an error on its first line and is skipped', async () => {
    const suite = await parse('tests:\n  - vars: { question: a }\n    assert: []\n');
    const e = only(suite, 'missing-id');
    assert.deepEqual(at(e.range), [2, 5, 2, 26]);
    assert.equal(suite.tests.length, 0);
  });

  test('an unknown assertion type is an error at the type, with the likely name', async () => {
    const suite = await parse('tests:\n  - id: a\n    vars: { question: a }\n    assert:\n      - type: contians\n        value: x\n');
    const e = only(suite, 'unknown-assertion-type');
    assert.deepEqual(at(e.range), [5, 15, 5, 23]);
    assert.equal(e.hint, 'Did you mean `contains`?');
  });

  test('a threshold outside 0..1 is an error at the value, for tests, defaults and assertions', async () => {
    const suite = await parse('defaults:\n  threshold: 2\ntests:\n  - id: a\n    vars: { question: a }\n    threshold: -0.5\n    assert:\n      - { type: llm-judge, value: ok, threshold: 70 }\n');
    assert.deepEqual(
      suite.problems.map((p) => [p.code, ...at(p.range)]),
      [
        ['threshold-range', 2, 14, 2, 15],
        ['threshold-range', 6, 16, 6, 20],
        ['threshold-range', 8, 50, 8, 52],
      ],
    );
  });

  test('unknown keys, a missing value, a value of the wrong shape', async () => {
    const suite = await parse('tests:\n  - id: a\n    vars: { question: a }\n    asserts: []\n    assert:\n      - type: contains\n      - type: contains-any\n        value: refund\n');
    assert.deepEqual(
      suite.problems.map((p) => [p.code, ...at(p.range)]),
      [
        ['unknown-key', 4, 5, 4, 12],
        ['missing-value', 6, 9, 6, 23],
        ['invalid-tests', 8, 16, 8, 22],
      ],
    );
    assert.match(suite.problems[1].message, /`contains` needs a `value`/);
    assert.match(suite.problems[2].message, /tests\[0\]\.assert\[1\]\.value must be array/);
  });

  test('vars the prompt does not declare warn at their key; required vars left unset are errors at the test id', async () => {
    const suite = await parse('defaults:\n  vars: { langauge: en }\n  assert: [{ type: is-json }]\ntests:\n  - id: a\n    vars:\n      qestion: typo\n');
    assert.deepEqual(
      suite.problems.map((p) => [p.code, p.severity, ...at(p.range)]),
      [
        ['unknown-var', 'warning', 2, 11, 2, 19],
        ['missing-variable', 'error', 5, 9, 5, 10],
        ['unknown-var', 'warning', 7, 7, 7, 14],
      ],
    );
    assert.match(suite.problems[1].message, /Test `a` does not set `question`, which support\.prompt requires/);
  });
});

describe('parseTests: datasets', () => {
  test('JSONL rows become tests: __id/id or row-N, __expected as an assertion, defaults merged', async () => {
    await writeFile(
      path.join(root, 'prompts', 'data', 'golden.jsonl'),
      [
        '{"__id": "g1", "question": "Where is my parcel?", "__expected": "icontains: tracking"}',
        '',
        '{"id": "g2", "question": "Refund?", "__expected": "contains-any: refund, return", "__description": "refunds"}',
        '{"question": "Hello", "__expected": {"reply": "hi"}}',
      ].join('\n'),
    );
    const suite = await parse('defaults:\n  assert:\n    - { type: not-contains, value: sorry }\ntests:\n  - id: own\n    vars: { question: x }\ndataset: data/golden.jsonl\n');
    assert.deepEqual(suite.problems, []);
    const rows = suite.tests.slice(1);
    const jsonl = path.join(root, 'prompts', 'data', 'golden.jsonl');
    assert.deepEqual(
      rows.map((t) => [t.id, t.vars, t.assert.map((a) => [a.type, a.value]), t.description, t.source, t.range.start.line, t.threshold]),
      [
        ['g1', { question: 'Where is my parcel?' }, [['not-contains', 'sorry'], ['icontains', 'tracking']], undefined, jsonl, 1, 1],
        ['g2', { question: 'Refund?' }, [['not-contains', 'sorry'], ['contains-any', ['refund', 'return']]], 'refunds', jsonl, 3, 1],
        ['row-3', { question: 'Hello' }, [['not-contains', 'sorry'], ['equals', { reply: 'hi' }]], undefined, jsonl, 4, 1],
      ],
    );
  });

  test('CSV rows: typed by the prompt schema, multi-line cells, lines of each row', async () => {
    await writeFile(path.join(root, 'prompts', 'data', 'golden.csv'), 'id,question,count,urgent,__expected\nc1,"Two\nlines",3,true,billing\nc2,Plain,x,no,\n');
    const suite = await parse('dataset: data/golden.csv\n');
    const csv = path.join(root, 'prompts', 'data', 'golden.csv');
    assert.deepEqual(
      suite.problems.map((p) => [p.file, p.code, p.severity, p.range.start.line, p.message]),
      [[csv, 'no-assertions', 'warning', 4, '1 dataset row(s) have no assertions (first: `c2`), so they pass whatever the answer']],
    );
    assert.deepEqual(
      suite.tests.map((t) => [t.id, t.vars, t.assert.map((a) => [a.type, a.value]), t.range.start.line, t.range.end.line]),
      [
        ['c1', { question: 'Two\nlines', count: 3, urgent: true }, [['equals', 'billing']], 2, 3],
        ['c2', { question: 'Plain', count: 'x', urgent: 'no' }, [], 4, 4],
      ],
    );
  });

  test('the suite hash covers the dataset: editing a row changes it', async () => {
    const file = path.join(root, 'prompts', 'data', 'hash.jsonl');
    await writeFile(file, '{"question": "a"}\n');
    const first = await parse('dataset: data/hash.jsonl\n');
    await writeFile(file, '{"question": "b"}\n');
    const second = await parse('dataset: data/hash.jsonl\n');
    assert.notEqual(first.hash, second.hash);
    assert.equal(first.tests[0].id, 'row-1');
  });

  test('parse errors point at the line in the dataset file', async () => {
    const jsonl = path.join(root, 'prompts', 'data', 'broken.jsonl');
    await writeFile(jsonl, '{"question": "ok"}\n{"question": oops}\n[1, 2]\n');
    const suite = await parse('defaults:\n  assert: [{ type: is-json }]\ndataset: data/broken.jsonl\n');
    assert.deepEqual(
      suite.problems.map((p) => [p.file, p.code, p.range.start.line]),
      [
        [jsonl, 'dataset-parse', 2],
        [jsonl, 'dataset-parse', 3],
      ],
    );
    assert.match(suite.problems[0].message, /^Line 2 is not valid JSON/);
    assert.match(suite.problems[1].message, /^Line 3 is not a JSON object/);
    assert.deepEqual(suite.tests.map((t) => t.id), ['row-1']);

    const csv = path.join(root, 'prompts', 'data', 'broken.csv');
    await writeFile(csv, 'question,tier\n"fine",pro\n"no end,pro\n');
    const csvSuite = await parse('dataset: data/broken.csv\n');
    const e = only(csvSuite, 'dataset-parse');
    assert.equal(e.file, csv);
    assert.equal(e.range.start.line, 3);
    assert.match(e.message, /Quote Not Closed/);
  });

  test('duplicate ids across the file and the dataset are errors at the dataset row', async () => {
    const jsonl = path.join(root, 'prompts', 'data', 'dupes.jsonl');
    await writeFile(jsonl, '{"id": "own", "question": "a"}\n');
    const suite = await parse('tests:\n  - id: own\n    vars: { question: x }\ndataset: data/dupes.jsonl\n');
    const e = only(suite, 'duplicate-id');
    assert.equal(e.file, jsonl);
    assert.match(e.message, /first used on line 2/);
  });

  test('a dataset outside the workspace is refused, by path or through a symlink; a missing one is an error', async () => {
    const source = `dataset: ${path.relative(path.join(root, 'prompts'), path.join(outside, 'secret.jsonl'))}\n`;
    const escaped = await parse(source);
    const e = only(escaped, 'dataset-outside-workspace');
    assert.deepEqual(at(e.range), [1, 10, 1, source.length]);
    assert.equal(escaped.tests.length, 0);

    await symlink(path.join(outside, 'secret.jsonl'), path.join(root, 'prompts', 'data', 'link.jsonl'));
    const linked = await parse('dataset: data/link.jsonl\n');
    assert.match(only(linked, 'dataset-outside-workspace').message, /a link to/);
    assert.equal(linked.tests.length, 0);

    const missing = await parse('dataset: data/nope.jsonl\n');
    assert.deepEqual(at(only(missing, 'dataset-not-found').range), [1, 10, 1, 25]);
    assert.ok((await readFile(path.join(outside, 'secret.jsonl'), 'utf8')).length > 0);
  });
});

describe('the tests schema', () => {
  test('lists every grader and its not- variant', async () => {
    const schema = JSON.parse(await readFile(path.join(__dirname, '../../schemas/promptops.tests.schema.json'), 'utf8'));
    const expected = [...ASSERTION_TYPES, ...ASSERTION_TYPES.map((t) => `not-${t}`)].sort();
    assert.deepEqual([...schema.definitions.assertionType.enum].sort(), expected);
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.ok(!JSON.stringify(schema).includes('"$ref":"http'), 'self-contained: no external references');
  });
});

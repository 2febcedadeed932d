import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ASSERTION_TYPES, gradeOutput } from '../../src/core/graders';
import { fixtureContext, gradeOne as grade } from '../support/gradeFixtures';

describe('equals', () => {
  test('passes on the same text, surrounding whitespace ignored', async () => {
    const r = await grade({ type: 'equals', value: 'Billing' }, 'Billing\n');
    assert.equal(r.pass, true);
    assert.equal(r.score, 1);
    assert.equal(r.expected, 'Billing');
    assert.equal(r.actual, 'Billing\n');
  });

  test('fails on different text, case counts', async () => {
    const r = await grade({ type: 'equals', value: 'Billing' }, 'billing');
    assert.equal(r.pass, false);
    assert.equal(r.score, 0);
    assert.equal(r.hard, undefined);
  });

  test('compares an object value as JSON, keys in any order, and shows both sides pretty-printed', async () => {
    const value = { priority: 'high', tags: ['refund'] };
    const pass = await grade({ type: 'equals', value }, '{"tags":["refund"],"priority":"high"}');
    assert.equal(pass.pass, true);
    const fail = await grade({ type: 'equals', value }, '{"priority":"low","tags":["refund"]}');
    assert.equal(fail.pass, false);
    assert.equal(fail.expected, '{\n  "priority": "high",\n  "tags": [\n    "refund"\n  ]\n}');
    assert.equal(fail.actual, '{\n  "priority": "low",\n  "tags": [\n    "refund"\n  ]\n}');
  });

  test('a number value matches JSON output of that number', async () => {
    assert.equal((await grade({ type: 'equals', value: 42 }, ' 42 ')).pass, true);
    assert.equal((await grade({ type: 'equals', value: 42 }, '42.5')).pass, false);
  });

  test('an object value against non-JSON output fails, saying the output is not JSON', async () => {
    const r = await grade({ type: 'equals', value: { a: 1 } }, 'a is 1');
    assert.equal(r.pass, false);
    assert.match(r.reason, /not valid JSON/);
  });

  test('not-equals flips the result', async () => {
    const r = await grade({ type: 'not-equals', value: 'Billing' }, 'Shipping');
    assert.equal(r.pass, true);
    assert.equal(r.score, 1);
    assert.equal(r.type, 'not-equals');
    assert.match(r.reason, /^not-equals passed: /);
    assert.equal(r.expected, 'not Billing');
  });

  test('without a value is a hard failure', async () => {
    const r = await grade({ type: 'equals' }, 'x');
    assert.equal(r.hard, true);
    assert.match(r.reason, /needs a value/);
  });
});

describe('contains and icontains', () => {
  test('contains is case-sensitive', async () => {
    assert.equal((await grade({ type: 'contains', value: 'refund' }, 'We will refund you.')).pass, true);
    const r = await grade({ type: 'contains', value: 'Refund' }, 'We will refund you.');
    assert.equal(r.pass, false);
    assert.equal(r.reason, 'output does not contain "Refund"');
  });

  test('icontains ignores case', async () => {
    assert.equal((await grade({ type: 'icontains', value: 'REFUND' }, 'We will refund you.')).pass, true);
    assert.equal((await grade({ type: 'icontains', value: 'invoice' }, 'We will refund you.')).pass, false);
  });

  test('a number value is read as text', async () => {
    assert.equal((await grade({ type: 'contains', value: 30 }, 'within 30 days')).pass, true);
  });

  test('not-contains passes when the text is absent and fails when present', async () => {
    assert.equal((await grade({ type: 'not-contains', value: 'sorry' }, 'Done.')).pass, true);
    const r = await grade({ type: 'not-icontains', value: 'SORRY' }, 'So sorry!');
    assert.equal(r.pass, false);
    assert.equal(r.score, 0);
    assert.equal(r.reason, 'not-icontains failed: output contains "SORRY"');
  });

  test('a list value is a hard failure pointing at contains-any/all', async () => {
    const r = await grade({ type: 'contains', value: ['a', 'b'] }, 'a b');
    assert.equal(r.hard, true);
    assert.match(r.reason, /contains-any or contains-all/);
  });
});

describe('contains-any and contains-all', () => {
  test('contains-any passes when one value is present', async () => {
    const r = await grade({ type: 'contains-any', value: ['refund', 'credit'] }, 'a store credit');
    assert.equal(r.pass, true);
    assert.equal(r.score, 1);
    assert.equal(r.reason, 'output contains "credit"');
    const none = await grade({ type: 'contains-any', value: ['refund', 'credit'] }, 'nothing');
    assert.equal(none.pass, false);
    assert.equal(none.reason, 'output contains none of "refund", "credit"');
  });

  test('contains-all scores the fraction found and passes only when all are found', async () => {
    const all = await grade({ type: 'contains-all', value: ['order', 'refund'] }, 'order refund');
    assert.deepEqual([all.pass, all.score], [true, 1]);
    const some = await grade({ type: 'contains-all', value: ['order', 'refund', 'days', 'email'] }, 'order refund');
    assert.deepEqual([some.pass, some.score], [false, 0.5]);
    assert.equal(some.reason, 'output lacks "days", "email" (2 of 4 found)');
    assert.equal(some.expected, 'order\nrefund\ndays\nemail');
  });

  test("contains-all passes on a partial match that reaches the assertion's threshold", async () => {
    const r = await grade({ type: 'contains-all', value: ['a', 'b', 'c', 'd'], threshold: 0.75 }, 'a b c');
    assert.deepEqual([r.pass, r.score], [true, 0.75]);
  });

  test('icontains-any and icontains-all ignore case', async () => {
    assert.equal((await grade({ type: 'icontains-any', value: ['REFUND'] }, 'refund')).pass, true);
    const r = await grade({ type: 'icontains-all', value: ['Order', 'REFUND'] }, 'order refund');
    assert.equal(r.pass, true);
  });

  test('not-contains-all passes when something is missing, its score the fraction missing', async () => {
    const r = await grade({ type: 'not-contains-all', value: ['a', 'b', 'c', 'd'] }, 'a');
    assert.equal(r.pass, true);
    assert.equal(r.score, 0.75);
    const any = await grade({ type: 'not-contains-any', value: ['lawsuit', 'lawyer'] }, 'call our lawyer');
    assert.equal(any.pass, false);
  });

  test('a scalar or an empty list is a hard failure', async () => {
    assert.equal((await grade({ type: 'contains-all', value: 'a' }, 'a')).hard, true);
    assert.equal((await grade({ type: 'contains-any', value: [] }, 'a')).hard, true);
    assert.equal((await grade({ type: 'icontains-all', value: [{ a: 1 }] }, 'a')).hard, true);
  });
});

describe('regex', () => {
  test('a bare pattern matches anywhere in the output', async () => {
    const r = await grade({ type: 'regex', value: 'ORD-\\d{5}' }, 'Your order ORD-12345 ships today');
    assert.equal(r.pass, true);
    assert.equal(r.expected, '/ORD-\\d{5}/');
    assert.equal((await grade({ type: 'regex', value: '^\\d+$' }, '12a')).pass, false);
  });

  test('the /pattern/flags form applies its flags', async () => {
    assert.equal((await grade({ type: 'regex', value: '/^refund/i' }, 'REFUND approved')).pass, true);
    assert.equal((await grade({ type: 'regex', value: '/^refund/' }, 'REFUND approved')).pass, false);
    assert.equal((await grade({ type: 'regex', value: '/^total: \\d+$/m' }, 'items\ntotal: 3\n')).pass, true);
  });

  test('not-regex flips the match', async () => {
    const r = await grade({ type: 'not-regex', value: '\\bI am an AI\\b' }, 'Happy to help.');
    assert.equal(r.pass, true);
    assert.equal(r.reason, 'not-regex passed: output does not match /\\bI am an AI\\b/');
  });

  test('an invalid pattern is a hard failure naming the pattern, negated or not', async () => {
    for (const type of ['regex', 'not-regex']) {
      const r = await grade({ type, value: '(abc' }, 'abc');
      assert.equal(r.pass, false);
      assert.equal(r.hard, true);
      assert.match(r.reason, /^invalid regex \(abc: .*Unterminated group/);
    }
    assert.match((await grade({ type: 'regex', value: '/a/q' }, 'a')).reason, /Invalid flags/);
  });

  test('catastrophic backtracking is stopped by the time limit and fails hard', async () => {
    const r = await grade({ type: 'regex', value: '^(a+)+$' }, `${'a'.repeat(40)}b`);
    assert.equal(r.hard, true);
    assert.match(r.reason, /timed out after \d+ ms/);
  });

  test('a missing pattern is a hard failure', async () => {
    assert.equal((await grade({ type: 'regex' }, 'a')).hard, true);
  });
});

describe('starts-with', () => {
  test('passes on the prefix, leading whitespace of the output ignored', async () => {
    const r = await grade({ type: 'starts-with', value: 'Dear' }, '\n Dear Ana,');
    assert.equal(r.pass, true);
    assert.equal(r.expected, 'Dear');
  });

  test('fails when the prefix is elsewhere; not-starts-with flips it', async () => {
    assert.equal((await grade({ type: 'starts-with', value: 'Dear' }, 'Hi. Dear Ana')).pass, false);
    assert.equal((await grade({ type: 'not-starts-with', value: 'Sure' }, 'Sure! Here it is')).pass, false);
    assert.equal((await grade({ type: 'not-starts-with', value: 'Sure' }, 'Here it is')).pass, true);
  });

  test('without a value is a hard failure', async () => {
    assert.equal((await grade({ type: 'starts-with', value: ['a'] }, 'a')).hard, true);
  });
});

describe('cost and latency', () => {
  test('cost passes at or under the limit and fails above it', async () => {
    const under = await grade({ type: 'cost', value: 0.002 }, 'x', { costUsd: 0.002 });
    assert.equal(under.pass, true);
    const over = await grade({ type: 'cost', value: 0.002 }, 'x', { costUsd: 0.0031 });
    assert.equal(over.pass, false);
    assert.equal(over.hard, undefined);
    assert.equal(over.expected, '≤ $0.002');
    assert.equal(over.actual, '$0.0031');
    assert.equal(over.reason, 'call cost $0.0031 > $0.002');
  });

  test('an unknown cost is a hard failure naming the model, negated or not', async () => {
    for (const type of ['cost', 'not-cost']) {
      const r = await grade({ type, value: 0.01 }, 'x', { costUsd: null, model: 'claude-next-9' });
      assert.equal(r.pass, false);
      assert.equal(r.hard, true);
      assert.match(r.reason, /^cost unknown for model claude-next-9: add its price under pricing/);
    }
  });

  test('latency passes at or under the limit, fails above it, and not-latency flips it', async () => {
    assert.equal((await grade({ type: 'latency', value: 1000 }, 'x', { latencyMs: 1000 })).pass, true);
    const slow = await grade({ type: 'latency', value: 1000 }, 'x', { latencyMs: 1234.4 });
    assert.equal(slow.pass, false);
    assert.deepEqual([slow.expected, slow.actual], ['≤ 1000 ms', '1234 ms']);
    assert.equal((await grade({ type: 'not-latency', value: 1000 }, 'x', { latencyMs: 1234 })).pass, true);
  });

  test('a limit that is not a non-negative number is a hard failure', async () => {
    assert.equal((await grade({ type: 'cost', value: 'cheap' }, 'x')).hard, true);
    assert.equal((await grade({ type: 'latency', value: -5 }, 'x')).hard, true);
    assert.equal((await grade({ type: 'latency', value: '2500' }, 'x', { latencyMs: 2000 })).pass, true);
  });
});

describe('gradeOutput', () => {
  test('keeps the assertion order and carries type, weight and metric', async () => {
    const results = await gradeOutput(
      [
        { type: 'contains', value: 'a', metric: 'mentions-a' },
        { type: 'not-contains', value: 'z', weight: 3 },
        { type: 'latency', value: 5000, weight: 0 },
      ],
      fixtureContext({ output: 'abc' }),
    );
    assert.deepEqual(
      results.map((r) => [r.type, r.pass, r.weight, r.metric]),
      [
        ['contains', true, 1, 'mentions-a'],
        ['not-contains', true, 3, undefined],
        ['latency', true, 0, undefined],
      ],
    );
  });

  test('an unknown type is a hard failure listing the known types', async () => {
    const r = await grade({ type: 'contain', value: 'a' }, 'a');
    assert.equal(r.hard, true);
    assert.match(r.reason, /^unknown assertion type "contain"; known types: equals, contains,/);
    assert.equal((await grade({ type: 'not-toString' }, 'a')).hard, true);
  });

  test('an invalid weight or threshold is a hard failure', async () => {
    const weight = await grade({ type: 'contains', value: 'a', weight: -1 }, 'a');
    assert.equal(weight.hard, true);
    assert.equal(weight.weight, 1);
    assert.match(weight.reason, /weight must be a number ≥ 0/);
    const threshold = await grade({ type: 'contains-all', value: ['a'], threshold: 70 }, 'a');
    assert.equal(threshold.hard, true);
    assert.match(threshold.reason, /threshold must be a number between 0 and 1, not 70/);
  });

  test('a grader that crashes becomes a hard failure instead of throwing', async () => {
    // structuredClone cannot copy a function: the javascript grader throws before it runs the code.
    const ctx = fixtureContext({ output: 'a', test: { ...fixtureContext().test, vars: { f: () => 1 } } });
    const [r] = await gradeOutput([{ type: 'javascript', value: 'true' }], ctx);
    assert.equal(r.hard, true);
    assert.match(r.reason, /^the javascript grader crashed: /);
  });

  test('no assertions give no results', async () => {
    assert.deepEqual(await gradeOutput([], fixtureContext()), []);
  });
});

test('ASSERTION_TYPES lists every base type once, none negated', () => {
  assert.deepEqual(
    [...ASSERTION_TYPES].sort(),
    [
      'contains',
      'contains-all',
      'contains-any',
      'cost',
      'equals',
      'icontains',
      'icontains-all',
      'icontains-any',
      'is-json',
      'javascript',
      'json-schema',
      'latency',
      'llm-judge',
      'regex',
      'starts-with',
    ],
  );
});

test('results hold no undefined fields, so they compare and serialise cleanly', async () => {
  const [plain, negated] = await gradeOutput([{ type: 'is-json' }, { type: 'not-is-json' }], fixtureContext({ output: '{}' }));
  for (const r of [plain, negated]) assert.ok(Object.values(r).every((v) => v !== undefined), JSON.stringify(Object.keys(r)));
  assert.deepEqual(Object.keys(negated).sort(), ['actual', 'pass', 'reason', 'score', 'type', 'weight']);
});

test("the tests schema offers exactly ASSERTION_TYPES and their not- forms", () => {
  const schema = JSON.parse(readFileSync(new URL('../../schemas/promptops.tests.schema.json', import.meta.url), 'utf8')) as {
    definitions: { assertionType: { enum: string[] } };
  };
  const expected = [...ASSERTION_TYPES, ...ASSERTION_TYPES.map((t) => `not-${t}`)].sort();
  assert.deepEqual([...schema.definitions.assertionType.enum].sort(), expected);
});

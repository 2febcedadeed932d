import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gradeOutput } from '../../src/core/graders';
import { fixtureContext, fixtureTest, gradeOne as grade } from '../support/gradeFixtures';

describe('javascript', () => {
  test('is refused in an untrusted workspace, without running the code', async () => {
    const marker = `ran-${process.pid}`;
    const r = await grade({ type: 'javascript', value: `globalThis.process?.env && (process.env.MARKER = '${marker}'), true` }, 'x', { trusted: false });
    assert.equal(r.pass, false);
    assert.equal(r.hard, true);
    assert.equal(r.reason, 'javascript assertions run only in trusted workspaces: trust this workspace to run them');
    assert.notEqual(process.env.MARKER, marker);
    assert.equal((await grade({ type: 'not-javascript', value: 'false' }, 'x', { trusted: false })).pass, false);
  });

  test('an expression returning a boolean passes or fails', async () => {
    const pass = await grade({ type: 'javascript', value: "output.includes('refund')" }, 'a refund');
    assert.deepEqual([pass.pass, pass.score], [true, 1]);
    assert.equal(pass.reason, `javascript "output.includes('refund')" returned true`);
    assert.equal((await grade({ type: 'javascript', value: 'output.length < 3' }, 'long')).pass, false);
  });

  test('a function body with return sees output, vars and context', async () => {
    const code = [
      'const words = output.split(/\\s+/).length;',
      'if (context.test.id !== "refund-request" || context.prompt.name !== "triage") return false;',
      'return words <= vars.maxWords && context.latencyMs < 1000;',
    ].join('\n');
    const test = fixtureTest({ vars: { maxWords: 3 } });
    assert.equal((await grade({ type: 'javascript', value: code }, 'one two three', { test })).pass, true);
    assert.equal((await grade({ type: 'javascript', value: code }, 'one two three four', { test })).pass, false);
  });

  test('a number is the score, passing at 0.5 unless the assertion sets a threshold', async () => {
    const half = await grade({ type: 'javascript', value: '0.5' }, 'x');
    assert.deepEqual([half.pass, half.score], [true, 0.5]);
    const strict = await grade({ type: 'javascript', value: '0.5', threshold: 0.8 }, 'x');
    assert.deepEqual([strict.pass, strict.score], [false, 0.5]);
  });

  test('an object gives pass, score and reason; missing parts are derived', async () => {
    const full = await grade({ type: 'javascript', value: "({ pass: false, score: 0.4, reason: 'too terse' })" }, 'x');
    assert.deepEqual([full.pass, full.score, full.reason], [false, 0.4, 'too terse']);
    const scoreOnly = await grade({ type: 'javascript', value: 'return { score: 0.9 }' }, 'x');
    assert.deepEqual([scoreOnly.pass, scoreOnly.score], [true, 0.9]);
    const passOnly = await grade({ type: 'javascript', value: '({ pass: true })' }, 'x');
    assert.deepEqual([passOnly.pass, passOnly.score], [true, 1]);
  });

  test('not-javascript flips pass and score', async () => {
    const r = await grade({ type: 'not-javascript', value: '0.25' }, 'x');
    assert.deepEqual([r.pass, r.score], [true, 0.75]);
  });

  test('changes to vars stay inside the assertion', async () => {
    const test = fixtureTest({ vars: { items: [1, 2] } });
    const ctx = fixtureContext({ output: 'x', test });
    const [first, second] = await gradeOutput(
      [
        { type: 'javascript', value: 'vars.items.push(3); return true' },
        { type: 'javascript', value: 'vars.items.length === 2' },
      ],
      ctx,
    );
    assert.equal(first.pass, true);
    assert.equal(second.pass, true);
    assert.deepEqual(test.vars.items, [1, 2]);
  });

  test('code that throws is a hard failure with the error, negated or not', async () => {
    for (const type of ['javascript', 'not-javascript']) {
      const r = await grade({ type, value: 'JSON.parse(output).ok' }, 'not json');
      assert.equal(r.pass, false);
      assert.equal(r.hard, true);
      assert.match(r.reason, /^javascript "JSON\.parse\(output\)\.ok" threw SyntaxError: /);
    }
  });

  test('an endless loop is stopped by the time limit and fails hard', async () => {
    const r = await grade({ type: 'javascript', value: 'while (true) {}' }, 'x');
    assert.equal(r.hard, true);
    assert.match(r.reason, /timed out after 1000 ms/);
  });

  test('code that does not compile is a hard failure', async () => {
    const r = await grade({ type: 'javascript', value: 'return (' }, 'x');
    assert.equal(r.hard, true);
    assert.match(r.reason, /does not compile: SyntaxError/);
  });

  test('a value of the wrong kind is a hard failure saying what to return', async () => {
    for (const code of ['"yes"', 'output.length', 'undefined', '({ pass: "yes" })', '({ reason: "no verdict" })', 'Promise.resolve(true)']) {
      const r = await grade({ type: 'javascript', value: code }, 'long output');
      assert.equal(r.hard, true, code);
      assert.match(r.reason, /return a boolean, a number in 0\.\.1 or \{ pass, score\?, reason\? \}|must return synchronously/, code);
    }
    assert.equal((await grade({ type: 'javascript' }, 'x')).hard, true);
  });
});

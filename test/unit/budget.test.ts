import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BudgetGuard, checkBudget } from '../../src/core/budget';

describe('checkBudget', () => {
  test('no limit, or an estimate within it, is fine', () => {
    assert.deepEqual(checkBudget(12, undefined), { ok: true });
    assert.deepEqual(checkBudget(null, undefined), { ok: true });
    assert.deepEqual(checkBudget(0.5, 0.5), { ok: true });
  });

  test('an estimate over the limit is refused with the estimate, the limit and every way to raise it', () => {
    const check = checkBudget(0.4213, 0.1);
    assert.equal(check.ok, false);
    if (check.ok) return;
    assert.match(check.message, /\$0\.42/);
    assert.match(check.message, /\$0\.10/);
    assert.match(check.hint, /--max-cost 0\.43\b/);
    assert.match(check.hint, /promptops\.budget\.perRunUsd/);
    assert.match(check.hint, /maxCostUsd in promptops\.config\.yaml/);
  });

  test('an unknown cost cannot be checked against a limit and says which model lacks a price', () => {
    const check = checkBudget(null, 1, ['my-finetune']);
    assert.equal(check.ok, false);
    if (check.ok) return;
    assert.match(check.message, /cost is unknown/);
    assert.match(check.message, /"my-finetune"/);
  });
});

describe('BudgetGuard', () => {
  test('is exceeded only once spending crosses the limit', () => {
    const guard = new BudgetGuard(0.01);
    guard.add(0.004);
    guard.add(0.006);
    assert.equal(guard.exceeded, false);
    guard.add(0.0001);
    assert.equal(guard.exceeded, true);
    assert.ok(Math.abs(guard.spentUsd - 0.0101) < 1e-12);
    assert.match(guard.stopMessage(), /over the budget of \$0\.01/);
    assert.match(guard.stopMessage(), /--max-cost/);
  });

  test('counts unknown costs apart and never trips without a limit', () => {
    const guard = new BudgetGuard(undefined);
    guard.add(1000);
    guard.add(null);
    assert.equal(guard.exceeded, false);
    assert.equal(guard.unknownCostCalls, 1);
    assert.equal(guard.spentUsd, 1000);
  });
});

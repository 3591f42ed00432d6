// Settings from a workspace are clamped: a repository's settings file must not start dozens of
// threads or let one claim run for minutes (issue: hardening, settings from an untrusted workspace).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOptions, parseSettings, SETTING_LIMITS } from '../../../server/src/lsp/settings';
import { DEFAULT_WORK_BUDGET } from '../../../server/src/check/budgets';

test('maxWorkers, budgets and trials are clamped to their limits', () => {
  const s = parseSettings({
    maxWorkers: 64,
    trials: 1e9,
    budgets: { work: 1e12, timeMs: 1e9, elements: 1e12 },
  });
  assert.equal(s.budgets.work, SETTING_LIMITS.work);
  assert.equal(s.maxWorkers, SETTING_LIMITS.maxWorkers);
  assert.equal(s.trials, SETTING_LIMITS.trials);
  assert.equal(s.budgets.timeMs, SETTING_LIMITS.timeMs);
  assert.equal(s.budgets.elements, SETTING_LIMITS.elements);
});

test('values within the limits are kept; invalid ones fall back to the defaults', () => {
  const s = parseSettings({ maxWorkers: 2, budgets: { timeMs: 500, elements: -3 } });
  assert.equal(s.maxWorkers, 2);
  assert.equal(s.budgets.timeMs, 500);
  assert.equal(s.budgets.elements, 1e6);
  assert.equal(parseSettings({ maxWorkers: 'many' }).maxWorkers, 0);
});

test('the work budget is in millions of operations, and the editor and the CLI share its default', () => {
  assert.equal(checkOptions(parseSettings({}), null, false).workBudget, DEFAULT_WORK_BUDGET);
  assert.equal(checkOptions(parseSettings({ budgets: { work: 2.5 } }), null, false).workBudget, 2_500_000);
  assert.equal(parseSettings({ budgets: { work: -1 } }).budgets.work, DEFAULT_WORK_BUDGET / 1e6);
});

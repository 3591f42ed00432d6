// The pattern search behind the closest-approach look at inequalities (closestApproach.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchViolation } from '../../../server/src/check/closestApproach';

const line = [{ name: 'x', lo: -Infinity, hi: Infinity }];
const fails = (_x: readonly number[], s: number) => s < -1e-8;

test('follows a slack far from the start to where it turns negative', () => {
  // cos(x/7) + 0.99 > 0 fails near x = 7π ≈ 22.
  const found = searchViolation(line, [2], ([x]) => Math.cos(x / 7) + 0.99, fails);
  assert.ok(found && Math.cos(found[0] / 7) + 0.99 < 0);
});

test('narrows to a thin failing set between two coordinates', () => {
  // 0.69 − log(1 + e^{−|x − y|}) fails within 0.003 of x = y.
  const plane = [...line, { name: 'y', lo: -Infinity, hi: Infinity }];
  const slack = ([x, y]: readonly number[]) => 0.69 - Math.log(1 + Math.exp(-Math.abs(x - y)));
  const found = searchViolation(plane, [1.3, 0.2], slack, fails);
  assert.ok(found && slack(found) < 0);
});

test('finds nothing where the bound holds, even touching', () => {
  const positive = [{ name: 't', lo: 0, hi: Infinity }];
  assert.equal(
    searchViolation(positive, [3], ([t]) => 0.5 - t / (1 + t * t), fails),
    null,
  );
  assert.equal(
    searchViolation(line, [0.4], ([x]) => x * x - x + 0.25, fails),
    null,
  );
});

test('stays inside the declared range and skips undefined points', () => {
  const unit = [{ name: 'u', lo: 0, hi: 1 }];
  // Failing only at u ≥ 1, outside the range.
  assert.equal(
    searchViolation(unit, [0.5], ([u]) => 1 - u, fails),
    null,
  );
  assert.equal(
    searchViolation(line, [1], ([x]) => (x > 1.5 ? null : 2 - x), fails),
    null,
  );
});

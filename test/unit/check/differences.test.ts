import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tensor } from '../../../server/src/engine/index';
import { extrapolated, stepFor } from '../../../server/src/check/differences';

/** d/dx of g at x by extrapolated differences, g given as a function of one number. */
function derivative(g: (x: number) => number, x: number) {
  const h = stepFor(x);
  return extrapolated(
    (k) => Tensor.scalar(g(x + k * h)),
    () => h,
  );
}

test('extrapolated differences: accurate, and the error estimate covers the actual error', () => {
  const cases: [string, (x: number) => number, (x: number) => number, number][] = [
    ['cos → −sin', Math.cos, (x) => -Math.sin(x), 0.7],
    ['exp at 3', Math.exp, Math.exp, 3],
    ['x³ at 0', (x) => x ** 3, (x) => 3 * x * x, 0],
    ['log at 0.1', Math.log, (x) => 1 / x, 0.1],
    ['sin at 10', Math.sin, Math.cos, 10],
  ];
  for (const [name, g, dg, x] of cases) {
    const r = derivative(g, x);
    const actual = Math.abs(r.value.data[0] - dg(x));
    assert.ok(actual <= r.error[0], `${name}: actual error ${actual} within the estimate ${r.error[0]}`);
    assert.ok(r.error[0] <= 1e-8 * Math.max(1, Math.abs(dg(x))), `${name}: estimate ${r.error[0]} is small`);
  }
});

test('extrapolated differences: a kink inside the steps shows in the error estimate', () => {
  // |x| near 0 is not differentiable: the estimate must not pretend otherwise.
  const r = derivative(Math.abs, 1e-5);
  assert.ok(r.error[0] > 1e-3, `estimate ${r.error[0]} flags the kink`);
});

test('extrapolated differences keep the shape of the differenced value', () => {
  const r = extrapolated(
    (k) => Tensor.from([2], [Math.sin(1 + k * 0.01), Math.cos(1 + k * 0.01)]),
    () => 0.01,
  );
  assert.deepEqual([...r.value.shape], [2]);
  assert.ok(Math.abs(r.value.data[0] - Math.cos(1)) < 1e-10);
  assert.ok(Math.abs(r.value.data[1] + Math.sin(1)) < 1e-10);
});

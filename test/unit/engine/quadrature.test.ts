import { test } from 'node:test';
import assert from 'node:assert/strict';
import { integrate, type QuadratureOptions } from '../../../server/src/engine/index';

const opts: QuadratureOptions = { controlled: (n) => n, relTol: 1e-10, absTol: 0, maxIntervals: 400 };
const scalar = (g: (x: number) => number) => (x: number) => Float64Array.of(g(x));

test('integrate: finite, infinite and half-infinite intervals, with an honest error estimate', () => {
  const cases: [string, (x: number) => number, number, number, number][] = [
    ['x²', (x) => x * x, 0, 1, 1 / 3],
    ['Gaussian over ℝ', (x) => Math.exp((-x * x) / 2), -Infinity, Infinity, Math.sqrt(2 * Math.PI)],
    ['e^{-x} on [0, ∞)', (x) => Math.exp(-x), 0, Infinity, 1],
    ['e^{x} on (−∞, 0]', (x) => Math.exp(x), -Infinity, 0, 1],
    ['Cauchy density', (x) => 1 / (1 + x * x), -Infinity, Infinity, Math.PI],
    ['1/√x, singular at 0', (x) => 1 / Math.sqrt(x), 0, 1, 2],
    ['log x, singular at 0', Math.log, 0, 1, -1],
  ];
  for (const [name, g, a, b, exact] of cases) {
    const r = integrate(scalar(g), a, b, opts);
    assert.ok(r.converged, `${name} converges`);
    const actual = Math.abs(r.value[0] - exact);
    assert.ok(actual <= Math.max(r.error, 1e-15), `${name}: error ${actual} within the estimate ${r.error}`);
    assert.ok(r.error <= 1e-10 * Math.abs(exact), `${name}: estimate ${r.error} meets the tolerance`);
  }
});

test('integrate: reversed limits change the sign; an odd integrand is 0 to rounding', () => {
  const r = integrate(
    scalar((x) => 1 / x),
    2,
    1,
    opts,
  );
  assert.ok(Math.abs(r.value[0] + Math.LN2) < 1e-12);
  const odd = integrate(
    scalar((x) => x ** 3),
    -1,
    1,
    opts,
  );
  assert.ok(odd.converged && Math.abs(odd.value[0]) < 1e-15);
});

test('integrate: a divergent integral does not converge and says why', () => {
  const r = integrate(
    scalar((x) => 1 / x),
    1,
    Infinity,
    opts,
  );
  assert.equal(r.converged, false);
  assert.match(r.reason ?? '', /subintervals/);
  const nan = integrate(
    scalar((x) => Math.sin(x) * Infinity),
    0,
    1,
    opts,
  );
  assert.equal(nan.converged, false);
  assert.match(nan.reason ?? '', /not finite/);
});

test('integrate: entries past the controlled ones ride along on the same nodes (tangents)', () => {
  // f(x; a) = e^{a x} and its tangent x e^{a x} at a = 1: ∫_0^1 is e − 1 and 1.
  const half: QuadratureOptions = { ...opts, controlled: (n) => n / 2 };
  const r = integrate((x) => Float64Array.of(Math.exp(x), x * Math.exp(x)), 0, 1, half);
  assert.ok(Math.abs(r.value[0] - (Math.E - 1)) < 1e-12);
  assert.ok(Math.abs(r.value[1] - 1) < 1e-12);
});

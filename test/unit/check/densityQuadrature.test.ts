// Moments over several independent continuous numbers: the Gauss–Hermite product rule beyond two
// normals, and a body that is a product or a sum of one term per number as one-dimensional
// integrals; any other body at randomly shifted quasi-random points, with a standard error.
// Values are the exact moments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tensor } from '../../../server/src/engine';
import { type ContinuousLaw, momentByDensity } from '../../../server/src/check/densityQuadrature';

const normal: ContinuousLaw = { kind: 'Normal', a: 0, b: 1 };
const uniform: ContinuousLaw = { kind: 'Uniform', a: 0, b: 1 };
const exponential: ContinuousLaw = { kind: 'Exponential', a: 2, b: 0 };
const body = (f: (xs: number[]) => number) => (xs: number[]) => [Tensor.scalar(f(xs))];

function expect(laws: ContinuousLaw[], f: (xs: number[]) => number): number | null {
  const r = momentByDensity('E', laws, body(f), false, 1e-6);
  return r?.value.data[0] ?? null;
}

test('three and four normal numbers: polynomial moments exactly', () => {
  const three = expect([normal, normal, normal], ([x, y, z]) => x * x * y * y * z * z);
  assert.ok(three !== null && Math.abs(three - 1) < 1e-12, String(three));
  const four = expect([normal, normal, normal, normal], ([x, y, z, w]) => (x + y + z + w) ** 2);
  assert.ok(four !== null && Math.abs(four - 4) < 1e-12, String(four));
});

test('a product of one factor per number, of mixed laws, is the product of their moments', () => {
  // E[U²] E[X²] E[T²] with T of rate 2: 1/3 · 1 · 1/2.
  const r = expect([uniform, normal, exponential], ([u, x, t]) => u * u * x * x * t * t);
  assert.ok(r !== null && Math.abs(r - 1 / 6) < 1e-9, String(r));
});

test('a sum of one term per number is the sum of their moments', () => {
  const r = expect([uniform, exponential, normal], ([u, t, x]) => u + t * t + x);
  assert.ok(r !== null && Math.abs(r - (0.5 + 0.5)) < 1e-9, String(r));
});

/** The moment and its standard error, for a body integrated at shifted points. */
function shifted(laws: ContinuousLaw[], f: (xs: number[]) => number) {
  const r = momentByDensity('E', laws, body(f), false, 1e-6);
  assert.ok(r?.sampled, 'integrated at shifted points');
  return { value: r.value.data[0], error: r.error };
}

test('a body that is neither is integrated at shifted points, with a small standard error', () => {
  // E[U X + T] = E[U] E[X] + E[T] = 1/2 for T of rate 2; E[max(U, V)] = 2/3; E[|X − Y|] = 2/√π.
  const cases: [ContinuousLaw[], (xs: number[]) => number, number][] = [
    [[uniform, exponential, normal], ([u, t, x]) => u * x + t, 0.5],
    [[uniform, uniform], ([u, v]) => Math.max(u, v), 2 / 3],
    [[normal, normal], ([x, y]) => Math.abs(x - y), 2 / Math.sqrt(Math.PI)],
    [[uniform, uniform], ([u, v]) => (u * u + v * v < 1 ? 1 : 0), Math.PI / 4],
  ];
  for (const [laws, f, exact] of cases) {
    const { value, error } = shifted(laws, f);
    // Honest: within five standard errors; useful: a slip of 1% is far outside them.
    assert.ok(Math.abs(value - exact) <= 5 * error, `${value} vs ${exact} ± ${error}`);
    assert.ok(5 * error < 0.01 * exact, `standard error ${error} of ${exact}`);
  }
});

test('Halton shifts are the same at every run', () => {
  const f = ([u, v]: number[]) => Math.min(u, v);
  assert.equal(shifted([uniform, uniform], f).value, shifted([uniform, uniform], f).value);
});

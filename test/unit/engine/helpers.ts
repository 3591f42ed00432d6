// Shared test utilities for the engine suites: random tensors, closeness checks and a
// finite-difference oracle for the dual (forward-mode AD) ops.
import assert from 'node:assert/strict';
import { AdContext, type Dual, type Rng, Tensor } from '../../../server/src/engine/index';

export function randomTensor(rng: Rng, shape: number[], lo = -2, hi = 2): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.uniformIn(lo, hi);
  return Tensor.from(shape, data);
}

/** Entries bounded away from 0 (|x| ∈ [lo, hi]) with random signs, for ops with a kink at 0. */
export function awayFromZero(rng: Rng, shape: number[], lo = 0.3, hi = 2): Tensor {
  const t = randomTensor(rng, shape, lo, hi);
  const data = t.data.map((x) => (rng.bernoulli(0.5) ? x : -x));
  return Tensor.from(shape, data);
}

/** A well-conditioned square matrix: random plus a dominant diagonal. */
export function wellConditioned(rng: Rng, n: number): Tensor {
  const t = randomTensor(rng, [n, n]);
  const data = Float64Array.from(t.data);
  for (let i = 0; i < n; i++) data[i * n + i] += n * 1.5;
  return Tensor.from([n, n], data);
}

export function toArray(t: Tensor | number | number[] | number[][]): number[] {
  if (typeof t === 'number') return [t];
  if (t instanceof Tensor) return Array.from(t.data);
  return (t as unknown[]).flat(3) as number[];
}

export function assertClose(
  actual: Tensor | number | number[],
  expected: Tensor | number | number[] | number[][],
  tol = 1e-9,
  message = '',
): void {
  if (actual instanceof Tensor && expected instanceof Tensor) {
    assert.deepEqual(actual.shape, expected.shape, `${message} shape ${actual.shape} vs ${expected.shape}`);
  }
  const a = toArray(actual),
    e = toArray(expected);
  assert.equal(a.length, e.length, `${message} length ${a.length} vs ${e.length}`);
  for (let i = 0; i < a.length; i++) {
    const ok =
      Math.abs(a[i] - e[i]) <= tol * (1 + Math.abs(e[i])) ||
      (Number.isNaN(a[i]) && Number.isNaN(e[i])) ||
      a[i] === e[i];
    assert.ok(ok, `${message} element ${i}: ${a[i]} vs ${e[i]} (tol ${tol})`);
  }
}

function axpy(x: Tensor, h: number, u: Tensor): Tensor {
  return Tensor.from(
    x.shape,
    x.data.map((v, i) => v + h * u.data[i]),
  );
}

export const FD_STEP = 1e-6;
/**
 * Central differences have truncation error ~h²·|f'''| and rounding error ~ε·|f|/h. With h = 1e-6
 * the rounding term dominates at ~2e-10·|f|; allow a few hundred times that for cancellation
 * inside the ops themselves.
 */
export const FD_TOLERANCE = (Number.EPSILON / FD_STEP) * 500 + FD_STEP * FD_STEP * 100;

/**
 * Checks the tangent of `f` at `inputs` along random directions against central differences.
 * `constantMask[i]` = true feeds input i with a null tangent (a constant).
 */
export function checkDerivative(
  name: string,
  f: (args: Dual[], ctx: AdContext) => Dual,
  inputs: Tensor[],
  rng: Rng,
  constantMask: boolean[] = [],
): void {
  const dirs = inputs.map((x, i) => (constantMask[i] ? null : randomTensor(rng, [...x.shape], -1, 1)));
  const ctx = new AdContext();
  const out = f(
    inputs.map((v, i) => ({ v, d: dirs[i] })),
    ctx,
  );
  assert.equal(ctx.kink, false, `${name}: unexpected kink flag at a smooth point`);
  const shifted = (h: number): Tensor =>
    f(
      inputs.map((v, i) => ({ v: dirs[i] ? axpy(v, h, dirs[i]!) : v, d: null })),
      new AdContext(),
    ).v;
  const plus = shifted(FD_STEP),
    minus = shifted(-FD_STEP);
  const fd = plus.data.map((p, i) => (p - minus.data[i]) / (2 * FD_STEP));
  const ad = out.d ? out.d.data : new Float64Array(out.v.size);
  if (out.d) assert.deepEqual(out.d.shape, out.v.shape, `${name}: tangent shape differs from value shape`);
  const scale = Math.max(1, ...Array.from(out.v.data, Math.abs), ...Array.from(fd, Math.abs));
  for (let i = 0; i < fd.length; i++) {
    assert.ok(
      Math.abs(ad[i] - fd[i]) <= FD_TOLERANCE * scale * 10,
      `${name}: element ${i} AD ${ad[i]} vs FD ${fd[i]}`,
    );
  }
}

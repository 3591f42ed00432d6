// Forward-mode AD: every value travels with one tangent (the directional derivative along the
// direction the caller seeded). A null tangent means "exactly zero", so constants cost nothing and
// ops skip the derivative work entirely when no input carries one.
import { allocate } from './budget';
import { broadcastTo } from './broadcast';
import { ShapeError, formatShape } from './errors';
import { add } from './elementwise';
import { sameShape } from './shape';
import { Tensor } from './tensor';

export interface Dual {
  v: Tensor;
  /** Tangent with the shape of v; null = zero. */
  d: Tensor | null;
}

/**
 * Per-evaluation flags. `kink` is raised when a non-smooth op (relu, abs, max, floor, …) sees an
 * input that carries a tangent and sits within 1e-9·(1+|x|) of a non-differentiable point: the
 * derivative reported there is one-sided at best, so the caller should resample.
 */
export class AdContext {
  kink = false;
}

export function constant(v: Tensor): Dual {
  return { v, d: null };
}

export function variable(v: Tensor, d: Tensor): Dual {
  if (!sameShape(v.shape, d.shape)) {
    throw new ShapeError(
      `a tangent must have the shape of its value: ${formatShape(d.shape)} vs ${formatShape(v.shape)}`,
    );
  }
  return { v, d };
}

export const KINK_TOLERANCE = 1e-9;

export function nearKink(x: number, at: number): boolean {
  return Math.abs(x - at) <= KINK_TOLERANCE * (1 + Math.abs(x));
}

export function nearEqual(x: number, y: number): boolean {
  return Math.abs(x - y) <= KINK_TOLERANCE * (1 + Math.max(Math.abs(x), Math.abs(y)));
}

/** Raises ctx.kink if any element satisfies `atKink`. */
export function flagKinks(ctx: AdContext, x: Tensor, atKink: (v: number) => boolean): void {
  if (ctx.kink) return;
  for (let i = 0; i < x.data.length; i++) {
    if (atKink(x.data[i])) {
      ctx.kink = true;
      return;
    }
  }
}

/** Sum of two optional tangents that already have the result's shape (or broadcast to it). */
export function plus(a: Tensor | null, b: Tensor | null, shape: readonly number[]): Tensor | null {
  if (a && b) return add(a, b);
  if (a) return broadcastTo(a, shape);
  if (b) return broadcastTo(b, shape);
  return null;
}

/** Applies a linear map to the tangent, keeping null as null. */
export function mapTangent(d: Tensor | null, f: (t: Tensor) => Tensor): Tensor | null {
  return d ? f(d) : null;
}

/** Zero tangent materialised, for ops that must line several tangents up (stack, assemble). */
export function tangentOrZeros(x: Dual): Tensor {
  return x.d ?? Tensor.zeros(x.v.shape);
}

export function isZeroTangent(d: Tensor | null): boolean {
  if (!d) return true;
  for (let i = 0; i < d.data.length; i++) if (d.data[i] !== 0) return false;
  return true;
}

/** out[i] = f'(x[i], y[i]) · dx[i] for an elementwise op y = f(x). */
export function chainRule(
  x: Tensor,
  y: Tensor,
  dx: Tensor,
  derivative: (x: number, y: number) => number,
): Tensor {
  const X = x.data,
    Y = y.data,
    D = dx.data;
  const out = allocate(X.length, 'derivative');
  for (let i = 0; i < X.length; i++) {
    const di = D[i];
    // A zero tangent stays zero even where f' is infinite (sqrt at 0), instead of becoming NaN.
    out[i] = di === 0 ? 0 : derivative(X[i], Y[i]) * di;
  }
  return new Tensor(x.shape, out);
}

// Values of an op on the same (immutable) inputs are the same: a Jacobian evaluates its function
// once per input entry with the same values and only new tangents, so values are remembered by
// the identity of their inputs and computed once.
const memo1 = new WeakMap<object, WeakMap<Tensor, Tensor>>();
const memo2 = new WeakMap<object, WeakMap<Tensor, WeakMap<Tensor, Tensor>>>();

export function valueOf1(op: (a: Tensor) => Tensor, a: Tensor): Tensor {
  let byA = memo1.get(op);
  if (!byA) {
    byA = new WeakMap();
    memo1.set(op, byA);
  }
  let v = byA.get(a);
  if (!v) {
    v = op(a);
    byA.set(a, v);
  }
  return v;
}

export function valueOf2(op: (a: Tensor, b: Tensor) => Tensor, a: Tensor, b: Tensor): Tensor {
  let byA = memo2.get(op);
  if (!byA) {
    byA = new WeakMap();
    memo2.set(op, byA);
  }
  let byB = byA.get(a);
  if (!byB) {
    byB = new WeakMap();
    byA.set(a, byB);
  }
  let v = byB.get(b);
  if (!v) {
    v = op(a, b);
    byB.set(b, v);
  }
  return v;
}

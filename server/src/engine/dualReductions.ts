// Dual versions of reductions, norms, softmax and log-sum-exp.
import { allocate } from './budget';
import { matrixDims } from './matmul';
import { euclidean, isVectorLike, norm1, normInf, normMax, normP } from './norms';
import { max, mean, min, prod, sum } from './reductions';
import { normalizeAxis } from './shape';
import { axisBlocks, logsumexp, softmax } from './softmax';
import { Tensor } from './tensor';
import { type AdContext, type Dual, flagKinks, nearEqual, nearKink } from './dualCore';
import { dNormSpectral } from './dualLinalg';

/** outer × len × inner blocks for a reduction along `axis`, or one fiber of everything. */
function blocks(x: Tensor, axis: number | undefined, op: string): [number, number, number] {
  if (axis === undefined) return [1, x.size, 1];
  return axisBlocks(x.shape, normalizeAxis(axis, x.rank, op));
}

/** Runs `fiberTangent(base, stride, len)` over every reduced fiber, shaped like the value. */
function reduceTangent(
  x: Tensor,
  value: Tensor,
  axis: number | undefined,
  op: string,
  fiberTangent: (base: number, stride: number, len: number) => number,
): Tensor {
  const [outer, len, inner] = blocks(x, axis, op);
  const out = allocate(outer * inner, 'derivative');
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) out[o * inner + i] = fiberTangent(o * len * inner + i, inner, len);
  return new Tensor(value.shape, out);
}

export function dSum(a: Dual, axis?: number): Dual {
  return { v: sum(a.v, axis), d: a.d ? sum(a.d, axis) : null };
}

export function dMean(a: Dual, axis?: number): Dual {
  return { v: mean(a.v, axis), d: a.d ? mean(a.d, axis) : null };
}

/** Carries (p, dp) along the fiber: d(p·x) = dp·x + p·dx. Exact even when some factors are 0. */
export function dProd(a: Dual, axis?: number): Dual {
  const v = prod(a.v, axis);
  if (!a.d) return { v, d: null };
  const X = a.v.data,
    D = a.d.data;
  return {
    v,
    d: reduceTangent(a.v, v, axis, 'prod', (base, stride, len) => {
      let p = 1,
        dp = 0;
      for (let k = 0; k < len; k++) {
        const at = base + k * stride;
        dp = dp * X[at] + p * D[at];
        p *= X[at];
      }
      return dp;
    }),
  };
}

/** The tangent of the selected element; a near-tie for the extreme is a kink. */
function dExtreme(
  pick: (a: Tensor, axis?: number) => Tensor,
  better: (x: number, y: number) => boolean,
  op: string,
) {
  return (a: Dual, ctx: AdContext, axis?: number): Dual => {
    const v = pick(a.v, axis);
    if (!a.d) return { v, d: null };
    const X = a.v.data,
      D = a.d.data;
    return {
      v,
      d: reduceTangent(a.v, v, axis, op, (base, stride, len) => {
        let best = base;
        for (let k = 1; k < len; k++) if (better(X[base + k * stride], X[best])) best = base + k * stride;
        for (let k = 0; k < len; k++) {
          const at = base + k * stride;
          if (at !== best && nearEqual(X[at], X[best])) ctx.kink = true;
        }
        return D[best];
      }),
    };
  };
}

export const dMax = dExtreme(max, (x, y) => x > y, 'max');
export const dMin = dExtreme(min, (x, y) => x < y, 'min');

/** d‖x‖ = ⟨x, dx⟩ / ‖x‖ for the Euclidean/Frobenius norm; the origin is its kink. */
function dEuclidean(a: Dual, ctx: AdContext): Dual {
  const n = euclidean(a.v.data);
  const v = Tensor.scalar(n);
  if (!a.d) return { v, d: null };
  if (nearKink(n, 0)) ctx.kink = true;
  if (n === 0) return { v, d: Tensor.scalar(0) };
  let dot = 0;
  for (let i = 0; i < a.v.size; i++) dot += (a.v.data[i] / n) * a.d.data[i];
  return { v, d: Tensor.scalar(dot) };
}

export function dNormFro(a: Dual, ctx: AdContext): Dual {
  return dEuclidean(a, ctx);
}

/** Euclidean for vectors, spectral for matrices, like norm2. */
export function dNorm2(a: Dual, ctx: AdContext): Dual {
  return isVectorLike(a.v) ? dEuclidean(a, ctx) : dNormSpectral(a, ctx);
}

/**
 * d‖x‖ₚ = Σ |xᵢ|^(p−1) sign(xᵢ) dxᵢ / ‖x‖ₚ^(p−1). For p ≤ 1 any zero entry is a kink; for p > 1
 * only the origin is.
 */
export function dNormP(a: Dual, p: number, ctx: AdContext): Dual {
  if (p === Infinity) return dNormMax(a, ctx);
  if (p === 2) return dEuclidean(a, ctx);
  const v = normP(a.v, p);
  if (!a.d) return { v, d: null };
  const n = v.data[0];
  const X = a.v.data,
    D = a.d.data;
  if (nearKink(n, 0)) ctx.kink = true;
  if (p <= 1) flagKinks(ctx, a.v, (x) => nearKink(x, 0));
  let s = 0;
  for (let i = 0; i < X.length; i++) {
    const x = X[i];
    if (x === 0 || D[i] === 0) continue;
    s += Math.sign(x) * Math.abs(x) ** (p - 1) * D[i];
  }
  return { v, d: Tensor.scalar(n === 0 ? 0 : s / n ** (p - 1)) };
}

/** Max |xᵢ|: the tangent of the largest entry (times its sign); ties and a zero maximum are kinks. */
export function dNormMax(a: Dual, ctx: AdContext): Dual {
  const v = normMax(a.v);
  if (!a.d) return { v, d: null };
  const X = a.v.data;
  let best = 0;
  for (let i = 1; i < X.length; i++) if (Math.abs(X[i]) > Math.abs(X[best])) best = i;
  for (let i = 0; i < X.length; i++)
    if (i !== best && nearEqual(Math.abs(X[i]), Math.abs(X[best]))) ctx.kink = true;
  if (X.length && nearKink(X[best], 0)) ctx.kink = true;
  return { v, d: Tensor.scalar(X.length ? Math.sign(X[best]) * a.d.data[best] : 0) };
}

/**
 * Induced 1- and ∞-norms of a matrix: the tangent of the winning column (row) sum. A tie between
 * sums, or a zero entry in the winning line, is a kink.
 */
function dLineSumNorm(a: Dual, ctx: AdContext, byRows: boolean): number {
  const [m, n] = matrixDims(a.v, 'norm');
  const X = a.v.data,
    D = a.d!.data;
  const lines = byRows ? m : n,
    along = byRows ? n : m;
  const at = (line: number, k: number): number => (byRows ? line * n + k : k * n + line);
  const sums = new Float64Array(lines);
  let best = 0;
  for (let l = 0; l < lines; l++) {
    for (let k = 0; k < along; k++) sums[l] += Math.abs(X[at(l, k)]);
    if (sums[l] > sums[best]) best = l;
  }
  for (let l = 0; l < lines; l++) if (l !== best && nearEqual(sums[l], sums[best])) ctx.kink = true;
  let d = 0;
  for (let k = 0; k < along; k++) {
    const x = X[at(best, k)];
    if (nearKink(x, 0)) ctx.kink = true;
    d += Math.sign(x) * D[at(best, k)];
  }
  return d;
}

export function dNormInf(a: Dual, ctx: AdContext): Dual {
  if (isVectorLike(a.v)) return dNormMax(a, ctx);
  const v = normInf(a.v);
  return { v, d: a.d ? Tensor.scalar(dLineSumNorm(a, ctx, true)) : null };
}

export function dNorm1(a: Dual, ctx: AdContext): Dual {
  if (isVectorLike(a.v)) return dNormP(a, 1, ctx);
  const v = norm1(a.v);
  return { v, d: a.d ? Tensor.scalar(dLineSumNorm(a, ctx, false)) : null };
}

/** ds = s ⊙ (dx − ⟨s, dx⟩) within each normalised fiber (columns of a matrix by default). */
export function dSoftmax(a: Dual, axis = 0): Dual {
  const v = softmax(a.v, axis);
  if (!a.d || a.v.rank === 0) return { v, d: null };
  const [outer, len, inner] = axisBlocks(a.v.shape, normalizeAxis(axis, a.v.rank, 'softmax'));
  const S = v.data,
    D = a.d.data;
  const out = allocate(S.length, 'derivative');
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      let dot = 0;
      for (let k = 0; k < len; k++) dot += S[base + k * inner] * D[base + k * inner];
      for (let k = 0; k < len; k++) out[base + k * inner] = S[base + k * inner] * (D[base + k * inner] - dot);
    }
  }
  return { v, d: new Tensor(v.shape, out) };
}

/** d lse(x) = ⟨softmax(x), dx⟩ over each reduced fiber. */
export function dLogsumexp(a: Dual, axis?: number): Dual {
  const v = logsumexp(a.v, axis);
  if (!a.d) return { v, d: null };
  const X = a.v.data,
    D = a.d.data,
    L = v.data;
  const [, len, inner] = blocks(a.v, axis, 'logsumexp');
  return {
    v,
    d: reduceTangent(a.v, v, axis, 'logsumexp', (base, stride, n) => {
      // The fiber's output slot: base = o·len·inner + i  →  o·inner + i.
      const o = Math.floor(base / (len * inner)),
        i = base - o * len * inner;
      const lse = L[o * inner + i];
      let d = 0;
      for (let k = 0; k < n; k++) d += Math.exp(X[base + k * stride] - lse) * D[base + k * stride];
      return d;
    }),
  };
}

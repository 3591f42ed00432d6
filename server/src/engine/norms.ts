// Norms. Vectors (and 1×n / n×1 matrices) get the usual entrywise norms; a genuine matrix gets the
// induced norm where mathematics means one (‖A‖₂ spectral, ‖A‖_∞ max row sum, ‖A‖₁ max column sum).
import { matrixDims } from './matmul';
import { normSpectral } from './svd';
import { Tensor } from './tensor';

export function isVectorLike(t: Tensor): boolean {
  return t.rank <= 1 || (t.rank === 2 && (t.shape[0] === 1 || t.shape[1] === 1));
}

/** Euclidean length of all entries, scaled by the largest so squares cannot overflow or underflow. */
export function euclidean(data: Float64Array): number {
  let big = 0;
  for (let i = 0; i < data.length; i++) big = Math.max(big, Math.abs(data[i]));
  if (big === 0 || !Number.isFinite(big)) return big;
  let ss = 0;
  for (let i = 0; i < data.length; i++) {
    const r = data[i] / big;
    ss += r * r;
  }
  return big * Math.sqrt(ss);
}

/** ‖x‖₂: Euclidean for vectors, spectral for matrices. */
export function norm2(x: Tensor): Tensor {
  if (isVectorLike(x)) return Tensor.scalar(euclidean(x.data));
  return normSpectral(x);
}

/** Frobenius: Euclidean length of all entries, whatever the shape. */
export function normFro(x: Tensor): Tensor {
  return Tensor.scalar(euclidean(x.data));
}

/** Entrywise p-norm (Σ|xᵢ|ᵖ)^(1/p) over all entries; p = ∞ gives max |xᵢ|. */
export function normP(x: Tensor, p: number): Tensor {
  if (p === Infinity) return normMax(x);
  if (p === 2) return normFro(x);
  let s = 0;
  for (let i = 0; i < x.data.length; i++) s += Math.abs(x.data[i]) ** p;
  return Tensor.scalar(s ** (1 / p));
}

/** Largest |entry|, whatever the shape. */
export function normMax(x: Tensor): Tensor {
  let m = 0;
  for (let i = 0; i < x.data.length; i++) {
    const a = Math.abs(x.data[i]);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return Tensor.scalar(m);
}

/** ‖x‖_∞: max |xᵢ| for vectors, the largest absolute row sum for matrices. */
export function normInf(x: Tensor): Tensor {
  if (isVectorLike(x)) return normMax(x);
  const [m, n] = matrixDims(x, 'the ∞-norm');
  let best = 0;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(x.data[i * n + j]);
    best = Math.max(best, s);
  }
  return Tensor.scalar(best);
}

/** ‖x‖₁: Σ|xᵢ| for vectors, the largest absolute column sum for matrices. */
export function norm1(x: Tensor): Tensor {
  if (isVectorLike(x)) return normP(x, 1);
  const [m, n] = matrixDims(x, 'the 1-norm');
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += Math.abs(x.data[i * n + j]);
    best = Math.max(best, s);
  }
  return Tensor.scalar(best);
}

// Dual versions of the linear-algebra ops, from the standard matrix differentials
// (Magnus & Neudecker; Giles, "An extended collection of matrix derivative results").
import { allocate } from './budget';
import { DomainError } from './errors';
import { neg, scale, sub } from './elementwise';
import { reshape } from './indexing';
import { SINGULAR_RELATIVE_PIVOT, det, inv, logdet, luFactor, solve, trace } from './lu';
import { matmul, matrixDims, transpose } from './matmul';
import { sameShape } from './shape';
import { diag, kron, outer, unvec, vec } from './structure';
import { normSpectral, pinv, rank, rankTolerance, svd } from './svd';
import { Tensor } from './tensor';
import { type AdContext, type Dual, nearEqual, plus, valueOf2 } from './dualCore';

/** Matrix products of tangents can drop to a scalar (1×1 rules); put them back in the value's shape. */
function fit(t: Tensor, shape: readonly number[]): Tensor {
  return sameShape(t.shape, shape) ? t : reshape(t, shape);
}

export function dMatmul(a: Dual, b: Dual): Dual {
  const v = a.d || b.d ? valueOf2(matmul, a.v, b.v) : matmul(a.v, b.v);
  const left = a.d ? fit(matmul(a.d, b.v), v.shape) : null;
  const right = b.d ? fit(matmul(a.v, b.d), v.shape) : null;
  return { v, d: plus(left, right, v.shape) };
}

export function dTranspose(a: Dual): Dual {
  return { v: transpose(a.v), d: a.d ? transpose(a.d) : null };
}

/** d(A⁻¹) = −A⁻¹ dA A⁻¹ */
export function dInv(a: Dual): Dual {
  const v = inv(a.v);
  return { v, d: a.d ? fit(neg(matmul(matmul(v, a.d), v)), v.shape) : null };
}

/**
 * d det A = det A · tr(A⁻¹ dA) when A is regular. At a singular A that formula divides 0 by 0,
 * but det is still differentiable (d det = tr(adj(A) dA)), so fall back to Jacobi's expansion:
 * Σⱼ det(A with column j replaced by column j of dA).
 */
export function dDet(a: Dual): Dual {
  const v = det(a.v);
  if (!a.d) return { v, d: null };
  if (a.v.rank === 0) return { v, d: a.d };
  const f = luFactor(a.v, 'det');
  if (f.relativePivot >= SINGULAR_RELATIVE_PIVOT) {
    return { v, d: Tensor.scalar(v.data[0] * trace(solve(a.v, a.d)).data[0]) };
  }
  const n = f.n;
  let d = 0;
  const work = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    work.set(a.v.data);
    for (let i = 0; i < n; i++) work[i * n + j] = a.d.data[i * n + j];
    d += det(new Tensor([n, n], work.slice())).data[0];
  }
  return { v, d: Tensor.scalar(d) };
}

/** d log det A = tr(A⁻¹ dA) */
export function dLogdet(a: Dual): Dual {
  const v = logdet(a.v);
  if (!a.d) return { v, d: null };
  if (a.v.rank === 0) return { v, d: Tensor.scalar(a.d.data[0] / a.v.data[0]) };
  return { v, d: trace(solve(a.v, a.d)) };
}

/** x = A⁻¹b, so A dx = db − dA x. */
export function dSolve(a: Dual, b: Dual): Dual {
  const x = solve(a.v, b.v);
  if (!a.d && !b.d) return { v: x, d: null };
  const dAx = a.d ? fit(matmul(a.d, x), b.v.shape) : null;
  const rhs = plus(b.d, dAx ? neg(dAx) : null, b.v.shape);
  return { v: x, d: rhs ? fit(solve(a.v, rhs), x.shape) : null };
}

export function dTrace(a: Dual): Dual {
  return { v: trace(a.v), d: a.d ? trace(a.d) : null };
}

/** As a 2-D matrix (vectors as columns, scalars 1×1) so the pinv formula needs no shape cases. */
function asMatrix(t: Tensor): Tensor {
  const [m, n] = matrixDims(t, 'pseudo-inverse');
  return t.rank === 2 ? t : new Tensor([m, n], t.data);
}

function transpose2(t: Tensor): Tensor {
  const [m, n] = t.shape;
  const out = allocate(m * n, 'transpose');
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = t.data[i * n + j];
  return new Tensor([n, m], out);
}

/**
 * Golub & Pereyra (1973): for A of locally constant rank,
 * dA⁺ = −A⁺ dA A⁺ + A⁺A⁺ᵀ dAᵀ (I − AA⁺) + (I − A⁺A) dAᵀ A⁺ᵀA⁺.
 * Raises the kink flag when a kept singular value is tiny, i.e. the rank is about to change.
 */
export function dPinv(a: Dual, ctx: AdContext): Dual {
  const v = pinv(a.v);
  if (!a.d) return { v, d: null };
  const A = asMatrix(a.v),
    dA = asMatrix(a.d),
    P = asMatrix(v);
  const [m, n] = A.shape;
  const s = svd(A).s.data;
  const cutoff = Math.max(m, n) * Number.EPSILON * (s[0] ?? 0);
  // Kept but tiny singular values make A⁺ (and its derivative) blow up: a rank change is near.
  for (let i = 0; i < s.length; i++) if (s[i] > cutoff && s[i] <= 1e-8 * s[0]) ctx.kink = true;
  const dAt = transpose2(dA),
    Pt = transpose2(P);
  const term1 = neg(matmul(matmul(P, dA), P));
  const term2 = matmul(matmul(matmul(P, Pt), dAt), sub(Tensor.eye(m), matmul(A, P)));
  const term3 = matmul(matmul(sub(Tensor.eye(n), matmul(P, A)), dAt), matmul(Pt, P));
  const d = plus(plus(term1, term2, term1.shape), term3, term1.shape);
  return { v, d: d ? fit(d, v.shape) : null };
}

export function dKron(a: Dual, b: Dual): Dual {
  const v = kron(a.v, b.v);
  return { v, d: plus(a.d ? kron(a.d, b.v) : null, b.d ? kron(a.v, b.d) : null, v.shape) };
}

export function dOuter(a: Dual, b: Dual): Dual {
  const v = outer(a.v, b.v);
  return { v, d: plus(a.d ? outer(a.d, b.v) : null, b.d ? outer(a.v, b.d) : null, v.shape) };
}

export function dVec(a: Dual): Dual {
  return { v: vec(a.v), d: a.d ? vec(a.d) : null };
}

export function dUnvec(a: Dual, m: number, n: number): Dual {
  return { v: unvec(a.v, m, n), d: a.d ? unvec(a.d, m, n) : null };
}

export function dDiag(a: Dual): Dual {
  return { v: diag(a.v), d: a.d ? diag(a.d) : null };
}

/** Integer-valued, so locally constant wherever it is continuous. */
export function dRank(a: Dual): Dual {
  return { v: rank(a.v), d: null };
}

/** dσ₁ = u₁ᵀ dA v₁ while σ₁ is simple; a repeated or zero top singular value is a kink. */
export function dNormSpectral(a: Dual, ctx: AdContext): Dual {
  if (!a.d) return { v: normSpectral(a.v), d: null };
  const { u, s, v } = svd(a.v);
  const [m, n] = matrixDims(a.v, 'spectral norm');
  const k = s.size;
  const s1 = s.data[0] ?? 0;
  if (nearEqual(s1, 0) || (k > 1 && nearEqual(s1, s.data[1]))) ctx.kink = true;
  let d = 0;
  for (let i = 0; i < m; i++) {
    const ui = u.data[i * k];
    if (ui === 0) continue;
    for (let j = 0; j < n; j++) d += ui * a.d.data[i * n + j] * v.data[j * k];
  }
  return { v: Tensor.scalar(s1), d: Tensor.scalar(d) };
}

/**
 * The largest or smallest singular value, with dσ = uᵀ dA v while σ is simple; a repeated one is a
 * kink.
 */
export function dSingularValue(a: Dual, which: 'largest' | 'smallest', ctx: AdContext): Dual {
  return dSingularValueAt(a, which === 'largest' ? 0 : -1, ctx);
}

/**
 * The singular value at `at` in decreasing order (0 the largest; −1 the smallest), with dσ = uᵀ dA v
 * while σ is simple; a repeated one is a kink. Past the last there is none (a domain error).
 */
function dSingularValueAt(a: Dual, at: number, ctx: AdContext): Dual {
  const { u, s, v } = svd(a.v);
  const [m, n] = matrixDims(a.v, 'a singular value');
  const k = s.size;
  const index = at < 0 ? k + at : at;
  if (index < 0 || index >= k)
    throw new DomainError(`a ${m}×${n} matrix has ${k} singular values, not ${at + 1}`);
  const value = s.data[index];
  if (!a.d) return { v: Tensor.scalar(value), d: null };
  const kinked = (j: number) => j >= 0 && j < k && nearEqual(value, s.data[j]);
  if (nearEqual(value, 0) || kinked(index - 1) || kinked(index + 1)) ctx.kink = true;
  return { v: Tensor.scalar(value), d: Tensor.scalar(singularTangent(u, v, index, a.d)) };
}

/** dσ = uᵀ dA v of the singular pair at `at` of an m × n matrix's thin SVD (u: m × k, v: n × k). */
function singularTangent(u: Tensor, v: Tensor, at: number, dA: Tensor): number {
  const [m, k] = u.shape;
  const n = v.shape[0];
  let d = 0;
  for (let i = 0; i < m; i++) {
    const ui = u.data[i * k + at];
    if (ui === 0) continue;
    for (let j = 0; j < n; j++) d += ui * dA.data[i * n + j] * v.data[j * k + at];
  }
  return d;
}

/**
 * The largest or smallest eigenvalue of a symmetric matrix.
 */
export function dEigenvalueExtreme(a: Dual, which: 'largest' | 'smallest', ctx: AdContext): Dual {
  return dEigenvalueAt(a, which === 'largest' ? 0 : -1, ctx);
}

/**
 * A symmetric matrix shifted by c above its spectral radius: A + cI is positive semidefinite, so its
 * singular values are A's eigenvalues, in the same order, plus c (a domain error for a matrix that
 * is not square or not symmetric, whose eigenvalues may not be real).
 */
function shiftedSymmetric(a: Tensor): { shifted: Tensor; shift: number } {
  const [m, n] = matrixDims(a, 'an eigenvalue');
  if (m !== n) throw new DomainError(`an eigenvalue needs a square matrix, got ${m}×${n}`);
  let frob = 0;
  let asym = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      frob += a.data[i * n + j] ** 2;
      asym = Math.max(asym, Math.abs(a.data[i * n + j] - a.data[j * n + i]));
    }
  const shift = Math.sqrt(frob) + 1;
  if (asym > 1e-9 * shift)
    throw new DomainError('the matrix is not symmetric, so its eigenvalues may not be real numbers');
  const data = allocate(n * n, 'an eigenvalue');
  for (let i = 0; i < n * n; i++) data[i] = a.data[i];
  for (let i = 0; i < n; i++) data[i * n + i] += shift;
  return { shifted: Tensor.from([n, n], data), shift };
}

/**
 * The eigenvalue of a symmetric matrix at `at` in decreasing order (0 the largest, −1 the smallest),
 * the singular value of the shifted matrix less the shift; the shift carries no tangent, so
 * dλ = vᵀ dA v follows.
 */
function dEigenvalueAt(a: Dual, at: number, ctx: AdContext): Dual {
  const { shifted, shift } = shiftedSymmetric(a.v);
  const top = dSingularValueAt({ v: shifted, d: a.d }, at, ctx);
  return { v: Tensor.scalar(top.v.data[0] - shift), d: top.d };
}

/**
 * All singular values (decreasing, or increasing), or all eigenvalues of a symmetric matrix, as a
 * vector, with dσ_k = u_kᵀ dA v_k (dλ_k = v_kᵀ dA v_k) per entry while the value is simple. A value
 * within the rank cutoff of 0 (numpy's: max(m, n) · ε · the largest) is 0: rounding left it there,
 * and a sum would otherwise carry it as a term lost against the others.
 */
export function dSpectrum(a: Dual, kind: 'eigen' | 'singular', increasing: boolean, ctx: AdContext): Dual {
  const [m, n] = matrixDims(a.v, kind === 'eigen' ? 'an eigenvalue' : 'a singular value');
  const { shifted: work, shift } = kind === 'eigen' ? shiftedSymmetric(a.v) : { shifted: a.v, shift: 0 };
  const { u, s, v } = svd(work);
  const k = s.size;
  const cutoff = rankTolerance(m, n, kind === 'eigen' ? 2 * shift : (s.data[0] ?? 0));
  // A wide matrix (m < n) has m singular values; the others, to the number of columns, are 0, as
  // the eigenvalues of AᵀA are (`\sum_{j=1}^d s_j^2` of an n × d data matrix with n < d).
  const length = kind === 'singular' ? n : k;
  const values = allocate(length, 'a spectrum');
  const tangents = a.d ? allocate(length, 'a spectrum') : null;
  for (let out = 0; out < length; out++) {
    const at = increasing ? length - 1 - out : out;
    if (at >= k) {
      if (tangents) ctx.kink = true;
      continue;
    }
    const value = s.data[at] - shift;
    values[out] = Math.abs(value) <= cutoff ? 0 : value;
    if (!tangents || !a.d) continue;
    const kinked = (j: number) => j >= 0 && j < k && nearEqual(s.data[at], s.data[j]);
    if (kinked(at - 1) || kinked(at + 1) || (kind === 'singular' && values[out] === 0)) ctx.kink = true;
    tangents[out] = singularTangent(u, v, at, a.d);
  }
  return { v: Tensor.from([length], values), d: tangents ? Tensor.from([length], tangents) : null };
}

/** Not differentiable as a whole decomposition here; callers should differentiate what they use. */
export function dSvd(): never {
  throw new DomainError('the SVD is not differentiable here');
}

export function dScale(a: Dual, s: number): Dual {
  return { v: scale(a.v, s), d: a.d ? scale(a.d, s) : null };
}

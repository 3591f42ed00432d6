// LU with partial pivoting: det, inverse, solve and log-determinant all come from one factorisation.
import { allocate, chargeWork } from './budget';
import { ShapeError, SingularError, formatShape } from './errors';
import { matrixDims } from './matmul';
import { Tensor } from './tensor';

/** A pivot smaller than this times the largest entry means "singular" at double precision. */
export const SINGULAR_RELATIVE_PIVOT = 1e-12;

export interface LUFactors {
  n: number;
  /** L (unit lower, below the diagonal) and U (on and above it), packed row-major. */
  lu: Float64Array;
  /** Row i of the factors is row perm[i] of the input. */
  perm: Int32Array;
  /** +1 or −1: parity of the row swaps. */
  sign: number;
  /** Smallest |pivot| relative to the largest entry of the input (0 for an all-zero matrix). */
  relativePivot: number;
  maxAbs: number;
}

export function squareSize(a: Tensor, op: string): number {
  const [m, n] = matrixDims(a, op);
  if (m !== n) {
    throw new ShapeError(`${op} needs a square matrix, got ${formatShape(a.shape)}`);
  }
  return n;
}

export function luFactor(a: Tensor, op: string): LUFactors {
  const n = squareSize(a, op);
  const lu = allocate(n * n, op);
  // Elimination costs about n³/3 multiply-adds.
  chargeWork(Math.ceil((n * n * n) / 3));
  lu.set(a.data);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let maxAbs = 0;
  for (let i = 0; i < lu.length; i++) maxAbs = Math.max(maxAbs, Math.abs(lu[i]));
  let sign = 1;
  let minPivot = Infinity;
  for (let col = 0; col < n; col++) {
    let pivotRow = col;
    let best = Math.abs(lu[col * n + col]);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(lu[r * n + col]);
      if (v > best) {
        best = v;
        pivotRow = r;
      }
    }
    minPivot = Math.min(minPivot, best);
    if (pivotRow !== col) {
      for (let j = 0; j < n; j++) {
        const t = lu[col * n + j];
        lu[col * n + j] = lu[pivotRow * n + j];
        lu[pivotRow * n + j] = t;
      }
      const t = perm[col];
      perm[col] = perm[pivotRow];
      perm[pivotRow] = t;
      sign = -sign;
    }
    const pivot = lu[col * n + col];
    // An exactly zero column below the diagonal needs no elimination; det will come out 0.
    if (pivot === 0) continue;
    for (let r = col + 1; r < n; r++) {
      const f = lu[r * n + col] / pivot;
      lu[r * n + col] = f;
      if (f === 0) continue;
      for (let j = col + 1; j < n; j++) lu[r * n + j] -= f * lu[col * n + j];
    }
  }
  const relativePivot = maxAbs === 0 ? 0 : n === 0 ? 1 : minPivot / maxAbs;
  return { n, lu, perm, sign, relativePivot, maxAbs };
}

function requireRegular(f: LUFactors, what: string): void {
  if (!(f.relativePivot >= SINGULAR_RELATIVE_PIVOT)) {
    throw new SingularError(
      f.maxAbs === 0
        ? `cannot ${what}: the ${f.n}×${f.n} matrix is zero`
        : `cannot ${what}: the ${f.n}×${f.n} matrix is singular (smallest pivot ` +
            `${(f.relativePivot * f.maxAbs).toExponential(2)} against largest entry ` +
            `${f.maxAbs.toExponential(2)})`,
    );
  }
}

/** Solves LU·x = P·b in place for `cols` right-hand sides stored row-major in x (n×cols). */
function luSolveInPlace(f: LUFactors, b: Float64Array, cols: number, x: Float64Array): void {
  const { n, lu, perm } = f;
  for (let i = 0; i < n; i++) {
    const src = perm[i] * cols;
    for (let c = 0; c < cols; c++) x[i * cols + c] = b[src + c];
  }
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const l = lu[i * n + k];
      if (l === 0) continue;
      for (let c = 0; c < cols; c++) x[i * cols + c] -= l * x[k * cols + c];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const u = lu[i * n + k];
      if (u === 0) continue;
      for (let c = 0; c < cols; c++) x[i * cols + c] -= u * x[k * cols + c];
    }
    const d = lu[i * n + i];
    for (let c = 0; c < cols; c++) x[i * cols + c] /= d;
  }
}

export function det(a: Tensor): Tensor {
  if (a.rank === 0) return Tensor.scalar(a.data[0]);
  const exact = integerDet(a);
  if (exact !== null) return Tensor.scalar(exact + 0);
  const f = luFactor(a, 'det');
  let d = f.sign;
  for (let i = 0; i < f.n; i++) d *= f.lu[i * f.n + i];
  // + 0 turns −0 (from a sign flip of an exact zero) into 0.
  return Tensor.scalar(d + 0);
}

/**
 * Hadamard's bound on every minor must stay below this for Bareiss' products of two minors to be
 * exact in double precision (2^26.5 squared is 2^53).
 */
const EXACT_MINOR_BOUND = 2 ** 26.5;

/**
 * The determinant of a matrix of whole numbers, exactly: fraction-free elimination (Bareiss) keeps
 * every intermediate a minor of the matrix, so a singular integer matrix gives 0 and not the 1e-16
 * that LU's divisions leave, which a claim `\det A = 0` would read as a refutation. Null when an
 * entry is not whole or the minors could exceed what doubles hold exactly.
 */
function integerDet(a: Tensor): number | null {
  const n = squareSize(a, 'det');
  let bound = 1;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) {
      const v = a.data[i * n + j];
      if (!Number.isInteger(v)) return null;
      row += v * v;
    }
    bound *= Math.max(1, Math.sqrt(row));
    if (bound > EXACT_MINOR_BOUND) return null;
  }
  chargeWork(Math.ceil((n * n * n) / 3));
  const m = Array.from(a.data);
  let sign = 1;
  let previous = 1;
  for (let k = 0; k < n - 1; k++) {
    if (m[k * n + k] === 0) {
      let r = k + 1;
      while (r < n && m[r * n + k] === 0) r++;
      if (r === n) return 0;
      for (let j = 0; j < n; j++) [m[k * n + j], m[r * n + j]] = [m[r * n + j], m[k * n + j]];
      sign = -sign;
    }
    const pivot = m[k * n + k];
    for (let i = k + 1; i < n; i++) {
      for (let j = k + 1; j < n; j++)
        m[i * n + j] = (m[i * n + j] * pivot - m[i * n + k] * m[k * n + j]) / previous;
      m[i * n + k] = 0;
    }
    previous = pivot;
  }
  return n === 0 ? 1 : sign * m[(n - 1) * n + (n - 1)];
}

/** log(det A) computed from the pivots so it neither overflows nor underflows; NaN if det < 0. */
export function logdet(a: Tensor): Tensor {
  if (a.rank === 0) return Tensor.scalar(Math.log(a.data[0]));
  const f = luFactor(a, 'logdet');
  let s = f.sign;
  let acc = 0;
  for (let i = 0; i < f.n; i++) {
    const p = f.lu[i * f.n + i];
    if (p === 0) return Tensor.scalar(-Infinity);
    if (p < 0) s = -s;
    acc += Math.log(Math.abs(p));
  }
  return Tensor.scalar(s > 0 ? acc : NaN);
}

export function inv(a: Tensor): Tensor {
  if (a.rank === 0) {
    if (a.data[0] === 0) throw new SingularError('cannot invert the scalar 0');
    return Tensor.scalar(1 / a.data[0]);
  }
  const f = luFactor(a, 'inverse');
  requireRegular(f, 'invert');
  const n = f.n;
  const out = allocate(n * n, 'inverse');
  const eye = allocate(n * n, 'inverse');
  chargeWork(n * n * n);
  for (let i = 0; i < n; i++) eye[i * n + i] = 1;
  luSolveInPlace(f, eye, n, out);
  return new Tensor(a.shape, out);
}

/** x with A x = b; b is a vector [n] or a matrix [n,k] of right-hand sides. */
export function solve(a: Tensor, b: Tensor): Tensor {
  if (a.rank === 0) {
    if (a.data[0] === 0) throw new SingularError('cannot solve with the scalar 0 as the matrix');
    const s = a.data[0];
    const out = allocate(b.size, 'solve');
    for (let i = 0; i < out.length; i++) out[i] = b.data[i] / s;
    return new Tensor(b.shape, out);
  }
  const n = squareSize(a, 'solve');
  const [bm, bk] = matrixDims(b, 'solve');
  if (bm !== n) {
    throw new ShapeError(
      `cannot solve a ${formatShape(a.shape)} system with right-hand side ${formatShape(b.shape)}: ` +
        `need ${n} rows, got ${bm}`,
    );
  }
  const f = luFactor(a, 'solve');
  requireRegular(f, 'solve');
  const out = allocate(n * bk, 'solve');
  chargeWork(n * n * bk);
  luSolveInPlace(f, b.data, bk, out);
  return new Tensor(b.shape, out);
}

export function trace(a: Tensor): Tensor {
  if (a.rank === 0) return Tensor.scalar(a.data[0]);
  const n = squareSize(a, 'trace');
  let t = 0;
  for (let i = 0; i < n; i++) t += a.data[i * n + i];
  return Tensor.scalar(t);
}

/**
 * Whether the symmetric matrix `a + shift·I` is positive definite: its Cholesky factorisation
 * exists (every pivot positive). A negative `shift` asks for a margin, a positive one allows
 * rounding below zero. Only the lower triangle is read.
 */
export function choleskySucceeds(a: Tensor, shift: number): boolean {
  const n = squareSize(a, 'the positive-definite order');
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a.data[j * n + j] + shift;
    for (let k = 0; k < j; k++) d -= l[j * n + k] ** 2;
    if (!(d > 0)) return false;
    const root = Math.sqrt(d);
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let s = a.data[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / root;
    }
  }
  return true;
}

// Matrix product and transpose under the column-vector convention: a rank-1 tensor [n] is the
// column n×1, so `xᵀ y` is a number and `x yᵀ` is an outer product, as on paper.
import { allocate, chargeWork } from './budget';
import { ShapeError, formatShape } from './errors';
import { scale } from './elementwise';
import { Tensor } from './tensor';

/** Rows and columns of a rank ≤ 2 tensor read as a matrix (vectors are columns). */
export function matrixDims(t: Tensor, op: string): [number, number] {
  if (t.rank === 0) return [1, 1];
  if (t.rank === 1) return [t.shape[0], 1];
  if (t.rank === 2) return [t.shape[0], t.shape[1]];
  throw new ShapeError(
    `${op} needs scalars, vectors or matrices, got a rank-${t.rank} tensor of shape ${formatShape(t.shape)}`,
  );
}

/**
 * C = A·B for row-major A (m×k) and B (k×n). The i-k-j order streams rows of B and C
 * contiguously, which is what makes 256×256 fast without blocking.
 */
export function matmulRaw(
  A: Float64Array,
  B: Float64Array,
  m: number,
  k: number,
  n: number,
  out: Float64Array,
): Float64Array {
  if (n === 1) {
    // Matrix times column: one dot product per row, no inner loop of length 1.
    for (let i = 0; i < m; i++) {
      const ai = i * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += A[ai + p] * B[p];
      out[i] += s;
    }
    return out;
  }
  // 2×4 register blocks: eight running sums per step of p keep loads and stores out of the
  // inner loop (about three times the speed of the plain i-k-j loop at 64×64). The sums run over
  // p in order, so results are the same as the plain loop's.
  const m2 = m - (m % 2);
  const n4 = n - (n % 4);
  for (let i = 0; i < m2; i += 2) {
    const a0 = i * k;
    const a1 = a0 + k;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      for (let p = 0; p < k; p++) {
        const bp = p * n + j;
        const x0 = A[a0 + p],
          x1 = A[a1 + p];
        const b0 = B[bp],
          b1 = B[bp + 1],
          b2 = B[bp + 2],
          b3 = B[bp + 3];
        c00 += x0 * b0;
        c01 += x0 * b1;
        c02 += x0 * b2;
        c03 += x0 * b3;
        c10 += x1 * b0;
        c11 += x1 * b1;
        c12 += x1 * b2;
        c13 += x1 * b3;
      }
      const o0 = i * n + j;
      const o1 = o0 + n;
      out[o0] += c00;
      out[o0 + 1] += c01;
      out[o0 + 2] += c02;
      out[o0 + 3] += c03;
      out[o1] += c10;
      out[o1 + 1] += c11;
      out[o1 + 2] += c12;
      out[o1 + 3] += c13;
    }
    for (let j = n4; j < n; j++) {
      let s0 = 0,
        s1 = 0;
      for (let p = 0; p < k; p++) {
        const b = B[p * n + j];
        s0 += A[a0 + p] * b;
        s1 += A[a1 + p] * b;
      }
      out[i * n + j] += s0;
      out[(i + 1) * n + j] += s1;
    }
  }
  for (let i = m2; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const a = A[ai + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) out[ci + j] += a * B[bp + j];
    }
  }
  return out;
}

export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.rank === 0) return scale(b, a.data[0]);
  if (b.rank === 0) return scale(a, b.data[0]);
  const [m, k] = matrixDims(a, 'matrix multiplication');
  const [k2, n] = matrixDims(b, 'matrix multiplication');
  if (k !== k2) {
    throw new ShapeError(
      `cannot multiply ${formatShape(a.shape)} by ${formatShape(b.shape)}: inner sizes ${k} and ${k2} differ`,
    );
  }
  // Counted before the loops: a product too big for the check is refused before it starts. The
  // count is that of the whole product even when zero columns are skipped (below): the work meter
  // decides where a check stops, and that must not depend on which entries a sample made zero.
  chargeWork(m * k * n);
  const out = allocate(m * n, () => `multiplying ${formatShape(a.shape)} by ${formatShape(b.shape)}`);
  const kept = m * k * n >= MIN_SKIPPING_PRODUCT ? nonzeroTerms(a.data, b.data, m, k, n) : null;
  if (kept) matmulRaw(gatherColumns(a.data, m, k, kept), gatherRows(b.data, n, kept), m, kept.length, n, out);
  else matmulRaw(a.data, b.data, m, k, n, out);
  // A matrix times a column is a column; a row times a column is a number.
  if (b.rank === 1) return new Tensor(m === 1 ? [] : [m], out);
  return new Tensor([m, n], out);
}

/**
 * Below this many multiply-adds a product is formed as written: looking for zero columns would cost
 * more than it saves (products of 4×4 matrices are most of a derivation's).
 */
const MIN_SKIPPING_PRODUCT = 4096;

/**
 * The p of A·B's terms a_ip b_pj that are not all exact zeros, in order, or null when every p is
 * needed or few could be skipped. A column p of A that is zero throughout (a mask, diag(x > 0), a
 * ReLU's slopes, one-hot rows) contributes 0·b_pj = ±0 to every entry when row p of B is finite, and
 * a running sum that starts at +0 is unchanged by adding ±0 (+0 + −0 = +0; s + ±0 = s otherwise):
 * the product without those terms is the same to the last bit. A row of B with an infinity or a NaN
 * keeps its terms (0·∞ is NaN).
 */
function nonzeroTerms(A: Float64Array, B: Float64Array, m: number, k: number, n: number): number[] | null {
  let zero: boolean[] | null = null;
  let skipped = 0;
  for (let p = 0; p < k; p++) {
    let allZero = true;
    for (let i = 0; i < m && allZero; i++) if (A[i * k + p] !== 0) allZero = false;
    if (!allZero) continue;
    let finite = true;
    for (let j = 0; j < n && finite; j++) if (!Number.isFinite(B[p * n + j])) finite = false;
    if (!finite) continue;
    zero ??= new Array<boolean>(k).fill(false);
    zero[p] = true;
    skipped++;
  }
  // Gathering the rest costs a copy of A and B: worth it only when an eighth of the work goes.
  if (zero === null || skipped * 8 < k) return null;
  const kept: number[] = [];
  for (let p = 0; p < k; p++) if (!zero[p]) kept.push(p);
  return kept;
}

/** The columns `kept` of the row-major m×k matrix A, in order. */
function gatherColumns(A: Float64Array, m: number, k: number, kept: number[]): Float64Array {
  const q = kept.length;
  const out = new Float64Array(m * q);
  for (let i = 0; i < m; i++) for (let c = 0; c < q; c++) out[i * q + c] = A[i * k + kept[c]];
  return out;
}

/** The rows `kept` of the row-major matrix B of n columns, in order. */
function gatherRows(B: Float64Array, n: number, kept: number[]): Float64Array {
  const out = new Float64Array(kept.length * n);
  for (let c = 0; c < kept.length; c++) out.set(B.subarray(kept[c] * n, kept[c] * n + n), c * n);
  return out;
}

/** [n] → [1,n] (column to row), [1,n] → [n] (back to a column), [m,n] → [n,m]. */
export function transpose(a: Tensor): Tensor {
  if (a.rank === 0) return Tensor.scalar(a.data[0]);
  if (a.rank === 1) return Tensor.from([1, a.shape[0]], a.data);
  if (a.rank !== 2)
    throw new ShapeError(`cannot transpose a rank-${a.rank} tensor of shape ${formatShape(a.shape)}`);
  const [m, n] = a.shape;
  // A row goes back to a column; a 1×1 matrix stays a 1×1 matrix.
  if (m === 1 && n !== 1) return Tensor.from([n], a.data);
  const A = a.data;
  const out = allocate(m * n, 'transpose');
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = A[i * n + j];
  return new Tensor([n, m], out);
}

/** The shape a transpose-like op (transpose, pinv) gives back, per the rules above. */
export function transposedShape(shape: readonly number[]): number[] {
  if (shape.length === 0) return [];
  if (shape.length === 1) return [1, shape[0]];
  if (shape[0] === 1 && shape[1] !== 1) return [shape[1]];
  return [shape[1], shape[0]];
}

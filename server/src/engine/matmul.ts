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
  // Counted before the loops: a product too big for the check is refused before it starts.
  chargeWork(m * k * n);
  const out = matmulRaw(
    a.data,
    b.data,
    m,
    k,
    n,
    allocate(m * n, () => `multiplying ${formatShape(a.shape)} by ${formatShape(b.shape)}`),
  );
  // A matrix times a column is a column; a row times a column is a number.
  if (b.rank === 1) return new Tensor(m === 1 ? [] : [m], out);
  return new Tensor([m, n], out);
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

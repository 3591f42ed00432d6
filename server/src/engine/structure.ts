// Ops that rearrange or combine matrices: Kronecker product, vec, diag, outer product.
import { allocate } from './budget';
import { ShapeError, formatShape } from './errors';
import { scale } from './elementwise';
import { matrixDims } from './matmul';
import { Tensor } from './tensor';

/** A ⊗ B with vectors read as columns; two vectors give a vector, otherwise a matrix. */
export function kron(a: Tensor, b: Tensor): Tensor {
  if (a.rank === 0) return scale(b, a.data[0]);
  if (b.rank === 0) return scale(a, b.data[0]);
  const [ma, na] = matrixDims(a, 'kron');
  const [mb, nb] = matrixDims(b, 'kron');
  const rows = ma * mb,
    cols = na * nb;
  const out = allocate(rows * cols, () => `kron of ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const A = a.data,
    B = b.data;
  for (let i = 0; i < ma; i++) {
    for (let j = 0; j < na; j++) {
      const aij = A[i * na + j];
      for (let k = 0; k < mb; k++) {
        const row = (i * mb + k) * cols + j * nb;
        for (let l = 0; l < nb; l++) out[row + l] = aij * B[k * nb + l];
      }
    }
  }
  return new Tensor(a.rank === 1 && b.rank === 1 ? [rows] : [rows, cols], out);
}

/** Stacks the columns of a matrix into one long column (column-major, as vec is defined in math). */
export function vec(a: Tensor): Tensor {
  if (a.rank <= 1) return Tensor.from([a.size], a.data);
  const [m, n] = matrixDims(a, 'vec');
  const out = allocate(m * n, 'vec');
  const A = a.data;
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) out[j * m + i] = A[i * n + j];
  return new Tensor([m * n], out);
}

/** Inverse of vec: refills an m×n matrix column by column. */
export function unvec(v: Tensor, m: number, n: number): Tensor {
  if (v.size !== m * n) throw new ShapeError(`cannot unvec ${formatShape(v.shape)} into ${m}×${n}`);
  const out = allocate(m * n, 'unvec');
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) out[i * n + j] = v.data[j * m + i];
  return new Tensor([m, n], out);
}

/** Vector → diagonal matrix; matrix → its main diagonal as a vector; scalar → 1×1 matrix. */
export function diag(a: Tensor): Tensor {
  if (a.rank === 0) return Tensor.from([1, 1], a.data);
  if (a.rank === 1) {
    const n = a.shape[0];
    const out = allocate(n * n, 'diag');
    for (let i = 0; i < n; i++) out[i * n + i] = a.data[i];
    return new Tensor([n, n], out);
  }
  const [m, n] = matrixDims(a, 'diag');
  const k = Math.min(m, n);
  const out = allocate(k, 'diag');
  for (let i = 0; i < k; i++) out[i] = a.data[i * n + i];
  return new Tensor([k], out);
}

/** a bᵀ for vectors (or scalars) a and b. */
export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.rank > 1 || b.rank > 1) {
    throw new ShapeError(
      `outer product needs vectors, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const m = a.size,
    n = b.size;
  const out = allocate(m * n, 'outer product');
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = a.data[i] * b.data[j];
  return new Tensor([m, n], out);
}

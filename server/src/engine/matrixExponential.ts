// The matrix exponential e^A = Σ A^k / k!, by scaling and squaring: A is halved until its norm is at
// most 1/2, where a Taylor series of 20 terms is exact to double precision, and the result is
// squared back. Its tangent comes from the block identity
// exp([[A, dA], [0, A]]) = [[e^A, L(A, dA)], [0, e^A]], whose corner is the Fréchet derivative.
import { allocate } from './budget';
import { ShapeError } from './errors';
import type { Dual } from './dualCore';
import { matmul } from './matmul';
import { Tensor } from './tensor';

const TAYLOR_TERMS = 20;

/** e^A of a square matrix. */
export function expm(a: Tensor): Tensor {
  if (a.rank !== 2 || a.shape[0] !== a.shape[1])
    throw new ShapeError('the matrix exponential needs a square matrix');
  const n = a.shape[0];
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(a.data[i * n + j]);
    norm = Math.max(norm, row);
  }
  if (!Number.isFinite(norm)) return new Tensor([n, n], allocate(n * n, 'a matrix').fill(Number.NaN));
  const squarings = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const scaled = Tensor.from(
    [n, n],
    a.data.map((x) => x / 2 ** squarings),
  );
  let term = Tensor.eye(n);
  const sum = Float64Array.from(term.data);
  for (let k = 1; k <= TAYLOR_TERMS; k++) {
    const next = matmul(term, scaled);
    term = new Tensor(
      [n, n],
      next.data.map((x) => x / k),
    );
    for (let i = 0; i < sum.length; i++) sum[i] += term.data[i];
  }
  let result = new Tensor([n, n], sum);
  for (let s = 0; s < squarings; s++) result = matmul(result, result);
  return result;
}

/** e^A with its tangent along dA. */
export function dExpm(a: Dual): Dual {
  if (!a.d) return { v: expm(a.v), d: null };
  const n = a.v.shape[0];
  const block = allocate(4 * n * n, 'a block matrix');
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      block[i * 2 * n + j] = a.v.data[i * n + j];
      block[i * 2 * n + n + j] = a.d.data[i * n + j];
      block[(n + i) * 2 * n + n + j] = a.v.data[i * n + j];
    }
  const e = expm(new Tensor([2 * n, 2 * n], block));
  const v = allocate(n * n, 'a matrix');
  const d = allocate(n * n, 'a matrix');
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      v[i * n + j] = e.data[i * 2 * n + j];
      d[i * n + j] = e.data[i * 2 * n + n + j];
    }
  return { v: new Tensor([n, n], v), d: new Tensor([n, n], d) };
}

// softmax and log-sum-exp, shifted by the maximum so exp never overflows.
//
// softmax normalises along axis 0: a vector as a whole, a matrix column by column (each column is
// one distribution, matching the column-vector convention of the rest of the engine).
import { allocate } from './budget';
import { normalizeAxis } from './shape';
import { Tensor } from './tensor';

/** outer × len × inner view of `shape` around `axis`. */
export function axisBlocks(shape: readonly number[], axis: number): [number, number, number] {
  let outer = 1,
    inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  return [outer, shape[axis], inner];
}

export function softmax(x: Tensor, axis = 0): Tensor {
  if (x.rank === 0) return Tensor.scalar(Number.isNaN(x.data[0]) ? NaN : 1);
  const ax = normalizeAxis(axis, x.rank, 'softmax');
  const [outer, len, inner] = axisBlocks(x.shape, ax);
  const X = x.data;
  const out = allocate(X.length, 'softmax');
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      let m = -Infinity;
      for (let k = 0; k < len; k++) m = Math.max(m, X[base + k * inner]);
      // All −∞ would give NaN from (−∞) − (−∞); leave the column as NaN deliberately (0/0).
      let s = 0;
      for (let k = 0; k < len; k++) {
        const e = Math.exp(X[base + k * inner] - m);
        out[base + k * inner] = e;
        s += e;
      }
      for (let k = 0; k < len; k++) out[base + k * inner] /= s;
    }
  }
  return new Tensor(x.shape, out);
}

function lseOf(data: Float64Array, start: number, len: number, stride: number): number {
  let m = -Infinity;
  for (let k = 0; k < len; k++) m = Math.max(m, data[start + k * stride]);
  if (m === -Infinity || m === Infinity || Number.isNaN(m)) return m;
  let s = 0;
  for (let k = 0; k < len; k++) s += Math.exp(data[start + k * stride] - m);
  return m + Math.log(s);
}

/** log Σ exp(xᵢ) over all elements, or along `axis` (removed from the shape). */
export function logsumexp(x: Tensor, axis?: number): Tensor {
  if (axis === undefined) return Tensor.scalar(lseOf(x.data, 0, x.size, 1));
  const ax = normalizeAxis(axis, x.rank, 'logsumexp');
  const [outer, len, inner] = axisBlocks(x.shape, ax);
  const out = allocate(outer * inner, 'logsumexp');
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) out[o * inner + i] = lseOf(x.data, o * len * inner + i, len, inner);
  return new Tensor(
    x.shape.filter((_, i) => i !== ax),
    out,
  );
}

// Reading parts of tensors and assembling tensors from parts. Indices are 0-based; the checker
// translates the 1-based subscripts written in derivations before calling these.
import { allocate } from './budget';
import { ShapeError, formatShape } from './errors';
import { matrixDims } from './matmul';
import { normalizeAxis, sameShape, shapeSize } from './shape';
import { Tensor } from './tensor';

export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  if (shapeSize(shape) !== t.size) {
    throw new ShapeError(
      `cannot reshape ${formatShape(t.shape)} (${t.size} elements) into ${formatShape(shape)}`,
    );
  }
  return Tensor.from(shape, t.data);
}

function checkIndex(i: number, size: number, axis: number, shape: readonly number[]): void {
  if (!Number.isInteger(i) || i < 0 || i >= size) {
    throw new ShapeError(
      `index ${i} is out of range for axis ${axis} (size ${size}) of a ${formatShape(shape)} tensor`,
    );
  }
}

/** One element, as a rank-0 tensor. */
export function index(t: Tensor, idx: readonly number[]): Tensor {
  if (idx.length !== t.rank) {
    throw new ShapeError(`a ${formatShape(t.shape)} tensor takes ${t.rank} indices, got ${idx.length}`);
  }
  let offset = 0;
  for (let a = 0; a < idx.length; a++) {
    checkIndex(idx[a], t.shape[a], a, t.shape);
    offset = offset * t.shape[a] + idx[a];
  }
  return Tensor.scalar(t.data[offset]);
}

/** Elements start ≤ i < end along `axis`; the axis is kept. */
export function slice(t: Tensor, axis: number, start: number, end: number): Tensor {
  const ax = normalizeAxis(axis, t.rank, 'slice');
  const len = t.shape[ax];
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > len || start > end) {
    throw new ShapeError(
      `slice ${start}..${end} is out of range for axis ${ax} (size ${len}) of a ` +
        `${formatShape(t.shape)} tensor`,
    );
  }
  let outer = 1,
    inner = 1;
  for (let i = 0; i < ax; i++) outer *= t.shape[i];
  for (let i = ax + 1; i < t.rank; i++) inner *= t.shape[i];
  const count = end - start;
  const out = allocate(outer * count * inner, 'slice');
  for (let o = 0; o < outer; o++) {
    out.set(t.data.subarray((o * len + start) * inner, (o * len + end) * inner), o * count * inner);
  }
  const shape = t.shape.slice();
  shape[ax] = count;
  return new Tensor(shape, out);
}

/** The i-th entry along `axis`, with that axis removed (numpy's take with a scalar index). */
export function take(t: Tensor, axis: number, i: number): Tensor {
  const ax = normalizeAxis(axis, t.rank, 'take');
  checkIndex(i, t.shape[ax], ax, t.shape);
  const s = slice(t, ax, i, i + 1);
  return new Tensor(
    t.shape.filter((_, k) => k !== ax),
    s.data,
  );
}

/** Row i of a matrix as a 1×n row (a row is not a column under the column-vector convention). */
export function row(m: Tensor, i: number): Tensor {
  const [rows, cols] = matrixDims(m, 'row');
  if (m.rank !== 2) throw new ShapeError(`row needs a matrix, got ${formatShape(m.shape)}`);
  checkIndex(i, rows, 0, m.shape);
  return Tensor.from([1, cols], m.data.subarray(i * cols, (i + 1) * cols));
}

/** Column j of a matrix as a vector [m]. */
export function col(m: Tensor, j: number): Tensor {
  if (m.rank !== 2) throw new ShapeError(`column needs a matrix, got ${formatShape(m.shape)}`);
  return take(m, 1, j);
}

/** Stacks equal-shape tensors along a new first axis. */
export function stack(list: readonly Tensor[]): Tensor {
  if (list.length === 0) throw new ShapeError('cannot stack an empty list');
  const shape = list[0].shape;
  for (const t of list) {
    if (!sameShape(t.shape, shape)) {
      throw new ShapeError(`cannot stack ${formatShape(shape)} with ${formatShape(t.shape)}: shapes differ`);
    }
  }
  const n = shapeSize(shape);
  const out = allocate(list.length * n, 'stack');
  list.forEach((t, k) => out.set(t.data, k * n));
  return new Tensor([list.length, ...shape], out);
}

/** Joins tensors along an existing axis; other axes must agree. */
export function concat(list: readonly Tensor[], axis = 0): Tensor {
  if (list.length === 0) throw new ShapeError('cannot concatenate an empty list');
  const first = list[0];
  const ax = normalizeAxis(axis, first.rank, 'concat');
  let total = 0;
  for (const t of list) {
    const ok = t.rank === first.rank && t.shape.every((d, i) => i === ax || d === first.shape[i]);
    if (!ok)
      throw new ShapeError(
        `cannot concatenate ${formatShape(first.shape)} with ${formatShape(t.shape)} along axis ${ax}`,
      );
    total += t.shape[ax];
  }
  let outer = 1,
    inner = 1;
  for (let i = 0; i < ax; i++) outer *= first.shape[i];
  for (let i = ax + 1; i < first.rank; i++) inner *= first.shape[i];
  const out = allocate(outer * total * inner, 'concat');
  let at = 0;
  for (const t of list) {
    const chunk = t.shape[ax] * inner;
    for (let o = 0; o < outer; o++)
      out.set(t.data.subarray(o * chunk, (o + 1) * chunk), o * total * inner + at);
    at += chunk;
  }
  const shape = first.shape.slice();
  shape[ax] = total;
  return new Tensor(shape, out);
}

/** A column vector [n] from scalars (one-element tensors). */
export function vectorOf(items: readonly Tensor[]): Tensor {
  const out = allocate(items.length, 'vector');
  items.forEach((t, i) => {
    if (t.size !== 1)
      throw new ShapeError(`vector entry ${i + 1} is a ${formatShape(t.shape)} tensor, not a number`);
    out[i] = t.data[0];
  });
  return new Tensor([items.length], out);
}

/**
 * A matrix from a grid of blocks, as written in a bmatrix: scalars are 1×1, vectors are columns,
 * blocks in a grid row share their height and blocks in a grid column share their width.
 * A grid of scalars is the common case: [[a,b],[c,d]] → 2×2.
 */
export function assemble(grid: readonly (readonly Tensor[])[]): Tensor {
  if (grid.length === 0 || grid[0].length === 0) throw new ShapeError('cannot assemble an empty matrix');
  const gridCols = grid[0].length;
  grid.forEach((r, i) => {
    if (r.length !== gridCols)
      throw new ShapeError(`matrix row ${i + 1} has ${r.length} entries, row 1 has ${gridCols}`);
  });
  const dims = grid.map((r) => r.map((t) => matrixDims(t, 'matrix assembly')));
  const heights = dims.map((r) => r[0][0]);
  const widths = dims[0].map((d) => d[1]);
  dims.forEach((r, i) =>
    r.forEach(([h, w], j) => {
      if (h !== heights[i] || w !== widths[j]) {
        throw new ShapeError(
          `matrix block (${i + 1},${j + 1}) is ${h}×${w} but its row needs height ${heights[i]} ` +
            `and its column width ${widths[j]}`,
        );
      }
    }),
  );
  const R = heights.reduce((s, h) => s + h, 0);
  const C = widths.reduce((s, w) => s + w, 0);
  const out = allocate(R * C, 'matrix assembly');
  let top = 0;
  grid.forEach((r, i) => {
    let left = 0;
    r.forEach((t, j) => {
      const h = heights[i],
        w = widths[j];
      for (let a = 0; a < h; a++) out.set(t.data.subarray(a * w, (a + 1) * w), (top + a) * C + left);
      left += w;
    });
    top += heights[i];
  });
  return new Tensor([R, C], out);
}

// The shared elementwise template (after tfjs-backend-cpu's createSimpleBinaryKernelImpl): each op
// is one scalar function, and this module owns iteration, broadcasting and allocation.
import { allocate } from './budget';
import { ShapeError, formatShape } from './errors';
import { sameShape, shapeSize } from './shape';
import { Tensor } from './tensor';

export type UnaryFn = (x: number) => number;
export type BinaryFn = (x: number, y: number) => number;

/** Numpy broadcasting: align trailing axes; sizes must match or one of them be 1. */
export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `cannot ${op} ${formatShape(a)} and ${formatShape(b)}: sizes ${da} and ${db} differ on ` +
          `axis ${i} and neither is 1`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides of `shape` seen through the broadcast `target` shape: 0 on repeated axes. */
function broadcastStrides(shape: readonly number[], target: readonly number[]): Int32Array {
  const rank = target.length;
  const strides = new Int32Array(rank);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const at = rank - shape.length + i;
    strides[at] = shape[i] === 1 ? 0 : s;
    s *= shape[i];
  }
  return strides;
}

/**
 * Walks the broadcast output in row-major order, calling `fn` on matching input elements. The
 * last axis runs in a tight inner loop; the outer axes advance an odometer, so nothing is
 * allocated per element.
 */
function broadcastLoop(
  a: Tensor,
  b: Tensor,
  shape: readonly number[],
  out: Float64Array,
  fn: BinaryFn,
): void {
  const A = a.data,
    B = b.data;
  const total = out.length;
  if (total === 0) return;
  const rank = shape.length;
  const aStr = broadcastStrides(a.shape, shape);
  const bStr = broadcastStrides(b.shape, shape);
  const inner = shape[rank - 1];
  const aIn = aStr[rank - 1],
    bIn = bStr[rank - 1];
  const counter = new Int32Array(rank);
  let ia = 0,
    ib = 0,
    o = 0;
  while (o < total) {
    for (let j = 0; j < inner; j++) out[o++] = fn(A[ia + j * aIn], B[ib + j * bIn]);
    for (let ax = rank - 2; ax >= 0; ax--) {
      counter[ax]++;
      ia += aStr[ax];
      ib += bStr[ax];
      if (counter[ax] < shape[ax]) break;
      ia -= aStr[ax] * shape[ax];
      ib -= bStr[ax] * shape[ax];
      counter[ax] = 0;
    }
  }
}

export function binaryKernel(op: string, fn: BinaryFn): (a: Tensor, b: Tensor) => Tensor {
  return (a, b) => {
    const A = a.data,
      B = b.data;
    if (sameShape(a.shape, b.shape)) {
      const out = allocate(A.length, op);
      for (let i = 0; i < A.length; i++) out[i] = fn(A[i], B[i]);
      return new Tensor(a.shape, out);
    }
    if (B.length === 1 && b.rank <= a.rank) {
      const y = B[0];
      const out = allocate(A.length, op);
      for (let i = 0; i < A.length; i++) out[i] = fn(A[i], y);
      return new Tensor(a.shape, out);
    }
    if (A.length === 1 && a.rank <= b.rank) {
      const x = A[0];
      const out = allocate(B.length, op);
      for (let i = 0; i < B.length; i++) out[i] = fn(x, B[i]);
      return new Tensor(b.shape, out);
    }
    const shape = broadcastShapes(a.shape, b.shape, op);
    const out = allocate(shapeSize(shape), op);
    broadcastLoop(a, b, shape, out, fn);
    return new Tensor(shape, out);
  };
}

export function unaryKernel(op: string, fn: UnaryFn): (a: Tensor) => Tensor {
  return (a) => {
    const A = a.data;
    const out = allocate(A.length, op);
    for (let i = 0; i < A.length; i++) out[i] = fn(A[i]);
    return new Tensor(a.shape, out);
  };
}

const keepFirst: BinaryFn = (x) => x;
const ZERO = new Tensor([], new Float64Array(1));

/** Materialises `t` repeated to `shape` (used where several operands must line up element by element). */
export function broadcastTo(t: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(t.shape, shape)) return t;
  const target = broadcastShapes(t.shape, shape, 'broadcast');
  if (!sameShape(target, shape)) {
    throw new ShapeError(`cannot broadcast ${formatShape(t.shape)} to ${formatShape(shape)}`);
  }
  const out = allocate(shapeSize(shape), 'broadcast');
  broadcastLoop(t, ZERO, shape, out, keepFirst);
  return new Tensor(shape, out);
}

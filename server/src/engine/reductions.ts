// Reductions over all elements or along one axis (the axis is removed, as in numpy).
import { allocate } from './budget';
import { normalizeAxis } from './shape';
import { Tensor } from './tensor';

type Step = (acc: number, x: number) => number;

/** Splits the shape around `axis` into outer × length × inner blocks so one loop serves every axis. */
function reduceAxis(a: Tensor, axis: number, init: number, step: Step, op: string): Tensor {
  const ax = normalizeAxis(axis, a.rank, op);
  const len = a.shape[ax];
  let outer = 1,
    inner = 1;
  for (let i = 0; i < ax; i++) outer *= a.shape[i];
  for (let i = ax + 1; i < a.rank; i++) inner *= a.shape[i];
  const out = allocate(outer * inner, op);
  out.fill(init);
  const A = a.data;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < len; k++) {
      const base = (o * len + k) * inner;
      const ob = o * inner;
      for (let i = 0; i < inner; i++) out[ob + i] = step(out[ob + i], A[base + i]);
    }
  }
  const shape = a.shape.filter((_, i) => i !== ax);
  return new Tensor(shape, out);
}

function reduceAll(a: Tensor, init: number, step: Step): Tensor {
  let acc = init;
  const A = a.data;
  for (let i = 0; i < A.length; i++) acc = step(acc, A[i]);
  return Tensor.scalar(acc);
}

const plus: Step = (s, x) => s + x;
const times: Step = (s, x) => s * x;
// NaN wins so a poisoned input is visible in the result.
const larger: Step = (m, x) => (x > m || Number.isNaN(x) ? x : m);
const smaller: Step = (m, x) => (x < m || Number.isNaN(x) ? x : m);

export function sum(a: Tensor, axis?: number): Tensor {
  return axis === undefined ? reduceAll(a, 0, plus) : reduceAxis(a, axis, 0, plus, 'sum');
}

export function prod(a: Tensor, axis?: number): Tensor {
  return axis === undefined ? reduceAll(a, 1, times) : reduceAxis(a, axis, 1, times, 'prod');
}

export function max(a: Tensor, axis?: number): Tensor {
  return axis === undefined ? reduceAll(a, -Infinity, larger) : reduceAxis(a, axis, -Infinity, larger, 'max');
}

export function min(a: Tensor, axis?: number): Tensor {
  return axis === undefined ? reduceAll(a, Infinity, smaller) : reduceAxis(a, axis, Infinity, smaller, 'min');
}

export function mean(a: Tensor, axis?: number): Tensor {
  const s = sum(a, axis);
  const n = axis === undefined ? a.size : a.shape[normalizeAxis(axis, a.rank, 'mean')];
  const out = allocate(s.size, 'mean');
  for (let i = 0; i < out.length; i++) out[i] = s.data[i] / n;
  return new Tensor(s.shape, out);
}

/** Flat (row-major) index of the first largest element; -1 for an empty tensor. */
export function argmax(a: Tensor): number {
  let best = -1;
  for (let i = 0; i < a.data.length; i++) if (best < 0 || a.data[i] > a.data[best]) best = i;
  return best;
}

export function argmin(a: Tensor): number {
  let best = -1;
  for (let i = 0; i < a.data.length; i++) if (best < 0 || a.data[i] < a.data[best]) best = i;
  return best;
}

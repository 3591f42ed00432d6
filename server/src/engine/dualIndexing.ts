// Indexing and assembly are linear, so tangents go through the very same op; assembly fills the
// blocks of constant parts with zeros.
import { assemble, col, concat, index, reshape, row, slice, stack, take, vectorOf } from './indexing';
import type { Tensor } from './tensor';
import { type Dual, tangentOrZeros } from './dualCore';

function linear(a: Dual, op: (t: Tensor) => Tensor): Dual {
  return { v: op(a.v), d: a.d ? op(a.d) : null };
}

export function dIndex(a: Dual, idx: readonly number[]): Dual {
  return linear(a, (t) => index(t, idx));
}

export function dSlice(a: Dual, axis: number, start: number, end: number): Dual {
  return linear(a, (t) => slice(t, axis, start, end));
}

export function dTake(a: Dual, axis: number, i: number): Dual {
  return linear(a, (t) => take(t, axis, i));
}

export function dRow(a: Dual, i: number): Dual {
  return linear(a, (t) => row(t, i));
}

export function dCol(a: Dual, j: number): Dual {
  return linear(a, (t) => col(t, j));
}

export function dReshape(a: Dual, shape: readonly number[]): Dual {
  return linear(a, (t) => reshape(t, shape));
}

function anyTangent(list: readonly Dual[]): boolean {
  return list.some((x) => x.d !== null);
}

export function dStack(list: readonly Dual[]): Dual {
  const v = stack(list.map((x) => x.v));
  return { v, d: anyTangent(list) ? stack(list.map(tangentOrZeros)) : null };
}

export function dConcat(list: readonly Dual[], axis = 0): Dual {
  const v = concat(
    list.map((x) => x.v),
    axis,
  );
  return { v, d: anyTangent(list) ? concat(list.map(tangentOrZeros), axis) : null };
}

export function dVectorOf(items: readonly Dual[]): Dual {
  const v = vectorOf(items.map((x) => x.v));
  return { v, d: anyTangent(items) ? vectorOf(items.map(tangentOrZeros)) : null };
}

export function dAssemble(grid: readonly (readonly Dual[])[]): Dual {
  const v = assemble(grid.map((r) => r.map((x) => x.v)));
  return { v, d: grid.some(anyTangent) ? assemble(grid.map((r) => r.map(tangentOrZeros))) : null };
}

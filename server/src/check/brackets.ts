// Bracket indexing, `x[i]`, `W[i, I]`, `h[t-1, I]`: the questions the evaluator asks about it.
// A capital letter in the brackets names a whole axis (the convention of notes that write
// `W[i, I] h[I]` for a row times a vector), and a product of two factors that name the same
// axis sums over it, as the inner product those notes mean.
import type { Node } from '../math/tree';
import { ShapeMismatch } from './errors';
import * as V from './values';
import type { Val } from './values';

/** `I`, `J`, `N_{\text{in}}`: a capital letter, possibly labelled, written as a bracket index. */
export function isAxisLetter(x: Node): boolean {
  return x.kind === 'sym' && x.primes === 0 && /^[A-Z]$/.test(x.base);
}

/** `:`, the whole axis, as in `X[:, i]`. */
export function isWholeAxis(x: Node): boolean {
  return x.kind === 'text' && x.text === ':';
}

/**
 * The names of the axes a bracket-indexed factor keeps, in order (`W[i, I]` keeps `I`,
 * `A[I, J]` keeps `I, J`); for a product that sums over a shared axis, the axes left over.
 * Null when the factor names no axis. `isAxis` says which indices name an axis here.
 */
export function namedAxes(n: Node, isAxis: (x: Node) => boolean): string[] | null {
  if (n.kind === 'subscript' && n.bracket) {
    const names = n.indices.filter(isAxis).map((x) => (x.kind === 'sym' ? x.name : ''));
    return names.length ? names : null;
  }
  if (n.kind === 'bin' && (n.op === 'juxt' || n.op === 'cdot')) {
    const a = namedAxes(n.left, isAxis);
    const b = namedAxes(n.right, isAxis);
    const shared = sharedAxis(a, b);
    if (!a || !b || shared === null) return null;
    const rest = [...a.filter((x) => x !== shared), ...b.filter((x) => x !== shared)];
    return rest.length ? rest : null;
  }
  return null;
}

/** The one axis name both factors keep, or null (none, or more than one: not read as a contraction). */
export function sharedAxis(a: string[] | null, b: string[] | null): string | null {
  if (!a || !b) return null;
  const common = a.filter((x) => x !== '' && b.includes(x));
  return common.length === 1 ? common[0] : null;
}

/**
 * Σ over the shared axis of a (axes `aNames`) times b (axes `bNames`): an inner product of two
 * vectors, a matrix times a vector, or a product of matrices, transposing as the names ask.
 */
export function contract(a: Val, aNames: string[], b: Val, bNames: string[], axis: string, node: Node): Val {
  const A = V.dualOf(a, node);
  const B = V.dualOf(b, node);
  if (A.v.rank !== aNames.length || B.v.rank !== bNames.length || A.v.rank > 2 || B.v.rank > 2)
    throw new ShapeMismatch(
      `the bracket indices name ${aNames.length} and ${bNames.length} axes, but the values are a ` +
        `${V.describeShape(A.v.shape)} and a ${V.describeShape(B.v.shape)}`,
      node.start,
      node.end,
    );
  const T = (x: Val) => V.postfix('T', x, node);
  // Put the shared axis last in a and first in b; a vector (rank 1) is a column either way.
  const left = A.v.rank === 2 && aNames[0] === axis ? T(A) : A;
  const right = B.v.rank === 2 && bNames[1] === axis ? T(B) : B;
  if (A.v.rank === 1 && B.v.rank === 1) return V.product(left, right, node, 'dot');
  if (A.v.rank === 1) return V.product(T(right), left, node, 'matmul');
  return V.product(left, right, node, 'matmul');
}

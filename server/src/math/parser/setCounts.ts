// The number of elements of a set, as counting and probability courses write it: `\#A`,
// `\#(A \cap B)`, `|A \cup B|`, `|\overline{A \cup B}|`. A bar pair around an expression with a set
// operation (∪, ∩, ∖, a complement) can only be a count, so it reads as the count `\#` applied to
// the set; `|A|` around a lone letter may be an absolute value or a determinant, and the model
// decides it (model/build.ts). `\overline{A \cup B}` over a set expression is its complement, as
// `A^c` is, not an accent a name carries. The counts a text gives are values of `\#` at listed
// sets (model/pointValues.ts setAtom), so that an identity among given counts is checked.
import type { Node } from '../tree';
import { makeSym } from './nodes';

/** The name the count of a set is applied as. */
export const COUNT = '\\#';

/** Whether a node writes a set operation: ∪, ∩, ∖ or a complement (`A^c`, `A^\complement`). */
export function isSetOperation(n: Node): boolean {
  if (n.kind === 'group' && n.open === '(' && n.items.length === 1) return isSetOperation(n.items[0]);
  if (n.kind === 'cmp') return n.set !== undefined;
  if (n.kind === 'bin') return n.op === 'setminus';
  return n.kind === 'pow' && isComplementMark(n.exponent) && isSetLike(n.base);
}

/** A capital letter (`A`, `B_1`) or a set operation: what a complement mark may stand on. */
function isSetLike(n: Node): boolean {
  return (n.kind === 'sym' && /^[A-Z]/.test(n.stem) && n.primes === 0) || isSetOperation(n);
}

/** `c`, `C`, `\complement` as a superscript: the complement of the set below it. */
export function isComplementMark(n: Node): boolean {
  return n.kind === 'sym' && n.sub === null && n.primes === 0 && /^(?:c|C|\\complement)$/.test(n.name);
}

/** The complement of a set expression written with an overline: `A^c` of it. */
export function complementOf(set: Node, start: number, end: number): Node {
  const c = makeSym('c', end, end);
  return { kind: 'pow', base: set, exponent: c, start, end };
}

/** `\#` applied to a set: the count. */
export function countOf(set: Node, start: number, end: number): Node {
  return { kind: 'apply', f: makeSym(COUNT, start, start + 2), args: [set], start, end };
}

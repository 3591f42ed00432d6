// `y_1, \dots, y_6 = 3, 5, 4, 6, 2, 4`: data listed by their members, the members elided between the
// first and the last, and the numbers after the sign in the same order. A reader takes it as the
// vector the numbers make, `y = (3, 5, 4, 6, 2, 4)`, whose members the sums over y then reach; as a
// claim the list was no value at all, and every sum over the data was left unchecked.
import type { Node } from '../math/tree';

/** The vector a listed sample writes (its stem and the tuple of its values), or null. */
export function listedData(lhs: Node, rhs: Node): { name: string; expr: Node } | null {
  const names = lhs.kind === 'list' || (lhs.kind === 'group' && lhs.open === '(') ? lhs.items : null;
  const values = rhs.kind === 'list' || (rhs.kind === 'group' && rhs.open === '(') ? rhs.items : null;
  if (!names || !values || names.length !== 3 || values.length < 2) return null;
  const [first, dots, last] = names;
  if (first.kind !== 'sym' || dots.kind !== 'dots' || last.kind !== 'sym' || first.stem !== last.stem)
    return null;
  // Counted from 1, as the vector's entries are, to the number of values listed.
  if (memberNumber(first) !== 1 || memberNumber(last) !== values.length) return null;
  if (values.some((v) => v.kind === 'dots')) return null;
  const expr: Node = { kind: 'group', open: '(', close: ')', items: values, start: rhs.start, end: rhs.end };
  return { name: first.stem, expr };
}

/** The whole number a member's subscript writes (`y_6`), or null. */
function memberNumber(n: Node): number | null {
  if (n.kind !== 'sym' || n.sub?.length !== 1 || n.primes !== 0) return null;
  const index = n.sub[0];
  return index.kind === 'num' && Number.isInteger(index.value) ? index.value : null;
}

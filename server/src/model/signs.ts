// ± in a tree: `a \pm b` read with each sign (check/plusMinus.ts), and `x_{1,2} = a \pm b` naming both
// results at once (model/build.ts).
import type { Node, SymNode } from '../math/tree';
import { someNode } from './names';

export function isPlusMinus(n: Node): boolean {
  return n.kind === 'bin' && n.op === 'pm';
}

/** A copy of `n` with each ± as − (sign 0) or + (sign 1). */
export function withSign(n: Node, sign: 0 | 1): Node {
  return copy(n, sign) as Node;
}

function copy(n: unknown, sign: 0 | 1): unknown {
  if (Array.isArray(n)) return n.map((x) => copy(x, sign));
  if (typeof n !== 'object' || n === null) return n;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(n)) out[k] = copy(x, sign);
  if (out.kind === 'bin' && out.op === 'pm') out.op = sign === 0 ? '-' : '+';
  return out;
}

/**
 * "The roots are $x_{1,2} = \frac{5 \pm \sqrt{5}}{2}$": a name whose subscript lists two numbers, given
 * a value with ±, names both — the first with +, the second with −, as the notation is read. The two
 * relations, or null when `lhs = rhs` is not written so.
 */
export function plusMinusPair(lhs: Node, rhs: Node): [SymNode, Node][] | null {
  if (lhs.kind !== 'sym' || lhs.primes > 0 || lhs.sub?.length !== 2 || lhs.subText === null) return null;
  const [first, second] = lhs.sub;
  if (first.kind !== 'num' || second.kind !== 'num') return null;
  if (!someNode(rhs, isPlusMinus)) return null;
  const member = (index: Extract<Node, { kind: 'num' }>): SymNode => ({
    ...lhs,
    name: `${lhs.stem}_{${index.text}}`,
    sub: [index],
    subText: index.text,
  });
  return [
    [member(first), withSign(rhs, 1)],
    [member(second), withSign(rhs, 0)],
  ];
}

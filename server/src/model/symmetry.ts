// "Let A be the adjacency matrix of an undirected graph, so $A = A^\top$": written in the sentence
// that declares A, the symmetry is part of what A is, as a sign constraint is part of what a number
// is. A careful reader does not check it against arbitrary matrices; they sample symmetric ones.
import type { Node, SymNode } from '../math/tree';

/** `A = A^\top` or `A^\top = A` (also `^T`): the name said to be symmetric, or null. */
export function readSymmetry(op: string, lhs: Node, rhs: Node): SymNode | null {
  if (op !== '=') return null;
  const plain = lhs.kind === 'sym' ? lhs : rhs.kind === 'sym' ? rhs : null;
  const other = plain === lhs ? rhs : lhs;
  if (!plain || other.kind !== 'post' || other.op !== 'T') return null;
  const operand =
    other.operand.kind === 'group' && other.operand.items.length === 1
      ? other.operand.items[0]
      : other.operand;
  return operand.kind === 'sym' && operand.name === plain.name ? plain : null;
}

/** Whether a declared shape is square: two axes written alike (`n \times n`). */
export function isSquareShape(shape: readonly Node[]): boolean {
  if (shape.length !== 2) return false;
  const [a, b] = shape;
  if (a.kind === 'sym' && b.kind === 'sym') return a.name === b.name;
  return a.kind === 'num' && b.kind === 'num' && a.value === b.value;
}

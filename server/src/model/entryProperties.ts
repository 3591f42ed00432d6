// "with weight matrix $W \in \mathbb{R}^{n \times n}$, $W_{ij} = W_{ji} \ge 0$, $W_{ii} = 0$": what
// the entries of a matrix are, written in the sentence that declares it, is part of what the matrix
// is (an adjacency, distance or kernel matrix), as a sign constraint is part of what a number is.
// A careful reader samples such matrices only; checked against arbitrary ones, every fact that
// rests on the property (the Laplacian's quadratic form, its trace) would be refuted.
import type { Node, SymNode } from '../math/tree';

/** What an entrywise relation says of its matrix. */
export type EntryProperty = 'symmetric' | 'zeroDiagonal' | 'positive';

/** `W_{ij}`: a name with a subscript of two letters, or null. */
function entry(n: Node): { sym: SymNode; first: string; second: string } | null {
  if (n.kind !== 'sym' || n.sub?.length !== 2) return null;
  const [a, b] = n.sub;
  return a.kind === 'sym' && b.kind === 'sym' && a.sub === null && b.sub === null
    ? { sym: n, first: a.name, second: b.name }
    : null;
}

/** `x_i` or `W_{ij}`: a name indexed by letters only, or null. */
function letterIndexed(n: Node): SymNode | null {
  if (n.kind !== 'sym' || !n.sub || n.sub.length === 0 || n.sub.length > 2) return null;
  return n.sub.every((s) => s.kind === 'sym' && s.sub === null) ? n : null;
}

const isZero = (n: Node) => n.kind === 'num' && n.value === 0;

/**
 * The stem a relation describes and what it says of its entries: `W_{ij} = W_{ji}` (symmetric),
 * `W_{ii} = 0` (a zero diagonal), `W_{ij} \ge 0` or `0 < x_i` (entries positive; nonnegative ones
 * are sampled positive, a sample of the same set). Anything else (`W_{ij} = W_{jk}`, `W_{12} = 0`,
 * `W_{ij} \ge 1`) is null.
 */
export function readEntryProperty(
  op: string,
  lhs: Node,
  rhs: Node,
): { stem: string; property: EntryProperty } | null {
  if (op === '=') {
    const a = entry(lhs);
    const b = entry(rhs);
    if (a && b && a.sym.stem === b.sym.stem && a.first !== a.second)
      return a.first === b.second && a.second === b.first
        ? { stem: a.sym.stem, property: 'symmetric' }
        : null;
    const diagonal = a && isZero(rhs) ? a : b && isZero(lhs) ? b : null;
    if (diagonal && diagonal.first === diagonal.second)
      return { stem: diagonal.sym.stem, property: 'zeroDiagonal' };
    return null;
  }
  const above = op === '>' || op === '\\ge';
  const below = op === '<' || op === '\\le';
  const side = above && isZero(rhs) ? lhs : below && isZero(lhs) ? rhs : null;
  const sym = side ? letterIndexed(side) : null;
  return sym ? { stem: sym.stem, property: 'positive' } : null;
}

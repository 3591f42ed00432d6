// A tuple written with commas, `(1, 2, 2)`, has no orientation: authors write a row that way as
// often as a column (`a^\top / (a^\top a) = \frac{1}{9}(1, 2, 2)`). Beside a 1×n row its entries
// are the row's, so the claim compares them rather than refuting on the shape.
import type { Node } from '../../math/tree';
import { Tensor } from '../../engine';
import type { TrialResult } from './results';
import { normalizeShape } from './values';

/** A side that is a written tuple, perhaps negated or scaled by numbers: `\frac{1}{9}(1, 2, 2)`. */
export function isWrittenTuple(n: Node): boolean {
  switch (n.kind) {
    case 'group':
      return (n.open === '(' || n.open === '[') && n.items.length >= 2;
    case 'neg':
      return isWrittenTuple(n.operand);
    case 'frac':
      return isWrittenTuple(n.numerator) && isNumber(n.denominator);
    case 'bin':
      if (n.op !== 'juxt' && n.op !== 'cdot' && n.op !== 'times') return false;
      return (isNumber(n.left) && isWrittenTuple(n.right)) || (isWrittenTuple(n.left) && isNumber(n.right));
    default:
      return false;
  }
}

function isNumber(n: Node): boolean {
  if (n.kind === 'num') return true;
  if (n.kind === 'neg') return isNumber(n.operand);
  if (n.kind === 'frac') return isNumber(n.numerator) && isNumber(n.denominator);
  return false;
}

/** The results with a tuple side read as the row the other side is, when it has as many entries. */
export function tuplesAsRows(lhs: Node, rhs: Node, results: TrialResult[]): TrialResult[] {
  const leftTuple = isWrittenTuple(lhs);
  const rightTuple = isWrittenTuple(rhs);
  if (leftTuple === rightTuple) return results;
  return results.map((r) => {
    const [tuple, other] = leftTuple ? [r.left, r.right] : [r.right, r.left];
    const t = normalizeShape(tuple.shape);
    const isRow = other.shape.length === 2 && other.shape[0] === 1 && other.shape[1] > 1;
    if (t.length !== 1 || !isRow || t[0] !== other.shape[1]) return r;
    const row = new Tensor([1, t[0]], tuple.data);
    return leftTuple ? { ...r, left: row } : { ...r, right: row };
  });
}

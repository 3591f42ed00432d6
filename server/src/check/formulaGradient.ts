// "$\nabla (x^2 y) = (2xy, x^2)$": the gradient of a formula no function names, as a calculus course
// writes it. The coordinates are Cartesian, x, y (and z), as many as the other side lists — a careful
// reader takes the dimension from the vector the author wrote — and the formula may write only those
// of its letters among x, y, z. Read so, ∇ is the tuple of the partial derivatives in that order.
// Tried only when the claim cannot be checked as written.
import { makeSym } from '../math/parser/nodes';
import type { Node } from '../math/tree';
import { freeNames } from '../math/walk';
import type { Claim } from '../model/types';
import type { Outcome } from './claim';

const COORDINATES = ['x', 'y', 'z'];

/** The claim's outcome with each ∇ of a bracketed formula read in the coordinates its other side lists. */
export function withFormulaGradients(claim: Claim, first: Outcome, check: (c: Claim) => Outcome): Outcome {
  if (first.verdict !== 'unchecked') return first;
  const lhs = spelledOut(claim.lhs, claim.rhs);
  const rhs = spelledOut(claim.rhs, claim.lhs);
  if (lhs === claim.lhs && rhs === claim.rhs) return first;
  const read = check({ ...claim, lhs, rhs });
  if (read.verdict === 'unchecked') return first;
  return {
    ...read,
    message: `${read.message} (∇ of the formula read in the coordinates the other side lists)`,
  };
}

/** `side` as the tuple of partials when it is a ∇ of a formula and `other` a tuple of 2 or 3 entries. */
function spelledOut(side: Node, other: Node): Node {
  if (side.kind !== 'deriv' || !side.bareGradient || side.order !== 1 || side.of?.kind !== 'group')
    return side;
  if (other.kind !== 'group' || other.open !== '(' || other.items.length < 2 || other.items.length > 3)
    return side;
  const coordinates = COORDINATES.slice(0, other.items.length);
  const written = freeNames(side.of).filter((n) => COORDINATES.includes(n));
  if (written.length === 0 || written.some((n) => !coordinates.includes(n))) return side;
  const span = { start: side.start, end: side.end };
  const of = side.of;
  const partial = (name: string): Node => ({
    kind: 'deriv',
    of,
    wrt: makeSym(name, span.start, span.end),
    order: 1,
    style: 'partial',
    ...span,
  });
  return { kind: 'group', open: '(', close: ')', items: coordinates.map(partial), ...span };
}

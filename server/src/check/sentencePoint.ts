// "At the point $(1, 2)$ we get $f_x = 16$ and $f_y = 13$": after `f(x, y) = x^2 y + 3xy^2`, f_x written
// bare is the function ∂f/∂x, and read so its letters are unknown. The sentence says where it is taken:
// a careful reader reads a function of as many parameters as the point has coordinates, written bare
// in the sentence after the point (f, f_x, f_{xy}, ∂²f/∂x², ∇f), at that point. Tried only when the
// claim cannot be checked as written; the point is the author's own, so a failure there is refuted.
import { parseMath } from '../math/parser';
import type { Node, SymNode } from '../math/tree';
import { mapChildren } from '../math/walk';
import { atPoint } from '../model/functionSubscripts';
import type { Claim } from '../model/types';
import type { Outcome } from './claim';

/** The claim's outcome with its bare functions read at its sentence's point, or `first`. */
export function atTheSentencePoint(claim: Claim, first: Outcome, check: (c: Claim) => Outcome): Outcome {
  if (!claim.pointOfSentence || first.verdict !== 'unchecked') return first;
  const point = coordinates(claim.pointOfSentence);
  if (!point) return first;
  const read = new Set<string>();
  const parameters = (name: string): SymNode[] | null => {
    const e = claim.env.lookup(name, claim.block);
    return e?.kind === 'def' && e.params?.length === point.length && !e.indices ? e.params : null;
  };
  const visit = (x: Node): Node => {
    if (x.kind === 'sym') {
      if (!parameters(x.name)) return x;
      read.add(x.name);
      return { kind: 'apply', f: x, args: point, start: x.start, end: x.end };
    }
    // Applied already, or a prime at its own argument: the text says where.
    if (x.kind === 'apply' || x.kind === 'prime') return x;
    if (x.kind === 'deriv') {
      if (x.at) return x;
      const f = innermost(x);
      const params = f ? parameters(f.name) : null;
      if (!f || !params) return x;
      read.add(f.name);
      if (x.bareGradient) return { ...x, at: point };
      return atPoint(x, params, point) ?? x;
    }
    return mapChildren(x, visit);
  };
  const lhs = visit(claim.lhs);
  const rhs = visit(claim.rhs);
  if (read.size === 0) return first;
  const at = check({ ...claim, lhs, rhs, pointOfSentence: undefined });
  if (at.verdict === 'unchecked') return first;
  const names = [...read].join(', ');
  return {
    ...at,
    message: `${at.message} (${names} read at ${claim.pointOfSentence}, the point its sentence names)`,
  };
}

/** The function a derivative, or a derivative of one, differentiates, written bare. */
function innermost(x: Extract<Node, { kind: 'deriv' }>): SymNode | null {
  let of = x.of;
  while (of?.kind === 'deriv' && !of.at) of = of.of;
  return of?.kind === 'sym' ? of : null;
}

function coordinates(text: string): Node[] | null {
  try {
    const side = parseMath(text).statements[0]?.sides[0];
    return side?.kind === 'group' && side.open === '(' && side.items.length >= 2 ? side.items : null;
  } catch {
    return null;
  }
}

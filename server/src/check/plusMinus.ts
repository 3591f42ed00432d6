// `\bar x \pm 1.96 s/\sqrt{n} = 120 \pm 5.88 = (114.12, 125.88)`: a relation with ± on both sides
// holds for each sign taken throughout, and ± against a written pair is an interval, its lower end
// with −, its upper end with +. Each is two claims, checked one after the other; ± on one side
// only, against a single value (`\sqrt{x^2} = \pm x`), says "one of" and is not evaluated.
import type { Claim } from '../model/types';
import type { Node } from '../math/tree';
import { someNode } from '../model/names';
import { isPlusMinus, withSign } from '../model/signs';

export interface SignBranches {
  minus: Claim;
  plus: Claim;
}

/** The claim with every ± as − and as +, or null when it has no ± to read this way. */
export function plusMinusBranches(claim: Claim, text: string): SignBranches | null {
  // `\mp` is read as ± by the parser: the signs of a mixed claim cannot be told apart.
  if (/\\mp|∓/.test(text)) return null;
  const left = hasPlusMinus(claim.lhs);
  const right = hasPlusMinus(claim.rhs);
  if (!left && !right) return null;
  const pairLeft = !left && isPair(claim.lhs);
  const pairRight = !right && isPair(claim.rhs);
  if (!(left && right) && !pairLeft && !pairRight) return null;
  if (claim.op !== '=' && claim.op !== '\\approx') return null;
  const branch = (sign: 0 | 1): Claim => ({
    ...claim,
    lhs: pairLeft ? pairItem(claim.lhs, sign) : withSign(claim.lhs, sign),
    rhs: pairRight ? pairItem(claim.rhs, sign) : withSign(claim.rhs, sign),
  });
  try {
    return { minus: branch(0), plus: branch(1) };
  } catch (e) {
    // A tree too deep to copy (a sum of thousands of terms) is left to the ordinary check.
    if (e instanceof RangeError) return null;
    throw e;
  }
}

function hasPlusMinus(n: Node): boolean {
  return someNode(n, isPlusMinus);
}

/** `(114.12, 125.88)` or `[a, b]`: an interval written as its two ends. */
function isPair(n: Node): boolean {
  return n.kind === 'group' && (n.open === '(' || n.open === '[') && n.items.length === 2;
}

function pairItem(n: Node, sign: 0 | 1): Node {
  return (n as Extract<Node, { kind: 'group' }>).items[sign];
}

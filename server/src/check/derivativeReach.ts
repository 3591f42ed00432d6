// How far a derivative operator reaches when a product sign follows its operand. derivcheck reads
// `\frac{d}{dy} y^2 \times (y + 1)` as the derivative of y² times (y + 1) (docs/language.md,
// Calculus), but SymPy prints the derivative of the whole product that way, and authors write it
// both ways. A claim that fails under derivcheck's reading is left unchecked with the way to say
// it unambiguously, never refuted.
import { walk } from '../model/names';
import type { Claim } from '../model/types';

/** Whether a derivative operator in the claim stops at an explicit `\cdot` or `\times`. */
export function hasCutDerivative(claim: Pick<Claim, 'lhs' | 'rhs'>): boolean {
  let found = false;
  for (const side of [claim.lhs, claim.rhs])
    walk(side, (n) => {
      if (n.kind === 'deriv' && n.cutAtProduct) found = true;
    });
  return found;
}

export const CUT_DERIVATIVE_MESSAGE =
  'unchecked: a derivative operator here is followed by a product sign (\\cdot or \\times), and ' +
  'derivcheck reads the operator as applying only to the factor before it; so read, the claim ' +
  'fails. If the operator is meant to apply to the whole product, put it in brackets ' +
  '(\\frac{d}{dx}\\left(f \\cdot g\\right)); if not, write the product the other way round ' +
  '(g \\cdot \\frac{d f}{dx})';

// A characteristic polynomial worked out wrong. "$\det(A - \lambda I) = \lambda^2 - 5\lambda + 6$": λ is
// no value the text gives but the variable of a polynomial, so the claim is an identity in λ, and the
// reader's letter is read as any number (freeLetters.ts). Such a reading normally only verifies: a
// letter nothing declares may be one value the words name (an eigenvalue), at which an equation may
// hold. But when one side is a determinant whose matrix has numbers as entries besides that one letter
// (`A - \lambda I`, `\lambda I - A`, or the matrix written out with `2 - \lambda` on its diagonal) and
// the other side is a formula in the letter, the claim states the polynomial, not one of its values:
// `\det(A - \lambda I) = 0` (an equation for the eigenvalues) has no letter on its right and is not
// read so. Two polynomials that differ at every sample differ as polynomials, so no value named in
// words makes the identity right: such a claim is refuted.
import type { Node } from '../../math/tree';
import { children, freeNames, someNode } from '../../math/walk';
import type { Claim } from '../../model/types';
import type { CompileEnv } from '../compile/context';
import { FREE_LETTER_HOW } from '../freeLetters';
import type { Outcome } from '../claim';
import { scalesIdentity } from '../freeLetters';

/** The refutation the claim stands as, or null when the rule does not apply. */
export function characteristicPolynomialRefuted(
  outcome: Outcome,
  claim: Claim,
  cenv: CompileEnv,
): Outcome | null {
  if (outcome.verdict !== 'refuted' || !outcome.failedEverywhere || claim.op !== '=') return null;
  if (claim.condition || claim.assumptions.length > 0 || cenv.generic.size > 0) return null;
  if (cenv.arguments.size > 0 || cenv.inferred.size !== 1) return null;
  const [[letter, how]] = [...cenv.inferred];
  if (how.how !== FREE_LETTER_HOW) return null;
  for (const [side, other] of [
    [claim.lhs, claim.rhs],
    [claim.rhs, claim.lhs],
  ]) {
    if (!determinantIn(side, letter)) continue;
    if (!freeNames(other).includes(letter) || !polynomial(other)) return null;
    return {
      ...outcome,
      smoothEverywhere: true,
      message:
        `${outcome.message} (${letter} read as any number: the determinant is the characteristic ` +
        `polynomial in ${letter}, and the two sides, polynomials in ${letter}, differ at every sample, ` +
        'so they differ as polynomials)',
    };
  }
  return null;
}

/** `\det(A - \lambda I)`, `|\lambda I - A|`, `\det` of a matrix written out with λ in its entries. */
function determinantIn(side: Node, letter: string): boolean {
  const x = side.kind === 'group' && side.items.length === 1 ? side.items[0] : side;
  let argument: Node | null = null;
  if (x.kind === 'call' && x.fn === 'det' && x.args.length === 1) argument = x.args[0];
  else if (x.kind === 'abs' || (x.kind === 'matrix' && x.env === 'vmatrix')) argument = x;
  if (!argument) return false;
  if (x.kind === 'matrix') return freeNames(x).includes(letter);
  const inner = argument.kind === 'abs' ? argument.operand : argument;
  return someNode(inner, (y) => {
    if (y.kind === 'bin' && (y.op === 'juxt' || y.op === 'cdot')) return scalesIdentity(y)?.name === letter;
    return y.kind === 'matrix' && freeNames(y).includes(letter);
  });
}

/** Sums, products and whole powers of names and numbers, numbers dividing: a polynomial in its names. */
function polynomial(x: Node): boolean {
  // Node by node (iterative: a side may be a sum of thousands of terms), each of a polynomial's forms;
  // a name is one whatever its subscript.
  const stack: Node[] = [x];
  while (stack.length > 0) {
    const y = stack.pop()!;
    if (!polynomialNode(y)) return false;
    if (y.kind !== 'sym') stack.push(...children(y));
  }
  return true;
}

function polynomialNode(x: Node): boolean {
  switch (x.kind) {
    case 'num':
    case 'sym':
    case 'neg':
      return true;
    case 'group':
      return x.items.length === 1 && (x.open === '(' || x.open === '[' || x.open === '{');
    case 'bin':
      if (x.op === '/') return x.right.kind === 'num';
      return ['+', '-', 'juxt', 'cdot', 'times'].includes(x.op) && !x.apply;
    case 'frac':
      return x.denominator.kind === 'num';
    case 'pow':
      return x.exponent.kind === 'num' && Number.isInteger(x.exponent.value) && x.exponent.value >= 0;
    default:
      return false;
  }
}

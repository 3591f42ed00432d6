// The imaginary unit as engineering and mathematics notes define it: `j = \sqrt{-1}`, `i := \sqrt{-1}`.
// The real path has no value for such a name; read as the real square root of −1 it would be
// undefined and every claim that uses it would look refuted. Scalar equations with it are judged in
// complex arithmetic instead (check/complexClaim.ts).
import type { Node } from '../../math/tree';
import { Unsupported } from '../errors';

function isMinusOne(n: Node): boolean {
  if (n.kind === 'num') return n.value === -1;
  if (n.kind === 'neg') return n.operand.kind === 'num' && n.operand.value === 1;
  if (n.kind === 'group' && n.open === '(' && n.items.length === 1) return isMinusOne(n.items[0]);
  return false;
}

/** `\sqrt{-1}`, `(-1)^{1/2}`: the defining value of the imaginary unit. */
export function isImaginaryUnitValue(n: Node): boolean {
  if (n.kind === 'sqrt') return n.degree === null && isMinusOne(n.radicand);
  if (n.kind === 'pow') {
    const e = n.exponent;
    const half =
      (e.kind === 'frac' &&
        e.numerator.kind === 'num' &&
        e.numerator.value === 1 &&
        e.denominator.kind === 'num' &&
        e.denominator.value === 2) ||
      (e.kind === 'bin' &&
        e.op === '/' &&
        e.left.kind === 'num' &&
        e.left.value === 1 &&
        e.right.kind === 'num' &&
        e.right.value === 2) ||
      (e.kind === 'num' && e.value === 0.5);
    return half && isMinusOne(n.base);
  }
  return false;
}

export function imaginaryUnit(name: string, at: { start: number; end: number }): Unsupported {
  return new Unsupported(
    `${name} is the imaginary unit (${name} = √−1), which real numbers do not have, and complex ` +
      `arithmetic reads scalar equations only; write the real and imaginary parts without ${name} ` +
      `to have them checked`,
    at.start,
    at.end,
  );
}

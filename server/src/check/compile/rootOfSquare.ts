// `\sqrt{(x - 9.5)^2}` and `(x^2)^{1/2}`: a root that undoes an even power is |x − 9.5|, a formula
// that changes at the zero of what is squared, like |x| itself. Such a root counts as an op with
// pieces (pieces.ts), so an equation verified with it is looked at again beyond the window, where
// `\sqrt{(x - 9.5)^2} = 9.5 - x` (right for x < 9.5 only) fails. A root of anything else (√(σ² + ε)
// in every normalisation) is analytic where it is defined and is not looked at twice.
import type { Node } from '../../math/tree';

/** An even whole number written as a number (`2`, `{4}`). */
function isEvenNumber(n: Node): boolean {
  const u = n.kind === 'group' && n.items.length === 1 ? n.items[0] : n;
  return u.kind === 'num' && /^\d+$/.test(u.text) && Number(u.text) % 2 === 0 && Number(u.text) > 0;
}

/** Whether a radicand is written as an even power, or a product with one (`a^2 b^2`, `4(x - 1)^2`). */
export function isEvenPowerRadicand(n: Node): boolean {
  if (n.kind === 'group' && n.items.length === 1 && (n.open === '(' || n.open === '{' || n.open === '['))
    return isEvenPowerRadicand(n.items[0]);
  if (n.kind === 'pow') return isEvenNumber(n.exponent);
  if (n.kind === 'bin' && !n.apply && (n.op === 'juxt' || n.op === 'cdot' || n.op === 'times'))
    return isEvenPowerRadicand(n.left) || isEvenPowerRadicand(n.right);
  return false;
}

/** `u^{1/2}`, `u^{0.5}` or `u^{1/4}`: an exponent that is a root of even degree. */
export function isEvenRootExponent(n: Node): boolean {
  const u = n.kind === 'group' && n.items.length === 1 ? n.items[0] : n;
  if (u.kind === 'num') return u.text === '0.5' || u.text === '.5';
  if (u.kind === 'frac')
    return u.numerator.kind === 'num' && u.numerator.text === '1' && isEvenNumber(u.denominator);
  if (u.kind === 'bin' && u.op === '/')
    return u.left.kind === 'num' && u.left.text === '1' && isEvenNumber(u.right);
  return false;
}

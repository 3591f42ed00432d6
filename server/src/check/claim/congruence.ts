// Congruences `a \equiv b \pmod{n}`: a statement about residues, not an equality of numbers.
// Decided exactly, in rational arithmetic, when both sides and the modulus are written numbers.
import type { Claim } from '../../model/types';
import type { Node } from '../../math/tree';
import type { Outcome } from '../claim';
import { exactValue } from '../exact';
import { Rational } from '../../engine';
import { formatRational } from '../format';
import { uncheckedOutcome } from './outcomes';

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** x⁻¹ modulo n (gcd(x, n) = 1), by the extended Euclidean algorithm. */
function inverse(x: bigint, n: bigint): bigint {
  let [r0, r1, s0, s1] = [((x % n) + n) % n, n, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % n) + n) % n;
}

/**
 * The residue of a rational modulo n: p/q stands for p·q⁻¹, which exists when q is prime to n
 * (so `3^{-1} \equiv 4 \pmod{11}` reads 3⁻¹ as the inverse of 3 modulo 11). Null otherwise.
 */
function residue(r: Rational, n: bigint): bigint | null {
  if (gcd(r.den, n) !== 1n) return null;
  const p = ((r.num % n) + n) % n;
  return (p * inverse(r.den, n)) % n;
}

/** Exact value of a side; `x^{-1}` is the inverse (of a residue, once reduced). */
function exactSide(n: Node): Rational | null {
  if (n.kind === 'post' && n.op === 'inv') {
    const x = exactSide(n.operand);
    return x && !x.isZero() ? Rational.ONE.div(x) : null;
  }
  return exactValue(n);
}

const WHAT_TO_DO =
  'a congruence is checked when both sides and the modulus are written numbers; for names, ' +
  'state it as an equation of remainders, (a - b) \\bmod n = 0';

/** The verdict on a congruence claim, or null when it is not decided here (see WHAT_TO_DO). */
export function decideCongruence(claim: Claim): Outcome | null {
  const m = claim.modulus;
  if (!m) return null;
  const modulus = exactValue(m);
  const a = exactSide(claim.lhs);
  const b = exactSide(claim.rhs);
  const negated = claim.op === '\\nequiv';
  const none = { details: [], trials: 0, maxError: 0 };
  if (!modulus || !a || !b) return null;
  if (!modulus.isInteger() || modulus.compare(Rational.fromInteger(1n)) < 0)
    return uncheckedOutcome(
      `unchecked: the modulus ${formatRational(modulus)} is not a positive whole number`,
      none,
    );
  const n = modulus.num;
  const [ra, rb] = [residue(a, n), residue(b, n)];
  const mod = `(mod ${n})`;
  if (ra === null || rb === null) {
    const bad = ra === null ? a : b;
    return uncheckedOutcome(
      `unchecked: ${formatRational(bad)} has no residue ${mod}: its denominator shares a factor ` +
        `with ${n}, so it names no class of integers; write the side as an integer`,
      none,
    );
  }
  const congruent = ra === rb;
  const shown = (x: Rational, r: bigint) =>
    x.isInteger() && x.num >= 0n && x.num < n ? `${x.num}` : `${formatRational(x)} (residue ${r})`;
  const details = [`left = ${formatRational(a)}`, `right = ${formatRational(b)}`, `modulus = ${n}`];
  const sign = negated ? '≢' : '≡';
  if (congruent !== negated)
    return {
      verdict: 'verified',
      code: 'verified',
      message: `verified exactly: ${shown(a, ra)} ${sign} ${shown(b, rb)} ${mod}`,
      details,
      trials: 1,
      maxError: 0,
    };
  return {
    verdict: 'refuted',
    code: 'refuted',
    message: negated
      ? `refuted: ${shown(a, ra)} ≡ ${shown(b, rb)} ${mod}: both leave residue ${ra}`
      : `refuted: ${shown(a, ra)} ≢ ${shown(b, rb)} ${mod}: the residues are ${ra} and ${rb}`,
    details,
    trials: 1,
    maxError: 1,
  };
}

/** Why a congruence between sampled values is left unchecked. */
export const CONGRUENCE_NOT_DECIDED = WHAT_TO_DO;

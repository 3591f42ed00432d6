// An equation between rational functions of scalars, verified in doubles, decided again exactly.
//
// Doubles carry 16 digits, and the comparison allows a relative 10⁻⁹: a term below that is invisible
// at every sample. `(1 + 10^{-8} x)^2 = 1 + 2 \cdot 10^{-8} x` passes so, though the sides differ by
// 10⁻¹⁶x². A careful reader does not trust "equal up to rounding" where exact algebra is at hand:
// when both sides are rational functions of the claim's scalars (sums, products, quotients, whole
// powers of letters and of whole numbers written as such), left − right is computed exactly, and a
// residual that is not the zero function is evaluated exactly at a sample the verification rested
// on; a value there other than 0 is a counterexample no rounding explains.
//
// Only where that reasoning is sound: every letter ranges over an infinite set of numbers (a
// nonzero rational function vanishes at finitely many points of a line); no constraint, worked
// value or equation stated with the claim ties the letters to a thin set whose float samples meet
// it only up to rounding; no decimal is written in the claim, since a decimal may be a rounded
// value (`\pi = 3.1416` is the author's rounding, docs/language.md), while whole numbers are exact;
// and the document set no tolerance of its own, which says how close is equal enough.
import { Rational, type Tensor, TooManyTerms } from '../engine';
import type { Node } from '../math/tree';
import { someNode } from '../model/names';
import { DEFAULT_SETTINGS } from '../model/build';
import type { Claim } from '../model/types';
import type { Outcome } from './claim';
import { formatNumber } from './format';
import { rationalOf } from './residual';

/** The sets whose members no nonzero rational function can all be roots of. */
const INFINITE_SETS = new Set(['real', 'positive', 'integer', 'natural', 'interval']);

/** Conditions that leave an open set (or infinitely many whole numbers) of the letters. */
const OPEN_CONDITIONS = new Set(['<', '>', '\\le', '\\ge', '\\neq']);

type Sample = NonNullable<Outcome['verifiedAt']>[number];

/** A refutation when the exact residual of a verified scalar equation is not zero; else null. */
export function exactlyApart(
  claim: Claim,
  verified: Outcome,
  display: (name: string) => string,
): Outcome | null {
  if (claim.op !== '=' || !verified.verifiedAt?.length) return null;
  if (claim.constraints?.length || claim.workedValue) return null;
  // A tolerance the document set says how close is equal enough: exact algebra does not overrule it.
  if (claim.settings.tolerance !== DEFAULT_SETTINGS.tolerance) return null;
  if (!claim.assumptions.every((a) => a.kind === 'cmp' && OPEN_CONDITIONS.has(a.op))) return null;
  if (writesDecimal(claim.lhs) || writesDecimal(claim.rhs)) return null;
  let residual: ReturnType<typeof rationalOf>;
  let left: ReturnType<typeof rationalOf>;
  let right: ReturnType<typeof rationalOf>;
  try {
    left = rationalOf(claim.lhs, claim);
    right = left && rationalOf(claim.rhs, claim);
    residual = left && right ? left.sub(right) : null;
  } catch (e) {
    if (e instanceof TooManyTerms) return null;
    throw e;
  }
  if (!left || !right || !residual || residual.isZero()) return null;
  // Between numbers alone, exact arithmetic has already decided (claim/exactly.ts).
  if (left.isConstant() && right.isConstant()) return null;
  for (const at of verified.verifiedAt) {
    if (!onInfiniteSets(claim, at)) return null;
    const exact = exactValues(at);
    const numeric = numericValues(at);
    if (!exact || !numeric) continue;
    // The exact reading must be the one the evaluator made: the same sides at this sample.
    const l = left.evaluate((n) => numeric.get(n));
    const r = right.evaluate((n) => numeric.get(n));
    if (l === null || r === null || !agrees(l, at.left) || !agrees(r, at.right)) return null;
    const apart = residual.evaluateExactly((n) => exact.get(n));
    if (!apart || apart.isZero()) continue;
    const where = at.inputs.map(({ name, value }) => `${display(name)} = ${value.data[0]}`).join(', ');
    const text = residual.format(display);
    const shown = text.length <= 120 ? ` (left − right = ${text})` : '';
    return {
      verdict: 'refuted',
      code: 'refuted',
      message:
        `refuted: the sides differ by ${formatNumber(apart.toNumber(), 3)} at ${where}, below the ` +
        `rounding of the numeric comparison but not 0 in exact arithmetic${shown}; if the equality is ` +
        'meant up to a negligible term, write \\approx',
      details: [`left − right = ${text}`, `exact difference at ${where}: ${apart.toNumber()}`],
      trials: verified.trials,
      maxError: verified.maxError,
    };
  }
  return null;
}

function writesDecimal(n: Node): boolean {
  return someNode(n, (x) => x.kind === 'num' && /[.eE]/.test(x.text));
}

/** Every sampled name is a scalar over an infinite set of numbers. */
function onInfiniteSets(claim: Claim, at: Sample): boolean {
  return at.inputs.every(({ name, value }) => {
    if (value.size !== 1) return false;
    const entry = claim.env.lookup(name, claim.block);
    if (entry?.kind !== 'decl' || !INFINITE_SETS.has(entry.spec.set)) return false;
    const { lo, hi } = entry.spec;
    return entry.spec.set !== 'interval' || lo === undefined || hi === undefined || lo < hi;
  });
}

function exactValues(at: Sample): Map<string, Rational> | null {
  const out = new Map<string, Rational>();
  for (const { name, value } of at.inputs) {
    if (!Number.isFinite(value.data[0])) return null;
    out.set(name, Rational.fromDouble(value.data[0]));
  }
  return out;
}

function numericValues(at: Sample): Map<string, number> | null {
  const out = new Map<string, number>();
  for (const { name, value } of at.inputs) out.set(name, value.data[0]);
  return out;
}

function agrees(x: number, side: Tensor): boolean {
  if (side.size !== 1) return false;
  const y = side.data[0];
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}

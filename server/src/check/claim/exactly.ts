// Claims between numbers decided exactly, in rational arithmetic, before any trial.
import type { Claim } from '../../model/types';
import type { Outcome } from '../claim';
import { exactValue } from '../exact';
import { Rational } from '../../engine';
import { formatNumber, formatRational } from '../format';
import { RELATION_TEXT } from './generic';
import { uncheckedOutcome } from './outcomes';

export function decideExactly(claim: Claim): Outcome | null {
  const a = exactValue(claim.lhs);
  if (!a) return null;
  const b = exactValue(claim.rhs);
  if (!b) return null;
  const c = a.compare(b);
  // ≈ between exact numbers: within 1% (integers state no precision of their own).
  const diff = a.sub(b).abs();
  const bigger = a.abs().compare(b.abs()) >= 0 ? a.abs() : b.abs();
  const withinPercent = diff.mul(Rational.fromInteger(100)).compare(bigger) <= 0;
  const holds: Record<string, boolean | undefined> = {
    '=': c === 0,
    '\\approx': withinPercent,
    '\\neq': c !== 0,
    '<': c < 0,
    '>': c > 0,
    '\\le': c <= 0,
    '\\ge': c >= 0,
  };
  const ok = holds[claim.op];
  if (ok === undefined) return null;
  const left = formatRational(a);
  const right = formatRational(b);
  // Huge numbers print as magnitudes: show by how much they differ when that hides it.
  const apart = left === right && c !== 0 ? [`difference = ${formatRational(a.sub(b))}`] : [];
  // Exact, so that huge numbers (beyond doubles) still give a relative difference.
  const rel = c === 0 ? 0 : diff.div(bigger).toNumber();
  if (ok && claim.op === '\\approx' && c !== 0) {
    return {
      verdict: 'verified',
      code: 'verified',
      message:
        `verified: approximately equal (within 1%), ${left} and ${right} differ by ` +
        `${formatNumber(rel * 100, 2)}% (exact arithmetic)`,
      details: [`left = ${left}`, `right = ${right}`],
      trials: 1,
      maxError: rel,
    };
  }
  if (ok)
    return {
      verdict: 'verified',
      code: 'verified',
      message: `verified exactly: ${left} ${RELATION_TEXT[claim.op] ?? claim.op} ${right}`,
      details: [`left = ${left}`, `right = ${right}`],
      trials: 1,
      maxError: 0,
    };
  if (claim.op === '\\approx') {
    // An approximation without stated precision is confirmed or left open, never refuted.
    return uncheckedOutcome(
      `unchecked: ≈ holds only to ${formatNumber(rel * 100, 3)}% (exact arithmetic); ` +
        `state the precision with a rounded decimal, or use =`,
      { details: [`left = ${left}`, `right = ${right}`], trials: 1, maxError: rel },
    );
  }
  return {
    verdict: 'refuted',
    code: 'refuted',
    message:
      claim.op === '='
        ? `refuted: left is ${left}, right is ${right} (exact ` +
          `arithmetic${apart.length ? `; they differ by ${formatRational(a.sub(b))}` : ''})`
        : `refuted: ${left} ${RELATION_TEXT[claim.op]} ${right} is false`,
    details: [`left = ${left}`, `right = ${right}`, ...apart],
    trials: 1,
    maxError: rel,
  };
}

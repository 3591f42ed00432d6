// High precision: a close call evaluated again with more digits, and the notes on estimated values
// (quadrature, Monte Carlo) with their tolerance.
import type Decimal from 'decimal.js';
import type { NumericMethod, Trial } from '../trial';
import type { HighPrecisionOutcome, TrialResult } from './results';
import { DecimalLost, decimalSides, NoDecimal } from '../decimal';
import { Resample, Unsupported } from '../errors';
import { formatDecimal, formatNumber } from '../format';
import type { Runner } from '../claim';
import { DEFAULT_SETTINGS } from '../../model/build';
import { SHIFTS } from '../quasiRandom';
import { MAX_ROUNDED_ENTRIES } from './rounding';

/** How many times a numeric method's estimated error a difference may be and still not refute. */
export const ESTIMATE_SAFETY = 10;
/**
 * The same for a standard error of randomly shifted points: five, as for Monte Carlo draws (a
 * quadrature's error estimate is rough, a standard error of ten shifts is not).
 */
const STANDARD_ERRORS_ALLOWED = 5;

/** How many times a method's estimated error a difference may be and still not refute. */
export function estimateSafety(method: NumericMethod): number {
  return method === 'shifted' ? STANDARD_ERRORS_ALLOWED : ESTIMATE_SAFETY;
}

const METHOD_NAMES: Record<NumericMethod, string> = {
  quadrature: 'integrals by adaptive quadrature',
  differences: 'derivatives by differences (of exact first derivatives, or of expectations by quadrature)',
  density: 'expectations by quadrature against the density',
  limit: 'limits from values approaching the point',
  shifted: `expectations over ${SHIFTS} random shifts of quasi-random points, standard error`,
};

/** Says which values were computed numerically, and how far off they may be. */
export function estimateNotes(results: TrialResult[]): string[] {
  const notes: string[] = [];
  for (const method of Object.keys(METHOD_NAMES) as NumericMethod[]) {
    let relative = 0;
    let absolute = 0;
    let met = false;
    for (const r of results) {
      const q = r.trial.estimates.get(method);
      if (!q) continue;
      met = true;
      relative = Math.max(relative, q.relative);
      absolute = Math.max(absolute, q.absolute);
    }
    if (!met) continue;
    const parts = [
      ...(relative > 0 ? [`relative ${formatNumber(relative, 2)}`] : []),
      ...(absolute > 0 ? [`absolute ${formatNumber(absolute, 2)}`] : []),
    ];
    // A standard error is named as one; the other methods' errors are estimates.
    const what = method === 'shifted' ? '' : ', estimated error';
    notes.push(`${METHOD_NAMES[method]}${what} ${parts.length ? parts.join(', ') : '0'}`);
  }
  return notes;
}

/**
 * The numeric method whose estimated error makes most of the comparison's margin at this trial, and
 * that margin, or null when rounding at the tolerance is the larger part: an undecided sample then
 * blames the estimate (a probability narrower than the quadrature's grid), not double precision.
 */
export function dominantEstimate(trial: Trial, tolerance: number): { method: string; margin: number } | null {
  let best: { method: string; margin: number } | null = null;
  for (const [method, q] of trial.estimates) {
    const margin = estimateSafety(method) * (q.relative * trial.scale + q.absolute);
    if (margin > (best?.margin ?? tolerance * trial.scale)) best = { method: METHOD_NAMES[method], margin };
  }
  return best;
}

/** The tolerance no directive changed: it only absorbs double rounding. */
const DEFAULT_TOLERANCE = DEFAULT_SETTINGS.tolerance;

function Decimal_max(a: Decimal, b: Decimal): Decimal {
  return a.gt(b) ? a : b;
}

/** The claim at this trial's sample in 40 and 80 digits (more when a term is lost), or null when it cannot
 * be. */
export function highPrecision(
  r: Runner,
  trial: Trial,
  doubles: { left: number; right: number } | null = null,
): HighPrecisionOutcome | null {
  if (r.cenv.free.length > 0) return null;
  let why = '';
  for (const [p1, p2] of [
    [40, 80],
    [80, 160],
  ]) {
    let a: ReturnType<typeof decimalSides>;
    let b: ReturnType<typeof decimalSides>;
    try {
      a = decimalSides(r.claim, trial, p1, r.deadline);
      b = decimalSides(r.claim, trial, p2, r.deadline);
    } catch (err) {
      if (err instanceof DecimalLost) {
        why = err.message;
        continue;
      }
      if (err instanceof NoDecimal || err instanceof Resample || err instanceof Unsupported) return null;
      throw err;
    }
    const lN = b.left.isNaN(),
      rN = b.right.isNaN();
    if (lN || rN) {
      if (lN && rN) return { kind: 'undefined', side: 'both', why: 'both sides undefined', other: '' };
      return {
        kind: 'undefined',
        side: lN ? 'left' : 'right',
        why: 'it is undefined in exact arithmetic',
        other: formatDecimal(lN ? b.right : b.left, 6),
      };
    }
    // Digits that change with the precision carried are not digits of the value (tan π/2).
    const Dc = b.D;
    const stableFloor = b.scale.times(new Dc(10).pow(-(p1 - 15)));
    const stable = (x: Decimal, y: Decimal) =>
      x
        .minus(y)
        .abs()
        .lte(Decimal_max(stableFloor, y.abs().times(new Dc(10).pow(-(p1 - 15)))));
    if (!stable(a.left, b.left) || !stable(a.right, b.right)) {
      const which = !stable(a.left, b.left)
        ? (['left', a.left, b.left] as const)
        : (['right', a.right, b.right] as const);
      return {
        kind: 'lost',
        why:
          `the ${which[0]} side changes with the precision carried ` +
          `(${formatDecimal(which[1], 4)} with ${p1} digits, ${formatDecimal(which[2], 4)} with ` +
          `${p2}); it is not a well-defined number here`,
      };
    }
    if (doubles) {
      const near = (x: Decimal, y: number) =>
        Math.abs(x.toNumber() - y) <= 1e-9 * Math.max(Math.abs(y), b.scale.toNumber(), 1e-300);
      if (!near(b.left, doubles.left) || !near(b.right, doubles.right)) return null;
    }
    const d = b.left.minus(b.right).abs();
    const m = Decimal_max(b.left.abs(), b.right.abs());
    // The absolute error of a sum scales with its largest term, but a function after the sum
    // shrinks it: log(e^{1000} + e^{999}) carries an error near 10^{-77}, not 10^{374}. What the
    // value moved between the two precisions bounds what the lower one got wrong, and so, with
    // room to spare, what the higher one did: the scale's floor is capped by it.
    const moved = Decimal_max(a.left.minus(b.left).abs(), a.right.minus(b.right).abs()).times(10);
    const scaleFloor = b.scale.times(new Dc(10).pow(-(p2 - 20)));
    const floor = scaleFloor.lt(moved) ? scaleFloor : moved;
    const tol = highPrecisionTolerance(r, p2);
    const equal = d.lte(floor) || d.lte(m.times(tol));
    const rel = m.isZero() || d.lte(floor) ? 0 : d.div(m).toNumber();
    let fits: boolean | null = null;
    if (!equal && r.literals.length > 0 && r.literals.length <= MAX_ROUNDED_ENTRIES)
      fits = r.decimalFits(trial, p2);
    return {
      kind: 'value',
      value: { left: b.left, right: b.right, digits: p2, equal, rel, fits, required: false },
    };
  }
  return { kind: 'lost', why: why || 'higher precision could not carry the value' };
}

/**
 * The default tolerance absorbs double rounding only: with `digits` carried, any difference above
 * the last 20 of them is real (`a + 10^{-20} a = a` is refuted, as is `a + 10^{-30} a = a`).
 * A tolerance the author set is theirs in any precision.
 */
export function highPrecisionTolerance(r: Runner, digits: number): number {
  return r.tolerance === DEFAULT_TOLERANCE ? 10 ** -(digits - 20) : r.tolerance;
}

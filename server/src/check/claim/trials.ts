// One trial: both sides evaluated at a sample (over the indices of an index claim), classified, and
// the sample a hover shows.
import type { Outcome, Runner } from '../claim';
import type { SideValues, TrialResult } from './results';
import { finite, samplesOf, zeros } from './values';
import type { Trial } from '../trial';
import type { SampleValue } from '../result';
import * as V from '../values';
import { Tensor } from '../../engine';
import { formatNumber, formatShort } from '../format';
import type { Fn } from '../evaluate';
import type { Node } from '../../math/tree';
import { Resample } from '../errors';
import { EPSILON, NOISE_RATIO, type PrecisionLog } from '../precision';
import { isConstantFormula, walk } from '../../model/names';

/**
 * A hover shows the sample the message names (the counterexample's trial and index values);
 * for a verified claim, a sample where it is not trivially true (no all-zero sub-expression,
 * such as a mask that is all off) when one of the trials has one.
 */
export function withHoverSample(runner: Runner, out: Outcome, results: TrialResult[]): Outcome {
  if (!runner.options.collectSamples) return out;
  if (out.shown) return { ...out, sample: recordAt(runner, out.shown) ?? out.sample };
  if (out.verdict !== 'verified' || !out.sample || zeros(out.sample) === 0) return out;
  let best = out.sample;
  let bestZeros = zeros(best);
  const tried = new Set<Trial>([results[0].trial]);
  for (const r of results) {
    if (tried.has(r.trial) || tried.size >= 10) continue;
    tried.add(r.trial);
    const s = recordAt(runner, r);
    if (s && zeros(s) < bestZeros) {
      best = s;
      bestZeros = zeros(s);
      if (bestZeros === 0) break;
    }
  }
  return { ...out, sample: best };
}

/** Sub-expression values at one result's sample (its trial, its index values). */
export function recordAt(runner: Runner, r: TrialResult): SampleValue[] | undefined {
  const t = r.trial;
  t.recorder = new Map();
  V.setAdContext(t.ad);
  try {
    for (const [name, v] of r.index) t.bind(name, v);
    try {
      t.clearMemo();
      runner.lhs(t);
      runner.rhs(t);
    } finally {
      for (const name of r.index.keys()) t.unbind(name);
    }
    return samplesOf(t.recorder, runner.claim.start, runner.claim.end);
  } catch {
    return undefined;
  } finally {
    t.recorder = null;
    t.clearMemo();
  }
}

/**
 * Why a sample decides nothing: the sides met only within the comparison's absolute floor (the
 * tolerance times the scale of the values, there for rounding noise), and a side is a written
 * nonzero constant no larger than that floor, so the claim is about magnitudes the doubles'
 * comparison cannot resolve. It may be a counterexample: no verification rests on the others.
 */
export const FLOOR_HIDES_CONSTANT =
  'the sides differ by less than the comparison resolves at the scale of the values, and the ' +
  'written constant lies within that margin; higher precision could not re-check it';

const writtenSides = new WeakMap<Runner, { left: boolean; right: boolean }>();

/** Which sides of the claim are written constants (`10^{-9}`, `\frac{\pi}{4}`), worked out once. */
function writtenConstantSides(r: Runner): { left: boolean; right: boolean } {
  let sides = writtenSides.get(r);
  if (!sides) {
    sides = { left: writtenConstant(r, r.claim.lhs), right: writtenConstant(r, r.claim.rhs) };
    writtenSides.set(r, sides);
  }
  return sides;
}

/** Numbers and constants alone, none of them a name the document gives a meaning (`e` a residual). */
export function writtenConstant(r: Runner, side: Node): boolean {
  if (!isConstantFormula(side)) return false;
  let given = false;
  walk(side, (x) => {
    if (x.kind === 'sym' && r.claim.env.lookup(x.name, r.claim.block)) given = true;
  });
  return !given;
}

/** Sorts one trial's values into the runner's lists; false when the trial says nothing (both sides
 * undefined). */
export function classify(r: Runner, trial: Trial, perIndex: SideValues[], results: TrialResult[]): boolean {
  const lost = trial.precision.lost;
  // The second look of an equation on more of its pieces (pieces.ts) reaches magnitudes where
  // doubles lose digits (a series that cancels, a density that underflows to 0 and then has no
  // logarithm): such a trial, or a side undefined there, is no evidence either way.
  const onPieces = r.claim.settings.widened === true && r.claim.op === '=';
  if (onPieces && (lost || trial.precision.cancelled)) return false;
  // Without a decimal re-check, a term below the tolerance is what the tolerance allows; it
  // matters when a later difference exposes it ((e^{30} I + A) − e^{30} I), or when the value
  // left the double range.
  const { overflow, underflow, absorbed, cancelled } = trial.precision;
  const unrecoverable =
    overflow ??
    underflow ??
    (absorbed && cancelled ? `${absorbed}, and a later difference exposes it` : null);
  const scalar = r.cenv.free.length === 0;
  let fails = false;
  let byFloor = false;
  let floorHidesConstant = false;
  const constants = writtenConstantSides(r);
  for (const p of perIndex) {
    if (!(p.left instanceof Tensor && p.right instanceof Tensor)) continue;
    const c = r.compare({ left: p.left, right: p.right, trial, index: p.index }, 0);
    if (!c.ok) fails = true;
    else if (c.byFloor) {
      byFloor = true;
      if ((constants.left && c.floorLeftNonzero) || (constants.right && c.floorRightNonzero))
        floorHidesConstant = true;
    }
  }
  // A failing comparison of numbers may be rounding after cancellation (sin π = 0), and one that
  // holds only by the absolute floor may be a small true value (x · 10^{-30} against 0): confirm
  // either, a few times per claim; a lost value must be re-checked every time, and so must a
  // written constant the floor swallows (`\beta^t \ge 10^{-9}` at β^t = 10^{-30}).
  const confirm =
    scalar &&
    !trial.monteCarlo &&
    ((fails && r.highPrecisionDiffers < 3) ||
      (!fails && byFloor && (r.floorConfirmed < 3 || floorHidesConstant)));
  if (lost || confirm) {
    // With nothing lost, the doubles are good approximations: decimals that disagree with them
    // would be another reading of the notation, not more digits of the same value.
    const first = perIndex[0];
    const doubles =
      !lost &&
      first &&
      first.left instanceof Tensor &&
      first.right instanceof Tensor &&
      first.left.size === 1 &&
      first.right.size === 1
        ? { left: first.left.data[0], right: first.right.data[0] }
        : null;
    const hp = r.highPrecision(trial, doubles);
    if (hp) {
      if (hp.kind === 'lost') {
        r.lostTrials.push({ trial, why: hp.why });
        return true;
      }
      if (hp.kind === 'undefined') {
        if (hp.side === 'both' || onPieces) {
          r.bothUndefined++;
          return false;
        }
        r.undefinedOnce.push({ trial, index: new Map(), side: hp.side, why: hp.why, other: hp.other });
        return true;
      }
      if (!hp.value.equal) r.highPrecisionDiffers++;
      else if (!fails) r.floorConfirmed++;
      results.push({
        left: Tensor.scalar(hp.value.left.toNumber()),
        right: Tensor.scalar(hp.value.right.toNumber()),
        trial,
        index: new Map(),
        hp: { ...hp.value, required: lost !== null },
      });
      return true;
    }
    if (floorHidesConstant) {
      r.lostTrials.push({ trial, why: FLOOR_HIDES_CONSTANT, undecided: true });
      return true;
    }
    if (unrecoverable) {
      r.lostTrials.push({ trial, why: unrecoverable });
      return true;
    }
    const rounding = fails && !hp ? cancellationExplains(perIndex, trial.precision) : null;
    if (rounding) {
      r.lostTrials.push({ trial, why: rounding });
      return true;
    }
    const { absorbed: hidden, absorbedRatio } = trial.precision;
    if (hidden && !fails && !agreeBeyond(perIndex, absorbedRatio)) {
      r.lostTrials.push({ trial, why: `${hidden}, and a comparison at the tolerance cannot see it` });
      return true;
    }
  }
  if (floorHidesConstant && !(lost || confirm)) {
    r.lostTrials.push({ trial, why: FLOOR_HIDES_CONSTANT, undecided: true });
    return true;
  }
  let counted = false;
  const op = r.claim.op;
  for (const p of perIndex) {
    if (p.left instanceof Tensor && p.right instanceof Tensor) {
      results.push({ left: p.left, right: p.right, trial, index: p.index });
      counted = true;
      continue;
    }
    // A derivative of what is undefined at the sample (`\nabla_X \log\det X` where det X < 0, `\frac{d}{dx}
    // \ln x` at x < 0) does not exist there: the claim is about the function's domain, and says
    // nothing at that sample, as an order relation with one side undefined.
    const undefinedSide = p.left instanceof Tensor ? r.claim.rhs : r.claim.lhs;
    if (
      (p.left instanceof Tensor || p.right instanceof Tensor) &&
      (op === '=' || op === '\\approx') &&
      !onPieces &&
      !isDerivative(undefinedSide)
    ) {
      const side = p.left instanceof Tensor ? 'right' : 'left';
      r.undefinedOnce.push({
        trial,
        index: p.index,
        side,
        why: (side === 'left' ? p.left : p.right) as string,
        other: formatShort((side === 'left' ? p.right : p.left) as Tensor, 4, 9),
      });
      counted = true;
      continue;
    }
    if (p.left instanceof Tensor || p.right instanceof Tensor) r.oneUndefinedSkipped++;
    else r.bothUndefined++;
  }
  return counted;
}

/**
 * A failing comparison of numbers that a cancellation explains, when no decimal re-check evaluates
 * the notation: the sides differ by no more than the rounding of a difference of terms of that
 * size (sec² x − tan² x near π/2 subtracts terms near 10⁸, whose last bits are 10⁻⁸). That is not a
 * counterexample; the trial is beyond double precision, as one that overflowed.
 */
function cancellationExplains(perIndex: SideValues[], precision: PrecisionLog): string | null {
  const scale = precision.cancelledSum;
  if (!precision.cancelled || !(scale > 0)) return null;
  let worst = 0;
  for (const p of perIndex) {
    if (!(p.left instanceof Tensor && p.right instanceof Tensor) || p.left.size !== 1 || p.right.size !== 1)
      return null;
    const d = Math.abs(p.left.data[0] - p.right.data[0]);
    if (!(d <= NOISE_RATIO * scale)) return null;
    worst = Math.max(worst, d);
  }
  return (
    `the sides differ by ${formatNumber(worst, 2)}, within the rounding of a difference of terms near ` +
    formatNumber(scale, 3)
  );
}

/** Evaluates both sides for every value of the claim's free indices; an undefined side is the reason it is
 * undefined. */
export function evaluateOverIndices(r: Runner, trial: Trial): SideValues[] {
  const free = r.cenv.free;
  const side = (f: Fn, n: Node): Tensor | string => {
    try {
      return finite(V.tensorOf(f(trial), n));
    } catch (err) {
      if (err instanceof Resample && err.reason === 'nan') return err.message;
      throw err;
    }
  };
  if (free.length === 0)
    return [{ left: side(r.lhs, r.claim.lhs), right: side(r.rhs, r.claim.rhs), index: new Map() }];
  const sizes = free.map((s) => trial.rangeOf(s.sources, s.name, r.claim.lhs));
  const out: SideValues[] = [];
  const idx = sizes.map(() => 1);
  const total = sizes.reduce((a, b) => a * b, 1);
  for (let k = 0; k < total; k++) {
    free.forEach((s, j) => trial.bind(s.name, idx[j]));
    try {
      if (r.indexConditions.every((c) => V.tensorOf(c(trial), r.claim.lhs).data.every((x) => x !== 0)))
        out.push({
          left: side(r.lhs, r.claim.lhs),
          right: side(r.rhs, r.claim.rhs),
          index: new Map(free.map((s, j) => [s.name, idx[j]])),
        });
    } finally {
      for (const s of free) trial.unbind(s.name);
    }
    for (let a = sizes.length - 1; a >= 0; a--) {
      if (idx[a] < sizes[a]) {
        idx[a]++;
        break;
      }
      idx[a] = 1;
    }
  }
  if (out.length === 0 && r.indexConditions.length > 0)
    throw new Resample('assumption', 'no index value meets the conditions the claim is stated under');
  return out;
}

/**
 * Without higher precision, a claim whose evaluation hid a term (`e^{30} A + A`) is judged only if
 * its sides agree far below that term, so that the term cannot be the difference the tolerance
 * let through; a term below the last few bits of doubles can never be judged so.
 */
function agreeBeyond(perIndex: SideValues[], hiddenRatio: number): boolean {
  if (!(hiddenRatio >= 1e3 * EPSILON)) return false;
  const tight = hiddenRatio / 10;
  for (const p of perIndex) {
    if (!(p.left instanceof Tensor && p.right instanceof Tensor)) continue;
    const a = p.left.data,
      b = p.right.data;
    let scale = 0;
    for (const x of a) scale = Math.max(scale, Math.abs(x));
    for (const y of b) scale = Math.max(scale, Math.abs(y));
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a.length === 1 ? a[0] : a[i];
      const y = b.length === 1 ? b[0] : b[i];
      if (!(Math.abs(x - y) <= tight * scale)) return false;
    }
  }
  return true;
}

/** A side that is a derivative (`\frac{d}{dx} f`, `\nabla_X f`, `f'(x)`). */
function isDerivative(side: Node): boolean {
  return side.kind === 'deriv' || side.kind === 'prime';
}

// The verdict from the trials: verified, refuted with a counterexample, or unchecked with why.
import { keyOfAtoms, pointAtoms } from '../../model/pointValues';
import { freeNames, isConstantFormula, walk } from '../../model/names';
import { familyKey, memberOf } from '../../model/recurrences';
import type Decimal from 'decimal.js';
import type { TrialResult } from './results';
import type { SampleValue } from '../result';
import type { Outcome, Runner } from '../claim';
import {
  inputSize,
  isNumericLiteralNode,
  isOrder,
  largestDifference,
  namesIn,
  normalizeShape,
  NOT_EVALUABLE,
  onlyNumbers,
  percent,
  sameShape,
  triedHigher,
} from './values';
import type { Tensor } from '../../engine';
import { displayName, RELATION_TEXT, snippet } from './generic';
import { isScientific } from '../../model/scientificQuotient';
import { describeShape, formatDecimal, formatNumber, formatShort } from '../format';
import { shapeDoubtMessage, shapeDoubts } from '../shapeDoubts';
import { entrywiseMessage } from '../readingsLog';
import { CUT_DERIVATIVE_MESSAGE, hasCutDerivative } from '../derivativeReach';
import { dominantEstimate, estimateNotes } from './precision';
import type { Node } from '../../math/tree';
import type { Claim } from '../../model/types';
import { type Literal, MAX_ROUNDED_ENTRIES } from './rounding';
import { uncheckedOutcome } from './outcomes';
import { printNode } from '../../math/print';
import { writtenConstant } from './trials';
import { tuplesAsRows } from './tupleRow';

/** The margin a Monte Carlo trial's estimate is allowed: five of its own standard errors. */
function monteCarloMargin(r: TrialResult): number {
  const mc = r.trial.monteCarlo;
  return mc ? 5 * mc.stdError : 0;
}

export const MONTE_CARLO_TRIALS = 3;

/** What an author can do about a claim over budget. */
export const SHRINK_ADVICE =
  'check it on smaller sizes or a shorter chain of definitions (an identity that holds at 1000×1000 ' +
  'holds at 5×5), or raise the budget (derivcheck.budgets.work in the editor, --work-budget on the ' +
  'command line)';

/** A suggested declaration is tried with this much work: hints must stay cheap. */
export const HINT_WORK_BUDGET = 2e6;

/**
 * The fewest trials a "verified" may rest on when the work budget cut the run short: one or two
 * lucky samples can hide an error. A counterexample refutes whatever the count.
 */
export const MIN_VERIFYING_TRIALS = 5;

/** What the steps of a verdict read: the trials' results and what comparing them found. */
interface Judging {
  runner: Runner;
  results: TrialResult[];
  sample: SampleValue[] | undefined;
  /** Distinct trials run, those left undefined or beyond double precision included. */
  trialsRun: number;
  /** The Monte Carlo estimate the trials used, if any. */
  mc: TrialResult['trial']['monteCarlo'] | null;
  /** The note a verdict's head carries for a Monte Carlo estimate ('' otherwise). */
  how: string;
  /** The results that failed the comparison, none when an excuse let them pass. */
  failing: TrialResult[];
  maxError: number;
  /** What let the failing samples pass (the rounding of a decimal, ≈ within 1%), or null. */
  passed: string | null;
}

/**
 * The verdict, in the order a careful reader decides it: shapes first; then a reading or a cut
 * derivative that makes a failure meaningless; then verified when nothing failed; then the reasons
 * a failure is no refutation; last, the refutation with its smallest counterexample.
 */
export function judge(runner: Runner, written: TrialResult[], sample: SampleValue[] | undefined): Outcome {
  const results = tuplesAsRows(runner.claim.lhs, runner.claim.rhs, written);
  const trialsRun = countTrials(runner, results);
  const shapes = judgeShapes(runner, results, trialsRun, sample);
  if (shapes) return shapes;
  const j = compareTrials(runner, results, trialsRun, sample);
  return (
    entrywiseReadingFailed(j) ??
    cutDerivativeFailed(j) ??
    (j.failing.length === 0 ? nothingFailed(j) : null) ??
    approximationWithoutPrecision(j) ??
    derivativeWithoutDependence(j) ??
    failureUnderAnotherReading(j) ??
    refutation(j)
  );
}

/** Distinct trials run, counting those left undefined or beyond double precision. */
function countTrials(runner: Runner, results: TrialResult[]): number {
  return new Set([
    ...results.map((r) => r.trial),
    ...runner.undefinedOnce.map((u) => u.trial),
    ...runner.lostTrials.map((l) => l.trial),
  ]).size;
}

/** Whether the two sides of a result have shapes that no reading reconciles. */
function shapesDiffer(r: TrialResult, op: Runner['claim']['op']): boolean {
  const a = normalizeShape(r.left.shape);
  const b = normalizeShape(r.right.shape);
  const zeroSide = (t: Tensor) => t.size === 1 && t.data[0] === 0;
  // A literal 0 stands for the zero vector or matrix; any other shape difference refutes.
  return (
    !sameShape(a, b) &&
    !(a.length === 0 && zeroSide(r.left)) &&
    !(b.length === 0 && zeroSide(r.right)) &&
    !(isOrder(op) && (a.length === 0 || b.length === 0))
  );
}

/**
 * Shapes first: a gradient laid out transposed is wrong whatever its numbers. A name defined
 * earlier with another shape, or a shape the declarations leave in doubt, leaves it unchecked.
 */
function judgeShapes(
  runner: Runner,
  results: TrialResult[],
  trialsRun: number,
  sample: SampleValue[] | undefined,
): Outcome | null {
  const r = results.find((x) => shapesDiffer(x, runner.claim.op));
  if (!r) return null;
  const sides = [`left = ${formatShort(r.left)}`, `right = ${formatShort(r.right)}`];
  const lhs = runner.claim.lhs;
  const redefined =
    lhs.kind === 'sym' && runner.claim.env.lookup(lhs.name, runner.claim.block)?.kind === 'def';
  if (redefined) {
    // `y = …` with y defined earlier as something of another shape reads as a new definition.
    return uncheckedOutcome(
      `unchecked: ${displayName((lhs as { name: string }).name)} was defined ` +
        `earlier as a ${describeShape(r.left.shape)}, the right side is a ` +
        `${describeShape(r.right.shape)}; if this defines it anew, write :=`,
      { details: sides, trials: trialsRun, maxError: 1, sample },
    );
  }
  const worded = [lhs, runner.claim.rhs].find(
    (side) =>
      side.kind === 'sym' &&
      runner.claim.env.lookup(side.name, runner.claim.block)?.kind === 'decl' &&
      (runner.claim.env.lookup(side.name, runner.claim.block) as { shapeFromIs?: boolean }).shapeFromIs,
  );
  if (worded && (r.left.shape.length === 0 || r.right.shape.length === 0))
    // "The number of weights $P$ is $n \times m$, and $P = nm$": the words gave a value, not a shape.
    return uncheckedOutcome(
      `unchecked: ${displayName((worded as { name: string }).name)} took the shape of a matrix from words ` +
        `("is" before a size), and here it equals a number; if the words gave its value (a count), ` +
        `write it as a product (n m) or declare the matrix (\\in \\mathbb{R}^{n \\times m})`,
      { details: sides, trials: trialsRun, maxError: 1, sample },
    );
  const lawShaped = orientationFromLaw(runner, r);
  if (lawShaped)
    return uncheckedOutcome(
      `unchecked: the sides differ only as a row and a column (left is a ` +
        `${describeShape(r.left.shape)}, right is a ${describeShape(r.right.shape)}), and ` +
        `${displayName(lawShaped)} takes its shape from its law, a vector of the covariance's size ` +
        `that is neither a row nor a column; declare it (${displayName(lawShaped)} \\in ` +
        `\\mathbb{R}^{1 \\times d} or \\mathbb{R}^{d}) to have the claim checked`,
      { details: sides, trials: trialsRun, maxError: 1, sample },
    );
  const parts = partsOfOpenLength(runner.claim);
  if (parts)
    return uncheckedOutcome(
      `unchecked: ${displayName(parts.name)} is declared with ${parts.size} entries, a size the text ` +
        `leaves open, and the other side lists ${parts.count} parts; if they are blocks of ` +
        `${displayName(parts.name)}, declare them (\\in \\mathbb{R}^{p}), and if they are its entries, ` +
        `give ${parts.size} its value`,
      { details: sides, trials: trialsRun, maxError: 1, sample },
    );
  const doubts = shapeDoubts(runner.claim);
  if (doubts.length > 0)
    return uncheckedOutcome(
      shapeDoubtMessage(
        `left is a ${describeShape(r.left.shape)}, right is a ${describeShape(r.right.shape)}`,
        doubts,
      ),
      { details: sides, trials: trialsRun, maxError: 1, sample },
    );
  return {
    verdict: 'refuted',
    code: 'refuted',
    message:
      `refuted: the sides have different shapes — left is a ` +
      `${describeShape(r.left.shape)}, right is a ${describeShape(r.right.shape)}`,
    details: [...runner.sampleLines(r), ...sides],
    trials: trialsRun,
    maxError: 1,
    sample,
    pairs: results,
    shown: r,
  };
}

/**
 * "split it as $x = (x_1, x_2)$" for an $x \in \mathbb{R}^n$: a declared vector set equal to a
 * tuple of its own parts (`x_1`, `x_2` under its letter) says how x is cut, into entries or blocks,
 * not that its length, a size the text leaves open, is the count of the list. The sampled length
 * says nothing against it.
 */
function partsOfOpenLength(claim: Claim): { name: string; size: string; count: number } | null {
  const [vector, tuple] = claim.lhs.kind === 'sym' ? [claim.lhs, claim.rhs] : [claim.rhs, claim.lhs];
  if (vector.kind !== 'sym' || tuple.kind !== 'group' || tuple.items.length < 2) return null;
  const entry = claim.env.lookup(vector.name, claim.block);
  if (entry?.kind !== 'decl' || entry.spec.shape.length !== 1) return null;
  const size = entry.spec.shape[0];
  if (size.kind !== 'sym') return null;
  const own = tuple.items.every(
    (item) => item.kind === 'sym' && item.sub !== null && item.stem === vector.name,
  );
  return own ? { name: vector.name, size: size.name, count: tuple.items.length } : null;
}

/**
 * `\tilde x - x = \sigma \epsilon` with x a row and ε ∼ N(0, I_d): a vector drawn from a law has
 * no orientation of its own, so sides that differ only as a row and a column of one length say
 * nothing against the claim. The name of such a random variable the claim uses, or null.
 */
function orientationFromLaw(runner: Runner, r: TrialResult): string | null {
  const a = normalizeShape(r.left.shape);
  const b = normalizeShape(r.right.shape);
  const vector = (x: number[]) => x.length === 1;
  const line = (x: number[], n: number) =>
    x.length === 2 && ((x[0] === 1 && x[1] === n) || (x[1] === 1 && x[0] === n));
  const only = (vector(a) && line(b, a[0])) || (vector(b) && line(a, b[0]));
  if (!only) return null;
  let found: string | null = null;
  for (const side of [runner.claim.lhs, runner.claim.rhs])
    walk(side, (x) => {
      if (found || x.kind !== 'sym') return;
      const e = runner.claim.env.lookup(x.name, runner.claim.block);
      if (e?.kind === 'random' && !e.pattern) found = x.name;
    });
  return found;
}

/** Every result compared within its tolerance, and the failures a stated precision excuses. */
function compareTrials(
  runner: Runner,
  results: TrialResult[],
  trialsRun: number,
  sample: SampleValue[] | undefined,
): Judging {
  const mc = results.find((r) => r.trial.monteCarlo)?.trial.monteCarlo ?? null;
  let maxError = 0;
  let failing: TrialResult[] = [];
  for (const r of results) {
    // Each trial's estimate has its own error (its sampled parameters set the spread).
    const { ok, err } = runner.compare(r, monteCarloMargin(r));
    maxError = Math.max(maxError, err);
    if (!ok) failing.push(r);
  }
  const how = mc ? ` (Monte Carlo, ${mc.samples} samples per trial, 5σ)` : '';
  const passed = failing.length > 0 ? statedPrecisionExcuses(runner, failing, maxError, mc !== null) : null;
  if (passed) failing = [];
  return { runner, results, sample, trialsRun, mc, how, failing, maxError, passed };
}

/** A decimal written in a side that is one number (`0.397`, `-1.2 \times 10^{-3}`): a stated result. */
function inWrittenResult(claim: Claim, literal: Literal): boolean {
  const oneNumber = (n: Node) => isNumericLiteralNode(n) || isScientific(n.kind === 'neg' ? n.operand : n);
  return [claim.lhs, claim.rhs].some(
    (side) => oneNumber(side) && literal.node.start >= side.start && literal.node.end <= side.end,
  );
}

/** What lets failing samples pass: the rounding of the author's result, or ≈ within 1%. */
function statedPrecisionExcuses(
  runner: Runner,
  failing: TrialResult[],
  maxError: number,
  monteCarlo: boolean,
): string | null {
  const op = runner.claim.op;
  const digitsStated =
    (op === '=' || op === '\\approx') &&
    runner.literals.length > 0 &&
    runner.literals.length <= MAX_ROUNDED_ENTRIES &&
    !monteCarlo;
  const written = runner.literals
    .map((l) =>
      l.carried
        ? `${l.node.text} (±${Number(l.half.toPrecision(2))}, from the rounded numbers it was computed from)`
        : l.node.text,
    )
    .join(', ');
  if (digitsStated && failing.every((r) => runner.fitsWithinRounding(r)))
    return `within the rounding of ${written}`;
  // `\pi \approx 3.15`, `0.3984… \approx 0.397`: a decimal states its digits, rounded or cut off; one
  // that is neither is wrong in them, however close (within 1% was verified before). A decimal the
  // computation uses (`1 \times 8.314 \times 300 \approx 2494`) states no digits of the result: a
  // whole number after ≈ is held to 1%.
  if (digitsStated && op === '\\approx' && runner.literals.some((l) => inWrittenResult(runner.claim, l)))
    return failing.every((r) => runner.fitsWithinRounding(r, true))
      ? `within the truncation of ${written}`
      : null;
  if (op === '\\approx' && maxError <= 0.01) return 'approximately equal (within 1%)';
  return null;
}

/** `\ln S` of a square matrix: the entrywise reading failed; the matrix function is not evaluated. */
function entrywiseReadingFailed(j: Judging): Outcome | null {
  const entrywise = [...j.failing, ...j.runner.undefinedOnce].find((r) => r.trial.readings.entrywiseOfSquare)
    ?.trial.readings.entrywiseOfSquare;
  if (!entrywise) return null;
  return uncheckedOutcome(entrywiseMessage(entrywise), {
    details: [],
    trials: j.trialsRun,
    maxError: j.maxError,
    sample: j.sample,
  });
}

/** A derivative cut short by a definition it does not reach through: a failure proves nothing. */
function cutDerivativeFailed(j: Judging): Outcome | null {
  if (j.failing.length === 0 || !hasCutDerivative(j.runner.claim)) return null;
  return uncheckedOutcome(CUT_DERIVATIVE_MESSAGE, {
    details: [...j.runner.sampleLines(j.failing[0]), ...j.runner.valueLines(j.failing[0])],
    trials: j.trialsRun,
    maxError: j.maxError,
    sample: j.sample,
  });
}

/**
 * No sample failed: verified, unless a side was undefined at a sample (a counterexample of its
 * own) or the values were beyond double precision somewhere.
 */
function nothingFailed(j: Judging): Outcome {
  const { runner, trialsRun, maxError, sample } = j;
  if (runner.undefinedOnce.length > 0) {
    const convention = runner.conventionByLimit();
    if (convention) return uncheckedOutcome(convention, { details: [], trials: trialsRun, maxError, sample });
    return runner.undefinedCounterexample(trialsRun, maxError, sample);
  }
  const lost = new Set(runner.lostTrials.map((l) => l.trial)).size;
  const undecided = new Set(runner.lostTrials.filter((l) => l.undecided).map((l) => l.trial)).size;
  if (undecided > 0) {
    // Those samples may be counterexamples: the others cannot verify the claim.
    const constant = [runner.claim.lhs, runner.claim.rhs].find((side) => writtenConstant(runner, side));
    const what = constant ? snippet(printNode(constant)) : 'the constant';
    const first = runner.lostTrials.find((l) => l.undecided)!.trial;
    const estimate = dominantEstimate(first, runner.tolerance);
    return {
      ...uncheckedOutcome(
        estimate
          ? `unchecked: at ${undecided} of ${trialsRun} samples the sides differ by less than ` +
              `the estimated error of the ${estimate.method} (±${formatNumber(estimate.margin, 2)}), and ` +
              `${what} lies within that margin: the estimate cannot tell it from 0. State the ` +
              `value on a scale the estimate resolves (a wider event or interval), or check it ` +
              `by hand`
          : `unchecked: at ${undecided} of ${trialsRun} samples the sides differ by less than a ` +
              `comparison in double precision resolves at the scale of the values, and ${what} lies ` +
              `within that margin; higher precision could not re-check them. Compare quantities of ` +
              `a similar size (the logarithms of both sides), or lower the tolerance (a statement ` +
              `such as tolerance 1e-15)`,
        {
          details: [...runner.sampleLines({ trial: first, index: new Map() })],
          trials: trialsRun,
          maxError,
          sample,
        },
      ),
      undecided: true,
    };
  }
  if (lost > 0 && !fewLost(lost, trialsRun)) {
    const n = lost;
    return uncheckedOutcome(
      `unchecked: beyond double precision at ${n} of ${trialsRun} samples ` +
        `(${runner.lostTrials[0].why})${triedHigher(runner.lostTrials[0].why) ? '' : NOT_EVALUABLE}`,
      {
        details: [...runner.sampleLines({ trial: runner.lostTrials[0].trial, index: new Map() })],
        trials: trialsRun,
        maxError,
        sample,
      },
    );
  }
  return verified(j, lost);
}

/**
 * A few samples where a term hid below the tolerance are left out, like undefined ones: at the
 * others the comparison saw every term, and they decide. When many samples lose precision, the loss
 * is in the claim itself (e^{30} + 1), and no verdict rests on the rest.
 */
function fewLost(lost: number, trialsRun: number): boolean {
  return lost * 4 <= trialsRun && trialsRun - lost >= MIN_VERIFYING_TRIALS;
}

/** The verified outcome, with what it rests on. */
function verified(j: Judging, lost = 0): Outcome {
  const { runner, results, maxError, passed } = j;
  const trialsRun = j.trialsRun - lost;
  const notes = verificationNotes(j);
  if (lost > 0)
    notes.push(`beyond double precision at ${lost} other sample${lost === 1 ? '' : 's'}, left out`);
  const head =
    passed && !passed.startsWith('approx')
      ? `verified ${passed}`
      : passed
        ? `verified: ${passed}`
        : `verified${j.how}`;
  return {
    verdict: 'verified',
    code: 'verified',
    message:
      `${head}: ${trialsRun} trial${trialsRun === 1 ? '' : 's'}` +
      (results.length > trialsRun ? `, ${results.length} index values` : '') +
      `, largest relative difference ${largestDifference(maxError, passed?.startsWith('approx'))}` +
      `${notes.length ? ` (${notes.join('; ')})` : ''}`,
    details: [`tolerance: relative ${formatNumber(runner.tolerance, 2)}`, ...runner.valueLines(results[0])],
    trials: trialsRun,
    maxError,
    sample: j.sample,
    verifiedAt: results.map((r) => ({ inputs: r.trial.inputs, left: r.left, right: r.right })),
  };
}

/** What a verification rests on besides the trials: estimates, precision, samples left out. */
function verificationNotes({ runner, results }: Judging): string[] {
  const notes: string[] = [];
  notes.push(...estimateNotes(results));
  if (results.length === 1 && !results[0].trial.drew)
    notes.push('nothing is sampled, so one evaluation decides');
  const moving = results.find((r) => r.trial.implicitRate)?.trial.implicitRate;
  if (moving)
    notes.push(`${displayName(moving)} read as changing at any rate, as the claim differentiates it`);
  // Worth saying only where higher precision decided what doubles could not.
  const hp = results.filter((r) => r.hp?.equal).length;
  if (hp > 0)
    notes.push(
      `${hp} sample${hp === 1 ? '' : 's'} re-checked with ` +
        `${results.find((r) => r.hp)!.hp!.digits} digits`,
    );
  if (runner.bothUndefined > 0)
    notes.push(
      `both sides undefined at ${runner.bothUndefined} other ` +
        `sample${runner.bothUndefined === 1 ? '' : 's'}, left out`,
    );
  if (runner.oneUndefinedSkipped > 0)
    notes.push(
      `a side undefined at ${runner.oneUndefinedSkipped} other ` +
        `sample${runner.oneUndefinedSkipped === 1 ? '' : 's'}, left out`,
    );
  return notes;
}

/** An approximation without stated precision is confirmed or left open, never refuted. */
function approximationWithoutPrecision(j: Judging): Outcome | null {
  if (j.runner.claim.op !== '\\approx' || j.runner.literals.length > 0) return null;
  return uncheckedOutcome(
    `unchecked: ≈ holds only to ${percent(j.maxError)} at the sampled values; state the ` +
      `precision with a rounded decimal, or use =`,
    {
      details: j.runner.valueLines(j.results[0]),
      trials: j.trialsRun,
      maxError: j.maxError,
      sample: j.sample,
    },
  );
}

/** How the verdict below begins (claim.ts reads such a claim again through named parts). */
export const ZERO_DERIVATIVE = 'unchecked: a derivative here is 0 because nothing in it depends on';

/** What an unchecked failure shows: the first failing sample's values and the trials' figures. */
function failureEvidence(j: Judging): Pick<Outcome, 'details' | 'trials' | 'maxError' | 'sample'> {
  return {
    details: j.runner.valueLines(j.failing[0]),
    trials: j.trialsRun,
    maxError: j.maxError,
    sample: j.sample,
  };
}

/**
 * A derivative that is 0 because nothing in it depends on the variable through a definition: the
 * author likely means a dependence the document does not state.
 */
function derivativeWithoutDependence(j: Judging): Outcome | null {
  const moving = j.failing.find((f) => f.trial.implicitRate)?.trial.implicitRate;
  if (moving) {
    const name = displayName(moving);
    return uncheckedOutcome(
      `unchecked: it holds or fails by how ${name} changes, which the text does not say: the claim ` +
        `differentiates in a variable ${name} has no formula in (a constraint such as x^2 + y^2 = 100 ` +
        `is not one); write ${name} as a function of it to have this checked`,
      failureEvidence(j),
    );
  }
  const zero = j.failing.find((f) => f.trial.zeroDerivative)?.trial.zeroDerivative;
  if (!zero) return null;
  return uncheckedOutcome(
    `${ZERO_DERIVATIVE} ${displayName(zero)} through a definition; if it does, define that dependence`,
    failureEvidence(j),
  );
}

/** A failing relation that may not be a claim at all (see otherReading). */
function failureUnderAnotherReading(j: Judging): Outcome | null {
  const other = otherReading(j.runner);
  if (!other) return null;
  return uncheckedOutcome(`unchecked: ${other}`, failureEvidence(j));
}

/**
 * Refuted, shown at the smallest failing sample: fewest input entries, then the largest error.
 * Conditions were told apart from claims when the prose was read (model/prose.ts): an inequality
 * that reaches here is a claim, and a failing sample refutes it; prose that restates settings was
 * let go by the steps before, so only a claim that cannot be read another way is refuted.
 */
function refutation(j: Judging): Outcome {
  const { runner, failing, trialsRun, how } = j;
  const op = runner.claim.op;
  failing.sort((x, y) => inputSize(x.trial) - inputSize(y.trial));
  const ex = failing[0];
  const errEx = runner.compare(ex, monteCarloMargin(ex)).err;
  const where = runner.whereText(ex);
  // Values that doubles cannot tell apart are shown with the digits where they differ.
  const digits = ex.hp ? Math.min(40, Math.max(4, Math.ceil(-Math.log10(Math.max(errEx, 1e-40))) + 3)) : 0;
  const show = (t: Tensor, d: Decimal | undefined, n: number, m: number) =>
    d ? formatDecimal(d, Math.max(n, digits)) : formatShort(t, n, m);
  const exact =
    ex.hp && (ex.hp.required || errEx < 1e-6)
      ? ` (in ${ex.hp.digits}-digit ` +
        `arithmetic${errEx < 1e-12 ? '; doubles cannot tell the sides apart' : ''})`
      : '';
  const lead =
    op === '=' || op === '\\approx'
      ? `refuted${how}: sides differ by ${percent(errEx)}${exact}${where} — left ` +
        `${show(ex.left, ex.hp?.left, 3, 4)}, right ${show(ex.right, ex.hp?.right, 3, 4)}`
      : `refuted${how}: ${show(ex.left, ex.hp?.left, 3, 4)} ${RELATION_TEXT[op] ?? op} ` +
        `${show(ex.right, ex.hp?.right, 3, 4)} is false${exact}${where}`;
  return {
    verdict: 'refuted',
    code: 'refuted',
    message: lead,
    details: [
      `failed in ${new Set(failing.map((f) => f.trial)).size} of ${trialsRun} trials`,
      `left = ${show(ex.left, ex.hp?.left, 6, 16)}`,
      `right = ${show(ex.right, ex.hp?.right, 6, 16)}`,
      `relative error ${formatNumber(errEx, 3)} (tolerance ${formatNumber(runner.tolerance, 2)})`,
      ...runner.sampleLines(ex),
    ],
    trials: trialsRun,
    maxError: j.maxError,
    sample: j.sample,
    pairs: j.mc ? undefined : j.results,
    shown: ex,
    ...(new Set(failing.map((f) => f.trial)).size === new Set(j.results.map((r) => r.trial)).size
      ? { failedEverywhere: true as const }
      : {}),
  };
}

/**
 * Why a failing relation may not be a claim at all: `o = …` restating a formula that an
 * earlier `o = …` introduced (a new setting, as textbooks do from example to example).
 */
export function otherReading(r: Runner): string | null {
  const { lhs, rhs, op, env, block } = r.claim;
  // A member of a family its recurrence computes (`a_n = 2^n` after `a_n = 2a_{n-1} + 1`, `a_0 = 0`)
  // is a claim about the family, whatever the rule's own statement also defined.
  const member = memberOf(lhs);
  const family = member ? env.lookup(familyKey(member.stem), block) : null;
  if (family?.kind === 'def' && (family.recurrence?.initial.length ?? 0) > 0) return null;
  // `V^\pi(s_2) = 2\, V^\pi(s_1) + 1` at a point the text listed a value for: a claim about that
  // value (model/pointValues.ts), whatever rule the function also has.
  if (lhs.kind === 'apply') {
    const atoms = pointAtoms(lhs.args, (s) => env.lookup(s.name, block) === null);
    if (atoms && env.lookup(keyOfAtoms(lhs.f.name, atoms), block)?.kind === 'def') return null;
  }
  if (op === '=' || op === '\\approx') {
    // f'(x) = … after f(x) = …: the prime of a function introduced in the prose.
    const primedName = lhs.kind === 'prime' ? lhs.f.name.replace(/'+$/, '') : null;
    const primedDef = primedName ? env.lookup(primedName, block) : null;
    const sameParams =
      lhs.kind === 'prime' &&
      primedDef?.kind === 'def' &&
      primedDef.params !== null &&
      primedDef.params.length === lhs.args.length &&
      lhs.args.every((a, i) => a.kind === 'sym' && a.name === primedDef.params![i].name);
    const primed = sameParams ? primedName : null;
    // `s_*^2 = 2 - \frac{1}{2.5}` restates a name defined through its square (model/build.ts).
    const squared = lhs.kind === 'pow' && lhs.base.kind === 'sym' ? lhs.base.name : null;
    // `f(a) = 10` with `a = 3` given is f at a point, not f stated anew in the letter a.
    const holdsValue = (name: string) => {
      const x = env.lookup(name, block);
      return x !== null && (x.kind === 'case' || (x.kind === 'def' && x.params === null && !x.indices));
    };
    const head =
      lhs.kind === 'sym'
        ? lhs.name
        : lhs.kind === 'apply' && lhs.args.every((a) => a.kind === 'sym' && !holdsValue(a.name))
          ? lhs.f.name
          : (primed ?? squared);
    const e = head ? env.lookup(head, block) : null;
    if (e && e.kind === 'case' && lhs.kind === 'sym') {
      return (
        `${displayName(head!)} was given a value earlier in this block ` +
        `(\`${snippet(e.text ?? head!)}\`); this states another one`
      );
    }
    if (
      e &&
      e.kind === 'def' &&
      e.implicit &&
      !r.claim.sameSetting &&
      (lhs.kind === 'sym' || (squared !== null && e.expr.kind === 'sqrt')) === (e.params === null)
    ) {
      return (
        `${displayName(head!)} was introduced by an earlier ` +
        `\`${snippet(e.text ?? head!)}\`; this states something else — if it is a new setting, ` +
        `write :=, otherwise one of the two is wrong`
      );
    }
    // `(W - F + 2P)/S + 1 = (10 - 3 + 0)/2 + 1`: numbers plugged in for names whose values
    // the prose set elsewhere may belong to another example.
    const prose = [...new Set(throughFormulas([...namesIn(lhs), ...namesIn(rhs)], env, block))].filter(
      (nm) => {
        const x = env.lookup(nm, block);
        return (
          x !== null &&
          ((x.kind === 'def' && x.implicit === true && x.params === null && isNumericLiteralNode(x.expr)) ||
            x.kind === 'case')
        );
      },
    );
    // A result in scientific notation (`3.4 \times 10^{7}`) is one number, not numbers plugged in.
    const oneNumber = (n: Node) => isNumericLiteralNode(n) || isScientific(n.kind === 'neg' ? n.operand : n);
    const plugged = (n: Node) => onlyNumbers(n) && !oneNumber(n);
    if (prose.length > 0 && (plugged(lhs) || plugged(rhs))) {
      return (
        `the numbers on one side may be another setting than the values in effect here ` +
        `(${prose.map(displayName).join(', ')} from the prose)`
      );
    }
    // `\eta = 1/L = 0.1` paragraphs after `L = \|x\|^2/4`: a formula of sampled names cannot be one
    // value; set against one, the name likely means another quantity of a new example.
    // A side of 0s and 1s (`= 0`, `= \mathbf{1}`, `= I`) states an identity; a constraint explains
    // itself (attemptOneReading).
    const earlier = r.claim.constraints ? [] : (r.claim.earlierFormulas ?? []);
    const worked = (n: Node) => isConstantFormula(n) && hasNumberBesides01(n);
    const valueSide = worked(rhs) ? rhs : worked(lhs) ? lhs : null;
    const formulaSide = valueSide === rhs ? lhs : valueSide === lhs ? rhs : null;
    const fixed = (nm: string) => {
      const x = env.lookup(nm, block);
      return (
        x === null ||
        x.kind === 'case' ||
        (x.kind === 'def' && x.params === null && isConstantFormula(x.expr))
      );
    };
    // A letter an integral or a sum binds is its own there, whatever the running text gave the name.
    const used = formulaSide ? freeNames(formulaSide) : [];
    const reused = used.filter((nm) => earlier.includes(nm));
    if (reused.length > 0 && used.every((nm) => earlier.includes(nm) || fixed(nm))) {
      const e = env.lookup(reused[0], block);
      return (
        `${displayName(reused[0])} was given the formula \`${snippet(e?.text ?? reused[0])}\` in running ` +
        `text, and set against a value here it may name another quantity of a new example: give it its ` +
        `value here (${displayName(reused[0])} = …) to have this checked`
      );
    }
  }
  return null;
}

/** Whether a value writes a number other than 0 and 1 (`0.1`, `\operatorname{diag}(0.9, 0)`). */
function hasNumberBesides01(n: Node): boolean {
  let found = false;
  walk(n, (x) => {
    if (x.kind === 'num' && x.value !== 0 && x.value !== 1) found = true;
  });
  return found;
}

/** How deep throughFormulas follows formulas of other names. */
const FORMULA_DEPTH = 3;

/**
 * The names, and those the formulas of the names defined by one reach in turn: `\sigma = M/S` with
 * `M = wL^2/8` and `S = bh^2/6` reaches w, L, b and h, whose values the prose may have given in
 * other units than the numbers a worked step writes (mm there, metres here).
 */
function throughFormulas(names: string[], env: Claim['env'], block: number): string[] {
  const out = [...names];
  let frontier = names;
  for (let depth = 0; depth < FORMULA_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const nm of frontier) {
      const x = env.lookup(nm, block);
      if (x?.kind !== 'def' || x.params !== null || x.indices !== null || isNumericLiteralNode(x.expr))
        continue;
      for (const n of namesIn(x.expr)) if (!out.includes(n)) next.push(n);
    }
    out.push(...next);
    frontier = next;
  }
  return out;
}

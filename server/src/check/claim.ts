// One claim → one verdict. Compile both sides once, run the trials, compare with a tolerance
// that says how each number was obtained, and explain the outcome.
import { forRecurrenceIndices, inferRecurrenceIndices } from './recurrences';
import { percentAsUnit } from './percentUnit';
import { lettersBAsBytes, unitsAsWritten, quantities } from './quantities';
import {
  asWrittenClaim,
  inLetterUnits,
  prefixedLetters,
  type UnitLetter,
  unitLettersOf,
} from './unitLetters';
import { PRODUCTS, unitExpr } from '../model/siUnits';
import { plusMinusBranches } from './plusMinus';
import type { ClaimResult, SampleValue } from './result';
import { diagnose, type SidePair, sameValueAtEverySample, withHeadline } from './diagnose';
import type { HighPrecisionOutcome, TrialResult, Undefined } from './claim/results';
import type { Claim, DeclSpec, Entry } from '../model/types';
import { forAnyLaw } from './claim/anyLaw';
import { forParticular } from './claim/particular';
import { forMomentLaws } from './claim/momentLaws';
import { MOMENT_FAMILIES, type MomentFamily } from './laws';
import { forSumBounds, inferSumBounds } from './sumBounds';
import { forTableSupports } from './compile/tableValues';
import { forFunctionArguments, inferFunctionArguments } from './functionArguments';
import { smoothDerivativeRefuted } from './claim/smoothDerivative';
import { decideDivergentSeries } from './claim/divergentSeries';
import { characteristicPolynomialRefuted } from './claim/characteristicPolynomial';
import { forConstantsRead } from './claim/appliedConstants';
import { forBareFunctions } from './claim/bareFunctions';
import { inferDerivativeVariables, markPrimesBeforeBrackets } from './derivativeVariables';
import { ENDED_LETTER_HOW, inferredReal } from './inferredEntries';
import { freeLetterEntries, isGreekNumberLetter } from './freeLetters';
import { IDENTITY_AS_NUMBER, identityNamedOwn } from './identityLetter';
import { forMemberIndices, memberIndexEntries } from './memberIndices';
import { termShapeEntries } from './termShapes';
import { walk } from '../model/names';
import { conventionByLimit } from './claim/conventionLimit';
import { relevantNames } from './relevant';
import { makeSym } from '../math/parser/nodes';
import { unboundSizes } from './unboundSizes';
import {
  applyShapeReading,
  type ShapeReading,
  shapeReadings,
  squareReadings,
  sizesAround,
  suppliedLetters,
} from './argumentShapes';
import { slashOverProduct } from './slashGrouping';
import {
  displayName,
  forInferred,
  generically,
  isOutOfBudget,
  readerGuessFailed,
  RELATION_TEXT,
  snippet,
} from './claim/generic';
import { compile, type CompileEnv, type Fn, newCompileEnv, readings } from './evaluate';
import { hasUnsizedOnes } from './compile/core';
import { eigenOrderReading, sigmaReading, softmaxReading } from '../functions/registry';
import { logBaseReading } from './logBase';
import { type CriticalLevel, criticalReading } from './criticalValues';
import { angleReading, writesDegreeSign } from './angleUnit';
import { standInReading } from './standIns';
import { nablaSquared } from './higherDerivatives';
import { failure, usesStar } from './claim/failures';
import {
  COMMUTATOR_OR_BLOCK_ROW,
  ANGLES_IN_DEGREES,
  DAGGER_ADJOINT,
  LENGTH_BARS,
  DETERMINANT_BARS,
  FIRST_ORDER,
  type SecondReading,
  SIGMA_DIVISORS,
  VALUE_OR_FUNCTION,
  VALUE_AT_NUMBER,
  LOG_BASE_2,
  LOG_BASE_10,
  SOFTMAX_ROWS,
  ONE_HOT_AXIS,
  EIGEN_ORDER,
  ROOT_ORDER,
} from './claim/readings';
import { underNablaSquaredReadings } from './laplacian';
import { withRepeatedIndicesSummed as repeatedIndicesSummed } from '../model/repeatedIndices';
import {
  columnProductReading,
  commutatorReading,
  daggerReading,
  isEntrywiseMessage,
  matrixExponentialReading,
} from './readingsLog';
import { inStatedLayout } from './layout';
import { differentialNames, differentials, firstOrder, firstOrderParts } from './differentials';
import { unknownHints, UnknownInClaim } from './hints';
import { complexCheck } from './complexClaim';
import {
  HINT_WORK_BUDGET,
  judge,
  MIN_VERIFYING_TRIALS,
  MONTE_CARLO_TRIALS,
  SHRINK_ADVICE,
  ZERO_DERIVATIVE,
} from './claim/judge';
import { symbolicResidual } from './residual';
import { capText, formatNumber } from './format';
import { heldDefinitions } from './claim/intermediates';
import { decideExactly } from './claim/exactly';
import { decideCongruence } from './claim/congruence';
import { modularReading } from './claim/modularArithmetic';
import type { Node } from '../math/tree';
import { physicalUnit, siUnit } from '../model/siUnits';
import { decimalFits, decimalLiterals, fitsWithinRounding, type Literal } from './claim/rounding';
import { combineSeeds, formatWork, hashString, meterWork, Rng, Tensor, WorkExhausted } from '../engine';
import { OutOfTime, OverBudget, Resample, ShapeMismatch, Unsupported } from './errors';
import { withRowVectors } from './rowVectors';
import { solveConstraints } from './solvedConstraints';
import { MONTE_CARLO_SAMPLES, oneHotReading, Trial } from './trial';
import * as V from './values';
import { type Sizes, sizesWhereDefined } from './claim/sizesWhereDefined';
import { classify, evaluateOverIndices, withHoverSample } from './claim/trials';
import { namesIn, samplesOf } from './claim/values';
import { highPrecision } from './claim/precision';
import { sampleLines, undefinedCounterexample, valueLines, whereText } from './claim/messages';
import { compare, type Comparison } from './claim/compare';
import { uncheckedOutcome } from './claim/outcomes';
import { beyondTheExample } from './claim/atExample';
import { withExampleSignDropped } from './claim/exampleSign';
import { onesLengthReading, soleSizeLetter } from './onesLength';
import { sizeSetToOne } from './identityOfOne';
import { upstreamLosses } from './upstreamLoss';
import { failsOnShapes, shapesUnderAnyLoss } from './lossShapes';
import { WORDS_SIZE } from '../model/sizelessWords';
import { activationProducts } from './columnProducts';
import {
  carriedWorkedExample,
  carriedResult,
  endedDefinitionsOf,
  heldByEarlierDefinitions,
  heldByEndedValues,
  heldByStatedValues,
  shapedInEndedSection,
  withEnded,
} from './claim/endedValues';
import { WIDE_REACH } from './wideSamples';
import { notationPieces, piecesMet, PIECES_SPARE_ATTEMPTS } from './pieces';
import { exactlyApart } from './rationalIdentity';
import { withWholeWindows } from './wholeConditions';
import { APPROACH_STARTS, type Coordinate, searchViolation } from './closestApproach';
import {
  CLOSER_DRAWS_FACTOR,
  largestRelativeMargin,
  MAX_RELATIVE_MARGIN,
  CLOSER_LOOK_DEVIATION,
  largestDeviation,
  monteCarloMet,
} from './closerMonteCarlo';
import { namedPartsReading } from './namedParts';
import { atTheSolution } from './solvedAt';
import { atTheSentencePoint } from './sentencePoint';
import { withFormulaGradients } from './formulaGradient';
import { inferTransformVariables } from './transformVariables';
export { MIN_VERIFYING_TRIALS } from './claim/judge';

export interface ClaimOptions {
  /** Operations one check of the claim may count (engine elements and multiply-adds, steps). */
  workBudget: number;
  /** Wall-clock guard in milliseconds, for work the count misses; its verdict names no trial count. */
  timeBudgetMs: number;
  collectSamples: boolean;
}

export interface Outcome {
  verdict: ClaimResult['verdict'];
  code: ClaimResult['code'];
  message: string;
  details: string[];
  trials: number;
  maxError: number;
  sample?: SampleValue[];
  /** Both sides at every sample of an equation that failed, for diagnose.ts. */
  pairs?: SidePair[];
  /** The sample the message shows, whose sub-expression values a hover should show too. */
  shown?: TrialResult;
  /** The names nothing defines, for hints.ts. */
  unknown?: import('../math/tree').SymNode[];
  /** A basis vector (`e_y`) that nothing around it sized was the unknown name (compile/basisVectors.ts). */
  unsizedBasis?: true;
  /** The shape error came from two undeclared vectors side by side (errors.ts VectorsSideBySide). */
  sideBySide?: boolean;
  /** Unchecked because some samples could not be told from counterexamples (claim/trials.ts). */
  undecided?: boolean;
  /** Refuted at every sample the sides could be evaluated at (claim/smoothDerivative.ts). */
  failedEverywhere?: true;
  /** Refuted at the solution the text gives an equation it solves (solvedAt.ts): no longer a condition. */
  atSolution?: true;
  /**
   * Refuted as a smooth identity in letters the reader supplied, wrong at every sample: a derivative
   * (claim/smoothDerivative.ts) or a characteristic polynomial (claim/characteristicPolynomial.ts).
   */
  smoothEverywhere?: true;
  /** Refuted because one side is undefined where the other is not (claim/messages.ts). */
  undefinedSide?: true;
  /** A verified inequality's search from where its sides came closest (closestApproach.ts). */
  approach?: () => Outcome | null;
  /** The samples a verification rests on, for the exact look (rationalIdentity.ts). */
  verifiedAt?: { inputs: { name: string; value: Tensor }[]; left: Tensor; right: Tensor }[];
}

/**
 * Two vectors of one length side by side that the text does not declare as vectors: quaternions
 * written as 4-vectors, complex numbers as pairs and entrywise products look so, and have no matrix
 * product; vectors of different lengths, or declared ones (a dropped transpose), stay a shape error.
 */
const SIDE_BY_SIDE =
  'unchecked: two vectors of one length are written side by side, which has no matrix product; the ' +
  'product meant (of quaternions written as 4-vectors, of complex numbers as pairs, or entry by ' +
  'entry) is not evaluated: write p^\\top q or p \\cdot q, p q^\\top, p \\times q or p \\odot q to ' +
  'have it checked';

/**
 * A claim with the imaginary unit or a complex letter is judged in complex arithmetic
 * (complexClaim.ts); one that evaluation declines keeps the real reading, but never a verdict
 * "verified" reached by reading its complex numbers as real ones.
 */
export function checkClaim(claim: Claim, source: string, options: ClaimOptions): ClaimResult {
  const asWritten = claim.shapes
    ? shapeReading(claim, checkClaimWritten(claim, source, options), source, options)
    : checkClaimWritten(claim, source, options);
  const written = standInReading(claim, asWritten, source, (c) => checkClaimWritten(c, source, options));
  const result = claim.denied
    ? deniedResult(claim, written)
    : claim.attributed || claim.askedWhether
      ? attributedResult(claim, written)
      : claim.contradiction
        ? contradictionResult(claim.contradiction, written)
        : claim.kindInWords
          ? kindResult(claim.kindInWords, written)
          : written;
  // The bound was read at the number its sentence chooses (model/build.ts chosenForBound): say so.
  return claim.chosen && !claim.skipReason
    ? {
        ...result,
        message: capText(
          `${result.message} (at ${claim.chosen}, ` +
            `${claim.op === '=' ? 'the solution its sentence gives' : 'the number its sentence chooses'})`,
        ),
      }
    : result;
}

/**
 * `(d \times n)(n \times m) = d \times m` (model/shapeProducts.ts): false as numbers, it is read as
 * shapes — the inner sizes agree and the product has the shape on the other side. Verified when that
 * holds, saying so; refuted only when both readings fail, the numbers' counterexample shown.
 */
function shapeReading(
  claim: Claim,
  written: ClaimResult,
  source: string,
  options: ClaimOptions,
): ClaimResult {
  if (!claim.shapes || written.verdict !== 'refuted' || written.code !== 'refuted') return written;
  const asShapes = checkClaimWritten({ ...claim, ...claim.shapes, shapes: undefined }, source, options);
  if (asShapes.verdict === 'verified')
    return {
      ...asShapes,
      message: capText(
        `${asShapes.message} (read as shapes: the inner sizes of the matrices written side by side ` +
          'agree and their product has the shape on the other side; as numbers it fails)',
      ),
    };
  if (asShapes.verdict === 'refuted')
    return {
      ...written,
      message: capText(
        `${written.message} (read as shapes it fails too: an inner size differs, or the ` +
          "product's shape does)",
      ),
    };
  return written;
}

/** The result made unchecked with `message`, keeping its place, details and trials (no quick fix). */
function uncheckedAs(result: ClaimResult, message: string): ClaimResult {
  const { details, trials, maxError } = result;
  return { ...result, ...uncheckedOutcome(message, { details, trials, maxError }), fix: undefined };
}

/**
 * "We get $d + d = 2d$, not $d + d = d^2$": the text denies the relation. A refutation confirms what
 * the text says — verified, with the counterexample; a verification or anything else leaves it
 * unchecked (a denial may mean "not in general", which samples meeting the declarations cannot show).
 */
function deniedResult(claim: Claim, result: ClaimResult): ClaimResult {
  const words = `the text denies it (“${claim.denied}”)`;
  // Only a numeric counterexample confirms it: sides that cannot be formed may be a misreading.
  if (result.verdict === 'refuted' && result.code === 'refuted')
    return {
      ...result,
      verdict: 'verified',
      code: 'verified',
      message: capText(
        `verified: ${words}, and it does not hold — ${result.message.replace(/^refuted: /, '')}`,
      ),
      fix: undefined,
    };
  const why =
    result.verdict === 'verified' ? 'it held at every sample' : result.message.replace(/^unchecked: /, '');
  return uncheckedAs(result, `unchecked: ${words}, but ${why}`);
}

/**
 * "The authors claim $\|A + B\| = \|A\| + \|B\|$, but …": the text reports another's statement;
 * "Prove or disprove: $…$" asks whether one holds. One that holds is verified as before; one that
 * fails is not the author's statement — unchecked, saying so, with the counterexample.
 */
function attributedResult(claim: Claim, result: ClaimResult): ClaimResult {
  if (result.verdict !== 'refuted') return result;
  const failure = result.message.replace(/^refuted: /, '');
  if (claim.askedWhether)
    return uncheckedAs(
      result,
      `unchecked: the text asks whether it holds (“${claim.askedWhether}”), not that it does; ` +
        `it does not — ${failure}`,
    );
  return uncheckedAs(
    result,
    `unchecked: the text reports it as someone else's (“${claim.attributed}”), not as its own; ` +
      `as reported it does not hold — ${failure}`,
  );
}

/**
 * "Suppose, for contradiction, that $x > 0$. … Then $x < x/2$": a step after the supposition follows
 * from it and from the hypotheses, which together cannot hold, so it may fail at every sample without
 * being wrong. One that holds is verified as before; one that fails is unchecked, saying so.
 */
function contradictionResult(words: string, result: ClaimResult): ClaimResult {
  if (result.verdict !== 'refuted') return result;
  const failure = result.message.replace(/^refuted: /, '');
  return uncheckedAs(
    result,
    `unchecked: derived after the supposition of a proof by contradiction (“${words}”), whose ` +
      `consequences need not hold at values that do not meet all its assumptions; it fails at the ` +
      `samples — ${failure}`,
  );
}

/**
 * "$c^\top K c \ge 0$ for a valid kernel": the words state the claim for a kind of object that no
 * declaration gives, so the samples need not be of that kind. One that holds is verified as before;
 * one that fails is unchecked, naming the kind, with the counterexample.
 */
function kindResult(words: string, result: ClaimResult): ClaimResult {
  if (result.verdict !== 'refuted') return result;
  const failure = result.message.replace(/^refuted: /, '');
  return uncheckedAs(
    result,
    `unchecked: the words after it state it ${words}, a kind no declaration gives, so the samples need ` +
      `not be of it; it fails at them — ${failure}; state in math what that kind requires ` +
      '(a declaration or a condition) to have it checked',
  );
}

function checkClaimWritten(claim: Claim, source: string, options: ClaimOptions): ClaimResult {
  // Units after numbers (`\mathrm{kJ/mol}`) are the real path's to read (quantities.ts), not complex letters.
  // A side in one unit throughout (`= 3.53\angle{-51.5^\circ}\ \text{A}`) compares its numbers as written.
  const inComplex = claim.skipReason ? null : oneUnitRead(claim);
  const complex = inComplex ? complexCheck(inComplex, source) : null;
  // A condition is verified when it holds and never refuted (Claim.condition): only a success counts.
  if (complex && (complex.verdict === 'verified' || (complex.verdict === 'refuted' && !claim.condition)))
    return {
      ...resultHead(claim, source),
      verdict: complex.verdict,
      code: complex.verdict,
      message: complex.message,
      details: complex.details,
      trials: complex.trials,
      maxError: complex.maxError,
    };
  const real = checkRealClaim(claim, source, options);
  if (complex?.verdict === 'declined' && real.verdict === 'verified')
    return uncheckedAs(
      real,
      `unchecked: the claim has complex numbers, and complex arithmetic does not read it ` +
        `(${complex.reason}); read as real numbers it holds, which says nothing of complex ones`,
    );
  if (complex?.verdict === 'declined' && real.verdict === 'unchecked')
    return {
      ...real,
      message: capText(
        `unchecked: not read in complex arithmetic: ${complex.reason}; ` +
          real.message.replace(/^unchecked: /, ''),
      ),
    };
  return real;
}

/**
 * The claim as complex arithmetic reads it: as written when it writes no unit, with its units
 * dropped when every side is in the same one (or a bare side beside a coherent unit), else null:
 * units converted are the real path's to read (quantities.ts).
 */
function oneUnitRead(claim: Claim): Claim | null {
  const read = quantities(claim);
  if (read.kind === 'none') return claim;
  const plain =
    read.kind === 'compared' &&
    !read.unsure &&
    !read.inBase &&
    !read.binary &&
    !read.inWritten &&
    read.note.startsWith('the numbers compared');
  return plain ? read.claim : null;
}

/** Where a claim's result sits and what it says, before its verdict. */
function resultHead(claim: Claim, source: string) {
  return {
    opStart: claim.opStart,
    opEnd: claim.opEnd,
    start: claim.start,
    end: claim.end,
    relation: RELATION_TEXT[claim.op] ?? claim.op,
    text: source.slice(claim.start, claim.end),
    tag: claim.tag,
  };
}

function checkRealClaim(stated: Claim, source: string, options: ClaimOptions): ClaimResult {
  const claim = unitsAsWritten(stated);
  const written = checkQuantities(claim, source, options);
  const result = written.verdict === 'verified' ? written : withProseUnit(claim, source, options, written);
  // The letter B after a number, read as a billion, may be a byte (quantities.ts lettersBAsBytes):
  // the claim holds if either reading does. Neither refutes it: a side without a unit beside bytes
  // is often in a larger unit the words after the math name (`\approx 16.8\ \text{MB per customer}`).
  const bytes = result.verdict === 'verified' ? null : lettersBAsBytes(claim, source);
  if (!bytes) return result;
  const asBytes = checkQuantities(bytes, source, options);
  if (asBytes.verdict === 'verified')
    return { ...asBytes, message: capText(`${asBytes.message} (B read as bytes)`), fix: undefined };
  return uncheckedAs(
    result,
    'unchecked: B after a number may be a billion or a byte, and the claim holds in neither reading; ' +
      'write billion or bytes to have it checked',
  );
}

/** The claim with the unit word after the math written after its right side's number. */
function withUnitAfter(claim: Claim, word: string): Claim {
  const text: Node = { kind: 'text', text: word, start: claim.rhs.end, end: claim.rhs.end };
  const rhs: Node = {
    kind: 'bin',
    op: 'juxt',
    left: claim.rhs,
    right: text,
    start: claim.rhs.start,
    end: claim.rhs.end,
  };
  return { ...claim, rhs };
}

function readWith(read: ClaimResult, word: string): ClaimResult {
  return {
    ...read,
    message: capText(`${read.message} (${word}, in the words after the math, read with the number)`),
  };
}

/**
 * `$\sqrt{3}(480)(50)(0.9) \approx 37.4$ kW`: a number that ends the math, with a prefixed SI unit
 * first in the words after it, may be in that unit while the other side is in the coherent one
 * (watts). The number is read with the unit, as if written in the math: the claim is judged as
 * written, then with the side without a unit in coherent units; one that agrees in neither is left
 * unchecked, since that side may be in a third prefix. A word that only looks like a prefixed unit
 * (`kcal`, `MWh`) never lets the number as written refute the claim.
 */
function withProseUnit(
  claim: Claim,
  source: string,
  options: ClaimOptions,
  result: ClaimResult,
): ClaimResult {
  // `$10^{30/10} = 100$ mW $= 1$ W`: the left side carries a prefixed unit, so a side without one was
  // left unsure (another prefix?); the unit symbol right after the number says which, and with it
  // both sides carry units and are compared.
  // `$V = R = 36$ kN` after `R = \frac{wL}{2}` with w in kN/m: the restatement, read with its unit.
  const restated = result.verdict === 'unchecked' && result.message.includes(RESTATED);
  if (result.verdict === 'unchecked' && (result.message.includes(UNSURE_PREFIX) || restated)) {
    const word = PROSE_SYMBOL.exec(source.slice(claim.end, claim.end + 60))?.[1];
    if (word && physicalUnit(word) && bareNumber(claim.rhs)) {
      const read = checkQuantities(withUnitAfter(claim, word), source, options);
      // A restatement may be a new setting: its unit verifies it, and never refutes it.
      if (read.verdict === 'verified' || (read.verdict === 'refuted' && !restated))
        return readWith(read, word);
    }
    return result;
  }
  // Sides within a factor of two of each other as written (`2 \cdot 4 = 9` kHz) are no prefix apart:
  // the slip is in the digits, and the number as written refutes.
  if (result.verdict !== 'refuted' || !(result.maxError >= 0.5)) return result;
  const after = PROSE_UNIT.exec(source.slice(claim.end, claim.end + 60));
  if (!after || !bareNumber(claim.rhs)) return result;
  const word = after[1];
  const unit = siUnit(word);
  const prefixed = PREFIX_LETTER.test(word) && siUnit(word.slice(1)) !== null && word !== 'pH';
  if (!unit || !prefixed) {
    return LOOKS_PREFIXED.test(word)
      ? uncheckedAs(
          result,
          `unchecked: the number may be in ${word}, the unit in the words after the math, while the other ` +
            'side is in another prefix of it; write the unit in the math on every side to have them compared',
        )
      : result;
  }
  const read = checkQuantities(withUnitAfter(claim, word), source, options);
  if (read.verdict === 'verified') return readWith(read, word);
  return uncheckedAs(
    result,
    `unchecked: the number is in ${word} (the words after the math), and the sides agree neither as ` +
      'written nor with the side without a unit in coherent SI units; write the unit in the math on every ' +
      'side to have them compared',
  );
}

/**
 * The end of the math, then a unit word first in the prose, after spaces or LaTeX's tie (`$ kW`,
 * `$~MPa`; `$~\mu$F` is not read).
 */
const PROSE_UNIT = /^\s*(?:\$\$|\$|\\\)|\\\])(?:[^\S\n]|~)*([A-Za-zµμΩ]{2,5})(?![\w$\\])/;
/**
 * As PROSE_UNIT, a unit symbol of one letter too (`$= 1$ W`) or a unit spelled out (`$= 24$
 * minutes`), then no letter or math.
 */
const PROSE_SYMBOL = /^\s*(?:\$\$|\$|\\\)|\\\])(?:[^\S\n]|~)*([A-Za-zµμΩ]{1,12})(?![\w$\\])/;
/** Why numbers plugged in for letters with values were left unchecked (claim/judge.ts). */
const ANOTHER_SETTING = 'may be another setting than the values in effect here';
/** Why a name's earlier formula set against a number was left unchecked (claim/judge.ts). */
const RESTATED = 'was introduced by an earlier';
/** Why a side without a unit beside a prefixed one was left unchecked (checkQuantities). */
const UNSURE_PREFIX = 'may be in another prefix of its unit';
/** An SI prefix a unit word opens with (not `min`, `mol`, `m` alone: those are units of their own). */
const PREFIX_LETTER = /^[pnuµμmckMGT]/;
/** A prefix letter before a capital or `var` (`kVA`, `MWh`, `kvar`, `kcal`): a unit word derivcheck does not convert. */
const LOOKS_PREFIXED = /^[kMGmµμn](?:[A-Z][A-Za-z]{0,3}|var|cal)$/;

/** A side that is one written number (`37.4`, `-2`, `4.41 \times 10^{-3}`). */
function bareNumber(n: Node): boolean {
  if (n.kind === 'neg') return bareNumber(n.operand);
  if (n.kind === 'num') return true;
  return (
    n.kind === 'bin' &&
    n.op === 'times' &&
    n.left.kind === 'num' &&
    n.right.kind === 'pow' &&
    n.right.base.kind === 'num' &&
    n.right.base.value === 10
  );
}

/** Whether a side writes a unit word after a number (`47\,\text{ms}`). */
function hasUnitWord(side: Node): boolean {
  let found = false;
  walk(side, (x) => {
    if (!found && x.kind === 'bin' && PRODUCTS.has(x.op) && unitExpr(x.right)) found = true;
  });
  return found;
}

/**
 * A refutation of a claim on letters given values in units (unitLetters.ts) with a side that is no
 * formula in them (`V_0/R = 0.5`, a bare number): that number may be in the units the letters were
 * written in. Read so — each letter the number written — the claim may hold, and is verified saying
 * so; otherwise it is unchecked. Two formulas in such letters are both in coherent units and refute.
 */
function inUnitsWritten(
  claim: Claim,
  letters: Map<string, UnitLetter>,
  result: ClaimResult,
  source: string,
  options: ClaimOptions,
): ClaimResult {
  const prefixed = prefixedLetters(claim, letters);
  if (prefixed.length === 0) return result;
  if (inLetterUnits(claim.lhs, claim) && inLetterUnits(claim.rhs, claim)) return result;
  const units = prefixed.map((name) => `${displayName(name)} in ${letters.get(name)!.word}`).join(', ');
  const written = asWrittenClaim(claim, letters);
  const read = written ? checkClaimAsRead(written, source, options) : null;
  if (read?.verdict === 'verified')
    return { ...read, message: capText(`${read.message} (with the letters in the units written: ${units})`) };
  return uncheckedAs(
    result,
    `unchecked: the letters stand for values in units (${units}), and a side without a unit may be in ` +
      'another unit than the coherent one; write the unit on that side to have them compared',
  );
}

function checkQuantities(claim: Claim, source: string, options: ClaimOptions): ClaimResult {
  // Units written after numbers (quantities.ts): compared as numbers, converted, or not compared.
  const read = quantities(claim);
  const letters = unitLettersOf(claim);
  if (read.kind === 'none') {
    const result = checkClaimAsRead(claim, source, options);
    // `\frac{wL}{2} = \frac{12 \times 6}{2}` after `w = 12\,\mathrm{kN/m}`: numbers plugged in for the
    // letters as written, which the coherent reading took for another setting's numbers.
    // `n = 0.2268` after `n = \frac{m}{M}` with m = 10.0 g: a restated formula, read in the units of
    // its letters too. A letter given a value in a unit, restated bare (`R_a = 2`), stays unchecked.
    const restated =
      result.message.includes(RESTATED) && claim.lhs.kind === 'sym' && !letters.has(claim.lhs.name);
    const plugged = result.message.includes(ANOTHER_SETTING) || restated;
    if (result.verdict === 'unchecked' && letters.size > 0 && plugged) {
      const written = inUnitsWritten(claim, letters, result, source, options);
      return written.verdict === 'verified' ? written : result;
    }
    return result.verdict === 'refuted' && letters.size > 0
      ? inUnitsWritten(claim, letters, result, source, options)
      : result;
  }
  if (read.kind === 'unchecked')
    return {
      ...resultHead(claim, source),
      ...uncheckedOutcome(read.message, { details: [] as string[], trials: 0, maxError: 0 }),
    };
  const result = checkClaimAsRead(read.claim, source, options);
  // `\frac{15000}{7.854\times 10^{-5}} \approx 191\,\mathrm{MPa}`: as written, ≈ is too loose to judge.
  if (result.verdict !== 'verified' && read.inBase) {
    const inBase = checkClaimAsRead(read.inBase.claim, source, options);
    // `\tau \ln 2 = 23.6\,\text{ms}` after `R = 10\,\mathrm{k\Omega}`, `C = 4.7\,\mu\text{F}`: a side
    // that is a formula in letters given values in units is in the coherent unit, as such letters
    // stand for their coherent numbers (unitLetters.ts): that reading alone decides.
    const bareSides = [claim.lhs, claim.rhs].filter((side) => !hasUnitWord(side));
    if (letters.size > 0 && bareSides.length > 0 && bareSides.every((side) => inLetterUnits(side, claim)))
      return { ...inBase, message: capText(`${inBase.message} (${read.inBase.note})`), fix: undefined };
    // Refuted both ways (`7 \times 10^9 \times 2 = 15` GB): the counterexample shown is the reading
    // that came nearer, not "14000000000 against 15".
    // Not when a prefixed unit leaves the side without one unsure (below): no reading refutes then.
    const nearer = inBase.verdict === 'refuted' && inBase.maxError < result.maxError && !read.unsure;
    if (inBase.verdict === 'verified' || nearer)
      return { ...inBase, message: capText(`${inBase.message} (${read.inBase.note})`), fix: undefined };
  }
  if (result.verdict === 'unchecked') {
    // `v = at = 1.56\ \mathrm{m/s}` after `a = 0.52\ \mathrm{m/s^2}`: with the unit letters read as
    // quantities of their own the claim is an identity in them, which no choice of units breaks.
    const asWritten = checkClaimAsRead(claim, source, options);
    return asWritten.verdict === 'verified' ? asWritten : result;
  }
  if (result.verdict === 'refuted' && read.unsure)
    return uncheckedAs(
      result,
      'unchecked: the numbers agree neither as written nor with the side without a unit in coherent ' +
        `SI units, and that side ${UNSURE_PREFIX}; write the unit on every side to have them compared`,
    );
  // `3.98\times10^{-19}\,\text{J} = 2.48\,\text{eV}`: in eV the 2.48 keeps its rounding.
  if (result.verdict === 'refuted')
    for (const other of read.inWritten ?? []) {
      const again = checkClaimAsRead(other.claim, source, options);
      if (again.verdict === 'verified')
        return { ...again, message: capText(`${again.message} (${other.note})`), fix: undefined };
    }
  if (result.verdict === 'refuted' && read.binary) {
    const binary = checkClaimAsRead(read.binary, source, options);
    if (binary.verdict === 'verified')
      return uncheckedAs(
        binary,
        'unchecked: this holds if kB, MB, GB and TB are powers of 1024 (as memory sizes are often ' +
          'written), not if they are powers of 1000; write KiB, MiB, GiB for the binary units',
      );
  }
  return { ...result, message: capText(`${result.message} (${read.note})`), fix: undefined };
}

function checkClaimAsRead(stated: Claim, source: string, options: ClaimOptions): ClaimResult {
  // A whole-number letter its conditions bound past the usual window is dealt from the bound on.
  const claim = withWholeWindows(stated);
  const base = resultHead(claim, source);
  const { text } = base;
  readings.metMatrixBars = false;
  readings.metVectorBars = false;
  readings.metValueCall = false;
  readings.metValueAtNumber = false;
  readings.metPlusMinusRoot = false;
  differentials.of = differentialNames(claim);
  differentials.claim = claim;
  differentials.dIsValue = null;
  firstOrder.metDirection = false;
  firstOrder.metOther = hasDerivative(claim);
  softmaxReading.metMatrix = false;
  oneHotReading.metMatrix = false;
  sigmaReading.metWholeNumber = false;
  eigenOrderReading.met = false;
  logBaseReading.met = false;
  criticalReading.met = false;
  criticalReading.symmetric = false;
  criticalReading.lettered = false;
  angleReading.met = false;
  angleReading.degreeSignWritten = writesDegreeSign(claim.lhs) || writesDegreeSign(claim.rhs);
  nablaSquared.met = false;
  matrixExponentialReading.met = false;
  commutatorReading.met = false;
  daggerReading.met = false;
  piecesMet.met = false;
  monteCarloMet.deviation = 0;
  monteCarloMet.met = false;
  monteCarloMet.relativeMargin = 0;
  let outcome = inStatedLayout(
    claim.settings.layout,
    () => attempt(claim, text, source, options),
    (message, like) => uncheckedOutcome(message, { ...like, pairs: undefined, shown: undefined }),
  );
  // A Monte Carlo estimate has a margin of its own, and far out (n up to 10³ draws of a vector
  // of n) it costs a thousandfold: it gets the closer look with more draws instead.
  const onPieces = piecesMet.met && !monteCarloMet.met;
  const equation = claim.op === '=' || claim.op === '\\approx';
  const wide = () => equation && monteCarloMet.relativeMargin > MAX_RELATIVE_MARGIN;
  if (
    outcome.verdict === 'verified' &&
    (monteCarloMet.deviation > CLOSER_LOOK_DEVIATION || wide()) &&
    claim.op !== '\\neq'
  )
    outcome = withMoreDraws(claim, text, source, options, outcome);
  if (outcome.verdict === 'verified' && monteCarloMet.met && wide()) outcome = tooNoisy(outcome);
  // `x * w` of two sequences without a `star` directive: convolution or correlation?
  if (outcome.verdict === 'refuted' && !claim.settings.starChosen && usesStar(claim)) {
    const other = attempt(
      { ...claim, settings: { ...claim.settings, star: 'correlation', starChosen: true } },
      text,
      source,
      options,
    );
    if (other.verdict === 'verified') {
      outcome = uncheckedOutcome(
        'unchecked: this holds if x * w is cross-correlation, not if it is convolution; say ' +
          'which with <!-- derive: star correlation --> or star convolution',
        other,
      );
    }
  }
  if (matrixExponentialReading.met)
    outcome = underMatrixExponential(outcome, () => attempt(claim, text, source, options));
  if (outcome.verdict !== 'unchecked')
    outcome = underSecondReading(COMMUTATOR_OR_BLOCK_ROW, claim, text, source, options, outcome);
  if (outcome.verdict !== 'unchecked')
    outcome = underSecondReading(ROOT_ORDER, claim, text, source, options, outcome);
  const searched = (c: Claim, o: Outcome): Outcome => {
    if (o.verdict === 'verified' && (ORDER_RELATIONS.has(c.op) || (onPieces && c.op === '=')))
      o = beyondTheWindow(c, text, source, options, o);
    // Then from where the sides came closest, when the wide samples found no counterexample.
    o = o.verdict === 'verified' && o.approach ? (o.approach() ?? o) : o;
    // Then where the pieces meet, which no usual sample reaches.
    return o.verdict === 'verified' && onPieces ? atTheSeams(c, text, source, options, o) : o;
  };
  if (outcome.verdict === 'verified') {
    const found = searched(claim, outcome);
    // The searches know the claim's assumptions, not the constraints of its passage (met only when
    // a sample refutes, attemptOneReading): a refutation they find is looked for again under them.
    outcome =
      found.verdict === 'refuted' && claim.constraints
        ? searchedUnder(claim, { text, source, options }, outcome, searched)
        : found;
  }
  // Equal up to rounding in doubles, yet apart in exact arithmetic (rationalIdentity.ts).
  if (outcome.verdict === 'verified') outcome = exactlyApart(claim, outcome, displayName) ?? outcome;
  if (outcome.verdict !== 'unchecked')
    outcome = underSecondReading(DETERMINANT_BARS, claim, text, source, options, outcome);
  if (outcome.verdict === 'refuted')
    outcome = underSecondReading(LENGTH_BARS, claim, text, source, options, outcome);
  if (outcome.verdict === 'refuted')
    outcome = underSecondReading(DAGGER_ADJOINT, claim, text, source, options, outcome);
  if (outcome.verdict === 'refuted')
    outcome = underSecondReading(SOFTMAX_ROWS, claim, text, source, options, outcome);
  if (outcome.verdict !== 'unchecked')
    outcome = underSecondReading(ONE_HOT_AXIS, claim, text, source, options, outcome);
  if (outcome.verdict !== 'unchecked')
    outcome = underSecondReading(EIGEN_ORDER, claim, text, source, options, outcome);
  if (outcome.verdict === 'refuted')
    outcome = underSecondReading(VALUE_OR_FUNCTION, claim, text, source, options, outcome);
  if (outcome.verdict === 'refuted')
    outcome = underSecondReading(VALUE_AT_NUMBER, claim, text, source, options, outcome);
  // Only σ written as the letter has the number-theoretic reading, not `\operatorname{sigmoid}`.
  if (outcome.verdict === 'refuted' && /\\sigma\s*\(/.test(text))
    outcome = underSecondReading(SIGMA_DIVISORS, claim, text, source, options, outcome);
  if (outcome.verdict === 'refuted')
    outcome = underSecondReading(FIRST_ORDER, claim, text, source, options, outcome);
  if (outcome.verdict === 'refuted' && claim.settings.angleUnit === 'degrees')
    outcome = underSecondReading(ANGLES_IN_DEGREES, claim, text, source, options, outcome);
  // A critical value's level, the probability above it or below it (criticalValues.ts).
  // A refutation the judge left unchecked (numbers from the prose) is tried the other way too.
  if (outcome.verdict !== 'verified' && criticalReading.met)
    outcome = underCriticalLevels(claim, text, source, options, outcome);
  // A plain \log where the document states no base: base 2 or 10 may be the one meant (logBase.ts).
  if (outcome.verdict === 'refuted' && claim.settings.logBase === undefined)
    outcome = underLogBases(claim, text, source, options, outcome);
  if (outcome.verdict === 'refuted' && outcome.sideBySide)
    outcome = uncheckedOutcome(SIDE_BY_SIDE, { ...outcome, pairs: undefined, shown: undefined });
  outcome = underNablaSquaredReadings(outcome, () => attempt(claim, text, source, options));
  // An equation the text solves, at the solution it gives (solvedAt.ts).
  if (claim.solvedAt && !claim.chosen && outcome.verdict !== 'verified')
    outcome = atTheSolution(claim, outcome, (c) => attempt(c, text, source, options));
  // A function written bare in a sentence that names the point it is at (sentencePoint.ts).
  if (claim.pointOfSentence && outcome.verdict === 'unchecked')
    outcome = atTheSentencePoint(claim, outcome, (c) => attempt(c, text, source, options));
  // ∇ of a bracketed formula, in the coordinates the other side lists (formulaGradient.ts).
  if (outcome.verdict === 'unchecked')
    outcome = withFormulaGradients(claim, outcome, (c) => attempt(c, text, source, options));
  if (outcome.verdict === 'refuted') outcome = withIntermediatesHeld(claim, text, source, options, outcome);
  if (outcome.verdict === 'refuted')
    outcome = withRepeatedIndicesSummed(claim, outcome, (c) => attempt(c, text, source, options));
  if (outcome.verdict === 'refuted') outcome = withPercentAsUnit(claim, text, source, options, outcome);
  if (outcome.verdict === 'unchecked' && outcome.message.startsWith(ZERO_DERIVATIVE))
    outcome = withNamedParts(claim, text, source, options, outcome);
  // A formula in a worked example's name, verified at the example alone (claim/atExample.ts).
  if (outcome.verdict === 'verified' && claim.atExample)
    outcome = beyondTheExample(claim, outcome, (c) => attempt(c, text, source, options));
  // A letter read with the sign of its ended example's value (claim/exampleSign.ts).
  if (outcome.verdict === 'verified')
    outcome = withExampleSignDropped(claim, outcome, (c) => attempt(c, text, source, options));
  const {
    pairs,
    shown,
    unknown,
    verifiedAt: _at,
    approach: _approach,
    failedEverywhere: _everywhere,
    smoothEverywhere: _smooth,
    atSolution,
    ...rest
  } = outcome;
  let result: ClaimResult;
  if (unknown) {
    const hints = unknownHints(claim, unknown, source, displayName, (c) =>
      attempt(c, text, source, {
        ...options,
        collectSamples: false,
        workBudget: Math.min(options.workBudget, HINT_WORK_BUDGET),
      }),
    );
    result = {
      ...base,
      ...rest,
      message: hints.message,
      details: hints.details,
      declarations: hints.declarations,
    };
  } else if (
    rest.verdict === 'refuted' &&
    claim.condition &&
    !atSolution &&
    !sameAtEverySample(claim.workedValue, pairs)
  ) {
    // A relation the prose frames as a setting or constraint is not refuted (model/prose.ts).
    result = uncheckedOutcome(`unchecked: ${claim.condition}; it does not hold at the sampled values`, {
      ...base,
      ...rest,
    });
  } else {
    const diagnosis =
      rest.verdict === 'refuted' && pairs && (claim.op === '=' || claim.op === '\\approx')
        ? diagnose(pairs, { lhs: claim.lhs, rhs: claim.rhs, source })
        : null;
    const residual =
      rest.verdict === 'refuted' && shown && claim.op === '='
        ? symbolicResidual(
            claim.lhs,
            claim.rhs,
            claim,
            { left: shown.left, right: shown.right, inputs: shown.trial.inputs },
            displayName,
          )
        : null;
    // The residual says what is wrong; a simpler diagnosis (a factor, a sign) says it shorter.
    if (residual) {
      rest.details = [residual, ...rest.details];
      if (!diagnosis) rest.message = withHeadline(rest.message, residual);
    }
    result = diagnosis
      ? {
          ...base,
          ...rest,
          message: withHeadline(rest.message, diagnosis.headline),
          diagnosis: diagnosis.headline,
          fix: diagnosis.fix ?? undefined,
        }
      : { ...base, ...rest };
  }
  // Every printed value is already short; this bounds what a message can carry in any case.
  const details =
    result.details.length > 40
      ? [...result.details.slice(0, 39), `… ${result.details.length - 39} more lines`]
      : result.details;
  return { ...result, message: capText(result.message), details: details.map((d) => capText(d)) };
}

const ORDER_RELATIONS = new Set<string>(['<', '>', '\\le', '\\ge']);

/**
 * An inequality verified on the usual samples, looked at again with scalars drawn far wider
 * (wideSamples.ts): a counterexample there refutes it; anything else keeps the verification. An
 * equation is looked at so too when it met pieces (pieces.ts).
 */
function beyondTheWindow(
  claim: Claim,
  text: string,
  source: string,
  options: ClaimOptions,
  first: Outcome,
): Outcome {
  readerGuessFailed.met = false;
  readerGuessFailed.inequalitiesOnly = false;
  const wide = attempt({ ...claim, settings: { ...claim.settings, widened: true } }, text, source, options);
  const equation = !ORDER_RELATIONS.has(claim.op);
  const reach = `magnitudes from 1/${WIDE_REACH} to ${WIDE_REACH}`;
  // `z \le 5` with z a letter nothing declares: read as any number, it held in the window only.
  if (
    wide.verdict === 'unchecked' &&
    readerGuessFailed.met &&
    !(equation && readerGuessFailed.inequalitiesOnly)
  ) {
    const names = (wide.unknown ?? []).map((n) => displayName(n.name));
    if (names.length === 0)
      return { ...wide, message: `${wide.message} (at a sample beyond the usual range: ${reach})` };
    const [them, numbers] = names.length > 1 ? ['them', 'numbers'] : ['it', 'number'];
    const message =
      `unchecked: nothing declares ${names.join(', ')}; read as any ${numbers}, ` +
      `the claim holds at the usual samples but fails beyond them (${reach}): declare ${them} ` +
      `(the set, or the range meant) to have it checked`;
    return { ...wide, unknown: undefined, message };
  }
  // Samples out there the comparison could not tell from counterexamples: the verification is void.
  // Not for an equation: its second look is for pieces, and huge magnitudes are often beyond doubles.
  if (wide.verdict === 'unchecked' && wide.undecided && !equation)
    return { ...wide, message: `${wide.message} (at samples beyond the usual range: ${reach})` };
  if (wide.verdict !== 'refuted') return first;
  return { ...wide, message: `${wide.message} (a sample beyond the usual range: ${reach})` };
}

/**
 * `\lceil a \rceil - \lfloor a \rfloor = 1`, `\operatorname{sign}(x)^2 = 1`: a claim with pieces that
 * fails only where they meet — at whole numbers, at 0 — holds at every usual sample. A verified
 * one is checked again with its real letters at whole and half numbers (seamSample); a
 * counterexample there with both sides defined refutes it, anything else keeps the first verdict (a
 * side undefined at a seam, `x / |x|` at 0, is the domain's edge, not a slip).
 */
function atTheSeams(
  claim: Claim,
  text: string,
  source: string,
  options: ClaimOptions,
  first: Outcome,
): Outcome {
  // A strict order or ≠ fails at a seam only by a tie (`|u| < |g|/|s|` is 0 < 0 at g = 0), which
  // running text leaves out without saying so: only equations and ≤, ≥ are looked at there.
  if (claim.op !== '=' && claim.op !== '\\le' && claim.op !== '\\ge') return first;
  const seam = attempt({ ...claim, settings: { ...claim.settings, seams: true } }, text, source, options);
  if (seam.verdict !== 'refuted' || /undefined/.test(seam.message)) return first;
  return { ...seam, message: `${seam.message} (a sample where its pieces meet: whole and half numbers)` };
}

/** A Monte Carlo verification whose margin is too wide to tell a slip (closerMonteCarlo.ts). */
function tooNoisy(verified: Outcome): Outcome {
  const margin = monteCarloMet.relativeMargin;
  const width = Number.isFinite(margin) ? `±${formatNumber(100 * margin, 2)}% of the value` : 'wider than 0';
  return uncheckedOutcome(
    `unchecked: the sides agree within the noise of a simulation (five standard errors are ${width}), ` +
      'which a slip of a few percent would pass as well; state it in the parameters of the laws (as ' +
      '\\mathbb{E}[T] = n/p), which is compared at several of their values, to have it checked',
    { details: verified.details, trials: verified.trials, maxError: verified.maxError },
  );
}

/** A Monte Carlo verification checked again with more draws (closerMonteCarlo.ts). */
function withMoreDraws(
  claim: Claim,
  text: string,
  source: string,
  options: ClaimOptions,
  first: Outcome,
): Outcome {
  const draws = MONTE_CARLO_SAMPLES * CLOSER_DRAWS_FACTOR;
  const settings = { ...claim.settings, monteCarloSamples: draws };
  const closer = attempt({ ...claim, settings }, text, source, options);
  if (closer.verdict === 'verified') return closer;
  if (closer.verdict !== 'refuted') return first;
  const message =
    `${closer.message} (with ${draws.toLocaleString('en-US')} draws per trial: the ` +
    `${MONTE_CARLO_SAMPLES.toLocaleString('en-US')} of a first look could not tell the sides apart)`;
  return { ...closer, message };
}

/**
 * `\frac{\partial J}{\partial s}` with s naming a part of J's formula written after it (namedParts.ts):
 * verified when it holds with J read through s; anything else keeps the first verdict.
 */
function withNamedParts(
  claim: Claim,
  text: string,
  source: string,
  options: ClaimOptions,
  first: Outcome,
): Outcome {
  const reading = namedPartsReading(claim);
  if (!reading) return first;
  const second = attempt(reading.claim, text, source, options);
  return second.verdict === 'verified' ? { ...second, message: `${second.message} ${reading.how}` } : first;
}

/** `100(e^b - 1) \approx 9.46\%`: refuted only if it fails with the % read as the unit too. */
function withPercentAsUnit(
  claim: Claim,
  text: string,
  source: string,
  options: ClaimOptions,
  first: Outcome,
): Outcome {
  const reading = percentAsUnit(claim, source);
  if (!reading) return first;
  const second = attempt(reading.claim, text, source, options);
  if (!reading.scaled)
    return second.verdict === 'verified'
      ? uncheckedOutcome(
          'unchecked: it holds only with the % read as the unit of a number of percent, and the ' +
            'other side writes no factor 100 to say it is one (read as a hundredth, it fails); ' +
            'write the 100 (`100 \\cdot …`) or the hundredths',
          { details: first.details, trials: first.trials, maxError: first.maxError },
        )
      : first;
  if (second.verdict === 'refuted')
    return {
      ...second,
      message:
        `${second.message} (the % read as the unit of a number of percent, as the other side is ` +
        `multiplied by 100; read as a hundredth it fails too)`,
    };
  if (second.verdict !== 'verified') return first;
  return {
    ...second,
    message:
      `${second.message} (the other side is multiplied by 100, so the % is read as the unit of ` +
      `a number of percent, not as a hundredth)`,
  };
}

function sizedBySide(side: Node, f: Fn, g: Fn, c: CompileEnv): Fn {
  if (!hasUnsizedOnes(side, c)) return f;
  return (t) => {
    try {
      return f(t);
    } catch (err) {
      if (!V.isUnsizedOnes(err)) throw err;
      return V.withOnesSize(V.rowsOf(g(t)), () => f(t));
    }
  };
}

/**
 * `(\operatorname{diag}(s) - ss^\top)\mathbf{1} = \mathbf{0}`: a side that is an unsized 𝟎 alone is
 * the zero of the other side's shape, as a reader reads it; the other side is still evaluated, so
 * a claim whose other side has no shape stays unchecked.
 */
function zeroLikeSide(side: Node, other: Node, f: Fn, g: Fn): Fn {
  if (!isUnsizedZeros(side) || isUnsizedZeros(other)) return f;
  return (t) => V.zerosLike(g(t));
}

function isUnsizedZeros(n: Node): boolean {
  return n.kind === 'sym' && n.name === '\\mathbf{0}' && n.subText === null;
}

const LEVEL_BELOW =
  '(the level under the letter read as the probability below the value, as in a table of quantiles)';
const AS_PRINTED =
  '(with the critical value as a table prints it, to three decimals, and rounded again from there)';
const LEVELS_FAIL =
  '(the level under the letter read as the probability above the value, and below it, both fail)';

/**
 * A claim with a critical value read with its level as the probability above it and not verified,
 * tried again with the level below it (verified there: the other convention of tables); refuted, for z and
 * t with the level split over both tails (holding only there: unchecked, the one-sided value differs).
 */
function underCriticalLevels(
  claim: Claim,
  text: string,
  source: string,
  options: ClaimOptions,
  first: Outcome,
): Outcome {
  const under = (level: CriticalLevel, printed = false): Outcome => {
    criticalReading.level = level;
    criticalReading.printed = printed;
    try {
      return attempt(claim, text, source, options);
    } finally {
      criticalReading.level = 'above';
      criticalReading.printed = false;
    }
  };
  const below = under('below');
  if (below.verdict === 'verified')
    return {
      ...below,
      message: `${below.message} ${LEVEL_BELOW}`,
    };
  if (first.verdict !== 'refuted') return first;
  const bare = { ...first, pairs: undefined, shown: undefined };
  if (below.verdict !== 'refuted')
    return uncheckedOutcome(
      'unchecked: refuted with the level under the letter read as the probability above the value, and ' +
        `the reading with the probability below it could not be checked (${below.message})`,
      bare,
    );
  // `z_{0.05} = 1.65`: the table's 1.645 rounded again, as courses round it (1.6449 itself is 1.64).
  for (const level of ['above', 'below'] as const) {
    const printed = under(level, true);
    if (printed.verdict === 'verified') return { ...printed, message: `${printed.message} ${AS_PRINTED}` };
  }
  if (criticalReading.symmetric && !criticalReading.lettered && under('two-sided').verdict === 'verified')
    return uncheckedOutcome(
      'unchecked: this holds only if the level under the letter is split over both tails (a two-sided ' +
        'table), not as the probability above the value or below it; write the one-sided level ' +
        '(z_{0.025} = 1.96) to have it checked',
      bare,
    );
  return {
    ...first,
    message: `${first.message} ${LEVELS_FAIL}`,
  };
}

/** The refutation of a claim with a plain \log, tried again in base 2 and then 10 (logBase.ts). */
function underLogBases(
  claim: Claim,
  text: string,
  source: string,
  options: ClaimOptions,
  first: Outcome,
): Outcome {
  // Only a verification in another base changes the verdict: a base that cannot be checked, or
  // fails too, leaves the natural reading's refutation standing.
  for (const reading of [LOG_BASE_2, LOG_BASE_10]) {
    if (!reading.met()) return first;
    reading.switchTo(true);
    let second: Outcome;
    try {
      second = attempt(claim, text, source, options);
    } finally {
      reading.switchTo(false);
    }
    if (second.verdict === 'verified')
      return uncheckedOutcome(reading.secondOnly ?? '', { ...first, pairs: undefined, shown: undefined });
  }
  return first;
}

function underSecondReading(
  reading: SecondReading,
  claim: Claim,
  text: string,
  source: string,
  options: ClaimOptions,
  first: Outcome,
): Outcome {
  if (!reading.met()) return first;
  reading.switchTo(true);
  let second: Outcome;
  try {
    second = attempt(claim, text, source, options);
  } finally {
    reading.switchTo(false);
  }
  const oneOnly = (first.verdict === 'verified') !== (second.verdict === 'verified');
  if (reading.eitherOnly && oneOnly && [first.verdict, second.verdict].includes('refuted'))
    return uncheckedOutcome(reading.eitherOnly, { ...first, pairs: undefined, shown: undefined });
  if (first.verdict === 'verified')
    return second.verdict === 'refuted' && reading.firstHolds
      ? { ...first, message: `${first.message} ${reading.firstHolds}` }
      : first;
  if (second.verdict === 'verified' && reading.secondOnly)
    return uncheckedOutcome(reading.secondOnly, { ...first, pairs: undefined, shown: undefined });
  if (second.verdict === 'verified')
    return { ...second, message: `${second.message} ${reading.secondHolds}` };
  if (second.verdict === 'refuted') {
    const shown = reading.bothFailShowsSecond ? second : first;
    return { ...shown, message: `${shown.message} ${reading.bothFail}` };
  }
  return uncheckedOutcome(reading.secondUnchecked(second.message), {
    ...first,
    pairs: undefined,
    shown: undefined,
  });
}

/**
 * `y_i W_{ik}` with i written twice in a term and not on the other side: for each i, or — where the
 * document states the summation convention — summed over i (model/repeatedIndices.ts). There a
 * refutation needs the sum to fail too; elsewhere the refutation says that the sum would hold.
 */
function withRepeatedIndicesSummed(claim: Claim, first: Outcome, again: (c: Claim) => Outcome): Outcome {
  const isIndex = (name: string) => !claim.env.lookup(name, claim.block) && !claim.env.isDimension(name);
  const lhs = repeatedIndicesSummed(claim.lhs, [claim.rhs], isIndex);
  const rhs = repeatedIndicesSummed(claim.rhs, [claim.lhs], isIndex);
  if (!lhs && !rhs) return first;
  const summed = [...new Set([...(lhs?.summed ?? []), ...(rhs?.summed ?? [])])].join(', ');
  const second = again({ ...claim, lhs: lhs?.node ?? claim.lhs, rhs: rhs?.node ?? claim.rhs });
  // A document that does not state the convention writes its sums: a missing one is a slip.
  if (!claim.settings.indexSums)
    return second.verdict === 'verified'
      ? {
          ...first,
          message:
            `${first.message} (summed over the repeated index ${summed} it holds; if the document uses ` +
            'the summation convention, state it, or write the sum)',
        }
      : first;
  if (second.verdict === 'verified')
    return {
      ...second,
      message: `${second.message} (reading the repeated index ${summed} as summed, as index notation does)`,
    };
  if (second.verdict === 'refuted')
    return {
      ...second,
      message:
        `${second.message} (the repeated index ${summed} summed; for each value of ${summed} it ` +
        'fails too)',
    };
  return uncheckedOutcome(
    `unchecked: it fails for each value of ${summed}, and summed over the repeated index ${summed} (index ` +
      `notation) it could not be checked (${second.message.replace(/^unchecked: /, '')}); write the ` +
      `sum with \\sum_{${summed}}`,
    { ...first, pairs: undefined, shown: undefined },
  );
}

/**
 * exp of a square matrix (`e^{At}`, `\exp(A)`) is taken entry by entry first and then as the matrix
 * exponential. A verification under either says which held; a refutation needs both to fail, and
 * a claim that failed entrywise and cannot be checked as the matrix exponential stays unchecked.
 */
function underMatrixExponential(first: Outcome, again: () => Outcome): Outcome {
  const entrywiseFailed = first.verdict === 'refuted' || isEntrywiseMessage(first.message);
  if (first.verdict !== 'verified' && !entrywiseFailed) return first;
  matrixExponentialReading.on = true;
  let second: Outcome;
  try {
    second = again();
  } finally {
    matrixExponentialReading.on = false;
  }
  if (first.verdict === 'verified')
    return second.verdict === 'refuted'
      ? {
          ...first,
          message:
            `${first.message} (exp of a square matrix taken entry by entry; as the matrix ` +
            'exponential the claim fails)',
        }
      : first;
  if (second.verdict === 'verified')
    return {
      ...second,
      message:
        `${second.message} (reading exp of a square matrix as the matrix exponential; entry by ` +
        'entry it fails)',
    };
  if (second.verdict === 'refuted')
    return {
      ...second,
      message:
        `${second.message} (exp of a square matrix read as the matrix exponential; entry by ` +
        'entry it fails too)',
    };
  return first;
}

/**
 * `\frac{\partial \hat{x}_i}{\partial x_i}` of a definition that uses x_i directly and through
 * other definitions (μ, σ²) means, in backpropagation notes, the partial with those held fixed.
 * A refutation needs that reading to fail too; a verification under it says so.
 */
function withIntermediatesHeld(
  claim: Claim,
  text: string,
  source: string,
  options: ClaimOptions,
  total: Outcome,
): Outcome {
  const held = heldDefinitions(claim);
  if (held.length === 0) return total;
  readings.holdIntermediates = true;
  let local: Outcome;
  try {
    local = attempt(claim, text, source, options);
  } finally {
    readings.holdIntermediates = false;
  }
  if (local.verdict !== 'verified') return total;
  return {
    ...local,
    message:
      `${local.message} (reading ∂ as the partial with ${held.map(displayName).join(', ')} held ` +
      'fixed; through them it is refuted)',
  };
}

function attempt(claim: Claim, text: string, source: string, options: ClaimOptions): Outcome {
  const signs = plusMinusBranches(claim, text);
  if (!signs) return ofUnsampledKinds(claim, attemptOneReading(claim, text, source, options));
  const minus = attemptOneReading(signs.minus, text, source, options);
  const plus = attemptOneReading(signs.plus, text, source, options);
  return ofUnsampledKinds(claim, bothSigns(minus, plus));
}

/**
 * "Let $K \in \mathbb{R}^{n \times n}$ be skew-symmetric. Then $K^\top = -K$.": the words name a
 * kind of matrix no sample is drawn as (model/matrixWords.ts), so K was drawn as a general matrix,
 * which is not what the author wrote. A failure there says nothing of the claim: unchecked, naming
 * the kind. A verified equation, ≤ or ≥ stands — these matrices are limits of general ones, and what
 * holds for every general matrix holds there too — but not a ≠ or strict order, which may fail on
 * the kind alone (`\det N \neq 0` for a nilpotent N).
 */
function ofUnsampledKinds(claim: Claim, outcome: Outcome): Outcome {
  const open = claim.op === '\\neq' || claim.op === '<' || claim.op === '>';
  if (outcome.verdict !== 'refuted' && !(outcome.verdict === 'verified' && open)) return outcome;
  const kinds: string[] = [];
  for (const name of relevantNames(claim)) {
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind === 'decl' && e.spec.unsampled) kinds.push(`${displayName(name)} ${e.spec.unsampled}`);
  }
  if (kinds.length === 0) return outcome;
  const what =
    outcome.verdict === 'refuted'
      ? 'it fails for a general matrix'
      : 'it holds for a general matrix, which says nothing of a ≠ or strict order on a special one';
  return uncheckedOutcome(
    `unchecked: ${what}, but the text says ${kinds.join(', ')}, a kind of matrix the checker does ` +
      'not draw samples of; the verdict may come from that alone',
    { ...outcome, pairs: undefined, shown: undefined },
  );
}

/**
 * A ± claim holds when it holds with each sign; the sign that fails is named. The sides compared are
 * the branch's, not the written ones, so the diagnosis of the written sides is left out.
 */
function bothSigns(minus: Outcome, plus: Outcome): Outcome {
  const named = (o: Outcome, sign: string): Outcome => ({
    ...o,
    message: o.message.replace(/^(\w+)(:?)/, `$1 with ${sign} for ±$2`),
    pairs: undefined,
    shown: undefined,
  });
  if (minus.unknown) return minus;
  if (plus.unknown) return plus;
  if (minus.verdict === 'refuted') return named(minus, '−');
  if (plus.verdict === 'refuted') return named(plus, '+');
  if (minus.verdict !== 'verified') return named(minus, '−');
  if (plus.verdict !== 'verified') return named(plus, '+');
  return {
    ...minus,
    message: minus.message.replace(/^verified/, 'verified with each sign of ±'),
    trials: minus.trials + plus.trials,
    maxError: Math.max(minus.maxError, plus.maxError),
    pairs: undefined,
    shown: undefined,
  };
}

function attemptOneReading(written: Claim, text: string, source: string, options: ClaimOptions): Outcome {
  const outcome = attemptReading(written, text, source, options);
  // "For $A$ above, …": the verdict says which earlier value it was reached with (model/build.ts recall).
  if (!written.recalled || outcome.verdict === 'unchecked') return outcome;
  const values = written.recalled.map((t) => `\`${snippet(t)}\``).join(', ');
  return { ...outcome, message: `${outcome.message} (with ${values}, given earlier, as the words say)` };
}

function attemptReading(written: Claim, text: string, source: string, options: ClaimOptions): Outcome {
  // `\pi P = \pi`: a vector written left of a matrix is a row (check/rowVectors.ts).
  const { claim } = withRowVectors(written);
  const plain = (c: Claim) => attemptOnce(c, text, source, options);
  // An unsized 𝟏 or identity nothing around it sizes takes the claim's one vector length (onesLength.ts).
  const retry = (c: Claim) => {
    const o = plain(c);
    if (o.verdict !== 'unchecked') return o;
    if (o.message.includes(V.ONES_UNSIZED)) return withOnesLength(c, plain, '𝟏') ?? o;
    if (o.unsizedBasis) return withOnesLength(c, plain, 'e') ?? o;
    if (o.message.includes(V.IDENTITY_UNSIZED)) return withOnesLength(c, plain, 'I') ?? o;
    return o;
  };
  // `H + \lambda I = 5` after "take $d = 1$": the identity of a one-dimensional case (identityOfOne.ts).
  const retryOne = (c: Claim) => {
    const o = retry(c);
    return o.code === 'shape' ? (withIdentityOfOne(c, retry) ?? o) : o;
  };
  const outcome = supposedConditions(claim, retryOne(claim), retryOne);
  if (outcome.verdict !== 'verified' && !claim.skipReason) {
    // Values carried from an ended example meet the constraints this passage sets, or prove nothing
    // ("If $X$ and $Y$ are independent with $\operatorname{Var}(X) = 4$" after an earlier binomial X).
    const constrained = (c: Claim) => meetingConstraints(c, retry(c), text, source, options);
    const carried =
      carriedWorkedExample(claim, outcome, constrained) ??
      (outcome.unknown ? heldByEarlierDefinitions(claim, retry) : null) ??
      (outcome.unknown ? anyLoss(claim, outcome.unknown, retry, source) : null) ??
      carriedResult(claim, retry);
    if (carried) return carried;
  }
  if (outcome.verdict === 'refuted') {
    const stated = heldByStatedValues(claim, retry);
    if (stated) return stated;
    const held = heldByEndedValues(claim, outcome, retry) ?? shapedInEndedSection(claim, outcome);
    if (held) return held;
  }
  return meetingConstraints(claim, outcome, text, source, options);
}

/**
 * A refutation must hold under the constraints its passage set; drawn again to meet them, the
 * samples usually cannot (‖u‖ = 1 has measure zero), and the claim stays unchecked.
 */
function meetingConstraints(
  claim: Claim,
  outcome: Outcome,
  text: string,
  source: string,
  options: ClaimOptions,
): Outcome {
  if (outcome.verdict !== 'refuted' || !claim.constraints) return outcome;
  const again = attemptOnce(underConstraints(claim), text, source, options);
  const where = CONSTRAINTS_SET;
  const stated = constraintsStated(claim, source);
  // Refuted under them too: the counterexample shown meets them.
  if (again.verdict === 'refuted')
    return {
      ...again,
      message: `${again.message} (under ${stated}, ${where})`,
    };
  return again.verdict === 'verified'
    ? {
        ...again,
        message: `${again.message} (under ${stated}, ${where})`,
      }
    : {
        ...again,
        message:
          `unchecked: it depends on ${stated}, which its passage (or the declaration of its names) ` +
          `sets as a constraint and random samples do not meet; define the quantity so that it holds ` +
          `(for a unit vector, u := v / \\|v\\|) to have it checked`,
      };
}

const CONSTRAINTS_SET = 'set earlier in its passage or with the declaration of its names';

/** The reason of a claim no sample met the conditions of (attemptOnce): the start of its message. */
const CONDITIONS_NEVER_MET = 'no sample met the conditions';

/**
 * "If $V = \mathbf{1}_n v^\top$, then $PV = \mathbf{1}_n v^\top$": a condition of the claim's sentence that
 * solves for a sampled name (solvedConstraints.ts) is met by reading the name as its expression, where
 * random samples of the name never meet it. Only when the samples did not (`first`); a counterexample
 * found so meets the condition.
 */
function supposedConditions(claim: Claim, first: Outcome, retry: (c: Claim) => Outcome): Outcome {
  if (first.verdict !== 'unchecked' || !first.message.includes(CONDITIONS_NEVER_MET)) return first;
  const supposed = solveConstraints(claim, claim.assumptions, true);
  if (supposed.solved.length === 0) return first;
  const again = retry({ ...supposed.claim, assumptions: supposed.rest });
  if (again.verdict === 'unchecked' && again.message.includes(CONDITIONS_NEVER_MET)) return first;
  const names = supposed.solved.map(displayName).join(', ');
  return { ...again, message: `${again.message} (${names} read as its condition supposes)` };
}

/** The constraints of the claim's passage as written, for messages. */
function constraintsStated(claim: Claim, source: string): string {
  const written = (claim.constraints ?? []).map((c) => `$${source.slice(c.start, c.end).trim()}$`);
  return [...new Set(written)].join(', ');
}

/**
 * The claim with the constraints of its passage as assumptions, samples drawn to meet them; a
 * constraint that solves for a sampled name is met by construction (check/solvedConstraints.ts).
 */
function underConstraints(claim: Claim): Claim {
  const solved = solveConstraints(claim, claim.constraints ?? []);
  return { ...solved.claim, assumptions: [...claim.assumptions, ...solved.rest], constraints: undefined };
}

/**
 * A verified claim whose searches past the samples refuted it at a point that may not meet the
 * constraints of its passage: verified and searched again under them. A refutation found so meets
 * them; when samples cannot be drawn to meet them, the first verdict (on the usual samples) stands.
 */
function searchedUnder(
  claim: Claim,
  at: { text: string; source: string; options: ClaimOptions },
  verified: Outcome,
  searched: (c: Claim, o: Outcome) => Outcome,
): Outcome {
  const under = underConstraints(claim);
  const again = attempt(under, at.text, at.source, at.options);
  const found = again.verdict === 'verified' ? searched(under, again) : again;
  if (found.verdict !== 'refuted') return verified;
  return {
    ...found,
    message: `${found.message} (under ${constraintsStated(claim, at.source)}, ${CONSTRAINTS_SET})`,
  };
}

/** The claim verified with undefined losses read as any functions of their named gradients' quantities. */
function anyLoss(
  claim: Claim,
  unknown: import('../math/tree').SymNode[],
  check: (c: Claim) => Outcome,
  source: string,
): Outcome | null {
  // Formulas of ended sections serve as they do for any unknown name (heldByEarlierDefinitions).
  const earlier = endedDefinitionsOf(claim);
  const widened = withEnded(claim, earlier);
  const reads = upstreamLosses(
    widened,
    unknown.filter((u) => !earlier.some((e) => e.name === u.name)),
  );
  if (!reads) return null;
  const env = reads.reduce((e, read) => e.with(read.entry), widened.env);
  const read = { ...widened, env };
  const outcome = check(read);
  const functionOf = (read: (typeof reads)[number]) =>
    `any smooth function of ${read.of.map((o) => displayName(o.name)).join(' and ')}`;
  const readingOnly =
    reads.length === 1
      ? `reading ${displayName(reads[0].loss)}, which the text does not define, as ${functionOf(reads[0])}`
      : `reading ${reads.map((r) => `${displayName(r.loss)} as ${functionOf(r)}`).join(', ')} ` +
        '(the text defines none of them)';
  // A shape error does not depend on which function the loss is (lossShapes.ts).
  if (failsOnShapes(outcome)) {
    const losses = reads.map((r) => ({ kind: 'sym', name: r.loss }) as import('../math/tree').SymNode);
    return shapesUnderAnyLoss(read, losses, outcome, check, source, readingOnly);
  }
  if (outcome.verdict !== 'verified') return null;
  const reading = `${readingOnly}: the claim holds whatever ${reads.length === 1 ? 'it is' : 'they are'}`;
  return {
    ...outcome,
    message:
      `${outcome.message} (${reading}` +
      (earlier.length > 0
        ? `; with ${earlier.map((e) => displayName(e.name)).join(', ')} as given earlier in a passage ` +
          'or section that has ended)'
        : ')'),
  };
}

/**
 * A shape error beside a name that words made a matrix or vector of no given size
 * (model/sizelessWords.ts): that size was the reader's choice, not the author's, so the claim is
 * unchecked rather than refuted.
 */
function sizelessShapes(claim: Claim, recheck: (c: Claim) => Outcome): Outcome | null {
  const sized = (e: ReturnType<typeof claim.env.lookup>) =>
    e?.kind === 'decl' && e.spec.shape.some((axis) => axis.kind === 'sym' && axis.name === WORDS_SIZE);
  const relevant = [...relevantNames(claim)];
  const names = relevant.filter((name) => sized(claim.env.lookup(name, claim.block)));
  if (names.length === 0) return null;
  const one = names.length === 1;
  // "Throughout $x \in \mathbb{R}^n$ … let $Q$ be an orthogonal matrix; then $\|Qx\| = \|x\|$": the
  // only size the claim's other names have is the one a careful reader gives Q.
  const others = new Set<string>();
  for (const name of relevant) {
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind !== 'decl' || names.includes(name)) continue;
    for (const axis of e.spec.shape)
      if (axis.kind === 'sym' && axis.name !== WORDS_SIZE) others.add(axis.name);
  }
  if (others.size === 1) {
    const [size] = others;
    const outcome = recheck(withWordsSize(claim, names, size));
    if (outcome.verdict !== 'unchecked')
      return {
        ...outcome,
        message:
          `${outcome.message} (${names.map(displayName).join(', ')} of size ${displayName(size)}, the ` +
          'size the other names give: words named ' +
          `${one ? 'it' : 'them'} without one)`,
      };
  }
  return uncheckedOutcome(
    `unchecked: the shapes do not fit, and ${names.map(displayName).join(', ')} ${one ? 'is' : 'are'} ` +
      `of no given size (words named ${one ? 'it' : 'them'} without one); declare the sizes ` +
      '(A \\in \\mathbb{R}^{n \\times n}) to have it checked',
    { details: [], trials: 0, maxError: 0 },
  );
}

/** The claim with the names words made sizeless given `size` for the reader's size (sizelessWords.ts). */
function withWordsSize(claim: Claim, names: string[], size: string): Claim {
  let env = claim.env;
  for (const name of names) {
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind !== 'decl') continue;
    const shape = e.spec.shape.map((axis) =>
      axis.kind === 'sym' && axis.name === WORDS_SIZE ? makeSym(size, axis.start, axis.end) : axis,
    );
    env = env.with({ ...e, spec: { ...e.spec, shape } });
  }
  return { ...claim, env };
}

/** The claim checked again with the identity beside a number read as 1×1 (identityOfOne.ts), or null. */
function withIdentityOfOne(claim: Claim, check: (c: Claim) => Outcome): Outcome | null {
  const size = sizeSetToOne(claim);
  if (size === null) return null;
  V.identityOfOneReading.on = true;
  let outcome: Outcome;
  try {
    outcome = check(claim);
  } finally {
    V.identityOfOneReading.on = false;
  }
  if (outcome.code === 'shape') return null;
  const note = `I read as the 1×1 identity: the text sets ${displayName(size)} = 1`;
  return { ...outcome, message: `${outcome.message} (${note})` };
}

/** The claim checked again with an unsized 𝟏 or I taking its one vector length (onesLength.ts), or null. */
function withOnesLength(claim: Claim, check: (c: Claim) => Outcome, what: '𝟏' | 'I' | 'e'): Outcome | null {
  const letter = soleSizeLetter(claim);
  if (letter === null) return null;
  onesLengthReading.on = true;
  let outcome: Outcome;
  try {
    outcome = check(claim);
  } finally {
    onesLengthReading.on = false;
  }
  if (outcome.verdict === 'unchecked') return null;
  const name = displayName(letter);
  return {
    ...outcome,
    message:
      what === 'e'
        ? `${outcome.message} (basis vectors read in ℝ^${name}, the one length of the vectors here)`
        : `${outcome.message} (${what} read as ${what}_${name}, the one length of the vectors here)`,
  };
}

function attemptOnce(claim: Claim, text: string, source: string, options: ClaimOptions): Outcome {
  try {
    return modularReading(claim, decide(claim, text, options));
  } catch (err) {
    return failure(err, source, claim);
  }
}

function decide(claim: Claim, text: string, options: ClaimOptions): Outcome {
  if (claim.skipReason)
    return uncheckedOutcome(`unchecked: ${claim.skipReason}`, { details: [], trials: 0, maxError: 0 });
  if (claim.modulus) {
    const congruence = decideCongruence(claim);
    if (congruence) return congruence;
  }
  const exact = decideExactly(claim);
  if (exact) return exact;
  const series = decideDivergentSeries(claim);
  if (series) return series;

  const first = compileClaim(claim, null);
  // A condition keeps its unknown letters: a range ("for $|x| < 1$") is not a claim on any number.
  const letters = first.cenv.unknown.size && !claim.condition ? freeLetterEntries(claim, first.cenv) : null;
  if (letters) {
    // The reading serves only to verify: a claim that fails for some numbers may be an equation to
    // solve (`x + 1 = 4`) or need what the words say of its letters, so it stays about unknown names.
    const read = readingLetters(claim, text, options, letters);
    if (read) return read;
  }
  const terms = first.cenv.unknown.size && !claim.condition ? termShapeEntries(claim, first.cenv) : null;
  if (terms) {
    const read = readingLetters(claim, text, options, terms);
    if (read) return read;
  }
  if (first.cenv.unknown.size && !claim.condition) {
    const read = termsWithArgumentShapes(claim, text, options, first.cenv);
    if (read) return read;
  }
  try {
    const outcome = judgeCompiled(claim, text, options, first);
    const squares =
      outcome.verdict === 'verified' || claim.condition
        ? null
        : capitalsAsSquares(claim, text, options, first);
    if (squares) return squares;
    const members = claim.condition ? null : memberIndexEntries(outcome.message, first.cenv);
    return (members && readingMemberIndices(claim, text, options, members)) ?? outcome;
  } catch (err) {
    const members =
      err instanceof Unsupported && !claim.condition ? memberIndexEntries(err.message, first.cenv) : null;
    const read = members && readingMemberIndices(claim, text, options, members);
    if (read) return read;
    if (!(err instanceof ShapeMismatch)) throw err;
    const regrouped = slashOverProducts(claim, text, options);
    if (regrouped) return regrouped;
    const entrywise = columnProductsEntrywise(claim, text, options, first);
    if (entrywise) return entrywise;
    if (identityNamedOwn(claim, err.message)) {
      const letters = new Map([['I', inferredReal('I', 'as the quantity the text names in words')]]);
      const own = judgedReading(
        claim,
        text,
        options,
        () => compileClaim(claim, letters),
        IDENTITY_AS_NUMBER,
        true,
      );
      if (own) return own;
    }
    const sizeless = sizelessShapes(claim, (c) => decide(c, text, options));
    if (sizeless) return sizeless;
    const unbound = unboundSizes(claim);
    if (unbound.length > 0)
      return uncheckedOutcome(
        `unchecked: the shapes do not fit (${err.message}), and the size ${unbound.join(', ')} ` +
          `written on I, 𝟏 or 0 sizes none of the names the claim uses, so its value was the ` +
          `reader's choice; declare the names with that size ` +
          `(X \\in \\mathbb{R}^{p \\times ${unbound[0]}}) to have it checked`,
        { details: [], trials: 0, maxError: 0 },
      );
    const letters = suppliedLetters(first.cenv);
    if (letters.length === 0) throw err;
    return readingShapes(claim, text, options, letters, err);
  }
}

/**
 * The claim judged with its rangeless step indices read as any positive integers (memberIndices.ts),
 * or null when that reading decides nothing either (an index past a declared vector's end): the
 * first reason stands.
 */
function readingMemberIndices(
  claim: Claim,
  text: string,
  options: ClaimOptions,
  members: Map<string, Entry>,
  besides: ReadonlyMap<string, Entry> = new Map(),
): Outcome | null {
  try {
    // Steps drawn from the usual few say nothing of late ones: an inequality over them (α_t^t ≥ 10⁻⁹)
    // may hold at every early step and fail later, so only an identity is read so.
    if (ORDER_RELATIONS.has(claim.op)) return null;
    const entries = new Map([...besides, ...members]);
    const outcome = judgeCompiled(claim, text, options, compileClaim(claim, entries));
    return outcome.verdict === 'unchecked' ? null : forMemberIndices(outcome, members);
  } catch (err) {
    if (isOutOfBudget(err)) throw err;
    return null;
  }
}

/**
 * A claim that fails on shapes with a slash before a product (`x^\top L x / x^\top x`): judged with
 * the whole product as the divisor (slashGrouping.ts) when that grouping can be formed, else null.
 */
function slashOverProducts(claim: Claim, text: string, options: ClaimOptions): Outcome | null {
  const lhs = slashOverProduct(claim.lhs);
  const rhs = slashOverProduct(claim.rhs);
  if (!lhs && !rhs) return null;
  const regrouped = { ...claim, lhs: lhs ?? claim.lhs, rhs: rhs ?? claim.rhs };
  const how = '(the product after the slash read as the divisor, the only grouping whose shapes fit)';
  return judgedReading(regrouped, text, options, () => compileClaim(regrouped, null), how, false);
}

/**
 * The claim judged under a second reading, its verdict saying which (`how`); null when the reading
 * cannot be formed either (a shape error again), or, with `verifiedOnly`, when it does not verify.
 */
function judgedReading(
  claim: Claim,
  text: string,
  options: ClaimOptions,
  compiled: () => ReturnType<typeof compileClaim>,
  how: string,
  verifiedOnly: boolean,
): Outcome | null {
  try {
    const outcome = judgeCompiled(claim, text, options, compiled());
    if (verifiedOnly && outcome.verdict === 'refuted') readerGuessFailed.met = true;
    if (verifiedOnly && outcome.verdict !== 'verified') return null;
    return { ...outcome, message: `${outcome.message} ${how}` };
  } catch (e) {
    if (e instanceof ShapeMismatch) return null;
    throw e;
  }
}

/**
 * A claim that fails on shapes where two columns of one length stand side by side (`\sigma'(z) =
 * \sigma(z)(1 - \sigma(z))` for a vector z): verified with such products taken entry by entry, the
 * meaning machine-learning notes give them, when it holds so; otherwise null.
 */
function columnProductsEntrywise(
  claim: Claim,
  text: string,
  options: ClaimOptions,
  compiled: ReturnType<typeof compileClaim>,
): Outcome | null {
  const products = activationProducts(claim);
  if (products.size === 0) return null;
  columnProductReading.entrywise = products;
  try {
    // Only a verification is kept: a failure leaves the shape error to the rules that weigh it (a
    // letter introduced afresh as a number, a font other than the declaration's).
    const how = '(the product of two vectors written side by side read entry by entry)';
    return judgedReading(claim, text, options, () => compiled, how, true);
  } finally {
    columnProductReading.entrywise = null;
  }
}

/**
 * A claim that fails on shapes with letters the reader supplied as numbers (a function's argument,
 * a derivative's variable): the letters read in the one shape that lets the claim be formed
 * (argumentShapes.ts), or unchecked — the shape error is the reader's guess, not the author's.
 */
function readingShapes(
  claim: Claim,
  text: string,
  options: ClaimOptions,
  letters: ReturnType<typeof suppliedLetters>,
  err: ShapeMismatch,
): Outcome {
  const fitting: { reading: ShapeReading; outcome: Outcome }[] = [];
  const readings = shapeReadings(letters, sizesAround(claim));
  // Whether some reading's failure lies elsewhere than the first one: then the letters' shapes matter.
  let moved = false;
  for (const reading of readings) {
    try {
      const compiled = compileClaim(claim, null, reading);
      fitting.push({ reading, outcome: judgeCompiled(claim, text, options, compiled) });
    } catch (e) {
      // A reading that cannot be evaluated at all (a derivative of a vector argument) fits nothing.
      if (e instanceof ShapeMismatch && (e.start !== err.start || e.end !== err.end)) moved = true;
    }
    if (fitting.length > 1) break;
  }
  // The same failure whatever the letters' shapes (`W x` with mismatched W, x declared, beside σ(t)):
  // the author's shapes fail, and the refutation stands.
  if (fitting.length === 0 && (readings.length > 0 ? !moved : !lettersWithin(claim, letters, err))) throw err;
  const names = letters.map((l) => displayName(l.name));
  if (fitting.length === 1) {
    const { outcome } = fitting[0];
    const shapes = names.length > 1 ? 'shapes' : 'shape';
    const how = `(the only ${shapes} for which its products and sums can be formed)`;
    return outcome.verdict === 'verified' ? { ...outcome, message: `${outcome.message} ${how}` } : outcome;
  }
  const one = names.length === 1;
  return uncheckedOutcome(
    `unchecked: the shapes do not fit (${err.message}) with ${names.join(', ')} read as ` +
      `${one ? 'a number' : 'numbers'}, and nothing declares ${one ? 'its shape' : 'their shapes'}` +
      `${fitting.length > 1 ? ' (several shapes fit)' : ''}: declare ${one ? 'it' : 'them'} ` +
      `(e.g. ${names[0]} \\in \\mathbb{R}^{n}) to have it checked`,
    { details: [], trials: 0, maxError: 0 },
  );
}

/** Whether a supplied letter is written inside the failing operation (in the claim or a definition). */
function lettersWithin(
  claim: Claim,
  letters: ReturnType<typeof suppliedLetters>,
  err: ShapeMismatch,
): boolean {
  const wanted = new Set(letters.map((l) => l.name));
  const definitions = [...relevantNames(claim)].flatMap((name) => {
    const e = claim.env.lookup(name, claim.block);
    return e?.kind === 'def' ? [e.expr] : [];
  });
  let found = false;
  for (const n of [claim.lhs, claim.rhs, ...definitions])
    walk(n, (x) => {
      if (x.kind === 'sym' && wanted.has(x.name) && x.start >= err.start && x.end <= err.end) found = true;
    });
  return found;
}

/**
 * `\nabla f(w) = Aw - b` with f defined on w and b undeclared: the term b takes its shape from `Aw`
 * only once the argument w is read as a vector (argumentShapes.ts). Each reading of the supplied
 * letters under which the unknown names take shapes is judged; verified when every such reading
 * verifies, otherwise null (the claim stays about unknown names).
 */
function termsWithArgumentShapes(
  claim: Claim,
  text: string,
  options: ClaimOptions,
  cenv: ReturnType<typeof compileClaim>['cenv'],
): Outcome | null {
  const letters = suppliedLetters(cenv);
  if (letters.length === 0) return null;
  let kept: Outcome | null = null;
  for (const reading of shapeReadings(letters, sizesAround(claim))) {
    const given = new Map([...reading].map(([name, spec]) => [name, { shape: spec.shape }]));
    // `\nabla L(w) = 2X^\top(Xw - y) + 2\lambda w`: with the argument's shape read, the only unknown
    // left may be a letter read as any number (λ), which no term's shape gives — a Greek one: a
    // Latin letter beside arrays (a bias b_1) is as often a vector.
    const terms = termShapeEntries(claim, cenv, given) ?? greekNumbers(claim, cenv);
    if (!terms) continue;
    let outcome: Outcome;
    try {
      outcome = judgeCompiled(claim, text, options, compileClaim(claim, terms, reading));
    } catch {
      continue;
    }
    if (outcome.verdict === 'refuted') readerGuessFailed.met = true;
    if (outcome.verdict !== 'verified') return null;
    kept ??= outcome;
  }
  return kept;
}

/** The unknown letters of a claim as any real numbers, when every one is a plain Greek letter. */
function greekNumbers(
  claim: Claim,
  cenv: ReturnType<typeof compileClaim>['cenv'],
): Map<string, Entry> | null {
  if (![...cenv.unknown.values()].every(isGreekNumberLetter)) return null;
  return freeLetterEntries(claim, cenv);
}

/**
 * `\frac{\partial}{\partial X} \operatorname{tr}(AX) = A^\top` with X undeclared: read as a number the
 * variable makes the claim fail, yet a capital names a matrix. Each capital the reader supplied (a
 * derivative's variable, an argument) is tried as a square matrix of each size the claim's names use;
 * verified only when every reading under which the claim can be formed verifies, else null.
 */
function capitalsAsSquares(
  claim: Claim,
  text: string,
  options: ClaimOptions,
  first: ReturnType<typeof compileClaim>,
): Outcome | null {
  if (first.cenv.unknown.size > 0) return null;
  let kept: Outcome | null = null;
  for (const reading of squareReadings(suppliedLetters(first.cenv), sizesAround(claim))) {
    let outcome: Outcome;
    try {
      outcome = judgeCompiled(claim, text, options, compileClaim(claim, null, reading));
    } catch {
      continue;
    }
    if (outcome.verdict !== 'verified') return null;
    kept ??= outcome;
  }
  return kept;
}

function readingLetters(
  claim: Claim,
  text: string,
  options: ClaimOptions,
  given: Map<string, Entry>,
): Outcome | null {
  try {
    let letters = given;
    let compiled = compileClaim(claim, letters);
    // `K\left(\frac{1}{s} - \frac{\tau}{\tau s + 1}\right)`: while K was unknown its bracket was a call's
    // arguments, never compiled; read as a number, K multiplies it, and the letters inside show.
    for (let round = 0; round < 3 && compiled.cenv.unknown.size > 0; round++) {
      const more = freeLetterEntries(claim, compiled.cenv);
      if (!more) break;
      letters = new Map([...letters, ...more]);
      compiled = compileClaim(claim, letters);
    }
    // Letters whose values from running text ended are generic objects of that value's kind (a
    // positive integer after `x = 1`): beside them, an inequality or a claim under a condition could
    // hold only for that kind — `x^2 < y^2` under `x < y` for a positive x. Identities stand.
    const ordered = claim.op !== '=' && claim.op !== ':=' && claim.op !== '\\approx';
    if (compiled.cenv.generic.size > 0 && (ordered || claim.assumptions.length > 0)) return null;
    const generic = [...compiled.cenv.generic];
    let outcome: Outcome | null = null;
    try {
      outcome = judgedWithMemberIndices(claim, text, options, compiled, letters);
    } catch (err) {
      if (generic.length === 0) throw err;
    }
    // The ended example's kind is the reader's guess: a padding `p = 2` makes the next question's
    // `\mathrm{Bernoulli}(1 - p)` undefined at every sample, where a new question meant any p.
    if (generic.length > 0 && (!outcome || (outcome.verdict === 'unchecked' && outcome.trials === 0))) {
      const ended = generic.map((name) => [name, inferredReal(name, ENDED_LETTER_HOW)] as const);
      letters = new Map([...letters, ...ended]);
      outcome = judgedWithMemberIndices(claim, text, options, compileClaim(claim, letters), letters);
    }
    if (!outcome) return null;
    if (outcome.verdict === 'refuted') readerGuessFailed.met = true;
    // A derivative identity of smooth sides wrong at every sample is refuted, whoever supplied the
    // letters (claim/smoothDerivative.ts): no value of them written in words rescues it.
    return outcome.verdict === 'verified' || outcome.smoothEverywhere ? outcome : null;
  } catch {
    // Read as numbers, the letters do not fit what surrounds them (a shape, an index): not numbers.
    return null;
  }
}

/**
 * The claim judged under the reader's letters; when that stops at a step index nothing ranges
 * (`D_t` of a family, beside `x_t` read as any vector), read with the index as any positive integer
 * besides the letters, as a claim with declared letters is (readingMemberIndices).
 */
function judgedWithMemberIndices(
  claim: Claim,
  text: string,
  options: ClaimOptions,
  compiled: ReturnType<typeof compileClaim>,
  letters: Map<string, Entry>,
): Outcome {
  try {
    return judgeCompiled(claim, text, options, compiled);
  } catch (err) {
    const members = err instanceof Unsupported ? memberIndexEntries(err.message, compiled.cenv) : null;
    const read = members && readingMemberIndices(claim, text, options, members, letters);
    if (!read) throw err;
    return read;
  }
}

function judgeCompiled(
  claim: Claim,
  text: string,
  options: ClaimOptions,
  compiled: ReturnType<typeof compileClaim>,
): Outcome {
  const { cenv, lhs, rhs, assumptions, indexConditions, compileNode } = compiled;
  if (cenv.unknown.size) {
    const nodes = [...cenv.unknown.values()];
    throw new UnknownInClaim(
      nodes.map((n) => displayName(n.name)),
      nodes,
    );
  }
  const literals = decimalLiterals(claim);
  const runner = new Runner(claim, cenv, lhs, rhs, assumptions, compileNode, options, text, literals);
  runner.indexConditions = indexConditions;
  const outcome = forTableSupports(
    forRecurrenceIndices(
      forSumBounds(
        forAnyLaw(
          forMomentLaws(runner.run(), cenv.momentLaws, (family) => {
            const again = new Runner(
              claim,
              cenv,
              lhs,
              rhs,
              assumptions,
              compileNode,
              options,
              text,
              literals,
            );
            again.indexConditions = indexConditions;
            again.momentFamily = family;
            return again.run();
          }),
          cenv.anyLaw,
        ),
        cenv.bounds,
      ),
      cenv.recurrenceIndices,
    ),
    cenv.tableSupports,
  );
  const smoothRefuted =
    smoothDerivativeRefuted(outcome, claim, cenv) ?? characteristicPolynomialRefuted(outcome, claim, cenv);
  const argued = forBareFunctions(
    forConstantsRead(smoothRefuted ?? forFunctionArguments(outcome, cenv.arguments), cenv.constantsRead),
    cenv.bareFunctions,
  );
  // A condition that fails is reported as one (checkClaim), whatever the vector.
  if (claim.condition || smoothRefuted) return argued;
  return forParticular(generically(forInferred(argued, cenv.inferred), cenv.generic), cenv.particular, claim);
}

/**
 * The claim's sides, assumptions and index conditions compiled; `letters`: unknown letters read as
 * any real number (freeLetters.ts), on a second compilation once the first has found them.
 */
function compileClaim(claim: Claim, letters: Map<string, Entry> | null, shapes?: ShapeReading) {
  const cenv = newCompileEnv(claim.env, claim.block);
  const shapeCache = new Map<Node, Fn>();
  const compileNode = (n: Node): Fn => {
    let f = shapeCache.get(n);
    if (!f) {
      f = compile(n, { ...cenv, free: [] });
      shapeCache.set(n, f);
    }
    return f;
  };
  inferRecurrenceIndices([claim.lhs, claim.rhs], cenv);
  inferSumBounds([claim.lhs, claim.rhs], cenv);
  inferDerivativeVariables([claim.lhs, claim.rhs], cenv);
  inferTransformVariables([claim.lhs, claim.rhs], cenv);
  markPrimesBeforeBrackets([claim.lhs, claim.rhs], cenv);
  inferFunctionArguments([claim.lhs, claim.rhs], cenv);
  if (claim.liveFunctions) cenv.liveFunctions = new Set(claim.liveFunctions);
  if (letters) for (const [name, entry] of letters) cenv.variables.set(name, entry);
  if (shapes) applyShapeReading(cenv, shapes);
  const lhsWritten = compile(claim.lhs, cenv);
  const rhsWritten = compile(claim.rhs, cenv);
  // `A\mathbf{1} = \mathbf{1}`: a side that writes an unsized 𝟏 alone takes the other side's rows.
  const lhsAlone: Fn = zeroLikeSide(
    claim.lhs,
    claim.rhs,
    sizedBySide(claim.lhs, lhsWritten, rhsWritten, cenv),
    rhsWritten,
  );
  const rhsAlone: Fn = zeroLikeSide(
    claim.rhs,
    claim.lhs,
    sizedBySide(claim.rhs, rhsWritten, lhsWritten, cenv),
    lhsWritten,
  );
  const sized = onesLengthReading.on ? soleSizeLetter(claim) : null;
  const bySize = (f: Fn): Fn =>
    sized === null ? f : (t) => V.withClaimOnesSize(t.dimension(sized, claim.lhs).v.data[0], () => f(t));
  // Under the first-order reading a side is its value and its first-order part (differentials.ts).
  const parts = (f: Fn, n: Node): Fn => (firstOrder.on ? (t) => firstOrderParts(f(t), n) : f);
  const lhs: Fn = parts(
    bySize((t) => V.identitySizedBy(lhsAlone(t), () => rhsAlone(t))),
    claim.lhs,
  );
  const rhs: Fn = parts(
    bySize((t) => V.identitySizedBy(rhsAlone(t), () => lhsAlone(t))),
    claim.rhs,
  );
  // "for $j \ne i$": a condition on the claim's free indices excludes index values, not samples.
  const indexLetters = new Set(cenv.free.map((s) => s.name));
  const onIndices = (a: Node) => namesIn(a).some((name) => indexLetters.has(name));
  const assumptions = claim.assumptions
    .filter((a) => !onIndices(a))
    .map((a) => compile(a, { ...cenv, free: [] }));
  const indexConditions = claim.assumptions.filter(onIndices).map((a) => compile(a, cenv));
  return { cenv, lhs, rhs, assumptions, indexConditions, compileNode };
}

export class Runner {
  private readonly seed: number;
  private readonly trials: number;
  readonly tolerance: number;

  constructor(
    readonly claim: Claim,
    readonly cenv: CompileEnv,
    readonly lhs: Fn,
    readonly rhs: Fn,
    private readonly assumptions: Fn[],
    private readonly compileNode: (n: Node) => Fn,
    readonly options: ClaimOptions,
    text: string,
    readonly literals: Literal[],
  ) {
    this.seed = combineSeeds(claim.settings.seed >>> 0, hashString(text.replace(/\s+/g, ' ').trim()));
    this.trials = claim.settings.trials;
    this.tolerance = claim.settings.tolerance;
  }

  run(): Outcome {
    const deadline = Date.now() + this.options.timeBudgetMs;
    this.deadline = deadline;
    const results: TrialResult[] = [];
    const resampled: Record<string, number> = {};
    let lastResample = '';
    // The look at an equation's pieces draws no more samples for those that say nothing (pieces.ts).
    const onPieces = this.claim.settings.widened === true && this.claim.op === '=';
    const maxAttempts = onPieces ? this.trials + PIECES_SPARE_ATTEMPTS : this.trials * 5 + 20;
    let sample: SampleValue[] | undefined;
    let done = 0;
    let exhausted = false;
    const singularSizes: Sizes[] = [];
    let target = this.trials;
    const rotating = this.momentFamily === null && this.cenv.momentLaws.size > 0;
    const budget = this.options.workBudget;
    const overTime = () =>
      new OverBudget(
        `the time limit of ${this.options.timeBudgetMs} ms ended the check before the work budget of ` +
          `${formatWork(budget)} operations did — ${SHRINK_ADVICE}`,
      );
    // The work count, not the clock, decides how many trials run: the same input stops at the same
    // trial on any machine. The clock only guards against work the count misses, and then the
    // verdict names no trial count (that would depend on the load).
    meterWork(budget, () => {
      for (let attempt = 0; done < target && attempt < maxAttempts; attempt++) {
        if (Date.now() > deadline) throw overTime();
        const rng = new Rng(combineSeeds(this.seed, attempt));
        const trial = new Trial(this.claim.settings, rng, this.compileNode, deadline);
        trial.deal = { seed: this.seed, attempt };
        trial.momentFamily = this.momentFamily ?? ((attempt % MOMENT_FAMILIES.length) as MomentFamily);
        if (this.options.collectSamples && !sample) trial.recorder = new Map();
        V.setAdContext(trial.ad);
        V.setPrecisionLog(trial.precision);
        V.setReadingsLog(trial.readings);
        notationPieces.met = false;
        try {
          for (const a of this.assumptions) {
            const t = V.tensorOf(a(trial), this.claim.lhs);
            if (t.data.some((x) => x === 0))
              throw new Resample('assumption', 'the assumption does not hold at this sample');
          }
          // The comparisons of the conditions are not the claim's own pieces.
          notationPieces.met = false;
          const perIndex = evaluateOverIndices(this, trial);
          const counted = classify(this, trial, perIndex, results);
          if (!counted) {
            resampled.nan = (resampled.nan ?? 0) + 1;
            lastResample = this.oneUndefinedSkipped > 0 ? 'a side is undefined' : 'both sides are undefined';
            continue;
          }
          done++;
          if (trial.drew && (notationPieces.met || trial.wholeLetter)) piecesMet.met = true;
          if (trial.monteCarlo) monteCarloMet.met = true;
          // Nothing random was drawn: every trial would be this one — unless the next takes the next
          // family of a law given by its moments (claim/momentLaws.ts).
          if (!trial.drew) target = Math.max(done, rotating ? MOMENT_FAMILIES.length : 0);
          // A Monte Carlo trial already averages thousands of samples: a few such trials suffice.
          if (trial.monteCarlo) target = Math.min(target, MONTE_CARLO_TRIALS);
          if (trial.recorder) {
            sample = samplesOf(trial.recorder, this.claim.start, this.claim.end);
            trial.recorder = null;
          }
        } catch (err) {
          if (err instanceof OutOfTime) throw overTime();
          if (err instanceof WorkExhausted) {
            // Out of work with no trial done: nothing to judge.
            if (done === 0)
              throw new OverBudget(
                `one trial needs more than the work budget of ${formatWork(budget)} operations — ` +
                  SHRINK_ADVICE,
              );
            exhausted = true;
            break;
          }
          if (err instanceof Resample) {
            if (err.reason === 'singular') singularSizes.push(trial.drawnSizes());
            resampled[err.reason] = (resampled[err.reason] ?? 0) + 1;
            lastResample = err.message;
            continue;
          }
          throw err;
        } finally {
          V.setPrecisionLog(null);
          V.setReadingsLog(null);
        }
      }
    });
    if (done === 0) {
      const reason = Object.keys(resampled)[0] ?? 'unknown';
      const why: Record<string, string> = {
        singular: 'singular: a matrix was singular at every sample',
        nan: `undefined: no sample gives both sides a finite value (${lastResample})`,
        kink: 'every sample landed on a kink of a non-smooth function',
        assumption:
          `${CONDITIONS_NEVER_MET} it is stated under (an assume directive, or an "if / for / ` +
          'when …" earlier in its sentence)',
        domain: `outside the domain at every sample (${lastResample})`,
      };
      return uncheckedOutcome(`unchecked: ${why[reason] ?? lastResample}`, {
        details: [],
        trials: 0,
        maxError: 0,
      });
    }
    // Judging and the hover's sample re-evaluate sides: they get a budget of their own.
    const judged = meterWork(budget, () => judge(this, results, sample));
    monteCarloMet.deviation = Math.max(monteCarloMet.deviation, largestDeviation(results));
    // The latest run's margin: the closer look's, when it took place.
    if (results.some((r) => r.trial.monteCarlo))
      monteCarloMet.relativeMargin = largestRelativeMargin(results);
    const needed = Math.min(MIN_VERIFYING_TRIALS, target);
    if (exhausted && judged.verdict === 'verified' && done < needed) {
      return uncheckedOutcome(
        `unchecked: over budget — ${done} of ${target} trials finished within the work budget of ` +
          `${formatWork(budget)} operations, and a verification needs ${needed} — ${SHRINK_ADVICE}`,
        { details: [], trials: done, maxError: judged.maxError },
      );
    }
    // The conditions it is stated under rejected most samples (`x^2 < y^2` for `x < y` when x is
    // large): a verification resting on one or two samples that met them shows too little.
    if (judged.verdict === 'verified' && done < needed && (resampled.assumption ?? 0) > 0) {
      return uncheckedOutcome(
        `unchecked: only ${done} of the samples met the conditions it is stated under (an assume ` +
          `directive, or an "if / for / when …" earlier in its sentence), and a verification needs ` +
          `${needed}; declare the letters' ranges so that samples meet them ` +
          `(x \\in (0, 1), \\mathbb{R}_{>0})`,
        { details: [], trials: done, maxError: judged.maxError },
      );
    }
    // Only when singular samples were drawn again: one look per trial, not per index value.
    const restricted =
      judged.verdict === 'verified' && singularSizes.length > 0
        ? sizesWhereDefined(
            [...new Set(results.map((r) => r.trial))].map((t) => t.drawnSizes()),
            singularSizes,
          )
        : null;
    if (restricted)
      return uncheckedOutcome(
        `unchecked: its sides are defined only at ${restricted}: at every sample of other sizes a ` +
          `matrix it inverts was singular, so the samples cannot show it for the sizes declared; ` +
          `declare the sizes it is meant for (a square matrix, say) to have it checked there`,
        { details: [], trials: done, maxError: judged.maxError },
      );
    const shown = meterWork(budget, () => withHoverSample(this, judged, results));
    // Followed only if the look beyond the window finds nothing (checkClaimAsRead).
    if (shown.verdict === 'verified' && ORDER_RELATIONS.has(this.claim.op) && !this.claim.settings.widened)
      return { ...shown, approach: () => this.closestApproach(results, deadline, budget) };
    return shown;
  }

  /**
   * A verified inequality of scalars followed from the samples where its sides came closest
   * (closestApproach.ts): a refutation at a point the search reached, or null.
   */
  private closestApproach(results: TrialResult[], deadline: number, budget: number): Outcome | null {
    if (this.cenv.free.length > 0 || results.some((r) => r.trial.monteCarlo)) return null;
    const below = this.claim.op === '<' || this.claim.op === '\\le';
    const slackOf = (l: Tensor, r: Tensor) => {
      const a = l.data[0];
      const b = r.data[0];
      return (below ? b - a : a - b) / Math.max(1, Math.abs(a), Math.abs(b));
    };
    const starts: { coords: Coordinate[]; x: number[]; slack: number }[] = [];
    for (const r of results) {
      if (r.left.size !== 1 || r.right.size !== 1 || r.trial.inputs.length === 0) continue;
      const coords: Coordinate[] = [];
      for (const { name, value } of r.trial.inputs) {
        const entry = this.claim.env.lookup(name, this.claim.block);
        const range = entry?.kind === 'decl' && value.size === 1 ? continuousRange(entry.spec) : null;
        if (!range) break;
        coords.push({ name, ...range });
      }
      if (coords.length !== r.trial.inputs.length) continue;
      starts.push({ coords, x: r.trial.inputs.map((i) => i.value.data[0]), slack: slackOf(r.left, r.right) });
    }
    starts.sort((a, b) => a.slack - b.slack);
    // Evaluates at a point, the scalars held there while `inside` judges (a decimal re-check too).
    const at = <T>(
      coords: Coordinate[],
      x: readonly number[],
      inside: (trial: Trial, perIndex: ReturnType<typeof evaluateOverIndices>) => T | null,
    ): T | null => {
      const trial = new Trial(
        this.claim.settings,
        new Rng(combineSeeds(this.seed, 7919)),
        this.compileNode,
        deadline,
      );
      V.setAdContext(trial.ad);
      V.setPrecisionLog(trial.precision);
      V.setReadingsLog(trial.readings);
      const body = (): T | null => {
        for (const a of this.assumptions)
          if (V.tensorOf(a(trial), this.claim.lhs).data.some((v) => v === 0)) return null;
        const perIndex = evaluateOverIndices(this, trial);
        // Something besides the scalars moved was drawn: the point is not the sample's neighbour.
        return trial.inputs.length === 0 ? inside(trial, perIndex) : null;
      };
      const bound = (i: number): T | null =>
        i === coords.length
          ? body()
          : trial.withValue(coords[i].name, { v: Tensor.scalar(x[i]), d: null }, () => bound(i + 1));
      try {
        return bound(0);
      } catch (err) {
        if (err instanceof WorkExhausted || err instanceof OutOfTime) throw err;
        return null;
      } finally {
        V.setPrecisionLog(null);
        V.setReadingsLog(null);
      }
    };
    const slackAt = (coords: Coordinate[], x: readonly number[]) =>
      at(coords, x, (_trial, perIndex) => {
        const p = perIndex[0];
        if (!p || !(p.left instanceof Tensor) || !(p.right instanceof Tensor)) return null;
        if (p.left.size !== 1 || p.right.size !== 1) return null;
        const s = slackOf(p.left, p.right);
        return Number.isFinite(s) ? s : null;
      });
    const judgedAt = (coords: Coordinate[], x: readonly number[]) =>
      at(coords, x, (trial, perIndex) => {
        coords.forEach((c, i) => trial.inputs.push({ name: c.name, value: Tensor.scalar(x[i]) }));
        const found: TrialResult[] = [];
        if (!classify(this, trial, perIndex, found)) return null;
        const judged = judge(this, found, undefined);
        return judged.verdict === 'refuted' ? judged : null;
      });
    try {
      return meterWork(budget, () => {
        for (const start of starts.slice(0, APPROACH_STARTS)) {
          const { coords } = start;
          const point = searchViolation(
            coords,
            start.x,
            (x) => slackAt(coords, x),
            (_x, s) => s < -10 * this.tolerance,
          );
          const judged = point && judgedAt(coords, point);
          if (!judged) continue;
          return {
            ...judged,
            message:
              `${judged.message} (found by following the gap between the sides from the sample where ` +
              'they came closest)',
          };
        }
        return null;
      });
    } catch (err) {
      if (err instanceof WorkExhausted) return null;
      throw err;
    }
  }

  /** Undefined sides, double precision that lost the value, higher precision: what one trial says. */
  readonly undefinedOnce: Undefined[] = [];
  /** Samples left out; `undecided` ones may be counterexamples (FLOOR_HIDES_CONSTANT, claim/trials.ts). */
  readonly lostTrials: { trial: Trial; why: string; undecided?: boolean }[] = [];
  bothUndefined = 0;
  /** An order relation with one side undefined states nothing there (it is left out, and said). */
  oneUndefinedSkipped = 0;
  highPrecisionDiffers = 0;
  /** Trials whose agreement rested on the absolute floor alone and that decimals confirmed. */
  floorConfirmed = 0;
  deadline = Infinity;

  /** Forwards to highPrecision (./claim/precision) for the modules that cannot import it. */
  highPrecision(trial: Trial, doubles?: { left: number; right: number } | null): HighPrecisionOutcome | null {
    return highPrecision(this, trial, doubles);
  }

  /** A scalar term's value at a trial, or null where it has none (a vector, an error). */
  termValue(term: Node, trial: Trial): number | null {
    try {
      trial.clearMemo();
      const v = V.tensorOf(this.compileNode(term)(trial), term);
      return v.size === 1 && Number.isFinite(v.data[0]) ? v.data[0] : null;
    } catch (err) {
      if (isOutOfBudget(err)) throw err;
      return null;
    } finally {
      trial.clearMemo();
    }
  }

  /** Forwards to decimalFits (./claim/rounding) for the modules that cannot import it. */
  decimalFits(trial: Trial, digits: number): boolean {
    return decimalFits(this, trial, digits);
  }

  /** `0 \log 0 = 0` at a trial that drew nothing: the convention it states, or null (./claim/conventionLimit). */
  conventionByLimit(): string | null {
    const u = this.undefinedOnce[0];
    if (!u) return null;
    const side = u.side === 'left' ? this.claim.lhs : this.claim.rhs;
    return conventionByLimit(side, u.side === 'left' ? this.rhs : this.lhs, u.trial, this.compileNode);
  }

  /** Forwards to undefinedCounterexample (./claim/messages) for the modules that cannot import it. */
  undefinedCounterexample(trialsRun: number, maxError: number, sample: SampleValue[] | undefined): Outcome {
    return undefinedCounterexample(this, trialsRun, maxError, sample);
  }

  /** Forwards to whereText (./claim/messages) for the modules that cannot import it. */
  whereText(r: { trial: Trial; index: Map<string, number> }): string {
    return whereText(this, r);
  }

  /** Forwards to sampleLines (./claim/messages) for the modules that cannot import it. */
  sampleLines(r: { trial: Trial; index: Map<string, number> }): string[] {
    return sampleLines(this, r);
  }

  relevant: Set<string> | null = null;

  /** One family for every law given by its moments, or null for a family per trial (claim/momentLaws.ts). */
  momentFamily: MomentFamily | null = null;

  /** Conditions on free indices (`j \ne i`): index values where one fails are not compared. */
  indexConditions: Fn[] = [];

  /** Forwards to valueLines (./claim/messages) for the modules that cannot import it. */
  valueLines(r: TrialResult): string[] {
    return valueLines(r);
  }

  /** Forwards to compare (./claim/compare) for the modules that cannot import it. */
  compare(r: TrialResult, absExtra: number): Comparison {
    return compare(this, r, absExtra);
  }

  /** Forwards to fitsWithinRounding (./claim/rounding) for the modules that cannot import it. */
  fitsWithinRounding(r: TrialResult, truncated = false): boolean {
    return fitsWithinRounding(this, r, truncated);
  }
}

/** Whether a claim writes a derivative, whose dual numbers the first-order reading would share. */
function hasDerivative(claim: Claim): boolean {
  let found = false;
  for (const side of [claim.lhs, claim.rhs])
    walk(side, (x) => {
      if (x.kind === 'deriv' || x.kind === 'prime') found = true;
    });
  return found;
}

/**
 * A worked value's quantity (Claim.workedValue) that is the same at every sample: no example the
 * text has in mind can make it another number, so the condition does not shield the claim.
 */
function sameAtEverySample(side: Claim['workedValue'], pairs: SidePair[] | undefined): boolean {
  if (!side) return false;
  return sameValueAtEverySample(pairs, (p) => (side === 'lhs' ? p.left : p.right));
}

/** The open range of a scalar declared over a continuous set, or null for any other set. */
function continuousRange(spec: DeclSpec): { lo: number; hi: number } | null {
  if (spec.shape.length !== 0) return null;
  if (spec.set === 'real') return { lo: -Infinity, hi: Infinity };
  if (spec.set === 'positive') return { lo: 0, hi: Infinity };
  if (spec.set === 'interval' && spec.lo !== undefined && spec.hi !== undefined && spec.lo < spec.hi)
    return { lo: spec.lo, hi: spec.hi };
  return null;
}

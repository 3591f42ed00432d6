// Notation with two standard readings (|A| of a square matrix, softmax of a matrix): how to switch
// between them and what the verdict says about each.
import { readings } from '../evaluate';
import { eigenOrderReading, sigmaReading, softmaxReading } from '../../functions/registry';
import { commutatorReading, daggerReading } from '../readingsLog';
import { oneHotReading } from '../trial';
import { logBaseReading } from '../logBase';
import { angleReading } from '../angleUnit';
import { firstOrder } from '../differentials';

/**
 * Notation with a second standard reading: the claim is checked under the first, then under the
 * second; a refutation needs both to fail, and a verification says which reading held.
 */
export interface SecondReading {
  /** Whether the claim met the notation at all (set while it was checked the first way). */
  met: () => boolean;
  switchTo: (second: boolean) => void;
  /** Appended to a verification under the first reading when the second fails. */
  firstHolds?: string;
  /**
   * When set, a claim that holds under one reading and is refuted under the other is left unchecked
   * with this message, whichever reading holds: nothing in the claim says which the author meant.
   */
  eitherOnly?: string;
  /** Appended to a verification under the second reading. */
  secondHolds: string;
  /** Appended to the refutation when both fail. */
  bothFail: string;
  /**
   * When set, the refutation when both fail is the second reading's: its counterexample is in the
   * terms the document states (angles in degrees), not in the first reading's.
   */
  bothFailShowsSecond?: boolean;
  /** The message when the first refutes and the second cannot be checked. */
  secondUnchecked: (why: string) => string;
  /**
   * When set, a claim that holds only under the second reading is left unchecked with this message
   * instead of verified: the two readings are common in the same fields, so holding under one says
   * nothing about the one the author meant.
   */
  secondOnly?: string;
}

/**
 * `|A|` of a square matrix reads as the determinant in matrix references and entrywise
 * elsewhere.
 */
export const DETERMINANT_BARS: SecondReading = {
  met: () => readings.metMatrixBars,
  switchTo: (second) => {
    readings.barsAsDeterminant = second;
  },
  firstHolds: '(reading |·| of a square matrix entrywise; as its determinant the claim fails)',
  secondHolds: '(reading |·| of a square matrix as its determinant; entrywise it is refuted)',
  bothFail: '(|·| of a square matrix read entrywise; as a determinant it is refuted too)',
  secondUnchecked: (why) =>
    `unchecked: refuted when |·| of a square matrix is read entrywise, and the ` +
    `determinant reading could not be checked (${why})`,
};

/**
 * `|v|` of a vector: entrywise, or its Euclidean length as geometry and physics write it
 * (`|\mathbf a \times \mathbf b| = \sqrt{54}`). A claim refuted entrywise is checked as a length.
 */
export const LENGTH_BARS: SecondReading = {
  met: () => readings.metVectorBars,
  switchTo: (second) => {
    readings.barsAsLength = second;
  },
  secondHolds: '(reading |·| of a vector as its length; entrywise it fails)',
  bothFail: '(|·| of a vector read entrywise; as its length it fails too)',
  secondUnchecked: (why) =>
    'unchecked: refuted when |·| of a vector is read entrywise, and the reading as its length ' +
    `could not be checked (${why})`,
};

/** Softmax of a matrix normalises each column, or each row (the attention convention). */
export const SOFTMAX_ROWS: SecondReading = {
  // One-hot labels of a matrix follow the same batch axis as its softmax (one sample per row or column).
  met: () => softmaxReading.metMatrix,
  switchTo: (second) => {
    softmaxReading.rows = second;
    oneHotReading.rows = second;
  },
  secondHolds: '(softmax of a matrix taken row by row; column by column it fails)',
  bothFail: '(softmax of a matrix by columns; by rows it fails too)',
  secondUnchecked: (why) =>
    'unchecked: refuted when softmax of a matrix normalises each column, and the row-by-row ' +
    `reading could not be checked (${why})`,
};

/**
 * `\sigma(1) \approx 0.731` where σ is also a declared number (a scale, a standard deviation): σ times
 * 1, or the sigmoid the symbol names. Tried only on a refutation; holding only as the function, the
 * claim is left unchecked — the document gives the letter both meanings.
 */
export const VALUE_OR_FUNCTION: SecondReading = {
  met: () => readings.metValueCall,
  switchTo: (second) => {
    readings.valueCallAsFunction = second;
  },
  secondHolds: '',
  secondOnly:
    'unchecked: it holds when the letter before the brackets is the function it names (σ the ' +
    'sigmoid) and fails when it is the number the text declared times the brackets; rename one ' +
    'of the two (or write \\operatorname{sigmoid}) to have it checked',
  bothFail:
    '(the letter before the brackets read as the declared number; as the function it names it fails too)',
  secondUnchecked: (why) =>
    'unchecked: refuted when the letter before the brackets is the declared number, and the reading ' +
    `as the function it names could not be checked (${why})`,
};

/**
 * `H(0.9) = -0.9\log_2 0.9 - …` where H is also a value the text gave: H times 0.9, or H a function
 * (an entropy, a probability) the document names without defining, at 0.9. Tried only on a
 * refutation; the function cannot be evaluated, so the claim is left unchecked.
 */
export const VALUE_AT_NUMBER: SecondReading = {
  met: () => readings.metValueAtNumber,
  switchTo: (second) => {
    readings.valueAtNumberAsFunction = second;
  },
  secondHolds: '',
  bothFail: '(the letter before the brackets read as its value, times the number in them)',
  secondUnchecked: () =>
    'unchecked: refuted when the letter before the brackets is its value times the number in them, ' +
    'but it may be a function at that number (an entropy H(0.9), a probability), which the document ' +
    'does not define; define it (H(p) := …) or write the product with \\cdot to have it checked',
};

/** σ(n) at whole numbers: the logistic sigmoid, or the sum of the divisors of n (number theory). */
export const SIGMA_DIVISORS: SecondReading = {
  met: () => sigmaReading.metWholeNumber,
  switchTo: (second) => {
    sigmaReading.divisorSum = second;
  },
  secondHolds: '(reading σ(n) as the sum of the divisors of n; as the sigmoid it fails)',
  bothFail: '(σ read as the sigmoid; as the sum of divisors it fails too)',
  secondUnchecked: (why) =>
    `unchecked: refuted when σ is the sigmoid, and the divisor-sum reading σ(n) could not be ` +
    `checked (${why})`,
};

/** `[A, B]` of two square matrices of one size: the commutator AB − BA, or the block row [A B]. */
export const COMMUTATOR_OR_BLOCK_ROW: SecondReading = {
  met: () => commutatorReading.met,
  switchTo: (second) => {
    commutatorReading.blockRow = second;
  },
  firstHolds: '(reading [A, B] of square matrices as the commutator AB − BA)',
  secondHolds: '(reading [A, B] of square matrices as the block row [A B]; as the commutator it fails)',
  bothFail: '([A, B] of square matrices read as the commutator AB − BA; as the block row [A B] it fails too)',
  secondUnchecked: (why) =>
    'unchecked: refuted when [A, B] of square matrices is the commutator AB − BA, and the block-row ' +
    `reading [A B] could not be checked (${why})`,
};

/** `A^\dagger`: the pseudo-inverse, or the adjoint of physics (for real values the transpose). */
export const DAGGER_ADJOINT: SecondReading = {
  met: () => daggerReading.met,
  switchTo: (second) => {
    daggerReading.adjoint = second;
  },
  secondHolds: '(reading † as the adjoint, for real values the transpose; as the pseudo-inverse it fails)',
  // Machine-learning notes write X^\dagger for the pseudo-inverse, and X^\dagger = X^T is a slip
  // there: a claim that holds only as the adjoint is not verified.
  secondOnly:
    'unchecked: it holds when † is the adjoint (for real values the transpose) and fails when † is ' +
    'the pseudo-inverse; write ^\\top for the transpose or ^+ for the pseudo-inverse to have it checked',
  bothFail: '(† read as the pseudo-inverse; as the adjoint, the transpose of real values, it fails too)',
  secondUnchecked: (why) =>
    'unchecked: refuted when † is the pseudo-inverse, and the adjoint reading (the transpose of real ' +
    `values) could not be checked (${why})`,
};

/**
 * One-hot labels in a matrix: one label per column, or per row (the batch as rows). Without a softmax
 * in the claim to fix the axis, a claim that holds one way and fails the other is left unchecked.
 */
export const ONE_HOT_AXIS: SecondReading = {
  met: () => oneHotReading.metMatrix && !softmaxReading.metMatrix,
  switchTo: (second) => {
    oneHotReading.rows = second;
  },
  eitherOnly:
    'unchecked: it holds for one-hot labels in one axis of the matrix (one per row, or one per column) ' +
    'and fails for the other, and nothing in the claim says which the text means; state it for one ' +
    'label vector, or with the softmax whose rows or columns the labels follow',
  secondHolds: '(one-hot labels taken one per row)',
  bothFail: '(one-hot labels taken one per column; one per row it fails too)',
  secondUnchecked: (why) =>
    'unchecked: refuted with one-hot labels one per column, and one per row could not be checked ' +
    `(${why})`,
};

/**
 * A plain `\log` in a document that states no base: natural first, then another base. Information
 * theory writes it for log₂ and computer science often for log₁₀, so a claim that holds only in that
 * base is left unchecked, asking which base the document means (check/logBase.ts).
 */
function logBase(base: number): SecondReading {
  return {
    met: () => logBaseReading.met,
    switchTo: (second) => {
      logBaseReading.base = second ? base : null;
    },
    secondOnly:
      `unchecked: it holds when \\log is base ${base} and fails when \\log is natural; say which base ` +
      `the document's logarithms take ("log is base ${base}") or write \\log_{${base}} or \\ln to have ` +
      'it checked',
    secondHolds: `(reading \\log as log base ${base})`,
    bothFail: '',
    secondUnchecked: (why) =>
      `unchecked: refuted when \\log is natural, and the reading in base ${base} could not be checked ` +
      `(${why})`,
  };
}

export const LOG_BASE_2 = logBase(2);
export const LOG_BASE_10 = logBase(10);

/**
 * Angles in degrees, where the document states it ("angles are measured in degrees"): a claim
 * refuted with its bare angles in radians is checked again with them in degrees (../angleUnit.ts).
 */
export const ANGLES_IN_DEGREES: SecondReading = {
  met: () => angleReading.met,
  switchTo: (second) => {
    angleReading.degrees = second;
  },
  secondHolds: '(reading its angles in degrees, as the document states; in radians it fails)',
  bothFail: '(angles read in degrees, as the document states; in radians it fails too)',
  bothFailShowsSecond: true,
  secondUnchecked: (why) =>
    'unchecked: refuted with its angles in radians, and the reading in degrees the document states ' +
    `could not be checked (${why})`,
};

/**
 * `\det(X + dX) = \det X\,(1 + \operatorname{tr}(X^{-1}dX))`: an equation between expressions in
 * differentials is refuted with dX taken whole, and holds to first order, as such notes mean it.
 */
export const FIRST_ORDER: SecondReading = {
  met: () => firstOrder.metDirection && !firstOrder.metOther,
  switchTo: (second) => {
    firstOrder.on = second;
  },
  secondHolds:
    '(to first order in the differentials, as an equation between differentials means: the values ' +
    'and the first-order parts agree; with the differentials taken whole it fails)',
  bothFail: '(to first order in the differentials it fails too)',
  secondUnchecked: (why) =>
    'unchecked: refuted with the differentials taken whole, and the first-order reading could not ' +
    `be checked (${why})`,
};

/**
 * `\lambda_1`, `\lambda_2` after `\lambda = a \pm b`: the two roots, λ_1 with + first, then with −
 * first (compile/plusMinusRoots.ts). A claim that holds in one order only is left unchecked.
 */
export const ROOT_ORDER: SecondReading = {
  met: () => readings.metPlusMinusRoot,
  switchTo: (second) => {
    readings.rootsSwapped = second;
  },
  eitherOnly:
    'unchecked: it holds when the first member is the root with + and fails when it is the root ' +
    'with − (or the other way round), and the ± does not say which is which; only what holds in either ' +
    'order (their sum, their product) is checked',
  secondHolds: '(the root with − taken as the first member)',
  bothFail: '(the root with + taken as the first member; in the other order it fails too)',
  secondUnchecked: (why) =>
    'unchecked: refuted with the root with + as the first member, and the other order could not be ' +
    `checked (${why})`,
};

/**
 * Eigenvalues named in words with no order stated (model/spectrumWords.ts): decreasing first, then
 * increasing. A claim on the whole family holds or fails alike; one that holds in one order only is
 * left unchecked — the text does not say which λ_1 is.
 */
export const EIGEN_ORDER: SecondReading = {
  met: () => eigenOrderReading.met,
  switchTo: (second) => {
    eigenOrderReading.increasing = second;
  },
  eitherOnly:
    'unchecked: it holds with the eigenvalues numbered in one order (largest first, or smallest ' +
    'first) and fails in the other, and the text does not say which; state the order ' +
    '(\\lambda_1 \\ge \\dots \\ge \\lambda_n) to have it checked',
  secondHolds: '(the eigenvalues numbered from the smallest)',
  bothFail: '(the eigenvalues numbered from the largest; from the smallest it fails too)',
  secondUnchecked: (why) =>
    'unchecked: refuted with the eigenvalues numbered from the largest, and from the smallest it ' +
    `could not be checked (${why})`,
};

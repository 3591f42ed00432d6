// What a trial read one way where authors write the same notation for two things. Today: an
// analytic function (exp, log, sin, …) applied to a square matrix, which derivcheck takes entry by
// entry (as code and most machine-learning notes do) while a linear-algebra text means the matrix
// function (`\ln\det S = \operatorname{tr}(\ln S)` holds only for the matrix logarithm).
import type { Node } from '../math/tree';

/**
 * The exponential of a square matrix has a second reading derivcheck evaluates: the matrix
 * exponential, as in control theory and quantum mechanics (`e^{At}`, `e^{-iHt}`). `met` says a
 * claim applied exp to a square matrix; `on` switches the reading for one check (claim.ts).
 */
export const matrixExponentialReading = { met: false, on: false };

/**
 * `[A, B]` of two square matrices of one size: the commutator AB − BA (physics, Lie algebras) or the
 * block row [A B]. `met` says a claim wrote one; `blockRow` switches to the second reading.
 */
export const commutatorReading = { met: false, blockRow: false };

/**
 * `A^\dagger`: the pseudo-inverse (linear algebra, machine learning) or the adjoint of quantum
 * mechanics, the conjugate transpose, which for the real values derivcheck samples is the transpose.
 */
export const daggerReading = { met: false, adjoint: false };

/**
 * Two columns of one length written side by side (`\sigma(z)(1 - \sigma(z))` for a vector z): no
 * matrix product can be formed, and machine-learning notes mean the product entry by entry.
 * `entrywise` holds the products so read for one check, tried only after a shape error (claim.ts):
 * those with an activation beside them, as an author multiplies them entry by entry — not `pq` of
 * two quaternions, whose product is not entry by entry.
 */
export const columnProductReading: { entrywise: ReadonlySet<Node> | null } = { entrywise: null };

/** Functions whose matrix function is standard notation: exp, the logarithm, roots, trigonometry. */
const MATRIX_FUNCTIONS = new Set(['exp', 'log', 'sqrt', 'sin', 'cos', 'sinh', 'cosh']);

export class ReadingsLog {
  /** The first such function taken entry by entry of a square matrix in this trial, as written. */
  entrywiseOfSquare: string | null = null;

  /** Notes `fn` (registry name, shown as `written`) applied entry by entry to a value of `shape`. */
  entrywise(fn: string, written: string, shape: readonly number[]): void {
    if (this.entrywiseOfSquare !== null || !MATRIX_FUNCTIONS.has(fn)) return;
    if (shape.length === 2 && shape[0] === shape[1] && shape[0] >= 2) this.entrywiseOfSquare = written;
  }
}

/** Why a claim refuted under the entrywise reading is left unchecked. */
export function entrywiseMessage(fn: string): string {
  return (
    `${ENTRYWISE_HEAD}${fn} of a square matrix is taken entry by entry here, and so the claim fails; ` +
    `as the matrix function (the matrix exponential, logarithm, square root…) it is not evaluated. ` +
    `If the entrywise function is meant, the claim is false; if the matrix function is meant, ` +
    `check the identity on its eigenvalues (for a diagonal matrix the two readings agree)`
  );
}

const ENTRYWISE_HEAD = 'unchecked: ';
const ENTRYWISE_MARK = 'of a square matrix is taken entry by entry here';

/** Whether a message is the one above: the claim failed only under the entrywise reading. */
export function isEntrywiseMessage(message: string): boolean {
  return message.startsWith(ENTRYWISE_HEAD) && message.includes(ENTRYWISE_MARK);
}

// A relation whose arithmetic the words put modulo a number (model/modularWords.ts): coding notes
// compute codewords and syndromes over GF(2), where `mG = (1, 0, 1, 1, 0, 1, 0)` holds although the
// whole-number product is (1, 0, 1, 1, 2, 3, 2). A refutation in whole numbers says nothing there:
// the sides are compared entry by entry modulo n, when they are whole numbers nothing sampled gave.
// The same notes count and estimate in ordinary numbers (the rate k/n = 4/7, 2^4 (1 + 7) = 2^7):
// a setting for the section reaches only vectors and matrices; words in the claim's own sentence
// ("$1 + 1 = 0$ mod 2") reach numbers too.
import type { Claim } from '../../model/types';
import type { Tensor } from '../../engine';
import type { Outcome } from '../claim';
import { exactValue } from '../exact';
import { formatShort } from '../format';
import { uncheckedOutcome } from './outcomes';

/** Whether x is a whole number a double holds exactly. */
function whole(x: number): boolean {
  return Number.isSafeInteger(x);
}

function residue(x: number, n: number): number {
  return ((x % n) + n) % n;
}

/** The first entry where the sides differ modulo n (one side may be a single number), or -1; null if unpaired. */
function firstDifference(left: Tensor, right: Tensor, n: number): number | null {
  const size = Math.max(left.size, right.size);
  if (left.size !== right.size && left.size !== 1 && right.size !== 1) return null;
  if (left.size === right.size && left.shape.join('×') !== right.shape.join('×')) {
    // A row and a column of one length are one tuple of residues; other shapes are no pairing.
    if (left.shape.filter((d) => d !== 1).join('×') !== right.shape.filter((d) => d !== 1).join('×'))
      return null;
  }
  for (let i = 0; i < size; i++) {
    const a = left.data[left.size === 1 ? 0 : i];
    const b = right.data[right.size === 1 ? 0 : i];
    if (residue(a, n) !== residue(b, n)) return i;
  }
  return -1;
}

/**
 * The verdict on a claim refuted in ordinary arithmetic whose words put it modulo n, or the outcome
 * as it was when the setting does not reach it (a number under a section's setting).
 */
export function modularReading(claim: Claim, outcome: Outcome): Outcome {
  const setting = claim.arithmeticModulus;
  if (!setting || outcome.verdict !== 'refuted') return outcome;
  const { n, reach } = setting;
  const none = { details: [], trials: 0, maxError: 0 };
  const words = reach === 'sentence' ? 'its sentence puts' : 'the text puts';
  const why = `${words} its arithmetic modulo ${n}`;
  const shown = outcome.shown;
  const tensors = shown !== undefined && (shown.left.shape.length > 0 || shown.right.shape.length > 0);
  if (reach === 'section' && !tensors) return outcome;
  if (claim.op !== '=')
    return uncheckedOutcome(
      `unchecked: ${why}, where residues have no order; it holds in no other sense`,
      none,
    );
  if (!shown) {
    // An exact refutation of numbers: compared modulo n when both sides are whole numbers.
    const a = exactValue(claim.lhs);
    const b = exactValue(claim.rhs);
    if (!a?.isInteger() || !b?.isInteger())
      return uncheckedOutcome(`unchecked: ${why}, and its sides are not whole numbers`, none);
    const N = BigInt(n);
    const [ra, rb] = [((a.num % N) + N) % N, ((b.num % N) + N) % N];
    return ra === rb
      ? {
          ...none,
          verdict: 'verified',
          code: 'verified',
          message: `verified modulo ${n} (${why}): both sides are ${ra}`,
        }
      : {
          ...none,
          verdict: 'refuted',
          code: 'refuted',
          message: `refuted modulo ${n} (${why}): the residues are ${ra} and ${rb}`,
        };
  }
  const { left, right } = shown;
  const real = `in real numbers, ${outcome.message.replace(/^refuted[^:]*: /, '')}`;
  if (shown.trial.drew)
    return uncheckedOutcome(`unchecked: ${why}, and its values were sampled, not written (${real})`, none);
  if (!left.data.every(whole) || !right.data.every(whole))
    return uncheckedOutcome(`unchecked: ${why}, and its sides are not whole numbers (${real})`, none);
  const at = firstDifference(left, right, n);
  if (at === null)
    return uncheckedOutcome(`unchecked: ${why}, and its sides cannot be paired entry by entry`, none);
  const shownSides = [`left = ${formatShort(left, 6, 16)}`, `right = ${formatShort(right, 6, 16)}`];
  if (at < 0)
    return {
      ...none,
      details: shownSides,
      trials: 1,
      verdict: 'verified',
      code: 'verified',
      message:
        `verified modulo ${n} (${why}): the sides agree in every entry modulo ${n} ` +
        `(left ${formatShort(left, 3, 8)}, right ${formatShort(right, 3, 8)})`,
    };
  const a = left.data[left.size === 1 ? 0 : at];
  const b = right.data[right.size === 1 ? 0 : at];
  return {
    ...none,
    details: shownSides,
    trials: 1,
    verdict: 'refuted',
    code: 'refuted',
    message:
      `refuted modulo ${n} (${why}): ${tensors ? `entry ${at + 1} is` : 'the sides are'} ` +
      `${residue(a, n)} on the left and ${residue(b, n)} on the right`,
  };
}

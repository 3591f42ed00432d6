// Letters the text introduces only by a fact it states of them ("since $x_1, x_2 > 0$"): particular
// numbers the text knows more of than it says, not any number of that sign.
import type { Outcome } from '../claim';
import type { Claim } from '../../model/types';
import type { TrialResult } from './results';
import { displayName } from './generic';
import { uncheckedOutcome } from './outcomes';

/**
 * "Since $x_1, x_2 > 0$, … matching $4 - x_1 = 2$": an equation in letters the text introduced only
 * by a fact about them may report the value one of them has (x_1 = 2, found elsewhere). It is
 * refuted only when no value meeting the fact can make it hold — its two sides keep one order at
 * every sample, so the equation has no root there; when the order changes between samples the
 * equation holds somewhere in between, at a value the text may mean, and it is unchecked.
 */
export function forParticular(outcome: Outcome, particular: Map<string, string>, claim: Claim): Outcome {
  if (particular.size === 0 || outcome.verdict !== 'refuted' || claim.op !== '=') return outcome;
  const results = outcome.pairs as TrialResult[] | undefined;
  if (!results || results.length < 2) return outcome;
  let below = false;
  let above = false;
  for (const r of results) {
    if (r.left.data.length !== 1 || r.right.data.length !== 1) return outcome;
    const d = r.left.data[0] - r.right.data[0];
    if (!Number.isFinite(d)) continue;
    if (d <= 0) below = true;
    if (d >= 0) above = true;
  }
  if (!(below && above)) return outcome;
  const names = [...particular.keys()].map(displayName).join(', ');
  const words = [...new Set(particular.values())].join('”, “');
  return uncheckedOutcome(
    `unchecked: the text says of ${names} only what “${words}” states, so ` +
      `${particular.size > 1 ? 'they are particular numbers' : 'it is a particular number'}, not any ` +
      `such number; this equation holds at some values of that kind (its sides change order between ` +
      `samples), so it may report the value the text means: give ${names} ` +
      `${particular.size > 1 ? 'their values' : 'its value'} to have it checked`,
    { ...outcome, pairs: undefined },
  );
}

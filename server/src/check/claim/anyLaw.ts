// Claims on random variables of any law (../anyLaw.ts): verified when they hold under the law each
// trial draws, never refuted — the text may assume a law or independence it did not write here.
import type { Outcome } from '../claim';
import { displayName, readerGuessFailed } from './generic';
import { uncheckedOutcome } from './outcomes';

export function forAnyLaw(outcome: Outcome, names: Set<string>): Outcome {
  if (names.size === 0) return outcome;
  const list = [...names].map(displayName).join(', ');
  const which = names.size === 1 ? `${list} is a random variable` : `${list} are random variables`;
  if (outcome.verdict === 'verified')
    return {
      ...outcome,
      message: `${outcome.message} (for any law of ${list}: the document declares none)`,
    };
  if (outcome.verdict !== 'refuted') return outcome;
  // The look beyond the window (claim.ts) reads this as the verification of an inequality it undoes.
  readerGuessFailed.met = true;
  readerGuessFailed.inequalitiesOnly = true;
  const first = [...names].map(displayName)[0];
  return uncheckedOutcome(
    `unchecked: it does not hold for every law of ${list}, and the document declares none (${which} ` +
      'it says nothing more about); declare the law it assumes ' +
      `(${first} \\sim \\mathcal{N}(\\mu, \\sigma^2), ${first} \\sim \\mathrm{Bernoulli}(p)) ` +
      `or define ${first} from declared variables to have it checked`,
    { ...outcome, pairs: undefined },
  );
}

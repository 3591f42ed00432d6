// "$s = (2, 0)$ and $\tau = 1$ give $p_1 = \sigma(2)$." — then, in the next paragraph, "Someone
// asked about $\tau = 2$: then $p_1 = \sigma(1)$." The example's s ended with its paragraph, so the
// claim is checked with s sampled and fails; but its author carried the example on. A refutation
// that the ended value turns into a verification is not one a careful reader would make: the
// claim is left unchecked, naming the value and how to state it where it is needed.
import type { Claim, Entry } from '../../model/types';
import type { Outcome } from '../claim';
import { relevantNames } from '../relevant';
import { uncheckedOutcome } from './outcomes';
import { snippet } from './generic';

/**
 * Values and formulas from running text that have ended, for the names the claim uses — sizes too:
 * "$X \in \mathbb{R}^{B \times T \times d}$ with $B = 32$, …" in a problem's statement, then
 * "(b) $B h T^2 = 6{,}291{,}456$" in its answer, fails with the sizes drawn again but is the
 * statement's example carried on.
 */
export function endedValuesOf(claim: Claim): Entry[] {
  const out: Entry[] = [];
  for (const name of relevantNames(claim)) {
    const e = claim.env.endedValue(name, claim.block);
    if (e) out.push(e);
  }
  return out;
}

/**
 * The refuted claim checked again with the ended values in force; unchecked when it then holds,
 * null when it fails that way too (the refutation stands).
 */
export function heldByEndedValues(
  claim: Claim,
  refuted: Outcome,
  check: (claim: Claim) => Outcome,
): Outcome | null {
  const all = endedValuesOf(claim);
  if (all.length === 0) return null;
  const holdsWith = (entries: Entry[]) => {
    let env = claim.env;
    for (const e of entries) env = env.with({ ...e, scope: undefined, at: e.at });
    return check({ ...claim, env }).verdict === 'verified';
  };
  // Name only what the claim needs: one value, when one is enough.
  const single = all.length > 1 && all.length <= 4 ? all.find((e) => holdsWith([e])) : undefined;
  const ended = single ? [single] : all;
  if (!single && !holdsWith(all)) return null;
  const values = ended.map((e) => `\`${snippet(e.text ?? e.name)}\``).join(', ');
  return uncheckedOutcome(
    `unchecked: it fails with the values sampled here, but holds with ${values}, which the text ` +
      `gave earlier and whose paragraph or section has ended; state ${ended.length === 1 ? 'it' : 'them'} ` +
      'again here (or in a display, which lasts) to have the claim checked with it',
    { ...refuted, pairs: undefined, shown: undefined },
  );
}

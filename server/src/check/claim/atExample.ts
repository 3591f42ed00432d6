// "Take $x = 0$. … Its derivative is $\tanh'(x) = 1 - x^2$": checked with the example's x = 0, the
// claim holds (1 = 1), but it writes x on both sides — a formula in x, which a careful reader reads
// for every x, not a step computed at the example (`x^2 + 1 = 5`, `\sigma(0) = 1/2`, a chain that
// ends in a number: model/build.ts, atExample). Holding at one point by chance is no verification.
import type { Claim } from '../../model/types';
import type { Outcome } from '../claim';
import { uncheckedOutcome } from './outcomes';
import { snippet } from './generic';

/**
 * The verified claim checked again with the example's names read as any number of their kind. A
 * failure there refutes a formula for a function or derivative (a side that is one at the name), and
 * leaves any other claim unchecked, saying both readings; so does a general reading that cannot be
 * checked (one point is no verification of a formula). A verified general reading, or one whose
 * shapes do not fit, leaves the verification at the example standing.
 */
export function beyondTheExample(claim: Claim, verified: Outcome, check: (claim: Claim) => Outcome): Outcome {
  const at = claim.atExample;
  if (!at) return verified;
  const general = check({ ...claim, env: at.env, atExample: undefined });
  if (general.verdict === 'verified' || general.code === 'shape') return verified;
  const values = at.names
    .map((name) => {
      const e = claim.env.lookup(name, claim.block);
      return `\`${snippet(e?.text ?? name)}\``;
    })
    .join(', ');
  const them = at.names.length === 1 ? 'it' : 'them';
  const written = `it writes ${them} on both sides, as a formula`;
  if (general.verdict === 'unchecked')
    return uncheckedOutcome(
      `unchecked: it holds at the worked example's ${values}, but ${written}, and read for every ` +
        `value it cannot be checked (${general.message.replace(/^unchecked:\s*/, '')})`,
      { ...general, pairs: undefined, shown: undefined },
    );
  const failure = general.message.replace(/^refuted:\s*/, '');
  if (at.formula)
    return {
      ...general,
      message:
        `${general.message} (a formula in ${at.names.join(', ')}, read for every value: it holds ` +
        `at the worked example's ${values} only)`,
    };
  return uncheckedOutcome(
    `unchecked: it holds at the worked example's ${values}, but ${written}, and for other values ` +
      `it fails (${failure}); if it is meant for every value it is false, and if it is a step of ` +
      'the example, write the number in to have it checked',
    { ...general, pairs: undefined, shown: undefined },
  );
}

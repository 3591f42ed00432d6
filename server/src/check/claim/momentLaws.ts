// Claims on random variables whose law the text gives only by its mean and variance ("i.i.d. with
// mean μ and variance σ²", model/momentWords.ts). Any law with those moments is the text's law, so
// the verdict must not depend on which one is sampled: the trials take the families of
// laws.ts MOMENT_FAMILIES in turn, and a claim is verified only when it held under each of them.
// A claim that fails is checked again under each family alone and refuted only when it holds under
// none; one that holds under some family and fails under another rests on more than the moments
// given (a fourth moment, a shape) and is left unchecked, naming which.
import type { Outcome } from '../claim';
import { MOMENT_FAMILIES, type MomentFamily } from '../laws';
import { uncheckedOutcome } from './outcomes';

export function forMomentLaws(
  outcome: Outcome,
  laws: Set<string>,
  under: (family: MomentFamily) => Outcome,
): Outcome {
  if (laws.size === 0) return outcome;
  const which = [...laws].join('; ');
  if (outcome.verdict === 'verified') {
    // Fewer trials than families (nothing random drawn, or a Monte Carlo trial limit) saw fewer laws.
    if (outcome.trials < MOMENT_FAMILIES.length)
      return uncheckedOutcome(
        `unchecked: the law with ${which} was sampled in only ${outcome.trials} of its ` +
          `${MOMENT_FAMILIES.length} families, so the verdict could depend on the one chosen`,
        { details: [], trials: outcome.trials, maxError: outcome.maxError },
      );
    return {
      ...outcome,
      message:
        `${outcome.message} (under laws of ${MOMENT_FAMILIES.length} families with ${which}: ` +
        `${MOMENT_FAMILIES.join(', ')})`,
    };
  }
  if (outcome.verdict !== 'refuted') return outcome;
  const holding: string[] = [];
  MOMENT_FAMILIES.forEach((name, k) => {
    if (under(k as MomentFamily).verdict === 'verified') holding.push(name);
  });
  if (holding.length === 0) return outcome;
  const failing = MOMENT_FAMILIES.filter((name) => !holding.includes(name));
  return uncheckedOutcome(
    `unchecked: it holds under a ${holding.join(' and a ')} law with ${which} but not under a ` +
      `${failing.join(' or a ')} one: the text gives the law only by these moments, and the claim ` +
      'needs more of it; name the law (X \\sim \\mathcal{N}(\\mu, \\sigma^2)) to have it checked',
    { details: [], trials: outcome.trials, maxError: outcome.maxError },
  );
}

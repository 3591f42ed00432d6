// Claims on generic objects, and the names and snippets messages quote.
import type { Outcome } from '../claim';
import { WorkExhausted } from '../../engine';
import { OutOfTime } from '../errors';
import { uncheckedOutcome } from './outcomes';

export const RELATION_TEXT: Record<string, string> = {
  '=': '=',
  ':=': ':=',
  '\\approx': '≈',
  '\\neq': '≠',
  '<': '<',
  '>': '>',
  '\\le': '≤',
  '\\ge': '≥',
  '\\in': '∈',
  '\\sim': '∼',
  '\\succ': '≻',
  '\\prec': '≺',
  '\\succeq': '⪰',
  '\\preceq': '⪯',
};

/**
 * A claim on letters read as generic objects (their values from running text have ended): it
 * may be verified for every such object, but a failure may need a condition the text stated only
 * with its example (n ≥ k, s dividing i − k), so it is left unchecked, never refuted.
 */
export function generically(outcome: Outcome, generic: Set<string>): Outcome {
  if (generic.size === 0) return outcome;
  const names = [...generic].map(displayName).join(', ');
  if (outcome.verdict === 'verified')
    return {
      ...outcome,
      message: `${outcome.message} (reading ${names} as any value: the text's values have ended)`,
    };
  if (outcome.verdict !== 'refuted') return outcome;
  // The look beyond the window (claim.ts) reads this as the verification of an inequality it undoes.
  readerGuessFailed.met = true;
  readerGuessFailed.inequalitiesOnly = true;
  return uncheckedOutcome(
    `unchecked: fails for some values of ${names}, which the text gave values only in an earlier ` +
      `passage or example; state their values or range here (e.g. a declaration) to have it checked`,
    { ...outcome, pairs: undefined },
  );
}

/**
 * A claim on an object the reader inferred ("let $x_1, \dots, x_n$ be the observations", "a constant
 * $\gamma$"): it is verified when it holds for every such object, but a failure may need what the
 * text says of it only in words or an example ("with the data 2, 1, 3, 2"), so it is left
 * unchecked, never refuted.
 */
/**
 * The verdict rule of letters a careful reader infers for a claim (a sum's bound, a function's
 * argument, a listed vector): a verification names the reading; a failure is not a refutation.
 */
export function readAsAnyValue(outcome: Outcome, readNote: string, failure: () => string): Outcome {
  if (outcome.verdict === 'verified') return { ...outcome, message: `${outcome.message} ${readNote}` };
  if (outcome.verdict !== 'refuted') return outcome;
  readerGuessFailed.met = true;
  return uncheckedOutcome(failure(), { ...outcome, pairs: undefined });
}

/**
 * Set when a reading of objects the reader inferred (letters as any number, an argument as any
 * vector) failed at a sample and so was not reported: a second look at an inequality beyond the
 * sampling window (claim.ts) then knows that its unchecked verdict undoes the first verification.
 */
/**
 * `inequalitiesOnly`: the failure was of letters read as any value of an example's kind or of
 * variables of any law, whose far samples an equation's sides often cannot be evaluated at in
 * doubles (an MGF at t = 1000): it undoes the verification of an inequality only.
 */
export const readerGuessFailed = { met: false, inequalitiesOnly: false };

export function forInferred(
  outcome: Outcome,
  inferred: Map<string, { how: string; kind: string; declare: string }>,
): Outcome {
  if (inferred.size === 0) return outcome;
  const names = [...inferred.keys()].map(displayName).join(', ');
  const all = [...inferred.values()];
  const kinds = all.map((x, k) => `${displayName([...inferred.keys()][k])} as ${x.kind}`).join(', ');
  return readAsAnyValue(outcome, `(reading ${kinds})`, () => {
    // Letters introduced by the same words ("for all real $a, b$") name those words once.
    const how = [...new Set(all.map((x) => x.how))].join('; ');
    const declare = all.map((x) => x.declare).join(', ');
    return (
      `unchecked: fails for some values of ${names}, which the text introduces only ${how}; ` +
      `declare ${inferred.size > 1 ? 'them' : 'it'} (${declare}) or give values to have it checked`
    );
  });
}

/** The work budget or the time guard ended the check: never read as a failed evaluation. */
export function isOutOfBudget(err: unknown): boolean {
  return err instanceof WorkExhausted || err instanceof OutOfTime;
}

export function snippet(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 50 ? `${t.slice(0, 47)}…` : t;
}

export function displayName(name: string): string {
  // `x^{()}_{k+1}` is the key of the iterate written `x^{(k+1)}` (math/parser/scripts.ts).
  return name
    .replace(/\^\{\(\)\}_\{([^{}]*)\}/g, (_, s: string) => `^{(${s})}`)
    .replace(/_\{([^{}]*)\}/g, (_, s: string) => (s.length === 1 ? `_${s}` : `_{${s}}`));
}

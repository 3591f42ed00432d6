// A constant's letter the document also applies as a function (`e(0) = 0.2`, a propensity score;
// `e(t)`, an error signal; model/appliedConstants.ts), written bare in a claim: `1/e \approx 0.368`
// is Euler's number, `1/e = 5` is the function's value somewhere. The constant is the only value
// the reader has for it, so the claim is verified when the constant makes it hold, and otherwise
// left unchecked, never refuted: the letter may be the document's own function there.
import type { Outcome } from '../claim';
import { displayName, readAsAnyValue } from './generic';

export function forConstantsRead(
  outcome: Outcome,
  read: Map<string, { where: string; as: 'function' | 'family' }>,
): Outcome {
  if (read.size === 0) return outcome;
  const names = [...read.keys()];
  const which = names.map(
    (n) => `${displayName(n)} as ${n === 'e' ? "Euler's number" : 'the circle constant'}`,
  );
  const uses = [...read.values()];
  const where = uses.map((w) => `\`${w.where}\``).join(', ');
  const family = uses.every((w) => w.as === 'family');
  const how = family ? 'defines members of it' : 'applies it as a function';
  return readAsAnyValue(outcome, `(reading ${which.join(', ')}, though the document ${how}: ${where})`, () =>
    family
      ? `unchecked: fails with ${which.join(', ')}, and the document also defines ${where}, so the bare ` +
        `letter may be the vector of those members there; rename the family to have this checked`
      : `unchecked: fails with ${which.join(', ')}, and the document also writes ${where}, so the bare ` +
        `letter may be the value of its own function there; write that value (${displayName(names[0])}(x)) ` +
        'or rename the function to have this checked',
  );
}

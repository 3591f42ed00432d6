// "Take $x = 3$. … In general, $\sqrt{x^2} = x$": a letter whose worked value has ended is read as
// any number of that value's kind (model/types.ts lookupGeneric, kindOfNumber), and 3 made it a
// positive integer, so the claim held at every sample — a wrong verification: the example's
// number says the letter counts, not that it is positive. A careful reader would not take the
// example's sign for a declaration. A verification that reads such a letter with a sign is checked
// again with the sign dropped (natural → integer, positive → real); a counterexample there leaves
// the claim unchecked, naming the sign it needs. A side undefined at the other sign (`\ln t`,
// `\sqrt{t}`) is the author writing the sign into the formula: the verification stands.
import type { Claim, Entry, SetKind } from '../../model/types';
import type { Outcome } from '../claim';
import { relevantNames } from '../relevant';
import { beyondTheExample } from './atExample';
import { displayName } from './generic';
import { uncheckedOutcome } from './outcomes';

const UNSIGNED: Partial<Record<SetKind, SetKind>> = { natural: 'integer', positive: 'real' };

type Generic = Extract<Entry, { kind: 'decl' }>;

/** The letters of the claim read generically with the sign of their example, in `env`. */
function signedGenerics(claim: Claim, env: Claim['env']): Generic[] {
  const out: Generic[] = [];
  for (const name of relevantNames({ ...claim, env })) {
    const g = env.lookupGeneric(name, claim.block);
    if (g?.kind === 'decl' && g.spec.shape.length === 0 && UNSIGNED[g.spec.set]) out.push(g);
  }
  return out;
}

/** `env` with each letter declared as a generic of its kind without the sign. */
function unsigned(env: Claim['env'], letters: Generic[]): Claim['env'] {
  return letters.reduce(
    (e, g) =>
      e.with({ ...g, scope: undefined, spec: { ...g.spec, set: UNSIGNED[g.spec.set] ?? g.spec.set } }),
    env,
  );
}

export function withExampleSignDropped(
  claim: Claim,
  verified: Outcome,
  check: (claim: Claim) => Outcome,
): Outcome {
  const own = signedGenerics(claim, claim.env);
  const atExample = claim.atExample ? signedGenerics(claim, claim.atExample.env) : [];
  if (own.length === 0 && atExample.length === 0) return verified;
  const second: Claim = {
    ...claim,
    env: unsigned(claim.env, own),
    ...(claim.atExample
      ? { atExample: { ...claim.atExample, env: unsigned(claim.atExample.env, atExample) } }
      : {}),
  };
  let outcome = check(second);
  if (outcome.verdict === 'verified' && second.atExample) outcome = beyondTheExample(second, outcome, check);
  if (outcome.verdict !== 'refuted' || outcome.undefinedSide) return verified;
  const letters = [...new Set([...own, ...atExample])];
  const names = [...new Set(letters.map((g) => displayName(g.name)))].join(', ');
  const failure = outcome.message.replace(/^refuted:\s*/, '');
  return uncheckedOutcome(
    `unchecked: it holds where ${names} ${letters.length > 1 ? 'have' : 'has'} the sign of the ` +
      `example's value, which the text gave only in an earlier passage or example, and fails for ` +
      `the other sign (${failure}); state the sign or range meant (e.g. ${displayName(letters[0].name)} ` +
      `> 0) to have it checked`,
    { ...outcome, pairs: undefined, shown: undefined },
  );
}

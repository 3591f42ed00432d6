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
import type { Node } from '../../math/tree';
import { walk } from '../../model/names';
import { beyondTheExample } from './atExample';
import { displayName } from './generic';
import { uncheckedOutcome } from './outcomes';

const UNSIGNED: Partial<Record<SetKind, SetKind>> = { natural: 'integer', positive: 'real' };

type Generic = Extract<Entry, { kind: 'decl' }>;

/**
 * Letters the claim uses as a count: in the bound of a sum or product (`\sum_{k=1}^{n}`, `n - 1`),
 * a number of terms, which is positive whatever the example's sign said.
 */
function countsOf(claim: Claim): Set<string> {
  const out = new Set<string>();
  const letters = (x: Node) => walk(x, (y) => y.kind === 'sym' && out.add(y.name));
  const bounds = (n: Node) =>
    walk(n, (x) => {
      if (x.kind === 'bigop' && x.index?.to) letters(x.index.to);
    });
  bounds(claim.lhs);
  bounds(claim.rhs);
  // A definition the claim reaches counts too: `T = \sum_{i=1}^{n} X_i`, then `\operatorname{Cov}(T, X_1)`.
  for (const name of relevantNames(claim)) {
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind === 'def') bounds(e.expr);
  }
  return out;
}

/** The letters of the claim read generically with the sign of their example, in `env`. */
function signedGenerics(claim: Claim, env: Claim['env']): Generic[] {
  const out: Generic[] = [];
  const counts = countsOf(claim);
  for (const name of relevantNames({ ...claim, env })) {
    // A size (`z \in \mathbb{R}^n`) is positive whatever its example said, as a count is.
    if (counts.has(name) || env.isDimension(name)) continue;
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
  // Nothing sampled: the verification is at values the text gave, not of any generic letter.
  if (verified.trials <= 1) return verified;
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
  // A relation the words make a condition ("for $n \ge 1$") was verified only as restating the
  // setting; without the sign it restates nothing, and it is the condition it was.
  if (claim.condition)
    return uncheckedOutcome(`unchecked: ${claim.condition}`, { ...outcome, pairs: undefined });
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

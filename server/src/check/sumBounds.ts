// Letters that bound a sum or product. In `\sum_{k=1}^{n} k = \frac{n(n+1)}{2}` nothing may declare
// n, yet a careful reader knows what it is: the number of terms, a whole number. Such a letter is
// read as any positive integer, sampled like a declared one; as for other generic objects, the
// claim is verified when it holds at every sample and otherwise left unchecked (the text may give
// the range it needs only in words, "for n ≥ 3"), never refuted.
import type { Node } from '../math/tree';
import type { Outcome } from './claim';
import { displayName, readAsAnyValue } from './claim/generic';
import { type CompileEnv, lookupWithScope } from './compile/context';
import { children } from '../model/names';
import type { Entry } from '../model/types';

/** A lone Latin letter (not Euler's e): a count, not a labelled quantity. */
const COUNT_LETTER = /^[a-df-zA-Z]$/;

/** Registers in `c.bounds` the unknown letters that bound a sum or product in `sides`. */
export function inferSumBounds(sides: Node[], c: CompileEnv): void {
  const letters = (x: Node, locals: Set<string>) => {
    if (x.kind === 'sym') {
      if (
        COUNT_LETTER.test(x.name) &&
        !locals.has(x.name) &&
        !c.recurrenceIndices.has(x.name) &&
        !lookupWithScope(c, x.name) &&
        !c.env.lookupPattern(x.stem) &&
        !c.env.lookupGeneric(x.name, c.block) &&
        !c.env.isDimension(x.name)
      )
        c.bounds.set(x.name, naturalEntry(x.name));
      return;
    }
    // `n - 1`, `2n`: the letters of a bound's arithmetic.
    if (x.kind === 'bin' || x.kind === 'neg' || x.kind === 'group')
      for (const ch of children(x)) letters(ch, locals);
  };
  // A definition the claim uses counts too: `\partial J / \partial u_o` with `J = … \sum_{k=1}^{K} …`.
  const seen = new Set<Entry>();
  const visit = (x: Node, locals: Set<string>) => {
    if (x.kind === 'bigop' && x.index?.to && x.index.from) {
      letters(x.index.to, locals);
      visit(x.body, new Set([...locals, x.index.name]));
      return;
    }
    const name = x.kind === 'sym' ? x.name : x.kind === 'apply' ? x.f.name : null;
    const entry = name !== null && !locals.has(name) ? lookupWithScope(c, name)?.entry : undefined;
    if (entry?.kind === 'def' && !seen.has(entry)) {
      seen.add(entry);
      visit(entry.expr, new Set((entry.params ?? []).map((p) => p.name)));
    }
    for (const ch of children(x)) visit(ch, locals);
  };
  for (const side of sides) visit(side, new Set());
}

function naturalEntry(name: string): Entry {
  return { kind: 'decl', name, pattern: false, spec: { set: 'natural', shape: [] }, at: 0, generic: true };
}

/** The verdict on a claim that used such letters: a failure is not a refutation. */
export function forSumBounds(outcome: Outcome, bounds: Map<string, Entry>): Outcome {
  const names = [...bounds.keys()].map(displayName);
  if (names.length === 0) return outcome;
  const list = names.join(', ');
  const one = names.length === 1;
  const what =
    `${list} read as any positive integer: ${one ? 'it bounds' : 'they bound'} a sum ` +
    `and nothing declares ${one ? 'it' : 'them'}`;
  return readAsAnyValue(
    outcome,
    `(${what})`,
    () =>
      `unchecked: it fails for some values of ${list} (${what}); declare the values it holds for ` +
      `(${names[0]} \\in \\{3, 4, 5\\}) or its value to have it checked`,
  );
}

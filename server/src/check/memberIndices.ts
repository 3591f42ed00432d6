// A letter that only indexes families the text declares or defines member by member —
// `\beta_t \in (0, 1)`, `\alpha_t = 1 - \beta_t`, `\bar\alpha_t = \prod_{s=1}^{t} \alpha_s` — has no
// range to infer from a declared vector or matrix: nothing says how many members there are. A
// careful reader takes such a claim (`\frac{\beta_t^2}{\beta_t} = \beta_t`) to hold at any step t.
// The letter is read as any positive integer: verified when the claim holds at every sample, and
// otherwise unchecked, never refuted (the words may limit t, "for $t \ge 2$") — unless both sides
// took the same values at every sample, whatever t was: then no limit on t can make it hold, and a
// worked case (`$p = 0.1$ and $x_i = 3$: $\operatorname{Var}(\tilde x_i) = 0.1$`) is refuted.
import type { Entry } from '../model/types';
import type { CompileEnv } from './compile/context';
import type { Outcome } from './claim';
import { displayName, readAsAnyValue } from './claim/generic';
import { sameValueAtEverySample } from './diagnose';

const RANGELESS = /the range of index (\S+) cannot be inferred/;

/**
 * When the claim failed to be judged because a free index has no range (`message`, thrown or
 * reported), its free indices as positive integers — if every one is a lone lower-case letter.
 */
export function memberIndexEntries(message: string, c: CompileEnv): Map<string, Entry> | null {
  const m = RANGELESS.exec(message);
  if (!m || c.unknown.size > 0 || !c.free.some((s) => s.name === m[1])) return null;
  if (!c.free.every((s) => /^[a-z]$/.test(s.name))) return null;
  const entries = new Map<string, Entry>();
  for (const s of c.free)
    entries.set(s.name, {
      kind: 'decl',
      name: s.name,
      pattern: false,
      spec: { set: 'natural', shape: [] },
      at: 0,
      generic: true,
    });
  return entries;
}

export function forMemberIndices(outcome: Outcome, indices: Map<string, Entry>): Outcome {
  const names = [...indices.keys()].map(displayName);
  const list = names.join(', ');
  const one = names.length === 1;
  const what =
    `${list} read as any positive integer: ${one ? 'it indexes' : 'they index'} members the text ` +
    `declares or defines one by one, and nothing gives ${one ? 'its' : 'their'} range`;
  if (
    outcome.verdict === 'refuted' &&
    sameValueAtEverySample(outcome.pairs, (p) => p.left) &&
    sameValueAtEverySample(outcome.pairs, (p) => p.right)
  )
    return {
      ...outcome,
      message: `${outcome.message} (the same at every value of ${list}, so none makes it hold)`,
    };
  return readAsAnyValue(
    outcome,
    `(${what})`,
    () =>
      `unchecked: it fails for some values of ${list} (${what}); declare the values ` +
      `${one ? 'it takes' : 'they take'} (${names[0]} \\in \\{1, \\dots, 5\\}) to have it checked`,
  );
}

// "The weights $w_j$ are independent with mean $0$ and variance $\sigma_w^2$, the inputs $x_j$ …", then
// `\operatorname{Var}(z) = n \operatorname{Var}(w) \operatorname{Var}(x)`: initialisation notes name the
// common law of a family by its bare letter. When nothing gives that letter a meaning of its own and
// the text gave the family one law for every member, a careful reader takes it for any one member,
// and several such letters in one expectation for members at one index (`\mathbb{E}[wx]` is
// E[w_j x_j]). The reading is the reader's, so it only verifies: a claim that fails under it is
// unchecked, naming it.
import type { Node } from '../../math/tree';
import { type CompileEnv, lookupWithScope } from './context';
import { walk } from '../../model/names';
import { substituted } from '../../model/whereAfter';
import { makeSym, withSubscript } from '../../math/parser/nodes';

/** The member index the bare letters are read at: any one does, the law being the same. */
const INDEX = 1;

/** The expectation with each bare letter of a random family read as the member at INDEX. */
export function withGenericMembers<T extends Node>(n: T, c: CompileEnv): T {
  const bare = new Set<string>();
  walk(n, (x) => {
    if (x.kind !== 'sym' || x.sub !== null || x.subText !== null || x.primes > 0) return;
    if (c.locals.has(x.name) || lookupWithScope(c, x.name) || c.env.isDimension(x.name)) return;
    const family = c.env.lookupPattern(x.name);
    if (family?.kind === 'random' && family.pattern) bare.add(x.name);
  });
  let out: Node = n;
  for (const name of bare) {
    const index: Node = { kind: 'num', value: INDEX, text: String(INDEX), start: n.start, end: n.end };
    const member = withSubscript(makeSym(name, n.start, n.end), [index], String(INDEX), n.end);
    out = substituted(out, name, member);
    c.inferred.set(name, {
      how: `bare, beside its members, to which the text gives one law`,
      kind: `any one of its members`,
      declare: `write a member, ${name}_{${INDEX}}`,
    });
  }
  return out as T;
}

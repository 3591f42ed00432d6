// A family defined by a pattern, `g_k = \frac{P_{k-1} \varphi_k}{…}`, may use a name whose subscript is
// a formula of its index (`P_{k-1}`) and that the document declared as a name of its own. For the
// general member g_k that name is what was declared; for a member at another index (g_1) it would
// be P_0, a different name, and reading it as the declared P_{k-1} compares unrelated values. Such
// a member is not valued: its claim is unchecked, saying what to write.
import type { Node, SymNode } from '../../math/tree';
import type { Entry } from '../../model/types';
import { freeSymbols, walk } from '../../model/names';
import { Unsupported } from '../errors';
import type { CompileEnv } from './context';

export function refuseShiftedNames(def: Extract<Entry, { kind: 'def' }>, n: SymNode, c: CompileEnv): void {
  const idx = def.indices ?? [];
  const items = n.sub ?? [];
  // The member at the family's own letters (g_k) reads the body as written.
  if (items.every((x, k) => x.kind === 'sym' && x.name === idx[k] && x.sub === null)) return;
  let shifted: SymNode | null = null;
  walk(def.expr, (x: Node) => {
    if (shifted || x.kind !== 'sym' || !x.sub) return;
    const mentions = x.sub.some((s) => idx.some((letter) => freeSymbols(s).has(letter)));
    const plain = x.sub.every((s) => s.kind === 'sym' && idx.includes(s.name) && s.sub === null);
    if (mentions && !plain && c.env.lookup(x.name, c.block)) shifted = x;
  });
  if (shifted) {
    const s = shifted as SymNode;
    const pattern = `${def.name}_{${idx.join(',')}}`;
    throw new Unsupported(
      `${n.name} is read through the pattern ${pattern}, whose formula uses ${s.name}, a name of its own; ` +
        `at ${n.name} that name would change with the index: declare the family (${s.stem}_k \\in …) or ` +
        `write ${n.name}'s formula out`,
      n.start,
      n.end,
    );
  }
}

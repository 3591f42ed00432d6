// A name given afterwards to a part of a definition. "the loss is $J = -\log \sigma(u_o^\top v_c) -
// \ldots$; let $s = u_o^\top v_c$; then $\frac{\partial J}{\partial s} = \sigma(s) - 1$": J's formula
// never mentions s, so read literally the derivative is 0, yet every reader takes J as a function of
// s through the part s names. When a derivative of a defined name with respect to another defined
// name is 0 for want of a dependence, and the second name's formula is written, term for term, inside
// the first's, the first is read with that part replaced by the name — the reading a careful reader
// makes. It serves only to verify: a failure under it stays unchecked, as before.
import type { Node } from '../math/tree';
import { printNode } from '../math/print';
import type { Claim, Entry } from '../model/types';
import { walk } from '../model/names';

type DefEntry = Extract<Entry, { kind: 'def' }>;

/** The claim's environment with each such definition rewritten, and the rewrites made; null if none. */
export function namedPartsReading(claim: Claim): { claim: Claim; how: string } | null {
  let env = claim.env;
  const how: string[] = [];
  for (const side of [claim.lhs, claim.rhs])
    walk(side, (x) => {
      if (x.kind !== 'deriv' || x.of?.kind !== 'sym' || x.wrt.kind !== 'sym') return;
      const of = plainDefinition(env.lookup(x.of.name, claim.block));
      const part = plainDefinition(env.lookup(x.wrt.name, claim.block));
      if (!of || !part || mentions(of.expr, x.wrt.name)) return;
      const wanted = printNode(part.expr);
      let found = false;
      const expr = replaced(of.expr, (n) => {
        if (printNode(n) !== wanted) return null;
        found = true;
        return x.wrt;
      });
      if (!found) return;
      env = env.with({ ...of, expr });
      how.push(`${x.of.name} read with ${x.wrt.name} in place of ${wanted}`);
    });
  return how.length > 0 ? { claim: { ...claim, env }, how: `(${how.join('; ')})` } : null;
}

function plainDefinition(e: Entry | null): DefEntry | null {
  return e?.kind === 'def' && !e.params && !e.indices ? e : null;
}

function mentions(n: Node, name: string): boolean {
  let found = false;
  walk(n, (x) => {
    if (x.kind === 'sym' && x.name === name) found = true;
  });
  return found;
}

/** A copy of the tree with each node `swap` gives a replacement for replaced (outermost first). */
function replaced(n: Node, swap: (n: Node) => Node | null): Node {
  const by = swap(n);
  if (by) return by;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(n)) {
    if (Array.isArray(value)) out[key] = value.map((v) => (isNode(v) ? replaced(v, swap) : v));
    else out[key] = isNode(value) ? replaced(value, swap) : value;
  }
  return out as unknown as Node;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';
}

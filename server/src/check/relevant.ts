// The names a claim's value depends on: its own symbols, the symbols of the definitions, cases
// and distributions they lead to, and the sizes in their declared shapes. A counterexample
// names only these; an `assume` or an earlier section may have sampled others in the same trial.
import type { Node, SymNode } from '../math/tree';
import type { Claim, DeclSpec, Entry, Env } from '../model/types';
import { children, walkFree } from '../model/names';
import { familyKey } from '../model/recurrences';

export function relevantNames(claim: Pick<Claim, 'lhs' | 'rhs' | 'env' | 'block'>): Set<string> {
  const seen = new Set<string>();
  const queue: Node[] = [claim.lhs, claim.rhs];
  const visitName = (name: string, stem: string | null) => {
    if (seen.has(name)) return;
    seen.add(name);
    const entry = claim.env.lookup(name, claim.block);
    if (entry) queue.push(...entryNodes(entry));
    // `A_{ij}` is an entry of A; `W_1` may be declared by the pattern `W_i`.
    else if (stem) {
      visitName(stem, null);
      const p = claim.env.lookupPattern(stem);
      if (p) queue.push(...entryNodes(p));
      // `m_1` beside `m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t`: the rule computes the member.
      visitName(familyKey(stem), null);
    }
  };
  while (queue.length) {
    // A letter an integral or a sum binds is its own there: no value of the name reaches it.
    walkFree(queue.pop()!, (x) => {
      if (x.kind === 'sym') visitName(x.name, x.subText !== null ? x.stem : null);
      else if (x.kind === 'apply' || x.kind === 'prime') visitName(x.f.name.replace(/'+$/, ''), null);
    });
  }
  return seen;
}

function specNodes(spec: DeclSpec): Node[] {
  return [...spec.shape, ...(spec.values ?? [])];
}

/**
 * The formulas of the names `sides` write, one step deep (the definitions and rules they name, each
 * once, at most `limit`): `entryFor` says which entry a name stands for.
 */
export function formulasNamed(
  sides: Node[],
  entryFor: (x: SymNode) => Entry | null,
  limit = Number.POSITIVE_INFINITY,
): Node[] {
  const out: Node[] = [];
  const seen = new Set<Entry>();
  const visit = (x: Node) => {
    if (x.kind === 'sym') {
      const entry = entryFor(x);
      if (entry?.kind === 'def' && !seen.has(entry) && seen.size < limit) {
        seen.add(entry);
        out.push(...entryNodes(entry));
      }
    }
    for (const ch of children(x)) visit(ch);
  };
  for (const side of sides) visit(side);
  return out;
}

/** The expressions an entry is made of: what a claim that uses it depends on. */
export function entryNodes(e: Entry): Node[] {
  switch (e.kind) {
    case 'decl':
      return specNodes(e.spec);
    case 'random':
      return e.dist.kind === 'Bernoulli'
        ? [e.dist.p]
        : e.dist.kind === 'Normal'
          ? [e.dist.mean, e.dist.variance]
          : e.dist.kind === 'Uniform'
            ? [e.dist.a, e.dist.b]
            : e.dist.kind === 'Law'
              ? [e.dist.a, ...(e.dist.b ? [e.dist.b] : [])]
              : [];
    case 'def':
      return e.restates ? [e.expr, e.restates] : [e.expr];
    case 'case':
      return e.fill ? [e.expr, ...specNodes(e.fill)] : [e.expr];
    case 'dim':
      return [];
    case 'fn':
      return [...(e.domain ? specNodes(e.domain) : []), ...(e.codomain ? specNodes(e.codomain) : [])];
  }
}

/** Whether `name` occurs in `x` or in the definitions it uses (a function's parameters are its own). */
export function reaches(x: Node, name: string, env: Env, block: number): boolean {
  const seen = new Set<Entry>();
  const visit = (y: Node, bound: ReadonlySet<string>): boolean => {
    if (y.kind === 'sym') {
      if (y.name === name || y.stem === name) return !bound.has(name);
      return viaEntry(env.lookup(y.name, block));
    }
    if (
      (y.kind === 'apply' || y.kind === 'prime') &&
      viaEntry(env.lookup(y.f.name.replace(/'+$/, ''), block))
    )
      return true;
    return children(y).some((ch) => visit(ch, bound));
  };
  const viaEntry = (e: Entry | null): boolean => {
    if (!e || seen.has(e)) return false;
    seen.add(e);
    const params = e.kind === 'def' && e.params ? new Set(e.params.map((p) => p.name)) : new Set<string>();
    return entryNodes(e).some((y) => visit(y, params));
  };
  return visit(x, new Set());
}

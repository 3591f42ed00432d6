// "$\pi P = \pi$" with π a stationary distribution: a vector written directly left of a matrix in a
// product, with no transpose, can only be a row vector (a column times a matrix does not fit), so
// a careful reader reads it as one wherever it appears in that claim — `\pi P = \pi` compares two
// rows. `x^\top A x` and `A x` keep their columns: there the vector is transposed, or on the right.
import type { Node } from '../math/tree';
import type { Claim, Entry } from '../model/types';
import { walk } from '../model/names';

const ungroup = (n: Node): Node => (n.kind === 'group' && n.items.length === 1 ? ungroup(n.items[0]) : n);

/** The first factor of a product (`P` in `P^2 \mathbf{1}`), through groups and powers. */
function leadingFactor(n: Node): Node {
  const u = ungroup(n);
  if (u.kind === 'bin' && u.op === 'juxt') return leadingFactor(u.left);
  if (u.kind === 'pow') return leadingFactor(u.base);
  return u;
}

function declaredVector(claim: Claim, name: string): (Entry & { kind: 'decl' }) | null {
  const e = claim.env.lookup(name, claim.block);
  return e?.kind === 'decl' && !e.pattern && e.spec.shape.length === 1 ? e : null;
}

function isMatrix(claim: Claim, n: Node): boolean {
  if (n.kind !== 'sym') return false;
  const e = claim.env.lookup(n.name, claim.block);
  if (e?.kind === 'decl') return e.spec.shape.length === 2;
  return e?.kind === 'def' && e.declared?.shape.length === 2;
}

/** The names the claim writes left of a matrix (`\pi P`), each declared a vector. */
export function rowVectorNames(claim: Claim): string[] {
  const names = new Set<string>();
  for (const side of [claim.lhs, claim.rhs])
    walk(side, (x) => {
      if (x.kind !== 'bin' || (x.op !== 'juxt' && x.op !== 'cdot')) return;
      const left = ungroup(x.left);
      if (left.kind !== 'sym' || left.primes !== 0 || !declaredVector(claim, left.name)) return;
      if (isMatrix(claim, leadingFactor(x.right))) names.add(left.name);
    });
  return [...names];
}

/** The claim with those vectors declared as rows (1 × n): sampled alike, read as rows throughout. */
export function withRowVectors(claim: Claim): { claim: Claim; rows: string[] } {
  const rows = rowVectorNames(claim);
  if (rows.length === 0) return { claim, rows };
  let env = claim.env;
  for (const name of rows) {
    const e = declaredVector(claim, name)!;
    const one: Node = { kind: 'num', value: 1, text: '1', start: 0, end: 0 };
    env = env.with({ ...e, spec: { ...e.spec, shape: [one, e.spec.shape[0]] } });
  }
  return { claim: { ...claim, env }, rows };
}

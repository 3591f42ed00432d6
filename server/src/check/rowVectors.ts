// "$\pi P = \pi$" with π a stationary distribution: a vector written directly left of a matrix in a
// product, with no transpose, can only be a row vector (a column times a matrix does not fit), so
// a careful reader reads it as one wherever it appears in that claim — `\pi P = \pi` compares two
// rows. `x^\top A x` and `A x` keep their columns: there the vector is transposed, or on the right.
// A vector the text wrote as a tuple (`\pi = (\tfrac14, \tfrac12, \tfrac14)`) has no orientation at
// all, and left of a matrix written out (`P = \begin{pmatrix} … \end{pmatrix}`) it is the same row.
import type { Node } from '../math/tree';
import type { Claim, Entry } from '../model/types';
import { walk } from '../model/names';
import { mapChildren } from '../math/walk';
import { substituted } from '../model/whereAfter';

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

/** A tuple of numbers or letters, `(1, 2, 1)`, `\left(\tfrac14, \tfrac12\right)`: no orientation. */
function isTuple(n: Node): boolean {
  const u = n.kind === 'group' && n.items.length === 1 ? ungroup(n) : n;
  return (
    u.kind === 'group' &&
    (u.open === '(' || u.open === '[') &&
    u.items.length >= 2 &&
    u.items.every((i) => i.kind !== 'group' && i.kind !== 'matrix' && i.kind !== 'dots')
  );
}

/** A vector the text gave as a tuple (`\pi = (0.25, 0.5, 0.25)`), a value of its own, not a rule. */
function tupleVector(claim: Claim, name: string): boolean {
  // Also a worked example's tuple carried on past its passage (`endedValue`), read as before.
  const e = claim.env.lookup(name, claim.block) ?? claim.env.endedValue(name, claim.block);
  if (e?.kind !== 'def' || e.params || e.indices || e.declared) return false;
  return isTuple(e.expr);
}

function isMatrix(claim: Claim, n: Node): boolean {
  if (n.kind === 'matrix') return n.rows.length >= 2;
  if (n.kind !== 'sym') return false;
  const e = claim.env.lookup(n.name, claim.block);
  if (e?.kind === 'decl') return e.spec.shape.length === 2;
  if (e?.kind !== 'def') return false;
  if (e.declared) return e.declared.shape.length === 2;
  const u = ungroup(e.expr);
  return !e.params && !e.indices && u.kind === 'matrix' && u.rows.length >= 2 && u.rows[0].length >= 2;
}

/** The names the claim writes left of a matrix (`\pi P`), each declared a vector or given as a tuple. */
export function rowVectorNames(claim: Claim): string[] {
  const names = new Set<string>();
  for (const side of [claim.lhs, claim.rhs])
    walk(side, (x) => {
      if (x.kind !== 'bin' || (x.op !== 'juxt' && x.op !== 'cdot')) return;
      const left = ungroup(x.left);
      if (left.kind !== 'sym' || left.primes !== 0) return;
      const tuple = !declaredVector(claim, left.name) && tupleVector(claim, left.name);
      if (!declaredVector(claim, left.name) && (!tuple || uses(claim, left.name).entries)) return;
      if (isMatrix(claim, leadingFactor(x.right))) names.add(left.name);
    });
  return [...names];
}

/** The claim's first use of the letter, and whether it also writes the letter's entries (`\pi_i`). */
function uses(claim: Claim, name: string): { sym: Node | null; entries: boolean } {
  let sym: Node | null = null;
  let entries = false;
  for (const side of [claim.lhs, claim.rhs])
    walk(side, (x) => {
      if (!sym && x.kind === 'sym' && x.name === name) sym = x;
      if (x.kind === 'subscript' && x.base.kind === 'sym' && x.base.name === name) entries = true;
    });
  return { sym, entries };
}

/**
 * A tuple written directly left of a matrix (`(0.25, 0.5, 0.25) M`, `(1, 0, 0) P^2`), as a Markov
 * chain's distribution is written, is a row for the same reason: transposed there, a 1 × n row.
 */
function writtenRowsLeftOfMatrices(claim: Claim, n: Node): Node {
  const inner = mapChildren(n, (x) => writtenRowsLeftOfMatrices(claim, x));
  if (!writtenRowLeftOfMatrix(claim, inner) || inner.kind !== 'bin') return inner;
  const left = ungroup(inner.left);
  // Wrapped once more: a tuple transposed as written, `(x_1, x_2)^T`, is the column it is written to mean.
  const operand: Node = {
    kind: 'group',
    open: '(',
    close: ')',
    items: [left],
    start: left.start,
    end: left.end,
  };
  const row: Node = { kind: 'post', op: 'T', operand, start: left.start, end: left.end };
  return { ...inner, left: row };
}

/** A product whose left factor is a tuple of written numbers and whose right one starts with a matrix. */
function writtenRowLeftOfMatrix(claim: Claim, x: Node): boolean {
  if (x.kind !== 'bin' || (x.op !== 'juxt' && x.op !== 'cdot')) return false;
  const left = ungroup(x.left);
  // Only numbers: `[A, B] C` of matrices is a commutator times C, no row.
  if (!isTuple(left) || !(left as { items: Node[] }).items.every(isWrittenNumber)) return false;
  return isMatrix(claim, leadingFactor(x.right));
}

/** A number as written: `0.25`, `-1`, `1/3`, `\tfrac14`. */
function isWrittenNumber(n: Node): boolean {
  const u = ungroup(n);
  if (u.kind === 'num') return true;
  if (u.kind === 'neg') return isWrittenNumber(u.operand);
  if (u.kind === 'frac') return isWrittenNumber(u.numerator) && isWrittenNumber(u.denominator);
  return u.kind === 'bin' && u.op === '/' && isWrittenNumber(u.left) && isWrittenNumber(u.right);
}

/** The claim with those vectors declared as rows (1 × n): sampled alike, read as rows throughout. */
export function withRowVectors(claim: Claim): { claim: Claim; rows: string[] } {
  // Looked for first by the walk, which any depth of tree takes; rewritten only where found.
  let found = false;
  for (const side of [claim.lhs, claim.rhs])
    walk(side, (x) => {
      if (!found && writtenRowLeftOfMatrix(claim, x)) found = true;
    });
  if (found)
    claim = {
      ...claim,
      lhs: writtenRowsLeftOfMatrices(claim, claim.lhs),
      rhs: writtenRowsLeftOfMatrices(claim, claim.rhs),
    };
  const rows = rowVectorNames(claim);
  if (rows.length === 0) return { claim, rows };
  let env = claim.env;
  let { lhs, rhs } = claim;
  for (const name of rows) {
    const e = declaredVector(claim, name);
    if (!e) {
      // A tuple: every use of the name in the claim transposed, a 1 × n row of the same numbers.
      const sym = uses(claim, name).sym!;
      const row: Node = { kind: 'post', op: 'T', operand: sym, start: sym.start, end: sym.end };
      lhs = substituted(lhs, name, row);
      rhs = substituted(rhs, name, row);
      continue;
    }
    const one: Node = { kind: 'num', value: 1, text: '1', start: 0, end: 0 };
    env = env.with({ ...e, spec: { ...e.spec, shape: [one, e.spec.shape[0]] } });
  }
  return { claim: { ...claim, env, lhs, rhs }, rows };
}

// A member of a family written at an index no number is given: "the error $e_k = x_k - x^\star$
// obeys $e_{k+1} = (1 - \eta a) e_k$". The index k is nobody's number, so the member cannot be
// found by evaluating its index; a reader writes the definition out at that index instead —
// e_{k+1} is x_{k+1} - x^\star — and reads the names that gives as written (x_{k+1} by the rule the
// text gave for it, x_k as any number when nothing gives it one).
import { printNode } from '../../math/print';
import { withSubscript } from '../../math/parser/nodes';
import type { Node, SymNode } from '../../math/tree';
import { children, freeSymbols } from '../../model/names';
import { mapChildren } from '../../math/walk';
import type { Entry } from '../../model/types';
import { type CompileEnv, lookupWithScope } from './context';

type FamilyDef = Extract<Entry, { kind: 'def' }>;

/** The definition written out at the member's indices, or null when an index has a value. */
export function symbolicMember(def: FamilyDef, n: SymNode, c: CompileEnv): Node | null {
  const indices = def.indices ?? [];
  const items = n.sub ?? [];
  if (items.length !== indices.length || indices.length === 0) return null;
  if (!items.every((item) => hasOpenLetter(item, c))) return null;
  if (!indices.every((index) => onlyNamesAtIndex(def.expr, index, c))) return null;
  let body = def.expr;
  // Index letters go in one at a time: with several, a written index that mentions an index letter
  // would be rewritten twice, so such a member is left to the evaluation.
  if (indices.length > 1 && items.some((item) => indices.some((index) => freeSymbols(item).has(index))))
    return null;
  indices.forEach((index, k) => {
    body = writtenAt(body, index, items[k]);
  });
  return body;
}

/**
 * An index mentions a letter the claim gives no value: not bound by a sum or a definition, not
 * declared, defined or ranged over a recurrence's indices. A letter the claim already reads as a free
 * index (`A_{ij} = B_{ji}` for every i, j) is open too; the members the definition reaches decide.
 */
function hasOpenLetter(item: Node, c: CompileEnv): boolean {
  return [...freeSymbols(item)].some((name) => {
    const free = c.free.some((s) => s.name === name);
    const scoped = c.scopes.some((s) => s.name === name);
    return (
      (free || (!c.locals.has(name) && !scoped)) &&
      !c.bounds.has(name) &&
      !c.recurrenceIndices.has(name) &&
      !lookupWithScope(c, name) &&
      !c.env.isDimension(name)
    );
  });
}

/**
 * Each name the definition writes at the index letter is a name of its own, not an entry of an
 * array (`e_k = x_k - x^\star` with no x declared): written out at `k + 1` it is the name `x_{k+1}`,
 * which the text may define. An entry of a declared vector stays an entry, evaluated at its index.
 */
function onlyNamesAtIndex(body: Node, index: string, c: CompileEnv): boolean {
  let names = 0;
  let other = false;
  const visit = (x: Node) => {
    if (x.kind === 'sym' && x.sub && x.sub.some((s) => freeSymbols(s).has(index))) {
      names++;
      if (lookupWithScope(c, x.stem) || c.env.lookupPattern(x.stem) || c.locals.has(x.stem)) other = true;
      return;
    }
    // The index as a number (`p_n = \frac{n + 2}{2(n + 1)}`, a product up to t) keeps the reading
    // of a step index as any whole number (judgedWithMemberIndices).
    if (x.kind === 'sym' && x.name === index) other = true;
    for (const ch of children(x)) visit(ch);
  };
  visit(body);
  return names > 0 && !other;
}

/**
 * The body with the index letter replaced by the written index: `x_k` becomes the name `x_{k+1}`,
 * as the parser names it, and a bare k becomes `k + 1`.
 */
function writtenAt(body: Node, index: string, by: Node): Node {
  const rewrite = (x: Node): Node => {
    if (x.kind === 'sym' && x.name === index) return { ...by, start: x.start, end: x.end } as Node;
    if (x.kind === 'sym' && x.sub && x.sub.some((s) => freeSymbols(s).has(index))) {
      const sub = x.sub.map(rewrite);
      const bare: SymNode = { ...x, name: x.stem, sub: null, subText: null, primes: 0 };
      const member = withSubscript(bare, sub, sub.map(printNode).join(','), x.end);
      return x.primes > 0
        ? { ...member, primes: x.primes, name: member.name + "'".repeat(x.primes) }
        : member;
    }
    return mapChildren(x, rewrite);
  };
  return rewrite(body);
}

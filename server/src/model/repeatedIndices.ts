// Repeated indices: index notation (physics, component-wise backpropagation) writes `W_{ik} x_k` for
// Σ_k W_{ik} x_k. An index letter written exactly twice in one product term, and not left free on
// the other side of the relation, is read as summed over its range; a letter the other side leaves
// free is free here too (the relation holds for each of its values), and one written three times or
// more is not summed.
import type { Node, SymNode } from '../math/tree';
import { walk } from './names';

type Counts = Map<string, number>;

const PRODUCTS = new Set(['juxt', 'cdot', 'times', '/']);
const INDEX_LETTER = /^[a-z]$/;

/**
 * `side` with each product term that writes an index letter twice wrapped in a sum over it, or null
 * when no term does. `others` are the other sides of the relation: their letters stay free.
 * `isIndex` says which letters are index letters (not names the document gives a meaning).
 */
export function withRepeatedIndicesSummed(
  side: Node,
  others: readonly Node[],
  isIndex: (name: string) => boolean,
): { node: Node; summed: string[] } | null {
  // A letter the other side leaves free (written once in a term there) is free here too; one the
  // other side sums (`A_{kj} x_j`) says nothing about this side.
  const free = new Set<string>();
  for (const o of others)
    for (const [name] of expression(o, { isIndex, free: new Set(), summed: [] }).counts) free.add(name);
  return repeatedSummedExcept(side, free, isIndex);
}

/** As above, with the letters that stay free given: a definition's own indices (`y_i := …`). */
export function repeatedSummedExcept(
  side: Node,
  free: ReadonlySet<string>,
  isIndex: (name: string) => boolean,
): { node: Node; summed: string[] } | null {
  const summed: string[] = [];
  const rule = { isIndex, free, summed };
  const { node } = expression(side, rule);
  return summed.length ? { node, summed } : null;
}

/** Every index letter written in a subscript in `n`, with how often. */
export function lettersIn(n: Node): Counts {
  const counts: Counts = new Map();
  walk(n, (x) => {
    if (x.kind === 'sym') addSubscript(x, counts);
    if (x.kind === 'subscript')
      for (const i of x.indices)
        if (i.kind === 'sym' && i.sub === null && INDEX_LETTER.test(i.name)) bump(counts, i.name, 1);
  });
  return counts;
}

interface Rule {
  isIndex: (name: string) => boolean;
  free: ReadonlySet<string>;
  summed: string[];
}

interface Read {
  node: Node;
  counts: Counts;
}

/** A sum of terms: each term sums its own repeated letters; the sum's letters are the terms' widest. */
function expression(n: Node, rule: Rule): Read {
  if (n.kind === 'bin' && (n.op === '+' || n.op === '-')) {
    const l = expression(n.left, rule);
    const r = expression(n.right, rule);
    return { node: { ...n, left: l.node, right: r.node }, counts: widest(l.counts, r.counts) };
  }
  if (n.kind === 'neg') {
    const o = expression(n.operand, rule);
    return { node: { ...n, operand: o.node }, counts: o.counts };
  }
  return term(n, rule);
}

function term(n: Node, rule: Rule): Read {
  const f = factors(n, rule);
  let node = f.node;
  const counts = new Map(f.counts);
  for (const [name, k] of f.counts) {
    if (k !== 2 || rule.free.has(name) || !rule.isIndex(name)) continue;
    node = {
      kind: 'bigop',
      op: 'sum',
      index: { name, from: null, to: null, set: null, raw: null },
      body: node,
      start: n.start,
      end: n.end,
    };
    counts.delete(name);
    if (!rule.summed.includes(name)) rule.summed.push(name);
  }
  return { node, counts };
}

/** The letters of a product's factors add up; a bracket inside is an expression of its own. */
function factors(n: Node, rule: Rule): Read {
  if (n.kind === 'bin' && PRODUCTS.has(n.op)) {
    const l = factors(n.left, rule);
    const r = factors(n.right, rule);
    return { node: { ...n, left: l.node, right: r.node }, counts: added(l.counts, r.counts) };
  }
  if (n.kind === 'frac') {
    const a = factors(n.numerator, rule);
    const b = factors(n.denominator, rule);
    return { node: { ...n, numerator: a.node, denominator: b.node }, counts: added(a.counts, b.counts) };
  }
  if (n.kind === 'neg') {
    const o = factors(n.operand, rule);
    return { node: { ...n, operand: o.node }, counts: o.counts };
  }
  if (n.kind === 'group' && n.items.length === 1 && (n.open === '(' || n.open === '[' || n.open === '{')) {
    const e = expression(n.items[0], rule);
    return { node: { ...n, items: [e.node] }, counts: e.counts };
  }
  if (n.kind === 'bigop' && n.index?.name) {
    // The letter a written sum or product binds is its own: no term inside sums it again.
    const e = expression(n.body, { ...rule, free: new Set([...rule.free, n.index.name]) });
    const counts = new Map(e.counts);
    counts.delete(n.index.name);
    return { node: { ...n, body: e.node }, counts };
  }
  // `\operatorname{diag}(p_i(1 - p_i))` runs over its index, as a written sum does (the diagonal's
  // entries, check/compile/functions.ts): the letter is diag's own, written twice or not.
  if (n.kind === 'call' && n.fn === 'diag') return { node: n, counts: new Map() };
  // Anything else (a function of entries, a power, a derivative) is one factor with its letters.
  return { node: n, counts: lettersIn(n) };
}

function addSubscript(s: SymNode, counts: Counts): void {
  for (const i of s.sub ?? [])
    if (i.kind === 'sym' && i.sub === null && INDEX_LETTER.test(i.name)) bump(counts, i.name, 1);
}

function bump(counts: Counts, name: string, k: number): void {
  counts.set(name, (counts.get(name) ?? 0) + k);
}

function added(a: Counts, b: Counts): Counts {
  const out = new Map(a);
  for (const [name, k] of b) bump(out, name, k);
  return out;
}

function widest(a: Counts, b: Counts): Counts {
  const out = new Map(a);
  for (const [name, k] of b) out.set(name, Math.max(out.get(name) ?? 0, k));
  return out;
}

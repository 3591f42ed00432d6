// Rounded stand-ins: "$\ln 10 \approx 2.303$, so $2\ln 10 \approx 4.606$". An earlier claim gave a
// computation of numbers alone its rounded decimal, and a later claim computes with that decimal in
// its place (2 × 2.303), as people carry a value they wrote down. The model records which of those
// computations a claim writes again; the checker reads the claim with the decimals put in when it
// fails as written (check/standIns.ts). Pure functions of trees: no model state.
import type { Node } from '../math/tree';
import { children, walk } from './names';

/** A computation of numbers alone and the rounded decimal an earlier claim wrote for it. */
export interface StandIn {
  /** The computation, positions left out (treeKey). */
  key: string;
  /** The decimal as written (`2.303`). */
  value: string;
}

/** Longest source span of a subtree looked up (keys are built only for spans this short). */
const MAX_SPAN = 160;

/** Functions of numbers whose value is a number (a call's `fn`); anything else leaves the rule out. */
const CONSTANT_NAMES = new Set(['\\pi']);

/** The tree's text for comparison: its structure, positions left out. */
export function treeKey(n: Node): string {
  return JSON.stringify(n, (key, value) => (key === 'start' || key === 'end' ? undefined : value));
}

/**
 * The nodes of a tree that compute a number from numbers alone — numbers, π, built-in functions
 * (`\ln 10`, `\sqrt 2`, `e^{0.5}` when e is not a name of the document) and arithmetic — bigger than
 * a written number. Iterative: children are settled before their parents.
 */
function constantComputations(n: Node, isName: (name: string) => boolean): Node[] {
  const order: Node[] = [];
  // `\pi(r^2 + 1)`: a name applied is the function's name, no number in its place.
  const heads = new Set<Node>();
  walk(n, (x) => {
    order.push(x);
    if (x.kind === 'apply' || x.kind === 'prime') heads.add(x.f);
  });
  const constant = new Set<Node>();
  for (let i = order.length - 1; i >= 0; i--) {
    const x = order[i];
    if (!CONSTANT_KINDS.has(x.kind) || heads.has(x)) continue;
    if (
      x.kind === 'sym' &&
      !(x.sub === null && (CONSTANT_NAMES.has(x.name) || (x.name === 'e' && !isName('e'))))
    )
      continue;
    if (x.kind === 'group' && (x.open !== '(' || x.items.length !== 1)) continue;
    if (children(x).every((c) => constant.has(c))) constant.add(x);
  }
  return order.filter((x) => constant.has(x) && !plainNumber(x) && x.end - x.start <= MAX_SPAN);
}

const CONSTANT_KINDS = new Set(['num', 'sym', 'bin', 'neg', 'frac', 'sqrt', 'pow', 'call', 'group', 'abs']);

function plainNumber(n: Node): boolean {
  if (n.kind === 'num') return true;
  if (n.kind === 'neg' || (n.kind === 'group' && n.items.length === 1))
    return plainNumber(n.kind === 'neg' ? n.operand : n.items[0]);
  return false;
}

/** A decimal that is a whole side (signs and brackets aside): the rounded value written. */
function loneDecimal(n: Node): Extract<Node, { kind: 'num' }> | null {
  let x = n;
  while (x.kind === 'group' && x.open === '(' && x.items.length === 1) x = x.items[0];
  return x.kind === 'num' && /^\d*\.\d+$/.test(x.text) ? x : null;
}

/**
 * `\ln 10 \approx 2.303`, `\sqrt{2} = 1.414`: a claim whose left side computes a number from numbers
 * alone and whose right side is a decimal gives that computation a stand-in; anything else none.
 */
export function standInOf(
  lhs: Node,
  rhs: Node,
  op: string,
  isName: (name: string) => boolean,
): StandIn | null {
  if (op !== '=' && op !== '\\approx') return null;
  const value = loneDecimal(rhs);
  if (!value) return null;
  const whole = constantComputations(lhs, isName);
  return whole[0] === lhs ? { key: treeKey(lhs), value: value.text } : null;
}

/**
 * The stand-ins (newest first wins) whose computation a claim writes inside a side — not as a whole
 * side, where the claim restates the earlier one rather than computing with it.
 */
export function standInsWritten(
  list: readonly StandIn[],
  lhs: Node,
  rhs: Node,
  isName: (name: string) => boolean,
): StandIn[] {
  if (list.length === 0) return [];
  const byKey = new Map(list.map((s) => [s.key, s]));
  const out: StandIn[] = [];
  for (const side of [lhs, rhs])
    for (const x of constantComputations(side, isName)) {
      if (x === side) continue;
      const found = byKey.get(treeKey(x));
      if (found && !out.includes(found)) out.push(found);
    }
  return out;
}

/**
 * The tree with each computation a stand-in names replaced by its decimal (a number spanning the
 * computation's text); `replaced` receives the computations, in order. Only the spine above them is
 * copied, bottom up, without recursion (a sum of thousands of terms is as deep).
 */
export function withStandIns(
  n: Node,
  list: readonly StandIn[],
  isName: (name: string) => boolean,
  replaced: { computation: Node; value: string }[],
): Node {
  const byKey = new Map(list.map((s) => [s.key, s.value]));
  const parent = new Map<Node, Node>();
  const order: Node[] = [];
  walk(n, (x) => {
    order.push(x);
    for (const c of children(x)) parent.set(c, x);
  });
  const computations = new Set(constantComputations(n, isName));
  const next = new Map<Node, Node>();
  for (const x of order) {
    if (!computations.has(x)) continue;
    let above = parent.get(x);
    while (above && !next.has(above)) above = parent.get(above);
    if (above) continue; // inside a computation already replaced
    const value = byKey.get(treeKey(x));
    if (value === undefined) continue;
    replaced.push({ computation: x, value });
    next.set(x, exactDecimal(value, x));
  }
  if (next.size === 0) return n;
  const dirty = new Set<Node>();
  for (const x of next.keys())
    for (let p = parent.get(x); p && !dirty.has(p); p = parent.get(p)) dirty.add(p);
  for (let i = order.length - 1; i >= 0; i--) {
    const x = order[i];
    if (!dirty.has(x)) continue;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(x)) out[key] = swapped(v, next);
    next.set(x, out as unknown as Node);
  }
  return next.get(n) ?? n;
}

/** A field's value with its nodes (directly, in arrays, or in plain records) swapped for their copies. */
function swapped(v: unknown, next: Map<Node, Node>): unknown {
  if (Array.isArray(v)) return v.map((item) => swapped(item, next));
  if (v === null || typeof v !== 'object') return v;
  if (typeof (v as { kind?: unknown }).kind === 'string') return next.get(v as Node) ?? v;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(v)) out[key] = swapped(item, next);
  return out;
}

/**
 * The decimal as the fraction of whole numbers it is (`2.303` as 2303/1000), spanning the
 * computation: the author computed with exactly that value, so no rounding is read into it
 * (check/claim/rounding.ts reads the digits of a written decimal as its rounding).
 */
function exactDecimal(value: string, at: Node): Node {
  const [whole, digits = ''] = value.split('.');
  const scale = 10 ** digits.length;
  const num = (v: number): Node => ({ kind: 'num', value: v, text: String(v), start: at.start, end: at.end });
  return {
    kind: 'frac',
    numerator: num(Number(whole + digits)),
    denominator: num(scale),
    start: at.start,
    end: at.end,
  };
}

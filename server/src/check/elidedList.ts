// Elided lists: `f_1, f_2, \dots, f_d` and `x_1 + x_2 + \dots + x_n`. A careful reader expands
// the pattern the written terms share: the terms are the same expression except for one integer
// subscript, which counts up by one from the first term, and the term after the dots gives the
// last value of that subscript (a number or a size such as d).
import type { Node, SymNode } from '../math/tree';
import { Unsupported } from './errors';
import type { CompileEnv, Fn } from './evaluate';
import type { Trial } from './trial';
import type { Val } from './values';

/** More terms than this in one elided list is over budget. */
const MAX_TERMS = 4096;

export interface ElidedList {
  /** The subscript of the first term. */
  first: number;
  /** The term with the subscript `v`. */
  term: (v: number) => Node;
  /** The subscript of the last term, as written (`d`, `n - 1`, `5`). */
  last: Node;
}

/**
 * Reads `items` — explicit terms, one `…`, one last term — as an elided list, or null when the
 * terms do not follow one pattern (then the list is not evaluated).
 */
export function readElided(items: Node[]): ElidedList | null {
  const dots = items.findIndex((x) => x.kind === 'dots');
  if (dots < 1 || dots !== items.length - 2 || items.some((x, i) => i !== dots && x.kind === 'dots'))
    return null;
  const head = items[0];
  const last = items[items.length - 1];
  const sites: SymNode[] = [];
  const pairs: [Node, Node][] = [];
  if (!zip(head, last, pairs, sites) || pairs.length === 0) return null;
  const starts = pairs.map(([a]) => (a.kind === 'num' && Number.isInteger(a.value) ? a.value : null));
  const first = starts[0];
  if (first === null || starts.some((v) => v !== first)) return null;
  // Every site must end at the same place: `c f_1 / \|f_1\|, …, c f_d / \|f_d\|`.
  if (pairs.some(([, b]) => !same(b, pairs[0][1]))) return null;
  const siteSet = new Set<Node>(sites);
  const term = (v: number) => substitute(head, siteSet, v) as Node;
  for (let k = 1; k < dots; k++) if (!same(items[k], term(first + k))) return null;
  return { first, term, last: pairs[0][1] };
}

/** Compiles an elided list into the function giving its terms' values, in order. */
export function compileElided(
  list: ElidedList,
  c: CompileEnv,
  node: Node,
  compile: (n: Node, c: CompileEnv) => Fn,
): (t: Trial) => Val[] {
  const last = compile(list.last, c);
  const compiled = new Map<number, Fn>();
  const termAt = (v: number): Fn => {
    let f = compiled.get(v);
    if (!f) {
      f = compile(list.term(v), c);
      compiled.set(v, f);
    }
    return f;
  };
  // Compiling the first term now reports its unknown names with the claim's.
  termAt(list.first);
  return (t) => {
    const end = t.integerOf(last(t), node);
    const count = end - list.first + 1;
    if (count < 1)
      throw new Unsupported(
        `this elided list ends at ${end}, before its first term (${list.first}): check the last term`,
        node.start,
        node.end,
      );
    if (count > MAX_TERMS)
      throw new Unsupported(
        `over budget: an elided list of ${count} terms (at most ${MAX_TERMS})`,
        node.start,
        node.end,
      );
    const out: Val[] = [];
    for (let v = list.first; v <= end; v++) out.push(termAt(v)(t));
    return out;
  };
}

/** The terms of a `+` chain, left to right. */
export function sumTerms(n: Node): Node[] {
  return n.kind === 'bin' && n.op === '+' ? [...sumTerms(n.left), ...sumTerms(n.right)] : [n];
}

/** Whether two trees are written alike (positions aside). */
function same(a: Node, b: Node): boolean {
  const pairs: [Node, Node][] = [];
  return zip(a, b, pairs, []) && pairs.length === 0;
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && 'kind' in x && typeof (x as Node).kind === 'string';
}

/**
 * Structural equality of two trees, except at names with one subscript item whose subscripts
 * differ: those are recorded as (subscript in a, subscript in b), with the name of `a`.
 */
function zip(a: unknown, b: unknown, pairs: [Node, Node][], sites: SymNode[]): boolean {
  if (isNode(a) && isNode(b) && a.kind === 'sym' && b.kind === 'sym') {
    if (a.name === b.name) return true;
    if (a.stem !== b.stem || a.primes !== b.primes || a.sub?.length !== 1 || b.sub?.length !== 1)
      return false;
    pairs.push([a.sub[0], b.sub[0]]);
    sites.push(a);
    return true;
  }
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => zip(x, b[i], pairs, sites));
  if (typeof a === 'object' && a !== null) {
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return false;
    const ka = Object.keys(a).filter((k) => k !== 'start' && k !== 'end');
    const kb = Object.keys(b).filter((k) => k !== 'start' && k !== 'end');
    if (ka.length !== kb.length) return false;
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    return ka.every((k) => k in rb && zip(ra[k], rb[k], pairs, sites));
  }
  return a === b;
}

/** A copy of `n` with the subscript of each site replaced by the number `v`. */
function substitute(n: unknown, sites: Set<Node>, v: number): unknown {
  if (isNode(n) && n.kind === 'sym' && sites.has(n)) {
    const num: Node = { kind: 'num', value: v, text: String(v), start: n.sub![0].start, end: n.sub![0].end };
    return { ...n, sub: [num], subText: String(v), name: `${n.stem}_{${v}}` };
  }
  if (Array.isArray(n)) return n.map((x) => substitute(x, sites, v));
  if (typeof n === 'object' && n !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(n)) out[k] = substitute(x, sites, v);
    return out;
  }
  return n;
}

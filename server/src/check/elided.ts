// Elided patterns: `x_1 + \dots + x_n`, `(x_1, \ldots, x_n)`, `[f_1 \ f_2 \ \dots \ f_d]`.
// A reader fills the dots from the first and last terms: they must be the same expression
// except at one place, where the first has a whole number and the last an expression (the
// bound). Terms written between them must be that expression at the following numbers. The
// result is a template with a fresh index letter in that place, so the evaluator can loop.
import type { Node, SymNode } from '../math/tree';
import { freeSymbols } from '../model/names';

export interface Elision {
  /** The term with the index letter in the place that varies. */
  template: Node;
  index: string;
  /** The first term's whole number and the last term's expression. */
  from: number;
  to: Node;
}

/** Terms of a `+` chain (`a + b + \dots + c`), or null when another operator joins them. */
export function sumTerms(n: Node): Node[] | null {
  if (n.kind !== 'bin' || n.op !== '+') return null;
  const out: Node[] = [];
  const visit = (x: Node): boolean => {
    if (x.kind === 'bin' && x.op === '+') return visit(x.left) && visit(x.right);
    if (x.kind === 'bin' && x.op === '-') return false;
    out.push(x);
    return true;
  };
  return visit(n) ? out : null;
}

/** Factors of a juxtaposition chain (`f_1 \ f_2 \ \dots \ f_d`). */
export function juxtFactors(n: Node): Node[] {
  if (n.kind === 'bin' && n.op === 'juxt') return [...juxtFactors(n.left), ...juxtFactors(n.right)];
  return [n];
}

/**
 * Factors written side by side, regrouped into the terms of a row when each term is a product of
 * the same number of factors: `c f_1 \ c f_2 \ \dots \ c f_d` is the terms `c f_1`, `c f_2`,
 * …, `c f_d`. The shortest grouping whose terms follow one pattern is taken; null when none does.
 */
export function productTerms(factors: Node[]): Node[] | null {
  const dots = factors.findIndex((x) => x.kind === 'dots');
  const after = factors.length - dots - 1;
  if (dots < 2 || after < 2 || factors.filter((x) => x.kind === 'dots').length !== 1) return null;
  const join = (xs: Node[]): Node =>
    xs.reduce((a, b) => ({ kind: 'bin', op: 'juxt', left: a, right: b, start: a.start, end: b.end }));
  const size = after;
  if (dots % size !== 0) return null;
  const terms: Node[] = [];
  for (let k = 0; k < dots; k += size) terms.push(join(factors.slice(k, k + size)));
  const items = [...terms, factors[dots], join(factors.slice(dots + 1))];
  return elision(items) ? items : null;
}

const LETTERS = ['k', 'j', 'i', 'l', 'm', 'r', 's'];

/**
 * The pattern of a list with one `…`: at least one term before it and exactly one after.
 * Null when there is no dots, or the terms do not follow one pattern.
 */
export function elision(items: Node[]): Elision | null {
  return elisionAsWritten(items) ?? elisionAsWritten(leadingPowers(items) ?? []);
}

/**
 * `1 + \alpha + \alpha^2 + \dots + \alpha^{\gamma}`: the geometric series writes its first terms
 * without their exponents, 1 for α⁰ and α for α¹. When the last term is a power of a letter and
 * two terms or more come before the dots, leading terms that are 1 or that letter are read as it
 * to the powers 0 and 1; null when there are none.
 */
function leadingPowers(items: Node[]): Node[] | null {
  const last = items[items.length - 1];
  // A number base is left as written: `1 + 2 + \dots + 2^n` may count 1, 2, 3, … up to 2ⁿ.
  if (last?.kind !== 'pow' || last.base.kind === 'num' || items.length < 4) return null;
  const base = last.base;
  const power = (x: Node, k: number): Node => ({
    kind: 'pow',
    base,
    exponent: { kind: 'num', value: k, text: String(k), start: x.start, end: x.end },
    start: x.start,
    end: x.end,
  });
  let changed = false;
  const out = items.map((x, j) => {
    if (j === 0 && x.kind === 'num' && x.value === 1 && x.text === '1') {
      changed = true;
      return power(x, 0);
    }
    if (j <= 1 && same(x, base)) {
      changed = true;
      return power(x, 1);
    }
    return x;
  });
  return changed ? out : null;
}

function elisionAsWritten(items: Node[]): Elision | null {
  const dots = items.findIndex((x) => x.kind === 'dots');
  if (dots < 1 || dots !== items.length - 2 || items.filter((x) => x.kind === 'dots').length !== 1)
    return null;
  const first = items[0];
  const last = items[items.length - 1];
  const used = new Set<string>();
  for (const x of items) for (const name of freeSymbols(x)) used.add(name);
  const index = LETTERS.find((l) => !used.has(l));
  if (!index) return null;
  const found: { from: number | null; to: Node | null } = { from: null, to: null };
  const template = unify(first, last, index, found);
  // The bound is an index expression (`n`, `n - 1`, `2k`): `1 + \dots + 2^n` is no count of terms.
  if (!template || found.from === null || !found.to || !isIndexExpression(found.to)) return null;
  // `x_1 + x_2 + \dots + x_n`: the terms before the dots are the template at 1, 2, ….
  for (let j = 1; j < dots; j++) {
    const probe: { from: number | null; to: Node | null } = { from: null, to: null };
    const again = unify(first, items[j], index, probe);
    if (!again || probe.to?.kind !== 'num' || probe.to.value !== found.from + j) return null;
  }
  // `1 + 2 + \dots + 512`: two numbers before the dots that step by one and double alike, and a last
  // term both patterns reach — every number up to 512, or the powers of 2 (dilations 1, 2, 4, …)? A
  // reader cannot tell; a third term (`1 + 2 + 4 + \dots`) or a sum says which.
  if (dots === 2 && stepsAndMultiplies(items[0], items[1], last)) return null;
  return { template, index, from: found.from, to: found.to };
}

/** Whether numbers a, b, …, c fit both an arithmetic and a geometric progression (a ≥ 1). */
function stepsAndMultiplies(a: Node, b: Node, c: Node): boolean {
  if (a.kind !== 'num' || b.kind !== 'num' || c.kind !== 'num') return false;
  if (![a.value, b.value, c.value].every(Number.isInteger) || a.value < 1 || b.value <= a.value) return false;
  const ratio = b.value / a.value;
  if (!Number.isInteger(ratio)) return false;
  let term = b.value;
  while (term < c.value) term *= ratio;
  return term === c.value && c.value > b.value;
}

/** `first` with the one place where it differs from `last` replaced by the index letter. */
function unify(
  first: Node,
  last: Node,
  index: string,
  found: { from: number | null; to: Node | null },
): Node | null {
  if (same(first, last)) return first;
  if (first.kind === 'num' && Number.isInteger(first.value)) {
    // `a_1 b_1 + \dots + a_n b_n`: the same place may vary twice, with the same bounds.
    if (found.to) return first.value === found.from && same(last, found.to) ? symbolAt(index, last) : null;
    found.from = first.value;
    found.to = last;
    return symbolAt(index, last);
  }
  if (first.kind !== last.kind) return null;
  if (first.kind === 'sym' && last.kind === 'sym') {
    if (first.stem !== last.stem || first.primes !== last.primes || !first.sub || !last.sub) return null;
    if (first.sub.length !== last.sub.length) return null;
    const sub: Node[] = [];
    for (let k = 0; k < first.sub.length; k++) {
      const u = unify(first.sub[k], last.sub[k], index, found);
      if (!u) return null;
      sub.push(u);
    }
    const subText = sub.map(textOf).join(',');
    const sym: SymNode = { ...last, sub, subText, name: `${last.stem}_{${subText}}` };
    return sym;
  }
  // Any other node: the same shape, the same fields, children unified one by one.
  const out: Record<string, unknown> = { ...last };
  for (const key of Object.keys(first) as (keyof typeof first)[]) {
    if (key === 'start' || key === 'end') continue;
    const a = first[key] as unknown;
    const b = (last as unknown as Record<string, unknown>)[key];
    if (isNode(a) && isNode(b)) {
      const u = unify(a, b, index, found);
      if (!u) return null;
      out[key] = u;
    } else if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) return null;
      const list: unknown[] = [];
      for (let k = 0; k < a.length; k++) {
        if (!isNode(a[k]) || !isNode(b[k])) {
          if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return null;
          list.push(b[k]);
          continue;
        }
        const u = unify(a[k], b[k], index, found);
        if (!u) return null;
        list.push(u);
      }
      out[key] = list;
    } else if (a !== b && !(a === null && b === null)) {
      if (typeof a === 'object' || typeof b === 'object') {
        if (JSON.stringify(strip(a)) !== JSON.stringify(strip(b))) return null;
      } else return null;
    }
  }
  return out as unknown as Node;
}

function isIndexExpression(n: Node): boolean {
  if (n.kind === 'num') return Number.isInteger(n.value);
  if (n.kind === 'sym') return n.sub === null || n.sub.every(isIndexExpression);
  if (n.kind === 'bin')
    return (
      (n.op === '+' || n.op === '-' || n.op === 'juxt') &&
      isIndexExpression(n.left) &&
      isIndexExpression(n.right)
    );
  if (n.kind === 'group') return n.items.length === 1 && isIndexExpression(n.items[0]);
  return false;
}

/** A plain symbol `name` standing where `at` was written (an index, a placeholder for an argument). */
export function symbolAt(name: string, at: Node): SymNode {
  return {
    kind: 'sym',
    name,
    stem: name,
    base: name,
    sub: null,
    subText: null,
    primes: 0,
    start: at.start,
    end: at.end,
  };
}

function isNode(x: unknown): x is Node {
  return !!x && typeof x === 'object' && 'kind' in (x as object);
}

/** Structural equality, ranges ignored. */
function same(a: Node, b: Node): boolean {
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

function strip(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(strip);
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'start' && k !== 'end') out[k] = strip(v);
    return out;
  }
  return x;
}

function textOf(n: Node): string {
  if (n.kind === 'sym') return n.name;
  if (n.kind === 'num') return n.text;
  return '…';
}

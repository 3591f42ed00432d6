// "$k(x, x') = \sigma^2 \exp(-r^2 / (2\ell^2))$ with $r = \|x - x'\|$": a letter the formula uses,
// defined right after it by "where" or "with". A careful reader takes the clause as part of the
// formula, as if written before it: r is what the formula means by r. For a function's rule whose
// clause is written in the function's own variables (x and x' above), r is shorthand inside the
// rule, so the rule is read with the clause's formula in its place (the function then takes r at
// its own arguments, not at the document's x and x').
import type { Node, Statement } from '../math/tree';
import { someNode } from './names';

/** The words between the formula and the clause: "where", "with", after a comma or none. */
const CLAUSE_WORDS = /^[\s,;]*(?:where|with)\s*$/i;

/** Whether the words between two math spans open a clause that defines the first one's letters. */
export function opensDefiningClause(between: string): boolean {
  return CLAUSE_WORDS.test(between);
}

/** Whether a statement writes the letter `name` (not as a function applied). */
export function writesName(list: Statement[], name: string): boolean {
  return list.some((st) =>
    st.sides.some((side) => someNode(side, (n) => n.kind === 'sym' && n.name === name)),
  );
}

/** The parts of a node that are not values a letter can be replaced in. */
const BOUND_PARTS = new Set(['f', 'wrt', 'variable', 'label']);

/** `n` with every use of the letter `name` replaced by `by` (a function's name, ∂r, dr are kept). */
export function substituted(n: Node, name: string, by: Node): Node {
  if (n.kind === 'sym') return n.name === name ? by : n;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(n)) {
    out[key] = BOUND_PARTS.has(key) ? value : substitutedValue(value, name, by);
  }
  return out as unknown as Node;
}

function substitutedValue(value: unknown, name: string, by: Node): unknown {
  if (Array.isArray(value)) return value.map((v) => substitutedValue(v, name, by));
  if (value !== null && typeof value === 'object') {
    if (typeof (value as { kind?: unknown }).kind === 'string') return substituted(value as Node, name, by);
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = substitutedValue(v, name, by);
    return out;
  }
  return value;
}

/**
 * `k(x, x') = \sigma^2 \exp(-r^2/(2\ell^2))` with `r = \|x - x'\|`: a function's rule whose clause is
 * written in the function's variables, read with the clause's formula in place of its letter. Any
 * other statement is read as written (the letter is defined just before it).
 */
export function ruleWithClause(st: Statement, name: string, expr: Node): Statement {
  const head = st.sides[0];
  if (st.ops.length === 0 || head.kind !== 'apply') return st;
  const params = new Set(head.args.flatMap((a) => (a.kind === 'sym' ? [a.name] : [])));
  if (!someNode(expr, (n) => n.kind === 'sym' && params.has(n.name))) return st;
  return { ...st, sides: [head, ...st.sides.slice(1).map((side) => substituted(side, name, expr))] };
}

// A sign constraint in running text — `\tau > 0`, `s_1, s_2 > 0`, `0 < \epsilon`, `\sigma^2 > 0` — is
// how authors say what kind of number a letter is. Read as a careful reader reads it, it is part of
// a declaration, not a claim to check.
import type { Node, SymNode } from '../math/tree';

export interface SignConstraint {
  /** The names constrained, each with whether it was written squared (`\sigma^2 > 0`). */
  names: { sym: SymNode; squared: boolean }[];
}

const ABOVE = new Set(['>', '\\ge']);
const BELOW = new Set(['<', '\\le']);

/**
 * `NAMES > 0` or `0 < NAMES` (also ≥ / ≤), where NAMES is a name, an even power of a name, or a
 * comma list of those: the names it says are positive. Anything else (a formula, another bound,
 * `x > 1`) is not a sign constraint.
 */
export function readSignConstraint(op: string, lhs: Node, rhs: Node): SignConstraint | null {
  const side = ABOVE.has(op) && isZero(rhs) ? lhs : BELOW.has(op) && isZero(lhs) ? rhs : null;
  if (!side) return null;
  const items = side.kind === 'list' ? side.items : [side];
  const names: SignConstraint['names'] = [];
  for (const item of items) {
    if (item.kind === 'sym') names.push({ sym: item, squared: false });
    else if (item.kind === 'pow' && item.base.kind === 'sym' && isEvenInteger(item.exponent))
      names.push({ sym: item.base, squared: true });
    else return null;
  }
  return names.length > 0 ? { names } : null;
}

function isZero(n: Node): boolean {
  return n.kind === 'num' && n.value === 0;
}

function isEvenInteger(n: Node): boolean {
  const e = n.kind === 'group' && n.items.length === 1 ? n.items[0] : n;
  return e.kind === 'num' && Number.isInteger(e.value) && e.value > 0 && e.value % 2 === 0;
}

/**
 * `\sigma^2 = 0.5` in running text, σ a declared scalar: a worked example gives the variance, so
 * σ takes the nonnegative square root (a standard deviation, a scale). The value of σ, or null
 * when the relation is not a number given to the square of a name.
 */
export function squaredValue(lhs: Node, rhs: Node): { sym: SymNode; value: number } | null {
  const sym = squaredName(lhs);
  const v = numberOf(rhs);
  return sym && v !== null && v >= 0 ? { sym, value: Math.sqrt(v) } : null;
}

/** `NAME^2`: the name squared, or null. */
export function squaredName(n: Node): SymNode | null {
  if (n.kind !== 'pow' || n.base.kind !== 'sym') return null;
  const e = n.exponent.kind === 'group' && n.exponent.items.length === 1 ? n.exponent.items[0] : n.exponent;
  return e.kind === 'num' && e.value === 2 ? n.base : null;
}

/**
 * A written number (`3`, `-1`, `\frac{1}{2}`, `1/4` — a quotient of written numbers reads as the
 * fraction it is; `\infty` when `infinity` allows it), or null.
 */
export function numberOf(n: Node, infinity = false): number | null {
  if (n.kind === 'num') return n.value;
  if (n.kind === 'neg') {
    const v = numberOf(n.operand, infinity);
    return v === null ? null : -v;
  }
  if (n.kind === 'group' && n.open === '(' && n.items.length === 1) return numberOf(n.items[0], infinity);
  if (n.kind === 'frac' || (n.kind === 'bin' && n.op === '/')) {
    const [top, bottom] = n.kind === 'frac' ? [n.numerator, n.denominator] : [n.left, n.right];
    const a = numberOf(top, infinity);
    const b = numberOf(bottom, infinity);
    return a !== null && b !== null && b !== 0 && Number.isFinite(a) && Number.isFinite(b) ? a / b : null;
  }
  if (infinity && n.kind === 'sym' && n.name === '\\infty') return Infinity;
  return null;
}

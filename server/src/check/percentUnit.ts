// "The return is $100(e^{0.0904} - 1) \approx 9.46\%$": a side already multiplied by 100 is a number
// of percent, and the `%` after the other side's number is its unit, not the hundredth that `x\%`
// otherwise is (`0.0946 = 9.46\%`). Both readings are standard; a claim is refuted only when both fail.
// The factor may stand over a count, `\frac{100}{n}\sum_t |e_t/y_t|` (a mean absolute percentage
// error), or on the left side of the link before in the same chain (`MAPE = \frac{100}{5}\sum … =
// 20(…) = 19.09\%`: the 20 is that 100/5). A side computed with no factor 100 written that holds
// only with the % read as the unit has two readings and no word to choose: unchecked, saying so.
import type { Claim } from '../model/types';
import type { Node } from '../math/tree';

const PRODUCTS = new Set(['juxt', 'cdot', 'times']);

/**
 * The claim with its percentages read as plain numbers, when the other side multiplies by 100
 * (`scaled`), or, with `scaled` false, when that side is computed (no bare number) without a 100.
 */
export function percentAsUnit(claim: Claim, source: string): { claim: Claim; scaled: boolean } | null {
  if (!source.slice(claim.start, claim.end).includes('\\%')) return null;
  try {
    return withPercentsAsUnits(claim, source);
  } catch (e) {
    // A tree too deep to copy (a sum of thousands of terms) has only the ordinary reading.
    if (e instanceof RangeError) return null;
    throw e;
  }
}

function withPercentsAsUnits(claim: Claim, source: string): { claim: Claim; scaled: boolean } | null {
  const left = hasPercent(claim.lhs, source);
  const right = hasPercent(claim.rhs, source);
  if (left === right) return null;
  const other = left ? claim.rhs : claim.lhs;
  const before = !left && claim.chainedFrom ? claim.chainedFrom : null;
  const scaled = scaledByHundred(other) || (before !== null && scaledByHundred(before));
  if (!scaled && !computed(other)) return null;
  const read = left
    ? { ...claim, lhs: withoutPercent(claim.lhs, source) as Node }
    : { ...claim, rhs: withoutPercent(claim.rhs, source) as Node };
  return { claim: read, scaled };
}

/** A side that computes (an operation, not a bare or negated number): `20(3/15 + 1.1/14)`. */
function computed(n: Node): boolean {
  if (n.kind === 'neg') return computed(n.operand);
  return n.kind !== 'num';
}

/** `x \times 10^{-2}` as the parser writes `x\%` (math/parser/percent.ts), found by its `\%`. */
function isPercent(n: unknown, source: string): n is Extract<Node, { kind: 'bin' }> {
  if (typeof n !== 'object' || n === null) return false;
  const b = n as Node;
  return (
    b.kind === 'bin' &&
    b.op === 'times' &&
    b.right.kind === 'pow' &&
    source.slice(b.right.start, b.right.end) === '\\%'
  );
}

function hasPercent(n: unknown, source: string): boolean {
  if (isPercent(n, source)) return true;
  if (Array.isArray(n)) return n.some((x) => hasPercent(x, source));
  if (typeof n !== 'object' || n === null) return false;
  return Object.values(n).some((x) => typeof x === 'object' && hasPercent(x, source));
}

function withoutPercent(n: unknown, source: string): unknown {
  if (isPercent(n, source)) return n.left;
  if (Array.isArray(n)) return n.map((x) => withoutPercent(x, source));
  if (typeof n !== 'object' || n === null) return n;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(n)) out[k] = withoutPercent(x, source);
  return out;
}

/**
 * A side whose product has the written factor 100: `100(e^b - 1)`, `\frac{a}{b} \times 100`, also
 * over a count (`\frac{100}{n}\sum_t …`, `\frac{100\,a}{b}`, `100/n \cdot s`).
 */
function scaledByHundred(n: Node): boolean {
  if (n.kind === 'num') return n.value === 100;
  if (n.kind === 'neg') return scaledByHundred(n.operand);
  if (n.kind === 'frac') return scaledByHundred(n.numerator);
  if (n.kind === 'bin' && n.op === '/') return scaledByHundred(n.left);
  if (n.kind === 'bin' && PRODUCTS.has(n.op)) return scaledByHundred(n.left) || scaledByHundred(n.right);
  return false;
}

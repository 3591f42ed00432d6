// "$2.36 \times 10^{21} / 7.99 \times 10^{15} \approx 2.95 \times 10^5$": a number in scientific
// notation is one number to its reader, so after `/` the whole of `7.99 \times 10^{15}` is the
// divisor, as `7.99e15` would be. Read strictly left to right it would multiply by 10^{15}, a
// reading no author of such a line means. Between two numbers so written, or after a divisor whose
// mantissa has a decimal point (`536870912 / 1.4 \times 10^{10}`): in `1/2 \times 10^3` the half may
// well be of a thousand. Under a root as on a side (`\sqrt{2 \cdot 3.986 \times 10^{14} /
// 6.371 \times 10^6}`), and with written numbers before the dividend's power of ten.
import type { Node, Statement } from '../math/tree';

const PRODUCT = new Set(['times', 'cdot']);

/** The statements with every `… / m \times 10^{k}` read as a division by the number m·10^k. */
export function withScientificDivisors(statements: Statement[]): Statement[] {
  // Only a quotient of numbers written with a power of ten can change; a 30,000-letter product
  // (too deep to walk recursively) never does.
  if (!statements.some((st) => st.sides.some(hasScientificQuotient))) return statements;
  let changed = false;
  const out = statements.map((st) => {
    const sides = st.sides.map((side) => {
      const r = regroup(side);
      if (r !== side) changed = true;
      return r;
    });
    return sides.some((s, k) => s !== st.sides[k]) ? { ...st, sides } : st;
  });
  return changed ? out : statements;
}

/** Only along sums, products and brackets: where arithmetic on written numbers stands. */
function regroup(n: Node): Node {
  // `v = \sqrt{3.986 \times 10^{14} / 6.771 \times 10^6}`: a root's radicand is such arithmetic too.
  if (n.kind === 'sqrt') {
    const radicand = regroup(n.radicand);
    return radicand === n.radicand ? n : { ...n, radicand };
  }
  if (n.kind === 'group') {
    const items = n.items.map(regroup);
    return items.some((x, k) => x !== n.items[k]) ? { ...n, items } : n;
  }
  if (n.kind === 'neg') {
    const operand = regroup(n.operand);
    return operand === n.operand ? n : { ...n, operand };
  }
  if (n.kind !== 'bin') return n;
  const left = regroup(n.left);
  const right = regroup(n.right);
  // ((A / m) × 10^k) → A / (m × 10^k)
  if (
    PRODUCT.has(n.op) &&
    left.kind === 'bin' &&
    left.op === '/' &&
    (endsScientific(left.left) ? isMantissa(left.right) : isDecimalMantissa(left.right)) &&
    isPowerOfTen(right)
  ) {
    const divisor: Node = { ...n, left: left.right, right, start: left.right.start, end: right.end };
    return { ...left, right: divisor, end: n.end };
  }
  return left === n.left && right === n.right ? n : { ...n, left, right };
}

/** `m \times 10^{k}`, `m \cdot 10^{k}` or `10^{k}`. */
export function isScientific(n: Node): boolean {
  if (isPowerOfTen(n)) return true;
  return n.kind === 'bin' && PRODUCT.has(n.op) && isMantissa(n.left) && isPowerOfTen(n.right);
}

/** `3.986 \times 10^{14}`, or written numbers times it (`2 \cdot 3.986 \times 10^{14}`). */
function endsScientific(n: Node): boolean {
  if (isScientific(n)) return true;
  return n.kind === 'bin' && PRODUCT.has(n.op) && isPowerOfTen(n.right) && numbersOnly(n.left);
}

function numbersOnly(n: Node): boolean {
  return (
    n.kind === 'num' || (n.kind === 'bin' && PRODUCT.has(n.op) && numbersOnly(n.left) && numbersOnly(n.right))
  );
}

function isMantissa(n: Node): boolean {
  return n.kind === 'num';
}

/**
 * `1.4` in `536870912 / 1.4 \times 10^{10}`: a mantissa written with a decimal point, at least 1 and
 * under 10, is scientific notation whatever the dividend — no author halves by 1.4 and then scales.
 * `1/2 \times 10^3` (a whole number) keeps its left-to-right reading.
 */
function isDecimalMantissa(n: Node): boolean {
  return n.kind === 'num' && n.text.includes('.') && n.value >= 1 && n.value < 10;
}

function isPowerOfTen(n: Node): boolean {
  if (n.kind !== 'pow' || n.base.kind !== 'num' || n.base.value !== 10) return false;
  let e = n.exponent;
  if (e.kind === 'group' && e.items.length === 1) e = e.items[0];
  if (e.kind === 'neg') e = e.operand;
  return e.kind === 'num' && Number.isInteger(e.value);
}

/** A `/` against a power of ten within a few levels of the side: cheap, and never deep. */
function hasScientificQuotient(side: Node): boolean {
  let x: Node = side;
  for (let depth = 0; depth < 64 && (x.kind === 'bin' || x.kind === 'sqrt'); depth++) {
    if (x.kind === 'sqrt') {
      x = x.radicand;
      continue;
    }
    if (PRODUCT.has(x.op) && x.left.kind === 'bin' && x.left.op === '/' && isPowerOfTen(x.right)) return true;
    x = x.left.kind === 'bin' ? x.left : x.right;
  }
  return false;
}

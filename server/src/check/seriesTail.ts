// Series whose terms shrink like a power of the index: `\sum_{k=1}^{\infty} \frac{1}{k^2}`,
// `\sum_{n=1}^{\infty} \frac{1}{n(n+1)}`, `\sum_{n=1}^{\infty} \frac{(-1)^{n+1}}{n}`. No ratio of terms
// bounds their tail (series.ts), but a careful reader knows its form: for a term that is a rational
// function of the index (times (−1)^k), the tail after N terms is a series in integer powers of 1/N
// (Euler–Maclaurin), so partial sums at N, 2N, 4N, … extrapolated (Richardson) converge fast to the
// sum. Only such terms are summed so, only when the extrapolation settles far below the tolerance, and
// only when the terms shrink fast enough to converge (like 1/k² at least, or alternating and falling);
// anything else stays unchecked, as before.
import type { Node } from '../math/tree';
import { freeSymbols } from '../model/names';

/** The first partial sum extrapolated from, and how many doublings after it. */
const FIRST = 512;
const DOUBLINGS = 5;
/** How close the last two extrapolations must agree, relative to the sum. */
const SETTLED = 1e-12;

export interface TailForm {
  /** The term carries one factor (−1)^{…k…}: the signs alternate. */
  alternating: boolean;
}

/**
 * Whether the term is a rational function of the index k (other letters and constants as fixed
 * numbers), perhaps times one sign (−1)^{…k…}; null for anything else (a logarithm, a power k^{1.5},
 * x^k, a member of a family at k).
 */
export function rationalTail(body: Node, k: string): TailForm | null {
  let signs = 0;
  const mentions = (x: Node) => freeSymbols(x).has(k);
  const ok = (x: Node): boolean => {
    if (!mentions(x)) return x.kind !== 'bigop' && x.kind !== 'integral';
    switch (x.kind) {
      case 'sym':
        return x.name === k;
      case 'neg':
        return ok(x.operand);
      // `n(n + 1)`: the index before a bracket multiplies it (a bound index is no function).
      case 'apply':
        return x.f.name === k && x.args.length === 1 && ok(x.args[0]);
      case 'group':
        return x.items.length === 1 && ok(x.items[0]);
      case 'frac':
        return ok(x.numerator) && ok(x.denominator);
      case 'bin':
        return ['+', '-', 'juxt', 'cdot', 'times', '/'].includes(x.op) && ok(x.left) && ok(x.right);
      case 'pow':
        if (isMinusOne(x.base) && !mentions(x.base)) {
          signs++;
          return linearIn(x.exponent, k);
        }
        return (
          !mentions(x.exponent) &&
          x.exponent.kind === 'num' &&
          Number.isInteger(x.exponent.value) &&
          ok(x.base)
        );
      default:
        return false;
    }
  };
  return ok(body) && signs <= 1 ? { alternating: signs === 1 } : null;
}

function isMinusOne(x: Node): boolean {
  const inner = x.kind === 'group' && x.items.length === 1 ? x.items[0] : x;
  return (
    (inner.kind === 'num' && inner.value === -1) ||
    (inner.kind === 'neg' && inner.operand.kind === 'num' && inner.operand.value === 1)
  );
}

/** `k`, `k + 1`, `2k - 1`: whole-number steps of the index, so the sign flips with each term. */
function linearIn(x: Node, k: string): boolean {
  if (x.kind === 'sym') return x.name === k;
  if (x.kind === 'num') return Number.isInteger(x.value);
  if (x.kind === 'group' && x.items.length === 1) return linearIn(x.items[0], k);
  if (x.kind === 'bin' && (x.op === '+' || x.op === '-'))
    return linearIn(x.left, k) && (x.right.kind === 'num' ? Number.isInteger(x.right.value) : false);
  return false;
}

/**
 * The sum from the partial sums of `term(lo)`, `term(lo + 1)`, …, or null when the extrapolation does
 * not settle, the terms do not shrink as a converging series' do, or their signs do not follow the
 * form read.
 */
export function extrapolatedSum(term: (i: number) => number, lo: number, form: TailForm): number | null {
  const sums: number[] = [];
  let sum = 0;
  let carry = 0;
  let count = 0;
  let largest = 0;
  const checkpoints = Array.from({ length: DOUBLINGS + 1 }, (_, j) => FIRST * 2 ** j);
  // Terms that do not fall as a converging series' do are not summed at all (a look before the work).
  if (!shrinksAsConverging(term, lo, checkpoints.slice(0, 2), form)) return null;
  for (const upto of checkpoints) {
    for (; count < upto; count++) {
      const x = term(lo + count);
      if (!Number.isFinite(x)) return null;
      largest = Math.max(largest, Math.abs(x));
      const next = sum + x;
      carry += Math.abs(sum) >= Math.abs(x) ? sum - next + x : x - next + sum;
      sum = next;
    }
    sums.push(sum + carry);
  }
  if (!shrinksAsConverging(term, lo, checkpoints, form)) return null;
  // Richardson's table on h = 1/N halving: each column removes the next power of h.
  let row = sums.slice();
  let previousBest = Number.NaN;
  for (let i = 1; i <= DOUBLINGS; i++) {
    const next: number[] = [];
    for (let j = 1; j < row.length; j++) next.push(row[j] + (row[j] - row[j - 1]) / (2 ** i - 1));
    previousBest = row[row.length - 1];
    row = next;
  }
  const best = row[0];
  const scale = Math.max(Math.abs(best), largest * 1e-3);
  return Math.abs(best - previousBest) <= SETTLED * scale ? best : null;
}

/**
 * Terms of one sign falling like 1/k^p with p near 2 or more, or alternating terms falling to 0: the
 * ratio of terms N apart tells p (a rational term's p is a whole number).
 */
function shrinksAsConverging(
  term: (i: number) => number,
  lo: number,
  checkpoints: number[],
  form: TailForm,
): boolean {
  const at = checkpoints.map((n) => term(lo + n));
  const after = checkpoints.map((n) => term(lo + n + 1));
  const signs = at.map(Math.sign);
  if (signs.some((s) => s === 0)) return false;
  if (form.alternating) {
    if (at.some((x, j) => Math.sign(after[j]) !== -Math.sign(x))) return false;
  } else if (signs.some((s) => s !== signs[0])) return false;
  const last = checkpoints.length - 1;
  const p = Math.log2(Math.abs(at[last - 1]) / Math.abs(at[last]));
  return form.alternating ? p > 0.5 : p > 1.5;
}

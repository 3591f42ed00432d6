// Series: `\sum_{k=0}^{\infty} \frac{x^k}{k!}` summed term by term until what is left is known to be
// below the tolerance. A careful reader bounds the tail of a series whose terms shrink geometrically:
// once the ratio of consecutive terms stays below 1 and no longer grows, the rest is at most
// |a_k| r / (1 − r). Terms that shrink slower (1/k²) give no such bound within reach: a rational
// function of the index has a tail of known form (seriesTail.ts); any other is left unchecked rather
// than judged on a partial sum.
import type { Node } from '../math/tree';
import type { Fn } from './compile/context';
import { Resample, Unsupported } from './errors';
import type { Trial } from './trial';
import * as V from './values';
import type { Val } from './values';
import { extrapolatedSum, rationalTail, type TailForm } from './seriesTail';

/** Terms summed at most: a ratio of 0.99 reaches 1e-15 of the sum in about 3,700 terms. */
export const SERIES_MAX_TERMS = 5000;
/** Consecutive ratios that must stay below 1 and not grow before the tail bound is trusted. */
const RATIO_WINDOW = 8;
/** What may be left of the sum, relative to it: far below the default tolerance of 1e-9. */
const TAIL_RELATIVE = 1e-15;

/** `\sum_{k=lo}^{\infty} term`, for number terms. */
export function compileSeries(n: Node, k: string, from: Fn, body: Fn, written: string): Fn {
  const form = n.kind === 'bigop' ? rationalTail(n.body, k) : null;
  return (t) => sumSeries(t, k, t.integerOf(from(t), n), body, n, written, form);
}

function sumSeries(
  t: Trial,
  k: string,
  lo: number,
  body: Fn,
  n: Node,
  written: string,
  form: TailForm | null,
): Val {
  // Compensated (Neumaier) summation of plain numbers: the tail's terms are meant to fall below the
  // sum's last digits, which is not the lost term the precision log watches for in a sum.
  let sum = 0;
  let carry = 0;
  let previous = Number.NaN;
  let largest = 0;
  const ratios: number[] = [];
  for (let i = lo; i < lo + SERIES_MAX_TERMS; i++) {
    const x = numberTerm(t, k, i, body, n, written);
    const a = Math.abs(x);
    if (!Number.isFinite(a)) throw new Resample('nan', `a term of ${written} is undefined at ${k} = ${i}`);
    largest = Math.max(largest, a);
    const next = sum + x;
    carry += Math.abs(sum) >= a ? sum - next + x : x - next + sum;
    sum = next;
    if (previous > 0 && a > 0) ratios.push(a / previous);
    else ratios.length = 0;
    previous = a;
    if (ratios.length < RATIO_WINDOW) continue;
    const window = ratios.slice(-RATIO_WINDOW);
    const r = window[RATIO_WINDOW - 1];
    const settled = window.every((x, j) => j === 0 || x <= window[j - 1] * (1 + 1e-12));
    if (settled && r < 1) {
      const tail = (a * r) / (1 - r);
      if (tail <= TAIL_RELATIVE * Math.abs(sum + carry) || tail === 0) {
        t.precision.termsRounding(largest, i - lo + 1, sum + carry);
        return V.scalar(sum + carry);
      }
    }
    // Terms that grow, by a ratio above 1 that does not fall, never sum: this sample lies outside
    // where the series converges, as a logarithm's argument below 0 lies outside its domain.
    const growing = window.every((x, j) => x > 1 && (j === 0 || x >= window[j - 1] * (1 - 1e-12)));
    if (growing && i - lo > 4 * RATIO_WINDOW)
      throw new Resample('domain', `${written} diverges at this sample (its terms grow)`);
  }
  // A rational term's tail is a series in powers of 1/N (seriesTail.ts).
  if (form) {
    const value = extrapolatedSum((i) => numberTerm(t, k, i, body, n, written), lo, form);
    if (value !== null) {
      t.precision.termsRounding(largest, SERIES_MAX_TERMS, value);
      return V.scalar(value);
    }
  }
  // Ratios that settled at or just below 1 (x^k at x = 0.9999): the series converges, if at all, too
  // slowly to sum at this sample; others decide.
  const last = ratios.slice(-RATIO_WINDOW);
  if (last.length === RATIO_WINDOW && last.every((x, j) => j === 0 || x <= last[j - 1] * (1 + 1e-12)))
    throw new Resample('domain', `${written} converges too slowly to be summed at this sample`);
  throw new Unsupported(
    `${written} is not summed: its terms do not shrink geometrically within ${SERIES_MAX_TERMS} terms, ` +
      'and they are no rational function of the index (like 1/k², or alternating) whose tail is known ' +
      '(1/k^{1.1}, a logarithm), so no partial sum is known to be within the tolerance; check the ' +
      'identity for its partial sums, \\sum_{k=1}^{n}, or state the closed form it converges to',
    n.start,
    n.end,
  );
}

/** The term at index i, a number. */
function numberTerm(t: Trial, k: string, i: number, body: Fn, n: Node, written: string): number {
  t.tick(n);
  t.bind(k, i);
  let term: Val;
  try {
    term = body(t);
  } finally {
    t.unbind(k);
  }
  if ('d' in term && term.d)
    throw new Unsupported(`${written}: derivatives of a series are not evaluated`, n.start, n.end);
  const tensor = V.tensorOf(term, n);
  if (tensor.size !== 1)
    throw new Unsupported(
      `${written}: a series is summed when its terms are numbers; write the entries' series one by one`,
      n.start,
      n.end,
    );
  return tensor.data[0];
}

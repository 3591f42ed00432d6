// What double precision lost during one trial. A verdict must not rest on a value that
// overflowed, underflowed to 0, or on a sum that dropped a term the comparison cannot see: such a
// trial is re-checked in higher precision (decimal.ts) or left unchecked with the magnitudes.
import { formatNumber } from './format';

/** Below this magnitude doubles are subnormal: they carry fewer than 53 bits. */
const MIN_NORMAL = 2.2250738585072014e-308;
export const EPSILON = 2 ** -52;
/**
 * A value at most this fraction of the operands it came from is what rounding left of a
 * cancellation (Σ(x_i − x̄) computes as 1.9e−17, not 0): its size is an error bound, not a quantity.
 */
export const NOISE_RATIO = 64 * EPSILON;

export class PrecisionLog {
  /** How a value left the double range or how a term was lost; the first of each is kept. */
  overflow: string | null = null;
  underflow: string | null = null;
  absorbed: string | null = null;
  /** The smallest ratio of a hidden part to the value it was hidden in (for `absorbed`). */
  absorbedRatio = Number.POSITIVE_INFINITY;
  /** A difference of nearly equal numbers: fine for tensors (the tolerance has an absolute floor), re-checked
   * for numbers. */
  cancelled = false;
  /** The largest operand of such a difference: what its rounding is measured against. */
  cancelledSum = 0;
  /** A sum whose smaller term is below this fraction of the larger one hides that term from a comparison at
   * the claim's tolerance. */
  readonly absorbRatio: number;
  /** A result below this fraction of its operands has lost more digits than the tolerance allows. */
  private readonly cancelRatio: number;
  /**
   * Values that are rounding noise, element by element: the size of the operands whose cancellation
   * left them (0 where an element is a quantity). Losing such a value in a later sum loses nothing
   * that exact arithmetic would keep, so it is not a term "lost against" the sum: the batch-norm step
   * `… + \frac{\partial f}{\partial \sigma^2}\frac1m\sum_i -2(x_i − μ)` is then judged like any other.
   * A term that is small in its own right (`e^{30} + 1`, `10^{-20}`) is never noise.
   */
  private readonly noise = new WeakMap<Float64Array, Float64Array>();

  constructor(tolerance: number) {
    // A tolerance loosened by the author must not turn every small term into a hazard.
    this.absorbRatio = Math.min(tolerance, 1e-9);
    this.cancelRatio = Math.min(1, EPSILON / this.absorbRatio) * 10;
  }

  /** Why this trial's double values cannot be trusted, or null. */
  get lost(): string | null {
    return this.overflow ?? this.underflow ?? this.absorbed;
  }

  /**
   * A sum of `terms` numbers, the largest of magnitude `largest`, came to `sum` (Σ (−1)^k C(79, k),
   * whose terms reach 10²², or e^{-30} as its series): each term's rounding, up to a unit in the last
   * place of the largest, stays in it. When that can pass what the tolerance allows, the sum counts
   * as a cancellation, like a difference of nearly equal numbers.
   */
  termsRounding(largest: number, terms: number, sum: number): void {
    if (largest * EPSILON * terms <= this.absorbRatio * Math.abs(sum)) return;
    this.cancelled = true;
    this.cancelledSum = Math.max(this.cancelledSum, largest);
  }

  /** a + b = s, elementwise (a or b may be a single number broadcast). */
  sum(a: Float64Array, b: Float64Array, s: Float64Array): void {
    const noise = this.markSum(a, b, s);
    const marks = this.noise.get(s);
    if (marks)
      for (let i = 0; i < s.length; i++)
        if (s[i] !== 0 && marks[i] > 0) this.cancelledScale = Math.max(this.cancelledScale, marks[i]);
    for (let i = 0; i < s.length; i++) {
      const x = a.length === 1 ? a[0] : a[i];
      const y = b.length === 1 ? b[0] : b[i];
      const r = s[i];
      if (x === 0 || y === 0 || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      const ax = Math.abs(x),
        ay = Math.abs(y);
      const big = Math.max(ax, ay),
        small = Math.min(ax, ay);
      if (!Number.isFinite(r)) {
        this.overflow ??= `${formatNumber(x, 3)} + ${formatNumber(y, 3)} exceeds the double range (±1.8e308)`;
        continue;
      }
      if (small < this.absorbRatio * big) {
        if (noise.isNoise(ax <= ay ? a : b, i, small)) continue;
        this.absorbedRatio = Math.min(this.absorbedRatio, small / big);
        this.absorbed ??=
          `a term ${formatNumber(small, 3)} is ` +
          `${small < EPSILON * big ? 'lost' : 'below the tolerance'} against ` +
          `${formatNumber(big, 3)} in a sum`;
      } else if (Math.abs(r) < this.cancelRatio * big) {
        this.cancelled = true;
        this.cancelledSum = Math.max(this.cancelledSum, big);
      }
    }
  }

  /**
   * Marks the elements of s = a + b that are rounding noise: a cancellation down to the last bits,
   * or noise carried from an operand. Also used for the tangents of forward differentiation, whose
   * sums cancel the same way (∂/∂μ of Σ(x_i − μ)² is 0 at the mean, computed as 1e−17).
   */
  markSum(
    a: Float64Array,
    b: Float64Array,
    s: Float64Array,
  ): { isNoise(of: Float64Array, i: number, v: number): boolean } {
    const na = this.noise.get(a),
      nb = this.noise.get(b);
    let ns: Float64Array | null = null;
    for (let i = 0; i < s.length; i++) {
      const r = s[i];
      if (!Number.isFinite(r)) continue;
      const x = a.length === 1 ? a[0] : a[i];
      const y = b.length === 1 ? b[0] : b[i];
      const sx = na ? na[a.length === 1 ? 0 : i] : 0;
      const sy = nb ? nb[b.length === 1 ? 0 : i] : 0;
      const scale = Math.max(Math.abs(x), Math.abs(y), sx, sy);
      if (scale > 0 && Number.isFinite(scale) && Math.abs(r) <= NOISE_RATIO * scale) {
        ns ??= new Float64Array(s.length);
        ns[i] = scale;
      }
    }
    if (ns) this.noise.set(s, ns);
    return new SumNoise(a, na, nb);
  }

  /**
   * Noise through an elementwise chain rule (dr = f′(u)·du): a tangent that is noise stays noise,
   * scaled by |f′| = |dr/du| at each element.
   */
  chain(from: Float64Array, to: Float64Array): void {
    const n = this.noise.get(from);
    if (!n || from.length !== to.length) return;
    let out: Float64Array | null = null;
    for (let i = 0; i < from.length; i++) {
      if (n[i] === 0 || from[i] === 0) continue;
      const scale = n[i] * Math.abs(to[i] / from[i]);
      if (!(scale > 0 && Number.isFinite(scale) && Math.abs(to[i]) <= NOISE_RATIO * scale)) continue;
      out ??= new Float64Array(to.length);
      out[i] = scale;
    }
    if (out) this.noise.set(to, out);
  }

  /** Carries noise marks from one array to another holding the same values (a copy, a gather). */
  carry(from: Float64Array, to: Float64Array, at?: (i: number) => number): void {
    const n = this.noise.get(from);
    // Without a map of places, only a copy of the same length carries (not a broadcast).
    if (!n || from === to || (!at && from.length !== to.length)) return;
    let out = this.noise.get(to);
    for (let i = 0; i < from.length; i++) {
      if (n[i] === 0) continue;
      out ??= new Float64Array(to.length);
      out[at ? at(i) : i] = n[i];
    }
    if (out) this.noise.set(to, out);
  }

  /**
   * The largest size of the operands of a sum, or of the terms of a matrix or dot product, that
   * cancelled to rounding noise: the comparison measures a difference against 0 at least at that
   * size (claim/compare.ts).
   */
  cancelledScale = 0;

  /** Entries of a product r that are noise against the size of their terms (Σ_k |a_ik||b_kj|). */
  cancelledProduct(r: Float64Array, terms: Float64Array): void {
    let out: Float64Array | null = null;
    for (let i = 0; i < r.length; i++) {
      const size = terms[i];
      if (!(size > 0 && Number.isFinite(size)) || Math.abs(r[i]) > NOISE_RATIO * size) continue;
      out ??= new Float64Array(r.length);
      out[i] = size;
      if (r[i] !== 0) this.cancelledScale = Math.max(this.cancelledScale, size);
    }
    if (out) this.noise.set(r, out);
  }

  /** r = a · b or a / b, elementwise: noise in an operand stays noise, scaled by the other. */
  scaled(a: Float64Array, b: Float64Array, r: Float64Array, op: 'mul' | 'div' | 'neg'): void {
    const na = this.noise.get(a),
      nb = op === 'mul' ? this.noise.get(b) : undefined;
    if (!na && !nb) return;
    const out = new Float64Array(r.length);
    let any = false;
    for (let i = 0; i < r.length; i++) {
      const x = a.length === 1 ? a[0] : a[i];
      const y = b.length === 1 ? b[0] : b[i];
      const sx = na ? na[a.length === 1 ? 0 : i] : 0;
      const sy = nb ? nb[b.length === 1 ? 0 : i] : 0;
      const scale = op === 'neg' ? sx : op === 'div' ? sx / Math.abs(y) : sx * Math.abs(y) + sy * Math.abs(x);
      if (scale > 0 && Number.isFinite(scale) && Math.abs(r[i]) <= NOISE_RATIO * scale) {
        out[i] = scale;
        any = true;
      }
    }
    if (any) this.noise.set(r, out);
  }

  /** A value computed from finite, nonzero operands (`what` names the operation for the message). */
  result(r: Float64Array, what: (i: number) => string | null): void {
    for (let i = 0; i < r.length; i++) {
      const v = r[i];
      if (Number.isFinite(v) && Math.abs(v) >= MIN_NORMAL) continue;
      if (Number.isNaN(v)) continue;
      const w = what(i);
      if (w === null) continue;
      if (!Number.isFinite(v)) this.overflow ??= `${w} exceeds the double range (±1.8e308)`;
      else
        this.underflow ??= `${w} is below the double range (${v === 0 ? 'it became 0' : 'it lost digits'})`;
    }
  }
}

/** Functions that are their argument, to first order, near 0 (the others are a constant there). */
const ODD_AT_ZERO = new Set(['sin', 'tan', 'sinh', 'asin', 'atan', 'asinh', 'atanh', 'erf']);

/**
 * Functions that are within the tolerance of a constant or of their argument far out or near 0
 * (σ(30) = 1 − 9e−14, sin 1e−5 = 1e−5 − 2e−16): the rest of their value is below what a comparison sees.
 */
export function nearlyConstant(log: PrecisionLog, fn: string, x: Float64Array, ratio: number): void {
  for (const v of x) {
    const a = Math.abs(v);
    if (!Number.isFinite(a) || a === 0) continue;
    let hidden = 0;
    switch (fn) {
      // Far out a constant; near 0, σ(x) = ½ + x/4 and tanh x = x − x³/3.
      case 'sigmoid':
        hidden = a < 1 ? a / 2 : Math.exp(-a);
        break;
      case 'tanh':
        hidden = a < 1 ? (a * a) / 3 : 2 * Math.exp(-2 * a);
        break;
      case 'exp':
      case 'cos':
      case 'cosh':
      case 'sech':
      case 'sec':
        hidden = fn === 'exp' ? a : (a * a) / 2;
        break;
      case 'sin':
      case 'tan':
      case 'sinh':
      case 'asin':
      case 'atan':
      case 'asinh':
      case 'atanh':
      case 'erf':
        hidden = (a * a) / 6;
        break;
      default:
        return;
    }
    if (hidden < ratio) {
      log.absorbedRatio = Math.min(log.absorbedRatio, hidden);
      log.absorbed ??=
        `${fn}(${formatNumber(v, 3)}) differs from ` +
        `${ODD_AT_ZERO.has(fn) ? 'its argument' : 'a constant'} by less than the tolerance`;
      return;
    }
  }
}

/**
 * A power a^b with an exponent so small that a^b = e^{b ln a} is within the tolerance of 1
 * (2^{10^{-90} p}): what the exponent adds is below what a comparison sees, as for e^x near 0.
 */
export function nearlyOne(log: PrecisionLog, base: Float64Array, exponent: Float64Array): void {
  const n = Math.max(base.length, exponent.length);
  for (let i = 0; i < n; i++) {
    const a = base.length === 1 ? base[0] : base[i];
    const b = exponent.length === 1 ? exponent[0] : exponent[i];
    if (!(a > 0) || a === 1 || b === 0 || Number.isInteger(b) || !Number.isFinite(a * b)) continue;
    const hidden = Math.abs(b * Math.log(a));
    if (hidden >= log.absorbRatio) continue;
    log.absorbedRatio = Math.min(log.absorbedRatio, hidden);
    log.absorbed ??= `${formatNumber(a, 3)}^${formatNumber(b, 3)} differs from 1 by less than the tolerance`;
    return;
  }
}

/** `10^k` for a base-10 logarithm, for magnitudes no double can hold. */
export function magnitude(log10: number): string {
  if (!Number.isFinite(log10)) return log10 > 0 ? '∞' : '0';
  const e = Math.floor(log10);
  const m = 10 ** (log10 - e);
  return `${formatNumber(m, 3)}e${e}`;
}

const PERIODIC = new Set(['sin', 'cos', 'tan', 'sec', 'csc', 'cot']);

/**
 * A periodic function of a large argument reduces it modulo 2π: a difference of nearly equal
 * numbers that keeps only the argument's last digits. When the argument's rounding alone
 * (|x|·2⁻⁵²) is above the tolerance, the value says nothing at that tolerance (sin of 2·10¹³ can
 * be off in the third digit), so the trial is re-checked in higher precision or left unchecked.
 */
export function largePeriodicArgument(log: PrecisionLog, fn: string, x: Float64Array): void {
  if (!PERIODIC.has(fn)) return;
  for (const v of x) {
    const a = Math.abs(v);
    if (!Number.isFinite(a) || a * EPSILON <= log.absorbRatio) continue;
    log.absorbed ??=
      `${fn}(${formatNumber(v, 3)}) keeps only the last digits of its argument, whose rounding ` +
      `(${formatNumber(a * EPSILON, 2)}) is above the tolerance`;
    log.cancelled = true;
    return;
  }
}

/**
 * `x \bmod m` keeps only what is left of x below m: when x's rounding (|x|·2⁻⁵²) is above the
 * tolerance at the scale of m, the remainder is noise (65¹⁷ mod 3233 came out 0 in doubles). A whole
 * number below 2⁵³ is held exactly, so its remainder is exact whatever its size.
 */
export function largeDividend(log: PrecisionLog, x: Float64Array, m: Float64Array): void {
  for (let i = 0; i < Math.max(x.length, m.length); i++) {
    const v = x.length === 1 ? x[0] : x[i];
    const modulus = Math.abs(m.length === 1 ? m[0] : m[i]);
    const a = Math.abs(v);
    if (!Number.isFinite(a) || a * EPSILON <= log.absorbRatio * modulus) continue;
    if (Number.isInteger(v) && a < 2 ** 53) continue;
    log.absorbed ??=
      `${formatNumber(v, 3)} mod ${formatNumber(modulus, 3)} keeps only the last digits of ` +
      `${formatNumber(v, 3)}, whose rounding (${formatNumber(a * EPSILON, 2)}) is above the tolerance`;
    log.cancelled = true;
    return;
  }
}

/**
 * What `markSum` knew of its operands' noise, asked per element. A class rather than an object
 * with an arrow function: the bundles keep function names, which costs a property definition for
 * every closure made, and sums run at every draw of a Monte Carlo estimate.
 */
class SumNoise {
  constructor(
    private readonly a: Float64Array,
    private readonly na: Float64Array | undefined,
    private readonly nb: Float64Array | undefined,
  ) {}

  isNoise(of: Float64Array, i: number, v: number): boolean {
    const n = of === this.a ? this.na : this.nb;
    const sv = n ? n[of.length === 1 ? 0 : i] : 0;
    return sv > 0 && v <= NOISE_RATIO * sv;
  }
}

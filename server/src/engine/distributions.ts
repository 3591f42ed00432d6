// Distribution functions and quantiles of the laws statistics tables print: the standard normal,
// Student's t, chi-square and F. The t and F distribution functions are regularized incomplete beta
// functions and the chi-square's a regularized incomplete gamma function, each by its series or
// continued fraction (Lentz's method) where that converges fast; a quantile is found by bisection
// on the distribution function, or on its upper tail where the level is in the upper half, so that
// neither tail loses digits to cancellation. Accurate to about 1e-13 relative, far below the four
// figures a printed table keeps (test/unit/engine/distributions.test.ts pins table values).
// Outside its domain (a level not in (0, 1), degrees of freedom not positive) each returns NaN.
import { erfcScalar } from './special';

// Lanczos approximation in logarithms, g = 7, n = 9 (as gammaScalar in special.ts).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0. */
export function logGammaScalar(x: number): number {
  if (!(x > 0)) return NaN;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGammaScalar(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const TINY = 1e-300;
const EPS = 1e-16;
const MAX_TERMS = 10000;

/** The continued fraction of I_x(a, b) (Numerical Recipes' betacf), by Lentz's method. */
function betaFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), for a, b > 0 and 0 ≤ x ≤ 1. */
export function betaRegularized(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || !(x >= 0 && x <= 1)) return NaN;
  if (x === 0 || x === 1) return x;
  const front = Math.exp(
    logGammaScalar(a + b) - logGammaScalar(a) - logGammaScalar(b) + a * Math.log(x) + b * Math.log1p(-x),
  );
  // The fraction converges quickly below (a + 1)/(a + b + 2); above, by I_x(a, b) = 1 − I_{1−x}(b, a).
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(x, a, b)) / a
    : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** The regularized lower and upper incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x). */
function gammaRegularized(a: number, x: number): { lower: number; upper: number } {
  if (!(a > 0) || !(x >= 0)) return { lower: NaN, upper: NaN };
  if (x === 0) return { lower: 0, upper: 1 };
  const front = Math.exp(-x + a * Math.log(x) - logGammaScalar(a));
  if (x < a + 1) {
    // The series Σ xⁿ / (a (a+1) … (a+n)), every term positive.
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < MAX_TERMS; n++) {
      ap++;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    const lower = sum * front;
    return { lower, upper: 1 - lower };
  }
  // The continued fraction for Q(a, x), by Lentz's method.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  const upper = front * h;
  return { lower: 1 - upper, upper };
}

/** A law's distribution function and its upper tail at x, computed each without the other. */
interface Tails {
  below: number;
  above: number;
}

function normalTails(x: number): Tails {
  return { below: 0.5 * erfcScalar(-x / Math.SQRT2), above: 0.5 * erfcScalar(x / Math.SQRT2) };
}

function studentTails(t: number, nu: number): Tails {
  // P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, 1/2).
  const both = betaRegularized(nu / (nu + t * t), nu / 2, 0.5);
  const far = both / 2;
  return t >= 0 ? { below: 1 - far, above: far } : { below: far, above: 1 - far };
}

function chiSquareTails(x: number, k: number): Tails {
  if (x <= 0) return { below: 0, above: 1 };
  const g = gammaRegularized(k / 2, x / 2);
  return { below: g.lower, above: g.upper };
}

function fisherTails(x: number, d1: number, d2: number): Tails {
  if (x <= 0) return { below: 0, above: 1 };
  const y = (d1 * x) / (d1 * x + d2);
  // The upper tail from the complementary argument, so that neither side is 1 minus a tiny number.
  return {
    below: betaRegularized(y, d1 / 2, d2 / 2),
    above: betaRegularized(d2 / (d1 * x + d2), d2 / 2, d1 / 2),
  };
}

/** The x at which the law has probability p below it, by bisection on the tail that is the smaller. */
function quantileOf(tails: (x: number) => Tails, p: number, positive: boolean): number {
  if (!(p > 0 && p < 1)) return NaN;
  const upper = p > 0.5;
  const target = upper ? 1 - p : p;
  const tail = (x: number) => (upper ? tails(x).above : tails(x).below);
  // The tail below falls as x falls, the tail above as x rises: bracket the target first.
  let lo = positive ? 0 : -1;
  let hi = 1;
  for (let k = 0; k < 2000 && !(upper ? tail(hi) <= target : tail(hi) >= target); k++) hi *= 2;
  if (!positive) for (let k = 0; k < 2000 && !(upper ? tail(lo) >= target : tail(lo) <= target); k++) lo *= 2;
  for (let k = 0; k < 400; k++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    const below = upper ? tail(mid) > target : tail(mid) < target;
    if (below) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** A whole number of degrees of freedom, at least 1, or a positive real for the law's general form. */
function validDf(nu: number): boolean {
  return Number.isFinite(nu) && nu > 0;
}

export function normalQuantile(p: number): number {
  return quantileOf(normalTails, p, false);
}

export function studentCdf(t: number, nu: number): number {
  return validDf(nu) && !Number.isNaN(t) ? studentTails(t, nu).below : NaN;
}

export function studentQuantile(p: number, nu: number): number {
  return validDf(nu) ? quantileOf((t) => studentTails(t, nu), p, false) : NaN;
}

export function chiSquareCdf(x: number, k: number): number {
  return validDf(k) && !Number.isNaN(x) ? chiSquareTails(x, k).below : NaN;
}

export function chiSquareQuantile(p: number, k: number): number {
  return validDf(k) ? quantileOf((x) => chiSquareTails(x, k), p, true) : NaN;
}

/** The value below which a Beta(a, b) number falls with probability p. */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) return NaN;
  return quantileOf(
    (x) => {
      if (x >= 1) return { below: 1, above: 0 };
      const below = betaRegularized(x, a, b);
      return { below, above: 1 - below };
    },
    p,
    true,
  );
}

export function fisherCdf(x: number, d1: number, d2: number): number {
  return validDf(d1) && validDf(d2) && !Number.isNaN(x) ? fisherTails(x, d1, d2).below : NaN;
}

export function fisherQuantile(p: number, d1: number, d2: number): number {
  return validDf(d1) && validDf(d2) ? quantileOf((x) => fisherTails(x, d1, d2), p, true) : NaN;
}

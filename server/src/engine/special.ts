// Special functions on one number: erf, erfc, Γ, ψ and the standard normal distribution.
// Each is accurate to a few units in the last place where its value is well scaled, because
// claims are compared to a relative 1e-9 and identities such as Γ(x+1) = xΓ(x) must hold to it.
// Outside their domain they return NaN, like Math.log.

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

/** Below this, erf's all-positive series is exact to rounding; above, erfc's continued fraction converges
 * quickly. */
const ERF_SERIES_LIMIT = 2.5;

/** erf(x) = 2/√π e^{−x²} Σ (2x²)ⁿ x / (1·3·…·(2n+1)): every term positive, so nothing cancels. */
function erfSeries(ax: number): number {
  const x2 = 2 * ax * ax;
  let term = ax;
  let sum = ax;
  for (let n = 1; n < 500; n++) {
    term *= x2 / (2 * n + 1);
    sum += term;
    if (term <= sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-ax * ax) * sum;
}

/** erfc(x) for x ≥ 2.5: e^{−x²}/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))), by Lentz's method. */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let C = x;
  let D = 0;
  for (let n = 1; n < 2000; n++) {
    const a = n / 2;
    D = x + a * D;
    D = D === 0 ? 1 / tiny : 1 / D;
    C = x + a / C;
    if (C === 0) C = tiny;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

export function erfScalar(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  const r = ax < ERF_SERIES_LIMIT ? erfSeries(ax) : 1 - erfcFraction(ax);
  // Odd by construction, so erf(−x) = −erf(x) holds exactly.
  return x < 0 ? -r : r;
}

export function erfcScalar(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= ERF_SERIES_LIMIT) return erfcFraction(x);
  if (x >= 0) return 1 - erfSeries(x);
  // erfc(−a) = 1 + erf(a): no cancellation on the negative side.
  return x > -ERF_SERIES_LIMIT ? 1 + erfSeries(-x) : 2 - erfcFraction(-x);
}

/** Standard normal CDF Φ(x) = ½ erfc(−x/√2), accurate in both tails. */
export function normalCdfScalar(x: number): number {
  return 0.5 * erfcScalar(-x / Math.SQRT2);
}

/** Standard normal density φ(x), the derivative of Φ. */
export function normalPdfScalar(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_TWO_PI;
}

// Lanczos approximation, g = 7, n = 9: relative error about 1e-15 on the positive axis.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** True where Γ has a pole (0, −1, −2, …): Γ and ψ are undefined there. */
export function isGammaPole(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

export function gammaScalar(x: number): number {
  if (Number.isNaN(x) || isGammaPole(x)) return NaN;
  // Reflection Γ(x)Γ(1−x) = π / sin(πx) keeps the series on x ≥ ½, where it is accurate.
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gammaScalar(1 - x));
  if (Number.isInteger(x) && x <= 171) {
    let r = 1;
    for (let k = 2; k < x; k++) r *= k;
    return r;
  }
  const z = x - 1;
  let a = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  // t^(z+½) overflows long before Γ does: split it in two halves.
  const half = t ** ((z + 0.5) / 2);
  return SQRT_TWO_PI * half * (half * Math.exp(-t)) * a;
}

/** Digamma ψ = Γ'/Γ: recurrence up to x ≥ 10, then the asymptotic series (error below 1e-14). */
export function digammaScalar(x: number): number {
  if (Number.isNaN(x) || isGammaPole(x)) return NaN;
  if (x < 0.5) return digammaScalar(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let r = 0;
  while (x < 10) {
    r -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  const tail = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132)))));
  return r + Math.log(x) - 0.5 / x - tail;
}

/** Floored remainder a − b⌊a/b⌋: the sign of b, as in mathematics (not JavaScript's %). */
export function modScalar(a: number, b: number): number {
  if (b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return NaN;
  const r = a - b * Math.floor(a / b);
  // Rounding can leave r equal to b itself (a = −1e-20, b = 3): that is 0 (or a tiny a) in exact arithmetic.
  return r === b ? 0 : r;
}

// Moments over two to four independent continuous random numbers whose body is not smooth.
//
// `E[\max(X, Y, Z)] = 0.765` for three uniforms (it is 3/4), `E[|X − Y|] = 0.34` (1/3) and
// `P(X^2 + Y^2 < 1) = 0.8` (π/4) passed as Monte Carlo estimates: a thousand draws have five
// standard errors of several percent. The Gauss–Hermite rule sees the kink and gives up, the body
// is no product or sum of one term per number, and nested adaptive quadrature costs too much.
// A careful checker integrates over the unit cube instead, each number its law's quantile of one
// coordinate, at the points of a low-discrepancy (Halton) sequence: for a body with a kink or a jump
// in two to four dimensions the error falls nearly as 1/n, not 1/√n, so 4,096 points come within
// about 10⁻⁴ where as many draws come within 10⁻². Ten independent random shifts of the points
// (Cranley–Patterson rotation) make each an unbiased estimate, and their spread is an honest
// standard error, which the comparison allows five of, as it does for draws.
import { betaQuantile, Rng } from '../engine';
import type { ContinuousLaw } from './densityQuadrature';

/** Independent shifts of the point set: their spread is the standard error. */
export const SHIFTS = 10;
/** Points per shift at the first look, doubled while the error is above the aim. */
const FIRST_POINTS = 1024;
/** Points per shift at most (times SHIFTS body evaluations). */
const MAX_POINTS = 4096;
/** The standard error aimed at, relative to the moment's size: a slip of 0.1% is five of it. */
const AIMED_RELATIVE_ERROR = 2e-4;
const BASES = [2, 3, 5, 7];
/** The shifts are the same at every run, so a verdict is reproducible. */
const SHIFT_SEED = 0x5eed_4a17;

/** The radical inverse of i in base b: i's digits mirrored behind the point. */
function radicalInverse(i: number, b: number): number {
  let x = 0;
  let f = 1 / b;
  for (let k = i; k > 0; k = Math.floor(k / b)) {
    x += (k % b) * f;
    f /= b;
  }
  return x;
}

/** Φ⁻¹(u) by Acklam's rational approximation (relative error below 1.2e−9). */
export function normalQuantile(u: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (u < low || u > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(u < low ? u : 1 - u));
    const x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return u < low ? x : -x;
  }
  const q = u - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** The value of a law at which its distribution function is u. */
function quantile(law: ContinuousLaw, u: number): number {
  if (law.kind === 'Exponential') return -Math.log1p(-u) / law.a;
  if (law.kind === 'Uniform') return law.a + (law.b - law.a) * u;
  if (law.kind === 'Beta') return betaQuantile(u, law.a, law.b);
  return law.a + Math.sqrt(law.b) * normalQuantile(u);
}

export interface ShiftedSums {
  /** The body's mean over each shift's points (entry 0 the mass, as the caller's body gives it). */
  means: Float64Array[];
  points: number;
}

/**
 * The body's means over shifted Halton points, one per shift, with points doubled until `settled`
 * says the shifts agree well enough or the points reach their limit. Throws what the body throws.
 */
export function shiftedHaltonMeans(
  laws: ContinuousLaw[],
  body: (xs: number[]) => Float64Array,
  length: number,
  settled: (s: ShiftedSums) => boolean,
): ShiftedSums | null {
  const d = laws.length;
  if (d > BASES.length) return null;
  const rng = new Rng(SHIFT_SEED);
  const shifts = Array.from({ length: SHIFTS }, () => laws.map(() => rng.uniform()));
  const sums = shifts.map(() => new Float64Array(length));
  const xs = new Array<number>(d).fill(0);
  let done = 0;
  for (let n = FIRST_POINTS; n <= MAX_POINTS; n *= 2) {
    // Halton points nest: the first n of 2n are the same, so only the new ones are evaluated.
    for (let i = done; i < n; i++) {
      const base = BASES.slice(0, d).map((b) => radicalInverse(i + 1, b));
      for (const [r, shift] of shifts.entries()) {
        for (let k = 0; k < d; k++) {
          let u = base[k] + shift[k];
          if (u >= 1) u -= 1;
          // Neither end of the cube: the quantile of 0 or 1 is infinite.
          xs[k] = quantile(laws[k], Math.min(Math.max(u, 1e-17), 1 - 1e-16));
        }
        const y = body(xs);
        const s = sums[r];
        for (let e = 0; e < length; e++) s[e] += y[e];
      }
    }
    done = n;
    const result = { means: sums.map((s) => s.map((v) => v / n)), points: n };
    if (settled(result) || n * 2 > MAX_POINTS) return result;
  }
  return null;
}

/** Body evaluations the shifted points may take at most. */
export const MAX_SHIFTED_EVALUATIONS = SHIFTS * MAX_POINTS;

export { AIMED_RELATIVE_ERROR };

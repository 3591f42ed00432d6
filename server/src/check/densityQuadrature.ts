// E, Var, Cov and P over one continuous random number (normal, uniform, exponential) as an integral against
// its density, by the engine's adaptive quadrature. A Monte Carlo estimate from a thousand draws
// cannot tell E[z²] = 1 from E[z²] = 1.03; the integral can, and it knows its own error.
import { integrate, logGammaScalar, normalQuantile, Tensor } from '../engine';
import { HERMITE_ORDERS, normalProduct } from './gaussHermite';
import type { ExpectOp } from '../math/tree';
import { HeavyTail, heavyTailReason } from './moments';
import { Resample } from './errors';
import {
  AIMED_RELATIVE_ERROR,
  MAX_SHIFTED_EVALUATIONS,
  type ShiftedSums,
  shiftedHaltonMeans,
  SHIFTS,
} from './quasiRandom';

/** A law with a density on one real number: Normal(mean, variance), Uniform(lo, hi), Beta(a, b). */
export interface ContinuousLaw {
  /** Exponential: `a` is the rate (b unused). */
  kind: 'Normal' | 'Uniform' | 'Exponential' | 'Beta';
  a: number;
  b: number;
}

export interface DensityEstimate {
  value: Tensor;
  /** Estimated absolute error of the value (largest over its entries). */
  error: number;
  /** The error is a standard error of randomly shifted points (quasiRandom.ts), not a quadrature's bound. */
  sampled?: boolean;
}

/** Subintervals before the quadrature gives up (15 evaluations each): then Monte Carlo estimates. */
const MAX_INTERVALS = 200;
/** The quadrature aims this much finer than the claim's tolerance, as integral.ts does. */
const ACCURACY_MARGIN = 10;

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** Where the body's size is first looked for: standard scores of a normal, fractions of an interval. */
const NORMAL_PROBES = [0, 0.5, -0.5, 1, -1, 2, -2, 3, -3];
const UNIFORM_PROBES = [0.5, 0.25, 0.75, 0.1, 0.9, 0.01, 0.99];
/** Multiples of an exponential's mean. */
const EXPONENTIAL_PROBES = [1, 0.5, 2, 0.1, 3, 5, 8, 12, 20, 30];

/**
 * Independent random numbers integrated over together. Nesting works for any number, but two
 * already take tens of thousands of evaluations per trial with the adaptive rule (each 1-D
 * integral takes about 300 at the default tolerance), more than the draws cost: one by it; two to
 * four normal ones by the Gauss–Hermite product rule (gaussHermite.ts, about 1,200 evaluations for
 * two, 6,000 for more); two to four of any laws when the body is a product of one factor per
 * number (bySeparation, one 1-D integral each).
 */
export const MAX_DENSITY_VARIABLES = 4;
/** Body evaluations one moment may take before the draws estimate it instead. */
const MAX_EVALUATIONS = 20_000;

class GiveUp extends Error {}

function proper(law: ContinuousLaw): boolean {
  if (law.kind === 'Exponential') return law.a > 0 && Number.isFinite(law.a);
  if (law.kind === 'Beta') return law.a > 0 && law.b > 0 && Number.isFinite(law.a) && Number.isFinite(law.b);
  return law.kind === 'Normal'
    ? Number.isFinite(law.a) && law.b > 0 && Number.isFinite(law.b)
    : Number.isFinite(law.a) && Number.isFinite(law.b) && law.a !== law.b;
}

/** The value of a law at a standard score (normal) or a fraction of the interval (uniform, Beta). */
function at(law: ContinuousLaw, u: number): number {
  if (law.kind === 'Exponential') return u / law.a;
  if (law.kind === 'Beta') return u;
  return law.kind === 'Normal' ? law.a + Math.sqrt(law.b) * u : law.a + (law.b - law.a) * u;
}

/** Where one law's body is looked at first. */
function probeValues(law: ContinuousLaw): number[] {
  const us =
    law.kind === 'Normal' ? NORMAL_PROBES : law.kind === 'Exponential' ? EXPONENTIAL_PROBES : UNIFORM_PROBES;
  return us.map((u) => at(law, u));
}

/** Every combination of probes, the first law's varying slowest. */
function probes(laws: ContinuousLaw[]): number[][] {
  let out: number[][] = [[]];
  for (const law of laws) {
    const values = probeValues(law);
    out = out.flatMap((xs) => values.map((x) => [...xs, x]));
  }
  return out;
}

/**
 * The moment `op` of `parts` (functions of the random numbers, one per law; null where the
 * condition fails), or null when the quadrature did not converge or took too many evaluations (a
 * heavy tail, a body that is not finite, a jump in two dimensions), so the caller estimates by
 * sampling instead.
 */
export function momentByDensity(
  op: ExpectOp,
  laws: ContinuousLaw[],
  parts: (xs: number[]) => Tensor[] | null,
  conditioned: boolean,
  tolerance: number,
  watchTails = true,
): DensityEstimate | null {
  if (laws.length === 0 || laws.length > MAX_DENSITY_VARIABLES || !laws.every(proper)) return null;
  // The body's size, from the first probe where the condition holds: where it fails, the
  // integrand is a row of zeros of the same length.
  let first: Tensor[] | null = null;
  for (const xs of probes(laws)) {
    first = parts(xs);
    if (first) break;
  }
  if (!first) return null;
  const shape = first[0].shape;
  const size = first[0].size;
  let evaluations = 0;
  let limit = MAX_EVALUATIONS;
  const body = (xs: number[]): Float64Array => {
    if (++evaluations > limit) throw new GiveUp();
    const out = new Float64Array(1 + width(op, size));
    const ys = parts(xs);
    if (ys === null) return out;
    // Without a condition the mass is 1 by construction and is not integrated.
    out[0] = conditioned ? 1 : 0;
    fill(op, ys, size, out);
    return out;
  };
  const opts = {
    controlled: (length: number) => length,
    relTol: Math.max(tolerance / ACCURACY_MARGIN, 1e-13),
    absTol: 0,
    maxIntervals: MAX_INTERVALS,
  };
  if (laws.length > 1) {
    const exact = byHermite(op, laws, body, size, shape, conditioned, tolerance);
    if (exact) return exact;
    try {
      const sums = conditioned ? null : bySeparation(laws, body, 1 + width(op, size), opts);
      if (sums) return moment(op, sums.value, sums.error, size, shape, false);
    } catch (e) {
      if (!(e instanceof GiveUp || e instanceof RangeError)) throw e;
    }
    // A kink, a jump or a body of several numbers at once: points spread over the cube of quantiles.
    evaluations = 0;
    limit = MAX_SHIFTED_EVALUATIONS;
    return byShiftedPoints(op, laws, body, size, shape, conditioned, watchTails);
  }
  let innerError = 0;
  // ∫ density(x_k) · (what the later laws give at x_1 … x_k) dx_k, innermost first.
  const over = (k: number, xs: number[]): Float64Array => {
    if (k === laws.length) return body(xs);
    const r = againstDensity(laws[k], (x) => over(k + 1, [...xs, x]), opts, 1 + width(op, size));
    if (!r.converged) throw new GiveUp();
    // An inner integral's error is weighted by the outer densities, which sum to 1.
    if (k > 0) innerError = Math.max(innerError, r.error);
    else innerError += r.error;
    return r.value;
  };
  let sums: Float64Array;
  try {
    sums = over(0, []);
  } catch (e) {
    // A body whose shape changes along the line is left to the sampler, which says so.
    if (e instanceof GiveUp || e instanceof RangeError) return null;
    throw e;
  }
  return moment(op, sums, innerError, size, shape, conditioned);
}

/**
 * Two to four normal numbers by the Gauss–Hermite product rule at two orders (gaussHermite.ts);
 * null when a law is not normal or the orders disagree beyond the accuracy aimed at (a kink, a jump).
 */
function byHermite(
  op: ExpectOp,
  laws: ContinuousLaw[],
  body: (xs: number[]) => Float64Array,
  size: number,
  shape: readonly number[],
  conditioned: boolean,
  tolerance: number,
): DensityEstimate | null {
  if (!laws.every((l) => l.kind === 'Normal')) return null;
  const normals = laws.map((l) => ({ mean: l.a, variance: l.b }));
  const length = 1 + width(op, size);
  let coarse: Float64Array;
  let fine: Float64Array;
  try {
    const orders = HERMITE_ORDERS[laws.length];
    if (!orders) return null;
    [coarse, fine] = orders.map((n) => normalProduct(n, normals, body, length));
  } catch (e) {
    if (e instanceof GiveUp || e instanceof RangeError) return null;
    throw e;
  }
  let error = 0;
  let scale = 0;
  for (let k = 0; k < length; k++) {
    if (!Number.isFinite(fine[k])) return null;
    error = Math.max(error, Math.abs(fine[k] - coarse[k]));
    scale = Math.max(scale, Math.abs(fine[k]));
  }
  if (error > Math.max(tolerance / ACCURACY_MARGIN, 1e-13) * Math.max(scale, 1)) return null;
  // Agreement of two exact rules is rounding: the error allowed is that of the sums.
  return moment(op, fine, Math.max(error, 1e-15 * Math.max(scale, 1)), size, shape, conditioned);
}

/**
 * The moment from the body's means over randomly shifted Halton points (quasiRandom.ts): the
 * pooled means give the value, the spread of the shifts' own moments its standard error. Null when
 * a shift's moment has no mass (a condition that never held) or the body gave up.
 */
function byShiftedPoints(
  op: ExpectOp,
  laws: ContinuousLaw[],
  body: (xs: number[]) => Float64Array,
  size: number,
  shape: readonly number[],
  conditioned: boolean,
  watchTails: boolean,
): DensityEstimate | null {
  const length = 1 + width(op, size);
  const judged = (s: ShiftedSums): DensityEstimate | null => {
    const pooled = new Float64Array(length);
    for (const m of s.means) for (let e = 0; e < length; e++) pooled[e] += m[e] / s.means.length;
    const whole = moment(op, pooled, 0, size, shape, conditioned);
    const each = s.means.map((m) => moment(op, m, 0, size, shape, conditioned));
    if (!whole || each.some((r) => r === null)) return null;
    let error = 0;
    for (let i = 0; i < size; i++) {
      const v = each.map((r) => r?.value.data[i] ?? 0);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1);
      error = Math.max(error, Math.sqrt(variance / SHIFTS));
    }
    if (!Number.isFinite(error)) return null;
    return { value: whole.value, error, sampled: true };
  };
  // The shifted points are each uniform over the cube, so the body's values there follow its law,
  // and its tails show in them as in draws (moments.ts). Entry 0 is the mass; then the bodies
  // (two for Cov), their squares and products after them. An event's indicator (P) is bounded, and
  // its rare hits are a binomial count whose spread is honest; a polynomial body has light tails.
  const bodies = op === 'P' || !watchTails ? 0 : op === 'Cov' ? 2 : 1;
  const seen = Array.from({ length: bodies * size }, () => [] as number[]);
  const recorded = (xs: number[]) => {
    const y = body(xs);
    seen.forEach((values, e) => values.push(y[1 + e]));
    return y;
  };
  try {
    const sums = shiftedHaltonMeans(laws, recorded, length, (s) => {
      const r = judged(s);
      if (!r) return true;
      const largest = r.value.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      return r.error <= AIMED_RELATIVE_ERROR * largest;
    });
    for (const values of seen) {
      const reason = heavyTailReason(values, 'the values of the body at the shifted points');
      if (reason) throw new HeavyTail(reason);
    }
    return sums && judged(sums);
  } catch (e) {
    if (e instanceof GiveUp || e instanceof RangeError) return null;
    throw e;
  }
}

/** How many probe combinations a separable body's base point is looked for among. */
const MAX_BASE_PROBES = 200;
/** Points where a body is compared with the product of its one-number slices. */
const SEPARATION_CHECKS = 12;
/** How close the body and the product of its slices must be there: rounding, not an approximation. */
const SEPARATION_TOLERANCE = 1e-9;

/**
 * The integrals of a body that is, entry by entry, a product or a sum of one term per random
 * number (E[X²Y²Z²], E[U X²] for a uniform U; E[U + T + X]), from one-dimensional integrals: for
 * independent numbers E[∏ g_k(X_k)] = ∏ E[g_k(X_k)], and E[Σ g_k(X_k)] = Σ E[g_k(X_k)]. Through a
 * base point c the term of X_k is the body along X_k, f(c with x_k), up to a constant factor
 * (a product) or summand (a sum), so E[f] = ∏_k E[f(c with X_k)] / f(c)^(n−1), or
 * Σ_k E[f(c with X_k)] − (n−1) f(c). Which form the body has is not read from the formula but
 * checked at points spread over the probes, to rounding: f(x)·f(c)^(n−1) = ∏_k f(c with x_k), or
 * f(x) + (n−1) f(c) = Σ_k f(c with x_k). Null when an entry has neither form (max(X, Y), U X + T),
 * when no base point is finite, or when a one-dimensional integral does not converge; then the
 * draws estimate the moment.
 */
function bySeparation(
  laws: ContinuousLaw[],
  body: (xs: number[]) => Float64Array,
  length: number,
  opts: Parameters<typeof integrate>[3],
): { value: Float64Array; error: number } | null {
  const n = laws.length;
  const finite = (f: Float64Array) => f.subarray(1).every(Number.isFinite);
  // A base where no entry is 0 lets every entry be a product; else one where all are finite.
  let base: number[] | null = null;
  let atBase: Float64Array | null = null;
  for (const xs of probes(laws).slice(0, MAX_BASE_PROBES)) {
    const f = body(xs);
    if (!finite(f)) continue;
    if (!base || !atBase) [base, atBase] = [xs, f];
    if (f.subarray(1).every((v) => v !== 0)) {
      [base, atBase] = [xs, f];
      break;
    }
  }
  if (!base || !atBase) return null;
  const c = base;
  const f0 = atBase;
  const through = (k: number, x: number) => body(c.map((v, j) => (j === k ? x : v)));
  const product = new Array<boolean>(length).fill(true).map((_, e) => f0[e] !== 0);
  const sum = new Array<boolean>(length).fill(true);
  const close = (x: number, y: number) =>
    Math.abs(x - y) <= SEPARATION_TOLERANCE * (Math.abs(x) + Math.abs(y));
  for (let i = 0; i < SEPARATION_CHECKS; i++) {
    // A point off the base along every number at once, each stepping through its probes at its own pace.
    const xs = laws.map((law, k) => {
      const values = probeValues(law);
      return values[((i + 1) * (k + 2)) % values.length];
    });
    const whole = body(xs);
    const slices = xs.map((x, k) => through(k, x));
    for (let e = 1; e < length; e++) {
      product[e] &&= close(
        whole[e] * f0[e] ** (n - 1),
        slices.reduce((p, s) => p * s[e], 1),
      );
      sum[e] &&= close(
        whole[e] + (n - 1) * f0[e],
        slices.reduce((p, s) => p + s[e], 0),
      );
      if (!product[e] && !sum[e]) return null;
    }
  }
  const factors = laws.map((law, k) => {
    const r = againstDensity(law, (x) => through(k, x), opts, length);
    if (!r.converged) throw new GiveUp();
    return r;
  });
  const value = new Float64Array(length);
  let error = 0;
  for (let e = 1; e < length; e++) {
    if (!product[e]) {
      value[e] = factors.reduce((p, r) => p + r.value[e], 0) - (n - 1) * f0[e];
      error = Math.max(
        error,
        factors.reduce((p, r) => p + r.error, 0),
      );
      continue;
    }
    const scale = Math.abs(f0[e]) ** (n - 1);
    value[e] = factors.reduce((p, r) => p * r.value[e], 1) / f0[e] ** (n - 1);
    // The error of a product: each factor's error times the others' sizes.
    for (const [k, r] of factors.entries()) {
      const others = factors.reduce((p, s, j) => (j === k ? p : p * Math.abs(s.value[e])), 1);
      error = Math.max(error, (r.error * others) / scale);
    }
  }
  return { value, error };
}

/**
 * Where the later passes split each law's line (a standard score, a multiple of the mean, a fraction
 * of the interval): points no body is likely to jump at, away from the first pass's piece ends.
 */
const SPLITS = {
  Normal: [0.3183098861837907, -0.6180339887498949],
  Exponential: [0.7236067977499789, 1.4142135623730951],
  Uniform: [0.4142135623730951, 0.6180339887498949],
  Beta: [0.8284271247461902, 1.2360679774997898],
};

/**
 * ∫ density(x) g(x) dx over one law; far out, where the density is 0, g is not looked at.
 *
 * A body that jumps (an event, `P(T > 2)`, a condition) may jump inside the thin end of a piece,
 * between its outermost node and its end, where neither rule of the pair sees it: both agree and the
 * piece's error is 0, though the value misses the mass of the sliver (`P(T > 2) = e^{-2λ}` was 0.04%
 * off at λ = 1.56, "refuted"). So the integral is taken a second time with the line split at another
 * point, which moves every piece. When the two differ by more than the accuracy aimed at, a third
 * split decides: the two passes that agree give the value, and when none do, neither is trusted
 * (not converged: the draws estimate the moment instead). The difference joins the error.
 */
function againstDensity(
  law: ContinuousLaw,
  g: (x: number) => Float64Array,
  opts: Parameters<typeof integrate>[3],
  length: number,
): ReturnType<typeof integrate> {
  const scanned = jumpsOf(law, g, length);
  const jumps = typeof scanned === 'number' ? [] : scanned;
  const first = densityIntegral(law, g, opts, length, jumps);
  // An event that holds nowhere (or everywhere) the scan looked may still hold in a sliver between
  // two of its points (`P(0.5 < U < 0.5001)`, 0.0001, integrates to 0): the mass a sliver narrower
  // than the scan's step can carry joins the error, so a stated 0.0001 is not refuted by it, while
  // `P(X = 3) = 0` still holds.
  if (typeof scanned === 'number') return { ...first, error: first.error + scanned };
  if (!first.converged) return first;
  let evaluations = first.evaluations;
  const agreeing = (a: ReturnType<typeof integrate>, b: ReturnType<typeof integrate>) => {
    let diff = 0;
    let size = 0;
    for (let i = 0; i < opts.controlled(a.value.length); i++) {
      diff = Math.max(diff, Math.abs(a.value[i] - b.value[i]));
      size = Math.max(size, Math.abs(a.value[i]));
    }
    const ok = diff <= Math.max(a.error + b.error, opts.relTol * size, 1e-14);
    return ok ? { ...a, error: Math.max(a.error, b.error, diff), evaluations } : null;
  };
  const [at, then] = SPLITS[law.kind];
  const second = densityIntegral(
    law,
    g,
    opts,
    length,
    [...jumps, at].sort((p, q) => p - q),
  );
  evaluations += second.evaluations;
  if (!second.converged) return { ...second, evaluations };
  const two = agreeing(first, second);
  if (two) return two;
  const third = densityIntegral(
    law,
    g,
    opts,
    length,
    [...jumps, then].sort((p, q) => p - q),
  );
  evaluations += third.evaluations;
  const settled = third.converged ? agreeing(second, third) : null;
  if (settled) return settled;
  return {
    ...first,
    converged: false,
    reason: 'the integral moved when its line was split elsewhere (a jump between nodes)',
    evaluations,
  };
}

/** Points at which a body of few values is looked at along a law's line, to find where it jumps. */
const SCAN_POINTS = 256;
/** Halvings that place a jump: 2⁻⁶⁰ of a scan step is below a double's resolution. */
const JUMP_HALVINGS = 60;
/** How far the scan reaches along a line without an end (standard scores, multiples of the mean). */
const SCAN_REACH = { Normal: 9, Exponential: 45 } as const;
/** Points halving towards a finite end of the line: 2⁻⁵⁰ of a scan step is below any stated probability. */
const END_HALVINGS = 50;

/**
 * Where a body that takes at most two values in each entry along the scan (an event `44 < X < 58`, an
 * indicator, a condition's mass) jumps, in the law's coordinate: the pieces of the quadrature then
 * end there, and no jump falls in the thin end of a piece (below). Empty for any other body, and
 * for jumps closer together than the scan's step, which the passes below still catch.
 */
function jumpsOf(law: ContinuousLaw, g: (x: number) => Float64Array, length: number): number[] | number {
  const { lo, hi, x } = densityLine(law, g, length);
  const reach = law.kind === 'Normal' || law.kind === 'Exponential' ? SCAN_REACH[law.kind] : 0;
  const from = Number.isFinite(lo) ? lo : -reach;
  const to = Number.isFinite(hi) ? hi : reach;
  // Midpoints of the scan's cells, never an end of the line, where a body may be undefined (log U at 0).
  const ts = Array.from({ length: SCAN_POINTS }, (_, k) => from + ((to - from) * (k + 0.5)) / SCAN_POINTS);
  let ys: Float64Array[];
  try {
    ys = ts.map((t) => g(x(t)));
  } catch (e) {
    // A body undefined somewhere on the scan is no event; the passes below deal with it as before.
    if (e instanceof Resample) return [];
    throw e;
  }
  for (let i = 0; i < length; i++) if (new Set(ys.map((y) => y[i])).size > 2) return [];
  // An event may hold only in a sliver at an end of the line, below the first cell's midpoint
  // (`P(U < e^{-t})` at t = 9 is 0.000124, all of it left of 1/512): the scan then sees one value and the
  // quadrature 0. Points halving towards each finite end find such a jump; one where the body is
  // undefined (log U at 0) is left out.
  const step = (to - from) / SCAN_POINTS;
  const ends = (end: number, side: number) =>
    Array.from({ length: END_HALVINGS }, (_, j) => end + side * step * 0.5 ** (j + 2));
  const before = Number.isFinite(lo) ? ends(from, 1).reverse() : [];
  const after = Number.isFinite(hi) ? ends(to, -1) : [];
  const defined = (t: number): Float64Array | null => {
    try {
      return g(x(t));
    } catch (e) {
      if (e instanceof Resample) return null;
      throw e;
    }
  };
  const line = [
    ...before.map((t) => ({ t, y: defined(t) })),
    ...ts.map((t, k) => ({ t, y: ys[k] as Float64Array | null })),
    ...after.map((t) => ({ t, y: defined(t) })),
  ].filter((p): p is { t: number; y: Float64Array } => p.y !== null && p.t !== from && p.t !== to);
  for (let i = 0; i < length; i++) if (new Set(line.map((p) => p.y[i])).size > 2) return [];
  const jumps = placeJumps(line, (t) => g(x(t)));
  if (jumps.length === 0 && line.every((p) => p.y.every((v) => v === 0 || v === 1)))
    return sliverMass(law, g, length, from, to);
  return jumps;
}

const same = (a: Float64Array, b: Float64Array) => a.every((v, i) => v === b[i]);

/** The places, to a double's resolution, where a body seen at `line`'s points changes value. */
function placeJumps(line: { t: number; y: Float64Array }[], at: (t: number) => Float64Array): number[] {
  const jumps: number[] = [];
  for (let k = 0; k + 1 < line.length; k++) {
    if (same(line[k].y, line[k + 1].y)) continue;
    let [a, b] = [line[k].t, line[k + 1].t];
    for (let h = 0; h < JUMP_HALVINGS; h++) {
      const mid = 0.5 * (a + b);
      if (mid === a || mid === b) break;
      if (same(at(mid), line[k].y)) a = mid;
      else b = mid;
    }
    jumps.push(0.5 * (a + b));
  }
  return jumps;
}

/** Points of the finer scan given to an event no point of the first scan saw change. */
const SLIVER_POINTS = 4096;

/**
 * Where the finer scan looks along a law's line: at equal steps of probability (each cell between two
 * points holds 1/SLIVER_POINTS of the mass) for the laws whose line is their standard form, so that
 * no sliver heavier than a cell hides anywhere, tails included; at equal steps of the line for Beta.
 */
function sliverPoints(law: ContinuousLaw, from: number, to: number): Float64Array {
  const kind = law.kind;
  if (kind === 'Normal' || kind === 'Exponential')
    return (STANDARD_GRIDS[kind].points ??= standardGrid(kind));
  return Float64Array.from(
    { length: SLIVER_POINTS },
    (_, k) => from + ((to - from) * (k + 0.5)) / SLIVER_POINTS,
  );
}

/** The equal-probability grids of the standard normal and exponential lines, made once. */
const STANDARD_GRIDS: Record<'Normal' | 'Exponential', { points?: Float64Array }> = {
  Normal: {},
  Exponential: {},
};

function standardGrid(kind: 'Normal' | 'Exponential'): Float64Array {
  return Float64Array.from({ length: SLIVER_POINTS }, (_, k) => {
    const u = (k + 0.5) / SLIVER_POINTS;
    return kind === 'Normal' ? normalQuantile(u) : -Math.log1p(-u);
  });
}

/**
 * For an event (a body of values 0 and 1) that did not change along the scan: looked at again on a
 * finer grid, the jumps found there (number[]) or, when it is still constant, the most mass a sliver
 * between two of the finer points can hold, in the units of the integral.
 */
function sliverMass(
  law: ContinuousLaw,
  g: (x: number) => Float64Array,
  length: number,
  from: number,
  to: number,
): number[] | number {
  const { x } = densityLine(law, g, length);
  const weight = law.kind === 'Beta' ? densityLine(law, ONE, 1).f : null;
  const line: { t: number; y: Float64Array }[] = [];
  let heaviest = 0;
  for (const t of sliverPoints(law, from, to)) {
    try {
      line.push({ t, y: g(x(t)) });
    } catch (e) {
      if (e instanceof Resample) continue;
      throw e;
    }
    if (weight) heaviest = Math.max(heaviest, weight(t)[0]);
  }
  const jumps = placeJumps(line, (t) => g(x(t)));
  if (jumps.length > 0) return jumps;
  // A cell of the equal-probability grid holds 1/SLIVER_POINTS of the mass; a Beta cell at most its
  // heaviest density times its width (twice, for a point that missed the peak).
  return weight ? (2 * heaviest * (to - from)) / SLIVER_POINTS : 1 / SLIVER_POINTS;
}

const ONE = () => Float64Array.of(1);

/** One law's line in its own coordinate t: the integrand f(t) = density · g, its ends, and x at t. */
function densityLine(
  law: ContinuousLaw,
  g: (x: number) => Float64Array,
  length: number,
): { f: (t: number) => Float64Array; lo: number; hi: number; x: (t: number) => number } {
  const weighted = (x: number, w: number): Float64Array => {
    if (w === 0) return new Float64Array(length);
    const y = g(x);
    const out = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) out[i] = y[i] === 0 ? 0 : w * y[i];
    return out;
  };
  if (law.kind === 'Normal') {
    const sd = Math.sqrt(law.b);
    const x = (t: number) => law.a + sd * t;
    const f = (t: number) => weighted(x(t), INV_SQRT_2PI * Math.exp(-0.5 * t * t));
    return { f, lo: -Infinity, hi: Infinity, x };
  }
  if (law.kind === 'Exponential') {
    // x = t / λ: ∫₀^∞ e^{−t} g(t/λ) dt.
    const x = (t: number) => t / law.a;
    return { f: (t) => weighted(x(t), Math.exp(-t)), lo: 0, hi: Infinity, x };
  }
  if (law.kind === 'Beta') {
    // x^{a−1} (1 − x)^{b−1} / B(a, b) is unbounded at an end where a or b is below 1, and a rule there
    // trusts an error estimate that misses mass. Each half is taken in the variable that makes its
    // end's power flat: x = t^{1/a} below ½ (dx = t^{1/a − 1} dt / a cancels x^{a−1}) and 1 − x = t^{1/b}
    // above, laid side by side on [0, 2].
    const { a, b } = law;
    const logB = logGammaScalar(a) + logGammaScalar(b) - logGammaScalar(a + b);
    const [left, right] = [0.5 ** a, 0.5 ** b];
    const x = (s: number) => (s <= 1 ? (s * left) ** (1 / a) : 1 - ((2 - s) * right) ** (1 / b));
    const f = (s: number) => {
      const at = x(s);
      if (s <= 1) return weighted(at, (left / a) * Math.exp((b - 1) * Math.log1p(-at) - logB));
      return weighted(at, at <= 0 ? 0 : (right / b) * Math.exp((a - 1) * Math.log(at) - logB));
    };
    return { f, lo: 0, hi: 2, x };
  }
  const x = (s: number) => law.a + (law.b - law.a) * s;
  return { f: (s) => weighted(x(s), 1), lo: 0, hi: 1, x };
}

/** ∫ density(x) g(x) dx over one law, whole or in pieces split at `splits` (in the law's own coordinate). */
function densityIntegral(
  law: ContinuousLaw,
  g: (x: number) => Float64Array,
  opts: Parameters<typeof integrate>[3],
  length: number,
  splits: readonly number[],
): ReturnType<typeof integrate> {
  const { f, lo, hi } = densityLine(law, g, length);
  const ends = [lo, ...splits.filter((t) => t > lo && t < hi), hi];
  let result: ReturnType<typeof integrate> | null = null;
  for (let k = 0; k + 1 < ends.length; k++) {
    const piece = integrate(f, ends[k], ends[k + 1], opts);
    result = result
      ? {
          value: result.value.map((v, i) => v + piece.value[i]),
          error: result.error + piece.error,
          converged: result.converged && piece.converged,
          reason: result.reason ?? piece.reason,
          evaluations: result.evaluations + piece.evaluations,
        }
      : piece;
  }
  return result!;
}

/** Entries after the mass: E, P → f; Var → f, f²; Cov → f, g, f·g. */
function width(op: ExpectOp, size: number): number {
  return op === 'Var' ? 2 * size : op === 'Cov' ? 3 * size : size;
}

function fill(op: ExpectOp, ys: Tensor[], size: number, out: Float64Array): void {
  const f = ys[0].data;
  if (f.length !== size) throw new RangeError('the expectation body changes shape');
  for (let i = 0; i < size; i++) out[1 + i] = f[i];
  if (op === 'Var') for (let i = 0; i < size; i++) out[1 + size + i] = f[i] * f[i];
  if (op === 'Cov') {
    const g = ys[1].data;
    if (g.length !== size) throw new RangeError('the covariance parts differ in shape');
    for (let i = 0; i < size; i++) {
      out[1 + size + i] = g[i];
      out[1 + 2 * size + i] = f[i] * g[i];
    }
  }
}

function moment(
  op: ExpectOp,
  sums: Float64Array,
  error: number,
  size: number,
  shape: readonly number[],
  conditioned: boolean,
): DensityEstimate | null {
  // Without a condition the mass is 1 by construction; with one it divides, and its error with it.
  const mass = conditioned ? sums[0] : 1;
  if (!(mass > 0)) return null;
  const mean = (k: number) => sums[1 + k] / mass;
  const out = new Float64Array(size);
  let largest = 0;
  for (let i = 0; i < size; i++) {
    const m = mean(i);
    if (op === 'Var') out[i] = mean(size + i) - m * m;
    else if (op === 'Cov') out[i] = mean(2 * size + i) - m * mean(size + i);
    else out[i] = m;
    largest = Math.max(largest, Math.abs(m), op === 'Cov' ? Math.abs(mean(size + i)) : 0);
  }
  // A difference of two integrals carries both errors, the square of a mean twice its error.
  const spread = op === 'Var' || op === 'Cov' ? 1 + 2 * largest : 1;
  const relMass = conditioned ? 1 + Math.abs(largest) : 1;
  return { value: Tensor.from([...shape], out), error: (error / mass) * spread * relMass };
}

// E, Var and Cov of a body that is a sum of one term per independent random variable, taken one
// variable at a time: E[Σ g_k(X_k)] = Σ E[g_k(X_k)], Var(Σ g_k(X_k)) = Σ Var(g_k(X_k)) and
// Cov(Σ g_k(X_k), Σ h_k(X_k)) = Σ Cov(g_k(X_k), h_k(X_k)), as linearity and independence give them.
// A sum of nine draws (`S = X_1 + … + X_9`) has more outcomes than the enumeration takes and more
// numbers than the quadrature integrates over together, and a thousand draws cannot tell
// Var(S) = 27 from 28; each term's moment is exact (atoms, or a law's mean and variance when the term
// is affine in its variable) or a quadrature's, and so is their sum.
import { betaQuantile, normalQuantile } from '../engine';

/** Most numbers a body is split over (the evaluations are also held below the draws'). */
export const MAX_INDEPENDENT_TERMS = 64;
/** Points off the base where the body is compared with the sum of its one-number slices. */
export const ADDITIVITY_CHECKS = 4;
/** How close values must be to count as equal: rounding, not an approximation. */
const ROUNDING = 1e-9;

/**
 * A number's law as a term of a sum: the values its term is looked at (a discrete law's atoms with
 * their weights; quantiles of a continuous one, weights null), the median or first atom first.
 */
export interface TermLaw {
  values: number[];
  weights: number[] | null;
  moments: { mean: number; variance: number };
}

/** A continuous law, as the trial gives it: normal (mean, variance), uniform, exponential (rate), Beta. */
export type SpreadLaw = { kind: 'Normal' | 'Uniform' | 'Exponential' | 'Beta'; a: number; b: number };

/** Probabilities whose quantiles stand for a continuous law: its median first, then both tails. */
const SPREAD = [0.5, 0.001, 0.01, 0.1, 0.3, 0.7, 0.9, 0.99, 0.999];

/**
 * Values spread over a continuous law, the median first: where a term's kink or jump inside the
 * law's bulk shows (a term affine at all of them is affine wherever the law has mass to speak of).
 */
export function spreadValues(law: SpreadLaw): number[] {
  return SPREAD.map((u) => {
    switch (law.kind) {
      case 'Normal':
        // The median is the mean itself, not the mean plus a quantile's rounding.
        return u === 0.5 ? law.a : law.a + Math.sqrt(law.b) * normalQuantile(u);
      case 'Uniform':
        return law.a + (law.b - law.a) * u;
      case 'Exponential':
        return -Math.log1p(-u) / law.a;
      case 'Beta':
        return betaQuantile(u, law.a, law.b);
    }
  });
}

/**
 * The base point and the check points for `isAdditive`, from values each variable takes (a
 * discrete law's atoms, spread values of a continuous one; the first the base): at every check
 * point every variable is at a value other than its base's, so that a term joining two of them
 * (B_1 B_2, a maximum) changes the body there. A variable of one value is a constant, and stays.
 */
export function additivityPoints(values: number[][]): { base: number[]; checks: number[][] } {
  const base = values.map((d) => d[0]);
  const others = values.map((d, k) => {
    const rest = [...new Set(d.filter((x) => x !== base[k]))];
    return rest.length ? rest : [base[k]];
  });
  const count = Math.max(4, ...others.map((o) => o.length));
  const checks = Array.from({ length: count }, (_, i) =>
    others.map((o, k) => o[(i * (k + 1) + k) % o.length]),
  );
  return { base, checks };
}

/**
 * Whether `body` is, entry by entry, a sum of one term per variable: at each check point x,
 * f(x) + (n − 1) f(c) = Σ_k f(c with x_k), to rounding. That the body is such a sum is checked,
 * not read from how it is written (`\bar X` is one, `(X_1 + X_2)^2` is not). Null bodies (a shape
 * that changes) are not sums.
 */
export function isAdditive(
  body: (xs: number[]) => Float64Array | null,
  base: number[],
  checks: number[][],
): boolean {
  const n = base.length;
  const atBase = body(base);
  if (!atBase || !atBase.every(Number.isFinite)) return false;
  for (const xs of checks) {
    const whole = body(xs);
    if (!whole || whole.length !== atBase.length) return false;
    const slices = new Float64Array(atBase.length);
    const sizes = new Float64Array(atBase.length);
    for (let k = 0; k < n; k++) {
      const slice = body(base.map((c, j) => (j === k ? xs[k] : c)));
      if (!slice || slice.length !== atBase.length) return false;
      for (let e = 0; e < slice.length; e++) {
        slices[e] += slice[e];
        sizes[e] += Math.abs(slice[e]);
      }
    }
    for (let e = 0; e < atBase.length; e++) {
      const left = whole[e] + (n - 1) * atBase[e];
      const scale = sizes[e] + Math.abs(whole[e]) + (n - 1) * Math.abs(atBase[e]);
      if (!(Math.abs(left - slices[e]) <= ROUNDING * scale)) return false;
    }
  }
  return true;
}

/**
 * The slopes of a term, entry by entry, when it is affine in its variable at every value given
 * (`values[i]` where the term is `terms[i]`): then its mean is the term at the law's mean and its
 * variance the slope squared times the law's. Null when some entry bends or jumps there.
 */
export function affineSlopes(values: number[], terms: Float64Array[]): Float64Array | null {
  const [x0, f0] = [values[0], terms[0]];
  let far = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i] - x0) > Math.abs(values[far] - x0)) far = i;
  if (far === 0) return new Float64Array(f0.length);
  const slopes = f0.map((y, e) => (terms[far][e] - y) / (values[far] - x0));
  for (let i = 1; i < values.length; i++)
    for (let e = 0; e < f0.length; e++) {
      const line = f0[e] + slopes[e] * (values[i] - x0);
      const scale = Math.abs(f0[e]) + Math.abs(terms[i][e]) + Math.abs(slopes[e] * (values[i] - x0));
      if (!(Math.abs(terms[i][e] - line) <= ROUNDING * scale)) return null;
    }
  return slopes;
}

/**
 * The moment of one term (E: its mean, entry by entry; Var: its variance; Cov: the covariance of
 * its two entries) from its values at the law's values: over a discrete law's atoms exactly, and
 * for a continuous law by its mean and variance when the term is affine there. Null when a
 * continuous term bends, which only a quadrature or draws would take.
 */
export function termMoment(
  op: 'E' | 'Var' | 'Cov',
  law: TermLaw,
  terms: Float64Array[],
  length: number,
): Float64Array | null {
  const out = new Float64Array(length);
  if (law.weights) {
    const w = law.weights;
    const mean = (e: number) => terms.reduce((m, t, i) => m + w[i] * t[e], 0);
    for (let e = 0; e < length; e++) {
      if (op === 'E') {
        out[e] = mean(e);
        continue;
      }
      const [f, g] = op === 'Var' ? [mean(0), mean(0)] : [mean(0), mean(1)];
      const other = op === 'Var' ? 0 : 1;
      out[e] = terms.reduce((m, t, i) => m + w[i] * (t[0] - f) * (t[other] - g), 0);
    }
    return out;
  }
  const slopes = affineSlopes(law.values, terms);
  if (!slopes) return null;
  const { mean, variance } = law.moments;
  for (let e = 0; e < length; e++)
    out[e] =
      op === 'E'
        ? terms[0][e] + slopes[e] * (mean - law.values[0])
        : slopes[0] * slopes[op === 'Var' ? 0 : 1] * variance;
  return out;
}

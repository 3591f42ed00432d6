// The laws beyond Bernoulli, normal and uniform that probability homework writes most:
// Poisson(λ), Exponential(λ) with λ the rate (mean 1/λ, the convention of most courses — a text
// that means the scale writes Exponential(1/β)), Binomial(n, p) and Geometric(p) (counting trials
// from 1 or failures from 0, as the words say: model/appliedLaws.ts). Discrete laws are enumerated
// exactly, atom by atom, as Bernoulli outcomes are (a Poisson or geometric law up to where its tail
// is below 10⁻¹⁶); the exponential and Beta(a, b) are integrated against their densities
// (densityQuadrature.ts); all of them are drawn for Monte Carlo when several variables or vectors make
// that necessary.
import { betaQuantile, type Rng } from '../engine';
import type { LawName } from '../model/types';
import { Resample } from './errors';

/** Names a call may give a distribution: such a call is a law, not a value. */
export const DISTRIBUTION_NAMES: ReadonlySet<string> = new Set([
  'Bernoulli',
  'Normal',
  'Uniform',
  'Poisson',
  'Exponential',
  'Beta',
  'Binomial',
  'Geometric',
]);

/** Past this many trials a binomial is not enumerated or drawn entry by entry. */
const MAX_BINOMIAL_TRIALS = 10_000;
/** Past this rate a Poisson law has too many atoms to enumerate. */
const MAX_POISSON_RATE = 1_000;
/**
 * Below this success probability a geometric law has too many atoms to enumerate (its tail beyond
 * 2¹⁶ atoms is above 10⁻¹⁶), and its draws are slow to settle: such a sample is drawn again.
 */
const MIN_GEOMETRIC_P = 1e-3;

/**
 * A law given only by its mean and variance stands for every law with them: each trial takes one of
 * these families, scaled and shifted to the stated moments, so that a claim verified under all of
 * them does not rest on one law's higher moments (claim/momentLaws.ts). The two-point laws are
 * enumerated exactly; the normal one is drawn.
 */
export const MOMENT_FAMILIES = ['normal', 'symmetric two-point', 'skewed two-point'] as const;
export type MomentFamily = 0 | 1 | 2;

/** The skewed two-point law's smaller atom's probability. */
const SKEW = 0.2;

/** The atoms of a standardised family member (mean 0, variance 1), null for the normal one. */
function standardAtoms(family: MomentFamily): { values: number[]; weights: number[] } | null {
  if (family === 0) return null;
  if (family === 1) return { values: [-1, 1], weights: [0.5, 0.5] };
  return { values: [Math.sqrt((1 - SKEW) / SKEW), -Math.sqrt(SKEW / (1 - SKEW))], weights: [SKEW, 1 - SKEW] };
}

/** The parameters checked: a rate is positive, n a whole number, p a probability. */
export function checkLaw(law: LawName, a: number, b: number | null): void {
  if (law === 'Moments') {
    if (!(Number.isFinite(a) && b !== null && b >= 0 && Number.isFinite(b)))
      throw new Resample('domain', `a variance ${b} is not a number at least 0`);
    return;
  }
  if (law === 'Binomial') {
    if (!(Number.isInteger(a) && a >= 0 && a <= MAX_BINOMIAL_TRIALS))
      throw new Resample('domain', `a binomial's number of trials ${a} is not a whole number up to 10,000`);
    if (!(b !== null && b >= 0 && b <= 1))
      throw new Resample('domain', `a binomial's probability ${b} is not a probability`);
    return;
  }
  if (law === 'Beta') {
    if (!(a > 0 && b !== null && b > 0 && Number.isFinite(a) && Number.isFinite(b)))
      throw new Resample('domain', `a Beta law's parameters ${a}, ${b} are not positive numbers`);
    return;
  }
  if (law === 'Geometric') {
    if (!(a >= MIN_GEOMETRIC_P && a <= 1))
      throw new Resample(
        'domain',
        `a geometric law's success probability ${a} is not a probability above 0.001`,
      );
    return;
  }
  if (!(a > 0 && Number.isFinite(a)) || (law === 'Poisson' && a > MAX_POISSON_RATE))
    throw new Resample('domain', `the rate ${a} of a ${law.toLowerCase()} law is not a positive number`);
}

/** One draw. */
export function drawLaw(
  law: LawName,
  a: number,
  b: number | null,
  rng: Rng,
  family: MomentFamily = 0,
): number {
  checkLaw(law, a, b);
  if (law === 'Moments') {
    const atoms = standardAtoms(family);
    let z = 0;
    if (!atoms) z = rng.normal();
    else {
      const u = rng.uniform();
      z = u < atoms.weights[0] ? atoms.values[0] : atoms.values[1];
    }
    return a + Math.sqrt(b!) * z;
  }
  if (law === 'Exponential') return -Math.log(1 - rng.uniform()) / a;
  // By inversion, one uniform a draw, as the exponential is.
  if (law === 'Beta') {
    let u = rng.uniform();
    while (u === 0) u = rng.uniform();
    return betaQuantile(u, a, b!);
  }
  if (law === 'Binomial') {
    let k = 0;
    for (let i = 0; i < a; i++) if (rng.uniform() < b!) k++;
    return k;
  }
  // The number of failures before the first success, by inversion, plus the least count.
  if (law === 'Geometric')
    return (a === 1 ? 0 : Math.floor(Math.log1p(-rng.uniform()) / Math.log1p(-a))) + b!;
  // Poisson by inversion along its atoms.
  const u = rng.uniform();
  let k = 0;
  let p = Math.exp(-a);
  let cumulative = p;
  while (cumulative < u && k < 10 * a + 100) {
    k++;
    p *= a / k;
    cumulative += p;
  }
  return k;
}

/** A law's mean and variance, from its parameters (a Geometric law's b its least count, 0 or 1). */
export function lawMoments(law: LawName, a: number, b: number | null): { mean: number; variance: number } {
  checkLaw(law, a, b);
  switch (law) {
    case 'Moments':
      return { mean: a, variance: b! };
    case 'Poisson':
      return { mean: a, variance: a };
    case 'Exponential':
      return { mean: 1 / a, variance: 1 / (a * a) };
    case 'Binomial':
      return { mean: a * b!, variance: a * b! * (1 - b!) };
    case 'Geometric':
      return { mean: (1 - a) / a + b!, variance: (1 - a) / (a * a) };
    case 'Beta': {
      const s = a + b!;
      return { mean: a / s, variance: (a * b!) / (s * s * (s + 1)) };
    }
  }
}

/** The atoms of a discrete law with their probabilities, or null for a continuous one. */
export function atomsOf(
  law: LawName,
  a: number,
  b: number | null,
  family: MomentFamily = 0,
): { values: number[]; weights: number[] } | null {
  if (law === 'Exponential' || law === 'Beta') return null;
  checkLaw(law, a, b);
  if (law === 'Moments') {
    const atoms = standardAtoms(family);
    return atoms && { values: atoms.values.map((z) => a + Math.sqrt(b!) * z), weights: atoms.weights };
  }
  const values: number[] = [];
  const weights: number[] = [];
  if (law === 'Binomial') {
    // log C(n, k) + k log p + (n − k) log(1 − p), exact at p = 0 and p = 1.
    const p = b!;
    let logChoose = 0;
    for (let k = 0; k <= a; k++) {
      if (k > 0) logChoose += Math.log((a - k + 1) / k);
      const w =
        p === 0
          ? k === 0
            ? 1
            : 0
          : p === 1
            ? k === a
              ? 1
              : 0
            : Math.exp(logChoose + k * Math.log(p) + (a - k) * Math.log1p(-p));
      values.push(k);
      weights.push(w);
    }
    return { values, weights };
  }
  if (law === 'Geometric') {
    // p(1 − p)^k for k failures, until the rest of the mass, (1 − p)^(k+1), is below 10⁻¹⁶.
    let rest = 1;
    for (let k = 0; rest >= 1e-16; k++) {
      values.push(k + b!);
      weights.push(rest * a);
      rest *= 1 - a;
    }
    return { values, weights };
  }
  // Poisson: atoms until the rest of the mass is below 10⁻¹⁶ of it.
  let p = Math.exp(-a);
  let total = 0;
  for (let k = 0; k < 10 * a + 100; k++) {
    if (k > 0) p *= a / k;
    values.push(k);
    weights.push(p);
    total += p;
    if (k > a && 1 - total < 1e-16) break;
  }
  return { values, weights };
}

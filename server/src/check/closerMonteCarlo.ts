// A Monte Carlo verification looked at again with more draws.
//
// An expectation no closed form gives is estimated from 1000 draws per trial, and the sides may
// differ by five of the estimate's standard errors: several percent for a variance, so
// `\operatorname{Var}(X + Y) = 2.04` for two standard normals, or `\mathbb{E}[\max(U, V)] = 0.65` for
// two uniforms (it is 2/3), passed at every trial. A careful reader who trusted a simulation would
// run a longer one before believing a result at the edge of its noise: a claim so verified whose
// sides differed by more than two standard errors at some trial (a true claim does so one time
// in eight; one off by a few standard errors nearly always) is checked again with eight times the
// draws, which cuts the margin almost threefold. A counterexample there
// refutes it; a verification there is the verdict (with its tighter margin); anything else (the
// longer simulation over budget) keeps the first verification, which says how it was reached.
//
// Even the longer simulation is no proof when its margin is wide: five standard errors of 8,000
// draws are 8% of a variance, so `\operatorname{Var}(\max(U, V, W, T, S)) = 0.021` passes where
// the value is 0.0198. An equation whose margin at the closer look is still above 1% of its sides
// is not verified: a sampling estimate cannot tell it from a slip of a few percent, and the verdict
// says so (unchecked). Only a claim about a number, with no parameter or size sampled, is held to
// this: an identity in parameters (Var(X̄) = σ²/n) is compared at three of their values, where a
// slip in its formula (σ for σ², n² for n) shows at many standard errors. The moments over at most
// four continuous numbers are integrated instead (densityQuadrature.ts, quasiRandom.ts), so this
// meets vectors of random numbers, Bernoulli numbers beside continuous ones, and five or more.

import type { TrialResult } from './claim/results';

/**
 * Whether a claim's runs estimated an expectation by Monte Carlo, and the largest difference of
 * the sides there, in standard errors of the estimates.
 */
export const monteCarloMet = { met: false, deviation: 0, relativeMargin: 0 };

/** Above this margin (relative to the sides), a Monte Carlo estimate cannot verify an equation. */
export const MAX_RELATIVE_MARGIN = 0.01;

/**
 * The widest margin (five standard errors) of the Monte Carlo trials of one run relative to the
 * larger side there: infinite where both sides are 0, whose neighbourhood no relative margin covers.
 * 0 when a trial sampled parameters: an identity in them, not a number.
 */
export function largestRelativeMargin(results: readonly TrialResult[]): number {
  let largest = 0;
  for (const r of results) {
    const mc = r.trial.monteCarlo;
    if (!mc) continue;
    if (r.trial.sampledParameters) return 0;
    const a = r.left.data;
    const b = r.right.data;
    let size = 0;
    for (const v of [...a, ...b]) if (Number.isFinite(v)) size = Math.max(size, Math.abs(v));
    largest = Math.max(largest, size > 0 ? (5 * mc.stdError) / size : mc.stdError > 0 ? Infinity : 0);
  }
  return largest;
}

/** Above this many standard errors apart at some trial, a Monte Carlo verification is looked at closer. */
export const CLOSER_LOOK_DEVIATION = 2;

/** How far apart the sides were at the Monte Carlo trials of one run, in their standard errors. */
export function largestDeviation(results: readonly TrialResult[]): number {
  let largest = 0;
  for (const r of results) {
    const mc = r.trial.monteCarlo;
    if (!mc || !(mc.stdError > 0)) continue;
    const a = r.left.data;
    const b = r.right.data;
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const d = Math.abs((a.length === 1 ? a[0] : a[i]) - (b.length === 1 ? b[0] : b[i]));
      if (Number.isFinite(d)) largest = Math.max(largest, d / mc.stdError);
    }
  }
  return largest;
}

/** How many times the usual draws the closer look takes. */
export const CLOSER_DRAWS_FACTOR = 8;

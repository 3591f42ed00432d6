// Higher derivatives: the outer derivative of an exact (forward-mode) first derivative, by
// central differences at three steps extrapolated twice (Richardson). The error is estimated
// from how far the two extrapolations disagree plus the rounding the differences amplify; the
// comparison allows for it, and an estimate too large to judge by leaves the claim unchecked.
import { Tensor } from '../engine';

/** The step for a variable of this size: relative, with a floor so that 0 gets a real step. */
export function stepFor(x: number): number {
  return 2 ** -8 * Math.max(Math.abs(x), 2 ** -3);
}

/** Roundings assumed in each differenced value, times what the differences amplify them by. */
const ROUNDINGS = 1024;

export interface Extrapolated {
  value: Tensor;
  /** Estimated absolute error, entry by entry. */
  error: Float64Array;
  /** Largest magnitude of the differenced values: the scale their derivative is judged against. */
  magnitude: number;
}

/**
 * d/dk g(x + k·h) / h at k = 0. `g(k)` evaluates at x + k·h; `h(i)` is the step behind output
 * entry i (one step for all, or each entry's own for an elementwise function).
 */
export function extrapolated(g: (k: number) => Tensor, h: (i: number) => number): Extrapolated {
  const levels = [1, 0.5, 0.25].map((k) => ({ k, plus: g(k), minus: g(-k) }));
  const shape = [...levels[0].plus.shape];
  const size = levels[0].plus.size;
  let magnitude = 0;
  const D = levels.map(({ k, plus, minus }) => {
    if (plus.size !== size || minus.size !== size)
      throw new RangeError('the differenced value changed its shape with the step');
    const d = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      d[i] = (plus.data[i] - minus.data[i]) / (2 * k * h(i));
      magnitude = Math.max(magnitude, Math.abs(plus.data[i]), Math.abs(minus.data[i]));
    }
    return d;
  });
  const value = new Float64Array(size);
  const error = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const r1 = (4 * D[1][i] - D[0][i]) / 3;
    const r2 = (4 * D[2][i] - D[1][i]) / 3;
    value[i] = (16 * r2 - r1) / 15;
    // The smallest step divides the values' rounding by h/4, and the extrapolations weigh it up;
    // an exact derivative computed through sums of larger terms carries more than one rounding.
    const rounding = (ROUNDINGS * Number.EPSILON * magnitude) / h(i);
    error[i] = Math.abs(r2 - r1) + rounding;
  }
  return { value: Tensor.from(shape, value), error, magnitude };
}

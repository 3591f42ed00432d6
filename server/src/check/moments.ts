// The moments behind E, Var, Cov and P: a weighted sum over enumerated outcomes, or an estimate
// from Monte Carlo samples with its standard error.
import { Tensor } from '../engine';
import type { ExpectOp, Node } from '../math/tree';
import { Unsupported } from './errors';
import * as V from './values';
import type { Val } from './values';

/** True when a condition (a comparison, worth 0 or 1) holds at this outcome. */
export function holds(v: Val, node: Node): boolean {
  const t = V.tensorOf(v, node);
  if (t.size !== 1)
    throw new Unsupported(
      'a condition or event must be one true-or-false statement, not a comparison of vectors',
      node.start,
      node.end,
    );
  return t.data[0] !== 0;
}

export function conditionNeverHolds(node: Node): Unsupported {
  return new Unsupported(
    'the condition after the bar has probability 0 here, so the conditional value is undefined',
    node.start,
    node.end,
  );
}

function scalarOnly(op: ExpectOp, v: Val, node: Node): void {
  if (V.tensorOf(v, node).size === 1) return;
  const message =
    op === 'P'
      ? 'the event of a probability must be one true-or-false statement, not a comparison of vectors'
      : 'the covariance of vectors (a matrix) is not evaluated: write ' +
        '\\mathbb{E}[(x - \\mathbb{E}[x])(y - \\mathbb{E}[y])^\\top]';
  throw new Unsupported(message, node.start, node.end);
}

/** Weighted sums over outcomes; `result` divides by the total weight when conditioning. */
export class Moments {
  weight = 0;
  private first: Val | null = null;
  private second: Val | null = null;
  private other: Val | null = null;
  private cross: Val | null = null;

  constructor(
    private readonly op: ExpectOp,
    private readonly node: Node,
  ) {}

  /** Σ weight · (largest |term| of the sum the moment is): what its rounding noise is measured against. */
  private size = 0;

  add(weight: number, parts: Val[]): void {
    const node = this.node;
    this.size +=
      weight * largestMagnitude(this.op === 'Var' ? V.hadamard(parts[0], parts[0], node) : parts[0], node);
    const w = V.scalar(weight);
    const plus = (acc: Val | null, v: Val) => {
      const wv = V.product(w, v, node, 'hadamard');
      return acc === null ? wv : V.add(acc, wv, node);
    };
    const [a, b] = parts;
    if (this.op === 'P' || this.op === 'Cov') scalarOnly(this.op, a, node);
    if (this.op === 'Cov') scalarOnly(this.op, b, node);
    this.weight += weight;
    this.first = plus(this.first, a);
    if (this.op === 'Var') this.second = plus(this.second, V.hadamard(a, a, node));
    if (this.op === 'Cov') {
      this.other = plus(this.other, b);
      this.cross = plus(this.cross, V.hadamard(a, b, node));
    }
  }

  /** The size of the terms the moment summed, per unit of weight when normalized. */
  magnitude(normalize: boolean): number {
    return normalize && this.weight > 0 ? this.size / this.weight : this.size;
  }

  result(normalize: boolean): Val {
    const node = this.node;
    const total = V.scalar(normalize ? this.weight : 1);
    const mean = (v: Val | null) => (v === null ? V.scalar(0) : normalize ? V.divide(v, total, node) : v);
    const m = mean(this.first);
    if (this.op === 'E' || this.op === 'P') return m;
    if (this.op === 'Var') return lessLost(mean(this.second), V.hadamard(m, m, node), node);
    return lessLost(mean(this.cross), V.hadamard(m, mean(this.other), node), node);
  }
}

/**
 * E[XY] − E[X]E[Y], or E[X²] − E[X]²: when the product of means is below the rounding of the second
 * moment at every entry (a mean 0 up to rounding, E[Y/λ − 1] = 1e-17), the difference is the second
 * moment to its last digit, and taking the product away would only make the precision log call a
 * term lost that changes nothing. A difference that cancels is subtracted, and judged as before.
 */
function lessLost(second: Val, product: Val, node: Node): Val {
  const s = V.tensorOf(second, node).data;
  const p = V.tensorOf(product, node).data;
  const lost =
    s.length === p.length && s.every((x, i) => Math.abs(p[i]) <= Number.EPSILON * Math.abs(x) * 0.5);
  return lost ? second : V.sub(second, product, node);
}

/** The estimate of E, Var, Cov or P from samples (each a list of parts) and its standard error. */
export function monteCarloMoments(
  op: ExpectOp,
  samples: Tensor[][],
  node: Node,
): { value: Tensor; stdError: number } {
  const n = samples.length;
  const shape = [...samples[0][0].shape];
  const size = samples[0][0].size;
  if (op === 'P' || op === 'Cov')
    for (const s of samples) s.forEach((t) => scalarOnly(op, { v: t, d: null }, node));
  const mean = (part: number) => {
    const m = new Float64Array(size);
    for (const s of samples) for (let i = 0; i < size; i++) m[i] += s[part].data[i] / n;
    return m;
  };
  const a = mean(0);
  if (op !== 'P') refuseHeavyTails(op, samples, a, node);
  if (op === 'P') {
    // A frequency of 0 or 1 still has an error: at least that of one sample in n.
    const p = a[0];
    return { value: Tensor.from(shape, a), stdError: Math.sqrt(Math.max(p * (1 - p), 1 / n) / n) };
  }
  const variance = new Float64Array(size);
  for (const s of samples)
    for (let i = 0; i < size; i++) variance[i] += (s[0].data[i] - a[i]) ** 2 / Math.max(1, n - 1);
  if (op === 'E') {
    let worst = 0;
    for (const v of variance) worst = Math.max(worst, Math.sqrt(v / n));
    return { value: Tensor.from(shape, a), stdError: worst };
  }
  if (op === 'Var') {
    // The standard error of a variance estimate (normal theory; heavier tails get the 5σ margin).
    return { value: Tensor.from(shape, variance), stdError: Math.sqrt(2 / (n - 1)) * Math.max(...variance) };
  }
  const b = mean(1)[0];
  let cov = 0;
  let vb = 0;
  for (const s of samples) {
    cov += ((s[0].data[0] - a[0]) * (s[1].data[0] - b)) / Math.max(1, n - 1);
    vb += (s[1].data[0] - b) ** 2 / Math.max(1, n - 1);
  }
  return {
    value: Tensor.from(shape, new Float64Array([cov])),
    stdError: Math.sqrt((variance[0] * vb + cov * cov) / Math.max(1, n - 1)),
  };
}

// A standard error is an estimate too: from the spread of the draws, which says nothing when the
// body's variance is infinite or huge. `E[1/(X_1 + X_2)]` for two exponentials (its variance is
// infinite: the sum has mass near the pole) passed at a 23% slip, its five standard errors wide
// because of the one draw near 0 they happened to include; `E[U^{-0.9}] = 10` was refuted, the
// draws not yet having met the rare huge values that make up half the mean. A careful
// statistician looks at the largest contributions before trusting the mean of a simulation: the
// estimate is not believed when one draw carries a large share of the spread, or when the tail
// of the draws falls off like a power below 2.2 (Hill's estimate over the √n largest deviations;
// below 2 the variance is infinite, and near it the standard error is noise). Light tails
// (normal, exponential, log of a uniform, squares of normals) pass these at every run; bodies
// with a pole where the law has mass (1/X, 1/ΣX, X/Y, U^{-p}) fail them, and are left unchecked.

/** Above this share of the summed squared deviations from one draw, the spread is not trusted. */
const LARGEST_SHARE = 0.3;
/** Below this tail index (Hill's estimate), the variance of the draws is infinite or nearly so. */
const LEAST_TAIL_INDEX = 2.2;
/** Fewer draws than this give no usable tail estimate (the conditional estimates keep theirs). */
const TAIL_DRAWS = 100;

/** Hill's estimate of the tail index of |x − median| over its √n largest values; Infinity if flat. */
export function tailIndex(values: readonly number[]): number {
  const sorted = [...values].sort((p, q) => p - q);
  const median = sorted[Math.floor(sorted.length / 2)];
  const deviations = values.map((x) => Math.abs(x - median)).sort((p, q) => q - p);
  const k = Math.floor(Math.sqrt(values.length));
  const floor = deviations[k];
  if (!(floor > 0)) return Infinity;
  let logs = 0;
  for (let i = 0; i < k; i++) logs += Math.log(deviations[i] / floor);
  return logs > 0 ? k / logs : Infinity;
}

/** The largest share of Σ(x − mean)² one value carries (0 when all are equal). */
export function largestShare(values: readonly number[]): number {
  const m = values.reduce((t, x) => t + x, 0) / values.length;
  let sum = 0;
  let largest = 0;
  for (const x of values) {
    const d = (x - m) ** 2;
    sum += d;
    largest = Math.max(largest, d);
  }
  return sum > 0 ? largest / sum : 0;
}

/**
 * Why the mean of these values (draws of a body, or its values at randomly shifted points) cannot
 * be trusted to its standard error, or null when their tails are light enough. `what` names them.
 */
export function heavyTailReason(values: readonly number[], what: string): string | null {
  if (values.length < TAIL_DRAWS || !values.every(Number.isFinite)) return null;
  const share = largestShare(values);
  const index = tailIndex(values);
  if (share <= LARGEST_SHARE && index >= LEAST_TAIL_INDEX) return null;
  return (
    `${what} are heavy-tailed (one of ${values.length} carries ${Math.round(100 * share)}% of their ` +
    `spread, their tail falls off like a power ${index.toFixed(1)}), so the standard error of the ` +
    'estimate cannot be trusted and it does not decide the claim; a closed form of the moment ' +
    '(or a body without a pole where the law has mass) would be checked'
  );
}

/**
 * Whether an expectation's body is a polynomial in its names: sums, products, whole powers, sums
 * over an index. Every law the checker samples has light tails (normal, uniform, exponential,
 * Poisson, Bernoulli, binomial, geometric, atoms), so such a body has every moment finite and its
 * standard error is honest, though at a thousand draws the tail of a product of normals squared
 * looks as heavy as a pole's. A quotient, a negative or fractional power, a root, a logarithm or an
 * exponential may blow up where the law has mass, and the draws are looked at. A name stands for a
 * random number or a parameter here (a name defined as a quotient is not followed).
 */
export function polynomialBody(node: Node): boolean {
  const n = node.kind === 'expect' ? node.body : node;
  switch (n.kind) {
    case 'num':
    case 'sym':
      return true;
    case 'neg':
    case 'abs':
      return polynomialBody(n.operand);
    case 'bin':
      return (
        ['+', '-', 'juxt', 'cdot', 'times'].includes(n.op) &&
        polynomialBody(n.left) &&
        polynomialBody(n.right)
      );
    case 'pow':
      return n.exponent.kind === 'num' && Number.isInteger(n.exponent.value) && polynomialBody(n.base);
    case 'subscript':
      return polynomialBody(n.base) && n.indices.every(polynomialBody);
    case 'group':
    case 'list':
      return n.items.every(polynomialBody);
    case 'bigop':
      return polynomialBody(n.body);
    default:
      return false;
  }
}

/** A moment over shifted points whose body is too heavy-tailed for their spread to be its error. */
export class HeavyTail extends Error {}

/**
 * Throws when the body an estimate averages (for Var and Cov, the bodies whose spread it is) is too
 * heavy-tailed for the standard error to be trusted. Var and Cov look at the bodies, not at their
 * squared deviations: a body of finite variance with a stretched tail (a product of two normals)
 * has squares whose tail Hill's estimate reads near 2 at a thousand draws, while its variance is
 * estimated well enough for the slips it is asked about (a factor m forgotten).
 */
function refuseHeavyTails(op: ExpectOp, samples: Tensor[][], a: Float64Array, node: Node): void {
  if (polynomialBody(node)) return;
  const what = op === 'E' ? 'the simulated values of the body' : `the simulated values inside the ${op}`;
  const parts = op === 'Cov' ? [0, 1] : [0];
  for (const part of parts)
    for (let i = 0; i < (part === 0 ? a.length : 1); i++) {
      const reason = heavyTailReason(
        samples.map((s) => s[part].data[i]),
        what,
      );
      if (reason) throw new Unsupported(reason, node.start, node.end);
    }
}

function largestMagnitude(v: Val, node: Node): number {
  const data = V.tensorOf(v, node).data;
  let m = 0;
  for (let i = 0; i < data.length; i++) m = Math.max(m, Math.abs(data[i]));
  return Number.isFinite(m) ? m : 0;
}

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
    if (this.op === 'Var') return V.sub(mean(this.second), V.hadamard(m, m, node), node);
    return V.sub(mean(this.cross), V.hadamard(m, mean(this.other), node), node);
  }
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

function largestMagnitude(v: Val, node: Node): number {
  const data = V.tensorOf(v, node).data;
  let m = 0;
  for (let i = 0; i < data.length; i++) m = Math.max(m, Math.abs(data[i]));
  return Number.isFinite(m) ? m : 0;
}

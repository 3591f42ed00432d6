// Small readings of values and trees used by the verdict: samples, finiteness, shapes, names.
import type { Node } from '../../math/tree';
import type { Tensor } from '../../engine';
import type { SampleValue } from '../result';
import { describeShape, formatNumber } from '../format';
import { Resample } from '../errors';
import { walk } from '../../model/names';
import type { Trial } from '../trial';

/** Values of the claim's own sub-expressions (hovers point into the claim), light to send. */
export function samplesOf(recorded: Map<Node, Tensor>, start: number, end: number): SampleValue[] {
  const out: SampleValue[] = [];
  for (const [n, t] of recorded) {
    if (n.start < start || n.end > end || n.end <= n.start) continue;
    // Numbers, not renderings: a hover formats the one it shows (a document's worth of tables
    // would be megabytes to send from the worker after every edit).
    // From the claim's start: a claim that moves keeps its samples (placedSamples.ts).
    out.push({
      start: n.start - start,
      end: n.end - start,
      shape: describeShape(t.shape),
      dims: [...t.shape],
      values: t.size <= 4096 ? t.data.slice() : t.data.slice(0, 64),
    });
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** How many sampled sub-expressions are zero throughout (a zero mask makes a claim trivially true). */
export function zeros(sample: SampleValue[]): number {
  let n = 0;
  for (const s of sample) if (s.values.length > 1 && s.values.every((x) => x === 0)) n++;
  return n;
}

/** A side that is NaN or infinite is undefined at this sample (or beyond the double range, when the trial
 * logged that). */
export function finite(t: Tensor): Tensor {
  for (let i = 0; i < t.data.length; i++)
    if (!Number.isFinite(t.data[i]))
      throw new Resample(
        'nan',
        Number.isNaN(t.data[i]) ? 'its value is not a number' : 'its value is infinite',
      );
  return t;
}

export function namesIn(n: Node): string[] {
  const out: string[] = [];
  walk(n, (x) => {
    if (x.kind === 'sym') out.push(x.name);
  });
  return out;
}

/** A side of written numbers alone; with `constants`, π counts as a written number. */
export function onlyNumbers(n: Node, constants = false): boolean {
  let ok = true;
  walk(n, (x) => {
    if (
      (x.kind === 'sym' && !(constants && x.sub === null && x.name === '\\pi')) ||
      x.kind === 'apply' ||
      x.kind === 'call' ||
      x.kind === 'deriv' ||
      x.kind === 'expect'
    )
      ok = false;
  });
  return ok;
}

export function isNumericLiteralNode(n: Node): boolean {
  return (
    n.kind === 'num' ||
    (n.kind === 'neg' && n.operand.kind === 'num') ||
    (n.kind === 'frac' && n.numerator.kind === 'num' && n.denominator.kind === 'num')
  );
}

export function isOrder(op: string): boolean {
  return op === '<' || op === '>' || op === '\\le' || op === '\\ge';
}

export function inputSize(t: Trial): number {
  return t.inputs.reduce((a, x) => a + x.value.size, 0);
}

export function percent(x: number): string {
  if (x >= 10) return `${formatNumber(x, 2)}×`;
  return `${formatNumber(x * 100, x < 0.01 ? 2 : 3)}%`;
}

/** Size-1 tensors compare as numbers; an n×1 column compares as a vector. */
export function normalizeShape(s: readonly number[]): number[] {
  const size = s.reduce((a, b) => a * b, 1);
  if (size === 1) return [];
  if (s.length === 2 && s[1] === 1) return [s[0]];
  return [...s];
}

export function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether a lost-precision reason comes from the decimal re-check itself. */
export function triedHigher(why: string): boolean {
  return why.includes('digits') || why.includes('precision carried');
}

export const NOT_EVALUABLE = '; not evaluable in higher precision here';

/** The largest relative difference, as a percentage for ≈. */
export function largestDifference(maxError: number, approx: boolean | undefined): string {
  return approx ? `${formatNumber(maxError * 100, 2)}%` : formatNumber(maxError, 2);
}

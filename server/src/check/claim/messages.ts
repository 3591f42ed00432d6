// The counterexample as text: the sample, the inputs the claim reads, the values of both sides.
import { differentialNames } from '../differentials';
import type { SampleValue } from '../result';
import type { Outcome, Runner } from '../claim';
import { inputSize } from './values';
import type { Trial } from '../trial';
import { displayName } from './generic';
import { formatNumber, formatShort } from '../format';
import { relevantNames } from '../relevant';
import type { TrialResult } from './results';

/** One side defined and the other not at a drawn sample: that sample refutes the claim. */
export function undefinedCounterexample(
  r: Runner,
  trialsRun: number,
  maxError: number,
  sample: SampleValue[] | undefined,
): Outcome {
  const u = [...r.undefinedOnce].sort((x, y) => inputSize(x.trial) - inputSize(y.trial))[0];
  const other = u.side === 'left' ? 'right' : 'left';
  const where = whereText(r, u);
  return {
    verdict: 'refuted',
    code: 'refuted',
    message:
      `refuted: the ${u.side} side is undefined${where} (${u.why}) while the ${other} ` +
      `side is ${u.other}; if the claim is meant only where both sides are defined, restrict the ` +
      `domain in the declaration (\\mathbb{R}_{>0}, an interval) or with <!-- derive: assume … -->`,
    details: [
      `undefined on one side in ${new Set(r.undefinedOnce.map((x) => x.trial)).size} of ` +
        `${trialsRun} trials`,
      ...sampleLines(r, u),
    ],
    trials: trialsRun,
    maxError: Math.max(maxError, 1),
    sample,
    undefinedSide: true,
  };
}

export function whereText(runner: Runner, r: { trial: Trial; index: Map<string, number> }): string {
  const parts: string[] = [];
  for (const [k, v] of r.index) parts.push(`${displayName(k)} = ${v}`);
  for (const { name, value } of ownInputs(runner, r.trial))
    if (value.rank === 0 && parts.length < 4)
      parts.push(`${displayName(name)} = ${formatNumber(value.data[0], 3)}`);
  return parts.length ? ` at ${parts.join(', ')}` : '';
}

export function sampleLines(runner: Runner, r: { trial: Trial; index: Map<string, number> }): string[] {
  const lines: string[] = [];
  for (const [k, v] of r.index) lines.push(`${displayName(k)} = ${v}`);
  for (const { name, value } of ownInputs(runner, r.trial))
    lines.push(`${displayName(name)} = ${formatShort(value, 4, 25)}`);
  return lines.length ? ['sample:', ...lines.map((l) => `  ${l}`)] : [];
}

/** The sampled values the claim depends on (not those an `assume` or another section drew). */
export function ownInputs(r: Runner, t: Trial): Trial['inputs'] {
  // The differentials dV a claim writes are sampled too, and a counterexample names them.
  r.relevant ??= new Set([...relevantNames(r.claim), ...[...differentialNames(r.claim)].map((v) => `d${v}`)]);
  return t.inputs.filter((x) => r.relevant!.has(x.name));
}

export function valueLines(r: TrialResult): string[] {
  return [`left = ${formatShort(r.left, 6, 16)}`, `right = ${formatShort(r.right, 6, 16)}`];
}

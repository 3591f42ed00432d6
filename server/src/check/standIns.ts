// "$\ln 10 \approx 2.303$, so $2\ln 10 \approx 4.606$": a claim that fails as written is read again
// with the computations an earlier claim rounded replaced by those decimals (model/standIns.ts) —
// the author computed with the value written down. It holds that way only if each decimal is itself
// the computation's value to its digits, so a wrong earlier value excuses nothing.
import type { Node } from '../math/tree';
import type { Claim } from '../model/types';
import { withStandIns } from '../model/standIns';
import type { ClaimResult } from './result';
import { capText } from './format';

export function standInReading(
  claim: Claim,
  written: ClaimResult,
  source: string,
  check: (claim: Claim) => ClaimResult,
): ClaimResult {
  if (!claim.standIns || written.verdict !== 'refuted') return written;
  const isName = (name: string) => (claim.env.lookup(name, claim.block) ?? null) !== null;
  const replaced: { computation: Node; value: string }[] = [];
  const lhs = withStandIns(claim.lhs, claim.standIns, isName, replaced);
  const rhs = withStandIns(claim.rhs, claim.standIns, isName, replaced);
  if (replaced.length === 0) return written;
  const plain: Partial<Claim> = {
    standIns: undefined,
    chainedFrom: undefined,
    chainedByEquals: undefined,
    carriedDecimals: undefined,
    roundedNumbers: undefined,
    shapes: undefined,
  };
  for (const { computation, value } of replaced) {
    const num = {
      kind: 'num',
      value: Number(value),
      text: value,
      start: computation.end,
      end: computation.end,
    };
    const own = check({ ...claim, ...plain, lhs: computation, rhs: num as Node, op: '=' });
    if (own.verdict !== 'verified') return written;
  }
  const again = check({ ...claim, lhs, rhs, standIns: undefined });
  if (again.verdict !== 'verified') return written;
  const taken = replaced
    .map(
      ({ computation, value }) =>
        `${source.slice(computation.start, computation.end).trim()} taken as ${value}`,
    )
    .join(', ');
  const noun = replaced.length === 1 ? 'the rounded value' : 'the rounded values';
  return { ...again, message: capText(`${again.message} (with ${taken}, ${noun} written earlier)`) };
}

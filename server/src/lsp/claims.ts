// Lookups over a check result by offset, shared by the editor features.
import type { Checked } from './documentChecks';
import type { MathRange } from './runCheck';
import type { ClaimResult, SampleValue } from '../check/result';
import { placedSample } from '../check/placedSamples';

export const VERDICT_MARK: Record<ClaimResult['verdict'], string> = {
  verified: '✓',
  refuted: '✗',
  unchecked: '?',
};

/** The innermost claim whose relation covers `offset`. */
export function claimAt(c: Checked, offset: number): ClaimResult | null {
  return smallest(c.result.claims.filter((x) => x.start <= offset && offset <= x.end));
}

/** The math span (content with delimiters) that contains `offset`. */
export function spanAt(c: Checked, offset: number): MathRange | null {
  return c.spans.find((s) => s.outerStart <= offset && offset <= s.outerEnd) ?? null;
}

/**
 * The smallest sampled sub-expression covering `offset`, preferring the given claim's samples,
 * with offsets in the document.
 */
export function sampleAt(c: Checked, offset: number, prefer: ClaimResult | null): SampleValue | null {
  const covering = (claim: ClaimResult | null) => {
    if (!claim?.sample) return [];
    const at = offset - claim.start;
    return claim.sample.filter((s) => s.start <= at && at <= s.end).map((s) => ({ claim, s }));
  };
  const found = smallestSample(covering(prefer)) ?? smallestSample(c.result.claims.flatMap(covering));
  return found && placedSample(found.claim, found.s);
}

function smallestSample<T extends { s: SampleValue }>(list: T[]): T | null {
  let best: T | null = null;
  for (const x of list) if (!best || x.s.end - x.s.start < best.s.end - best.s.start) best = x;
  return best;
}

/** Trimmed offsets of a claim's two sides. */
export function sides(text: string, claim: ClaimResult): { left: [number, number]; right: [number, number] } {
  return { left: trim(text, claim.start, claim.opStart), right: trim(text, claim.opEnd, claim.end) };
}

export function trim(text: string, start: number, end: number): [number, number] {
  let a = start;
  let b = end;
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return [a, b];
}

/** A detail line `left = 3.0000` (or `left = 7/2`) → its number; null unless a scalar. */
export function detailValue(claim: ClaimResult, side: 'left' | 'right'): number | null {
  const re = new RegExp(`^\\s*${side}\\s*=\\s*(\\S+)\\s*$`);
  for (const line of claim.details) {
    const m = re.exec(line);
    if (!m) continue;
    const fraction = /^([+-]?\d+)\/(\d+)$/.exec(m[1]);
    if (fraction) return Number(fraction[1]) / Number(fraction[2]);
    return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(m[1]) ? Number(m[1]) : null;
  }
  return null;
}

function smallest<T extends { start: number; end: number }>(list: T[]): T | null {
  let best: T | null = null;
  for (const x of list) if (!best || x.end - x.start < best.end - best.start) best = x;
  return best;
}

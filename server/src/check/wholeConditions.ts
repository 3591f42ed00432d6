// "For $n \ge 10$, $2^n > n^3$": a condition on a whole-number letter that puts its range past
// the usual window (ℕ dealt from 1…8, ℤ from −5…5) leaves no sample meeting it, and the claim went
// unchecked; one that keeps a corner of the window (n ≥ 7) leaves a sample or two. A careful reader
// checks such a claim from the threshold on, where it is tightest (2¹⁰ = 1024 against 10³ = 1000):
// the letter is dealt from a window as wide as the usual one, starting at the bound the condition
// sets (ending at it, for a bound from above past the window's low end).
import type { Rational } from '../engine';
import type { Node } from '../math/tree';
import type { Claim } from '../model/types';
import { exactValue } from './exact';

/** The usual windows of the whole-number sets, as in trial.ts. */
const USUAL: Record<string, readonly [number, number]> = { natural: [1, 8], integer: [-5, 5] };

const FLIPPED: Record<string, string> = { '<': '>', '>': '<', '\\le': '\\ge', '\\ge': '\\le' };

interface Bounds {
  lo: number;
  hi: number;
}

/** The claim with windows for its whole-number letters bounded past the usual range. */
export function withWholeWindows(claim: Claim): Claim {
  if (claim.assumptions.length === 0) return claim;
  const bounds = new Map<string, Bounds>();
  for (const a of claim.assumptions) boundOf(claim, a, bounds);
  const windows: Record<string, readonly [number, number]> = {};
  for (const [name, { lo, hi }] of bounds) {
    const entry = claim.env.lookup(name, claim.block);
    // Past 2⁵³ whole numbers are no longer all doubles: the window would not be one.
    if (entry?.kind !== 'decl' || (!Number.isSafeInteger(lo + 10) && !Number.isSafeInteger(hi - 10)))
      continue;
    const [usualLo, usualHi] = USUAL[entry.spec.set];
    const width = usualHi - usualLo;
    if (lo > usualLo && lo <= hi) windows[name] = [lo, Math.min(hi, lo + width)];
    else if (hi < usualLo && lo <= hi) windows[name] = [Math.max(lo, hi - width), hi];
  }
  if (Object.keys(windows).length === 0) return claim;
  return { ...claim, settings: { ...claim.settings, wholeWindows: windows } };
}

/** Records the bound `n ≥ c` (or `c > n`, …) sets on a whole-number scalar letter n. */
function boundOf(claim: Claim, a: Node, into: Map<string, Bounds>): void {
  if (a.kind !== 'cmp') return;
  for (const [letter, other, op] of [
    [a.left, a.right, a.op],
    [a.right, a.left, FLIPPED[a.op]],
  ] as const) {
    if (letter.kind !== 'sym' || letter.primes !== 0 || !op) continue;
    const entry = claim.env.lookup(letter.name, claim.block);
    if (entry?.kind !== 'decl' || entry.spec.shape.length !== 0 || !USUAL[entry.spec.set]) continue;
    const c = exactValue(other);
    if (!c) continue;
    const b = into.get(letter.name) ?? { lo: -Infinity, hi: Infinity };
    if (op === '\\ge' || op === '>') b.lo = Math.max(b.lo, lowest(c, op === '>'));
    else if (op === '\\le' || op === '<') b.hi = Math.min(b.hi, highest(c, op === '<'));
    else continue;
    into.set(letter.name, b);
  }
}

/** The least whole number ≥ c (> c when strict). */
function lowest(c: Rational, strict: boolean): number {
  const f = floorOf(c);
  return c.isInteger() ? (strict ? f + 1 : f) : f + 1;
}

/** The greatest whole number ≤ c (< c when strict). */
function highest(c: Rational, strict: boolean): number {
  const f = floorOf(c);
  return c.isInteger() && strict ? f - 1 : f;
}

function floorOf(c: Rational): number {
  return Math.floor(c.toNumber());
}

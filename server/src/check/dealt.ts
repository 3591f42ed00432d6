// Small sets of whole numbers dealt like cards: over every run of as many trials as the set has
// members, a scalar drawn from it takes each member once, in an order shuffled per claim and round.
// Twenty independent draws from {1, …, 8} miss a member one claim in fifteen, and a claim false only
// there (2^k ≥ k² fails at k = 3 alone) was verified.
import { combineSeeds, hashString, Rng } from '../engine';

/** Sets larger than this are drawn at random: no twenty trials could cover them. */
export const DEALT_LIMIT = 64;

/** Where a trial sits in its claim's sequence of trials. */
export interface Deal {
  seed: number;
  attempt: number;
}

/** The member (an index in 0…count−1) a scalar named by `label` takes at this trial. */
export function dealtIndex(deal: Deal, label: string, count: number): number {
  const round = Math.floor(deal.attempt / count);
  const rng = new Rng(combineSeeds(deal.seed, hashString(`${label}#${round}`)));
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order[deal.attempt % count];
}

/**
 * The size (an index in 0…count−1) of the `order`-th dimension name a trial meets. In the first
 * round the names share one shuffled order, each shifted by its place, so every name takes every
 * size and, in each of those trials, names take different sizes while there are sizes enough: a
 * claim that type-checks only when two sizes agree (x^⊤y for x ∈ ℝ^m, y ∈ ℝ^n) meets a mismatch at
 * once. Later rounds deal each name on its own, so sizes also meet.
 */
export function dealtSize(deal: Deal, order: number, label: string, count: number): number {
  if (deal.attempt >= count) return dealtIndex(deal, label, count);
  return dealtIndex({ seed: deal.seed, attempt: (deal.attempt + order) % count }, 'sizes', count);
}

// The claim results of the previous check, reused as a list (issue #14). A model built after an
// edit keeps the claims before the edit as the same objects (model/resume.ts) and the claims after
// it as the same objects or as copies moved by the edit (model/splice.ts); a kept claim has the
// key of the claim it came from, so its result is that claim's result moved to its place. Walking
// the two lists from both ends by identity finds them without computing a key or looking one up;
// the claims between are looked up in the claim cache as before.
import type { Claim } from '../model/types';
import { movedFrom } from '../model/splice';
import type { ClaimResult } from './result';

/** What a check leaves for the next one: its claims, their results and the options they used. */
export interface ResultList {
  claims: readonly Claim[];
  results: readonly ClaimResult[];
  options: string;
}

/**
 * For each claim, the previous check's result of the claim it is (or was moved from), when the
 * model kept it at the same place in the list counted from the start or from the end; undefined
 * for the claims between.
 */
export function keptResults(
  claims: readonly Claim[],
  last: ResultList | undefined,
  options: string,
): (ClaimResult | undefined)[] {
  const kept: (ClaimResult | undefined)[] = new Array(claims.length).fill(undefined);
  if (!last || last.options !== options) return kept;
  const before = last.claims;
  let head = 0;
  while (head < claims.length && head < before.length && claims[head] === before[head]) {
    kept[head] = last.results[head];
    head++;
  }
  let j = claims.length - 1;
  let k = before.length - 1;
  while (j >= head && k >= head && (claims[j] === before[k] || movedFrom(claims[j]) === before[k])) {
    kept[j] = last.results[k];
    j--;
    k--;
  }
  return kept;
}

// A check's claim results sent from the checker worker to the server as differences from the
// previous check of the same document: results the claim cache reused are sent as runs — where
// the same results stood, one after another, in the previous check and how far they moved — so
// an edit does not copy every claim's result (messages, details, hover samples) between threads,
// nor one record per claim. The server rebuilds the list; it equals the list sent whole
// (test/unit/lsp/resultDiff.test.ts).
import { rebase } from '../check/cache';
import type { ClaimResult } from '../check/result';

/** `count` results that stood one after another from index `same` of the previous check, moved by `shift`. */
export interface SentRun {
  same: number;
  count: number;
  shift: number;
}

/** A claim result, or a run of the previous check's results. */
export type SentClaim = ClaimResult | SentRun;

/** What the sender remembers of the last list it sent for one document. */
export interface SentList {
  id: number;
  /** The cache's object for each result sent, in order. */
  origins: ClaimResult[];
  /** Each result's start, in order. */
  starts: Float64Array;
}

/**
 * The list to send and what to remember of it. `origin` gives the cache's object for a result;
 * `previous` is what was sent last for this document, used only when the receiver holds it.
 * An edit leaves the results before and after it where they were (moved by one amount after it):
 * those ends are matched in place, and only the results between are looked up among the
 * previous results between, so the work beyond one pass over the list is the edit's.
 */
export function encodeClaims(
  claims: ClaimResult[],
  origin: (r: ClaimResult) => ClaimResult,
  previous: SentList | undefined,
  id: number,
): { sent: SentClaim[]; list: SentList } {
  const n = claims.length;
  const origins: ClaimResult[] = new Array(n);
  const starts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    origins[i] = origin(claims[i]);
    starts[i] = claims[i].start;
  }
  const list = { id, origins, starts };
  if (!previous) return { sent: claims.slice(), list };
  const before = previous.origins;
  const m = before.length;
  let head = 0;
  while (head < n && head < m && origins[head] === before[head]) head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && origins[n - 1 - tail] === before[m - 1 - tail]) tail++;
  // The previous results between the two ends, by their cache object (the last of equal ones).
  const between = new Map<ClaimResult, number>();
  for (let j = head; j < m - tail; j++) between.set(before[j], j);
  const sent: SentClaim[] = [];
  for (let i = 0; i < n; i++) {
    const j = i < head ? i : i >= n - tail ? i - n + m : between.get(origins[i]);
    if (j === undefined) {
      sent.push(claims[i]);
      continue;
    }
    const shift = starts[i] - previous.starts[j];
    const last = sent[sent.length - 1];
    if (last && 'same' in last && last.same + last.count === j && last.shift === shift) last.count++;
    else sent.push({ same: j, count: 1, shift });
  }
  return { sent, list };
}

/** The list rebuilt from what was sent and the previous list the receiver holds. */
export function decodeClaims(sent: SentClaim[], previous: readonly ClaimResult[] | undefined): ClaimResult[] {
  const out: ClaimResult[] = [];
  for (const s of sent) {
    if (!('same' in s)) {
      out.push(s);
      continue;
    }
    // The sender diffs only against a list the receiver said it holds.
    if (!previous || s.same + s.count > previous.length)
      throw new Error(
        `claim results ${s.same}–${s.same + s.count - 1} of the previous check are missing ` +
          `(${previous?.length ?? 0} held); the pool must send the document's results whole`,
      );
    for (let j = s.same; j < s.same + s.count; j++)
      out.push(s.shift === 0 ? previous[j] : rebase(previous[j], s.shift));
  }
  return out;
}

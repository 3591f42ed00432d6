// A check's claim results sent from the checker worker to the server as differences from the
// previous check of the same document: a result the claim cache reused is sent as the place of
// the same result in the previous check and how far it moved, so an edit does not copy every
// claim's result (messages, details, hover samples) between threads. The server rebuilds the
// list; it equals the list sent whole (test/unit/lsp/resultDiff.test.ts).
import { rebase } from '../check/cache';
import type { ClaimResult } from '../check/result';

/** A claim result, or where the same result stood in the previous check and how far it moved. */
export type SentClaim = ClaimResult | { same: number; shift: number };

/** What the sender remembers of the last list it sent for one document. */
export interface SentList {
  id: number;
  /** For each result sent (by the cache's object for it), its index and start. */
  places: Map<ClaimResult, { index: number; start: number }>;
}

/**
 * The list to send and what to remember of it. `origin` gives the cache's object for a result;
 * `previous` is what was sent last for this document, used only when the receiver holds it.
 */
export function encodeClaims(
  claims: ClaimResult[],
  origin: (r: ClaimResult) => ClaimResult,
  previous: SentList | undefined,
  id: number,
): { sent: SentClaim[]; list: SentList } {
  const places = new Map<ClaimResult, { index: number; start: number }>();
  const sent = claims.map((c, index) => {
    const o = origin(c);
    const before = previous?.places.get(o);
    places.set(o, { index, start: c.start });
    return before ? { same: before.index, shift: c.start - before.start } : c;
  });
  return { sent, list: { id, places } };
}

/** The list rebuilt from what was sent and the previous list the receiver holds. */
export function decodeClaims(sent: SentClaim[], previous: readonly ClaimResult[] | undefined): ClaimResult[] {
  return sent.map((s) => {
    if (!('same' in s)) return s;
    const r = previous?.[s.same];
    // The sender diffs only against a list the receiver said it holds.
    if (!r) throw new Error(`claim result ${s.same} of the previous check is missing`);
    return s.shift === 0 ? r : rebase(r, s.shift);
  });
}

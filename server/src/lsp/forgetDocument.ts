// What a checker worker keeps of a document after its check, dropped when the document closes
// (issue #14: memory). The last check's model record, prose contexts and readings, its result and
// range lists and the last read's placements serve only the next check of that same document, and
// at 4,000 claims they are about 20 MB of the worker's heap; a closed document's would stay until
// another document's check replaced them. The claim results and the read chunks stay: their caches
// are bounded, and keyed by content another document may share.
import type { CheckCache } from '../check';
import type { ReadCache } from '../document';
import type { ModelCache } from '../model/resume';

export interface DocumentCaches {
  cache: CheckCache;
  readCache: ReadCache;
  modelCache: ModelCache;
}

/**
 * The pool no longer needs `key` (lsp/documentChecks.ts forgets a closed document's key and its
 * first screen's): drop what is kept for it alone — its entry of `sent` (the results last sent),
 * and the caches' last check when that check was of `key` (`lastKey`, the key of the last job).
 */
export function forgetDocument<T>(
  key: string,
  lastKey: string | null,
  caches: DocumentCaches,
  sent: Map<string, T>,
): void {
  sent.delete(key);
  if (key !== lastKey) return;
  caches.modelCache.forgetLast();
  caches.cache.forgetLast();
  caches.readCache.forgetLast();
}

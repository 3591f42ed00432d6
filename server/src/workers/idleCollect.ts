// A thread that keeps a long document between checks (the checker worker: its caches; the server
// thread: the document and its results) turns each edit into garbage that lives until the next one,
// so it leaves V8's young generation and is freed only by a full collection: the models and results
// of the edit before, and the document's text, one large object per copy. V8 starts a full
// collection when the old generation reaches a limit it sets at up to four times what the last one
// left alive, so the process's resident memory grew with the number of edits (≈0.8 MB of the
// worker's heap per edit at 4,000 claims; 131 → 195 MB over 80 edits: bench/README.md, session 28).
// Here a thread collects in full itself once a reply or a publish has gone, when its heap has grown
// by more than a margin since its last full collection: COLLECT_AFTER_PART of what that collection
// left alive, and at least COLLECT_AFTER_AT_LEAST; and at most COLLECT_DUTY of the thread's time
// goes to these collections. Only the work of the next edit can wait for it,
// and only when that edit comes during the collection (≈45 ms of CPU for the worker at 4,000
// claims, once every ten edits or so). A collection frees only what nothing reaches: no result
// depends on it.
// V8's full collection is the `gc` that Node's `--expose-gc` gives every thread: the server's flags
// (package.json derivcheckServer.execArgv) include it. Without it nothing is collected here. It is
// not set at run time (v8.setFlagsFromString): V8's code cache (codeCache.ts) is refused under flags
// other than those it was written under, and a flag set by the first collection would have made the
// next start's cache useless.
import { getHeapStatistics } from 'node:v8';

/** The least growth of the used heap, in bytes, that is worth a full collection. */
export const COLLECT_AFTER_AT_LEAST = 6 * 1024 * 1024;
/** The growth, as a part of what the last full collection left alive, past which a thread collects. */
export const COLLECT_AFTER_PART = 0.15;

/** V8's full collection (`gc` under --expose-gc), or null without it. */
export function fullCollection(): (() => void) | null {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? () => (gc as () => void)() : null;
}

export interface IdleCollector {
  /** A full collection now if the heap has grown past the margin; whether it collected. */
  (): boolean;
  /** Full collections made so far. */
  readonly count: number;
}

/**
 * At most this part of a thread's time goes to these collections: after one that took t ms, the
 * next waits at least t × (1 / COLLECT_DUTY − 1) ms. An edit that moves every claim below it leaves
 * ≈8 MB of garbage at 4,000 claims, past the margin every time: collected after each, its CPU doubled
 * (bench/README.md, session 28); V8's own collections take over for what this leaves.
 */
export const COLLECT_DUTY = 0.1;

/**
 * A collector to call when the thread has nothing to do: it collects in full when the used heap
 * has grown, since its last full collection (or since it was made), by more than
 * max(`atLeast`, `part` × the heap that collection left), and the last one it made is far enough
 * behind (COLLECT_DUTY). `used` measures the heap (V8's used size, young generation and large
 * objects included), `clock` the time in ms; tests give their own.
 */
export function idleCollector(
  atLeast = COLLECT_AFTER_AT_LEAST,
  part = COLLECT_AFTER_PART,
  used: () => number = () => getHeapStatistics().used_heap_size,
  gc: () => (() => void) | null = fullCollection,
  clock: () => number = () => performance.now(),
  duty = COLLECT_DUTY,
): IdleCollector {
  let base = used();
  let count = 0;
  let notBefore = Number.NEGATIVE_INFINITY;
  const collectIfGrown = (): boolean => {
    const now = used();
    // V8 collected on its own meanwhile: the margin counts from there.
    if (now < base) base = now;
    if (now - base <= Math.max(atLeast, part * base)) return false;
    const start = clock();
    if (start < notBefore) return false;
    const full = gc();
    if (!full) return false;
    full();
    const end = clock();
    notBefore = end + (end - start) * (1 / duty - 1);
    count++;
    base = used();
    return true;
  };
  return Object.defineProperty(collectIfGrown, 'count', { get: () => count }) as IdleCollector;
}

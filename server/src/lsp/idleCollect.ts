// The checker worker's heap between checks. A check of a long document leaves its model (trees,
// environments, claims) as garbage, and V8 collects its old space only when that grows past
// limits it raises generously: a worker re-checking a 4,000-claim document on every edit grew to
// about twice what a collection after each check keeps (bench §6, issue #14: peak RSS). So after
// a check whose garbage is large, the worker collects at once, once its reply is on its way.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap in use after which a check's garbage is worth a collection of its own. */
export const COLLECT_ABOVE_BYTES = 48 * 2 ** 20;

export interface Collector {
  /** After a check: collect soon if the heap holds more than `COLLECT_ABOVE_BYTES` in use. */
  afterCheck(): void;
}

/** `gc` is V8's collector; `used` the bytes of heap in use (both injectable for tests). */
export function idleCollector(
  gc: (() => void) | null = exposedGc(),
  used: () => number = () => getHeapStatistics().used_heap_size,
  later: (f: () => void) => void = (f) => setImmediate(f),
): Collector {
  let scheduled = false;
  return {
    afterCheck() {
      if (!gc || scheduled || used() <= COLLECT_ABOVE_BYTES) return;
      scheduled = true;
      later(() => {
        scheduled = false;
        gc();
      });
    },
  };
}

/** V8's collector for this isolate, or null where it cannot be had (the checker runs without it). */
function exposedGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

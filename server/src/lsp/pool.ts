// The language server's pool of checker workers: the shared pool (workers/pool.ts) running
// runCheck on dist/check-worker.js. In-process runs (from sources) keep their own caches, as
// each worker does.
import { CheckCache } from '../check';
import { ReadCache } from '../document';
import { ParseCache } from '../math/cache';
import { ModelCache } from '../model/resume';
import { WorkerPool } from '../workers/pool';
import { isFirstScreenKey } from './firstScreen';
import { runCheck } from './runCheck';
import type { CheckJob, CheckOutput } from './runCheck';
import { decodeClaims } from './resultDiff';

/** Documents whose last results the pool keeps to rebuild the next ones. */
const HELD_DOCUMENTS = 16;

export { Cancelled, workerCount } from '../workers/pool';

export type CheckPool = WorkerPool<CheckJob, CheckOutput>;

export function checkPool(options: {
  workerFile: string | null;
  size: number;
  /** Hard limit for one document; its worker is terminated after it. */
  timeoutMs: number;
  log(message: string): void;
  onFirstWorkerReady?(): void;
}): CheckPool {
  const context = {
    cache: new CheckCache(),
    readCache: new ReadCache(),
    parseCache: new ParseCache(),
    modelCache: new ModelCache(),
  };
  return new WorkerPool<CheckJob, CheckOutput>({
    ...options,
    runInProcess: (job) => runCheck(job, context),
    // Start-up: the first worker loads the checker while the client is still initializing and
    // opening documents, rather than after the first document arrives. The first screen of a
    // document opened before it is ready is checked here meanwhile (this thread has the checker
    // loaded already); the whole document goes to the worker, whose cache serves the edits.
    warm: true,
    inProcessWhileWarming: isFirstScreenKey,
    // Claim results come back as differences from the document's previous check (resultDiff.ts).
    expand: {
      keep: HELD_DOCUMENTS,
      apply: (reply, held) => {
        if (!reply.sentClaims) return reply;
        const claims = decodeClaims(reply.sentClaims, held?.result.claims);
        const { sentClaims: _, ...output } = reply;
        return { ...output, result: { ...output.result, claims } };
      },
    },
  });
}

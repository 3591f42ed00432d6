// The language server's pool of checker workers: the shared pool (workers/pool.ts) running
// runCheck on dist/check-worker.js. In-process runs (from sources) keep their own caches, as
// each worker does.
import { WorkerPool } from '../workers/pool';
import type { inProcessChecker } from './inProcessCheck';
import type { CheckJob, CheckOutput } from './runCheck';
import { decodeClaims } from './resultDiff';
import { BINDINGS, decodeRecords, MATH_RANGES } from './recordDiff';

/** Documents whose last results the pool keeps to rebuild the next ones. */
const HELD_DOCUMENTS = 16;

/**
 * A checker worker's young generation, in MB: semi-spaces of 4 MB (the MB figure is three of
 * them) instead of Node's 16. The default's two 16 MB semi-spaces, once grown by a long document's
 * first check, stay committed for the worker's life: at 4,000 claims about 24 MB of the server's
 * peak RSS, while the smaller ones cost no measurable CPU per check or edit (bench/README.md,
 * issue #14, seventh pass). Smaller still (semi-spaces of 2 MB) began to cost CPU. V8 lets the
 * command line's `--max-semi-space-size` override this limit in every thread, so under the
 * server's flags (package.json `derivcheckServer.execArgv`) the worker's semi-spaces are that
 * flag's 2 MB; this limit holds for a server started without them (bench/README.md, session 30).
 */
export const WORKER_YOUNG_MB = 12;

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
  let inProcess: ReturnType<typeof inProcessChecker> | undefined;
  return new WorkerPool<CheckJob, CheckOutput>({
    ...options,
    maxYoungMb: WORKER_YOUNG_MB,
    // Loaded on first use, and only without a worker script: this thread never loads the checker
    // otherwise (see inProcessCheck.ts).
    runInProcess: (job) => {
      inProcess ??= (require('./inProcessCheck') as typeof import('./inProcessCheck')).inProcessChecker();
      return inProcess(job);
    },
    // Start-up: the first worker loads the checker while the client is still initializing and
    // opening documents, rather than after the first document arrives. Every check runs there,
    // the first screen too: checking it in this thread meanwhile would load the checker twice and
    // do the top's claims twice, on a machine whose cores the editor is using to start up (the
    // first screen came no sooner than the worker was ready; see bench/README.md, start-up).
    warm: true,
    // Claim results come back as differences from the document's previous check (resultDiff.ts).
    expand: {
      keep: HELD_DOCUMENTS,
      apply: (reply, held) => {
        if (!reply.sentClaims) return reply;
        const claims = decodeClaims(reply.sentClaims, held?.result.claims);
        const { sentClaims: _, sentRecords, ...output } = reply;
        if (!sentRecords) return { ...output, result: { ...output.result, claims } };
        // The spans are one list, the result's and the output's (runCheck).
        const spans = decodeRecords(sentRecords.spans, held?.spans, MATH_RANGES);
        const bindings = decodeRecords(sentRecords.bindings, held?.result.bindings, BINDINGS);
        return { ...output, spans, result: { ...output.result, claims, mathSpans: spans, bindings } };
      },
    },
  });
}

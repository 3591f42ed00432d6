// The server's pool of checker workers, started before anything else of the server is loaded:
// the first worker loads the checker while this thread loads the LSP library and the editor
// features (server.ts requires them after this), so the two loads overlap instead of following
// each other. Messages the pool logs before the connection exists are kept until it does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkPool } from './pool';
import type { CheckPool } from './pool';
import type { StartupTimeline } from './startupTimeline';

/** Hard limit for checking one document. */
export const DOCUMENT_TIMEOUT_MS = 120_000;

export interface EarlyPool {
  pool: CheckPool;
  /** Where the pool's messages go from now on (the ones kept so far go there first). */
  attach(log: (message: string) => void): void;
}

export function startCheckPool(timeline: StartupTimeline): EarlyPool {
  const kept: string[] = [];
  let sink: ((message: string) => void) | null = null;
  // Beside the bundled server; from the sources there is none, and checks run in this thread.
  const workerFile = join(__dirname, 'check-worker.js');
  const pool = checkPool({
    workerFile: existsSync(workerFile) ? workerFile : null,
    // `initialize` sizes the pool from the settings.
    size: 1,
    timeoutMs: DOCUMENT_TIMEOUT_MS,
    log: (m) => (sink ? sink(m) : kept.push(m)),
    onFirstWorkerReady: () => timeline.mark('worker ready'),
  });
  if (!pool.inProcess) timeline.mark('worker started');
  return {
    pool,
    attach(log) {
      sink = log;
      for (const m of kept.splice(0)) log(m);
    },
  };
}

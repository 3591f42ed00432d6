// Worker-thread entry (bundled as dist/check-worker.js): runs checks off the server's main
// thread so that typing, hovers and code lenses never wait for the checker. The worker keeps a
// claim cache across jobs (an edit re-checks only what it touched) and stops between claims
// when the pool raises the job's cancel flag, so a stale check never costs its worker.
import { parentPort } from 'node:worker_threads';
import { CheckCache, CheckCancelled } from '../check';
import { ReadCache } from '../document';
import { ParseCache } from '../math/cache';
import { runCheck } from './runCheck';
import type { WorkerReply, WorkerRequest } from './pool';
import { encodeClaims, type SentList } from './resultDiff';

const cache = new CheckCache();
const readCache = new ReadCache();
const parseCache = new ParseCache();
/** Per document, what was last sent of its claim results (kept for the few latest documents). */
const sentLists = new Map<string, SentList>();
const SENT_DOCUMENTS = 16;

parentPort?.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  const flag = new Int32Array(req.cancel);
  try {
    const output = runCheck(req.job, {
      cache,
      readCache,
      parseCache,
      shouldStop: () => Atomics.load(flag, 0) !== 0,
    });
    const previous = sentLists.get(req.key);
    const { sent, list } = encodeClaims(
      output.result.claims,
      (r) => cache.origin(r),
      previous && previous.id === req.have ? previous : undefined,
      req.id,
    );
    sentLists.delete(req.key);
    sentLists.set(req.key, list);
    if (sentLists.size > SENT_DOCUMENTS) sentLists.delete(sentLists.keys().next().value as string);
    reply = {
      id: req.id,
      ok: true,
      output: { ...output, result: { ...output.result, claims: [] } },
      claims: sent,
    };
  } catch (err) {
    reply =
      err instanceof CheckCancelled
        ? { id: req.id, ok: false, cancelled: true, error: 'cancelled' }
        : { id: req.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort?.postMessage(reply);
});

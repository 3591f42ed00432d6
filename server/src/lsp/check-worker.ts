// Worker-thread entry (bundled as dist/check-worker.js): runs checks off the server's main
// thread so that typing, hovers and code lenses never wait for the checker. The worker keeps a
// claim cache across jobs (an edit re-checks only what it touched) and stops between claims
// when the pool raises the job's cancel flag, so a stale check never costs its worker.
import { CheckCache, CheckCancelled } from '../check';
import { ReadCache } from '../document';
import { ParseCache } from '../math/cache';
import { ModelCache } from '../model/resume';
import { serveJobs } from '../workers/serve';
import { runCheck } from './runCheck';
import type { CheckJob, CheckOutput } from './runCheck';
import { encodeClaims, type SentList } from './resultDiff';

const cache = new CheckCache();
const readCache = new ReadCache();
const parseCache = new ParseCache();
const modelCache = new ModelCache();

/** Per document, what was last sent of its claim results (kept for the few latest documents). */
const sentLists = new Map<string, SentList>();
const SENT_DOCUMENTS = 16;

serveJobs(
  (job: CheckJob, shouldStop, meta): CheckOutput => {
    const output = runCheck(job, { cache, readCache, parseCache, modelCache, shouldStop });
    const previous = sentLists.get(meta.key);
    const { sent, list } = encodeClaims(
      output.result.claims,
      (r) => cache.origin(r),
      previous && previous.id === meta.have ? previous : undefined,
      meta.id,
    );
    sentLists.delete(meta.key);
    sentLists.set(meta.key, list);
    if (sentLists.size > SENT_DOCUMENTS) sentLists.delete(sentLists.keys().next().value as string);
    return { ...output, result: { ...output.result, claims: [] }, sentClaims: sent };
  },
  (err) => err instanceof CheckCancelled,
);

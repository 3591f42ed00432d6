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
import { BINDINGS, encodeRecords, MATH_RANGES } from './recordDiff';
import type { MathRange, SymbolBinding } from '../check/result';
import { warmUp } from './warmUp';
import { codeWarm } from '../workers/codeCache';
import { forgetDocument } from './forgetDocument';
import { idleCollector } from '../workers/idleCollect';

const cache = new CheckCache();
const readCache = new ReadCache();
const parseCache = new ParseCache();
const modelCache = new ModelCache();

/** Per document, what was last sent of its results (kept for the few latest documents). */
const sentLists = new Map<string, { claims: SentList; spans: MathRange[]; bindings: SymbolBinding[] }>();
const SENT_DOCUMENTS = 16;

/** Whether a job has come: the warm-up (warmUp.ts) stops then. */
let jobSeen = false;
/** The key of the last job: the caches' last check (model record, result lists) is its document's. */
let lastKey: string | null = null;

serveJobs(
  (job: CheckJob, shouldStop, meta): CheckOutput => {
    // The first job warms the worker when it comes before the warm-up is done: the code cache is
    // written after its reply has gone.
    if (!jobSeen) setImmediate(codeWarm);
    jobSeen = true;
    lastKey = meta.key;
    const output = runCheck(job, { cache, readCache, parseCache, modelCache, shouldStop });
    const last = sentLists.get(meta.key);
    // Differences only from what the pool says it holds.
    const previous = last && last.claims.id === meta.have ? last : undefined;
    const { sent, list } = encodeClaims(
      output.result.claims,
      (r) => cache.origin(r),
      previous?.claims,
      meta.id,
    );
    const { spans, result } = output;
    sentLists.delete(meta.key);
    sentLists.set(meta.key, { claims: list, spans, bindings: result.bindings });
    if (sentLists.size > SENT_DOCUMENTS) sentLists.delete(sentLists.keys().next().value as string);
    return {
      ...output,
      spans: [],
      result: { ...result, claims: [], mathSpans: [], bindings: [] },
      sentClaims: sent,
      sentRecords: {
        spans: encodeRecords(spans, previous?.spans, MATH_RANGES),
        bindings: encodeRecords(result.bindings, previous?.bindings, BINDINGS),
      },
    };
  },
  (err) => err instanceof CheckCancelled,
  (key) => forgetDocument(key, lastKey, { cache, readCache, modelCache }, sentLists),
  // Each edit's garbage outlives the young generation: freed in full when it has grown, between jobs.
  idleCollector(),
);

warmUp(() => jobSeen, codeWarm);

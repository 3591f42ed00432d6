// Worker-thread entry (bundled as dist/check-worker.js): runs checks off the server's main
// thread so that typing, hovers and code lenses never wait for the checker. The worker keeps a
// claim cache across jobs (an edit re-checks only what it touched) and stops between claims
// when the pool raises the job's cancel flag, so a stale check never costs its worker.
import { CheckCache, CheckCancelled } from '../check';
import { ReadCache } from '../document';
import { ParseCache } from '../math/cache';
import { serveJobs } from '../workers/serve';
import { runCheck } from './runCheck';
import type { CheckJob } from './runCheck';

const cache = new CheckCache();
const readCache = new ReadCache();
const parseCache = new ParseCache();

serveJobs(
  (job: CheckJob, shouldStop) => runCheck(job, { cache, readCache, parseCache, shouldStop }),
  (err) => err instanceof CheckCancelled,
);

// The checker in the server's own thread, for when there is no worker script (the server run
// from its sources). It is a module of its own, loaded on the first such check and built outside
// dist/server.js (esbuild.mjs), so that the bundled server never loads the checker: its workers do.
import { CheckCache } from '../check';
import { ReadCache } from '../document';
import { ParseCache } from '../math/cache';
import { ModelCache } from '../model/resume';
import { runCheck } from './runCheck';
import type { CheckJob, CheckOutput } from './runCheck';

/** A checker with its own caches, as each worker has. */
export function inProcessChecker(): (job: CheckJob) => CheckOutput {
  const context = {
    cache: new CheckCache(),
    readCache: new ReadCache(),
    parseCache: new ParseCache(),
    modelCache: new ModelCache(),
  };
  return (job) => runCheck(job, context);
}

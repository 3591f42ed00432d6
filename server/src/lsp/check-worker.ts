// Worker-thread entry (bundled as dist/check-worker.js): runs checks off the server's main
// thread so that typing, hovers and code lenses never wait for the checker.
import { parentPort } from 'node:worker_threads';
import { runCheck } from './runCheck';
import type { WorkerReply, WorkerRequest } from './pool';

parentPort?.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: req.id, ok: true, output: runCheck(req.job) };
  } catch (err) {
    reply = { id: req.id, ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});

// The worker's side of the pool (pool.ts): say when the script has loaded, then answer each job.
// A job runs to the end unless the pool raises its cancel flag; the handler reads the flag
// through `shouldStop` (between claims) and throws, and `isCancellation` tells that throw
// apart from a failure.
import { parentPort } from 'node:worker_threads';
import type { WorkerForget, WorkerReply, WorkerRequest } from './pool';

/** What a handler knows of its request besides the job: its id, key, and what the pool holds. */
export interface JobMeta {
  id: number;
  key: string;
  have: number | null;
}

export function serveJobs<J, O>(
  handle: (job: J, shouldStop: () => boolean, meta: JobMeta) => O,
  isCancellation: (err: unknown) => boolean = () => false,
  /** The pool no longer needs a key (pool.ts `forget`): drop what is kept for it alone. */
  forget: (key: string) => void = () => {},
  /** Run once each reply has gone, after any request already waiting (idleCollect.ts). */
  afterReply: () => void = () => {},
): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (req: WorkerRequest<J> | WorkerForget) => {
    if ('forget' in req) {
      forget(req.forget);
      return;
    }
    const flag = new Int32Array(req.cancel);
    let reply: WorkerReply<O>;
    try {
      const meta = { id: req.id, key: req.key, have: req.have };
      reply = { id: req.id, ok: true, output: handle(req.job, () => Atomics.load(flag, 0) !== 0, meta) };
    } catch (err) {
      reply = isCancellation(err)
        ? { id: req.id, ok: false, cancelled: true, error: 'cancelled' }
        : { id: req.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    port.postMessage(reply);
    setImmediate(afterReply);
  });
  port.postMessage({ ready: true } satisfies WorkerReply<O>);
}

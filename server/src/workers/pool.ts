// The one pool of worker threads, for the language server (a check per open document) and the
// CLI (a check per file). Jobs carry a key: a new job for a key supersedes the previous one —
// queued, it is dropped; running, its worker is asked to stop at its next look at the cancel
// flag (between passages read, between claims), keeping its caches, and is terminated only if
// it has not answered after a grace of seconds — so stale work never holds a worker for long.
// A worker that dies (out of memory, a crash, the time limit) fails only its own job, with the
// reason; the pool replaces it and the other jobs go on. Without a worker file (running from
// sources, or a single file) jobs run in-process, one at a time. With `inProcessWhileWarming`,
// the jobs it picks also run in-process, one at a time, until the first worker has loaded (the
// server's first screen need not wait for a thread to load the checker).
// The worker's side of the protocol is serve.ts.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** The most workers any setting or machine gets (derivcheck.maxWorkers has the same maximum). */
export const MAX_WORKERS = 8;
/** The most workers chosen automatically: beyond four, memory grows faster than throughput. */
const AUTO_WORKERS = 4;

/**
 * How many workers to run. `requested` > 0 is the user's choice (clamped to 1…MAX_WORKERS);
 * 0 chooses from the cores, leaving one to the main thread when it must stay responsive (the
 * language server answers hovers while checks run). Never more than there are `jobs`.
 */
export function workerCount(
  requested: number,
  { reserveMainThread, jobs = Number.POSITIVE_INFINITY }: { reserveMainThread: boolean; jobs?: number },
): number {
  const chosen =
    requested > 0
      ? Math.min(MAX_WORKERS, Math.floor(requested))
      : Math.min(AUTO_WORKERS, availableParallelism() - (reserveMainThread ? 1 : 0));
  return Math.max(1, Math.min(chosen, jobs));
}

export interface WorkerRequest<J> {
  id: number;
  /** The job's key (a document): the worker may answer in differences per key. */
  key: string;
  /** The id of the job whose output the pool holds for this key (see PoolOptions.expand), if any. */
  have: number | null;
  job: J;
  /** One Int32: non-zero asks the worker to stop this job between claims. */
  cancel: SharedArrayBuffer;
}

/**
 * The pool no longer needs a key (its document closed): a worker drops what it keeps for the key
 * alone (serveJobs' `forget`). No reply.
 */
export interface WorkerForget {
  forget: string;
}

export type WorkerReply<O> =
  | { ready: true }
  | { id: number; ok: true; output: O }
  | { id: number; ok: false; error: string; cancelled?: boolean };

/**
 * How long a worker asked to stop may go on before it is terminated. A worker stops by itself at
 * the next place its job looks at the flag (between passages read, between claims) and keeps its
 * warm caches, which is what typing needs; terminating it throws them away, so this is only the
 * last resort for a step that runs far longer than any should (one claim near its time limit).
 */
export const DEFAULT_STOP_GRACE_MS = 10_000;

/** Rejection reason of a job that a newer job of its key (or cancel) superseded. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Rejection reason of a job whose worker died or was stopped: the job was not done. */
export class WorkerFailed extends Error {}

export interface PoolOptions<J, O> {
  /** The worker's script (it calls serveJobs); null runs the jobs in-process. */
  workerFile: string | null;
  /** Passed to each worker as `workerData`. */
  workerData?: unknown;
  size: number;
  /** How a job runs when there is no worker file. */
  runInProcess(job: J): O;
  /** A worker's heap, in MB (Node's default when absent): beyond it the worker dies, its job fails. */
  maxHeapMb?: number;
  /** A worker's young generation, in MB (Node's default when absent: 48 MB on 64-bit machines). */
  maxYoungMb?: number;
  /** Hard limit for one job; its worker is terminated after it. None when absent. */
  timeoutMs?: number;
  /** A worker asked to stop that has not answered after this long is terminated (DEFAULT_STOP_GRACE_MS). */
  stopGraceMs?: number;
  log(message: string): void;
  /** Start the first worker at once, so that it loads while the caller does other things. */
  warm?: boolean;
  /**
   * Until the first worker is ready, the jobs whose key this accepts run in-process beside the
   * workers, one at a time. Such a job holds the caller's thread and cannot be stopped midway,
   * and its results never reach a worker's caches: only for start-up, and only for jobs whose
   * work a later job repeats anyway (the server's first screen).
   */
  inProcessWhileWarming?(key: string): boolean;
  /** Called once, when the first worker has loaded its script and can take jobs. */
  onFirstWorkerReady?(): void;
  /**
   * Workers may answer with differences from the previous output of the same key: the pool keeps
   * the last expanded output of the `keep` most recent keys, tells the worker which one it holds
   * (`have`), and rebuilds each reply with `expand(reply, held)`.
   */
  expand?: { keep: number; apply(reply: O, held: O | undefined): O };
}

interface Held<O> {
  id: number;
  output: O;
}

interface Task<J, O> {
  id: number;
  key: string;
  job: J;
  cancel: SharedArrayBuffer;
  /** The output the worker was told the pool holds (what its differences refer to). */
  base?: Held<O>;
  resolve(out: O): void;
  reject(err: Error): void;
}

interface Slot<J, O> {
  worker: Worker | null;
  task: Task<J, O> | null;
  timer: NodeJS.Timeout | null;
  /** The key of the last job this slot's worker ran: its caches are warm for that key. */
  last: string | null;
}

export class WorkerPool<J, O> {
  private readonly queue: Task<J, O>[] = [];
  private slots: Slot<J, O>[] = [];
  private target = 1;
  private nextId = 1;
  private disposed = false;
  private firstReady = false;
  /** The in-process lane used while the first worker loads (inProcessWhileWarming). */
  private readonly warmLane: Slot<J, O> | null;
  /** Per key, the last output received (with options.expand). */
  private readonly held = new Map<string, Held<O>>();

  constructor(private readonly options: PoolOptions<J, O>) {
    this.warmLane =
      options.inProcessWhileWarming && options.workerFile
        ? { worker: null, task: null, timer: null, last: null }
        : null;
    this.resize(options.size);
    if (options.warm && options.workerFile && this.slots.length > 0) this.worker(this.slots[0]);
  }

  get inProcess(): boolean {
    return this.options.workerFile === null;
  }

  get size(): number {
    return this.slots.length;
  }

  run(key: string, job: J): Promise<O> {
    this.cancel(key);
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, key, job, cancel: new SharedArrayBuffer(4), resolve, reject });
      this.pump();
    });
  }

  /** Cancel the queued or running job of `key`, if any. */
  cancel(key: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].key === key) this.queue.splice(i, 1)[0].reject(new Cancelled());
    }
    for (const slot of this.lanes()) {
      if (slot.task?.key !== key) continue;
      // A worker stops by itself between claims, keeping its caches; in-process jobs are dropped.
      if (slot.worker) this.requestStop(slot);
      else this.abort(slot, new Cancelled());
    }
  }

  resize(size: number): void {
    const n = Math.max(1, Math.floor(size));
    this.target = n;
    while (this.slots.length < n) this.slots.push({ worker: null, task: null, timer: null, last: null });
    // Shrink only idle slots; busy ones go when their job ends (see finish()).
    for (let i = this.slots.length - 1; i >= n; i--) {
      if (!this.slots[i].task) this.retire(this.slots.splice(i, 1)[0]);
    }
    this.pump();
  }

  /**
   * The key's document is gone: its held output is no longer needed to expand the next reply, and
   * each worker is told, so that it drops what it keeps for the key (after any job it is running).
   */
  forget(key: string): void {
    this.held.delete(key);
    for (const slot of this.slots) slot.worker?.postMessage({ forget: key } satisfies WorkerForget);
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.queue.splice(0)) t.reject(new Cancelled());
    for (const slot of this.lanes()) {
      if (slot.task) this.abort(slot, new Cancelled());
      this.retire(slot);
    }
    this.slots = [];
  }

  private requestStop(slot: Slot<J, O>): void {
    const task = slot.task!;
    Atomics.store(new Int32Array(task.cancel), 0, 1);
    // The slot stays busy until the worker answers; the guard replaces the job's time limit.
    if (slot.timer) clearTimeout(slot.timer);
    const grace = this.options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
    slot.timer = setTimeout(() => {
      if (slot.task !== task) return;
      this.options.log(
        `a checker worker did not stop within ${grace / 1000} s of a cancel; it was restarted ` +
          '(its caches are lost)',
      );
      this.abort(slot, new Cancelled());
    }, grace);
    const reject = task.reject;
    // The caller hears about the cancellation now; the worker's late reply is ignored.
    task.resolve = () => {};
    task.reject = () => {};
    reject(new Cancelled());
  }

  /** The worker slots, and the warm-up lane while it is in use. */
  private lanes(): Slot<J, O>[] {
    return this.warmLane?.task ? [...this.slots, this.warmLane] : this.slots;
  }

  private pump(): void {
    if (this.disposed) return;
    const lane = this.warmLane;
    const pick = this.options.inProcessWhileWarming;
    const early =
      lane && pick && !this.firstReady && !lane.task ? this.queue.findIndex((t) => pick(t.key)) : -1;
    if (lane && early >= 0) {
      const task = this.queue.splice(early, 1)[0];
      lane.task = task;
      this.runInProcess(lane, task);
    }
    while (this.queue.length > 0) {
      const task = this.queue[0];
      // The worker that ran this key last holds its caches: an edit re-checks only what it
      // touched there, and everything on any other worker.
      const slot = this.slots.find((s) => !s.task && s.last === task.key) ?? this.slots.find((s) => !s.task);
      if (!slot) return;
      this.queue.shift();
      slot.task = task;
      slot.last = task.key;
      const limit = this.options.timeoutMs;
      if (limit !== undefined)
        slot.timer = setTimeout(
          () =>
            this.abort(
              slot,
              new WorkerFailed(
                `checking took longer than ${Math.round(limit / 1000)} s and was stopped; ` +
                  'split the document or lower the budgets',
              ),
            ),
          limit,
        );
      if (this.options.workerFile) {
        task.base = this.options.expand ? this.held.get(task.key) : undefined;
        this.worker(slot).postMessage({
          id: task.id,
          key: task.key,
          have: task.base?.id ?? null,
          job: task.job,
          cancel: task.cancel,
        } satisfies WorkerRequest<J>);
      } else this.runInProcess(slot, task);
    }
  }

  private worker(slot: Slot<J, O>): Worker {
    if (slot.worker) return slot.worker;
    const { maxHeapMb: heap, maxYoungMb: young } = this.options;
    const limits = {
      ...(heap === undefined ? {} : { maxOldGenerationSizeMb: heap }),
      ...(young === undefined ? {} : { maxYoungGenerationSizeMb: young }),
    };
    const w = new Worker(this.options.workerFile!, {
      workerData: this.options.workerData,
      ...(Object.keys(limits).length > 0 ? { resourceLimits: limits } : {}),
    });
    w.on('message', (reply: WorkerReply<O>) => {
      if ('ready' in reply) {
        if (!this.firstReady) {
          this.firstReady = true;
          this.options.onFirstWorkerReady?.();
        }
        return;
      }
      const task = slot.task;
      if (slot.worker !== w || !task || task.id !== reply.id) return;
      if (reply.ok) {
        let output: O;
        try {
          output = this.received(task, reply.output);
        } catch (err) {
          this.finish(slot, (t) => t.reject(err instanceof Error ? err : new Error(String(err))));
          return;
        }
        this.finish(slot, (t) => t.resolve(output));
      } else this.finish(slot, (t) => t.reject(reply.cancelled ? new Cancelled() : new Error(reply.error)));
    });
    w.on('error', (err: Error & { code?: string }) => {
      this.options.log(`checker worker failed: ${err.stack ?? err.message}`);
      if (slot.worker === w) this.abort(slot, new WorkerFailed(deathReason(err)));
    });
    w.on('exit', (code) => {
      if (slot.worker !== w) return;
      slot.worker = null;
      slot.last = null;
      if (slot.task)
        this.finish(slot, (t) =>
          t.reject(new WorkerFailed(`the checker worker exited (code ${code}) before it finished`)),
        );
    });
    slot.worker = w;
    return w;
  }

  /** The reply expanded against what the pool held; it becomes what the pool holds for the key. */
  private received(task: Task<J, O>, reply: O): O {
    const expand = this.options.expand;
    if (!expand) return reply;
    const output = expand.apply(reply, task.base?.output);
    this.held.delete(task.key);
    this.held.set(task.key, { id: task.id, output });
    // Only the most recent keys (Verify All checks many once): the others are sent whole.
    if (this.held.size > expand.keep) this.held.delete(this.held.keys().next().value as string);
    return output;
  }

  private runInProcess(slot: Slot<J, O>, task: Task<J, O>): void {
    setImmediate(() => {
      if (slot.task !== task) return;
      try {
        const out = this.options.runInProcess(task.job);
        if (slot.task === task) this.finish(slot, (t) => t.resolve(out));
      } catch (err) {
        if (slot.task === task)
          this.finish(slot, (t) => t.reject(err instanceof Error ? err : new Error(String(err))));
      }
    });
  }

  /** Stop the running job of `slot` (terminating its worker) and reject it with `reason`. */
  private abort(slot: Slot<J, O>, reason: Error): void {
    const w = slot.worker;
    slot.worker = null;
    // A new worker starts with empty caches.
    slot.last = null;
    if (w) void w.terminate();
    this.finish(slot, (t) => t.reject(reason));
  }

  private finish(slot: Slot<J, O>, settle: (t: Task<J, O>) => void): void {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    if (task) settle(task);
    const index = this.slots.indexOf(slot);
    if (index >= 0 && this.slots.length > this.target) {
      // The pool was shrunk while this slot was busy.
      this.slots.splice(index, 1);
      this.retire(slot);
    }
    this.pump();
  }

  private retire(slot: Slot<J, O>): void {
    if (slot.timer) clearTimeout(slot.timer);
    const w = slot.worker;
    slot.worker = null;
    if (w) void w.terminate();
  }
}

/** What to tell the author when a worker died under a job. */
function deathReason(err: Error & { code?: string }): string {
  if (err.code === 'ERR_WORKER_OUT_OF_MEMORY')
    return (
      'the checker ran out of memory on this document; lower the budgets (the work or elements ' +
      'limit) or split the document'
    );
  return `the checker worker failed: ${err.message.split('\n')[0]}`;
}

// A small pool of checker worker threads. Jobs carry a key (the document URI): a new job for a
// key supersedes the previous one — queued, it is dropped; running, its worker is terminated
// and replaced — so stale versions never hold a worker. Without a worker file (running from
// sources) jobs run in-process, one at a time.
import { Worker } from 'node:worker_threads';
import { CheckCache } from '../check';
import { ReadCache } from '../document';
import { ParseCache } from '../math/cache';
import { runCheck } from './runCheck';
import type { CheckJob, CheckOutput } from './runCheck';
import { decodeClaims, type SentClaim } from './resultDiff';
import type { ClaimResult } from '../check/result';

export interface WorkerRequest {
  id: number;
  /** The document (a job's key): the worker sends its claims as differences per document. */
  key: string;
  /** The id of the job whose claim results the pool holds for this key, if any. */
  have: number | null;
  job: CheckJob;
  /** One Int32: non-zero asks the worker to stop this job between claims. */
  cancel: SharedArrayBuffer;
}

export type WorkerReply =
  /** `claims` replaces `output.result.claims` (empty): differences from the results of `have`. */
  | { id: number; ok: true; output: CheckOutput; claims: SentClaim[] }
  | { id: number; ok: false; error: string; cancelled?: boolean };

const HELD_DOCUMENTS = 16;

/** The claim results of the last check of a document the pool received, by job id. */
interface Held {
  id: number;
  claims: ClaimResult[];
}

/** Rejection reason of a job that a newer job (or cancel) superseded. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

interface Task {
  id: number;
  key: string;
  job: CheckJob;
  cancel: SharedArrayBuffer;
  /** The results the worker was told the pool holds (what its differences refer to). */
  base?: Held;
  resolve(out: CheckOutput): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker | null;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  /** The key of the last job this slot's worker ran: its caches are warm for that document. */
  last: string | null;
}

export class CheckPool {
  private readonly queue: Task[] = [];
  private slots: Slot[] = [];
  private target = 1;
  private nextId = 1;
  private disposed = false;
  /** In-process runs keep their own claim cache (workers keep one each). */
  private readonly cache = new CheckCache();
  private readonly readCache = new ReadCache();
  private readonly parseCache = new ParseCache();
  /** Per key, the claim results of its last check received from a worker. */
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly workerFile: string | null,
    size: number,
    /** Hard limit for one document; the worker is terminated after it. */
    private readonly timeoutMs: number,
    private readonly log: (message: string) => void,
  ) {
    this.resize(size);
    // Start-up: the first worker loads the checker while the client is still initializing and
    // opening documents, rather than after the first document arrives.
    if (this.workerFile && this.slots.length > 0) this.worker(this.slots[0]);
  }

  get inProcess(): boolean {
    return this.workerFile === null;
  }

  get size(): number {
    return this.slots.length;
  }

  run(key: string, job: CheckJob): Promise<CheckOutput> {
    this.cancel(key);
    return new Promise<CheckOutput>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, key, job, cancel: new SharedArrayBuffer(4), resolve, reject });
      this.pump();
    });
  }

  /** Cancel the queued or running job of `key`, if any. */
  cancel(key: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].key === key) this.queue.splice(i, 1)[0].reject(new Cancelled());
    }
    for (const slot of this.slots) {
      if (slot.task?.key !== key) continue;
      // A worker stops by itself between claims, keeping its cache; in-process jobs are dropped.
      if (slot.worker) this.requestStop(slot.task);
      else this.abort(slot, new Cancelled());
    }
  }

  private requestStop(task: Task): void {
    Atomics.store(new Int32Array(task.cancel), 0, 1);
    const reject = task.reject;
    // The caller hears about the cancellation now; the worker's late reply is ignored.
    task.resolve = () => {};
    task.reject = () => {};
    reject(new Cancelled());
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

  dispose(): void {
    this.disposed = true;
    for (const t of this.queue.splice(0)) t.reject(new Cancelled());
    for (const slot of this.slots) {
      if (slot.task) this.abort(slot, new Cancelled());
      this.retire(slot);
    }
    this.slots = [];
  }

  private pump(): void {
    if (this.disposed) return;
    while (this.queue.length > 0) {
      const task = this.queue[0];
      // The worker that checked this document last holds its claims: an edit re-checks only what
      // it touched there, and everything anywhere else.
      const slot = this.slots.find((s) => !s.task && s.last === task.key) ?? this.slots.find((s) => !s.task);
      if (!slot) return;
      this.queue.shift();
      slot.task = task;
      slot.last = task.key;
      slot.timer = setTimeout(
        () =>
          this.abort(
            slot,
            new Error(`checking took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped`),
          ),
        this.timeoutMs,
      );
      if (this.workerFile) {
        task.base = this.held.get(task.key);
        this.worker(slot).postMessage({
          id: task.id,
          key: task.key,
          have: task.base?.id ?? null,
          job: task.job,
          cancel: task.cancel,
        } satisfies WorkerRequest);
      } else this.runInProcess(slot, task);
    }
  }

  private worker(slot: Slot): Worker {
    if (slot.worker) return slot.worker;
    const w = new Worker(this.workerFile!);
    w.on('message', (reply: WorkerReply) => {
      const task = slot.task;
      if (slot.worker !== w || task?.id !== reply.id) return;
      if (reply.ok) {
        const output = this.received(task, reply);
        this.finish(slot, (t) => t.resolve(output));
      } else this.finish(slot, (t) => t.reject(new Error(reply.error)));
    });
    w.on('error', (err) => {
      this.log(`checker worker failed: ${err.stack ?? err.message}`);
      if (slot.worker === w) this.abort(slot, err);
    });
    w.on('exit', () => {
      if (slot.worker === w) {
        slot.worker = null;
        slot.last = null;
        if (slot.task) this.finish(slot, (t) => t.reject(new Error('the checker worker exited')));
      }
    });
    slot.worker = w;
    return w;
  }

  /** The output with its claim results rebuilt; they become what the pool holds for the key. */
  private received(task: Task, reply: Extract<WorkerReply, { ok: true }>): CheckOutput {
    const claims = decodeClaims(reply.claims, task.base?.claims);
    // For the few latest documents only (Verify All checks many once): others are sent whole.
    this.held.delete(task.key);
    this.held.set(task.key, { id: task.id, claims });
    if (this.held.size > HELD_DOCUMENTS) this.held.delete(this.held.keys().next().value as string);
    return { ...reply.output, result: { ...reply.output.result, claims } };
  }

  /** The document is closed: its results are no longer needed to rebuild the next ones. */
  forget(key: string): void {
    this.held.delete(key);
  }

  private runInProcess(slot: Slot, task: Task): void {
    setImmediate(() => {
      if (slot.task !== task) return;
      try {
        const out = runCheck(task.job, {
          cache: this.cache,
          readCache: this.readCache,
          parseCache: this.parseCache,
        });
        if (slot.task === task) this.finish(slot, (t) => t.resolve(out));
      } catch (err) {
        if (slot.task === task)
          this.finish(slot, (t) => t.reject(err instanceof Error ? err : new Error(String(err))));
      }
    });
  }

  /** Stop the running job of `slot` (terminating its worker) and reject it with `reason`. */
  private abort(slot: Slot, reason: Error): void {
    const w = slot.worker;
    slot.worker = null;
    // A new worker starts with empty caches.
    slot.last = null;
    if (w) void w.terminate();
    this.finish(slot, (t) => t.reject(reason));
  }

  private finish(slot: Slot, settle: (t: Task) => void): void {
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

  private retire(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    const w = slot.worker;
    slot.worker = null;
    if (w) void w.terminate();
  }
}

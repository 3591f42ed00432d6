// A worker for test/unit/workers/pool.test.ts: jobs that answer, fail, spin until cancelled (or
// spin on regardless), exit, or run out of memory, served through the same serveJobs as the real workers.
import { resourceLimits, threadId } from 'node:worker_threads';
import { serveJobs } from '../../../server/src/workers/serve';

export type TestJob =
  | { kind: 'double'; value: number }
  | { kind: 'throw'; message: string }
  | { kind: 'spin' }
  /** Spins without ever looking at the cancel flag (a step that runs far too long). */
  | { kind: 'stubborn' }
  | { kind: 'exit' }
  | { kind: 'grow' }
  /** A running total per key, answered as a difference (a negative number) when the pool holds the last one. */
  | { kind: 'add'; value: number }
  | { kind: 'whoami' }
  /** The worker's heap limits, old and young generation, as old * 1000 + young (MB). */
  | { kind: 'limits' }
  /** How many keys the pool has told this worker to forget (pool.forget), and whether 'a' was one: count * 10 + 1. */
  | { kind: 'forgotten' };

class Stopped extends Error {}

/** Per key, the id of the last job answered and the total then. */
const totals = new Map<string, { id: number; total: number }>();
/** The keys the pool told this worker to forget, in order. */
const forgotten: string[] = [];

serveJobs(
  (job: TestJob, shouldStop, meta) => {
    switch (job.kind) {
      case 'add': {
        const last = totals.get(meta.key);
        const held = last && last.id === meta.have ? last.total : 0;
        totals.set(meta.key, { id: meta.id, total: held + job.value });
        return last && last.id === meta.have ? -job.value : job.value;
      }
      case 'whoami':
        return threadId;
      case 'forgotten':
        return forgotten.length * 10 + (forgotten.includes('a') ? 1 : 0);
      case 'limits':
        return (
          (resourceLimits.maxOldGenerationSizeMb ?? 0) * 1000 + (resourceLimits.maxYoungGenerationSizeMb ?? 0)
        );
      case 'double':
        return job.value * 2;
      case 'throw':
        throw new Error(job.message);
      case 'spin':
        for (;;) if (shouldStop()) throw new Stopped('stopped');
      case 'stubborn':
        for (;;);
      case 'exit':
        process.exit(3);
        return 0;
      case 'grow': {
        const hoard: number[][] = [];
        for (;;) hoard.push(new Array(1 << 16).fill(hoard.length));
      }
    }
  },
  (err) => err instanceof Stopped,
  (key) => {
    forgotten.push(key);
    totals.delete(key);
  },
);

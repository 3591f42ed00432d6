// A worker for test/unit/workers/pool.test.ts: jobs that answer, fail, spin until cancelled,
// exit, or run out of memory, served through the same serveJobs as the real workers.
import { serveJobs } from '../../../server/src/workers/serve';

export type TestJob =
  | { kind: 'double'; value: number }
  | { kind: 'throw'; message: string }
  | { kind: 'spin' }
  | { kind: 'exit' }
  | { kind: 'grow' };

class Stopped extends Error {}

serveJobs(
  (job: TestJob, shouldStop) => {
    switch (job.kind) {
      case 'double':
        return job.value * 2;
      case 'throw':
        throw new Error(job.message);
      case 'spin':
        for (;;) if (shouldStop()) throw new Stopped('stopped');
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
);

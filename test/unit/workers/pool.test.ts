// The shared worker pool (server/src/workers/pool.ts), which the language server and the CLI
// both use: results, failures, superseding and cancelling by key, a worker that dies (exit, out
// of memory, time limit) failing only its own job, the in-process fallback, and the clamps.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import {
  Cancelled,
  MAX_WORKERS,
  WorkerFailed,
  WorkerPool,
  workerCount,
} from '../../../server/src/workers/pool';
import type { TestJob } from './jobs-worker';

let dir: string;
let workerFile: string;
const pools: WorkerPool<TestJob, number>[] = [];

before(() => {
  // Workers load plain JavaScript: the test worker is bundled as the real ones are.
  dir = mkdtempSync(join(tmpdir(), 'derivcheck-pool-'));
  workerFile = join(dir, 'jobs-worker.js');
  buildSync({
    entryPoints: [new URL('./jobs-worker.ts', import.meta.url).pathname],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
  });
});

after(() => {
  for (const p of pools) p.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function pool(
  size: number,
  extra: {
    timeoutMs?: number;
    stopGraceMs?: number;
    inProcess?: boolean;
    inProcessWhileWarming?: (key: string) => boolean;
    expand?: { keep: number; apply(reply: number, held: number | undefined): number };
    maxYoungMb?: number;
  } = {},
) {
  const logged: string[] = [];
  const ranInProcess: TestJob[] = [];
  let ready = 0;
  const p = new WorkerPool<TestJob, number>({
    workerFile: extra.inProcess ? null : workerFile,
    // Small heaps, so that the out-of-memory job ends quickly.
    maxHeapMb: 48,
    ...(extra.maxYoungMb === undefined ? {} : { maxYoungMb: extra.maxYoungMb }),
    size,
    runInProcess: (job) => {
      ranInProcess.push(job);
      if (job.kind === 'double') return job.value * 2;
      throw new Error(`in-process ${job.kind}`);
    },
    ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
    ...(extra.stopGraceMs === undefined ? {} : { stopGraceMs: extra.stopGraceMs }),
    log: (m) => logged.push(m),
    warm: true,
    ...(extra.inProcessWhileWarming ? { inProcessWhileWarming: extra.inProcessWhileWarming } : {}),
    onFirstWorkerReady: () => ready++,
    ...(extra.expand ? { expand: extra.expand } : {}),
  });
  pools.push(p);
  return { p, logged, ranInProcess, ready: () => ready };
}

test('jobs resolve with their results on the workers; a failing job rejects with its error', async () => {
  const { p, ready } = pool(2);
  const results = await Promise.all([1, 2, 3, 4, 5].map((v) => p.run(`k${v}`, { kind: 'double', value: v })));
  assert.deepEqual(results, [2, 4, 6, 8, 10]);
  await assert.rejects(p.run('bad', { kind: 'throw', message: 'no such claim' }), /no such claim/);
  assert.equal(await p.run('k1', { kind: 'double', value: 7 }), 14, 'the worker serves on after a failure');
  assert.equal(ready(), 1, 'the first worker said once that it had loaded');
});

test('the workers get the young generation asked for, beside the heap limit; else Node’s', async () => {
  const { p } = pool(1, { maxYoungMb: 12 });
  assert.equal(await p.run('doc', { kind: 'limits' }), 48 * 1000 + 12);
  const { p: plain } = pool(1);
  const limits = await plain.run('doc', { kind: 'limits' });
  assert.equal(Math.floor(limits / 1000), 48);
  assert.notEqual(limits % 1000, 12, 'no young generation asked for: Node chooses it');
});

test('a new job for a key supersedes the running one, whose worker stops and serves on', async () => {
  const { p } = pool(1);
  const spinning = p.run('doc', { kind: 'spin' });
  const next = p.run('doc', { kind: 'double', value: 4 });
  await assert.rejects(spinning, Cancelled);
  assert.equal(await next, 8);
});

test('a cancelled worker that stops by itself keeps its thread; a stuck one is replaced', async () => {
  const { p, logged } = pool(1, { stopGraceMs: 200 });
  const first = await p.run('doc', { kind: 'whoami' });
  const spinning = p.run('doc', { kind: 'spin' });
  p.cancel('doc');
  await assert.rejects(spinning, Cancelled);
  assert.equal(await p.run('doc', { kind: 'whoami' }), first, 'the same worker, not a new one');
  assert.deepEqual(logged, []);
  // A job that never looks at the flag: the caller hears of the cancel at once, and the worker is
  // terminated after the grace (the last resort), so that the next job does not wait forever.
  const stubborn = p.run('doc', { kind: 'stubborn' });
  p.cancel('doc');
  await assert.rejects(stubborn, Cancelled);
  const next = await p.run('other', { kind: 'whoami' });
  assert.notEqual(next, first);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /did not stop within 0\.2 s of a cancel; it was restarted/);
});

test('cancel drops a queued job and stops a running one', async () => {
  const { p } = pool(1);
  const running = p.run('a', { kind: 'spin' });
  const queued = p.run('b', { kind: 'double', value: 1 });
  p.cancel('b');
  await assert.rejects(queued, Cancelled);
  p.cancel('a');
  await assert.rejects(running, Cancelled);
  assert.equal(await p.run('c', { kind: 'double', value: 3 }), 6);
});

test('a worker that exits fails only its own job; the others are kept, a new worker serves on', async () => {
  const { p } = pool(2);
  const jobs = [
    p.run('1', { kind: 'double', value: 1 }),
    p.run('dies', { kind: 'exit' }),
    p.run('2', { kind: 'double', value: 2 }),
    p.run('3', { kind: 'double', value: 3 }),
  ];
  const settled = await Promise.allSettled(jobs);
  assert.deepEqual(
    settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).constructor.name)),
    [2, 'WorkerFailed', 4, 6],
  );
  assert.match(String((settled[1] as PromiseRejectedResult).reason.message), /exited \(code 3\)/);
  assert.equal(await p.run('after', { kind: 'double', value: 5 }), 10);
});

test('a worker out of memory fails its job with what to do, and the pool serves on', async () => {
  const { p, logged } = pool(1);
  const other = p.run('fine', { kind: 'double', value: 6 });
  await assert.rejects(p.run('big', { kind: 'grow' }), (err: Error) => {
    assert.ok(err instanceof WorkerFailed, `${err}`);
    assert.match(err.message, /out of memory/);
    assert.match(err.message, /lower the budgets|split the document/);
    return true;
  });
  assert.equal(await other, 12);
  assert.ok(
    logged.some((m) => /worker failed/.test(m)),
    logged.join('\n'),
  );
  assert.equal(await p.run('after', { kind: 'double', value: 1 }), 2);
});

test('a job over the time limit is stopped with the reason', async () => {
  const { p } = pool(1, { timeoutMs: 200 });
  await assert.rejects(p.run('slow', { kind: 'spin' }), (err: Error) => {
    assert.ok(err instanceof WorkerFailed);
    assert.match(err.message, /longer than 0 s and was stopped; split the document/);
    return true;
  });
  // (Whether the pool serves on after a dead worker is tested above; here the next job could
  // itself outlast a 200 ms limit on a loaded machine.)
});

test('while the first worker loads, the jobs it picks run in-process; once it is ready, none', async () => {
  const { p, ranInProcess, ready } = pool(1, { inProcessWhileWarming: (key) => key.startsWith('top') });
  // Sent at once, before any worker can have loaded: the whole (not picked), then the top.
  const [whole, top] = await Promise.all([
    p.run('whole', { kind: 'double', value: 2 }),
    p.run('top', { kind: 'double', value: 1 }),
  ]);
  assert.deepEqual([whole, top], [4, 2]);
  assert.deepEqual(ranInProcess, [{ kind: 'double', value: 1 }]);
  while (ready() === 0) await new Promise((r) => setTimeout(r, 20));
  assert.equal(await p.run('top 2', { kind: 'double', value: 3 }), 6);
  assert.equal(ranInProcess.length, 1, 'after the worker is ready, every job goes to it');
});

test('without a worker file the jobs run in-process, one at a time, in order', async () => {
  const { p } = pool(3, { inProcess: true });
  assert.equal(p.inProcess, true);
  const order: number[] = [];
  await Promise.all(
    [1, 2, 3].map((v) => p.run(`k${v}`, { kind: 'double', value: v }).then((r) => order.push(r))),
  );
  assert.deepEqual(order, [2, 4, 6]);
  await assert.rejects(p.run('x', { kind: 'throw', message: '' }), /in-process throw/);
});

test('resize grows and shrinks the pool; a busy slot leaves when its job ends', async () => {
  const { p } = pool(1);
  p.resize(3);
  assert.equal(p.size, 3);
  const spinning = p.run('spin', { kind: 'spin' });
  p.resize(1);
  assert.ok(p.size >= 1);
  p.cancel('spin');
  await assert.rejects(spinning, Cancelled);
  assert.equal(await p.run('k', { kind: 'double', value: 2 }), 4);
  assert.equal(p.size, 1);
});

test('dispose rejects queued and running jobs as cancelled', async () => {
  const { p } = pool(1);
  const running = p.run('a', { kind: 'spin' });
  const queued = p.run('b', { kind: 'double', value: 1 });
  p.dispose();
  await assert.rejects(running, Cancelled);
  await assert.rejects(queued, Cancelled);
});

test('the worker count: a setting is clamped to 1…8, automatic leaves a core to a busy main thread', () => {
  const cores = availableParallelism();
  assert.equal(workerCount(3, { reserveMainThread: true }), 3);
  assert.equal(workerCount(100, { reserveMainThread: false }), MAX_WORKERS);
  assert.equal(workerCount(-2, { reserveMainThread: true }), Math.max(1, Math.min(4, cores - 1)));
  assert.equal(workerCount(0, { reserveMainThread: false }), Math.max(1, Math.min(4, cores)));
  assert.equal(workerCount(0, { reserveMainThread: false, jobs: 1 }), 1, 'never more workers than jobs');
  assert.equal(workerCount(6, { reserveMainThread: false, jobs: 0 }), 1, 'at least one');
});

test('replies as differences: the pool says what it holds, the worker answers against it', async () => {
  // A negative reply is "add this to what you hold"; the pool keeps one key's output.
  const expand = {
    keep: 1,
    apply: (reply: number, held: number | undefined) => (reply < 0 ? held! - reply : reply),
  };
  const { p } = pool(1, { expand });
  assert.equal(await p.run('a', { kind: 'add', value: 5 }), 5);
  assert.equal(await p.run('a', { kind: 'add', value: 3 }), 8, 'a difference against the held 5');
  assert.equal(await p.run('b', { kind: 'add', value: 1 }), 1);
  // 'a' was dropped to keep one key: the worker is told nothing is held and answers whole.
  assert.equal(await p.run('a', { kind: 'add', value: 2 }), 2);
  p.forget('a');
  assert.equal(await p.run('a', { kind: 'add', value: 4 }), 4, 'after forget, answered whole');
});

test('forget tells every worker, before its next job, to drop what it keeps for the key', async () => {
  const { p } = pool(2);
  // Both workers started, each busy with a key of its own.
  await Promise.all([p.run('a', { kind: 'whoami' }), p.run('b', { kind: 'whoami' })]);
  p.forget('a');
  const [x, y] = await Promise.all([p.run('a', { kind: 'forgotten' }), p.run('b', { kind: 'forgotten' })]);
  assert.deepEqual([x, y], [11, 11], 'each worker heard of "a" once, before the job after it');
});

test("a key's jobs go back to the worker that ran it last, while it is free", async () => {
  const { p } = pool(2);
  // Both workers busy at once, so each key lands on its own worker.
  const [a, b] = await Promise.all([p.run('a', { kind: 'whoami' }), p.run('b', { kind: 'whoami' })]);
  assert.notEqual(a, b);
  for (let i = 0; i < 3; i++) {
    assert.equal(await p.run('b', { kind: 'whoami' }), b);
    assert.equal(await p.run('a', { kind: 'whoami' }), a);
  }
});

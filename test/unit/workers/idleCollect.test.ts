// The idle full collection (server/src/workers/idleCollect.ts) that keeps a thread's heap from
// growing with the number of edits: when it collects (the margin), that it reaches V8's collector
// under --expose-gc (the server's flags) and does nothing without, and that the garbage of many
// edits does not accumulate past the margin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import {
  COLLECT_AFTER_AT_LEAST,
  COLLECT_AFTER_PART,
  COLLECT_DUTY,
  fullCollection,
  idleCollector,
} from '../../../server/src/workers/idleCollect';

const MB = 1024 * 1024;
const serverFlags = (): string[] =>
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).derivcheckServer
    .execArgv;

test('collects only past max(at least, a part of the heap the last collection left)', () => {
  let used = 40 * MB;
  let calls = 0;
  const collect = idleCollector(
    6 * MB,
    0.25,
    () => used,
    () => () => {
      calls++;
      used = 42 * MB;
    },
    // No time share here (its own test below).
    () => 0,
    1,
  );
  used = 49 * MB; // +9 MB: under a quarter of 40
  assert.equal(collect(), false);
  used = 50.5 * MB; // +10.5 MB: over it
  assert.equal(collect(), true);
  assert.equal(calls, 1);
  assert.equal(collect.count, 1);
  // The margin now counts from what the collection left (42 MB: 10.5 MB).
  used = 52 * MB;
  assert.equal(collect(), false);
  // V8 collected on its own: the margin counts from the lower figure.
  used = 30 * MB;
  assert.equal(collect(), false);
  used = 37.9 * MB; // +7.9 MB: over max(6, a quarter of 30)
  assert.equal(collect(), true);
  assert.equal(calls, 2);
});

test('at most a part of the time goes to collecting (COLLECT_DUTY)', () => {
  let used = 40 * MB;
  let time = 0;
  const collect = idleCollector(
    1 * MB,
    0,
    () => used,
    () => () => {
      time += 50; // a collection of 50 ms
      used = 40 * MB;
    },
    () => time,
    0.1,
  );
  used = 50 * MB;
  assert.equal(collect(), true);
  // The next may start 450 ms after the first ended (50 of every 500).
  time += 449;
  used = 50 * MB;
  assert.equal(collect(), false);
  time += 1;
  assert.equal(collect(), true);
  assert.equal(collect.count, 2);
  // Grown past the margin but too soon: V8's own collections are left to it meanwhile.
  used = 60 * MB;
  time += 100;
  assert.equal(collect(), false);
  assert.ok(COLLECT_DUTY > 0 && COLLECT_DUTY <= 0.25);
});

test('a small heap waits for the least growth', () => {
  let used = 4 * MB;
  const collect = idleCollector(
    6 * MB,
    0.25,
    () => used,
    () => () => {},
  );
  used = 9.9 * MB;
  assert.equal(collect(), false);
  used = 10.1 * MB;
  assert.equal(collect(), true);
});

test('no collector to be had: never collects, never throws', () => {
  let used = 1 * MB;
  const collect = idleCollector(
    1,
    0,
    () => used,
    () => null,
  );
  used = 100 * MB;
  assert.equal(collect(), false);
  assert.equal(collect.count, 0);
});

test("the server's flags give V8's full collection, which frees what nothing reaches", () => {
  assert.ok(serverFlags().includes('--expose-gc'));
  const exposed = (globalThis as { gc?: unknown }).gc;
  // This test runs without the flag; a context made after it is set has the collector.
  setFlagsFromString('--expose-gc');
  (globalThis as { gc?: unknown }).gc = runInNewContext('gc');
  try {
    const gc = fullCollection();
    assert.equal(typeof gc, 'function');
    let garbage: unknown[] | null = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `x${i}` }));
    const withGarbage = getHeapStatistics().used_heap_size;
    assert.ok(garbage.length > 0);
    garbage = null;
    gc!();
    assert.ok(getHeapStatistics().used_heap_size < withGarbage - 5 * MB);
  } finally {
    (globalThis as { gc?: unknown }).gc = exposed;
  }
});

test('without the flag: no collector, and nothing collected', () => {
  const exposed = (globalThis as { gc?: unknown }).gc;
  delete (globalThis as { gc?: unknown }).gc;
  try {
    assert.equal(fullCollection(), null);
    let used = 1 * MB;
    const collect = idleCollector(1, 0, () => used);
    used = 100 * MB;
    assert.equal(collect(), false);
  } finally {
    (globalThis as { gc?: unknown }).gc = exposed;
  }
});

test('the defaults: a margin of at least some MB, a part below one', () => {
  assert.ok(COLLECT_AFTER_AT_LEAST >= 1 * MB && COLLECT_AFTER_AT_LEAST <= 32 * MB);
  assert.ok(COLLECT_AFTER_PART > 0 && COLLECT_AFTER_PART < 1);
});

test("a worker's heap does not grow with the garbage of many jobs", async () => {
  // Each job leaves 2 MB of old-generation garbage (a text-sized string and a kept model, as an
  // edit does); after 60 jobs with the collector between them the used heap stays within the margin.
  // Workers load plain JavaScript: the module is bundled as the real worker bundles it.
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-collect-'));
  const module = join(dir, 'idleCollect.js');
  buildSync({
    entryPoints: [new URL('../../../server/src/workers/idleCollect.ts', import.meta.url).pathname],
    outfile: module,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
  });
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { getHeapStatistics } = require('node:v8');
    const { idleCollector } = require(${JSON.stringify(module)});
    require('node:v8').setFlagsFromString('--expose-gc');
    globalThis.gc = require('node:vm').runInNewContext('gc');
    // Jobs back to back here, with no time between: the time share (COLLECT_DUTY) is not the subject.
    const collect = idleCollector(4 * 1024 * 1024, 0.1, undefined, undefined, undefined, 1);
    let kept = null;
    const peaks = [];
    for (let job = 0; job < 60; job++) {
      kept = { text: 'a'.repeat(1 << 20) + job, items: Array.from({ length: 20000 }, (_, i) => ({ i, job })) };
      collect();
      peaks.push(getHeapStatistics().used_heap_size);
    }
    parentPort.postMessage({ peaks, count: collect.count, kept: kept.items.length });
  `;
  const w = new Worker(source, { eval: true });
  const out = await new Promise<{ peaks: number[]; count: number }>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  }).finally(() => {
    void w.terminate();
    rmSync(dir, { recursive: true, force: true });
  });
  assert.ok(out.count > 0, 'collected at least once');
  const early = Math.max(...out.peaks.slice(0, 10));
  const late = Math.max(...out.peaks.slice(40));
  assert.ok(
    late < early + 8 * MB,
    `late peak ${(late / MB).toFixed(1)} MB vs early ${(early / MB).toFixed(1)} MB`,
  );
});

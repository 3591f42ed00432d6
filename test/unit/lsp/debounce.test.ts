// The debounce gathers a burst of changes into one check, and only a burst: a change after a
// quiet moment starts its check at once (the end-to-end edit latency of issue #14).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { DocumentChecks, type CheckSource } from '../../../server/src/lsp/documentChecks';
import type { CheckPool } from '../../../server/src/lsp/pool';
import type { CheckJob, CheckOutput } from '../../../server/src/lsp/runCheck';
import { emptyCheckOutput } from '../../support/checkOutput';

const DELAY = 60;
const URI = 'file:///debounce.md';

/** A pool that records the texts it was asked to check and finishes each job when told to. */
function fakePool() {
  const started: string[] = [];
  const finishers: (() => void)[] = [];
  const pool = {
    run(_key: string, job: CheckJob): Promise<CheckOutput> {
      started.push(job.text);
      return new Promise((resolve) => {
        finishers.push(() => resolve(emptyCheckOutput()));
      });
    },
    cancel() {},
  };
  return {
    pool: pool as unknown as CheckPool,
    started,
    finishAll: () => finishers.splice(0).forEach((f) => f()),
  };
}

function source(version: number): CheckSource {
  return { uri: URI, version, languageId: 'markdown', kind: 'markdown', text: `version ${version}` };
}

let clock = 0;
beforeEach(() => {
  clock = 1000;
  mock.timers.enable({ apis: ['setTimeout'] });
});
afterEach(() => mock.timers.reset());

function checks(pool: CheckPool): DocumentChecks {
  const events = { checking() {}, checked() {}, failed() {} };
  return new DocumentChecks(
    pool,
    (s) => ({ text: s.text, kind: s.kind, options: {}, inlineMath: true }),
    events,
    () => clock,
  );
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

test('a change after a quiet moment is checked at once', async () => {
  const { pool, started, finishAll } = fakePool();
  const c = checks(pool);
  c.schedule(source(1), DELAY);
  assert.deepEqual(started, ['version 1']);
  finishAll();
  await settle();
  clock += 2 * DELAY;
  c.schedule(source(2), DELAY);
  assert.deepEqual(started, ['version 1', 'version 2']);
});

test('changes in a burst wait for the pause and are checked once, as the last version', async () => {
  const { pool, started, finishAll } = fakePool();
  const c = checks(pool);
  c.schedule(source(1), DELAY);
  finishAll();
  await settle();
  clock += 2 * DELAY;
  c.schedule(source(2), DELAY);
  // While version 2 is being checked, two more changes arrive in quick succession.
  clock += 10;
  c.schedule(source(3), DELAY);
  clock += 10;
  c.schedule(source(4), DELAY);
  assert.deepEqual(started, ['version 1', 'version 2']);
  mock.timers.tick(DELAY);
  assert.deepEqual(started, ['version 1', 'version 2', 'version 4']);
});

test('a change soon after a finished check still waits: the author is typing', async () => {
  const { pool, started, finishAll } = fakePool();
  const c = checks(pool);
  c.schedule(source(1), DELAY);
  finishAll();
  await settle();
  clock += DELAY / 2;
  c.schedule(source(2), DELAY);
  assert.deepEqual(started, ['version 1']);
  mock.timers.tick(DELAY);
  assert.deepEqual(started, ['version 1', 'version 2']);
});

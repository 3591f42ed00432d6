// The checker worker collects its garbage after a check only when the heap in use is large, and
// once, however many checks finish before the collection runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COLLECT_ABOVE_BYTES, idleCollector } from '../../../server/src/lsp/idleCollect';

test('a large heap is collected once after the checks that left it; a small one never', () => {
  let collections = 0;
  let used = COLLECT_ABOVE_BYTES / 2;
  const queued: (() => void)[] = [];
  const c = idleCollector(
    () => collections++,
    () => used,
    (f) => queued.push(f),
  );
  c.afterCheck();
  assert.equal(queued.length, 0);
  used = COLLECT_ABOVE_BYTES * 2;
  c.afterCheck();
  c.afterCheck();
  assert.equal(queued.length, 1);
  for (const f of queued.splice(0)) f();
  assert.equal(collections, 1);
  c.afterCheck();
  assert.equal(queued.length, 1);
});

test('without a collector nothing is scheduled', () => {
  const queued: (() => void)[] = [];
  idleCollector(
    null,
    () => COLLECT_ABOVE_BYTES * 4,
    (f) => queued.push(f),
  ).afterCheck();
  assert.equal(queued.length, 0);
});

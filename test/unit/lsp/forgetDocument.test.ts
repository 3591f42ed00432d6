// A closed document's structures leave the checker worker (issue #14, memory): the pool tells the
// worker to forget the document's keys (test/unit/workers/pool.test.ts), and the worker drops its
// model record, prose contexts, readings, result and range lists and last read when the last check
// was of that document — never another document's — and the entry of the results it last sent.
// A check after that builds from nothing and equals a fresh check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckCache } from '../../../server/src/check';
import { ReadCache } from '../../../server/src/document';
import { forgetDocument } from '../../../server/src/lsp/forgetDocument';
import { runCheck } from '../../../server/src/lsp/runCheck';
import type { CheckJob } from '../../../server/src/lsp/runCheck';
import { ParseCache } from '../../../server/src/math/cache';
import { ModelCache } from '../../../server/src/model/resume';
import { layerSection } from '../../support/realisticDocument.mjs';

const SECTIONS = [1, 2, 3].map((i) => layerSection(i, { count: [i + 2, 3], slip: true }));
const TEXT = `# Layers\n\n${SECTIONS.join('\n')}`;

function job(text: string): CheckJob {
  // A generous time budget: a claim cut short on a loaded machine would differ for that reason alone.
  return {
    text,
    kind: 'markdown',
    options: { collectSamples: true, timeBudgetMs: 20_000 },
    inlineMath: true,
  };
}

function verdicts(out: ReturnType<typeof runCheck>): string {
  return JSON.stringify(out.result.claims.map((c) => [c.start, c.end, c.verdict, c.message]));
}

function worker() {
  return {
    cache: new CheckCache(),
    readCache: new ReadCache(),
    parseCache: new ParseCache(),
    modelCache: new ModelCache(),
  };
}

test("forgetting the last document's key drops its model, result lists and last read", () => {
  const caches = worker();
  const sent = new Map([
    ['file:///a.md', 1],
    ['file:///b.md', 2],
  ]);
  const first = runCheck(job(TEXT), caches);
  assert.ok(first.result.claims.length > 20);
  assert.ok(
    caches.modelCache.record && caches.modelCache.prose && caches.cache.last && caches.readCache.last,
  );

  // Another document's key: only its sent results go; the last check was not of it.
  forgetDocument('file:///b.md', 'file:///a.md', caches, sent);
  assert.deepEqual([...sent.keys()], ['file:///a.md']);
  assert.ok(caches.modelCache.record && caches.cache.last && caches.readCache.last, 'kept for a.md');

  forgetDocument('file:///a.md', 'file:///a.md', caches, sent);
  assert.equal(sent.size, 0);
  assert.equal(caches.modelCache.record, undefined);
  assert.equal(caches.modelCache.prose, undefined);
  assert.equal(caches.modelCache.readings, undefined);
  assert.equal(caches.cache.last, undefined);
  assert.equal(caches.cache.lastRanges, undefined);
  assert.equal(caches.readCache.last, undefined);

  // The document opened again, and edited: each check equals a fresh one.
  const again = runCheck(job(TEXT), caches);
  assert.equal(verdicts(again), verdicts(runCheck(job(TEXT), worker())));
  assert.equal(caches.modelCache.resumed, 0, 'built from the top, nothing kept to resume from');
  const edited = TEXT.replace('A quick count', 'A quick count, again,');
  assert.notEqual(edited, TEXT);
  assert.equal(verdicts(runCheck(job(edited), caches)), verdicts(runCheck(job(edited), worker())));
});

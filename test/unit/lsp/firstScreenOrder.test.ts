// A long document just opened: its top is checked first and the whole only once the top is done,
// so that the whole goes to the worker that has the top's claims in its cache (at start-up the
// only worker) instead of checking them a second time beside it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentChecks, type Checked, type CheckSource } from '../../../server/src/lsp/documentChecks';
import { FIRST_SCREEN_CHARS, firstScreenKey } from '../../../server/src/lsp/firstScreen';
import { Cancelled, type CheckPool } from '../../../server/src/lsp/pool';
import type { CheckJob, CheckOutput } from '../../../server/src/lsp/runCheck';
import { emptyCheckOutput } from '../../support/checkOutput';

const URI = 'file:///long.md';

/** A pool that records the jobs it was given (key and text length) and finishes them when told. */
function fakePool() {
  const jobs: { key: string; chars: number; finish(): void; fail(e: Error): void }[] = [];
  const pool = {
    run(key: string, job: CheckJob): Promise<CheckOutput> {
      return new Promise((resolve, reject) => {
        jobs.push({ key, chars: job.text.length, finish: () => resolve(emptyCheckOutput()), fail: reject });
      });
    },
    cancel() {},
    forget() {},
  };
  return { pool: pool as unknown as CheckPool, jobs };
}

/** Paragraphs of prose: each blank line is a place where the first screen may end. */
const TEXT = Array.from({ length: 250 }, (_, i) => `Paragraph ${i} says $x_${i} = ${i}$ and more.\n`).join(
  '\n',
);

function source(version: number, text = TEXT): CheckSource {
  return { uri: URI, version, languageId: 'markdown', kind: 'markdown', text };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function checks(pool: CheckPool) {
  const tops: Checked[] = [];
  const wholes: Checked[] = [];
  const c = new DocumentChecks(pool, (s) => ({ text: s.text, kind: s.kind, options: {}, inlineMath: true }), {
    checking() {},
    firstScreen: (t) => tops.push(t),
    checked: (w) => wholes.push(w),
    failed() {},
  });
  return { c, tops, wholes };
}

test('the whole document is sent to the pool only when its top is done', async () => {
  assert.ok(TEXT.length > 2 * FIRST_SCREEN_CHARS, 'the document is long enough for a first screen');
  const { pool, jobs } = fakePool();
  const { c, tops, wholes } = checks(pool);
  c.schedule(source(1), 0);
  assert.deepEqual(
    jobs.map((j) => j.key),
    [firstScreenKey(URI)],
  );
  assert.ok(jobs[0].chars < TEXT.length);
  jobs[0].finish();
  await settle();
  assert.equal(tops.length, 1);
  assert.deepEqual(
    jobs.map((j) => j.key),
    [firstScreenKey(URI), URI],
  );
  assert.equal(jobs[1].chars, TEXT.length);
  jobs[1].finish();
  await settle();
  assert.equal(wholes.length, 1);
});

test('a top that fails or is cancelled does not hold the whole back', async () => {
  const { pool, jobs } = fakePool();
  const { c, tops, wholes } = checks(pool);
  c.schedule(source(1), 0);
  jobs[0].fail(new Cancelled());
  await settle();
  assert.equal(tops.length, 0);
  assert.deepEqual(
    jobs.map((j) => j.key),
    [firstScreenKey(URI), URI],
  );
  jobs[1].finish();
  await settle();
  assert.equal(wholes.length, 1);
});

test('a version superseded while its top is checked never sends its whole', async () => {
  const { pool, jobs } = fakePool();
  const { c } = checks(pool);
  c.schedule(source(1), 0);
  const edited = TEXT.replace('Paragraph 249', 'Paragraph fifty-nine');
  c.schedule(source(2, edited), 0);
  // Both versions' tops were asked for; the first one's answer arrives late.
  assert.deepEqual(
    jobs.map((j) => j.key),
    [firstScreenKey(URI), firstScreenKey(URI)],
  );
  jobs[0].finish();
  jobs[1].finish();
  await settle();
  const wholes = jobs.filter((j) => j.key === URI);
  assert.equal(wholes.length, 1);
  assert.equal(wholes[0].chars, edited.length);
});

test('a document checked before, or a short one, goes whole at once', async () => {
  const { pool, jobs } = fakePool();
  const { c } = checks(pool);
  c.schedule(source(1, 'A short note: $1 + 1 = 2$.\n'), 0);
  assert.deepEqual(
    jobs.map((j) => j.key),
    [URI],
  );
});

// A long document just opened: its screen (the top, or what the editor shows) is checked first and
// the whole only once the screen is done, so that the whole goes to the worker that has the
// screen's claims in its cache (at start-up the only worker) instead of checking them a second time
// beside it. A version changed a lot where it is shown gets its screen first too; a screen shown
// while the whole is checked stops it and goes first; a declined screen publishes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentChecks, type Checked, type CheckSource } from '../../../server/src/lsp/documentChecks';
import { FIRST_SCREEN_CHARS, firstScreenKey } from '../../../server/src/lsp/firstScreen';
import type { ScreenRange } from '../../../server/src/lsp/screen';
import { Cancelled, type CheckPool } from '../../../server/src/lsp/pool';
import type { CheckJob, CheckOutput } from '../../../server/src/lsp/runCheck';
import { emptyCheckOutput } from '../../support/checkOutput';

const URI = 'file:///long.md';

interface FakeJob {
  key: string;
  chars: number;
  screen?: ScreenRange[];
  finish(out?: Partial<CheckOutput>): void;
  fail(e: Error): void;
}

/** A pool that records the jobs it was given (key, text length, screen) and finishes them when told. */
function fakePool() {
  const jobs: FakeJob[] = [];
  const cancelled: string[] = [];
  const pool = {
    run(key: string, job: CheckJob): Promise<CheckOutput> {
      return new Promise((resolve, reject) => {
        jobs.push({
          key,
          chars: job.text.length,
          ...(job.screen ? { screen: job.screen } : {}),
          finish: (out) => resolve({ ...emptyCheckOutput(), ...out }),
          fail: reject,
        });
      });
    },
    cancel(key: string) {
      cancelled.push(key);
      for (const j of jobs) if (j.key === key) j.fail(new Cancelled());
    },
    forget() {},
  };
  return { pool: pool as unknown as CheckPool, jobs, cancelled };
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
  const shown: { screens: ScreenRange[] | undefined } = { screens: undefined };
  const c = new DocumentChecks(pool, (s) => ({ text: s.text, kind: s.kind, options: {}, inlineMath: true }), {
    checking() {},
    firstScreen: (t) => tops.push(t),
    visible: () => shown.screens,
    checked: (w) => wholes.push(w),
    failed() {},
  });
  return { c, tops, wholes, shown };
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
  assert.deepEqual(jobs[0].screen, [{ start: 0, end: FIRST_SCREEN_CHARS }]);
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

test('the screen the editor shows goes first, instead of the top', async () => {
  const { pool, jobs } = fakePool();
  const { c, shown } = checks(pool);
  shown.screens = [{ start: 9000, end: 11000 }];
  c.schedule(source(1), 0);
  assert.deepEqual(jobs[0].screen, shown.screens);
});

test('a screen’s worth changed where shown: screen first; a small edit, or one below: whole', async () => {
  const { pool, jobs } = fakePool();
  const { c, tops, wholes } = checks(pool);
  c.schedule(source(1), 0);
  jobs[0].finish();
  await settle();
  jobs[1].finish();
  await settle();
  assert.equal(wholes.length, 1);
  // One paragraph changed: whole at once.
  c.schedule(source(2, TEXT.replace('Paragraph 3 says', 'Paragraph three says')), 0);
  assert.equal(jobs[2].key, URI);
  jobs[2].finish();
  await settle();
  // A replace-all from the top: its screen first.
  const replaced = TEXT.replaceAll('says', 'states');
  c.schedule(source(3, replaced), 0);
  assert.equal(jobs[3].key, firstScreenKey(URI));
  jobs[3].finish();
  await settle();
  assert.equal(tops.length, 2);
  jobs[4].finish();
  await settle();
  // A large paste below the top screen: the top's verdicts cannot change; whole at once.
  const pasted = `${replaced}\n${replaced.slice(0, 4 * FIRST_SCREEN_CHARS)}`;
  c.schedule(source(4, pasted), 0);
  assert.equal(jobs[5].key, URI);
});

test('a screen shown during the whole check stops it and goes first; one checked already, not', async () => {
  const { pool, jobs, cancelled } = fakePool();
  const { c, tops, wholes, shown } = checks(pool);
  c.schedule(source(1), 0);
  jobs[0].finish();
  await settle();
  assert.equal(jobs[1].key, URI);
  // (Scheduling a version cancels whatever an older one left.)
  const before = cancelled.length;
  // Scrolled within the top: nothing new.
  shown.screens = [{ start: 100, end: 2000 }];
  c.visibleChanged(URI);
  assert.deepEqual(cancelled.slice(before), []);
  // Scrolled to the middle.
  shown.screens = [{ start: 8000, end: 10000 }];
  c.visibleChanged(URI);
  assert.deepEqual(cancelled.slice(before), [URI]);
  assert.deepEqual(
    jobs.map((j) => j.key),
    [firstScreenKey(URI), URI, firstScreenKey(URI)],
  );
  assert.deepEqual(jobs[2].screen, shown.screens);
  jobs[2].finish();
  await settle();
  assert.equal(tops.length, 2);
  assert.equal(jobs[3].key, URI);
  jobs[3].finish();
  await settle();
  assert.equal(wholes.length, 1);
});

test('a declined screen publishes nothing and the whole follows', async () => {
  const { pool, jobs } = fakePool();
  const { c, tops, wholes, shown } = checks(pool);
  c.schedule(source(1), 0);
  jobs[0].finish({ declined: 'a macro is defined further down' });
  await settle();
  assert.equal(tops.length, 0);
  // No more screens for this version, whatever the editor shows.
  shown.screens = [{ start: 8000, end: 10000 }];
  c.visibleChanged(URI);
  assert.equal(jobs.length, 2);
  jobs[1].finish();
  await settle();
  assert.equal(wholes.length, 1);
});

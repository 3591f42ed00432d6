// Readings kept per item (document/itemReadings.ts): macro definitions read from a span, whether a
// span writes a sign label, and a math span's range are computed once per reader item, and the
// reader hands back the same items for the chunks an edit did not touch. After every edit the
// incremental check must equal a fresh one; the near misses are edits to the very spans and rows
// those readings come from (a definition removed or changed, a sign label added, a table row
// edited), which must change the verdicts as a fresh check does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../../server/src/check';
import { readDocument } from '../../../server/src/document';
import { perText } from '../../../server/src/document/itemReadings';
import type { CheckOptions, DocumentResult } from '../../../server/src/check/result';
import { randomEdit, rng } from '../../support/randomEdits';
import { incrementalCaches } from '../../support/incrementalCaches';

const part = (i: number) =>
  [
    `## Part ${i}`,
    '',
    `$$\\newcommand{\\dbl${'abcdef'[i]}}[1]{2 #1}$$`,
    '',
    `$$\\dbl${'abcdef'[i]}{${i}} = ${2 * i}$$`,
    '',
    '| quantity | symbol | value |',
    '| --- | --- | --- |',
    `| width | $w_${i}$ | ${i + 3} |`,
    '',
    `$$w_${i} + 1 = ${i + 4}$$`,
    '',
    `$$\\dbl${'abcdef'[i]}{w_${i}} = ${2 * (i + 3)}$$`,
  ].join('\n');
const TEXT = `# Readings kept per item\n\n${[1, 2, 3, 4, 5].map(part).join('\n\n')}\n`;

const options: CheckOptions = { timeBudgetMs: 20_000, collectSamples: true };

function view(r: DocumentResult): string {
  return JSON.stringify({
    claims: r.claims.map((c) => [c.verdict, c.start, c.end, c.message, c.details]),
    problems: r.problems,
    bindings: r.bindings,
    spans: r.mathSpans,
  });
}

function checkBoth(text: string, kept: ReturnType<typeof incrementalCaches>, what: string): DocumentResult {
  const incremental = checkText(text, 'markdown', { ...options, ...kept });
  assert.equal(view(incremental), view(checkText(text, 'markdown', options)), what);
  return incremental;
}

const verdictOf = (r: DocumentResult, written: string) =>
  r.claims.find((c) => c.text.includes(written))?.verdict;
const swap = (text: string, from: string, to: string) => {
  assert.ok(text.includes(from), `the document holds ${from}`);
  return text.replace(from, () => to);
};

test('the document reads its macros and table values: every claim is verified', () => {
  const r = checkBoth(TEXT, incrementalCaches(), 'first check');
  assert.equal(r.summary.verified, 15);
  assert.equal(r.summary.refuted + r.summary.unchecked, 0);
});

test('near miss: a definition changed or removed changes the claims using it, as a fresh check does', () => {
  const kept = incrementalCaches();
  checkBoth(TEXT, kept, 'first check');
  const changed = swap(TEXT, '\\newcommand{\\dblc}[1]{2 #1}', '\\newcommand{\\dblc}[1]{3 #1}');
  assert.equal(verdictOf(checkBoth(changed, kept, 'definition changed'), '\\dblc{2}'), 'refuted');
  const removed = swap(TEXT, '$$\\newcommand{\\dblc}[1]{2 #1}$$', '$$c = c$$');
  assert.notEqual(verdictOf(checkBoth(removed, kept, 'definition removed'), '\\dblc{2}'), 'verified');
  assert.equal(verdictOf(checkBoth(TEXT, kept, 'definition back'), '\\dblc{2}'), 'verified');
});

test('near miss: a table row edited changes the claims that use its value', () => {
  const kept = incrementalCaches();
  checkBoth(TEXT, kept, 'first check');
  const edited = swap(TEXT, '| width | $w_2$ | 5 |', '| width | $w_2$ | 6 |');
  assert.equal(verdictOf(checkBoth(edited, kept, 'table value changed'), 'w_2 + 1'), 'refuted');
});

test('a sign label added and removed reads as a fresh check reads it', () => {
  const kept = incrementalCaches();
  checkBoth(TEXT, kept, 'first check');
  const labelled = swap(TEXT, '## Part 3', '## Part 3\n\nThe prior $P^-$ and the update $P^+$.');
  checkBoth(labelled, kept, 'sign label added');
  checkBoth(TEXT, kept, 'sign label removed');
});

test('random edits, characters and lines: the incremental check equals a fresh one after each', () => {
  for (const seed of [91, 92]) {
    const r = rng(seed);
    const kept = incrementalCaches();
    let text = TEXT;
    checkBoth(text, kept, `seed ${seed}: first check`);
    for (let k = 0; k < 25; k++) {
      text = randomEdit(text, r);
      checkBoth(text, kept, `seed ${seed}, edit ${k + 1}`);
    }
  }
});

// Checked against the reader and explicit verdicts, not only a fresh check: a reading kept by text
// alone (not by item) would be shared by the fresh check and fail both alike.
test('a definition moved by an edit above it is read at its new place', () => {
  const intro = 'An introduction long enough that removing it moves what follows past the macro’s use.';
  const text = `${intro}\n\n$$\\newcommand{\\tri}[1]{3 #1}$$\n\n$$\\tri{2} = 6$$\n`;
  const kept = incrementalCaches();
  assert.equal(verdictOf(checkBoth(text, kept, 'first check'), '\\tri{2}'), 'verified');
  const moved = text.slice(intro.length + 2);
  const r = checkBoth(moved, kept, 'the introduction removed');
  assert.equal(verdictOf(r, '\\tri{2}'), 'verified');
  // The math ranges are those the reader finds now, whatever was kept.
  const spans = readDocument(moved, 'markdown')
    .items.filter((it) => it.kind === 'math')
    .map((it) => [it.start, it.end, it.outerStart, it.outerEnd]);
  assert.deepEqual(
    r.mathSpans.map((s) => [s.start, s.end, s.outerStart, s.outerEnd]),
    spans,
  );
});

test('perText: a reading per distinct text, shared by moved items; past its limit, read again', () => {
  let reads = 0;
  const length = perText((t: string) => {
    reads++;
    return t.length;
  }, 3);
  const texts = ['a', 'bb', 'ccc'];
  for (let k = 0; k < 3; k++) for (const t of texts) assert.equal(length(t), t.length);
  assert.equal(reads, 3, 'each text read once');
  // A fourth text starts the table again: the older texts are read again, with the same answers.
  assert.equal(length('dddd'), 4);
  for (const t of texts) assert.equal(length(t), t.length);
  assert.equal(reads, 7);
  // A reading that is itself undefined is kept too.
  const none = perText((_: string) => {
    reads++;
    return undefined;
  });
  none('x');
  none('x');
  assert.equal(reads, 8);
});

// Math spans' ranges kept from the previous check by the identity of the reader's items
// (check/keptRanges.ts): after every edit of a seeded random sequence, lines inserted and removed
// above claims included, the ranges of a check with the caches equal a fresh check's, and most of
// them are the previous check's objects. Near misses: items equal in content but not the same
// objects (another read) get new ranges; a moved item gets a moved range.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../../server/src/check';
import { keptRanges } from '../../../server/src/check/keptRanges';
import { readDocument } from '../../../server/src/document';
import { randomEdit, rng } from '../../support/randomEdits';
import { incrementalCaches } from '../../support/incrementalCaches';
import { layerSection } from '../../support/realisticDocument.mjs';

const TEXT = [1, 2, 3, 4, 5].map((i) => layerSection(i, { count: [i + 2, 3], slip: true })).join('\n');
const options = { timeBudgetMs: 20_000, collectSamples: true };

test('random edits: kept ranges equal a fresh check, and most are the previous objects', () => {
  let kept = 0;
  let all = 0;
  for (const seed of [61, 62]) {
    const r = rng(seed);
    const caches = incrementalCaches();
    let text = TEXT;
    let before = checkText(text, 'markdown', { ...options, ...caches }).mathSpans;
    for (let k = 0; k < 20; k++) {
      text = randomEdit(text, r, { onlyLines: k % 2 === 1 });
      const now = checkText(text, 'markdown', { ...options, ...caches }).mathSpans;
      const fresh = checkText(text, 'markdown', options).mathSpans;
      assert.deepEqual(now, fresh, `seed ${seed}, edit ${k + 1}`);
      const previous = new Set(before);
      kept += now.filter((s) => previous.has(s)).length;
      all += now.length;
      before = now;
    }
  }
  assert.ok(kept > all / 2, `${kept} of ${all} ranges kept`);
});

test('near misses: equal items of another read get new ranges; a moved item a moved range', () => {
  const read = readDocument(TEXT, 'markdown');
  const first = keptRanges(read.items, undefined);
  const again = keptRanges(read.items, first.list);
  assert.ok(
    again.spans.every((s, i) => s === first.spans[i]),
    'the same items keep their ranges',
  );
  // Another read without the reader's cache: equal items, other objects.
  const other = keptRanges(readDocument(TEXT, 'markdown').items, first.list);
  assert.deepEqual(other.spans, first.spans);
  assert.ok(
    other.spans.every((s, i) => s !== first.spans[i]),
    'no range shared with other objects',
  );
  // A line inserted at the top: the items are moved copies, their ranges moved.
  const moved = keptRanges(readDocument(`\n${TEXT}`, 'markdown').items, first.list);
  assert.deepEqual(
    moved.spans.map((s) => s.start),
    first.spans.map((s) => s.start + 1),
  );
});

// Prose contexts read again only around an edit (model/proseKept.ts) equal the contexts read from
// the top, after seeded random edits (characters typed and removed, lines removed, doubled and
// moved) of documents with sections, passages, worked examples and inline conditions, and the
// contexts after an edit that renumbers nothing are kept, not read again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readDocument } from '../../../server/src/document';
import { proseContexts } from '../../../server/src/model/prose';
import { keptContexts, type ProseRecord } from '../../../server/src/model/proseKept';
import { randomEdit, randomParagraphEdit, rng } from '../../support/randomEdits';
import { layerSection } from '../../support/realisticDocument.mjs';

const ROOT = join(__dirname, '..', '..', '..');
const LAYERS = Array.from({ length: 12 }, (_, i) =>
  layerSection(i + 1, { logistic: 'inline', count: [i + 2, 3], slip: true }),
).join('\n');

function sequence(start: string, seed: number, edits: number, edit = randomEdit): void {
  const r = rng(seed);
  let text = start;
  let record: ProseRecord | undefined = keptContexts(
    readDocument(text, 'markdown').items,
    text,
    'markdown',
    undefined,
  ).record;
  for (let k = 0; k < edits; k++) {
    text = edit(text, r);
    const items = readDocument(text, 'markdown').items;
    const kept = keptContexts(items, text, 'markdown', record);
    assert.deepEqual(kept.contexts, proseContexts(items, text, 'markdown'), `seed ${seed}, edit ${k + 1}`);
    record = kept.record;
  }
}

test('contexts read around random edits equal contexts read from the top', () => {
  for (const seed of [51, 52, 53]) sequence(LAYERS, seed, 40);
  sequence(readFileSync(join(ROOT, 'samples', 'features.md'), 'utf8'), 54, 40);
});

test('quotations that run over sentences and paragraphs read the same around random edits', () => {
  // Quotation marks, a block quotation and labels (model/prose.ts quoteMarks): the open quotation is
  // state carried from item to item, renumbered with the passages.
  const quotes = readFileSync(join(ROOT, 'test', 'fixtures', 'quotations-reported.md'), 'utf8');
  sequence([quotes, quotes, quotes].join('\n'), 55, 30);
  sequence([quotes, quotes, quotes].join('\n'), 56, 20, randomParagraphEdit);
});

test('an edit inside a claim keeps the contexts after it', () => {
  const items = readDocument(LAYERS, 'markdown').items;
  const first = keptContexts(items, LAYERS, 'markdown', undefined);
  const edited = LAYERS.replace('$$7 \\cdot 3 = 21$$', () => '$$7 \\cdot 3 = 211$$');
  assert.notEqual(edited, LAYERS);
  const after = readDocument(edited, 'markdown').items;
  const kept = keptContexts(after, edited, 'markdown', first.record);
  assert.deepEqual(kept.contexts, proseContexts(after, edited, 'markdown'));
  const last = kept.contexts.length - 1;
  // The same objects: kept, not read again.
  assert.equal(kept.contexts[last], first.contexts[last]);
  assert.equal(kept.contexts[0], first.contexts[0]);
  // Near miss: a sentence added before the last section renumbers the sentences after it.
  const renumbered = LAYERS.replace('## 12. A layer', () => 'One more sentence. ## 12. A layer');
  const moved = readDocument(renumbered, 'markdown').items;
  const read = keptContexts(moved, renumbered, 'markdown', first.record);
  assert.deepEqual(read.contexts, proseContexts(moved, renumbered, 'markdown'));
});

// A paragraph added, removed, split or joined renumbers the blocks after it (model/renumber.ts); the
// walk's block numbers are compared through that, and the contexts after it kept.
test('contexts read around random paragraph edits equal contexts read from the top', () => {
  for (const seed of [55, 56]) sequence(LAYERS, seed, 30, randomParagraphEdit);
});

test('a paragraph of prose added above keeps the contexts after it', () => {
  const items = readDocument(LAYERS, 'markdown').items;
  const first = keptContexts(items, LAYERS, 'markdown', undefined);
  const edited = LAYERS.replace('## 2. A layer', () => 'A remark in passing.\n\n## 2. A layer');
  assert.notEqual(edited, LAYERS);
  const after = readDocument(edited, 'markdown').items;
  const kept = keptContexts(after, edited, 'markdown', first.record);
  assert.deepEqual(kept.contexts, proseContexts(after, edited, 'markdown'));
  const last = kept.contexts.length - 1;
  assert.equal(kept.contexts[last], first.contexts[last], 'the last context kept, not read again');
});

// A paragraph with a claim of its own added above also moves the passages and sentences counted
// after it: the walk compares them through the edit (countersAt) and keeps the contexts after it,
// renumbered copies of the previous walk's.
test('a paragraph with a claim added above keeps the contexts after it, renumbered', () => {
  const items = readDocument(LAYERS, 'markdown').items;
  const first = keptContexts(items, LAYERS, 'markdown', undefined);
  const last = first.contexts.length - 1;
  // A mark on the previous walk's last context: a renumbered copy carries it, a context read again not.
  const marked = first.contexts[last] as { kept?: boolean };
  marked.kept = true;
  const edited = LAYERS.replace('## 2. A layer', () => 'Note that $2 + 2 = 4$.\n\n## 2. A layer');
  const after = readDocument(edited, 'markdown').items;
  const kept = keptContexts(after, edited, 'markdown', first.record);
  const now = kept.contexts[kept.contexts.length - 1] as { kept?: boolean; passage: number };
  assert.equal(now.kept, true, 'the last context kept, not read again');
  assert.equal(now.passage, first.contexts[last].passage + 1, 'renumbered');
  delete now.kept;
  delete marked.kept;
  assert.deepEqual(kept.contexts, proseContexts(after, edited, 'markdown'));
  // Then two claims in another paragraph, from the record the renumbering walk left.
  const inside = LAYERS.replace('## 3. A layer', () => 'So $1 + 1 = 2$ and $0 = 0$.\n\n## 3. A layer');
  const insideItems = readDocument(inside, 'markdown').items;
  assert.deepEqual(
    keptContexts(insideItems, inside, 'markdown', kept.record).contexts,
    proseContexts(insideItems, inside, 'markdown'),
  );
});

// Document-wide readings kept across builds (model/documentReadings.ts): the summation convention,
// products of words, sign labels, Δ written alone and acronyms, tallied again only for the spans an
// edit changed.
// After every edit of seeded random sequences (characters and whole lines, so spans appear, go and
// move) the kept readings (whether the text measures physical quantities too) equal the readings
// of the whole document computed afresh. Near misses:
// the edits that make or unmake each reading — a convention stated, negated, and its word split by
// a deletion; an acronym's letter written alone elsewhere, then removed; the only sign label and
// the only word product removed and typed again; Δ written alone, then against a letter again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDocument } from '../../../server/src/document';
import { ReadCache } from '../../../server/src/document/chunks';
import { documentAcronyms } from '../../../server/src/model/acronyms';
import { writesWordProducts, writesWordProductsIn } from '../../../server/src/model/build';
import { type ReadingsRecord, documentReadings } from '../../../server/src/model/documentReadings';
import { writesSignLabels } from '../../../server/src/model/signLabels';
import { writesDeltaAlone } from '../../../server/src/model/deltaChanges';
import { statesSummationConvention } from '../../../server/src/model/summationConvention';
import { writesPhysicalUnits } from '../../../server/src/model/scaleLetters';
import { randomEdit, rng } from '../../support/randomEdits';

const part = (i: number) =>
  [
    `## Part ${i}`,
    '',
    'Indices are written out.',
    '',
    `$$MSE_${i} = \\frac{1}{n} \\sum_i (y_i - x_i)^2$$`,
    '',
    i === 3
      ? 'The loss: $loss = err * err$ and $P^- = 2$.'
      : `Let $A \\in \\mathbb{R}^{2 \\times 2}$ and $x_${i} = ${i}$, $\\Delta x_${i} = 1$.`,
    '',
    `$$AB = BA + ${i}$$`,
    '',
    i === 2 ? 'Each run costs $3\\,\\mathrm{kJ}$.' : 'Each run is cheap.',
    '',
    `<!-- derive: S \\in \\mathbb{R} -->`,
  ].join('\n');
const TEXT = `# Readings\n\n${[1, 2, 3, 4].map(part).join('\n\n')}\n`;

function fresh(text: string) {
  const read = readDocument(text, 'markdown');
  return {
    indexSums: statesSummationConvention(text),
    physicalUnits: writesPhysicalUnits(text),
    words: writesWordProducts(read),
    signLabels: writesSignLabels(read),
    deltaFactor: writesDeltaAlone(read),
    acronyms: documentAcronyms(read),
  };
}

/** Runs the texts through one reader cache and one kept record, as the worker's builds do. */
function follow(texts: readonly string[]): void {
  const cache = new ReadCache();
  let record: ReadingsRecord | undefined;
  for (const [k, text] of texts.entries()) {
    const read = readDocument(text, 'markdown', cache);
    const kept = documentReadings(read.items, text, record, writesWordProductsIn);
    record = kept.record;
    const { record: _, ...got } = kept;
    assert.deepEqual(got, fresh(text), `text ${k}`);
  }
}

test('kept document readings equal fresh ones under seeded random edits', () => {
  for (const seed of [3, 11, 29]) {
    const r = rng(seed);
    const texts = [TEXT];
    let text = TEXT;
    for (let k = 0; k < 40; k++) {
      text = randomEdit(text, r, { onlyLines: k % 2 === 0 });
      texts.push(text);
    }
    follow(texts);
  }
});

test('the edits that make or unmake a document-wide reading change it as a fresh reading does', () => {
  // The convention's words: none in TEXT; one typed; one made by removing a space (the changed
  // text is empty, the word spans the join); negated (a word, no convention); gone again.
  const stated = TEXT.replace('Indices are written out.', 'Repeated indices are summed.');
  const apart = TEXT.replace('Indices are written out.', 'Repea ted indices are summed.');
  const joined = apart.replace('Repea ted', 'Repeated');
  const negated = TEXT.replace('Indices are written out.', 'We do not use the summation convention.');
  const lone = TEXT.replace('$$AB = BA + 1$$', '$$AB = BA + 1$$\n\nAnd $M = 3$, $E = 2$, $S = 1$.');
  const noProduct = TEXT.replace('$loss = err * err$', '$loss = err^2$');
  const noLabel = TEXT.replace('$P^- = 2$', '$P = 2$');
  const deltaAlone = TEXT.replace('$\\Delta x_2 = 1$', '$\\Delta \\to 0$');
  const sequence = [
    TEXT,
    stated,
    TEXT,
    apart,
    joined,
    negated,
    TEXT,
    lone,
    TEXT,
    noProduct,
    TEXT,
    noLabel,
    TEXT,
    deltaAlone,
    TEXT,
  ];
  for (const [k, text] of sequence.entries()) if (k > 0) assert.notEqual(text, sequence[k - 1], `step ${k}`);
  // Each reading takes both values along the sequence, or the near misses test nothing.
  const seen = sequence.map(fresh);
  for (const key of ['indexSums', 'words', 'signLabels', 'deltaFactor'] as const)
    assert.deepEqual(new Set(seen.map((s) => s[key])), new Set([true, false]), key);
  assert.ok(new Set(seen.map((s) => s.acronyms.join(','))).size > 1, 'acronyms');
  follow(sequence);
});

test('a span doubled then one copy removed: the tally counts both copies', () => {
  // The equal head and tail may overlap when a doubled span equals its neighbour: each span is
  // counted once, so the label stays written after either copy goes.
  const line = 'The loss: $loss = err * err$ and $P^- = 2$.';
  const doubled = TEXT.replace(line, `${line}\n\n${line}`);
  // The first copy removed, the blank lines after it kept.
  const [before, gap] = doubled.split(line);
  const laterOnly = `${before}${gap}${line}${doubled.slice(before.length + 2 * line.length + gap.length)}`;
  assert.ok(writesSignLabels(readDocument(laterOnly, 'markdown')));
  follow([TEXT, doubled, laterOnly, TEXT.replace(line, ''), TEXT]);
});

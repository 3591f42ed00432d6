// Table values (model/tableValues.ts): the spans on table rows are found from the rows, searched in
// the text first, instead of asking every inline span for its line. The contexts must be those of
// asking every span (`tableValue` at each), on texts of table rows, prose, displays and line breaks
// of every kind, with spans at a row's first and last character. Near misses: a bar after text
// (not a row), a row after a CR alone (one line for the reader), a row at the text's start and end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDocument } from '../../../server/src/document';
import { proseContexts } from '../../../server/src/model/prose';
import { tableValue, withTableValues } from '../../../server/src/model/tableValues';
import { rng } from '../../support/randomEdits';

/** Every inline span asked, as before the rows were searched first. */
function everySpan(source: string): (string | undefined)[] {
  const read = readDocument(source, 'markdown');
  return read.items.map((item) =>
    item.kind !== 'math' || item.display
      ? undefined
      : tableValue(source, item.outerStart, item.outerEnd)?.text,
  );
}

function values(source: string): (string | undefined)[] {
  const read = readDocument(source, 'markdown');
  const contexts = withTableValues(proseContexts(read.items, source, read.kind), read.items, source);
  return contexts.map((c) => c.cellValue);
}

const LINES = [
  '| $d$ | 2048 |',
  '|---|---|',
  '  | $n$ | 3 |',
  '| $n$ | 4 |',
  'text with a bar | $k$ | 5 |',
  'prose $x = 1$ and $y$.',
  '$$a = b$$',
  '',
  '| width | $w$ | 7 |',
  '\t| $h$ | 9.5 |',
];
const BREAKS = ['\n', '\r\n', '\r', '\n\n'];

test('the spans on rows get the values every span asked would give', () => {
  const random = rng(21);
  for (let t = 0; t < 60; t++) {
    let source = '';
    const n = 1 + Math.floor(random() * 10);
    for (let k = 0; k < n; k++)
      source += LINES[Math.floor(random() * LINES.length)] + BREAKS[Math.floor(random() * BREAKS.length)];
    if (random() < 0.5) source = source.trimEnd();
    assert.deepEqual(values(source), everySpan(source), JSON.stringify(source));
  }
});

test('near misses: a bar after text, a row after a CR alone, rows at the start and the end', () => {
  assert.deepEqual(values('| $d$ | 2048 |'), ['2048'], 'a row that is the whole text');
  assert.deepEqual(values('text | $d$ | 2048 |'), [undefined], 'a bar after text starts no row');
  assert.deepEqual(values('x\r| $d$ | 2048 |'), everySpan('x\r| $d$ | 2048 |'), 'a CR alone');
  assert.deepEqual(values('prose $a$\n| $d$ | 2048 |'), [undefined, '2048'], 'a row at the end');
});

test('a symbol given several numbers in one table gives none, whichever its delimiters', () => {
  // Found by the metamorphic test (FUZZ_SEED=326744606): `\(n\)` cells did not count as `$n$` ones.
  for (const [open, close] of [
    ['$', '$'],
    ['\\(', '\\)'],
  ]) {
    const n = `${open}n${close}`;
    const cases = `| case | ${n} |\n|---|---|\n| small | ${n} | 6 |\n| large | ${n} | 24 |\n`;
    assert.deepEqual(values(cases).filter(Boolean), [], `${open}n${close} in two rows`);
    // Near miss: in one row the number is the symbol's value.
    const one = `| case | ${open}n${close} |\n|---|---|\n| small | ${open}n${close} | 6 |\n`;
    assert.deepEqual(values(one).filter(Boolean), ['6'], `${open}n${close} in one row`);
  }
});

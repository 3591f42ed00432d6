// Reading bounded by size and by passage (issue 15, item 6). CommonMark's parser is superlinear
// on some shapes; before, each of these took from 14 s to minutes. The bounds are CPU-time hang
// guards, far above what bounded reading takes, not performance targets (see npm run bench).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDocument } from '../../../server/src/document/index';
import { buildModel } from '../../../server/src/model/build';
import { MAX_PASSAGE_CHARS } from '../../../server/src/document/readLimits';
import { cpuMs } from '../../support/cpuTime';
import { at, check, claim, describeResult } from './helpers';

const CPU_GUARD_MS = 20_000;
const AFTER = '\n\nThen $$1 + 1 = 3$$\n';

test('40 KB of setext headings with no blank line: cut after each heading run, every heading read', () => {
  // Before: 22 s of CPU (`Title\n===`), over 2 minutes (`a\n-`).
  for (const unit of ['Title $x_{1} = 1$\n===\n', 'a $y = 2$\n-\n']) {
    const text = `${unit.repeat(Math.ceil(40_000 / unit.length))}${AFTER}`;
    const { result, cpuMs: used } = check(text);
    assert.equal(claim(result, '1 + 1 = 3').verdict, 'refuted', describeResult(result));
    assert.equal(result.mathSpans.length, Math.ceil(40_000 / unit.length) + 1);
    assert.deepEqual(result.problems, []);
    assert.ok(used < CPU_GUARD_MS, `took ${Math.round(used)} ms of CPU`);
  }
});

for (const [name, unit, size] of [
  ['a 4 MB paragraph of inline math', '$x$ and ', 4 * 2 ** 20],
  // A nested list in column 0 is cut before each item (below); in a quote, nothing cuts it.
  [
    'a 1.5 MB nested list in a block quote',
    '> - item $x$\n>   - nested $y$\n>     - deeper $z$\n',
    1.5 * 2 ** 20,
  ],
  ['a 1.5 MB block quote', '> quoted $x$\n', 1.5 * 2 ** 20],
] as const) {
  test(`${name}, with no blank line: not parsed, said where and which lines, the rest checked`, () => {
    // Before: 34 s (4 MB paragraph), 52 s (nested list), 18 s (quote) of CPU to read.
    const run = unit.repeat(Math.ceil(size / unit.length));
    const text = `$$2 + 2 = 4$$\n\n${run}${AFTER}`;
    const { result, cpuMs: used } = check(text);
    assert.equal(claim(result, '2 + 2 = 4').verdict, 'verified', describeResult(result));
    assert.equal(claim(result, '1 + 1 = 3').verdict, 'refuted', describeResult(result));
    assert.equal(result.problems.length, 1, describeResult(result));
    const p = result.problems[0];
    // The warning covers exactly the passage: from its first character to the end of its last line.
    assert.equal(at(text, p.start), '2:0');
    assert.equal(p.end, p.start + run.trimEnd().length);
    const lines = run.trimEnd().split('\n').length;
    const words = lines === 1 ? 'the line from here' : `the ${lines.toLocaleString('en-US')} lines from here`;
    assert.ok(p.message.startsWith(`document partly read: ${words} (`), p.message);
    assert.match(
      p.message,
      /with no blank line between its blocks; limit 1 MB per passage\) (is|are) not read/,
    );
    assert.match(
      p.message,
      /put blank lines between its paragraphs, list items or quotes, or split the file$/,
    );
    assert.ok(used < CPU_GUARD_MS, `took ${Math.round(used)} ms of CPU`);
  });
}

test('near misses: a long run-on paragraph and a long aligned display stay far below the limit', () => {
  // 70 KB of one sentence, and an align environment of 2,000 rows: read in full, no warning.
  const runOn = 'If '.concat('$x_1 = 1$ and '.repeat(5000), '.');
  const rows = Array.from({ length: 2000 }, (_, k) => `a_{${k}} &= ${k} \\\\`).join('\n');
  const align = `$$\n\\begin{aligned}\n${rows}\n\\end{aligned}\n$$\n`;
  const r1 = readDocument(runOn, 'markdown');
  assert.deepEqual(r1.problems, []);
  assert.equal(r1.items.length, 5000);
  const r2 = readDocument(align, 'markdown');
  assert.deepEqual(r2.problems, []);
  assert.equal(r2.items.length, 1);
});

test('the same material with blank lines between its blocks is read in full, a loose list too', () => {
  const paragraphs = Array.from({ length: 30_000 }, (_, k) => `Paragraph ${k}: $x_{${k}} = ${k}$ and $y$.`);
  const items = Array.from({ length: 30_000 }, (_, k) => `- Item ${k}: $x_{${k}} = ${k}$ and $y$.`);
  for (const blocks of [paragraphs, items]) {
    const text = `${blocks.join('\n\n')}${AFTER}`;
    assert.ok(text.length > MAX_PASSAGE_CHARS);
    const c0 = cpuMs();
    const r = readDocument(text, 'markdown');
    assert.deepEqual(r.problems, []);
    assert.equal(r.items.length, 60_001);
    assert.ok(cpuMs() - c0 < CPU_GUARD_MS, `took ${Math.round(cpuMs() - c0)} ms of CPU`);
  }
});

test('a passage just under the limit is read; just over, it is reported', () => {
  const line = 'word $x$ word\n';
  const under = line.repeat(Math.floor(MAX_PASSAGE_CHARS / line.length));
  assert.deepEqual(readDocument(under, 'markdown').problems, []);
  const over = line.repeat(Math.floor(MAX_PASSAGE_CHARS / line.length) + 1);
  assert.match(readDocument(over, 'markdown').problems[0].message, /^document partly read/);
});

test('a document over the size limit: one problem at its start naming its size and the limit', () => {
  const text = `$$1 + 1 = 3$$\n\n${'Some prose.\n\n'.repeat(100_000)}`;
  const r = readDocument(text, 'markdown', undefined, undefined, { maxBytes: 2 ** 20 });
  assert.deepEqual(r.items, []);
  assert.equal(r.problems.length, 1);
  assert.deepEqual([r.problems[0].start, r.problems[0].code], [0, 'input']);
  assert.equal(
    r.problems[0].message,
    'the document could not be read: document too large to read (1.2 MB; limit 1 MB): split it into ' +
      'smaller files (on the command line, --max-file-size raises the limit)',
  );
  // Multi-byte text counts in UTF-8 bytes, as the file on disk does.
  const greek = readDocument('α'.repeat(600_000), 'markdown', undefined, undefined, { maxBytes: 2 ** 20 });
  assert.match(greek.problems[0]?.message ?? '', /1\.1 MB; limit 1 MB/);
});

test('reading stops between chunks when asked, without reading the rest', () => {
  const text = Array.from({ length: 100 }, (_, k) => `Chunk ${k} $x_{${k}} = ${k}$`).join('\n\n');
  let asked = 0;
  const r = readDocument(text, 'markdown', undefined, undefined, { shouldStop: () => ++asked > 10 });
  assert.equal(r.items.length, 10);
});

/** `unit` repeated to `size` characters, each copy numbered (no two chunks alike, none cached). */
function numbered(unit: string, size: number): string {
  let run = '';
  for (let k = 0; run.length < size; k++) run += unit.replaceAll('K', String(k));
  return run;
}

test('a 200 KB tight nested list is read in full, item by item (fuzz seed 2137461135)', () => {
  // Before: one passage, whose nested items cost the parser all it had read at each close:
  // 47 s of CPU for 200 KB, minutes for 400 KB. Now cut before each item in column 0.
  const run = numbered('- item $x_{K}$\n  - nested $y$\n', 200_000);
  const { result, cpuMs: used } = check(`${run}${AFTER}`);
  assert.equal(claim(result, '1 + 1 = 3').verdict, 'refuted', describeResult(result));
  assert.equal(result.mathSpans.length, (run.split('$').length - 1) / 2 + 1);
  assert.deepEqual(result.problems, []);
  assert.ok(used < CPU_GUARD_MS, `took ${Math.round(used)} ms of CPU`);
});

test('the model of a one-line paragraph of spans takes time in proportion to its length', () => {
  // Before: each span looked for the start of its line, and of its sentence, by scanning back
  // over the whole line: 12 s of CPU for 400 KB (8.6 times 100 KB's).
  const text = (size: number) => `${numbered('$x_{K}$ and ', size)}${AFTER}`;
  const time = (t: string) => {
    const read = readDocument(t, 'markdown');
    const c0 = cpuMs();
    const model = buildModel(read, t);
    return { ms: cpuMs() - c0, spans: model.spans };
  };
  const small = time(text(100_000));
  const large = time(text(400_000));
  assert.ok(large.spans > 3.5 * small.spans, `${small.spans} and ${large.spans} spans`);
  assert.ok(large.ms < 6 * small.ms + 200, `${Math.round(small.ms)} ms, then ${Math.round(large.ms)} ms`);
});

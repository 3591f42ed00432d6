// Chunked reading (for re-reading after edits) must give exactly the whole-document result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readDocument, ReadCache } from '../../../server/src/document';
import { chunkStarts, chunkStartsAfterEdit, readMarkdownChunked } from '../../../server/src/document/chunks';
import { randomEdit, rng } from '../../support/randomEdits';
import { Collector } from '../../../server/src/document/common';
import { readMarkdown } from '../../../server/src/document/markdown';

/** Items and problems of one parse of the whole text, and of a chunked read (readDocument always chunks). */
function wholeAndChunked(t: string) {
  const whole = new Collector(t);
  readMarkdown(t, whole);
  const chunked = new Collector(t);
  readMarkdownChunked(t, chunked, new ReadCache());
  const of = (c: Collector) => ({ items: c.items, problems: c.problems, blocks: c.blockCount });
  return { whole: of(whole), chunked: of(chunked) };
}

const root = resolve(new URL('.', import.meta.url).pathname, '../../..');

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? markdownFiles(p) : /\.(md|markdown)$/.test(n) ? [p] : [];
  });
}

const tricky = [
  'a $x$\n\n```\ncode\n\n$not math$\n```\n\nb $y$\n',
  '$$\nx = 1\n\ny = 2\n$$\n\nafter $z$\n',
  '<!-- derive\nx \\in \\mathbb{R}\n\nskip\n-->\n\n$x = 1$\n',
  '- item $a$\n\n  continued $b$\n\n- next $c$\n\nend $d$\n',
  '> quote $a$\n\n> again $b$\n',
  '\\[\nx\n\n= y\n\\]\n\ntext $q$\n',
  '\ufeff$a = 1$\n\n$b = 2$\r\n\r\n$c = 3$\r\n',
  '    indented code $x$\n\n    more\n\nplain $y$\n',
  // A new item or quote in column 0 after a blank line starts a chunk; a continuation does not.
  '- item $a$\n\n- next $b$\n\n  more $c$\n\n1. one $d$\n\n2. two $e$\n\n> q $f$\n\n> r $g$\nlazy $h$\n',
  // Raw HTML blocks run across blank lines: nothing inside them is read, nor cut.
  '<pre>\n\n- $x$\n</pre>\n\nafter $y$\n',
  '<PRE class="a">\n\ntext $x$\n\n</pre>\n\nafter $y$\n',
  '<script>\n\n> $x$\n</script>\n\n$y$\n',
  '<pre>one line $x$</pre>\n\n- after $y$\n',
];

test('chunked reading equals whole-document reading', () => {
  const files = [
    ...markdownFiles(join(root, 'samples')),
    ...markdownFiles(join(root, 'test/fixtures')),
    ...markdownFiles(resolve(root, '../shared/corpus')),
  ];
  const texts = [...files.map((f) => readFileSync(f, 'utf8')), ...tricky];
  assert.ok(texts.length > tricky.length);
  for (const t of texts) {
    const { whole, chunked } = wholeAndChunked(t);
    assert.deepEqual(chunked, whole);
  }
});

// A long passage with no blank line is cut after a block that leaves nothing open (a heading, a
// thematic break, a setext underline), once the chunk is 4 KB long. The near misses look like
// such blocks but leave something open: a `-` after a blank line opens a list, a dash row under
// a row with pipes makes a table, `---` inside a quote or a list item, `===` with no paragraph.
const closers = [
  'Title $a_{k} = k$\n===\n',
  'Title $b = 1$\n---\n',
  '# Heading $c = 2$\n',
  '***\nText $d = 3$\n',
  'Text $e$\n- item $f$\n  continued\n',
  'x | y\n--- | ---\n$g$ | 1\n',
  '> quoted $h$\n---\n',
  '- item $i$\n  ---\n',
  '===\nplain $j$\n',
  '1. one $k$\n---\n',
  '<div>\n# not a heading $l$\n</div>\n',
  'Text $$m\n---\n= 1$$\n',
];

test('long runs with no blank line are cut after closed blocks, and read as one parse reads them', () => {
  for (const unit of closers) {
    for (const mixed of [unit, unit + closers[0], closers[2] + unit]) {
      const t = mixed.repeat(Math.ceil(12_000 / mixed.length));
      const { whole, chunked } = wholeAndChunked(t);
      assert.deepEqual(chunked, whole, JSON.stringify(mixed));
    }
  }
  // The setext and ATX runs are cut (each chunk a little over 4 KB); the near misses alone are not.
  assert.ok(chunkStarts(closers[0].repeat(1000)).length > 4);
  assert.ok(chunkStarts(closers[2].repeat(1000)).length > 4);
  // A list item in column 0 starts a chunk too (below), and `---` in column 0 after an item is a
  // thematic break (a lazy line is never an underline); the other near misses are never cut.
  const items = new Set(['Text $e$\n- item $f$\n  continued\n', '- item $i$\n  ---\n', '1. one $k$\n---\n']);
  for (const unit of closers.slice(4).filter((u) => !items.has(u)))
    assert.deepEqual(chunkStarts(unit.repeat(1000)), [0], unit);
});

// A tight list is one passage, and closing its nested items costs the parser time in proportion to
// all it read before (a 200 KB nested list took 47 s): a long run of top-level items is cut before
// an item in column 0 with text after its marker, which closes everything the item before held. The
// near misses: a number other than 1 (`2. x` may continue a paragraph lazily), an empty item, an
// item after a quote, HTML or a table row (which may hold it), or inside a fence, display or comment.
const listRuns = [
  '- item $x$\n  - nested $y$\n',
  '* a $x$\n+ b $y$\n',
  '1. one $x$\n   - sub $y$\n',
  '1) one $x$\n1) two $y$\n',
  'Text $e$\n- item $f$\n  continued\n',
  '- a $x$\nlazy $y$\n===\n',
  '- a $x$\n\n  para $y$\n  # h $z$\n',
  '- a `code\n- b` $x$\n',
  '- a $x\n- b$ c\n',
  '- [ ] task $x$\n- [x] done $y$\n',
  // Lines nested past the limit, one after another: one region cut, across chunks too.
  `${'- '.repeat(150)}$x$\n`,
];
const listNearMisses = [
  '2. two $x$\n3. three $y$\n',
  '- a $x$\n> q $y$\n',
  '- a $x$\n<div>\n',
  '- a $x$\n| a | b |\n',
  '- a $x$\n```\n- code $z$\n```\n',
  '- a $x$\n  $$\n  y = 1\n  $$\n',
  '- a $x$ <!-- c\n- not $y$ -->\n',
  '- a \\[\n- x\n\\]\n',
  '> - quoted item $x$\n',
];

test('long tight lists are cut before items in column 0, and read as one parse reads them', () => {
  for (const unit of [...listRuns, ...listNearMisses]) {
    for (const mixed of [unit, unit + listRuns[0], `Para $p$\n${unit}`, `${unit}# H $h$\n`]) {
      const t = mixed.repeat(Math.ceil(14_000 / mixed.length));
      const { whole, chunked } = wholeAndChunked(t);
      assert.deepEqual(chunked, whole, JSON.stringify(mixed));
    }
  }
  for (const unit of listRuns) {
    const starts = chunkStarts(unit.repeat(Math.ceil(14_000 / unit.length)));
    assert.ok(starts.length >= 3, `${JSON.stringify(unit)} cut into ${starts.length}`);
  }
  for (const unit of listNearMisses)
    assert.deepEqual(chunkStarts(unit.repeat(Math.ceil(14_000 / unit.length))), [0], unit);
});

test('chunks never start inside fences, displays or comments', () => {
  const inside = (t: string, open: string, close: string) =>
    chunkStarts(t).filter((c) => c > t.indexOf(open) && c <= t.lastIndexOf(close));
  assert.deepEqual(inside(tricky[0], '```', '```'), []);
  assert.ok(chunkStarts(tricky[0]).includes(tricky[0].indexOf('b $y$')));
  assert.deepEqual(chunkStarts(tricky[1]), [0, tricky[1].indexOf('after')]);
  assert.deepEqual(chunkStarts(tricky[2]), [0, tricky[2].indexOf('$x = 1$')]);
});

test('an edit re-reads only its chunk and reuses the others', () => {
  const cache = new ReadCache();
  const text = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} with $x_${i} = ${i}$.`).join('\n\n');
  readDocument(text, 'markdown', cache);
  const edited = text.replace('Paragraph 25', 'Paragraph twenty-five');
  assert.deepEqual(readDocument(edited, 'markdown', cache), readDocument(edited, 'markdown'));
});

test('a document of more chunks than the cache holds still re-reads only the edited chunk', () => {
  // Counts the chunks read anew (each is stored once read).
  class CountingCache extends ReadCache {
    stored = 0;
    override set(...args: Parameters<ReadCache['set']>): void {
      this.stored++;
      super.set(...args);
    }
  }
  // Past the limit, at most two chunks the edits left behind are kept (the editor's cache keeps a
  // few hundred): the third is when the cache drops them all, not after every edit.
  const cache = new CountingCache(new Map(), 2);
  const text = Array.from({ length: 4100 }, (_, i) => `Part ${i}: $x_${i} = ${i}$.`).join('\n\n');
  readDocument(text, 'markdown', cache);
  assert.equal(cache.stored, 4100);
  const edited = text.replace('Part 2050:', 'Part two thousand fifty:');
  const read = readDocument(edited, 'markdown', cache);
  assert.equal(cache.stored, 4101, 'one chunk read anew');
  assert.equal(cache.size, 4101, 'the chunk the edit left behind is kept, below the stale bound');
  assert.deepEqual(read, readDocument(edited, 'markdown'));
  const again = edited.replace('Part 3000:', 'Part three thousand:');
  readDocument(again, 'markdown', cache);
  assert.equal(cache.size, 4102, 'two left behind: still kept');
  const third = again.replace('Part 1000:', 'Part one thousand:');
  const last = readDocument(third, 'markdown', cache);
  assert.equal(cache.stored, 4103, 'each edit read one chunk anew');
  assert.equal(cache.size, 4100, "three left behind: only the latest document's chunks are kept");
  assert.deepEqual(last, readDocument(third, 'markdown'));
});

test('chunk starts after an edit equal the starts of the whole text, under seeded random edits', () => {
  const samples = ['features.md', 'residual-upsampling-dropout.md']
    .map((f) => readFileSync(join(__dirname, '..', '..', '..', 'samples', f), 'utf8'))
    .join('\n\n');
  // Fences, `$$` displays, comments and long runs of headings: what keeps a chunk open or cuts it.
  const tricky = [
    '```\ncode\n\nmore\n```',
    '$$\na = b\n\nc = d\n$$',
    '<!-- a\n\ncomment -->',
    Array.from({ length: 300 }, (_, i) => `Heading ${i}\n===`).join('\n'),
    samples,
  ].join('\n\n');
  for (const seed of [61, 62, 63]) {
    const r = rng(seed);
    let text = tricky;
    let starts = chunkStarts(text);
    for (let k = 0; k < 60; k++) {
      const before = text;
      text = randomEdit(text, r);
      starts = chunkStartsAfterEdit(text, { text: before, starts });
      assert.deepEqual(starts, chunkStarts(text), `seed ${seed}, edit ${k + 1}`);
    }
  }
});

// Placements are reused only where their text and place hold.
test('chunks placed by the last read, under seeded random edits with stopped reads', () => {
  const samples = ['features.md', 'residual-upsampling-dropout.md']
    .map((f) => readFileSync(join(__dirname, '..', '..', '..', 'samples', f), 'utf8'))
    .join('\n\n');
  for (const seed of [81, 82]) {
    const r = rng(seed);
    const cache = new ReadCache();
    let text = samples;
    readDocument(text, 'markdown', cache);
    for (let k = 0; k < 40; k++) {
      text = randomEdit(text, r);
      if (k % 4 === 3) {
        // A read stopped early leaves the placements of an older text: the next read must not use them.
        let asked = 0;
        readDocument(text, 'markdown', cache, undefined, { shouldStop: () => ++asked > 5 });
        text = randomEdit(text, r);
      }
      assert.deepEqual(
        readDocument(text, 'markdown', cache),
        readDocument(text, 'markdown'),
        `seed ${seed}, edit ${k + 1}`,
      );
    }
  }
});

test('an edit that keeps the length: its chunk is read again, the others are the same items', () => {
  const cache = new ReadCache();
  const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} with $x_${i} = ${i + 10}$.`).join('\n\n');
  const first = readDocument(text, 'markdown', cache);
  const edited = text.replace('$x_20 = 30$', '$y_20 = 31$');
  const second = readDocument(edited, 'markdown', cache);
  assert.deepEqual(second, readDocument(edited, 'markdown'));
  const at = second.items.findIndex((it) => it.text.includes('y_20'));
  assert.equal(second.items[at].text, 'y_20 = 31');
  second.items.forEach((it, i) => {
    if (i !== at) assert.equal(it, first.items[i], `item ${i} is the last read's item itself`);
  });
});

test('same-length edits, some changing blocks, beside too-long passages: equal fresh reads', async () => {
  const { MAX_PASSAGE_CHARS } = await import('../../../server/src/document/readLimits');
  // Passages too long to read (a problem, no items) before and after the middle, tables, lists
  // and headings: a same-length edit can make a paragraph a heading or a list (another count of
  // blocks, so every later block number moves) or leave the blocks as they were.
  const long = 'x '.repeat(MAX_PASSAGE_CHARS / 2 + 8);
  const part = (i: number) =>
    [
      `## Part ${i}`,
      `Text $a_${i} = ${i}$ and more\ntext $b_${i}$.`,
      `| name | value |\n| --- | --- |\n| $w_${i}$ | ${i + 2} |`,
      `- item $c_${i}$\n- item $d_${i}$`,
    ].join('\n\n');
  const pieces = [part(1), long, part(2), part(3), part(4), long, part(5)];
  for (const seed of [91, 92, 93]) {
    const r = rng(seed);
    const cache = new ReadCache();
    const texts = [...pieces];
    let previous = readDocument(texts.join('\n\n'), 'markdown', cache);
    let kept = 0;
    let total = 0;
    for (let k = 0; k < 40; k++) {
      // One character of a part replaced by another (the long passages stay as they are).
      const p = [0, 2, 3, 4, 6][Math.floor(r() * 5)];
      const at = Math.floor(r() * texts[p].length);
      texts[p] = texts[p].slice(0, at) + '\n#-|$ 09x'[Math.floor(r() * 9)] + texts[p].slice(at + 1);
      const text = texts.join('\n\n');
      const got = readDocument(text, 'markdown', cache);
      assert.deepEqual(got, readDocument(text, 'markdown'), `seed ${seed}, edit ${k + 1}`);
      assert.equal(got.problems.filter((x) => x.code === 'input').length, 2);
      kept += got.items.filter((it, i) => it === previous.items[i]).length;
      total += got.items.length;
      previous = got;
    }
    // Most items are the last read's objects: the chunks away from each edit were taken whole.
    assert.ok(kept > 0.5 * total, `seed ${seed}: ${kept} of ${total} kept`);
  }
});

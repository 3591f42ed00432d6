// Chunked reading (for re-reading after edits) must give exactly the whole-document result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readDocument, ReadCache } from '../../../server/src/document';
import { chunkStarts } from '../../../server/src/document/chunks';

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
    assert.deepEqual(readDocument(t, 'markdown', new ReadCache()), readDocument(t, 'markdown'));
  }
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
  const cache = new CountingCache();
  const text = Array.from({ length: 4100 }, (_, i) => `Part ${i}: $x_${i} = ${i}$.`).join('\n\n');
  readDocument(text, 'markdown', cache);
  assert.equal(cache.stored, 4100);
  const edited = text.replace('Part 2050:', 'Part two thousand fifty:');
  const read = readDocument(edited, 'markdown', cache);
  assert.equal(cache.stored, 4101, 'one chunk read anew');
  assert.equal(cache.size, 4100, "only the latest document's chunks are kept past the limit");
  assert.deepEqual(read, readDocument(edited, 'markdown'));
});

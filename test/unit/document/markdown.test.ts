import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readDocument } from '../../../server/src/document/index';
import { Collector } from '../../../server/src/document/common';
import { readMarkdown } from '../../../server/src/document/markdown';
import { at, directives, read, spans, texts } from './helpers';
import { cpuMs } from '../../support/cpuTime';

describe('markdown: inline and display math in paragraphs', () => {
  test('inline $ spans share the paragraph block; offsets are exact', () => {
    const src = 'Let $a = 1$ and $b$.\n\nNext $c$.';
    const r = read(src);
    const s = spans(r);
    assert.deepEqual(texts(r), ['a = 1', 'b', 'c']);
    assert.equal(s[0].start, at(src, 'a = 1'));
    assert.equal(s[0].end, at(src, 'a = 1') + 5);
    assert.equal(s[0].outerStart, at(src, '$a'));
    assert.equal(s[0].outerEnd, at(src, ' and'));
    assert.deepEqual(
      s.map((x) => x.display),
      [false, false, false],
    );
    assert.equal(s[0].block, s[1].block);
    assert.ok(s[2].block > s[1].block);
    assert.equal(s[0].parentBlock, undefined);
    assert.deepEqual(r.problems, []);
  });

  test('$$ display block on its own lines gets its own block', () => {
    const src = 'Text $x$\n\n$$\nx = y + 1\n$$\n\nAfter $z$';
    const r = read(src);
    const s = spans(r);
    assert.deepEqual(texts(r), ['x', '\nx = y + 1\n', 'z']);
    assert.equal(s[1].display, true);
    assert.equal(s[1].outerStart, at(src, '$$'));
    assert.equal(s[1].start, at(src, '$$') + 2);
    assert.equal(s[1].end, at(src, '$$', 1));
    assert.equal(s[1].outerEnd, at(src, '$$', 1) + 2);
    assert.ok(s[0].block < s[1].block && s[1].block < s[2].block);
    assert.equal(s[1].parentBlock, 0);
  });

  test('$$ … $$ inside a paragraph, on one line and across lines', () => {
    const src = 'We have $$a = b$$ and\n$$c\n= d$$ so $e$.';
    const r = read(src);
    const s = spans(r);
    assert.deepEqual(texts(r), ['a = b', 'c\n= d', 'e']);
    assert.deepEqual(
      s.map((x) => x.display),
      [true, true, false],
    );
    assert.notEqual(s[0].block, s[1].block);
    assert.equal(s[0].parentBlock, s[2].block);
    assert.equal(s[1].parentBlock, s[2].block);
    assert.ok(s[0].block > s[2].block, 'the paragraph opened before its displays');
  });

  test('display opened as `$$\\begin{aligned}` and closed at a line end (d2l style)', () => {
    const src =
      'Intro:\n\n$$\\begin{aligned}\na &= b \\\\\n  &= c\n\\end{aligned}$$\n\nText $x$ ' +
      'here.\n\n$$\ny = 1\n$$\n';
    const r = read(src);
    assert.deepEqual(texts(r), ['\\begin{aligned}\na &= b \\\\\n  &= c\n\\end{aligned}', 'x', '\ny = 1\n']);
    assert.deepEqual(
      spans(r).map((s) => s.display),
      [true, false, true],
    );
    assert.deepEqual(r.problems, []);
  });

  test('bare $$ opener closed at the end of a content line', () => {
    const src = '$$\n\\begin{aligned}\nE[o] &= 0, \\end{aligned}$$\n\nand the variance:\n\n$$\nV = 1\n$$\n';
    const r = read(src);
    assert.deepEqual(texts(r), ['\n\\begin{aligned}\nE[o] &= 0, \\end{aligned}', '\nV = 1\n']);
    assert.deepEqual(r.problems, []);
  });

  test('the pre-pass gives the same result as re-parsing alone', () => {
    const docs = [
      '$$x\n$$y\n$$z\n$$w\n',
      'a\n$$\\begin{x}\n1\\end{x}$$\nb\n$$\n2\n$$\n$$3\n4$$\n',
      '> $$a\n> b$$\n>\n> $$\n> c\n> $$\n',
      '- $$p\n  q$$\n- $$\n  r\n  $$\n',
    ];
    for (const doc of docs) {
      const a = new Collector(doc);
      const b = new Collector(doc);
      readMarkdown(doc, a);
      readMarkdown(doc, b, { preMask: false });
      assert.deepEqual(a.items, b.items, JSON.stringify(doc));
      assert.deepEqual(a.problems, b.problems, JSON.stringify(doc));
    }
  });

  test('\\( \\) and \\[ \\] and kramdown \\\\( \\\\) / \\\\[ \\\\]', () => {
    const src = 'Let \\(x_i\\) be and \\[y = 2\\] then \\\\( z \\\\) and \\\\[ w \\\\].';
    const r = read(src);
    const s = spans(r);
    assert.deepEqual(texts(r), ['x_i', 'y = 2', ' z ', ' w ']);
    assert.deepEqual(
      s.map((x) => x.display),
      [false, true, false, true],
    );
    assert.equal(s[0].outerStart, at(src, '\\(x_i'));
    assert.equal(s[0].outerEnd, at(src, '\\)') + 2);
    assert.equal(s[2].outerStart, at(src, '\\\\( z'));
    assert.equal(s[2].start, at(src, ' z \\\\)'));
    assert.equal(s[2].outerEnd, at(src, '\\\\)') + 3);
    assert.equal(s[0].block, s[2].block);
    assert.notEqual(s[1].block, s[0].block);
    assert.notEqual(s[3].block, s[1].block);
  });

  test('\\[ … \\] across lines in a paragraph', () => {
    const src = 'So\n\\[\na = b\n\\]\nholds.';
    const r = read(src);
    assert.deepEqual(texts(r), ['\na = b\n']);
    assert.equal(spans(r)[0].display, true);
  });

  test('escaped \\$ is not a delimiter; currency is not math', () => {
    const src = 'It costs $5 and $10 today. A literal \\$x\\$ too. But $y$ is math.';
    const r = read(src);
    assert.deepEqual(texts(r), ['y']);
    assert.deepEqual(r.problems, []);
  });

  test('pandoc rule: "$ x$" and "$x $" are not math', () => {
    const r = read('a $ x$ b and c $y $ d');
    assert.deepEqual(texts(r), []);
  });

  test('an unclosed inline $ that looks like math is reported; a lone currency is not', () => {
    const r1 = read('The $x is wrong.');
    assert.equal(r1.problems.length, 1);
    assert.equal(r1.problems[0].code, 'unclosed-math');
    assert.equal(r1.problems[0].start, 4);
    const r2 = read('It costs $5.');
    assert.deepEqual(r2.problems, []);
  });
});

describe('markdown: code, HTML and other places where math is not read', () => {
  test('fenced code, indented code and inline code are skipped', () => {
    const src =
      'A `$no$` and $yes$.\n\n```python\nx = "$no$"\n$$\n```\n\n    ' +
      '$indented$\n\n~~~\n\\(no\\)\n~~~\n\nEnd $e$.';
    const r = read(src);
    assert.deepEqual(texts(r), ['yes', 'e']);
    assert.deepEqual(r.problems, []);
  });

  test('inline code inside \\( … \\) is skipped over, and `\\(` in code is not an opener', () => {
    const r = read('Code `\\(x\\)` then \\(y\\).');
    assert.deepEqual(texts(r), ['y']);
  });

  test('HTML comments are not read; the text of HTML blocks is, as MathJax typesets it', () => {
    const src = '<!-- $no$ -->\n\nText <!-- $no$ --> $yes$\n\n<div>\n$also$\n</div>\n';
    const r = read(src);
    assert.deepEqual(texts(r), ['yes', 'also']);
  });

  test('in an HTML block, code, scripts, attributes and comments are not read', () => {
    const src =
      '<div><p>$a$ <code>$b$</code></p>\n<pre>$c$</pre><script>"$d$"</script>\n' +
      '<img alt="$e$"> <!-- $f$ --> <em>$g$</em></div>\n';
    const r = read(src);
    assert.deepEqual(texts(r), ['a', 'g']);
  });

  test('each block-level element of an HTML block is a block of its own', () => {
    const r = read('<ul>\n<li>$a$</li>\n<li>$b$</li>\n</ul>\n');
    const blocks = spans(r).map((s) => s.block);
    assert.equal(blocks.length, 2);
    assert.notEqual(blocks[0], blocks[1]);
  });

  test('headings and table cells are blocks', () => {
    const src = '# Title $h$\n\n| a | b |\n|---|---|\n| $x$ | $y$ `$c$` |\n\nSetext $s$\n===\n';
    const r = read(src);
    const s = spans(r);
    assert.deepEqual(texts(r), ['h', 'x', 'y', 's']);
    assert.equal(new Set(s.map((x) => x.block)).size, 4);
    assert.equal(s[1].start, at(src, 'x$'));
  });
});

describe('markdown: containers', () => {
  test('indented display inside a list item', () => {
    const src = '1. Let $x$ be\n\n   $$\n   y = 2x\n   $$\n2. next $z$\n   $$w\n   = 1$$\n';
    const r = read(src);
    const s = spans(r);
    assert.deepEqual(texts(r), ['x', '\n   y = 2x\n   ', 'z', 'w\n   = 1']);
    assert.equal(s[1].start, at(src, '$$') + 2);
    assert.equal(s[1].end, at(src, '$$', 1));
    // A list item is one block; its displays sit inside it.
    assert.equal(s[1].parentBlock, s[0].block);
    assert.equal(s[3].parentBlock, s[2].block);
    assert.notEqual(s[0].block, s[2].block);
  });

  test('two paragraphs of one list item share its block', () => {
    const r = read('- $a$\n\n  $b$\n- $c$\n');
    const s = spans(r);
    assert.equal(s[0].block, s[1].block);
    assert.notEqual(s[1].block, s[2].block);
  });

  test('block quote: `>` markers inside a display are blanked', () => {
    const src = '> Let $a = 1$ and\n> $$\n> b = a +\n> 1\n> $$\n> and $$c\n> = d$$ ok';
    const r = read(src);
    const s = spans(r);
    assert.deepEqual(texts(r), ['a = 1', '\n  b = a +\n  1\n  ', 'c\n  = d']);
    assert.equal(s[1].start, at(src, '$$') + 2);
    assert.equal(s[1].end, at(src, '$$', 1));
    assert.equal(s[2].start, at(src, 'c\n'));
    assert.deepEqual(
      s.map((x) => x.display),
      [false, true, true],
    );
  });

  test('nested block quote keeps a `>` that belongs to the math', () => {
    const src = '> > $$\n> > a\n> > > 0\n> > $$\n';
    const r = read(src);
    assert.deepEqual(texts(r), ['\n    a\n    > 0\n    ']);
  });

  test('tabs: tab-indented list item with a display', () => {
    const src = '-\tItem $a$\n\t$$\n\tb\t= 1\n\t$$\n';
    const r = read(src);
    const s = spans(r);
    assert.deepEqual(texts(r), ['a', '\n b\t= 1\n ']);
    assert.equal(s[1].start, at(src, '$$') + 2);
    assert.equal(s[1].end, at(src, '$$', 1));
  });
});

describe('markdown: directives', () => {
  test('single-line directive with ; separated statements', () => {
    const src = '<!-- derive: x \\in \\mathbb{R}; trials 50 ;; -->\n\nText.';
    const r = read(src);
    const d = directives(r);
    assert.deepEqual(texts(r), ['x \\in \\mathbb{R}', 'trials 50']);
    assert.equal(d[0].start, at(src, 'x \\in'));
    assert.equal(d[0].end, at(src, ';'));
    assert.equal(d[1].start, at(src, 'trials'));
    assert.equal(d[1].end, at(src, 'trials') + 9);
    assert.equal(d[0].block, 0);
  });

  test('block directive: one statement per line, ; also splits', () => {
    const src = '<!-- derive\n  n = 3\n\n  seed 3; tolerance 1e-6\nassume s \\mid i\n-->\n';
    const r = read(src);
    assert.deepEqual(texts(r), ['n = 3', 'seed 3', 'tolerance 1e-6', 'assume s \\mid i']);
    for (const d of directives(r)) assert.equal(src.slice(d.start, d.end), d.text);
  });

  test('inline directive inside a paragraph takes the paragraph block and keeps order', () => {
    const src = 'Let $a$ <!-- derive: a = 2 --> and $b$.';
    const r = read(src);
    assert.deepEqual(texts(r), ['a', 'a = 2', 'b']);
    assert.equal(r.items[1].block, r.items[0].block);
  });

  test('directive in a block quote: markers are not part of statements', () => {
    const src = '> <!-- derive\n> v = 0.1\n> -->\n';
    const r = read(src);
    assert.deepEqual(texts(r), ['v = 0.1']);
  });

  test('other comments and lookalikes are ignored', () => {
    const r = read('<!-- derived: no -->\n<!-- note: x -->\n<!---->\n<!-- derive -->\n');
    assert.deepEqual(r.items, []);
    assert.deepEqual(r.problems, []);
  });

  test('skip: the next math span is not read', () => {
    const r = read('<!-- derive: skip -->\n$$\na = b\n$$\n\nThen $c$ and $d$.');
    assert.deepEqual(texts(r), ['c', 'd']);
    const r2 = read('Text <!-- derive: skip --> $a$ $b$');
    assert.deepEqual(texts(r2), ['b']);
  });

  test('off / on: no math in between; other statements still pass', () => {
    const src =
      '$a$\n\n<!-- derive: off -->\n$b$ \\(c\\)\n\n<!-- derive: n = 2 -->\n\n$$\nd\n$$\n<!-- ' +
      'derive: on -->\n\n$e$';
    const r = read(src);
    assert.deepEqual(texts(r), ['a', 'n = 2', 'e']);
  });

  test('unterminated derive comment is a problem', () => {
    const r1 = read('<!-- derive: a = 1\n\nmore $x$');
    assert.equal(r1.problems.length, 1);
    assert.equal(r1.problems[0].code, 'directive');
    assert.equal(r1.problems[0].start, 0);
    const r2 = read('Text <!-- derive: a\n\nmore');
    assert.equal(r2.problems[0].code, 'directive');
    assert.equal(r2.problems[0].start, 5);
  });
});

describe('markdown: problems and robustness', () => {
  test('unclosed $$ display', () => {
    const src = 'Intro $a$.\n\n$$\nx = 1\n\nno close here $b$';
    const r = read(src);
    assert.equal(r.problems.length, 1);
    const p = r.problems[0];
    assert.equal(p.code, 'unclosed-math');
    assert.equal(p.start, at(src, '$$'));
    assert.equal(p.end, at(src, '$$') + 2);
    assert.match(p.message, /never closed.*\$\$/);
    assert.deepEqual(texts(r), ['a', 'b']);
  });

  test('unclosed \\[ display', () => {
    const src = 'See \\[ x = 1\n\nnext';
    const r = read(src);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].start, 4);
    assert.match(r.problems[0].message, /\\\]/);
  });

  test('an escaped bracket \\[ in a sentence of words is not a display', () => {
    const r = read('Write \\[ to get a literal bracket in Markdown.\n\nNext $a$.');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(texts(r), ['a']);
  });

  test('CRLF line endings keep offsets exact', () => {
    const src =
      'a $x$\r\nb\r\n\r\n$$\r\ny = 1\r\n$$\r\n\r\n> $$\r\n> z\r\n> $$\r\n\r\n<!-- derive\r\nn = 2\r\n-->\r\n';
    const r = read(src);
    assert.deepEqual(texts(r), ['x', '\r\ny = 1\r\n', '\r\n  z\r\n  ', 'n = 2']);
    const s = spans(r);
    assert.equal(s[1].start, at(src, '$$') + 2);
    assert.equal(directives(r)[0].start, at(src, 'n = 2'));
  });

  test('a BOM at the start does not shift offsets', () => {
    const src = '\uFEFF$x$ and\n\n$$\ny\n$$\n';
    const r = read(src);
    const s = spans(r);
    assert.deepEqual(texts(r), ['x', '\ny\n']);
    assert.equal(s[0].start, 2);
    assert.equal(s[1].outerStart, at(src, '$$'));
  });

  test('empty and whitespace documents', () => {
    assert.deepEqual(readDocument('', 'markdown'), { kind: 'markdown', items: [], problems: [] });
    assert.deepEqual(read('  \n\n\t\n').items, []);
  });

  test('never throws on odd input', () => {
    const odd = [
      '$',
      '$$',
      '\\',
      '\\\\',
      '<!--',
      '<!-- derive',
      '`',
      '> $$',
      '- $$\n',
      '$$$',
      '$$$$',
      '\\[',
      '\\\\(',
      '\u0000$x$',
      '\uFEFF',
      '\r',
      '\r\r$x$',
    ];
    for (const s of odd) read(s);
    // Not a string at all.
    const r = readDocument(undefined as unknown as string, 'markdown');
    assert.equal(r.problems[0].code, 'input');
  });

  test('deterministic', () => {
    const src = 'a $x$ $$y$$ \\(z\\)\n\n$$w\n1$$\n';
    assert.deepEqual(readDocument(src, 'markdown'), readDocument(src, 'markdown'));
  });

  test('pathological input stays fast', () => {
    const inputs = [
      '$5 '.repeat(5000),
      '\\( '.repeat(5000),
      '$$x\n'.repeat(2000),
      '> $$x\n'.repeat(2000),
      '<!-- derive: a '.repeat(2000),
    ];
    for (const s of inputs) {
      const t0 = cpuMs();
      read(s);
      assert.ok(cpuMs() - t0 < 2000, `fast on ${JSON.stringify(s.slice(0, 12))}…`);
    }
  });
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readDocument } from '../../../server/src/document/index';
import { at, directives, read, spans, texts } from './helpers';
import { cpuMs } from '../../support/cpuTime';

const L = (src: string) => read(src, 'latex');

describe('latex: math delimiters', () => {
  test('$…$, \\(…\\), $$…$$, \\[…\\] with exact offsets', () => {
    const src = 'Let $a = 1$ and \\(b\\). Then $$c = 2$$ and \\[ d \\] end.';
    const r = L(src);
    const s = spans(r);
    assert.deepEqual(texts(r), ['a = 1', 'b', 'c = 2', ' d ']);
    assert.deepEqual(
      s.map((x) => x.display),
      [false, false, true, true],
    );
    assert.equal(s[0].start, at(src, 'a = 1'));
    assert.equal(s[1].outerStart, at(src, '\\(b'));
    assert.equal(s[1].outerEnd, at(src, '\\)') + 2);
    assert.equal(s[2].outerStart, at(src, '$$c'));
    assert.equal(s[2].outerEnd, at(src, '$$ and') + 2);
    assert.equal(s[3].start, at(src, ' d '));
    // Inline spans share the paragraph; displays get their own block inside it.
    assert.equal(s[0].block, s[1].block);
    assert.equal(s[2].parentBlock, s[0].block);
    assert.equal(s[3].parentBlock, s[0].block);
    assert.notEqual(s[2].block, s[3].block);
  });

  test('\\$ and \\% are literals', () => {
    const r = L('Price \\$5 and 50\\% off, then $x \\$ y$.');
    assert.deepEqual(texts(r), ['x \\$ y']);
  });

  test('environments: body is the text, env keeps the star, display is true', () => {
    const src =
      '\\begin{equation}\n  a = b\n\\end{equation}\n\\begin{align*}\n  x &= 1 \\\\\n  y &= ' +
      '2\n\\end{align*}\n' +
      '\\begin{gather}g\\end{gather}\\begin{multline*}m\\end{multline*}\\begin{flalign}f\\end{flalign}' +
      '\\begin{eqnarray}e\\end{eqnarray}\\begin{alignat*}{2} q &= 1 \\end{alignat*}';
    const r = L(src);
    const s = spans(r);
    assert.deepEqual(
      s.map((x) => x.env),
      ['equation', 'align*', 'gather', 'multline*', 'flalign', 'eqnarray', 'alignat*'],
    );
    assert.deepEqual(texts(r), [
      '\n  a = b\n',
      '\n  x &= 1 \\\\\n  y &= 2\n',
      'g',
      'm',
      'f',
      'e',
      ' q &= 1 ',
    ]);
    assert.ok(s.every((x) => x.display));
    assert.equal(s[0].outerStart, 0);
    assert.equal(s[0].start, '\\begin{equation}'.length);
    assert.equal(s[0].outerEnd, at(src, '\\end{equation}') + '\\end{equation}'.length);
    assert.equal(new Set(s.map((x) => x.block)).size, s.length);
  });

  test('nested layout environments stay inside the body', () => {
    const src = '\\begin{equation*}\n\\begin{split}\na &= b \\\\ &= c\n\\end{split}\n\\end{equation*}';
    const r = L(src);
    assert.deepEqual(texts(r), ['\n\\begin{split}\na &= b \\\\ &= c\n\\end{split}\n']);
  });

  test('a `$` inside \\text{…} does not end inline math', () => {
    const r = L('$f(x) = 1 \\text{ if $x > 0$}$ and $y$');
    assert.deepEqual(texts(r), ['f(x) = 1 \\text{ if $x > 0$}', 'y']);
  });
});

describe('latex: what is skipped', () => {
  test('comments, with comment text blanked inside math', () => {
    const src = 'A % $no$ here\n$x + % note\n y$ 100\\% $z$';
    const r = L(src);
    assert.deepEqual(texts(r), ['x +       \n y', 'z']);
    assert.equal(spans(r)[0].start, at(src, 'x +'));
  });

  test('verbatim, lstlisting, minted, comment environments and \\verb', () => {
    const src =
      '\\begin{verbatim}\n$no$\n\\end{verbatim}\n\\begin{lstlisting}[x]\n$no$\n\\end{lstlisting}\n' +
      '\\begin{minted}{python}\n$no$\n\\end{minted}\n\\begin{comment}\n$no$ \\begin{equation} ' +
      '\\end{comment}\n' +
      '\\verb|$no$| \\verb+\\(no\\)+ \\verb*!$no$! $yes$\n\\iffalse $no$ \\fi $also$';
    const r = L(src);
    assert.deepEqual(texts(r), ['yes', 'also']);
    assert.deepEqual(r.problems, []);
  });

  test('the preamble is ignored (its directives are read); nothing after \\end{document}', () => {
    const src =
      '\\documentclass{article}\n\\newcommand{\\R}{$\\mathbb{R}$}\n% derive: trials 50\n% ' +
      '\\begin{document} in a comment\n' +
      '\\begin{document}\nBody $x$.\n\\end{document}\n$after$';
    const r = L(src);
    assert.deepEqual(texts(r), ['trials 50', 'x']);
  });

  test('without \\begin{document} the whole file is read', () => {
    assert.deepEqual(texts(L('Fragment $x$.')), ['x']);
  });
});

describe('latex: directives and blocks', () => {
  test('% derive: statements separated by ;', () => {
    const src = 'Text.\n% derive: x \\in \\mathbb{R}^{n}; seed 3\n%derive: tolerance 1e-6\n$x$';
    const r = L(src);
    const d = directives(r);
    assert.deepEqual(texts(r), ['x \\in \\mathbb{R}^{n}', 'seed 3', 'tolerance 1e-6', 'x']);
    assert.equal(d[0].start, at(src, 'x \\in'));
    assert.equal(d[1].end, at(src, 'seed 3') + 6);
    assert.equal(d[2].start, at(src, 'tolerance'));
  });

  test('skip and off/on', () => {
    const src =
      '% derive: skip\n$a$ $b$\n% derive: off\n$c$ \\begin{equation} d \\end{equation}\n% derive: on\n$e$';
    assert.deepEqual(texts(L(src)), ['b', 'e']);
  });

  test('blank lines, \\item and \\section start new blocks', () => {
    const src = '$a$ $b$\n\n$c$\n\\begin{itemize}\n\\item $d$\n\\item $e$\n\\end{itemize}\n\\section{S}\n$f$';
    const s = spans(L(src));
    assert.equal(s[0].block, s[1].block);
    const blocks = s.map((x) => x.block);
    assert.equal(new Set(blocks.slice(1)).size, 5);
    for (let i = 1; i < blocks.length; i++) assert.ok(blocks[i] >= blocks[i - 1]);
  });
});

describe('latex: problems and robustness', () => {
  test('unclosed $, $$, \\(, \\[ stop at a blank line; unclosed environments are reported', () => {
    const src = '$a\n\n$$b\n\n\\(c\n\n\\[d\n\n\\begin{align}\nx &= 1\n';
    const r = L(src);
    assert.deepEqual(r.items, []);
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.start, p.end]),
      [
        ['unclosed-math', 0, 1],
        ['unclosed-math', at(src, '$$'), at(src, '$$') + 2],
        ['unclosed-math', at(src, '\\('), at(src, '\\(') + 2],
        ['unclosed-math', at(src, '\\['), at(src, '\\[') + 2],
        ['unclosed-math', at(src, '\\begin'), at(src, '\\begin') + '\\begin{align}'.length],
      ],
    );
    assert.match(r.problems[1].message, /\$\$/);
    assert.match(r.problems[3].message, /\\\]/);
    assert.match(r.problems[4].message, /\\end\{align\}/);
  });

  test('CRLF and BOM keep offsets exact', () => {
    const src = '\uFEFFA $x$\r\n\r\n\\begin{equation}\r\ny = 1\r\n\\end{equation}\r\n% derive: n = 2\r\n';
    const r = L(src);
    assert.deepEqual(texts(r), ['x', '\r\ny = 1\r\n', 'n = 2']);
    assert.equal(spans(r)[0].start, at(src, 'x$'));
    const s = spans(r);
    assert.notEqual(s[0].block, s[1].parentBlock, 'blank CRLF line ends the paragraph');
  });

  test('empty document and odd input never throw', () => {
    assert.deepEqual(readDocument('', 'latex'), { kind: 'latex', items: [], problems: [] });
    for (const s of [
      '$',
      '\\',
      '%',
      '\\begin',
      '\\begin{',
      '\\begin{equation',
      '\\verb',
      '\\verb|',
      '\\iffalse',
      '$$',
      '\\end{document}',
      '\\(\\)',
    ])
      L(s);
  });

  test('pathological input stays fast', () => {
    for (const s of [
      '\\( '.repeat(5000),
      '\\begin{align} '.repeat(5000),
      '\\begin{'.repeat(5000),
      '$'.repeat(5000),
    ]) {
      const t0 = cpuMs();
      L(s);
      assert.ok(cpuMs() - t0 < 1000);
    }
  });
});

// Where derivations are written: the notebook reader, front matter, pieces read on their own,
// LaTeX projects (includes, magic root, cycles, depth), and the composite's map back to files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNotebook } from '../../../server/src/document/notebook';
import { blankFrontMatter } from '../../../server/src/document/frontMatter';
import { formatFromPath, kindFromPath, readDocument } from '../../../server/src/document';
import { formatFromLanguage, loadInput } from '../../../server/src/document/formats';
import { findIncludes, latexProject, magicRoot, MAX_DEPTH } from '../../../server/src/document/latexProject';
import { locate, notebookComposite, Placer, toComposite } from '../../../server/src/document/composite';
import { checkComposite, splitByFile } from '../../../server/src/check/inputs';
import {
  checkPath,
  nodeFileSystem,
  nodePaths,
  planInputs,
  readTextFile,
} from '../../../server/src/files/inputs';
import { read } from './helpers';

test('formats: extensions and editor languages choose the reader', () => {
  assert.equal(formatFromPath('a/notes.qmd'), 'markdown');
  assert.equal(formatFromPath('a/notes.Rmd'), 'markdown');
  assert.equal(formatFromPath('a/b.IPYNB'), 'notebook');
  assert.equal(formatFromPath('main.tex'), 'latex');
  assert.equal(formatFromPath('x.py'), null);
  assert.equal(formatFromPath('ipynb'), null);
  // A notebook is not a text the Markdown reader can take as it is.
  assert.equal(kindFromPath('b.ipynb'), null);
  assert.equal(kindFromPath('b.rmd'), 'markdown');
  assert.equal(formatFromLanguage('quarto'), 'markdown');
  assert.equal(formatFromLanguage('rmd'), 'markdown');
  assert.equal(formatFromLanguage('python'), null);
});

test('notebook: Markdown cells in order, cell numbers among all cells, offsets into the JSON', () => {
  const raw = JSON.stringify(
    {
      cells: [
        { cell_type: 'markdown', source: ['Let $x \\in \\mathbb{R}$.\n', 'Tab\there "q"'] },
        { cell_type: 'code', source: '$1 + 1 = 3$', outputs: [{ text: '$2 = 3$' }] },
        { cell_type: 'markdown', source: 'é $x = x$' },
      ],
      nbformat: 4,
    },
    null,
    1,
  );
  const nb = readNotebook(raw);
  assert.equal(nb.problem, undefined);
  assert.deepEqual(
    nb.cells.map((c) => [c.cell, c.type]),
    [
      [1, 'markdown'],
      [2, 'code'],
      [3, 'markdown'],
    ],
  );
  const first = nb.cells[0];
  assert.equal(first.text, 'Let $x \\in \\mathbb{R}$.\nTab\there "q"');
  assert.equal(first.raw.length, first.text.length + 1);
  // Every character maps to where it is written in the file: itself, or its escape.
  for (let i = 0; i < first.text.length; i++) {
    const ch: string = first.text[i];
    const at = raw[first.raw[i]];
    if (at === '\\') assert.ok(['\\', '\n', '\t', '"'].includes(ch), `escape for ${JSON.stringify(ch)}`);
    else assert.equal(at, ch);
  }
  assert.equal(nb.cells[2].text, 'é $x = x$');
});

test(
  'notebook: malformed JSON and a JSON that is not a notebook are problems with an offset, ' + 'never throws',
  () => {
    const bad = '{"cells": [\n {"cell_type": "markdown", "source": "$1$"}\n {"x": 1}]}';
    const r = readNotebook(bad);
    assert.deepEqual(r.cells, []);
    assert.match(r.problem!.message, /malformed.*expected ',' or '\]'/);
    assert.equal(bad.slice(r.problem!.start, r.problem!.start + 6), '{"x": ');
    assert.match(readNotebook('[1, 2]').problem!.message, /"cells" array/);
    assert.match(readNotebook('').problem!.message, /ends too early/);
    assert.match(readNotebook('{"a": "unclosed').problem!.message, /never closed/);
    assert.match(readNotebook('['.repeat(5000)).problem!.message, /nested more than/);
    // nbformat 3 keeps its cells in worksheets, the source under "input" for code.
    const v3 = readNotebook(
      JSON.stringify({ worksheets: [{ cells: [{ cell_type: 'markdown', source: ['$a$'] }] }] }),
    );
    assert.deepEqual(
      v3.cells.map((c) => c.text),
      ['$a$'],
    );
  },
);

test('front matter is blanked in place; a document without it is untouched', () => {
  const doc = '---\ntitle: "Costs in $ and $"\n---\n\n$1 + 1 = 2$\n';
  const blanked = blankFrontMatter(doc);
  assert.equal(blanked.length, doc.length);
  assert.equal(blanked.slice(blanked.indexOf('$1')), '$1 + 1 = 2$\n');
  assert.ok(!blanked.slice(0, 30).includes('$'));
  const r = read(doc);
  assert.deepEqual(
    r.items.map((i) => i.text),
    ['1 + 1 = 2'],
  );
  // A thematic break that is not closed as front matter stays prose.
  assert.equal(blankFrontMatter('---\n$a$ text\n'), '---\n$a$ text\n');
  assert.equal(blankFrontMatter('text\n---\n$a$\n---\n'), 'text\n---\n$a$\n---\n');
  // Pandoc also closes front matter with `...`.
  assert.equal(read('---\nx: $y$\n...\n$z$\n').items.length, 1);
});

test('code chunks of Quarto and R Markdown are code: a $ inside them is no math', () => {
  const doc =
    '```{r}\ndf$x <- "$1 + 1 = 3$"\n```\n\n```{python echo=FALSE}\ns = "$a$"\n```\n\n$2 + 2 = 4$ ' +
    'and `r "$b$"`\n';
  assert.deepEqual(
    read(doc).items.map((i) => i.text),
    ['2 + 2 = 4'],
  );
});

test('pieces are read on their own: an unclosed $$ or fence in one cell stays in that cell', () => {
  const c = notebookComposite('nb.ipynb', '', [
    { cell: 1, text: 'open $$a + b\n' },
    { cell: 2, text: '```\nunclosed fence' },
    { cell: 4, text: '$c = 1$ then\n\n$$c + 1 = 2$$' },
  ]);
  const r = readDocument(c.text, 'markdown', undefined, c.pieces);
  const spans = r.items.filter((i) => i.kind === 'math');
  assert.deepEqual(
    spans.map((s) => s.text),
    ['c = 1', 'c + 1 = 2'],
  );
  assert.ok(r.problems.some((p) => p.code === 'unclosed-math' && locate(c, p.start).cell === 1));
  // Blocks stay distinct across cells.
  const blocks = new Set(spans.map((s) => s.block));
  assert.equal(blocks.size, 2);
  for (const s of spans) assert.equal(locate(c, s.start).cell, 4);
  // Round trip: a cell offset → composite → the same cell offset.
  const part = 2;
  const at = toComposite(c, part, 9)!;
  assert.deepEqual([locate(c, at).part, locate(c, at).offset], [part, 9]);
});

test('a notebook is checked as one derivation: a definition in one cell is known in the next', () => {
  const c = notebookComposite('nb.ipynb', '', [
    { cell: 1, text: 'Let $a \\in \\mathbb{R}$ and $b = 2a$.' },
    { cell: 3, text: 'So $$b - a = a$$\n\nbut $$b - a = 2a$$' },
  ]);
  const r = checkComposite(c);
  assert.deepEqual(
    r.claims.map((x) => x.verdict),
    ['verified', 'refuted'],
  );
  const placer = new Placer(c);
  const p = placer.place(r.claims[1].opStart);
  assert.deepEqual([p.cell, p.line, p.column], [3, 2, 12]);
});

let dir = '';
test.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'derivcheck-formats-'));
});
test.after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const fs = nodeFileSystem(readTextFile);
const textOf = (p: string): string => {
  const r = readTextFile(p);
  if ('error' in r) throw new Error(r.error);
  return r.text;
};

test('LaTeX includes: commands outside comments and verbatim, with or without .tex', () => {
  const t =
    '\\input{a}\n% \\input{b}\n\\include ' +
    '{c.tex}\\verb|\\input{d}|\n\\begin{verbatim}\n\\input{e}\n\\end{verbatim}\n\\subfile{f}\\includeonly{g}\\input{}';
  assert.deepEqual(
    findIncludes(t).map((x) => [x.command, x.name]),
    [
      ['input', 'a'],
      ['include', 'c.tex'],
      ['subfile', 'f'],
    ],
  );
  assert.equal(magicRoot('% !TEX root = ../main.tex\nx'), '../main.tex');
  assert.equal(magicRoot('%!TeX root=main.tex'), 'main.tex');
  assert.equal(magicRoot('text % !TEX root = main.tex'), null);
});

test(
  'LaTeX project: reading order, diagnostics in the including file, cycles and missing files ' + 'reported',
  () => {
    mkdirSync(join(dir, 'p', 'ch'), { recursive: true });
    const root = join(dir, 'p', 'main.tex');
    writeFileSync(
      root,
      '% derive: n \\in \\{3\\}\n\\begin{document}\n$a = n + ' +
        '1$\n\\input{ch/one}\n\\input{ch/none}\n$$a + b = 9$$\n\\end{document}\n',
    );
    writeFileSync(
      join(dir, 'p', 'ch', 'one.tex'),
      '% !TEX root = ../main.tex\n$b = a + 1$ and $$b = 5$$\n\\input{main}\n',
    );
    const c = latexProject(root, textOf(root), fs, nodePaths);
    assert.deepEqual(
      c.files.map((f) => f.path.slice(dir.length)),
      ['/p/main.tex', '/p/ch/one.tex'],
    );
    const r = checkComposite(c);
    assert.deepEqual(
      r.claims.map((x) => x.verdict),
      ['verified', 'verified'],
    );
    const byFile = splitByFile(c, r);
    assert.deepEqual(
      byFile.map((f) => f.result.claims.map((x) => x.text)),
      [['a + b = 9'], ['b = 5']],
    );
    const placer = new Placer(c);
    const problems = r.problems.map((p) => {
      const at = placer.place(p.start);
      return `${at.path.slice(dir.length)}:${at.line + 1}:${at.column + 1}: ${p.message}`;
    });
    assert.equal(problems.length, 2);
    // In reading order: the cycle inside one.tex comes before the missing file after it.
    assert.match(problems[1], /^\/p\/main\.tex:5:1: \\input\{ch\/none\}: cannot find ch\/none\.tex/);
    assert.match(
      problems[0],
      /^\/p\/ch\/one\.tex:3:1: \\input\{main\} includes a file that is already being read \(main\.tex → one\.tex → main\.tex\)/,
    );
  },
);

test(
  'LaTeX project: an included file given alone is checked in the context of its root, reporting ' +
    'only itself',
  () => {
    const one = join(dir, 'p', 'ch', 'one.tex');
    const checked = checkPath(one, {});
    assert.equal(checked.error, undefined);
    const files = splitByFile(checked.composite!, checked.result!);
    assert.deepEqual(
      files.map((f) => f.path),
      [one],
    );
    assert.deepEqual(
      files[0].result.claims.map((x) => [x.text, x.verdict]),
      [['b = 5', 'verified']],
    );
    // Given with its root, the project is checked once, from the root.
    assert.deepEqual(planInputs([join(dir, 'p', 'ch', 'one.tex'), join(dir, 'p', 'main.tex')]), [
      join(dir, 'p', 'main.tex'),
    ]);
    // A root that does not include the file: checked on its own, and said so.
    const stray = join(dir, 'p', 'stray.tex');
    writeFileSync(stray, '% !TEX root = main.tex\n$1 + 1 = 2$\n');
    const s = loadInput(stray, textOf(stray), 'latex', fs, nodePaths);
    assert.equal(s.files.length, 1);
    assert.match(s.problems[0].message, /does not \\input this file; this file is checked on its own/);
  },
);

test(
  'LaTeX project: a chain deeper than the limit stops with a problem; a subfile contributes its ' + 'body',
  () => {
    mkdirSync(join(dir, 'deep'), { recursive: true });
    for (let i = 0; i <= MAX_DEPTH + 2; i++)
      writeFileSync(join(dir, 'deep', `f${i}.tex`), `$x_${i} = ${i}$\n\\input{f${i + 1}}\n`);
    const root = join(dir, 'deep', 'f0.tex');
    const c = latexProject(root, textOf(root), fs, nodePaths);
    assert.equal(c.files.length, MAX_DEPTH);
    assert.ok(c.problems.some((p) => /nested more than 16 files deep/.test(p.message)));

    mkdirSync(join(dir, 'sub', 'parts'), { recursive: true });
    writeFileSync(
      join(dir, 'sub', 'main.tex'),
      '\\documentclass{article}\n\\begin{document}\n\\subfile{parts/s}\n$$1 + 1 = ' +
        '2$$\n\\input{parts/full}\n$$3 + 3 = 7$$\n\\end{document}\n',
    );
    writeFileSync(
      join(dir, 'sub', 'parts', 'full.tex'),
      '\\documentclass{standalone}\n\\begin{document}\n$$2 \\cdot 3 = 6$$\n\\end{document}\n',
    );
    writeFileSync(
      join(dir, 'sub', 'parts', 's.tex'),
      '\\documentclass[../main]{subfiles}\n\\begin{document}\n$$2 + 2 = 5$$\n\\end{document}\n',
    );
    const subRoot = join(dir, 'sub', 'main.tex');
    const sc = checkComposite(latexProject(subRoot, textOf(subRoot), fs, nodePaths));
    // An included document's own \end{document} does not end the reading of the root.
    assert.deepEqual(
      sc.claims.map((x) => [x.text, x.verdict]),
      [
        ['2 + 2 = 5', 'refuted'],
        ['1 + 1 = 2', 'verified'],
        ['2 \\cdot 3 = 6', 'verified'],
        ['3 + 3 = 7', 'refuted'],
      ],
    );
  },
);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckCache, checkText } from '../../../server/src/check';
import { checkComposite } from '../../../server/src/check/inputs';
import { Placer } from '../../../server/src/document/composite';
import { latexProject } from '../../../server/src/document/latexProject';
import { nodeFileSystem, nodePaths } from '../../../server/src/files/inputs';
import { MacroBook, readDefinitions } from '../../../server/src/math/macroDefinitions';
import { expandMacros } from '../../../server/src/math/macroExpansion';

test('every form of definition is read with its name, parameters, default and body', () => {
  const text = [
    '\\newcommand{\\R}{\\mathbb{R}}',
    '\\newcommand*\\vx{\\mathbf{x}}',
    '\\renewcommand{\\norm}[1]{\\left\\|#1\\right\\|}',
    '\\providecommand{\\f}[2][1]{#1 + #2}',
    '\\def\\g#1#2{#1 #2}',
    '\\def\\h#1.{#1}',
    '\\DeclareMathOperator{\\Tr}{Tr}',
    '\\DeclareMathOperator*{\\amax}{arg\\,max}',
    '\\let\\e = \\g',
    '% \\newcommand{\\commented}{1}',
  ].join('\n');
  const { definitions, problems } = readDefinitions(text, 100);
  assert.deepEqual(problems, []);
  const got = definitions.map((d) => [d.name, d.params, d.optional, d.body, d.fresh, Boolean(d.unsupported)]);
  assert.deepEqual(got, [
    ['\\R', 0, null, '\\mathbb{R}', true, false],
    ['\\vx', 0, null, '\\mathbf{x}', true, false],
    ['\\norm', 1, null, '\\left\\|#1\\right\\|', false, false],
    ['\\f', 2, '1', '#1 + #2', true, false],
    ['\\g', 2, null, '#1 #2', false, false],
    ['\\h', 0, null, '#1', false, true],
    ['\\Tr', 0, null, '\\operatorname{Tr}', true, false],
    ['\\amax', 0, null, '\\operatorname*{arg\\,max}', true, false],
    ['\\e', 2, null, '#1 #2', false, false],
  ]);
  assert.equal(
    text.slice(definitions[0].start - 100, definitions[0].end - 100),
    '\\newcommand{\\R}{\\mathbb{R}}',
  );
});

test('a definition that cannot be read is a problem at it, never an exception', () => {
  for (const bad of [
    '\\newcommand',
    '\\newcommand{\\x}',
    '\\newcommand{\\x}[a]{1}',
    '\\def\\x#1',
    '\\let',
    '\\def',
  ]) {
    const { definitions, problems } = readDefinitions(bad, 0);
    assert.equal(definitions.length, 0, bad);
    assert.equal(problems.length, 1, bad);
    assert.match(problems[0].message, /could not read this .*write it as \\newcommand/);
  }
});

test('expanded text keeps, for every character, the place it came from', () => {
  const defs = '\\newcommand{\\sq}[1]{#1^2}';
  const text = `${defs} \\sq{ab} = c`;
  const book = new MacroBook(readDefinitions(text, 10).definitions);
  const x = expandMacros(text, 10, book);
  assert.ok(x);
  assert.equal(x.text.trim().replace(/\s+/g, ' '), 'ab^2 = c');
  const call = 10 + text.indexOf('\\sq{');
  const a = x.text.indexOf('a');
  assert.deepEqual([x.from[a], x.to[a]], [10 + text.indexOf('ab'), 11 + text.indexOf('ab')]);
  const caret = x.text.indexOf('^');
  assert.deepEqual([x.from[caret], x.to[caret]], [call, call + '\\sq{ab}'.length]);
});

test('a span that uses no macro is not touched', () => {
  const book = new MacroBook(readDefinitions('\\newcommand{\\R}{\\mathbb{R}}', 0).definitions);
  assert.equal(expandMacros('x \\in \\mathbb{R}', 50, book), null);
  assert.equal(expandMacros('x = 1', 50, new MacroBook([])), null);
});

test('a claim inside a macro argument is reported on the author’s characters', () => {
  const text = '$$\\newcommand{\\show}[1]{\\displaystyle #1}$$\n\nNote $\\show{2 + 2 = 5}$.\n';
  const r = checkText(text, 'markdown');
  assert.equal(r.claims.length, 1);
  const c = r.claims[0];
  assert.equal(c.verdict, 'refuted');
  assert.equal(text.slice(c.start, c.end), '2 + 2 = 5');
  assert.equal(text[c.opStart], '=');
});

test('what a macro body produces is placed on the macro’s use', () => {
  const text = '$\\newcommand{\\two}{1 + 1}$ and $\\two = 3$\n';
  const c = checkText(text, 'markdown').claims[0];
  assert.equal(c.verdict, 'refuted');
  assert.equal(text.slice(c.start, c.end), '\\two = 3');
});

test('runaway definitions are bounded: self reference and exponential growth end with a problem', () => {
  const chain = Array.from(
    { length: 24 },
    (_, k) => `\\newcommand{\\m${'a'.repeat(k + 1)}}{\\m${'a'.repeat(k + 2)}\\m${'a'.repeat(k + 2)}}`,
  );
  const text = `$$${chain.join(' ')}$$\n\n$\\ma = 1$\n`;
  const r = checkText(text, 'markdown');
  assert.equal(r.claims[0].verdict, 'unchecked');
  assert.match(r.claims[0].message, /does not end/);
  assert.ok(r.problems.some((p) => p.code === 'definition' && /expands without end/.test(p.message)));
});

test('a changed macro definition changes the verdict of an unchanged claim (no stale cache entry)', () => {
  const cache = new CheckCache();
  const claim = '\n\n$\\k + 1 = 3$\n';
  const a = checkText(`$\\newcommand{\\k}{2}$${claim}`, 'markdown', { cache });
  const b = checkText(`$\\newcommand{\\k}{5}$${claim}`, 'markdown', { cache });
  assert.equal(a.claims[0].verdict, 'verified');
  assert.equal(b.claims[0].verdict, 'refuted');
});

test('a LaTeX project: the root’s macros hold in an included file, its verdicts placed there', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-macros-'));
  const root = join(dir, 'main.tex');
  writeFileSync(
    root,
    '\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand{\\sq}[1]{#1^2}\n\\begin{document}\n' +
      'Let $x \\in \\R$.\n\\input{part}\n\\end{document}\n',
  );
  writeFileSync(join(dir, 'part.tex'), 'Then $\\sq{x + 1} = x^2 + 2x + 1$ and $\\sq{x} = -1$.\n');
  const fs = nodeFileSystem((p) => ({ text: readFileSync(p, 'utf8') }));
  const c = latexProject(root, readFileSync(root, 'utf8'), fs, nodePaths);
  const r = checkComposite(c);
  // TeX puts the argument in place as written: \sq{x + 1} is x + 1², not (x + 1)².
  assert.deepEqual(
    r.claims.map((x) => [x.verdict, x.text]),
    [
      ['refuted', '\\sq{x + 1} = x^2 + 2x + 1'],
      ['refuted', '\\sq{x} = -1'],
    ],
  );
  const at = new Placer(c).place(r.claims[1].start);
  assert.equal(at.path, join(dir, 'part.tex'));
  assert.equal(at.column, 'Then $\\sq{x + 1} = x^2 + 2x + 1$ and $'.length);
  rmSync(dir, { recursive: true, force: true });
});

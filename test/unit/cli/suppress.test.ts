// derive-disable-next-line comments (issue 16 item 10): what they silence, in Markdown and LaTeX.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../server/src/check/index';
import { LineIndex, readDocument } from '../../../server/src/document/index';
import type { DocumentKind } from '../../../server/src/document/index';
import { findingsOf, totals } from '../../../server/src/cli/findings';

function findings(text: string, kind: DocumentKind = 'markdown') {
  const result = checkText(text, kind);
  const file = { path: 'x.md', absPath: '/x.md', text, result, lines: new LineIndex(text) };
  const fs = findingsOf(file);
  return {
    result,
    fs,
    shown: fs.filter((f) => !f.suppressed).map((f) => `${f.code} ${f.text}`),
    totals: totals([file], fs),
  };
}

test('Markdown: the comment silences the next line only, for the codes it names', () => {
  const doc = [
    '<!-- derive-disable-next-line refuted -->',
    'First $2 + 2 = 5$ and $1 + 1 = 3$.', // both refuted, both on the next line
    '',
    '$3 + 3 = 7$', // not the next line
  ].join('\n');
  const r = findings(doc);
  assert.deepEqual(r.shown, ['refuted 3 + 3 = 7']);
  assert.deepEqual([r.totals.refuted, r.totals.suppressed], [1, 2]);
  assert.deepEqual(r.result.problems, [], 'the comment is not read as a directive');
});

test('a code the comment does not name stays; without codes everything on the line is silenced', () => {
  const named = findings('<!-- derive-disable-next-line unchecked -->\n$2 + 2 = 5$ and $x + y = z$\n');
  assert.deepEqual(named.shown, ['refuted 2 + 2 = 5']);
  const shape = findings(
    '<!-- derive-disable-next-line refuted -->\n<!-- derive: A \\in \\mathbb{R}^{2 \\times 3} ' +
      '-->\n$$AA = AA$$\n',
  );
  assert.deepEqual(
    shape.shown,
    ['shape AA = AA'],
    'the next line is the directive; a shape error is its own code',
  );
  const all = findings('<!-- derive-disable-next-line -->\n$2 + 2 = 5$ and $x + y = z$ and $\\frac{1}{2$\n');
  assert.deepEqual(all.shown, []);
  assert.equal(all.totals.suppressed, 3);
  const two = findings('<!-- derive-disable-next-line refuted, unchecked -->\n$2 + 2 = 5$ and $x + y = z$\n');
  assert.deepEqual(two.shown, []);
});

test('a display opened on the next line is silenced as a whole', () => {
  const doc = '<!-- derive-disable-next-line refuted -->\n$$\n2 + 2 = 5 \\\\\n3 + 3 = 7\n$$\n\n$$4 = 5$$\n';
  assert.deepEqual(findings(doc).shown, ['refuted 4 = 5']);
});

test('LaTeX: % derive-disable-next-line', () => {
  const doc =
    '\\begin{document}\n% derive-disable-next-line refuted\n$2 + 2 = 5$\n$3 + 3 = 7$\n\\end{document}\n';
  assert.deepEqual(findings(doc, 'latex').shown, ['refuted 3 + 3 = 7']);
});

test('an unknown code is a problem and the comment then silences nothing', () => {
  const r = findings('<!-- derive-disable-next-line refutd -->\n$2 + 2 = 5$\n');
  assert.deepEqual(
    r.shown.map((s) => s.split(' ')[0]),
    ['directive', 'refuted'],
  );
  assert.match(
    r.result.problems[0].message,
    /unknown code 'refutd'; the codes are refuted, shape, unchecked/,
  );
  const glued = findings('<!-- derive-disable-next-lines -->\n$2 + 2 = 5$\n');
  assert.deepEqual(
    glued.shown.map((s) => s.split(' ')[0]),
    ['directive', 'refuted'],
  );
});

test(
  'near misses: a comment in a code block, or a suppression written as a derive: statement, is ' + 'not one',
  () => {
    const fenced = findings('```\n<!-- derive-disable-next-line -->\n```\n$2 + 2 = 5$\n');
    assert.deepEqual(fenced.shown, ['refuted 2 + 2 = 5']);
    const read = readDocument('<!-- derive-disable-next-line refuted -->\n$1 = 1$\n', 'markdown');
    assert.equal(read.suppressions?.length, 1);
    assert.deepEqual(read.suppressions![0].codes, ['refuted']);
    assert.equal(read.items.filter((i) => i.kind === 'directive').length, 0);
  },
);

test('fingerprints do not depend on the line, and tell repeated claims apart', () => {
  const a = findings('$2 + 2 = 5$\n\n$2 + 2 = 5$\n').fs.map((f) => f.fingerprint);
  const b = findings('Some new text above.\n\nMore.\n\n$2 +  2 = 5$\n\n$2 + 2 = 5$\n').fs.map(
    (f) => f.fingerprint,
  );
  assert.equal(a.length, 2);
  assert.notEqual(a[0], a[1]);
  assert.deepEqual(b, a);
  const c = findings('$2 + 2 = 6$\n').fs.map((f) => f.fingerprint);
  assert.notEqual(c[0], a[0]);
});

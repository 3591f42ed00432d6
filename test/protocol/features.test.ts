// The editor features on synthetic check results (no server process): hover rendering of
// sampled values, symbol matching, number formatting for the "replace" quick fix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver';
import { sameDigits, unknownNames } from '../../server/src/lsp/codeActions';
import { hover } from '../../server/src/lsp/hover';
import { normalizeName, symbolAt } from '../../server/src/lsp/names';
import type { Checked } from '../../server/src/lsp/documentChecks';
import type { ClaimResult } from '../../server/src/check/result';

function checked(text: string, claims: ClaimResult[]): Checked {
  return {
    uri: 'file:///t.md',
    version: 1,
    kind: 'markdown',
    doc: TextDocument.create('file:///t.md', 'markdown', 1, text),
    result: {
      spans: 1,
      mathSpans: [{ start: 47, end: 66, outerStart: 45, outerEnd: 68, display: true }],
      claims,
      problems: [],
      bindings: [
        { name: 'A', kind: 'declaration', start: 13, end: 39, text: 'A \\in \\mathbb{R}^{2 \\times 2}' },
      ],
      summary: { verified: 1, refuted: 0, unchecked: 0 },
    },
    spans: [{ start: 47, end: 66, outerStart: 45, outerEnd: 68, display: true }],
  };
}

test('hover shows the smallest sampled sub-expression, the claim and the binding', () => {
  const text = '<!-- derive: A \\in \\mathbb{R}^{2 \\times 2} -->\n\n$$(A^\\top)^\\top = A$$\n';
  const s = text.indexOf('(A^');
  const claim: ClaimResult = {
    opStart: text.indexOf('= A'),
    opEnd: text.indexOf('= A') + 1,
    start: s,
    end: text.indexOf('= A') + 3,
    relation: '=',
    text: '(A^\\top)^\\top = A',
    verdict: 'verified',
    code: 'verified',
    message: 'verified: 20 trials',
    details: [],
    trials: 20,
    maxError: 0,
    tag: '3',
    // Offsets from the claim's start.
    sample: [
      { start: 0, end: 14, shape: '2×2 matrix', dims: [2, 2], values: Float64Array.of(1, 2, 3, 4) },
      { start: 1, end: 7, shape: '2×2 matrix', dims: [2, 2], values: Float64Array.of(1, 3, 2, 4) },
    ],
  };
  const c = checked(text, [claim]);
  const h = hover(c, s + 1);
  assert.ok(h);
  const value = (h.contents as MarkupContent).value;
  // The smallest enclosing sub-expression, as a table: header row, then the rows [1, 3], [2, 4].
  assert.match(value, /^`A\^\\top` — 2×2 matrix\n\n\| 1 \| 2 \|\n\|---:\|---:\|\n\| 1 \| 3 \|\n\| 2 \| 4 \|/);
  assert.match(value, /✓ \*\*verified\*\* \(3\) — 20 trials/);
  assert.doesNotMatch(value, /verified\*\* .*— verified/, 'the verdict word once');
  assert.match(value, /`A` — declaration \(line 1\)/);
  assert.deepEqual(h.range, { start: { line: 2, character: 3 }, end: { line: 2, character: 9 } });
  assert.equal(hover(c, 2), null, 'not in math, no symbol binding');
});

test('symbols: font commands do not change names, accents do', () => {
  assert.equal(normalizeName('\\mathbf{W}_{1}'), 'W_1');
  assert.equal(normalizeName('\\bm{w}'), 'w');
  assert.equal(normalizeName('\\hat{x}_{i}'), '\\hat x_i');
  const t = '$$Z = \\mathbf{W}_{1} X$$';
  assert.deepEqual(symbolAt(t, t.indexOf('W')), { start: 6, end: 20, name: 'W_1', base: 'W' });
});

test('replace keeps the number of decimals of the literal', () => {
  assert.equal(sameDigits(4, '5'), '4');
  assert.equal(sameDigits(3.16227766, '3.14'), '3.16');
  assert.equal(sameDigits(1, '1.01'), '1.00');
  assert.equal(sameDigits(3.1, '3'), '3.1', 'more digits when rounding hides the difference');
  assert.equal(sameDigits(Number.NaN, '3'), null);
});

test('unknown names are read from the checker message', () => {
  assert.deepEqual(unknownNames('unchecked: unknown names x, y, z'), ['x', 'y', 'z']);
  assert.deepEqual(unknownNames('unchecked: unknown name W_{12}'), ['W_{12}']);
  assert.deepEqual(unknownNames('unchecked: unknown name A_{i,j}'), ['A_{i,j}']);
  assert.deepEqual(unknownNames('refuted: left is 4'), []);
});

test('inlay hints: one per side, none before a written value that says the same', async () => {
  const { checkText } = await import('../../server/src/check');
  const { inlayHints } = await import('../../server/src/lsp/inlayHints');
  const text = '$$3 + 3 = 2 \\cdot 3 = 6$$\n';
  const result = checkText(text, 'markdown', { collectSamples: true });
  assert.equal(result.claims.length, 2);
  const c: Checked = {
    uri: 'file:///h.md',
    version: 1,
    kind: 'markdown',
    doc: TextDocument.create('file:///h.md', 'markdown', 1, text),
    result,
    spans: result.mathSpans,
  };
  const hints = inlayHints(c, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
  // `3 + 3` gets `= 6`; `2 \cdot 3` ends both claims and is followed by `= 6`: no hint there.
  assert.deepEqual(
    hints.map((h) => [h.position.character, h.label]),
    [[7, '= 6']],
  );
});

// What a verdict says and where it points: messages lead with the essential fact, details hold
// the values and the sample, offsets point at the relation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../server/src/check';
import { renderSample } from '../../../server/src/check/format';
import { placedSamples } from '../../../server/src/check/placedSamples';

const md = (s: string) => checkText(s, 'markdown');

test('a refuted claim gives both sides, the relative error and the sample', () => {
  const text = 'Let $A, B \\in \\mathbb{R}^{n \\times n}$. $$(AB)^\\top = A^\\top B^\\top$$';
  const r = md(text);
  const c = r.claims[0];
  assert.equal(c.verdict, 'refuted');
  assert.match(c.message, /^refuted: sides differ by [\d.]+% at n = \d — left (\[\[|\d×\d matrix \[)/);
  assert.ok(c.details.some((d) => d.startsWith('left = ')));
  assert.ok(c.details.some((d) => d.startsWith('right = ')));
  assert.ok(c.details.some((d) => /^relative error /.test(d)));
  assert.ok(c.details.includes('sample:'));
  assert.ok(c.details.some((d) => /^ {2}A = \[\[/.test(d)));
  // The relation symbol and the whole relation.
  assert.equal(text.slice(c.opStart, c.opEnd), '=');
  assert.equal(text.slice(c.start, c.end), '(AB)^\\top = A^\\top B^\\top');
  assert.equal(c.text, '(AB)^\\top = A^\\top B^\\top');
  assert.ok(c.maxError > 0.01);
});

test('exact integer claims say so', () => {
  const r = md('$2 + 2 = 5$ and $2 \\cdot 3 = 6$');
  assert.equal(r.claims[0].message, 'refuted: left is 4, right is 5 (exact arithmetic)');
  assert.equal(r.claims[1].message, 'verified exactly: 6 = 6');
});

test('an unknown name is named, with the declaration to add', () => {
  // Capitals: lower-case letters would be read as any numbers (freeLetters.ts) and verified.
  const r = md('$$X + Y = Y + X$$');
  const c = r.claims[0];
  assert.equal(c.verdict, 'unchecked');
  assert.equal(c.message, 'unchecked: unknown names X, Y');
  assert.match(c.details[0], /<!-- derive: X \\in \\mathbb\{R\}; Y \\in \\mathbb\{R\} -->/);
});

test('a shape error names the shapes', () => {
  const r = md('Let $A \\in \\mathbb{R}^{2 \\times 3}$. $$A A = A$$');
  const c = r.claims[0];
  assert.equal(c.verdict, 'refuted');
  assert.equal(c.code, 'shape');
  assert.match(c.message, /^shape error: cannot multiply 2×3 by 2×3/);
});

test('a transposed gradient is refuted for its shape', () => {
  const r = md(
    'Let $X \\in \\mathbb{R}^{m \\times d}$, $y \\in \\mathbb{R}^{m}$, $w \\in \\mathbb{R}^{d}$, ' +
      '$L = \\|y - Xw\\|^2$. $$\\nabla_w L = 2(Xw - y)^\\top X$$',
  );
  const c = r.claims[0];
  assert.equal(c.verdict, 'refuted');
  assert.match(c.message, /different shapes — left is a vector of \d, right is a 1×\d matrix/);
});

test('a free index is named in the counterexample', () => {
  const r = md('Let $x \\in \\mathbb{R}^{n}$ and $y := 2x$. $$y_i = x_i + 1$$');
  assert.match(r.claims[0].message, /at i = \d/);
});

test('decimal literals are read as rounded', () => {
  const r = md('$$\\sqrt{10} = 3.16$$ $$\\sqrt{10} = 3.2$$ $$\\sqrt{10} = 3.1$$');
  assert.deepEqual(
    r.claims.map((c) => c.verdict),
    ['verified', 'verified', 'refuted'],
  );
  assert.match(r.claims[0].message, /within the rounding of 3.16/);
});

test('the same document gives the same verdicts and messages every time', () => {
  const text = 'Let $A \\in \\mathbb{R}^{n \\times n}$. $$A^\\top A = A A^\\top$$';
  assert.deepEqual(md(text), md(text));
});

test('a different seed gives a different sample but the same verdict', () => {
  const text = 'Let $A \\in \\mathbb{R}^{n \\times n}$. $$A^\\top A = A A^\\top$$';
  const a = checkText(text, 'markdown', { seed: 1 });
  const b = checkText(text, 'markdown', { seed: 2 });
  assert.equal(a.claims[0].verdict, 'refuted');
  assert.equal(b.claims[0].verdict, 'refuted');
  assert.notEqual(a.claims[0].message, b.claims[0].message);
});

test('a singular matrix at every sample leaves the claim unchecked', () => {
  const r = md('Let $x \\in \\mathbb{R}^{n}$. $$(x x^\\top)^{-1} x = x$$');
  assert.equal(r.claims[0].verdict, 'unchecked');
  assert.match(r.claims[0].message, /singular/);
});

test('a kink is resampled, never misjudged', () => {
  // |t| has derivative sign(t); integer samples land on 0 often.
  const r = md('Let $t \\in \\{-1, 0, 1\\}$. $$\\frac{d |t|}{d t} = \\operatorname{sign}(t)$$');
  assert.equal(r.claims[0].verdict, 'verified');
});

test('hover samples cover the sub-expressions of a claim', () => {
  const text = 'Let $A \\in \\mathbb{R}^{2 \\times 2}$. $$\\operatorname{tr}(A^\\top A) = \\|A\\|_F^2$$';
  const r = checkText(text, 'markdown', { collectSamples: true });
  const s = placedSamples(r.claims[0]);
  const at = (src: string) => s.find((x) => text.slice(x.start, x.end) === src);
  assert.equal(at('A^\\top A')!.shape, '2×2 matrix');
  const m = at('A^\\top A')!;
  assert.deepEqual(m.dims, [2, 2]);
  assert.match(renderSample(m.dims, m.values).markdown, /^\| 1 \| 2 \|\n\|---:\|---:\|\n\| -?\d/);
  assert.equal(at('\\|A\\|_F^2')!.shape, 'scalar');
});

// What a counterexample names and what a hover shows: the claim's own variables and sizes, and
// the sub-expression values of the very sample the message reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../server/src/check';
import { placedSamples } from '../../../server/src/check/placedSamples';
import { formatShort } from '../../../server/src/check/format';
import { Tensor } from '../../../server/src/engine';

const features = `<!-- derive
N \\in \\{7, 8, 9\\}
S \\in \\{1, 2, 3\\}
P \\in \\{0, 1, 2\\}
assume S \\mid N + 2P - 3
-->

Let $A, B \\in \\mathbb{R}^{n \\times n}$ and $x \\in \\mathbb{R}^{n}$.

$(A + B)(A + B) = AA + 2AB + BB$.
`;

test("a counterexample names only the claim's own variables and the sizes they use", () => {
  const c = checkText(features, 'markdown').claims[0];
  assert.equal(c.verdict, 'refuted');
  assert.match(c.message, / at n = \d — /);
  assert.doesNotMatch(c.message, /\b[SNP] = /, c.message);
  const sample = c.details.slice(c.details.indexOf('sample:') + 1).map((l) => l.trim().split(' = ')[0]);
  assert.deepEqual([...sample].sort(), ['A', 'B', 'n']);
});

test("a definition's inputs and an entrywise definition's count as the claim's own", () => {
  const text = `Let $x \\in \\mathbb{R}^{n}$ and $c \\in \\mathbb{R}$. <!-- derive: y_i := c x_i; q \\in \\mathbb{R} -->

$$\\sum_i y_i = \\sum_i x_i$$
`;
  const c = checkText(text, 'markdown').claims[0];
  assert.equal(c.verdict, 'refuted');
  const names = c.details.filter((l) => l.startsWith('  ')).map((l) => l.trim().split(' = ')[0]);
  assert.deepEqual([...names].sort(), ['c', 'n', 'x']);
});

test("the hover sample of a refuted claim is the counterexample's own sample", () => {
  const text =
    'Let $A \\in \\mathbb{R}^{n \\times n}$ and $x, y \\in \\mathbb{R}^{n}$.\n\n$$x^\\top A y = ' +
    'y^\\top A x$$\n';
  const c = checkText(text, 'markdown', { collectSamples: true }).claims[0];
  assert.equal(c.verdict, 'refuted');
  const left = placedSamples(c).find((s) => s.start === c.start && s.end === text.indexOf(' =', c.start));
  const right = placedSamples(c).find((s) => s.end === c.end && s.start > c.opEnd);
  assert.ok(left && right);
  // The message's values are the sample's values, and its size is the sample's size.
  const shown = (s: { dims: number[]; values: Float64Array }) =>
    formatShort(Tensor.from(s.dims, s.values), 3, 4);
  assert.ok(c.message.includes(`left ${shown(left)}, right ${shown(right)}`), c.message);
  const n = Number(/ at n = (\d)/.exec(c.message)![1]);
  const x = placedSamples(c).find((s) => text.slice(s.start, s.end) === 'x^\\top');
  assert.deepEqual(x?.dims.includes(n), true);
});

test("a verified claim's hover sample is not a trivially true one when another trial has none", () => {
  const text = `Let $W_1 \\in \\mathbb{R}^{n \\times n}$, $x \\in \\mathbb{R}^{n}$. <!-- derive: seed 1; n \\in \\{2\\}; D := \\operatorname{diag}(W_1 x > 2) -->

$$D D = D$$
`;
  const c = checkText(text, 'markdown', { collectSamples: true, trials: 20 }).claims[0];
  assert.equal(c.verdict, 'verified');
  const d = placedSamples(c).find((s) => text.slice(s.start, s.end) === 'D D');
  assert.ok(d);
  assert.ok(
    Array.from(d.values).some((v) => v !== 0),
    'a sample where D is not zero',
  );
});

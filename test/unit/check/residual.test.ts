// The symbolic residual speaks only for rational functions of scalars, and only when it agrees
// with the failing sample; everything else keeps the numeric message alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../server/src/check';

const claims = (doc: string) => checkText(doc, 'markdown', { timeBudgetMs: 5000 }).claims;
const residualLines = (c: { message: string; details: string[] }) =>
  [c.message, ...c.details].filter((l) => l.includes('left − right = ') && !l.includes('at every sample'));

test('a refuted scalar identity carries its residual in the message and the details', () => {
  const [c] = claims('<!-- derive: a, b \\in \\mathbb{R} -->\n\n$$(a + b)^2 = a^2 + b^2$$\n');
  assert.equal(c.verdict, 'refuted');
  assert.match(c.message, /^refuted: left − right = 2ab — at a = /);
  assert.equal(c.details[0], 'left − right = 2ab');
});

test('constants, matrices, functions and random variables give no residual', () => {
  const doc = [
    '<!-- derive: a \\in \\mathbb{R} -->',
    '$$\\pi a + a = (\\pi + 3) a$$',
    '<!-- derive: A, B \\in \\mathbb{R}^{2 \\times 2} -->',
    '$$(A + B)^2 = A^2 + 2AB + B^2$$',
    '$$\\sin(a)^2 + \\cos(a)^2 = 1 + a$$',
    '<!-- derive: z \\sim \\mathrm{Normal}(0, 1) -->',
    '$$\\mathbb{E}[z^2] = 2$$',
  ].join('\n\n');
  const cs = claims(doc);
  assert.deepEqual(
    cs.map((c) => c.verdict),
    ['refuted', 'refuted', 'refuted', 'refuted'],
  );
  for (const c of cs) assert.deepEqual(residualLines(c), [], c.message);
});

test('a verified claim and a claim holding exactly have no residual', () => {
  const cs = claims('<!-- derive: a, b \\in \\mathbb{R} -->\n\n$$(a - b)^2 = a^2 - 2ab + b^2$$\n');
  assert.equal(cs[0].verdict, 'verified');
  assert.deepEqual(residualLines(cs[0]), []);
});

test('a definition the sides reach through is followed; its residual matches the sample', () => {
  const [c] = claims('<!-- derive: a \\in \\mathbb{R}\nc := 2a + 1 -->\n\n$$c^2 = 4a^2 + 1$$\n');
  assert.equal(c.details[0], 'left − right = 4a');
});

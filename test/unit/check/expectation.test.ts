// Expectations: exact by enumeration up to 2^16 outcomes, Monte Carlo beyond; the two agree on
// the same identity, and both reject a wrong one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../server/src/check';

const identity = (size: string) =>
  [
    `Let $a, b \\in \\{${size}\\}$, $x \\in \\mathbb{R}^{b}$, $p \\in (0, 1)$, $R \\in \\{0, ` +
      `1\\}^{a \\times b}$ with $R_{ij} \\sim \\mathrm{Bernoulli}(p)$.`,
    '',
    '$$\\mathbb{E}_R\\left[\\|R x\\|^2\\right] = a\\left(p(1-p)\\|x\\|^2 + p^2 \\Big(\\sum_j ' +
      'x_j\\Big)^2\\right)$$',
    '',
    '$$\\mathbb{E}_R\\left[\\|R x\\|^2\\right] = a p \\|x\\|^2$$',
  ].join('\n');

test('enumeration (2×3 masks, 64 outcomes) verifies exactly and refutes the wrong form', () => {
  const r = checkText(identity('2, 3'), 'markdown');
  assert.equal(r.claims[0].verdict, 'verified', r.claims[0].message);
  assert.doesNotMatch(r.claims[0].message, /Monte Carlo/);
  assert.ok(r.claims[0].maxError < 1e-12);
  assert.equal(r.claims[1].verdict, 'refuted', r.claims[1].message);
});

test('Monte Carlo (5×5 masks, 2^25 outcomes) agrees, and says how it was checked', () => {
  const r = checkText(identity('5'), 'markdown');
  assert.equal(r.claims[0].verdict, 'verified', r.claims[0].message);
  assert.match(r.claims[0].message, /^verified \(Monte Carlo, \d+ samples per trial, 5σ\)/);
  assert.equal(r.claims[1].verdict, 'refuted', r.claims[1].message);
  assert.match(r.claims[1].message, /Monte Carlo/);
});

test('variance of one continuous variable: an integral against its density, not draws', () => {
  const text =
    'Let $s \\in (0.5, 2)$ and $z \\sim \\mathcal{N}(0, s)$. $$\\operatorname{Var}[3z] = 9s$$ ' +
    '$$\\operatorname{Var}[3z] = 3s$$';
  const r = checkText(text, 'markdown');
  assert.deepEqual(
    r.claims.map((c) => c.verdict),
    ['verified', 'refuted'],
  );
  assert.match(r.claims[0].message, /expectations by quadrature against the density/);
});

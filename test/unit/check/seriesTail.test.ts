// Series of rational terms summed by extrapolated partial sums (check/seriesTail.ts), against sums
// known in closed form (ζ(2), ζ(3) to 20 digits, ln 2, π/4, telescoping sums).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';
import { extrapolatedSum, rationalTail } from '../../../server/src/check/seriesTail';

const ZETA3 = 1.2020569031595942;

test('extrapolated sums of rational terms agree with closed forms to 1e-13', () => {
  const cases: [(i: number) => number, number, boolean, number][] = [
    [(i) => 1 / i ** 2, 1, false, Math.PI ** 2 / 6],
    [(i) => 1 / i ** 3, 1, false, ZETA3],
    [(i) => 1 / (i * (i + 1)), 1, false, 1],
    [(i) => 1 / (i * i - 1), 2, false, 0.75],
    [(i) => (-1) ** (i + 1) / i, 1, true, Math.LN2],
    [(i) => (-1) ** i / (2 * i + 1), 0, true, Math.PI / 4],
    [(i) => (-1) ** (i + 1) / i ** 2, 1, true, Math.PI ** 2 / 12],
  ];
  for (const [term, lo, alternating, exact] of cases) {
    const sum = extrapolatedSum(term, lo, { alternating });
    assert.ok(sum !== null, `summed from ${lo}`);
    assert.ok(Math.abs(sum - exact) <= 1e-13 * Math.abs(exact), `${sum} vs ${exact}`);
  }
});

test('terms that do not converge, or fall too slowly, are not summed', () => {
  assert.equal(
    extrapolatedSum((i) => 1 / i, 1, { alternating: false }),
    null,
  );
  assert.equal(
    extrapolatedSum((i) => i / (2 * i + 1), 1, { alternating: false }),
    null,
  );
  // Read as alternating, terms of one sign do not follow the form.
  assert.equal(
    extrapolatedSum((i) => 1 / i ** 2, 1, { alternating: true }),
    null,
  );
});

test('rationalTail: rational functions of the index, perhaps times one sign (-1)^k', () => {
  const form = (tex: string, k = 'n') => {
    const parsed = parseMath(`\\sum_{${k}=1}^{\\infty} ${tex}`);
    const node = parsed.statements[0]?.sides[0];
    assert.ok(node && node.kind === 'bigop', tex);
    return rationalTail(node.body, k);
  };
  assert.deepEqual(form('\\frac{1}{n^2}'), { alternating: false });
  assert.deepEqual(form('\\frac{1}{n(n+1)}'), { alternating: false });
  assert.deepEqual(form('\\frac{1}{n^2 + a^2}'), { alternating: false });
  assert.deepEqual(form('\\frac{(-1)^{n+1}}{2n - 1}'), { alternating: true });
  assert.equal(form('\\frac{1}{\\sqrt{n^3}}'), null);
  assert.equal(form('\\frac{1}{n^{1.5}}'), null);
  assert.equal(form('\\frac{1}{n \\ln n}'), null);
  assert.equal(form('\\frac{x^n}{n}'), null);
  assert.equal(form('a_n'), null);
  assert.equal(form('\\frac{(-1)^{n}(-1)^{n}}{n^2}'), null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';
import { printNode } from '../../../server/src/math/print';
import { elision, sumTerms } from '../../../server/src/check/elided';

function pattern(text: string): string | null {
  const side = parseMath(`${text} = 0`).statements[0].sides[0];
  const terms = sumTerms(side) ?? (side.kind === 'group' ? side.items : [side]);
  const e = elision(terms);
  return e ? `${e.index}=${e.from}..${printNode(e.to)}: ${printNode(e.template)}` : null;
}

test('a sum with dots is the pattern of its first and last terms', () => {
  assert.equal(pattern('x_1 + \\dots + x_n'), 'k=1..n: x_{k}');
  assert.equal(pattern('x_0 + x_1 + \\cdots + x_{m}'), 'k=0..m: x_{k}');
  assert.equal(pattern('a_1 b_1 + \\dots + a_n b_n'), 'k=1..n: a_{k} b_{k}');
  assert.equal(pattern('2^1 + \\dots + 2^n'), 'k=1..n: 2^{k}');
});

test('the index letter is one the terms do not use', () => {
  assert.equal(pattern('x_{k,1} + \\dots + x_{k,n}'), 'j=1..n: x_{k,j}');
});

test('terms that follow no single pattern are not filled in', () => {
  assert.equal(pattern('x_1 + x_3 + \\dots + x_n'), null);
  assert.equal(pattern('x_1 + \\dots + y_n'), null);
  assert.equal(pattern('x_1 + \\dots + x_1'), null);
  assert.equal(pattern('x_1 + \\dots'), null);
  assert.equal(pattern('a_1 b_2 + \\dots + a_n b_m'), null);
});

test('a tuple with dots', () => {
  assert.equal(pattern('(x_1, \\ldots, x_n)'), 'k=1..n: x_{k}');
});

test('a geometric series written with its first terms plain', () => {
  assert.equal(pattern('1 + a + a^2 + \\dots + a^n'), 'k=0..n: a^{k}');
  assert.equal(pattern('a + a^2 + \\dots + a^n'), 'k=1..n: a^{k}');
  // Near misses: a number base, and a lone 1 before the dots.
  assert.equal(pattern('1 + 2 + 4 + \\dots + 2^n'), null);
  assert.equal(pattern('1 + \\dots + a^n'), null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseCache } from '../../../server/src/math/cache';
import { parseMath } from '../../../server/src/math/parser';

test('a cached parse moved to a new offset equals a fresh parse there', () => {
  const cache = new ParseCache();
  const src = '\\frac{\\partial L}{\\partial w_j} = 2\\sum_{i} X_{ij}(Xw - y)_i \\quad (3)';
  for (const base of [0, 17, 1234, 17]) {
    assert.deepEqual(cache.parse(src, base, { display: true }), parseMath(src, base, { display: true }));
  }
  const bad = '\\frac{a}{';
  assert.deepEqual(cache.parse(bad, 40), parseMath(bad, 40));
});

test('the same text at several places keeps a tree per place: a second pass copies nothing', () => {
  const cache = new ParseCache();
  const src = 'x \\in \\mathbb{R}^{n}';
  const bases = [10, 200, 3000];
  const first = bases.map((b) => cache.parse(src, b));
  cache.settle();
  bases.forEach((b, i) => {
    assert.equal(cache.parse(src, b), first[i]);
    assert.deepEqual(first[i], parseMath(src, b));
  });
});

test('places no longer read are dropped after two passes, one tree per text stays', () => {
  const cache = new ParseCache();
  const src = 'a + b = c';
  cache.parse(src, 0);
  cache.parse(src, 50);
  cache.settle();
  // The text moved: both places are new.
  cache.parse(src, 7);
  cache.parse(src, 57);
  cache.settle();
  assert.equal(cache.size, 4);
  cache.parse(src, 7);
  cache.parse(src, 57);
  cache.settle();
  assert.equal(cache.size, 2);
  cache.settle();
  cache.settle();
  assert.equal(cache.size, 1);
  assert.deepEqual(cache.parse(src, 99), parseMath(src, 99));
});

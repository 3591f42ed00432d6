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

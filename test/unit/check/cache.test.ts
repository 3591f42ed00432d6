// Incremental checking: an edit re-checks the edited claim and what depends on it, and cached
// results are identical to fresh ones (moved to their new place).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, CheckCache } from '../../../server/src/check';

const doc = [
  'Let $A, B \\in \\mathbb{R}^{n \\times n}$ and $C := A + B$.',
  '',
  '$$(AB)^\\top = B^\\top A^\\top$$',
  '',
  '$$C^\\top = A^\\top + B^\\top$$',
  '',
  '$$\\operatorname{tr}(AB) = \\operatorname{tr}(BA)$$',
].join('\n');

test('an unchanged document is served from the cache, identical to a fresh check', () => {
  const cache = new CheckCache();
  const first = checkText(doc, 'markdown', { cache });
  assert.equal(cache.misses, 3);
  const second = checkText(doc, 'markdown', { cache });
  assert.equal(cache.hits, 3);
  assert.deepEqual(second, first);
});

test('text inserted above moves cached results with it', () => {
  const cache = new CheckCache();
  checkText(doc, 'markdown', { cache });
  const edited = `A new first line.\n\n${doc}`;
  const cached = checkText(edited, 'markdown', { cache });
  assert.equal(cache.hits, 3);
  assert.deepEqual(cached, checkText(edited, 'markdown'));
});

test('a moved result leads back to the result the cache holds, and a copy of it does not', () => {
  const cache = new CheckCache();
  const first = checkText(doc, 'markdown', { cache });
  const moved = checkText(`A new first line.\n\n${doc}`, 'markdown', { cache });
  moved.claims.forEach((r, i) => {
    assert.notEqual(r, first.claims[i]);
    assert.equal(cache.origin(r), first.claims[i]);
    // A copy (as a spread, JSON or a message to the main thread makes) is a result of its own.
    const copy = { ...r };
    assert.equal(cache.origin(copy), copy);
    assert.deepEqual(copy, r);
  });
});

test('editing a definition re-checks only the claims that use it', () => {
  const cache = new CheckCache();
  checkText(doc, 'markdown', { cache });
  const edited = doc.replace('C := A + B', 'C := A - B');
  const r = checkText(edited, 'markdown', { cache });
  assert.equal(cache.misses, 3 + 1);
  assert.equal(cache.hits, 2);
  assert.equal(r.claims[1].verdict, 'refuted');
  assert.deepEqual(r, checkText(edited, 'markdown'));
});

test('editing an ended example value re-checks the claims it would make hold', () => {
  // The later claim fails with s sampled; with the ended example's s = 2 it holds, a result in
  // numbers carried on: verified, naming that value. Editing the value must reach the claim's cached
  // verdict.
  const example = [
    'Let $s \\in \\mathbb{R}$. Take $s = 2$; then $s^2 = 4$.',
    '',
    'In another paragraph,',
    '$$s + s = 4$$',
  ].join('\n');
  const cache = new CheckCache();
  const first = checkText(example, 'markdown', { cache });
  const later = (r: typeof first) => r.claims[r.claims.length - 1];
  assert.equal(later(first).verdict, 'verified');
  assert.match(later(first).message, /s = 2/);
  const edited = example.replace('Take $s = 2$; then $s^2 = 4$', 'Take $s = 3$; then $s^2 = 9$');
  const r = checkText(edited, 'markdown', { cache });
  assert.equal(later(r).verdict, 'refuted');
  assert.deepEqual(r, checkText(edited, 'markdown'));
});

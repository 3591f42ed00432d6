// The claim cache is bounded by bytes (issue 15, item 11): results keep hover samples (64×64
// matrices are 32 KB each), and 300 edits must not make the cache grow with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, CheckCache } from '../../../server/src/check';

const MB = 2 ** 20;

function document(k: number): string {
  return (
    '<!-- derive: A \\in \\mathbb{R}^{64 \\times 64}; B \\in \\mathbb{R}^{64 \\times 64} -->\n\n' +
    `$$(A + ${k} B)^\\top = A^\\top + ${k} B^\\top$$\n\n$$A B + A = A (B + I)$$\n`
  );
}

test('300 edits of claims on 64×64 matrices keep the cache within its byte bounds', () => {
  const cache = new CheckCache(4 * MB, 1 * MB);
  let largest = { total: 0, samples: 0 };
  for (let k = 1; k <= 300; k++) {
    const r = checkText(document(k), 'markdown', { cache, collectSamples: true, trials: 2 });
    // The claim just checked is what a hover reaches: it keeps its samples.
    assert.ok((r.claims[0].sample?.length ?? 0) > 0, `edit ${k}: the edited claim has hover samples`);
    const b = cache.bytes;
    largest = { total: Math.max(largest.total, b.total), samples: Math.max(largest.samples, b.samples) };
  }
  // Without the bound the samples alone come to about 300 × 3 × 32 KB ≈ 28 MB.
  assert.ok(largest.samples <= 1 * MB + 200_000, `samples reached ${largest.samples} bytes`);
  assert.ok(largest.total <= 4 * MB, `the cache reached ${largest.total} bytes`);
  // The unedited claim stays cached: the bounds drop edited-away results first.
  const before = cache.hits;
  checkText(document(300), 'markdown', { cache, collectSamples: true, trials: 2 });
  assert.equal(cache.hits - before, 2);
});

test('a result dropped for its samples is checked afresh, equal to a fresh check', () => {
  const cache = new CheckCache(64 * MB, 1);
  const first = checkText(document(1), 'markdown', { cache, collectSamples: true, trials: 2 });
  checkText(document(2), 'markdown', { cache, collectSamples: true, trials: 2 });
  const again = checkText(document(1), 'markdown', { cache, collectSamples: true, trials: 2 });
  assert.deepEqual(again.claims, first.claims);
  assert.ok((again.claims[0].sample?.length ?? 0) > 0);
});

test('results without samples (the command line, Verify All) are kept until the total bound', () => {
  const cache = new CheckCache(64 * MB, 1);
  for (let k = 1; k <= 20; k++) checkText(document(k), 'markdown', { cache, trials: 2 });
  assert.equal(cache.size, 21);
  assert.equal(cache.bytes.samples, 0);
  assert.ok(cache.bytes.total > 0);
});

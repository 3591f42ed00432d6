// Claim results kept as a list (check/keptResults.ts): a check after an edit takes the previous
// check's results for the claims the model kept, by identity, without a key or a cache lookup.
// What it gives must equal a fresh check after every edit, and the near misses — the same text
// checked with other options, a definition edited above the claims it reaches, a claim edited
// without changing its length — must not be served from the list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../../server/src/check';
import type { CheckOptions, DocumentResult } from '../../../server/src/check/result';
import { placedSamples } from '../../../server/src/check/placedSamples';
import { randomEdit, rng } from '../../support/randomEdits';
import { layerSection } from '../../support/realisticDocument.mjs';
import { incrementalCaches } from '../../support/incrementalCaches';

const sections = [1, 2, 3, 4, 5]
  .map(
    (i) => `## Part ${i}\n\n$$${i} + ${i} = ${2 * i}$$\n\n$$k \\cdot ${i} = ${3 * i}$$\n\n${layerSection(i)}`,
  )
  .join('\n\n');
const TEXT = `# Kept results\n\n$$k := 3$$\n\n${sections}`;

/** Replaces the first `from` with `to` as written (`$$` in a replacement string would be one dollar). */
const swap = (text: string, from: string, to: string) => text.replace(from, () => to);

const options: CheckOptions = { timeBudgetMs: 20_000, collectSamples: true };

const caches = incrementalCaches;

/** What the editor shows: verdicts, messages, places, hover values inside claims, problems, spans. */
function view(r: DocumentResult): string {
  return JSON.stringify({
    claims: r.claims.map((c) => [
      c.verdict,
      c.start,
      c.end,
      c.opStart,
      c.opEnd,
      c.message,
      c.details,
      placedSamples(c).map((s) => [s.start, s.end, s.shape, Array.from(s.values)]),
    ]),
    problems: r.problems,
    bindings: r.bindings,
    spans: r.mathSpans,
  });
}

function checkBoth(text: string, kept: ReturnType<typeof caches>, what: string, o = options): DocumentResult {
  const incremental = checkText(text, 'markdown', { ...o, ...kept });
  assert.equal(view(incremental), view(checkText(text, 'markdown', o)), what);
  return incremental;
}

test('an edit in the middle: the results before and after it are the previous check’s very results', () => {
  const kept = caches();
  const first = checkBoth(TEXT, kept, 'first check');
  const edited = swap(TEXT, '$$3 + 3 = 6$$', '$$3 + 3 = 7$$');
  const misses = kept.cache.misses;
  const second = checkBoth(edited, kept, 'after the edit');
  assert.equal(kept.cache.misses - misses, 1, 'only the edited claim is checked');
  const at = second.claims.findIndex((c) => c.text.includes('3 + 3'));
  assert.equal(second.claims[at].verdict, 'refuted');
  assert.ok(at > 0 && at < second.claims.length - 1);
  // Same length: nothing moved, so the results before the edit, and those after the point where the
  // model's splice takes the previous build again, are the same objects, served from the list. The
  // splice waits for a boundary with no display claims a "where" clause may still qualify (the
  // where-clause rule keeps them open until the words after a display are read), so the claims of
  // the edited section after it are looked up in the cache (no new check: one miss above).
  const nextSection = second.claims.findIndex((c, i) => i > at && c.text.includes('4 + 4'));
  assert.ok(nextSection > at);
  second.claims.forEach((c, i) => {
    if (i < at || i >= nextSection)
      assert.equal(c, first.claims[i], `claim ${i} is the previous result itself`);
  });
});

test('claims an edit moves keep their hover samples as they were: only their own offsets move', () => {
  const kept = caches();
  const first = checkBoth(TEXT, kept, 'first check');
  const inserted = 'A sentence added at the top, which moves every claim.\n\n';
  const second = checkBoth(inserted + TEXT, kept, 'after the insertion');
  assert.equal(second.claims.length, first.claims.length);
  let withSamples = 0;
  second.claims.forEach((c, i) => {
    assert.equal(c.start, first.claims[i].start + inserted.length, `claim ${i} moved`);
    if (!c.sample?.length) return;
    withSamples++;
    // The same list, not a copy: its offsets are the claim's own (placed in the document above
    // and compared with a fresh check by checkBoth).
    assert.equal(c.sample, first.claims[i].sample, `claim ${i} keeps its samples`);
  });
  assert.ok(withSamples > 10, `claims with samples: ${withSamples}`);
});

test('random edits, characters and lines: results kept as a list equal a fresh check after each', () => {
  for (const seed of [71, 72]) {
    const r = rng(seed);
    const kept = caches();
    let text = TEXT;
    checkBoth(text, kept, `seed ${seed}: first check`);
    for (let k = 0; k < 20; k++) {
      text = randomEdit(text, r);
      checkBoth(text, kept, `seed ${seed}, edit ${k + 1}`);
    }
  }
});

test('near miss: the same text checked with other options is not served from the list', () => {
  const kept = caches();
  const without = { ...options, collectSamples: false };
  const first = checkBoth(TEXT, kept, 'without hover samples', without);
  assert.ok(first.claims.every((c) => !c.sample?.length));
  const second = checkBoth(TEXT, kept, 'with hover samples');
  assert.ok(
    second.claims.some((c) => (c.sample?.length ?? 0) > 0),
    'the results carry hover samples',
  );
});

test('near miss: a definition edited above the claims that reach it changes their verdicts', () => {
  const kept = caches();
  checkBoth(TEXT, kept, 'first check');
  for (const [from, to] of [
    ['$$k := 3$$', '$$k := 4$$'],
    ['$$k := 4$$', '$$k := 30$$'],
    ['$$k := 30$$', '$$k := 3$$'],
  ] as const) {
    const text = swap(TEXT, '$$k := 3$$', to);
    const r = checkBoth(text, kept, `${from} → ${to}`);
    const counts = r.claims.filter((c) => /^k \\cdot/.test(c.text));
    assert.equal(counts.length, 5);
    // Only k = 3 makes the counts hold.
    const held = counts.filter((c) => c.verdict === 'verified').length;
    assert.equal(held, to === '$$k := 3$$' ? 5 : 0, `${to}: ${counts.map((c) => c.verdict).join(', ')}`);
  }
});

test('near miss: a claim edited without changing its length is checked again', () => {
  const kept = caches();
  checkBoth(TEXT, kept, 'first check');
  const r = checkBoth(swap(TEXT, '$$5 + 5 = 10$$', '$$5 + 5 = 11$$'), kept, 'the last part’s sum');
  assert.equal(r.claims.find((c) => c.text.includes('5 + 5'))?.verdict, 'refuted');
});

// The checker worker sends a check's claim results as differences from the previous check of the
// same document (lsp/resultDiff.ts); rebuilt by the server, they equal the results sent whole,
// after every edit of a seeded random sequence, whether the claims moved or not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckCache } from '../../../server/src/check';
import type { ClaimResult } from '../../../server/src/check/result';
import { ReadCache } from '../../../server/src/document';
import { decodeClaims, encodeClaims, type SentList } from '../../../server/src/lsp/resultDiff';
import { runCheck } from '../../../server/src/lsp/runCheck';
import { ParseCache } from '../../../server/src/math/cache';
import { randomEdit, rng } from '../../support/randomEdits';

function section(i: number): string {
  return String.raw`## ${i}. A layer

Let $W \in \mathbb{R}^{m \times n}$, $x \in \mathbb{R}^{n}$ and $z \in \mathbb{R}^{k}$; let $s = \operatorname{softmax}(z)$.

$$\frac{\partial s}{\partial z} = \operatorname{diag}(s) - s s^\top$$

$$(W x)^\top = x^\top W^\top$$

A count: $$${i} + 1 = ${i % 4 === 0 ? i + 2 : i + 1}$$
`;
}

test('claim results sent as differences rebuild to the results sent whole', () => {
  const context = { cache: new CheckCache(), readCache: new ReadCache(), parseCache: new ParseCache() };
  const r = rng(14);
  let text = Array.from({ length: 12 }, (_, i) => section(i + 1)).join('\n');
  let sentList: SentList | undefined;
  let held: ClaimResult[] | undefined;
  let reused = 0;
  let total = 0;
  for (let id = 1; id <= 30; id++) {
    const out = runCheck(
      { text, kind: 'markdown', options: { collectSamples: true }, inlineMath: false },
      context,
    );
    const { sent, list } = encodeClaims(out.result.claims, (c) => context.cache.origin(c), sentList, id);
    const rebuilt = decodeClaims(sent, held);
    assert.deepEqual(rebuilt, out.result.claims, `check ${id}`);
    for (const s of sent) reused += 'same' in s ? s.count : 0;
    total += out.result.claims.length;
    sentList = list;
    held = rebuilt;
    text = randomEdit(text, r, { onlyLines: true });
  }
  // Most results of an edit are the previous check's, moved or not: they are not sent again.
  assert.ok(reused > total / 2, `${reused} of ${total} reused`);
});

test('without the previous results every claim result is sent whole', () => {
  const context = { cache: new CheckCache(), readCache: new ReadCache(), parseCache: new ParseCache() };
  const text = [1, 2].map(section).join('\n');
  const job = { text, kind: 'markdown' as const, options: {}, inlineMath: false };
  runCheck(job, context);
  const out = runCheck(job, context);
  const { sent } = encodeClaims(out.result.claims, (c) => context.cache.origin(c), undefined, 2);
  assert.deepEqual(sent, out.result.claims);
  assert.throws(
    () => decodeClaims([{ same: 0, count: 1, shift: 0 }], undefined),
    /previous check are missing/,
  );
  assert.throws(() => decodeClaims([{ same: 1, count: 2, shift: 0 }], out.result.claims.slice(0, 2)), /1–2/);
});

test('an edit of one claim sends that claim and the runs around it, whatever the length of the list', () => {
  const context = { cache: new CheckCache(), readCache: new ReadCache(), parseCache: new ParseCache() };
  const sections = Array.from({ length: 40 }, (_, i) => section(i + 1));
  const job = (text: string) => ({ text, kind: 'markdown' as const, options: {}, inlineMath: false });
  const first = runCheck(job(sections.join('\n')), context);
  const { list } = encodeClaims(first.result.claims, (c) => context.cache.origin(c), undefined, 1);
  // The count claim of section 19 made wrong and one character longer: the claims after it move.
  sections[18] = sections[18].replace('19 + 1 = 20', '19 + 1 = 200');
  const out = runCheck(job(sections.join('\n')), context);
  const { sent } = encodeClaims(out.result.claims, (c) => context.cache.origin(c), list, 2);
  const whole = sent.filter((s) => !('same' in s));
  assert.equal(whole.length, 1);
  assert.equal((whole[0] as ClaimResult).verdict, 'refuted');
  // Before the edit one run in place, after it one run moved by one character.
  const runs = sent.filter((s) => 'same' in s);
  assert.deepEqual(
    runs.map((s) => s.shift),
    [0, 1],
  );
  assert.deepEqual(decodeClaims(sent, first.result.claims), out.result.claims);
});

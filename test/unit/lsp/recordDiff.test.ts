// The checker worker sends a check's math spans and bindings as differences from the previous
// check of the same document (lsp/recordDiff.ts); rebuilt by the server they equal the lists
// sent whole, after every edit of a seeded random sequence (edits that move records, drop them,
// add them, and leave the text unreadable in places).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckCache } from '../../../server/src/check';
import type { MathRange, SymbolBinding } from '../../../server/src/check/result';
import { ReadCache } from '../../../server/src/document';
import { BINDINGS, decodeRecords, encodeRecords, MATH_RANGES } from '../../../server/src/lsp/recordDiff';
import { runCheck } from '../../../server/src/lsp/runCheck';
import { ParseCache } from '../../../server/src/math/cache';
import { randomEdit, rng } from '../../support/randomEdits';

function section(i: number): string {
  return String.raw`## ${i}. A layer

Let $W \in \mathbb{R}^{m \times n}$, $x \in \mathbb{R}^{n}$ and $z \in \mathbb{R}^{k}$; let $s = \operatorname{softmax}(z)$.

$$\frac{\partial s}{\partial z} = \operatorname{diag}(s) - s s^\top$$

Define $u := W x$ and $$v = 2 u$$.

A count: $$${i} + 1 = ${i % 4 === 0 ? i + 2 : i + 1}$$
`;
}

for (const onlyLines of [true, false]) {
  const edits = onlyLines ? 'line' : 'character';
  test(`spans and bindings sent as differences rebuild to the lists sent whole (${edits} edits)`, () => {
    const context = { cache: new CheckCache(), readCache: new ReadCache(), parseCache: new ParseCache() };
    const r = rng(onlyLines ? 14 : 41);
    let text = Array.from({ length: 10 }, (_, i) => section(i + 1)).join('\n');
    let spans: MathRange[] | undefined;
    let bindings: SymbolBinding[] | undefined;
    let sentCount = 0;
    let total = 0;
    for (let k = 1; k <= 40; k++) {
      const out = runCheck({ text, kind: 'markdown', options: {}, inlineMath: false }, context);
      const sentSpans = encodeRecords(out.spans, spans, MATH_RANGES);
      const sentBindings = encodeRecords(out.result.bindings, bindings, BINDINGS);
      spans = decodeRecords(sentSpans, spans, MATH_RANGES);
      bindings = decodeRecords(sentBindings, bindings, BINDINGS);
      assert.deepEqual(spans, out.spans, `spans after edit ${k}`);
      assert.deepEqual(bindings, out.result.bindings, `bindings after edit ${k}`);
      if (k > 1) {
        sentCount += sentSpans.middle.length + sentBindings.middle.length;
        total += out.spans.length + out.result.bindings.length;
      }
      text = randomEdit(text, r, { onlyLines });
    }
    // An edit touches a few records: the rest are not sent again.
    assert.ok(sentCount < total / 4, `${sentCount} of ${total} records sent`);
  });
}

test('a record after the edit that changed more than its place is sent (near misses)', () => {
  const before: MathRange[] = [
    { start: 0, end: 3, outerStart: 0, outerEnd: 4, display: false },
    { start: 10, end: 13, outerStart: 8, outerEnd: 15, display: true },
    { start: 20, end: 23, outerStart: 18, outerEnd: 25, display: true },
  ];
  // Moved by 2, but the middle one is now inline; the last moved by 2 as well.
  const now: MathRange[] = [
    before[0],
    { start: 12, end: 15, outerStart: 10, outerEnd: 17, display: false },
    { start: 22, end: 25, outerStart: 20, outerEnd: 27, display: true },
  ];
  const sent = encodeRecords(now, before, MATH_RANGES);
  assert.deepEqual(sent, { keep: 1, middle: [now[1]], tail: 1, shift: 2 });
  assert.deepEqual(decodeRecords(sent, before, MATH_RANGES), now);
  // A record whose end moved but not its start is not the same record moved.
  const stretched = [before[0], before[1], { ...before[2], end: 24 }];
  const s2 = encodeRecords(stretched, before, MATH_RANGES);
  assert.deepEqual(s2.middle, [stretched[2]]);
  assert.deepEqual(decodeRecords(s2, before, MATH_RANGES), stretched);
  // Bindings: the same place and another text is another binding.
  const b: SymbolBinding[] = [{ name: 'u', kind: 'definition', start: 5, end: 9, text: 'u := W x' }];
  const b2: SymbolBinding[] = [{ ...b[0], text: 'u := W y' }];
  assert.deepEqual(encodeRecords(b2, b, BINDINGS).middle, b2);
});

test('without the previous list everything is sent, and a missing list is an error, not a guess', () => {
  const now: SymbolBinding[] = [{ name: 'x', kind: 'declaration', start: 0, end: 4, text: 'x \\in R' }];
  assert.deepEqual(encodeRecords(now, undefined, BINDINGS), { keep: 0, middle: now, tail: 0, shift: 0 });
  assert.throws(
    () => decodeRecords({ keep: 1, middle: [], tail: 0, shift: 0 }, undefined, BINDINGS),
    /previous check's 1 records are missing/,
  );
});

test("each kind's written-out comparison notices every field it lists, and a move by the shift", () => {
  const span: MathRange = { start: 10, end: 20, outerStart: 8, outerEnd: 22, display: true };
  const binding: SymbolBinding = { name: 'W', kind: 'declaration', start: 5, end: 6, text: 'W' };
  const check = <T extends object>(r: T, kind: typeof MATH_RANGES | typeof BINDINGS) => {
    const k = kind as unknown as import('../../../server/src/lsp/recordDiff').RecordKind<T>;
    assert.equal(k.offsets.length + k.others.length, Object.keys(r).length);
    assert.ok(k.same({ ...r }, r, 0));
    const movedBy3 = { ...r } as Record<string, unknown>;
    for (const f of k.offsets) movedBy3[f] = (movedBy3[f] as number) + 3;
    assert.ok(k.same(movedBy3 as T, r, 3));
    assert.ok(!k.same(movedBy3 as T, r, 0));
    for (const f of [...k.offsets, ...k.others]) {
      const other = { ...r } as Record<string, unknown>;
      const v = other[f];
      other[f] = typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : `${String(v)}′`;
      assert.ok(!k.same(other as T, r, 0), `a changed ${f} is noticed`);
    }
  };
  check(span, MATH_RANGES);
  check(binding, BINDINGS);
});

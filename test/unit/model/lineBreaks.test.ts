// The line around an offset (model/lineBreaks.ts): a short scan on ordinary lines, the text's breaks
// bisected on a line longer than the scan. Both must give the answer of the plain definition — the
// last `\n` before the offset, the first at or after it — at every offset, on lines of every length
// around the scan's bound, and on a text asked again after another text (the kept breaks).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineEndAt, lineStartAt } from '../../../server/src/model/lineBreaks';
import { rng } from '../../support/randomEdits';

const plainStart = (s: string, at: number) =>
  at <= 0 ? 0 : s.lastIndexOf('\n', Math.min(at, s.length) - 1) + 1;
const plainEnd = (s: string, at: number) => {
  const k = s.indexOf('\n', Math.max(at, 0));
  return k < 0 ? s.length : k;
};

function checkAll(s: string, what: string): void {
  for (let at = -2; at <= s.length + 2; at++) {
    assert.equal(lineStartAt(s, at), plainStart(s, at), `${what}: start of the line at ${at}`);
    assert.equal(lineEndAt(s, at), plainEnd(s, at), `${what}: end of the line at ${at}`);
  }
}

test('lines shorter, as long as and longer than the scan give the plain answer at every offset', () => {
  for (const n of [0, 1, 511, 512, 513, 1200]) {
    const long = 'x'.repeat(n);
    checkAll(`${long}`, `one line of ${n}`);
    checkAll(`a\n${long}\nb`, `a line of ${n} between two`);
    checkAll(`\n\n${long}`, `a last line of ${n}`);
    checkAll(`${long}\n`, `a first line of ${n}`);
  }
});

test('random texts of short and long lines, asked in turn, give the plain answer', () => {
  const random = rng(14);
  const texts: string[] = [];
  for (let t = 0; t < 6; t++) {
    const lines: string[] = [];
    for (let k = 0; k < 8; k++) lines.push('y'.repeat(Math.floor(random() * (random() < 0.3 ? 1500 : 40))));
    texts.push(lines.join('\n'));
  }
  // One text after another and back: the breaks kept for one text never answer for another.
  for (const s of [...texts, ...texts.reverse()]) checkAll(s, `a text of ${s.length} characters`);
});

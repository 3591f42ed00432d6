// The edits between two texts (model/splice.ts editsBetween): several changes made at once (one
// notification of an editor, a burst checked once) split into edits whose ranges hold only changed
// text, so that the unchanged text between them reads as moved, not as edited. Applied in order,
// the edits must turn the old text into the new one exactly, and map every offset outside them to
// the same character.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Edit, editsBetween, lineHunks, mapOffset } from '../../../server/src/model/splice';
import { firstDifference } from '../../../server/src/model/resume';
import { randomEdit, rng } from '../../support/randomEdits';
import { layerSection } from '../../support/realisticDocument.mjs';

const sections = Array.from({ length: 12 }, (_, i) => layerSection(i + 1, { count: [i + 2, 3] }));
const TEXT = `# Sections\n\n${sections.join('\n')}`;

/** The edits applied in order to `before`, each taking its new text from `after`. */
function apply(before: string, after: string, edits: readonly Edit[]): string {
  let text = before;
  let moved = 0;
  for (const e of edits) {
    moved += e.shift;
    // After this edit, the text from e.oldEnd + e.shift on is the old text's tail; the new text's
    // part of the range is taken from `after` at the same place (the later edits lie past it).
    const replaced = after.slice(e.cut, e.oldEnd + e.shift);
    text = text.slice(0, e.cut) + replaced + text.slice(e.oldEnd);
  }
  assert.equal(moved, after.length - before.length, 'the shifts add up to the change in length');
  return text;
}

function check(before: string, after: string, what: string): Edit[] {
  const edits = editsBetween(before, after, firstDifference(before, after));
  assert.equal(apply(before, after, edits), after, `${what}: the edits rebuild the new text`);
  // Every character of the old text outside the edited ranges is the same character in the new one.
  for (let k = 0; k < before.length; k += 7) {
    const at = mapOffset(edits, k);
    if (!Number.isNaN(at)) assert.equal(after[at], before[k], `${what}: offset ${k} maps to ${at}`);
  }
  for (let k = 1; k < edits.length; k++)
    assert.ok(edits[k].cut >= edits[k - 1].oldEnd + edits[k - 1].shift, `${what}: edits in order, apart`);
  return edits;
}

test('several changes far apart become one edit each; the text between them is moved, not edited', () => {
  const lines = TEXT.split('\n');
  const count = lines.findIndex((l) => l.startsWith('A quick count'));
  const later = lines.length - 1 - [...lines].reverse().findIndex((l) => l.startsWith('A quick count'));
  const edited = [...lines];
  edited.splice(count, 0, '');
  edited[later + 1] = edited[later + 1].replace('= ', '= 1');
  const edits = check(TEXT, edited.join('\n'), 'a blank line above, a claim edited below');
  assert.equal(edits.length, 2);
  assert.equal(edits[0].shift, 1);
  // The first edit is the blank line alone: the sections after it are not in an edited range.
  assert.equal(edits[0].oldEnd - edits[0].cut, 0);
  assert.ok(edits[1].cut > TEXT.indexOf('A quick count') + 1000);
});

test('near misses stay one edit: one change, a short range, more lines changed than the bound', () => {
  const one = TEXT.replace('A quick count', 'A quick sum');
  assert.equal(check(TEXT, one, 'one change').length, 1);
  // Two changes a few lines apart: the range between them is too short to be worth splitting.
  const near = TEXT.replace('$$\\nabla_x L', '\n$$\\nabla_x L').replace('Let $z', 'Let  $z');
  assert.equal(check(TEXT, near, 'two changes close together').length, 1);
  // Every other line changed: past the bound of lines inserted or removed, one edit.
  const many = TEXT.split('\n')
    .map((l, i) => (i % 2 ? `${l} ` : l))
    .join('\n');
  assert.equal(check(TEXT, many, 'many lines changed').length, 1);
  // The same text: one empty edit at its end.
  assert.deepEqual(editsBetween(TEXT, TEXT, TEXT.length), [
    { cut: TEXT.length, oldEnd: TEXT.length, shift: 0 },
  ]);
});

test('seeded random bursts of edits: the edits rebuild the new text, unchanged text maps onto itself', () => {
  for (const seed of [5, 6, 7]) {
    const r = rng(seed);
    let text = TEXT;
    let split = 0;
    for (let k = 0; k < 30; k++) {
      let next = text;
      const burst = 1 + Math.floor(r() * 4);
      for (let j = 0; j < burst; j++) next = randomEdit(next, r);
      if (next === text) continue;
      if (check(text, next, `seed ${seed}, burst ${k + 1}`).length > 1) split++;
      text = next;
    }
    assert.ok(split > 0, `seed ${seed}: no burst was split`);
  }
});

test('lineHunks: the fewest lines inserted or removed, grouped into runs', () => {
  assert.deepEqual(lineHunks(['a', 'b', 'c'], ['a', 'b', 'c'], 4), []);
  assert.deepEqual(lineHunks(['a', 'b', 'c'], ['a', 'x', 'b', 'c'], 4), [{ a0: 1, a1: 1, b0: 1, b1: 2 }]);
  assert.deepEqual(lineHunks(['a', 'b', 'c', 'd'], ['x', 'b', 'c', 'y'], 4), [
    { a0: 0, a1: 1, b0: 0, b1: 1 },
    { a0: 3, a1: 4, b0: 3, b1: 4 },
  ]);
  assert.equal(lineHunks(['a', 'b', 'c', 'd'], ['w', 'x', 'y', 'z'], 4), undefined);
});

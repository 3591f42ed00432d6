// The edit of block numbers (model/renumber.ts) found from the edit's place among the old items,
// found once, equals the walk from the top it replaced (session 31), on random item lists with
// directives (block 0) before, inside and after the edit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocItem } from '../../../server/src/document/types';
import { blockRenumbering } from '../../../server/src/model/renumber';
import { rng } from '../../support/randomEdits';

type Item = {
  kind: 'math' | 'text';
  start: number;
  end: number;
  outerStart: number;
  outerEnd: number;
  block: number;
};

function itemStart(item: Item): number {
  return item.kind === 'math' ? Math.min(item.start, item.outerStart) : item.start;
}

function itemEnd(item: Item): number {
  return item.kind === 'math' ? Math.max(item.end, item.outerEnd) : item.end;
}

/** The walk from the top, as it was before session 31. */
function reference(oldItems: Item[], items: Item[], cut: number, oldEnd: number, itemShift: number) {
  let kept = 0;
  let after = -1;
  for (let k = 0; k < oldItems.length && after < 0; k++) {
    const n = oldItems[k].block;
    if (n === 0) continue;
    if (itemEnd(oldItems[k]) < cut) kept = Math.max(kept, n);
    else if (itemStart(oldItems[k]) >= oldEnd) after = k;
  }
  const now = after + itemShift;
  if (after < 0 || now < 0 || now >= items.length) return undefined;
  const old = oldItems[after].block;
  const shift = items[now].block - old;
  if (shift === 0) return [];
  if (kept + 1 > old || kept + 1 > old + shift) return undefined;
  return [{ cut: kept + 1, oldEnd: old, shift }];
}

function randomItems(random: () => number, count: number): Item[] {
  const out: Item[] = [];
  let at = 0;
  let block = 1;
  for (let k = 0; k < count; k++) {
    at += 1 + Math.floor(random() * 5);
    const length = 1 + Math.floor(random() * 6);
    const math = random() < 0.5;
    if (random() < 0.4) block++;
    out.push({
      kind: math ? 'math' : 'text',
      start: at + (math ? 1 : 0),
      end: at + length - (math ? 1 : 0),
      outerStart: at,
      outerEnd: at + length,
      block: random() < 0.15 ? 0 : block,
    });
    at += length;
  }
  return out;
}

test('the block renumbering from the edit found once equals the walk from the top', () => {
  const random = rng(31);
  let compared = 0;
  for (let trial = 0; trial < 3000; trial++) {
    const oldItems = randomItems(random, 1 + Math.floor(random() * 12));
    const last = itemEnd(oldItems[oldItems.length - 1]);
    const cut = Math.floor(random() * (last + 2));
    const oldEnd = cut + Math.floor(random() * 8);
    const itemShift = Math.floor(random() * 5) - 2;
    const added = Math.floor(random() * 3) - 1;
    // The new items: the old ones, with the numbers after the edit moved by `added` and the list
    // shifted by `itemShift` (padded with copies, so that every index the walk reads exists).
    const moved = oldItems.map((x) => ({
      ...x,
      block: x.block && itemStart(x) >= oldEnd ? x.block + added : x.block,
    }));
    const items = itemShift >= 0 ? [...moved.slice(0, itemShift), ...moved] : moved.slice(-itemShift);
    const got = blockRenumbering(
      oldItems as unknown as DocItem[],
      items as unknown as DocItem[],
      cut,
      oldEnd,
      itemShift,
    );
    assert.deepEqual(
      got,
      reference(oldItems, items, cut, oldEnd, itemShift),
      JSON.stringify({ oldItems, cut, oldEnd }),
    );
    if (got && got.length > 0) compared++;
  }
  assert.ok(compared > 100, `only ${compared} renumberings compared`);
});

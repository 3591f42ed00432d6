// The builder's states list their maps through keptEntries (model/keptEntries.ts): a state shares
// the list, or the entries, of the state before wherever the map has not changed, and always lists
// exactly the map's entries in order, so that comparing two states reads the same as with copies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keptEntries, keptMembers } from '../../../server/src/model/keptEntries';

test('an unchanged map gives the list taken before itself', () => {
  const m = new Map([
    ['x', 1],
    ['y', 2],
  ]);
  const first = keptEntries(m, undefined);
  assert.deepEqual(first, [
    ['x', 1],
    ['y', 2],
  ]);
  assert.equal(keptEntries(m, first), first);
});

test('a changed map gives a new list that reuses the entries still in place', () => {
  const m = new Map([
    ['x', 1],
    ['y', 2],
  ]);
  const first = keptEntries(m, undefined);
  m.set('y', 3);
  m.set('z', 4);
  const second = keptEntries(m, first);
  assert.notEqual(second, first);
  assert.deepEqual(second, [
    ['x', 1],
    ['y', 3],
    ['z', 4],
  ]);
  assert.equal(second[0], first[0]);
  // The list before is left as it was: states are never changed once taken.
  assert.deepEqual(first, [
    ['x', 1],
    ['y', 2],
  ]);
  m.delete('x');
  assert.deepEqual(keptEntries(m, second), [
    ['y', 3],
    ['z', 4],
  ]);
  assert.deepEqual(keptEntries(new Map(), second), []);
});

test('sets listed as values are copied only when their members changed', () => {
  const m = new Map([[1, new Set(['a', 'b'])]]);
  const first = keptEntries<number, Set<string>, string[]>(m, undefined, keptMembers);
  assert.deepEqual(first, [[1, ['a', 'b']]]);
  assert.equal(keptEntries(m, first, keptMembers), first);
  m.get(1)!.add('c');
  const second = keptEntries(m, first, keptMembers);
  assert.deepEqual(second, [[1, ['a', 'b', 'c']]]);
  assert.deepEqual(first, [[1, ['a', 'b']]]);
  // The same members in another order are another list: a set keeps its order of insertion.
  assert.deepEqual(keptMembers(new Set(['b', 'a']), ['a', 'b']), ['b', 'a']);
});

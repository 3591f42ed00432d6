// Sequences written out by their entries: where index 0 is, and what lies beyond the written values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';
import { writtenEntries, writtenSequence } from '../../../server/src/model/sequences';

function sides(text: string) {
  const [lhs, rhs] = parseMath(text).statements[0].sides;
  return { lhs, rhs };
}

test('a two-sided list of entries gives the stem and the index of its first entry', () => {
  const { lhs } = sides('(\\dots, x_{-1}, x_0, x_1, \\dots) = 0');
  const read = writtenEntries(lhs);
  assert.deepEqual(
    read && { stem: read.stem, origin: read.origin, before: read.dotsBefore, after: read.dotsAfter },
    { stem: 'x', origin: -1, before: true, after: true },
  );
});

test('zeros beside the dots continue with zeros; other values leave the rest unknown', () => {
  const mismatched = writtenSequence(...pair('(\\dots, x_0, x_1, \\dots) = (\\dots, 0, 2, 0, \\dots)'));
  assert.equal(mismatched, null, 'three values for two entries is no sequence');
  const finite = writtenSequence(...pair('(\\dots, x_0, x_1, x_2, \\dots) = (\\dots, 0, 2, 0, \\dots)'));
  assert.deepEqual(finite?.spec, { origin: 0, zeroBefore: true, zeroAfter: true });
  const open = writtenSequence(...pair('(\\dots, x_0, x_1, \\dots) = (\\dots, 1, 2, \\dots)'));
  assert.deepEqual(open?.spec, { origin: 0, zeroBefore: false, zeroAfter: false });
  const oneSided = writtenSequence(...pair('(u_0, u_1, \\dots) = (1, 3, \\dots)'));
  assert.deepEqual(oneSided?.spec, { origin: 0, zeroBefore: true, zeroAfter: false });
});

test('near misses: no dots, subscripts that skip, two stems, dots on different sides', () => {
  assert.equal(writtenEntries(sides('(x_0, x_1, x_2) = 0').lhs), null);
  assert.equal(writtenEntries(sides('(\\dots, x_0, x_2, \\dots) = 0').lhs), null);
  assert.equal(writtenEntries(sides('(\\dots, x_0, y_1, \\dots) = 0').lhs), null);
  assert.equal(writtenEntries(sides('(x_0, \\dots, x_5) = 0').lhs), null);
  assert.equal(writtenSequence(...pair('(\\dots, x_0, x_1) = (1, 2, \\dots)')), null);
});

function pair(text: string): [ReturnType<typeof sides>['lhs'], ReturnType<typeof sides>['rhs']] {
  const { lhs, rhs } = sides(text);
  return [lhs, rhs];
}

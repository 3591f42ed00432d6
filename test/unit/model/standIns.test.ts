import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';
import type { Node } from '../../../server/src/math/tree';
import { printNode } from '../../../server/src/math/print';
import { standInOf, standInsWritten, withStandIns } from '../../../server/src/model/standIns';

function sides(src: string): Node[] {
  const r = parseMath(src);
  assert.deepEqual(r.problems, [], `problems for ${src}`);
  return r.statements[0].sides;
}

const noNames = () => false;

test('a computation of numbers against a lone decimal gives a stand-in; anything else none', () => {
  const [l, r] = sides('\\ln 10 \\approx 2.303');
  assert.equal(standInOf(l, r, '\\approx', noNames)?.value, '2.303');
  const [x, y] = sides('x \\approx 2.303');
  assert.equal(standInOf(x, y, '\\approx', noNames), null);
  const [a, b] = sides('\\ln 10 \\approx 2');
  assert.equal(standInOf(a, b, '\\approx', noNames), null, 'a whole number is no rounded decimal');
  const [e, v] = sides('e^{0.5} = 1.649');
  assert.equal(
    standInOf(e, v, '=', (n) => n === 'e'),
    null,
    'e of the document is a name',
  );
});

test('a later claim writing the computation inside a side is read with the decimal, exactly', () => {
  const [l, r] = sides('\\ln 10 \\approx 2.303');
  const s = standInOf(l, r, '\\approx', noNames)!;
  const [lhs, rhs] = sides('2\\ln 10 \\approx 4.606');
  assert.deepEqual(standInsWritten([s], lhs, rhs, noNames), [s]);
  const replaced: { computation: Node; value: string }[] = [];
  const next = withStandIns(lhs, [s], noNames, replaced);
  assert.equal(replaced.length, 1);
  assert.equal(printNode(next), '2 \\frac{2303}{1000}');
  assert.equal(printNode(lhs), '2 \\log(10)', 'the tree given is left as it was');
  // The claim that restates the computation whole is not computing with it.
  assert.deepEqual(standInsWritten([s], l, r, noNames), []);
});

test('a name applied keeps its name; a long sum is rewritten without recursion', () => {
  const [p, v] = sides('\\pi \\approx 3.1416');
  const s = standInOf(p, v, '\\approx', noNames)!;
  const [applied] = sides('2\\pi(0.2855)');
  const replaced: { computation: Node; value: string }[] = [];
  withStandIns(applied, [s], noNames, replaced);
  assert.equal(replaced.length, 0);
  const long = sides(`${Array.from({ length: 4000 }, () => 'x').join(' + ')} + \\pi`)[0];
  const out: { computation: Node; value: string }[] = [];
  withStandIns(long, [s], noNames, out);
  assert.equal(out.length, 1);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';

test('math that is one operator or relation names the symbol: no statement, no problem', () => {
  for (const src of ['-', '+', '\\times', '\\cdot', '=', '\\le']) {
    const r = parseMath(src, 0, { display: false });
    assert.deepEqual(r.problems, [], src);
    assert.equal(r.statements.length, 0, src);
  }
});

test('an operator left without its operand inside longer math is still a problem', () => {
  const r = parseMath('x = 1 -', 0, { display: false });
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0].message, /expected a term after '-'/);
});

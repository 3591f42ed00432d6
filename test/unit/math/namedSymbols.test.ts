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

test("math that is a function's name alone names the function: no statement, no problem", () => {
  const names = [
    '\\tanh',
    '\\tanh^2',
    '\\cos',
    '\\log_2',
    '\\operatorname{softmax}',
    '\\exp',
    '\\arg\\max',
    '\\arg\\min',
  ];
  for (const src of names) {
    const r = parseMath(src, 0, { display: false });
    assert.deepEqual(r.problems, [], src);
    assert.equal(r.statements.length, 0, src);
  }
});

test('a function without its argument inside longer math is still a problem', () => {
  for (const src of ['1 - \\tanh^2', 'x + \\log', '\\sin x = \\cos', '\\arg\\max + 1']) {
    const r = parseMath(src, 0, { display: false });
    assert.equal(r.problems.length, 1, src);
    assert.match(r.problems[0].message, /needs an argument/, src);
  }
});

test("a new name given a function's name alone is that function: no problem", () => {
  for (const src of ['h = \\tanh', '\\phi = \\exp', 'h_1 = \\sin, \\quad x = 2']) {
    const r = parseMath(src, 0, { display: false });
    assert.deepEqual(r.problems, [], src);
    const [call] = r.statements[0].sides.slice(1);
    assert.ok(call.kind === 'call' && call.args.length === 0, src);
  }
});

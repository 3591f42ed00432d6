import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';
import type { Node } from '../../../server/src/math/tree';
import { constantsApplied } from '../../../server/src/model/appliedConstants';
import { pointKey } from '../../../server/src/model/pointValues';

function sides(src: string): Node[] {
  const r = parseMath(src);
  assert.deepEqual(r.problems, [], `problems for ${src}`);
  return r.statements.flatMap((s) => s.sides);
}

test('a constant applied the way functions are is the document’s function', () => {
  const applied = (src: string) => constantsApplied(sides(src), src).map((x) => x.f.name);
  assert.deepEqual(applied('e(0) = 0.2'), ['e']);
  assert.deepEqual(applied('0 < e(X) < 1'), ['e']);
  assert.deepEqual(applied('\\pi(a \\mid s) = 0.5'), ['\\pi']);
  // A bracket holding a formula is a product; a subscripted letter is another name.
  assert.deepEqual(applied('\\pi(r^2 + 1) = 4'), []);
  assert.deepEqual(applied('e(1 + x) = e + ex'), []);
  assert.deepEqual(applied('e_1(0) = 1'), []);
  assert.deepEqual(applied('f(0) = 1'), []);
  // A worked step's value in brackets: a decimal, a number set apart by a space or after a coefficient.
  assert.deepEqual(applied('2\\pi(0.2855) = 1.794'), []);
  assert.deepEqual(applied('\\pi (3) = 9.42'), []);
  assert.deepEqual(applied('2\\pi(60)(0.15) = 56.55'), []);
  assert.deepEqual(applied('\\pi(3) = 2'), ['\\pi']);
});

test('a value at written numbers has a key of its own', () => {
  const key = (src: string) => {
    const lhs = sides(src)[0];
    return lhs.kind === 'apply' ? pointKey(lhs.f, lhs.args) : null;
  };
  assert.equal(key('\\hat\\rho(1) = 0.6'), '\\hat{\\rho}@(1)');
  assert.equal(key('g(-1, \\frac{1}{2}) = 3'), 'g@(-1, 0.5)');
  assert.equal(key('g(x) = 3'), null);
  assert.equal(key('g(1 + x) = 3'), null);
});

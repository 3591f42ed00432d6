// Which roots undo an even power, and so count as ops with pieces (compile/rootOfSquare.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';
import { isEvenPowerRadicand, isEvenRootExponent } from '../../../server/src/check/compile/rootOfSquare';
import type { Node } from '../../../server/src/math/tree';

const first = (tex: string): Node => parseMath(tex).statements[0].sides[0];

function radicandOf(tex: string): Node {
  const n = first(tex);
  if (n.kind === 'sqrt') return n.radicand;
  throw new Error(`not a root: ${tex}`);
}

test('a radicand written as an even power, or a product with one', () => {
  for (const tex of ['\\sqrt{(x - 9.5)^2}', '\\sqrt{a^2 b^2}', '\\sqrt{4 (x - 12)^2}', '\\sqrt{x^4}'])
    assert.ok(isEvenPowerRadicand(radicandOf(tex)), tex);
  for (const tex of ['\\sqrt{x^2 + 1}', '\\sqrt{x^3}', '\\sqrt{\\sigma^2 + \\epsilon}', '\\sqrt{x}'])
    assert.ok(!isEvenPowerRadicand(radicandOf(tex)), tex);
});

test('exponents that are roots of even degree', () => {
  const exponentOf = (tex: string) => {
    const n = first(tex);
    if (n.kind !== 'pow') throw new Error(tex);
    return n.exponent;
  };
  assert.ok(isEvenRootExponent(exponentOf('u^{1/2}')));
  assert.ok(isEvenRootExponent(exponentOf('u^{\\frac{1}{4}}')));
  assert.ok(isEvenRootExponent(exponentOf('u^{0.5}')));
  assert.ok(!isEvenRootExponent(exponentOf('u^{1/3}')));
  assert.ok(!isEvenRootExponent(exponentOf('u^{2}')));
});

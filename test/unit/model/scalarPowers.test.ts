// A superscript letter T or τ on a number, where the document holds the letter as a number, is a
// power; on anything that can be transposed, or with a letter that means nothing, a transpose
// (model/scalarPowers.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMath } from '../../../server/src/math/parser';
import type { Node } from '../../../server/src/math/tree';
import { powersOfScalars } from '../../../server/src/model/scalarPowers';

function side(tex: string): Node {
  return parseMath(tex).statements[0].sides[0];
}

function reading(tex: string, numbers: string[]): string {
  const out = powersOfScalars(side(tex), { isNumber: (name) => numbers.includes(name) });
  return out.kind === 'pow' ? 'power' : out.kind === 'post' && out.op === 'T' ? 'transpose' : out.kind;
}

test('a number under a letter the document holds as a number is raised to it', () => {
  assert.equal(reading('0.5^\\tau', ['\\tau']), 'power');
  assert.equal(reading('2^{T}', ['T']), 'power');
  assert.equal(reading('(1 - \\gamma)^T', ['T', '\\gamma']), 'power');
});

test('no number, a transposition symbol or a letter that means nothing: a transpose', () => {
  assert.equal(reading('x^T', ['T']), 'transpose');
  assert.equal(reading('0.5^T', []), 'transpose');
  assert.equal(reading('0.5^\\top', ['T']), 'transpose');
  assert.equal(reading('(1 - x)^T', ['T']), 'transpose');
});

// Which names are functions: signatures, definitions with parameters, and the reading of a
// name before a bracket that follows from them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDocument } from '../../../server/src/document';
import { buildModel } from '../../../server/src/model/build';
import { isFunctionName, newCompileEnv } from '../../../server/src/check/evaluate';
import type { SymNode } from '../../../server/src/math/tree';
import { makeSym } from '../../../server/src/math/parser';

function model(text: string) {
  return buildModel(readDocument(text, 'markdown'), text);
}

const sym = (name: string, sub?: string): SymNode =>
  sub ? { ...makeSym(name, 0, 1), name: `${name}_{${sub}}`, subText: sub } : makeSym(name, 0, 1);

test('a signature declares a function and its sizes', () => {
  const m = model('Let $f: \\mathbb{R}^{n} \\to \\mathbb{R}^{m}$.');
  const e = m.env.lookup('f', 0);
  assert.equal(e?.kind, 'fn');
  assert.ok(e?.kind === 'fn' && e.domain?.shape.length === 1 && e.codomain?.shape.length === 1);
  assert.ok(m.env.isDimension('n') && m.env.isDimension('m'));
  assert.equal(m.claims.length, 0);
  assert.deepEqual(m.problems, []);
});

test('after a signature, h(v) = e defines h even when h and v meant values before', () => {
  const m = model(
    'Let $h = 3$ and $v \\in \\mathbb{R}^{2}$. Let $h: \\mathbb{R} \\to \\mathbb{R}$ and $h(v) = v^2$.',
  );
  const e = m.env.lookup('h', 0);
  assert.ok(e?.kind === 'def' && e.params?.map((p) => p.name).join() === 'v');
  assert.equal(m.claims.length, 0);
  // Without the signature a rule in one bracketed letter still introduces the function (nobody
  // writes the product h·v as h(v)); with an expression in the bracket it is a claim about h.
  const plain = model('Let $h = 3$. Then $h(v) = v^2$.');
  assert.equal(plain.claims.length, 0);
  assert.ok(plain.env.lookup('h', 0)?.kind === 'def');
  const product = model('Let $h = 3$ and $v \\in \\mathbb{R}$. Then $h(v + 1) = 3v + 3$.');
  assert.equal(product.claims.length, 1);
});

test('only functions are applied to a bracket', () => {
  const m = model(
    'Let $x \\in \\mathbb{R}$, $W \\in \\mathbb{R}^{n \\times n}$, $g(t) := t^2$, $\\phi: ' +
      '\\mathbb{R} \\to \\mathbb{R}$ and $c = 2$.',
  );
  const c = newCompileEnv(m.env, 0);
  assert.equal(isFunctionName(sym('g'), c), true);
  assert.equal(isFunctionName(sym('\\phi'), c), true);
  assert.equal(isFunctionName(sym('\\sigma'), c), true);
  assert.equal(isFunctionName(sym('x'), c), false);
  assert.equal(isFunctionName(sym('W'), c), false);
  assert.equal(isFunctionName(sym('c'), c), false);
  assert.equal(isFunctionName(sym('n'), c), false, 'a size multiplies');
  assert.equal(isFunctionName(sym('W', 'ij'), c), false, 'an entry multiplies');
  c.locals.add('g');
  assert.equal(isFunctionName(sym('g'), c), false, 'a bound index or parameter multiplies');
  // A declared σ is a value.
  const s = model('Let $\\sigma \\in \\mathbb{R}_{>0}$.');
  assert.equal(isFunctionName(sym('\\sigma'), newCompileEnv(s.env, 0)), false);
});

test('a colon that is not a signature separates statements, like a comma', () => {
  const m = model('Let $P = 3$. $ii: P = 2, D = 1$ and $W: d \\times k$.');
  assert.deepEqual(m.problems, []);
  assert.deepEqual(
    m.bindings.map((b) => `${b.kind} ${b.name}`),
    ['definition P', 'definition P', 'definition D'],
  );
  assert.equal(m.claims.length, 0);
});

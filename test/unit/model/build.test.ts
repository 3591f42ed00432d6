// How relations are sorted into declarations, definitions, cases and claims (reference §4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDocument } from '../../../server/src/document';
import { buildModel } from '../../../server/src/model/build';

function model(text: string) {
  return buildModel(readDocument(text, 'markdown'), text);
}

const kinds = (text: string) => model(text).bindings.map((b) => `${b.kind} ${b.name}`);

test('declarations, including comma lists and index patterns', () => {
  assert.deepEqual(kinds('$W_i \\in \\mathbb{R}^{n \\times n}$, $a, b \\in \\mathbb{R}$'), [
    'declaration W',
    'declaration a',
    'declaration b',
  ]);
  const m = model('$W_i \\in \\mathbb{R}^{n \\times n}$');
  assert.ok(m.env.lookupPattern('W'));
  assert.ok(m.env.isDimension('n'));
});

test('X = e defines an unknown X and claims a known one', () => {
  const m = model('Let $Z = W x$. Then $Z = W x$.');
  assert.deepEqual(
    m.bindings.map((b) => b.kind),
    ['definition'],
  );
  assert.equal(m.claims.length, 1);
  assert.equal(m.claims[0].op, '=');
});

test(':= always defines, also a known name', () => {
  const m = model('$a \\in \\mathbb{R}$ $a := 3$');
  assert.deepEqual(
    m.bindings.map((b) => b.kind),
    ['declaration', 'definition'],
  );
  assert.equal(m.claims.length, 0);
});

test('functions and elementwise definitions', () => {
  const m = model('$f(x) = x^2$ and $v \\in \\mathbb{R}^n$, $D_{ii} := v_i$, $A_{ij} := v_i v_j$');
  const defs = [...m.env.entries()].filter((e) => e.kind === 'def');
  const f = defs.find((e) => e.name === 'f');
  const D = defs.find((e) => e.name === 'D');
  const A = defs.find((e) => e.name === 'A');
  assert.ok(f && f.kind === 'def' && f.params?.length === 1);
  assert.ok(D && D.kind === 'def' && D.diagonal && D.indices?.join() === 'i');
  assert.ok(A && A.kind === 'def' && !A.diagonal && A.indices?.join() === 'i,j');
});

test('a case binds a declared scalar for its block only', () => {
  const text = '$p \\in (0,1)$\n\n- $p = 0.5$: $p = 0.5$\n- $p = 0.25$\n\n$p = 0.5$\n';
  const m = model(text);
  // Inside the first item the second `p = 0.5` is a claim about the case; after the list the
  // case is gone, so `p = 0.5` is a case again.
  assert.deepEqual(
    m.bindings.map((b) => b.kind),
    ['declaration', 'case', 'case', 'case'],
  );
  assert.equal(m.claims.length, 1);
  assert.equal(text.slice(m.claims[0].start, m.claims[0].end), 'p = 0.5');
  assert.ok(m.claims[0].start > text.indexOf(': $'));
});

test('random variables', () => {
  const m = model(
    '$R \\in \\{0,1\\}^{n \\times d}$ with $R_{ij} \\sim \\mathrm{Bernoulli}(p)$ and $z \\sim ' +
      '\\mathcal{N}(0, 1)$',
  );
  assert.deepEqual(
    m.bindings.map((b) => `${b.kind} ${b.name}`),
    // p, a Bernoulli law's parameter left undeclared, is read as a probability in (0, 1).
    ['declaration R', 'declaration p', 'random R', 'random z'],
  );
});

test('chains and continued lines make one relation per symbol, located at it', () => {
  const text = '$$\\begin{aligned} a &= b \\\\ &= c = d \\end{aligned}$$';
  const m = model(`Let $a, b, c, d \\in \\mathbb{R}$.${text}`);
  assert.equal(m.claims.length, 3);
  const src = `Let $a, b, c, d \\in \\mathbb{R}$.${text}`;
  assert.deepEqual(
    m.claims.map((c) => src.slice(c.opStart, c.opEnd)),
    ['=', '=', '='],
  );
  assert.deepEqual(
    m.claims.map((c) => src.slice(c.start, c.end).replace(/\s+/g, ' ')),
    ['a &= b', 'b \\\\ &= c', 'c = d'],
  );
});

test('directive settings apply from there on', () => {
  const m = model('$$1 = 1$$\n<!-- derive: trials 50; tolerance 1e-6; seed 7 -->\n$$2 = 2$$');
  assert.deepEqual(
    m.claims.map((c) => c.settings.trials),
    [20, 50],
  );
  assert.deepEqual(
    m.claims.map((c) => c.settings.tolerance),
    [1e-9, 1e-6],
  );
  assert.deepEqual(
    m.claims.map((c) => c.settings.seed),
    [0, 7],
  );
});

test('a bad directive value is a problem at the directive', () => {
  const text = 'x <!-- derive: trials many -->';
  const m = model(text);
  assert.equal(m.problems.length, 1);
  assert.equal(m.problems[0].code, 'directive');
  assert.match(m.problems[0].message, /trials needs a whole number/);
  assert.equal(text.slice(m.problems[0].start, m.problems[0].start + 6), 'trials');
});

test('unsupported relations are claims that say why they are not checked', () => {
  const m = model('$f \\propto g$');
  assert.equal(m.claims[0].skipReason, 'proportionality is not checked');
});

// Unknown-name hints: fitted to the use, naming only the claim's symbols, and never a
// declaration under which the claim is refuted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../server/src/check';

const md = (s: string) => checkText(s, 'markdown');

test('a declaration that would refute the claim is not suggested', () => {
  const c = md('$$x + y = z$$').claims[0];
  assert.equal(c.message, 'unchecked: unknown names x, y, z');
  assert.deepEqual(c.declarations, []);
  assert.match(c.details[0], /refuted with every shape tried/);
  assert.doesNotMatch(c.details.join('\n'), /\\in/);
  // Names in a claim that holds for reals are offered as reals (capitals: lower-case letters would
  // be read as any numbers and the claim verified, freeLetters.ts).
  assert.deepEqual(md('$$X + Y = Y + X$$').claims[0].declarations, [
    'X \\in \\mathbb{R}',
    'Y \\in \\mathbb{R}',
  ]);
});

test('a name in a product with a matrix gets a shape from the sizes in use', () => {
  const c = md('Let $A \\in \\mathbb{R}^{n \\times n}$.\n\n$$(M A)^\\top = A^\\top M^\\top$$\n').claims[0];
  assert.equal(c.message, 'unchecked: unknown name M');
  assert.deepEqual(c.declarations, ['M \\in \\mathbb{R}^{n \\times n}']);
  // A shape under which the claim is refuted is skipped: Mx = x needs no particular M but a
  // scalar reading (M = 1 is not what a random real is) fails, and so does every random matrix.
  const d = md('Let $x \\in \\mathbb{R}^{n}$.\n\n$$M x = x$$\n').claims[0];
  assert.deepEqual(d.declarations, []);
});

test('a name applied to arguments is a function to define, never a number', () => {
  // \Phi alone is the normal CDF (the registry); \Omega names no function.
  const c = md('$$\\Omega(0) = \\frac{1}{2}$$').claims[0];
  assert.equal(c.message, 'unchecked: unknown name \\Omega');
  assert.deepEqual(c.declarations, []);
  assert.match(c.details[0], /applied to arguments: define it .*\\Omega\(x\) :=/);
});

test('a name an expectation ranges over is a random variable', () => {
  const c = md('Let $x \\in \\mathbb{R}$.\n\n$$\\mathbb{E}_{R}[R x] = x$$\n').claims[0];
  assert.equal(c.verdict, 'unchecked');
  assert.match(c.message, /R is not a random variable: declare it with R \\sim/);
  assert.equal(c.declarations, undefined, 'no ℝ declaration is offered for it');
});

test("a name unknown only in a definition is reported with the definition, not as the claim's", () => {
  const c = md('<!-- derive: L := \\lambda x; x \\in \\mathbb{R} -->\n\n$$L = 2x$$\n').claims[0];
  assert.equal(c.message, 'unchecked: unknown name \\lambda in the definition of L');
  assert.deepEqual(c.declarations, []);
});

test('a shape that fits but whose random values refute the claim is named, not declared', () => {
  const c = md('Let $x \\in \\mathbb{R}^{m}$ and $y \\in \\mathbb{R}^{k}$.\n\n$$W x = y$$\n').claims[0];
  assert.equal(c.message, 'unchecked: unknown name W');
  assert.deepEqual(c.declarations, []);
  assert.match(
    c.details[0],
    /^The claim is formed with W \\in \\mathbb\{R\}\^\{k \\times m\}, but random values refute it: define it before this line \(W := …\)$/,
  );
});

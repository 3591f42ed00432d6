// Random variables of any law: which letters an expectation reads so, and the law each trial draws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANY_LAW_ATOMS, AnyLaw, anyLawNames } from '../../../server/src/check/anyLaw';
import { Rng } from '../../../server/src/engine';
import { parseMath } from '../../../server/src/math/parser';
import type { Node } from '../../../server/src/math/tree';

/** The body of the first expectation in `tex`. */
function body(tex: string): Node {
  let found: Node | null = null;
  const visit = (x: unknown): void => {
    if (found || !x || typeof x !== 'object') return;
    const n = x as Node;
    if (n.kind === 'expect') found = n.body;
    else for (const v of Object.values(x)) visit(v);
  };
  visit(parseMath(tex).statements);
  assert.ok(found, `no expectation in ${tex}`);
  return found;
}

const unread = () => true;

test('capital letters, alone or numbered, in scalar arithmetic are read as random variables', () => {
  assert.deepEqual(anyLawNames(body('\\mathbb{E}[X Y + 2 X_1 - |Z| / 3] = 0'), unread), [
    'X',
    'Y',
    'X_{1}',
    'Z',
  ]);
  assert.deepEqual(anyLawNames(body('\\operatorname{Var}(\\exp(X)) = 0'), unread), ['X']);
});

test('lower-case letters, letter-indexed family members and the identity are not', () => {
  assert.deepEqual(anyLawNames(body('\\mathbb{E}[x + X_i + I] = 0'), unread), []);
});

test('a transpose, a sum or a matrix in the body leaves it as it was', () => {
  assert.deepEqual(anyLawNames(body('\\mathbb{E}[X^\\top X] = 0'), unread), []);
  assert.deepEqual(anyLawNames(body('\\mathbb{E}[\\sum_{k=1}^{3} X] = 0'), unread), []);
});

test('a letter the document gives a meaning is not read so', () => {
  assert.deepEqual(
    anyLawNames(body('\\mathbb{E}[X + Y] = 0'), (x) => x.name !== 'Y'),
    ['X'],
  );
});

test('the law: weights that sum to 1, and each variable fixed at every atom for the trial', () => {
  const law = new AnyLaw(new Rng(1), (name) => new Rng(name === 'X' ? 2 : 3));
  const total = law.weights.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 1) < 1e-12, `weights sum to ${total}`);
  assert.ok(law.weights.every((w) => w > 0));
  const xs = Array.from({ length: ANY_LAW_ATOMS }, (_, k) => law.at('X', k));
  assert.deepEqual(
    Array.from({ length: ANY_LAW_ATOMS }, (_, k) => law.at('X', k)),
    xs,
  );
  const ys = Array.from({ length: ANY_LAW_ATOMS }, (_, k) => law.at('Y', k));
  assert.notDeepEqual(xs, ys);
  assert.equal(new Set(xs).size, ANY_LAW_ATOMS, 'distinct atoms');
});

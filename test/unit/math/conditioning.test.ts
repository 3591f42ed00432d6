import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';
import { printNode } from '../../../server/src/math/print';
import type { Node } from '../../../server/src/math/tree';

function only(text: string): Node {
  const r = parseMath(text);
  assert.deepEqual(r.problems, [], text);
  assert.equal(r.statements.length, 1, text);
  return r.statements[0].sides[0];
}

test('a conditioning bar in the arguments of a name marks where the condition starts', () => {
  for (const [text, given, args] of [
    ['p(x \\mid z)', 1, 2],
    ['p(x | z; \\theta)', 1, 3],
    ['p(y \\vert x)', 1, 2],
    ['q(a, b \\mid c)', 2, 3],
  ] as const) {
    const n = only(text);
    assert.equal(n.kind, 'apply', text);
    if (n.kind !== 'apply') continue;
    assert.equal(n.given, given, text);
    assert.equal(n.args.length, args, text);
  }
});

test('bars that pair up stay absolute values, and a plain bracket is not split', () => {
  const n = only('P(|X| > 1 \\mid Y = 1)');
  assert.ok(n.kind === 'apply' && n.given === 1 && n.args[0].kind === 'cmp' && n.args[0].left.kind === 'abs');
  const g = only('(|a| + |b|)');
  assert.ok(g.kind === 'group' && g.items.length === 1);
  // Between integers, outside such brackets, the bar is the divisibility relation.
  assert.equal(parseMath('3 \\mid 6').statements[0].ops[0].op, '\\mid');
});

test('probabilities, covariances and conditional expectations are expectation nodes', () => {
  const cases: [string, string, string | null][] = [
    ['\\Pr[X = 1]', 'P', null],
    ['\\mathbb{P}(X = 1 \\mid Y = 0)', 'P', 'Y = 0'],
    ['\\mathbb{E}[X \\mid Y = 1]', 'E', 'Y = 1'],
    ['\\operatorname{Cov}(X, Y)', 'Cov', null],
    ['\\operatorname{Var}(X \\mid Y = 1)', 'Var', 'Y = 1'],
  ];
  for (const [text, op, given] of cases) {
    const n = only(text);
    assert.equal(n.kind, 'expect', text);
    if (n.kind !== 'expect') continue;
    assert.equal(n.op, op, text);
    assert.equal(n.given ? printNode(n.given) : null, given, text);
  }
  const cov = only('\\operatorname{Cov}(X, Y)');
  assert.ok(cov.kind === 'expect' && cov.body.kind === 'list' && cov.body.items.length === 2);
});

test('a covariance of one expression is its covariance with itself', () => {
  const r = parseMath('\\operatorname{Cov}(X) = 1');
  assert.equal(r.problems.length, 0);
  const cov = r.statements[0].sides[0];
  assert.ok(cov.kind === 'expect' && cov.body.kind === 'list' && cov.body.items.length === 2);
  assert.ok(cov.body.items[0] === cov.body.items[1]);
});

test('a covariance of three expressions is reported', () => {
  const r = parseMath('\\operatorname{Cov}(X, Y, Z) = 1');
  assert.match(r.problems[0]?.message ?? '', /a covariance takes two expressions/);
});

test('the divergence bar separates its two laws', () => {
  const n = only('D_{\\mathrm{KL}}(p \\,\\|\\, q)');
  assert.ok(n.kind === 'apply' && n.args.length === 2 && n.given === undefined);
});

// How the parser reads convex-analysis notation: the positive part, the subdifferential, a dot
// holding an argument's place, a script after a gradient's argument, a problem laid out as an array.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';
import type { Node } from '../../../server/src/math/tree';

function sx(n: Node): string {
  switch (n.kind) {
    case 'num':
      return n.text;
    case 'sym':
      return n.name;
    case 'bin':
      return `(${n.op} ${sx(n.left)} ${sx(n.right)})`;
    case 'neg':
      return `(- ${sx(n.operand)})`;
    case 'abs':
      return `(abs ${sx(n.operand)})`;
    case 'post':
      return `(${n.op} ${sx(n.operand)})`;
    case 'call':
      return `(${n.fn} ${n.args.map(sx).join(' ')})`;
    case 'apply':
      return `(apply ${n.f.name} ${n.args.map(sx).join(' ')})`;
    case 'group':
      return `(${n.open}${n.close} ${n.items.map(sx).join(' ')})`;
    case 'deriv':
      return `(d${n.order} ${n.of ? sx(n.of) : '_'} ${sx(n.wrt)})`;
    case 'error':
      return `ERROR(${n.message})`;
    default:
      return n.kind;
  }
}

function read(src: string): { statements: string[]; problems: string[] } {
  const r = parseMath(src);
  return {
    statements: r.statements.map((s) => s.sides.map(sx).join(` ${s.ops.map((o) => o.op).join('|')} `)),
    problems: r.problems.map((p) => p.message),
  };
}

test('a bracket with the subscript + is its positive part; on a name it is a label', () => {
  assert.deepEqual(read('(1 - z)_+').statements, ['(max (- 1 z) 0)']);
  assert.deepEqual(read('[t]_{+}').statements, ['(max t 0)']);
  assert.deepEqual(read('(|v| - \\lambda)_+').statements, ['(max (- (abs v) \\lambda) 0)']);
  // On a name a lone sign is a label (`\rho_+`, the plus state's density matrix): a name of its own.
  const named = read('y_+ = 2');
  assert.deepEqual(named.problems, []);
  assert.doesNotMatch(named.statements[0], /max/);
});

test('\\partial before a function at a point, |x| or a norm, with no slash, is the subdifferential', () => {
  for (const src of ['\\partial f(0)', '\\partial |x|', '\\partial \\|x\\|_1']) {
    const r = read(src);
    assert.deepEqual(r.problems, [], src);
    assert.match(r.statements[0], /^ERROR\(the subdifferential/, src);
  }
  // The slash still makes it a partial derivative, and a lone letter is still a malformed one.
  assert.deepEqual(read('\\partial L / \\partial W').statements, ['(d1 L W)']);
  assert.match(read('\\partial x_i = 2').problems[0], /expected \/ \\partial x/);
});

test('a dot where a value stands holds the place of an argument; between values it multiplies', () => {
  const r = read('|\\cdot| = 1');
  assert.deepEqual(r.problems, []);
  assert.match(r.statements[0], /^\(abs ERROR\(\\cdot holds the place of an argument/);
  assert.deepEqual(read('2 \\cdot 3').statements, ['(cdot 2 3)']);
});

test("after \\nabla the script that follows the argument is the gradient's or the Hessian's", () => {
  assert.deepEqual(read('\\nabla f(x)^\\top (y - x)').statements, [
    '(juxt (T (d1 (apply f x) x)) (() (- y x)))',
  ]);
  assert.deepEqual(read('\\nabla^2 f(x)^{-1}').statements, ['(inv (d2 (apply f x) x))']);
  assert.deepEqual(read('\\nabla f(x)').statements, ['(d1 (apply f x) x)']);
});

test('an optimisation problem laid out as an array states nothing; another array is still read', () => {
  const problem =
    '\\begin{array}{ll} \\text{minimize} & x^2 + y^2 \\\\ \\text{subject to} & x + y = 1 \\end{array}';
  assert.deepEqual(read(problem), { statements: [], problems: [] });
  assert.ok(read('\\begin{array}{ll} a & b \\\\ c & d \\end{array}').problems.length > 0);
});

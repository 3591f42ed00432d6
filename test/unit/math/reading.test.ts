// How the parser reads what a mathematician writes: juxtaposition before a bracket, loose
// products, signs, exponents, numbers, relations, signatures, evaluation points, line breaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath, type ParseOptions } from '../../../server/src/math/parser';
import { printNode } from '../../../server/src/math/print';
import { tokenize } from '../../../server/src/math/tokens';
import type { Node } from '../../../server/src/math/tree';

function sx(n: Node): string {
  switch (n.kind) {
    case 'num':
      return n.text;
    case 'sym':
      return n.name;
    case 'bin':
      return `(${n.apply ? 'juxt?' : n.op} ${sx(n.left)} ${sx(n.right)})`;
    case 'neg':
      return `(- ${sx(n.operand)})`;
    case 'pow':
      return `(^ ${sx(n.base)} ${sx(n.exponent)})`;
    case 'post':
      return `(${n.op} ${sx(n.operand)})`;
    case 'fact':
      return `(! ${sx(n.operand)})`;
    case 'subscript':
      return `(sub ${sx(n.base)} ${n.indices.map(sx).join(' ')})`;
    case 'frac':
      return `(frac ${sx(n.numerator)} ${sx(n.denominator)})`;
    case 'call':
      return `(${n.fn} ${n.args.map(sx).join(' ')})`;
    case 'apply':
      return `(apply ${n.f.name} ${n.args.map(sx).join(' ')})`;
    case 'group':
      return `(${n.open}${n.close} ${n.items.map(sx).join(' ')})`;
    case 'deriv':
      return `(d ${n.of ? sx(n.of) : '_'} ${sx(n.wrt)}${n.at ? ` at ${n.at.map(sx).join(' ')}` : ''})`;
    case 'cmp':
      return `(${n.op} ${sx(n.left)} ${sx(n.right)})`;
    case 'list':
      return `(list ${n.items.map(sx).join(' ')})`;
    case 'error':
      return 'ERROR';
    default:
      return n.kind;
  }
}

function read(src: string, options: ParseOptions = {}): { statements: string[]; problems: string[] } {
  const r = parseMath(src, 0, options);
  return {
    statements: r.statements.map((s) => s.sides.map(sx).join(` ${s.ops.map((o) => o.op).join('|')} `)),
    problems: r.problems.map((p) => p.message),
  };
}

function clean(src: string, options: ParseOptions = {}): string[] {
  const r = read(src, options);
  assert.deepEqual(r.problems, [], `problems for ${src}`);
  return r.statements;
}

test('a name before a bracket with a script: the product, marked for the model to decide', () => {
  assert.deepEqual(clean('x (x + 1)^{2}'), ['(juxt? x (^ (() (+ x 1)) 2))']);
  assert.deepEqual(clean('x \\left(x + 1\\right)^{2}'), ['(juxt? x (^ (() (+ x 1)) 2))']);
  assert.deepEqual(clean('U (V U)^{-1}'), ['(juxt? U (inv (() (juxt V U))))']);
  assert.deepEqual(clean('n (n - 1)!'), ['(juxt? n (! (() (- n 1))))']);
  assert.deepEqual(clean('X_{ij}(X w - y)_i'), ['(juxt? X_{ij} (sub (() (- (juxt X w) y)) i))']);
  // Without a script the bracket is an application (the model turns a value's into a product).
  assert.deepEqual(clean('f(x + 1)'), ['(apply f (+ x 1))']);
  // Braces around the bracket make it a plain product, as TeX reads it.
  assert.deepEqual(clean('x {(x + 1)}^{2}'), ['(juxt x (^ (() (+ x 1)) 2))']);
  // A function word is a call, its script on the call.
  assert.deepEqual(clean('\\sin(x)^2'), ['(^ (sin x) 2)']);
});

test('Kronecker and Hadamard products bind looser than juxtaposition', () => {
  assert.deepEqual(clean('A C \\otimes B D'), ['(otimes (juxt A C) (juxt B D))']);
  assert.deepEqual(clean('A B \\odot C + D'), ['(+ (odot (juxt A B) C) D)']);
  assert.deepEqual(clean('A \\circ B \\cdot C'), ['(odot A (cdot B C))']);
  assert.deepEqual(clean('(A \\otimes B)(C \\otimes D)'), ['(juxt (() (otimes A B)) (() (otimes C D)))']);
});

test('printing keeps the new readings stable', () => {
  for (const src of ['x (x + 1)^{2}', 'A C \\otimes B D', '(A \\otimes B) C', '\\frac{dg}{dt}(s)', 'x^-2']) {
    const once = printNode(parseMath(src).statements[0].sides[0]);
    const again = parseMath(once);
    assert.deepEqual(again.problems, [], `re-parse of ${once}`);
    assert.equal(printNode(again.statements[0].sides[0]), once, `stable print of ${src}`);
    assert.equal(
      sx(again.statements[0].sides[0]),
      sx(parseMath(src).statements[0].sides[0]),
      `same tree for ${src}`,
    );
  }
});

test('signs of signs and signed exponents', () => {
  assert.deepEqual(clean('--x^2'), ['(- (- (^ x 2)))']);
  assert.deepEqual(clean('y - -y'), ['(- y (- y))']);
  assert.deepEqual(clean('+x'), ['x']);
  assert.deepEqual(clean('x^-1'), ['(inv x)']);
  assert.deepEqual(clean('A^-T'), ['(invT A)']);
  assert.deepEqual(clean('x^-1000'), ['(^ x (- 1000))']);
  assert.deepEqual(clean('x^-n'), ['(^ x (- n))']);
  assert.deepEqual(clean('A^+ b'), ['(juxt (pinv A) b)']);
  assert.deepEqual(clean('A^+b'), ['(juxt (pinv A) b)']);
  // A lone sign is still an error.
  assert.match(read('x = -').problems[0], /expected a term after '-'/);
});

test('an unbraced exponent of several digits is a problem and an error node', () => {
  const r = read('x^1001 = x^{1001}');
  assert.deepEqual(r.statements, ['ERROR = (^ x 1001)']);
  assert.equal(r.problems.length, 1);
  assert.match(
    r.problems[0],
    /TeX raises only the first digit \(1\) and sets 001 after it; write \^\{1001\}/,
  );
  assert.deepEqual(clean('x^2 y'), ['(juxt (^ x 2) y)']);
});

test("E-notation is a number; Euler's e stays a symbol elsewhere", () => {
  assert.deepEqual(
    tokenize('1.97e14')
      .filter((t) => t.type !== 'eof')
      .map((t) => `${t.type}:${t.text}`),
    ['num:1.97e14'],
  );
  assert.deepEqual(clean('4.19e6 + 2.5E-3 + 3e+2'), ['(+ (+ 4.19e6 2.5E-3) 3e+2)']);
  assert.equal((parseMath('2.5E-3').statements[0].sides[0] as { value: number }).value, 0.0025);
  assert.deepEqual(clean('2e'), ['(juxt 2 e)']);
  assert.deepEqual(clean('2e^{x}'), ['(juxt 2 (^ e x))']);
  assert.deepEqual(clean('2e-1'), ['2e-1']);
  assert.deepEqual(clean('2e3x'), ['(juxt (juxt (juxt 2 e) 3) x)']);
  assert.deepEqual(clean('x_2e3'), ['(juxt (juxt x_{2} e) 3)']);
});

test('thousands separators where a list cannot be meant', () => {
  assert.deepEqual(clean('30{,}000'), ['30000']);
  assert.deepEqual(clean('30,000 = 3 \\times 10^{4}'), ['30000 = (times 3 (^ 10 4))']);
  assert.deepEqual(clean('1,234,567.5'), ['1234567.5']);
  assert.deepEqual(clean('f(1,000)'), ['(apply f 1 000)']);
  assert.deepEqual(clean('x_{1,000}').length, 1);
  assert.deepEqual(clean('i = 1, 2, 3'), ['i = (list 1 2 3)']);
  assert.deepEqual(clean('a = 1, b = 2'), ['a = 1', 'b = 2']);
  assert.deepEqual(clean('1,23'), ['1', '23']);
});

test('relations: ≫ ≪ >> ≊ ≻ ↔ and the colon of a signature', () => {
  assert.deepEqual(clean('a \\gg b').concat(clean('a >> b'), clean('a << b'), clean('a \\ll b')), [
    'a \\gg b',
    'a \\gg b',
    'a \\ll b',
    'a \\ll b',
  ]);
  assert.deepEqual(clean('a \\approxeq b'), ['a \\approx b']);
  assert.deepEqual(clean('A \\succ 0'), ['A \\succ 0']);
  assert.deepEqual(clean('a \\leftrightarrow b'), ['a \\leftrightarrow b']);
  assert.deepEqual(clean('f: \\mathbb{R}^{n} \\to \\mathbb{R}^{m}'), [
    'f : (\\to (^ \\mathbb{R} n) (^ \\mathbb{R} m))',
  ]);
  assert.deepEqual(clean('f \\colon \\mathbb{R} \\to \\mathbb{R}'), ['f : (\\to \\mathbb{R} \\mathbb{R})']);
  // A trailing colon is punctuation; `X_{:,i}` is a whole axis.
  assert.deepEqual(clean('x = 1:'), ['x = 1']);
  assert.equal(clean('X_{:,i}').length, 1);
});

test('a derivative followed by a bracket carries the point', () => {
  assert.deepEqual(clean('\\frac{\\partial g}{\\partial t}(s)'), ['(d g t at s)']);
  assert.deepEqual(clean('\\frac{dg}{dt}(s + 1) = 3'), ['(d g t at (+ s 1)) = 3']);
  assert.deepEqual(clean('\\frac{\\partial f}{\\partial x}(a, b)'), ['(d f x at a b)']);
  assert.deepEqual(clean('\\frac{d}{dx}(x^2)'), ['(d (() (^ x 2)) x)']);
});

test('two relations run together across a line break are not read', () => {
  const r = read('x = x\ny = y + 1');
  assert.deepEqual(r.statements, ['x =|= ERROR =|= (+ y 1)']);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0], /two relations run together.*end the first line with \\\\/);
  // A product or a chain may continue on the next line; `\\` ends a line.
  assert.deepEqual(clean('x y = y\nx'), ['(juxt x y) = (juxt y x)']);
  assert.deepEqual(clean('x + y\n= y + x'), ['(+ x y) = (+ y x)']);
  assert.deepEqual(clean('x = x \\\\\ny = y'), ['x = x', 'y = y']);
  // Inside a bracket the line break joins nothing at the top level.
  assert.deepEqual(clean('a = (b\nc) = d'), ['a =|= (() (juxt b c)) =|= d']);
});

test('plain-text formulas read words as names when asked', () => {
  assert.deepEqual(clean('force = mass * accel', { words: true }), [
    '\\text{force} = (ast \\text{mass} \\text{accel})',
  ]);
  assert.deepEqual(clean('force = mass * accel'), [
    '(juxt (juxt (juxt (juxt f o) r) c) e) = (juxt (juxt (juxt (juxt (ast (juxt (juxt (juxt m a) ' +
      's) s) a) c) c) e) l)',
  ]);
  assert.deepEqual(clean('exp(x) * y', { words: true }), ['(ast (exp x) y)']);
});

test('connective text ends an expression as it separates statements', () => {
  assert.deepEqual(clean('a = b \\textrm{ and } c = d'), ['a = b', 'c = d']);
  // A remark of several words between two lines is not a product running them together.
  assert.deepEqual(clean('a = 1 \\textrm{ or equivalently }\nb = 2'), ['a = 1', 'b = 2']);
});

test('a colon inside brackets is not a signature', () => {
  assert.match(read('x[0:k-1]').problems[0] ?? '', /unexpected ':'/);
});

test('a colon that opens no signature separates; what stands before it alone is a label', () => {
  assert.deepEqual(clean('ii: W_2 = 4, W_1 = 8'), ['W_{2} = 4', 'W_{1} = 8']);
  assert.deepEqual(clean('x = 1: y = 2'), ['x = 1', 'y = 2']);
  assert.deepEqual(clean('f: x \\mapsto x^2'), ['f : (\\mapsto x (^ x 2))']);
  assert.deepEqual(clean('A := B'), ['A := B']);
});

// The printer brackets a child by precedence; a child printed bare where the parser would read it
// differently makes print → parse → print unstable (fuzz seed 2137461135: `x \times {x (x)}^{2}`
// printed as `x \times x(x)^{2}`, which reads back as `x \times (x (x)^{2})`). Every node kind is
// put in every position of every parent kind, two levels deep, and printed, parsed and printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';
import { printNode } from '../../../server/src/math/print';

/** One expression of each node kind (and of each operator of `bin`). */
const KINDS = [
  'x',
  '2',
  '-3',
  '-x',
  'a + b',
  'a - b',
  'a b',
  'a \\cdot b',
  'a / b',
  'a \\odot b',
  'a \\otimes b',
  'a \\pm b',
  'x \\times y',
  'f(x)',
  'x (x)',
  '{x (x)}',
  "f'(x)",
  '\\sin(x)',
  '\\sin x',
  '\\exp(x)',
  '\\log_2 x',
  '\\log^2 x',
  '\\operatorname{tr}(A)',
  '\\det A',
  '\\max(a, b)',
  '\\mathcal{N}(0, 1)',
  'x^{2}',
  'x^{\\top}',
  'A^{-1}',
  'x_{i}',
  'x[i]',
  '\\frac{a}{b}',
  '\\sqrt{x}',
  '|x|',
  '\\|x\\|',
  '\\|x\\|_{2}',
  '\\lfloor x \\rfloor',
  'n!',
  '\\binom{n}{k}',
  '\\sum_{i=1}^{3} x_i',
  '\\prod_{i=1}^{3} x_i',
  '\\int_0^1 x \\,dx',
  '\\mathbb{E}[x]',
  '\\operatorname{Var}(x)',
  '\\frac{d f}{d x}',
  '\\frac{\\partial f}{\\partial x}',
  '\\nabla_x f',
  '(a, b)',
  '\\begin{pmatrix} 1 & 2 \\end{pmatrix}',
  '\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}',
  '\\left. x \\right|_{x = 1}',
  '\\mathbb{1}[x > 0]',
  '\\ldots',
  '\\text{foo}',
  '\\operatorname{foo}',
  '\\alpha',
  '1.5',
  '10^{9}',
];

/** Every position a child takes in a parent: operands on both sides, scripts, bodies, arguments. */
const POSITIONS: ((c: string) => string)[] = [
  (c) => `{${c}}^{2}`,
  (c) => `{${c}}^{\\top}`,
  (c) => `{${c}}_{i}`,
  (c) => `{${c}}[i]`,
  (c) => `{${c}}!`,
  (c) => `-{${c}}`,
  (c) => `y \\times {${c}}`,
  (c) => `{${c}} \\times y`,
  (c) => `y {${c}}`,
  (c) => `{${c}} y`,
  (c) => `{${c}} (y)`,
  (c) => `y ({${c}})`,
  (c) => `y / {${c}}`,
  (c) => `{${c}} / y`,
  (c) => `y - {${c}}`,
  (c) => `{${c}} - y`,
  (c) => `y + {${c}}`,
  (c) => `y \\pm {${c}}`,
  (c) => `{${c}} \\pm y`,
  (c) => `y \\cdot {${c}}`,
  (c) => `{${c}} \\cdot y`,
  (c) => `y \\odot {${c}}`,
  (c) => `{${c}} \\odot y`,
  (c) => `y \\otimes {${c}}`,
  (c) => `{${c}} \\otimes y`,
  (c) => `\\sum_{i=1}^{3} {${c}}`,
  (c) => `\\int_0^1 {${c}} \\,dx`,
  (c) => `\\frac{d}{dx} {${c}}`,
  (c) => `\\nabla_x {${c}}`,
  (c) => `\\sin({${c}})`,
  (c) => `f({${c}})`,
  (c) => `\\sqrt{${c}}`,
  (c) => `\\mathbb{E}[{${c}}]`,
];

/** The print of `math`'s left side, or null when it does not parse cleanly. */
function printed(math: string): string | null {
  const parsed = parseMath(math, 0, { display: false });
  if (parsed.problems.length || parsed.statements.length !== 1) return null;
  return printNode(parsed.statements[0].sides[0]);
}

function unstable(math: string): string | null {
  const once = printed(math);
  if (once === null) return null;
  const twice = printed(`${once} = 1`);
  return twice === once ? null : `${math} prints as ${once}, which prints as ${twice}`;
}

test('every node kind, in every position two levels deep, prints stably', () => {
  const failures: string[] = [];
  let checked = 0;
  for (const outer of POSITIONS)
    for (const inner of [(c: string) => c, ...POSITIONS])
      for (const kind of KINDS) {
        const math = `${outer(inner(kind))} = 1`;
        if (printed(math) === null) continue;
        checked++;
        const failure = unstable(math);
        if (failure) failures.push(failure);
      }
  // Nearly every combination is well-formed math; the sweep must not pass by parsing nothing.
  assert.ok(checked > 0.9 * POSITIONS.length * (POSITIONS.length + 1) * KINDS.length, `${checked} checked`);
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} unstable prints`);
});

test('the shrunk fuzz findings print stably and keep their reading', () => {
  // A function applied, under a power, a transpose, an index or a factorial, keeps its brackets.
  assert.equal(printed('x \\times {x (x)}^{2} = 1'), 'x \\times (x(x))^{2}');
  assert.equal(printed("{f'(x)}! = 1"), "(f'(x))!");
  // ∇ reads a whole product: the gradient of f, times y, keeps its brackets.
  assert.equal(printed('{\\nabla_x f} y = 1'), '(\\nabla_{x} f) y');
  // An integrand that is an environment still ends at its differential.
  assert.equal(
    printed('\\int_0^1 \\begin{pmatrix} 1 & 2 \\end{pmatrix} \\,dx = 1'),
    '\\int_{0}^{1} \\begin{pmatrix} 1 & 2 \\end{pmatrix} \\,dx',
  );
  for (const math of ['x \\times {x (x)}^{2} = 1', '{\\nabla_x f} y = 1']) assert.equal(unstable(math), null);
});

// Fuzz seed 398025927: `2 {3}^{2}` printed as `2 3^{2}`, which reads back as two numbers side by side.
test('a number times a power of a number prints as a product that reads back', () => {
  for (const src of ['2 {3}^{2}', '-\\sum_{i=1}^{3} 2 {3}^{2}', '4 {5}']) {
    const printed = printNode(parseMath(src).statements[0].sides[0]);
    const again = parseMath(printed);
    assert.deepEqual(again.problems, [], `re-parse of ${printed}`);
    assert.equal(printNode(again.statements[0].sides[0]), printed);
  }
});

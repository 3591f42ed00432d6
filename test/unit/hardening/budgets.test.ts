// Budgets (issue §1): a claim that would take too long or allocate too much is reported
// "unchecked: over budget (…)" quickly, and the rest of the document still gets its verdicts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../server/src/math/parser';
import { cpuMs } from '../../support/cpuTime';
import { check, claim, describeResult } from './helpers';

// Hang guards, not performance targets (those live in npm run bench): a hang takes minutes,
// so a wide margin keeps these from failing on a busy machine.
const SLACK = 10;

const overBudget = /^unchecked: over budget \(/;

test('a sum over 10^9 terms is over budget, quickly', () => {
  const { result, cpuMs: ms } = check('$$\\sum_{i=1}^{10^9} i = 5$$\n');
  const c = claim(result, '\\sum_{i=1}^{10^9} i = 5');
  assert.equal(c.verdict, 'unchecked');
  assert.match(c.message, overBudget);
  assert.ok(ms < 1000 * SLACK, `took ${ms} ms`);
});

test('a product over 10^9 terms and a 10^4 × 10^4 double sum are over budget', () => {
  const { result, cpuMs: ms } = check(
    '$$\\prod_{i=1}^{10^9} i = 5$$\n\n$$\\sum_{i=1}^{10000}\\sum_{j=1}^{10000} i j = 5$$\n',
    'markdown',
    { timeBudgetMs: 50 },
  );
  for (const c of result.claims) assert.match(c.message, overBudget, describeResult(result));
  assert.ok(ms < 1500 * SLACK, `took ${ms} ms`);
});

test('a claim over a 2000×2000 matrix is over budget, and the next claim is still checked', () => {
  const text =
    '<!-- derive: A \\in \\mathbb{R}^{2000 \\times 2000} -->\n\n$$A A = A^\\top A$$\n\n$$1 + 1 = ' +
    '2$$\n\n$$2 + 2 = 5$$\n';
  const { result, cpuMs: ms } = check(text);
  assert.match(claim(result, 'A A = A^\\top A').message, overBudget);
  assert.equal(claim(result, '1 + 1 = 2').verdict, 'verified');
  assert.equal(claim(result, '2 + 2 = 5').verdict, 'refuted');
  assert.ok(ms < 2000 * SLACK, `took ${ms} ms`);
});

test('a vector of 10^9 elements is over budget', () => {
  const { result } = check('<!-- derive: x \\in \\mathbb{R}^{1000000000} -->\n\n$$x = x$$\n');
  assert.match(result.claims[0].message, overBudget);
});

test('the elementBudget option is honoured (a 20×20 product under a budget of 100 elements)', () => {
  // BUG: checkText ignores CheckOptions.elementBudget (server/src/check/document.ts passes only
  // timeBudgetMs and collectSamples on), so the editor setting derivcheck.budgets.elements has no effect.
  const { result } = check(
    '<!-- derive: A \\in \\mathbb{R}^{20 \\times 20} -->\n\n$$A A = A A$$\n',
    'markdown',
    { elementBudget: 100 },
  );
  assert.match(result.claims[0].message, overBudget, describeResult(result));
});

test('a 600×600 matrix product (2·10^8 flops, inside the element budget) keeps to the time budget', () => {
  // BUG: the time budget is only looked at between trials; one matmul is not interruptible and the
  // element budget counts only the result's size. 1000×1000 `A A = A A` takes ~4 s with the default budget.
  const { result, cpuMs: ms } = check(
    '<!-- derive: A \\in \\mathbb{R}^{600 \\times 600} -->\n\n$$A A = A A$$\n',
    'markdown',
    { timeBudgetMs: 20 },
  );
  assert.ok(ms < 300 * SLACK, `took ${Math.round(ms)} ms with a 20 ms budget: ${describeResult(result)}`);
});

test('a binomial coefficient with a huge k keeps to the time budget', () => {
  // BUG: engine/elementwise.ts binomScalar loops k times (k = 2·10^8 here) without a budget.
  const { result, cpuMs: ms } = check('$$\\binom{400000000}{200000000} = 1$$\n', 'markdown', {
    timeBudgetMs: 20,
  });
  assert.ok(ms < 300 * SLACK, `took ${Math.round(ms)} ms with a 20 ms budget: ${describeResult(result)}`);
});

test('a matrix power with a huge exponent keeps to the time budget (no hang)', () => {
  // BUG: A^{10^5} of a 3×3 matrix takes ~0.5 s and A^{10^7} hangs for minutes (one matmul per
  // unit of the exponent, no budget check). Here 10^5 with a 20 ms budget.
  const { result, cpuMs: ms } = check(
    '<!-- derive: A \\in \\mathbb{R}^{3 \\times 3} -->\n\n$$A^{100000} = A^{100000}$$\n',
    'markdown',
    { timeBudgetMs: 20 },
  );
  assert.ok(ms < 300 * SLACK, `took ${Math.round(ms)} ms with a 20 ms budget: ${describeResult(result)}`);
  assert.notEqual(
    result.claims[0].verdict,
    'refuted',
    `a tautology is never refuted: ${describeResult(result)}`,
  );
});

test('one over-budget claim among many: the others all get their verdicts', () => {
  const lines = ['$$\\sum_{i=1}^{10^9} i = 5$$'];
  for (let k = 1; k <= 30; k++) lines.push(`$$${k} + ${k} = ${2 * k}$$`);
  lines.push('$$\\sum_{i=1}^{100000}\\sum_{j=1}^{1000} i = 1$$', '$$3 = 4$$');
  const { result, cpuMs: ms } = check(`${lines.join('\n\n')}\n`, 'markdown', { timeBudgetMs: 50 });
  assert.equal(result.claims.length, 33);
  assert.equal(result.summary.verified, 30, describeResult(result));
  assert.equal(result.summary.refuted, 1);
  assert.equal(result.summary.unchecked, 2);
  assert.ok(ms < 2000 * SLACK, `took ${ms} ms`);
});

const NESTED: Record<string, (n: number) => string> = {
  parentheses: (n) => `${'('.repeat(n)}x${')'.repeat(n)}`,
  fractions: (n) => `${'\\frac{'.repeat(n)}1${'}{2}'.repeat(n)}`,
  braces: (n) => `${'{'.repeat(n)}x${'}'.repeat(n)}`,
  roots: (n) => `${'\\sqrt{'.repeat(n)}2${'}'.repeat(n)}`,
  powers: (n) => `${'x^{'.repeat(n)}2${'}'.repeat(n)}`,
  subscripts: (n) => `${'x_{'.repeat(n)}2${'}'.repeat(n)}`,
  negations: (n) => `${'-('.repeat(n)}x${')'.repeat(n)}`,
};

for (const [name, make] of Object.entries(NESTED)) {
  test(
    `10,000 nested ${name}: the parser returns a problem, no stack overflow escapes, the ` +
      `document still checks`,
    () => {
      const math = make(10000);

      const parsed = parseMath(math, 0, { display: true });

      assert.ok(parsed.problems.length > 0, 'too deep to read is a problem');
      const { result } = check(`$$${math} = 1$$\n\n$$1 + 1 = 2$$\n`);
      assert.equal(claim(result, '1 + 1 = 2').verdict, 'verified');
      assert.ok(result.problems.some((p) => p.code === 'syntax'));
    },
  );
}

test('10,000 nested levels give a precise depth problem, quickly (not a caught stack overflow)', () => {
  // BUG: today the depth limit is the JS stack: the problem reads "internal parser error: Maximum
  // call stack size exceeded" (already at ~1000 levels), and 10,000 nested powers take ~1 s to
  // parse and ~3 s to check. An explicit depth limit in the parser gives a precise message, quickly.
  const bad: string[] = [];
  for (const [name, make] of Object.entries(NESTED)) {
    const math = make(10000);
    const t0 = cpuMs();
    const parsed = parseMath(math, 0, { display: true });
    const parseMs = cpuMs() - t0;
    const { cpuMs: ms } = check(`$$${math} = 1$$\n`);
    const msg = parsed.problems[0]?.message ?? '';
    if (/internal parser error/.test(msg) || parseMs > 500 * SLACK || ms > 1500 * SLACK)
      bad.push(`${name}: '${msg}', parse ${Math.round(parseMs)} ms, check ${Math.round(ms)} ms`);
  }
  assert.deepEqual(bad, []);
});

test('moderate nesting (50 levels) still parses without problems', () => {
  for (const [name, make] of Object.entries(NESTED)) {
    if (name === 'negations') continue;
    const parsed = parseMath(make(50), 0, {});
    assert.deepEqual(
      parsed.problems.map((p) => p.message),
      [],
      name,
    );
  }
});

test('a 5000-term sum is checked or over budget, not an internal error (recursion depth)', () => {
  // BUG: the checker's compile/evaluate recursion has no depth budget: this gives
  // "unchecked: internal error (Maximum call stack size exceeded)".
  const text = `<!-- derive: x \\in \\mathbb{R} -->\n\n$$${Array(5000).fill('x').join(' + ')} = 5000 x$$\n`;
  const { result } = check(text);
  assert.doesNotMatch(result.claims[0].message, /internal error/, describeResult(result));
});

test('a chain of 3000 definitions is checked within a second', () => {
  // BUG: building/checking is superlinear in the number of definitions: 5000 chained
  // definitions take ~1.8 s and 20,000 take ~32 s, and the claim ends as an internal error
  // (stack overflow resolving the chain).
  const n = 3000;
  const defs = Array.from({ length: n }, (_, i) => `$a_{${i + 1}} = ${i ? `a_{${i}}` : 'x'} + 1$`).join('\n');
  const text = `<!-- derive: x \\in \\mathbb{R} -->\n\n${defs}\n\n$$a_{${n}} = x + ${n}$$\n`;
  const { result, cpuMs: ms } = check(text);
  assert.doesNotMatch(result.claims.at(-1)!.message, /internal error/, describeResult(result));
  assert.ok(ms < 1000 * SLACK, `took ${Math.round(ms)} ms`);
});

test('a verification cut short by the work budget needs a minimum of trials, a refutation does not', () => {
  // Each trial counts about 7 million operations (two 150×150 products), so a budget of 10 million
  // ends the run after the first trial: too few to call the identity verified, enough to show the
  // wrong one false. The count, not the clock, decides: the message is the same on any machine.
  const doc =
    '<!-- derive: A \\in \\mathbb{R}^{150 \\times 150}; B \\in \\mathbb{R}^{150 \\times 150} -->\n\n' +
    '$$(A B)^\\top = B^\\top A^\\top$$\n\n$$(A B)^\\top = A^\\top B^\\top$$\n';
  const { result } = check(doc, 'markdown', { workBudget: 10e6 });
  const [right, wrong] = result.claims;
  assert.equal(right.verdict, 'unchecked', right.message);
  assert.match(
    right.message,
    /^unchecked: over budget — 1 of 20 trials finished within the work budget of 10 million operations, and a verification needs 5 — /,
  );
  assert.equal(wrong.verdict, 'refuted', wrong.message);
});

test('the time limit is only a guard: when it ends a check, the verdict names no trial count', () => {
  const doc =
    '<!-- derive: A \\in \\mathbb{R}^{150 \\times 150}; B \\in \\mathbb{R}^{150 \\times 150} -->\n\n' +
    '$$(A B)^\\top = B^\\top A^\\top$$\n';
  const { result } = check(doc, 'markdown', { timeBudgetMs: 1 });
  const [c] = result.claims;
  // At 1 ms the guard may end it before or after the first trial; either way, the same text.
  assert.equal(c.verdict, 'unchecked', c.message);
  assert.match(
    c.message,
    /^unchecked: over budget \(the time limit of 1 ms ended the check before the work budget/,
  );
});

test('a 1000×1000 spectral norm, rank and pseudo-inverse are over the work budget before they start', () => {
  const doc =
    '<!-- derive: A \\in \\mathbb{R}^{1000 \\times 1000} -->\n\n$$\\|A\\|_2 = \\|A^\\top\\|_2$$\n\n' +
    '$$\\operatorname{rank}(A) = 1000$$\n\n$$A^\\dagger A = I$$\n\n$$\\det(A^{-1}) = 1 / \\det(A)$$\n';
  const { result, cpuMs } = check(doc);
  assert.equal(result.claims.length, 4);
  for (const c of result.claims)
    assert.match(
      c.message,
      /^unchecked: over budget \(one trial needs more than the work budget of 50 million/,
    );
  // Each would run for a minute; refused, they cost what sampling A costs.
  assert.ok(cpuMs < 5000 * SLACK, `took ${Math.round(cpuMs)} ms of CPU`);
});

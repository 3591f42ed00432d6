// Bad input (issue §2): each case gets a precise problem or verdict at the right position
// (asserted as 0-based line:column through LineIndex), and the rest of the document still checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, check, claim, describeResult } from './helpers';

test('an unbalanced brace: a syntax problem inside that display, the next claim still verified', () => {
  const text = 'Intro.\n\n$$\n\\frac{1}{2 = x\n$$\n\nThen $1 + 1 = 2$.\n';
  const { result } = check(text);
  const syntax = result.problems.filter((p) => p.code === 'syntax');
  assert.equal(syntax.length, 1, describeResult(result));
  const line = Number(at(text, syntax[0].start).split(':')[0]);
  assert.ok(line >= 3 && line <= 4, `problem on the display's lines, got ${at(text, syntax[0].start)}`);
  assert.equal(at(text, claim(result, '1 + 1 = 2').opStart), '6:12');
});

test('an extra closing brace is reported at the brace', () => {
  const text = 'A $1 + 1} = 2$ b $2 = 2$\n';
  const { result } = check(text);
  const p = result.problems.find((x) => x.code === 'syntax')!;
  assert.equal(text.slice(p.start, p.end), '}');
  assert.equal(at(text, p.start), '0:8');
  assert.equal(claim(result, '2 = 2').verdict, 'verified');
});

test('an unclosed $$ is reported at the opening delimiter', () => {
  const text = 'Text\n\n$$\n1 + 1 = 2\n\nmore\n';
  const { result } = check(text);
  const p = result.problems.find((x) => x.code === 'unclosed-math')!;
  assert.ok(p, describeResult(result));
  assert.equal(at(text, p.start), '2:0');
  assert.equal(text.slice(p.start, p.end), '$$');
});

test('an unclosed inline $ does not swallow the next paragraph', () => {
  const text = 'Text $1 + 1 = 2\n\nNext $2 = 3$ ok.\n';
  const { result } = check(text);
  assert.equal(at(text, claim(result, '2 = 3').opStart), '2:8');
  assert.equal(claim(result, '2 = 3').verdict, 'refuted');
});

test('an unknown command: a problem naming it at its position, the other span still checks', () => {
  const text = 'See $\\foo{x} + 1 = 2$ and $3 = 3$.\n';
  const { result } = check(text);
  const p = result.problems.find((x) => /\\foo/.test(x.message))!;
  assert.ok(p, describeResult(result));
  assert.equal(at(text, p.start), '0:5');
  assert.equal(text.slice(p.start, p.end), '\\foo');
  assert.equal(claim(result, '3 = 3').verdict, 'verified');
});

test('half-typed environments are reported where they open', () => {
  const md = '$$\n\\begin{pmatrix} 1 & 2 \\\\ 3\n$$\n';
  const p1 = check(md).result.problems[0];
  assert.equal(at(md, p1.start), '1:0');
  assert.match(p1.message, /pmatrix/);
  for (const tex of ['\\begin{equation}\n1 + 1 = 2\n', '\\begin{align}\n1 + 1 &= 2 \\\\\n\\end{alig\n']) {
    const { result } = check(tex, 'latex');
    const p = result.problems.find((x) => x.code === 'unclosed-math');
    assert.ok(p, describeResult(result));
    assert.equal(at(tex, p.start), '0:0');
  }
});

test(
  'huge numbers are exact or re-checked in higher precision; a side undefined where the other ' +
    'is defined refutes; both undefined is unchecked',
  () => {
    const { result } = check(
      `${[
        '$$99999999999999999999999999999999 + 1 = 100000000000000000000000000000000$$',
        '$$10^{400} = 10^{400}$$',
        '$$\\exp(1000) = \\exp(1000)$$',
        '$$\\log(0) = 1$$',
        '$$0/0 = 0/0$$',
      ].join('\n\n')}\n`,
    );
    assert.deepEqual(
      result.claims.map((c) => c.verdict),
      ['verified', 'verified', 'verified', 'refuted', 'unchecked'],
      describeResult(result),
    );
    // exp(1000) overflows a double: the verdict comes from decimal arithmetic, and says so.
    assert.match(result.claims[2].message, /re-checked with \d+ digits/);
    assert.match(
      result.claims[3].message,
      /^refuted: the left side is undefined \(\\log of 0: it needs x > 0\) while the right side is 1/,
    );
    assert.match(result.claims[4].message, /^unchecked: undefined/);
  },
);

test('division by zero on one side only is a counterexample, not a crash', () => {
  const text = '$$1/0 = 1$$\n\n<!-- derive: x \\in \\mathbb{R} -->\n\n$$\\frac{x}{x - x} = 1$$\n';
  const { result } = check(text);
  for (const c of result.claims)
    assert.match(
      c.message,
      /^refuted: the left side is undefined.*\(division by zero\)/,
      describeResult(result),
    );
});

test('a singular matrix: resampled, then "unchecked: singular"', () => {
  const { result } = check('<!-- derive: A \\in \\mathbb{R}^{3 \\times 3} -->\n\n$$(A - A)^{-1} = A$$\n');
  assert.match(result.claims[0].message, /^unchecked: singular/);
});

test(
  'CRLF, lone CR, tabs, BOM, astral characters and lone surrogates: the verdict sits at the ' +
    'right line:column',
  () => {
    const cases: [string, string, 'markdown' | 'latex', string][] = [
      ['crlf', 'Line one.\r\n\r\n$$\r\n1 + 1 = 3\r\n$$\r\n', 'markdown', '3:6'],
      ['lone cr', 'Line one.\r\r$$\r1 + 1 = 3\r$$\r', 'markdown', '3:6'],
      ['tabs', 'Tab\there\t$1\t+\t1 = 3$\n', 'markdown', '0:16'],
      ['bom', '\ufeffFirst $1 + 1 = 3$\n', 'markdown', '0:14'],
      ['emoji', '😀😀 $1 + 1 = 3$\n', 'markdown', '0:12'],
      ['lone surrogate', 'A \ud800 $1 + 1 = 3$ \udc00\n', 'markdown', '0:11'],
      ['latex crlf', 'Text\r\n\\[\r\n2 + 2 = 5\r\n\\]\r\n', 'latex', '2:6'],
    ];
    for (const [name, text, kind, where] of cases) {
      const { result } = check(text, kind);
      assert.equal(result.claims.length, 1, `${name}: ${describeResult(result)}`);
      assert.equal(result.claims[0].verdict, 'refuted', name);
      assert.equal(at(text, result.claims[0].opStart), where, name);
    }
  },
);

test('empty documents give nothing and no problem', () => {
  for (const kind of ['markdown', 'latex'] as const) {
    const { result } = check('', kind);
    assert.deepEqual([result.spans, result.claims.length, result.problems.length], [0, 0, 0]);
  }
});

test('a 10 MB document is read and checked without a crash, with budgets keeping it bounded', () => {
  const para = 'Some prose with $x$ and a claim $1 + 1 = 2$ and a wrong one $2 + 2 = 5$.\n\n';
  const text = para.repeat(Math.ceil(10_000_000 / para.length)).slice(0, 10_000_000);
  // A hang guard on CPU time, not wall time: another test file shares the machine's cores.
  const cpu = process.cpuUsage();
  const { result, ms } = check(text, 'markdown', { timeBudgetMs: 10, trials: 1 });
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  // The reader once gave up on this file with "Maximum call stack size exceeded" (a spread of
  // ~400,000 items): it must read it whole.
  assert.deepEqual(
    result.problems.filter((p) => p.code === 'input').map((p) => p.message),
    [],
  );
  assert.ok(result.claims.length > 100_000, `${result.claims.length} claims`);
  const last = result.claims.at(-1)!;
  assert.ok(last.end <= text.length);
  assert.ok(cpuMs < 90_000, `took ${Math.round(cpuMs)} ms of CPU time`);
  console.log(
    `10 MB markdown: ${result.claims.length} claims in ${Math.round(ms)} ms (${Math.round(cpuMs)} ms CPU)`,
  );
});

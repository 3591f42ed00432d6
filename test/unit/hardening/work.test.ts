// The work budget (issue 15, items 2, 3 and 5): compilation shares what definitions build, exact
// arithmetic looks at operand sizes, and how far a check goes is decided by a count of operations,
// so the same input gives the same output alone and under load.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliSandbox } from '../cli/helpers';
import { check, claim, describeResult } from './helpers';

// CPU-time hang guards, not performance targets: before sharing, the first chain ran 76 s.
const CPU_GUARD_MS = 30_000;

/** `a_k = a_{k-1} · a_{k-1}` 25 times over (written with `relation`), then a claim on a_24. */
function doublingChain(relation: string): string {
  const lines = ['<!-- derive: a_0 \\in \\mathbb{R} -->', ''];
  for (let k = 1; k <= 25; k++) lines.push(`$a_{${k}} ${relation} a_{${k - 1}} \\cdot a_{${k - 1}}$`, '');
  lines.push('$$a_{24} = a_{23}^2$$', '', '$$a_{24} = 2 a_{23}^2$$', '');
  return lines.join('\n');
}

for (const relation of ['=', ':=']) {
  test(`25 definitions with ${relation} that each use the previous one twice compile once each`, () => {
    const { result, cpuMs } = check(doublingChain(relation));
    // a_24 is a_0 to the power 2^24: the values leave double range, and the verdicts are decided
    // in decimals; what matters here is that they are verdicts, found in bounded time.
    assert.equal(claim(result, 'a_{24} = a_{23}^2').verdict, 'verified', describeResult(result));
    assert.notEqual(claim(result, 'a_{24} = 2 a_{23}^2').verdict, 'verified', describeResult(result));
    assert.ok(cpuMs < CPU_GUARD_MS, `took ${Math.round(cpuMs)} ms of CPU`);
  });
}

test('a chain of functions that each call the previous one twice ends over budget, naming the budget', () => {
  const lines = ['<!-- derive: x \\in \\mathbb{R} -->', '', '$f_0(x) := x$', ''];
  for (let k = 1; k <= 25; k++) lines.push(`$f_{${k}}(x) := f_{${k - 1}}(x) \\cdot f_{${k - 1}}(x)$`, '');
  lines.push('$$f_{24}(x) = f_{23}(x)^2$$', '', '$$1 + 1 = 2$$', '');
  const { result, cpuMs } = check(lines.join('\n'));
  const c = claim(result, 'f_{24}(x) = f_{23}(x)^2');
  // Evaluating f_24 calls f_0 2^24 times: the work count ends it, and says what to do.
  assert.equal(c.verdict, 'unchecked', c.message);
  assert.match(
    c.message,
    /^unchecked: over budget \(.*work budget of 50 million operations.*raise the budget/,
  );
  assert.equal(claim(result, '1 + 1 = 2').verdict, 'verified');
  assert.ok(cpuMs < CPU_GUARD_MS, `took ${Math.round(cpuMs)} ms of CPU`);
});

test('compilation is bounded even when nothing can be shared', () => {
  // A claim that writes out 2^17 terms (balanced, so not too deep to read) is itself too big.
  const balanced = (d: number): string => (d === 0 ? 'x' : `(${balanced(d - 1)} + ${balanced(d - 1)})`);
  const text = `<!-- derive: x \\in \\mathbb{R} -->\n\n$$${balanced(17)} = 131072 x$$\n`;
  const { result, cpuMs } = check(text);
  const c = result.claims[0];
  assert.equal(c.verdict, 'unchecked', c.message);
  assert.match(
    c.message,
    /^unchecked: over budget: compiling this claim with its definitions takes more than 200,000/,
  );
  assert.ok(cpuMs < CPU_GUARD_MS, `took ${Math.round(cpuMs)} ms of CPU`);
});

test('exact arithmetic looks at operand sizes: huge integer claims end quickly, never verified', () => {
  const text = [
    '$$\\frac{(3^{1000})^{300}+1}{(3^{1000})^{300}} = 1$$',
    '',
    `$$${Array(40).fill('(7^{4000})').join(' \\cdot ')} = 7^{160000} + 1$$`,
    '',
  ].join('\n');
  const { result, cpuMs } = check(text);
  for (const c of result.claims) assert.notEqual(c.verdict, 'verified', describeResult(result));
  assert.ok(cpuMs < CPU_GUARD_MS, `took ${Math.round(cpuMs)} ms of CPU`);
});

let sandbox: CliSandbox;
before(() => {
  sandbox = new CliSandbox();
});
after(() => sandbox?.dispose());

function runCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [sandbox.cli, ...args], { cwd: sandbox.dir });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.on('error', reject);
    p.on('close', () => resolve(out));
  });
}

test('a claim cut by the budget gives the same output alone and with copies running', async () => {
  // Each trial counts about 7 million operations: the default 50 million stops after a few trials.
  // Under a time budget the number of trials finished depended on the machine's load.
  writeFileSync(
    join(sandbox.dir, 'heavy.md'),
    '<!-- derive: A \\in \\mathbb{R}^{150 \\times 150}; B \\in \\mathbb{R}^{150 \\times 150} -->\n\n' +
      '$$(A B)^\\top = B^\\top A^\\top$$\n\n$$(A B)^\\top = A^\\top B^\\top$$\n',
  );
  const args = ['--format', 'json', '--verbose', 'heavy.md'];
  const alone = await runCli(args);
  const loaded = await Promise.all([runCli(args), runCli(args), runCli(args), runCli(args)]);
  const claims = JSON.parse(alone).files[0].claims as { verdict: string; message: string }[];
  assert.match(claims[0].message, /^verified: \d+ trials/, alone);
  assert.equal(claims[1].verdict, 'refuted', alone);
  for (const out of loaded) assert.equal(out, alone);
});

// Quadratic paths in reading (issue 15, item 6): each of these took seconds to minutes. The bounds
// are CPU-time hang guards, far above what the linear code takes, not performance targets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, claim, describeResult } from './helpers';

const CPU_GUARD_MS = 20_000;

test('a 32,000-letter run is read one letter at a time without rescanning the run', () => {
  // Before: 60 s (each letter read the whole run to look for a function name).
  const { result, cpuMs } = check(`$$${'a'.repeat(32_000)} = 1$$\n\n$$1 + 1 = 3$$\n`);
  assert.equal(claim(result, '1 + 1 = 3').verdict, 'refuted', describeResult(result));
  assert.ok(cpuMs < CPU_GUARD_MS, `took ${Math.round(cpuMs)} ms of CPU`);
});

test('a long run of letters in plain-text math does not make the word-product test quadratic', () => {
  const { result, cpuMs } = check(`$${'ab'.repeat(20_000)} + b*c = 1$\n\n$$2 + 2 = 4$$\n`);
  assert.equal(claim(result, '2 + 2 = 4').verdict, 'verified', describeResult(result));
  assert.ok(cpuMs < CPU_GUARD_MS, `took ${Math.round(cpuMs)} ms of CPU`);
});

test('a bracket finds its unpaired bar within itself, in time linear in the math', () => {
  // Before: every parenthesis scanned to the end of the math (and f(x | y) was a syntax error).
  const balanced = (d: number): string => (d === 0 ? 'x' : `(${balanced(d - 1)} + ${balanced(d - 1)})`);
  const { result, cpuMs } = check(`<!-- derive: x \\in \\mathbb{R} -->\n\n$$${balanced(12)} = 4096 x$$\n`);
  assert.equal(result.claims[0].verdict, 'verified', describeResult(result));
  assert.ok(cpuMs < CPU_GUARD_MS, `took ${Math.round(cpuMs)} ms of CPU`);
  const bar = check('<!-- derive: x \\in \\mathbb{R}; y \\in \\mathbb{R} -->\n\n$$f(x | y) = 1$$\n');
  assert.equal(bar.result.problems.length, 0, describeResult(bar.result));
});

test('8,000 redefinitions of one name: each claim sees the innermost without walking the rest', () => {
  const defs = Array.from({ length: 8000 }, (_, i) => `$y = x + ${i}$`).join('\n\n');
  const text = `<!-- derive: x \\in \\mathbb{R} -->\n\n${defs}\n\n$$y = x + 7999$$\n\n$$y = x$$\n`;
  const { result, cpuMs } = check(text);
  assert.equal(claim(result, 'y = x + 7999').verdict, 'verified', describeResult(result));
  // A restatement that disagrees is read as a possible new setting (docs/language.md, Relations).
  assert.match(claim(result, 'y = x').message, /^unchecked: y was introduced by an earlier/);
  assert.ok(cpuMs < CPU_GUARD_MS, `took ${Math.round(cpuMs)} ms of CPU`);
});

test('\\text{,,,…} of 100 KB is read in linear time', () => {
  const { result, cpuMs } = check(`$$\\text{${','.repeat(100_000)}} = 1$$\n\n$$1 + 1 = 2$$\n`);
  assert.equal(claim(result, '1 + 1 = 2').verdict, 'verified', describeResult(result));
  assert.ok(cpuMs < CPU_GUARD_MS, `took ${Math.round(cpuMs)} ms of CPU`);
});

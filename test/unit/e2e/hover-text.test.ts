// The rules the workbench's UI check applies to a hover's text (test/e2e/vscode/hover-text.mjs),
// pinned here without a browser, with the near misses that must read differently.
import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error: a plain .mjs module of the e2e runner, without type declarations
import { floodProblems, sampleMismatch, sampleSizes, sideValues } from '../../e2e/vscode/hover-text.mjs';

const MESSAGE =
  'refuted: left is 0.949 × right at every sample: the coefficient should be 3.00 (√9) — at n = 2, ' +
  'd = 2: left [[7.82, 0], [0, 7.13]], right [[8.23, 0], [0, 7.51]]';

test('the values of each side are read from a refutation message, matrices flattened', () => {
  assert.deepEqual(sideValues(MESSAGE, 'left'), [7.82, 0, 0, 7.13]);
  assert.deepEqual(sideValues(MESSAGE, 'right'), [8.23, 0, 0, 7.51]);
  assert.deepEqual(sideValues('refuted: left 0.07475, right 0.1418', 'right'), [0.1418]);
  // "left is 0.949 × right" is a ratio, not the left side's value.
  assert.deepEqual(sideValues('left is 0.949 × right', 'left'), null);
});

test('the sizes of a counterexample are read from "at n = 2, d = 2:"', () => {
  assert.deepEqual(sampleSizes(MESSAGE), { n: 2, d: 2 });
  assert.deepEqual(sampleSizes('refuted: left is 4, right is 5 (exact arithmetic)'), {});
});

test('a shown sample agrees with the message when it rounds to the message values', () => {
  assert.equal(sampleMismatch([7.82, 0, 0, 7.13], ['7.8156', '0', '0', '7.1301']), null);
  assert.match(sampleMismatch([7.82, 0, 0, 7.13], ['7.8356', '0', '0', '7.1301']) ?? '', /value 1/);
  assert.match(sampleMismatch([7.82, 0], ['7.8156', '0', '0']) ?? '', /2 values, the hover 3/);
  assert.match(sampleMismatch(null, ['1']) ?? '', /no values/);
});

test('the flood: many or repeated related-information lines, and doubled verdict words', () => {
  const calm = [
    MESSAGE,
    'derivcheck(refuted)',
    'sample.md(210, 15): left = [[7.81563, 0], [0, 7.13005]]',
    'sample.md(210, 15): right = [[8.23246, 0], [0, 7.51032]]',
    '✗ refuted — left is 0.949 × right at every sample',
  ].join('\n');
  assert.deepEqual(floodProblems(calm), []);
  const many = Array.from({ length: 6 }, (_, i) => `sample.md(210, 15): line ${i}`).join('\n');
  assert.match(floodProblems(many).join(), /6 related-information lines/);
  const repeated = 'a.md(1, 2): left = 4\na.md(1, 2): left = 4';
  assert.match(floodProblems(repeated).join(), /repeated/);
  assert.match(floodProblems('✓ verified — verified: 20 trials').join(), /doubled verdict word/);
  // One verdict word after another verdict is not a doubling.
  assert.deepEqual(floodProblems('✗ refuted — left is 4; unchecked elsewhere'), []);
});

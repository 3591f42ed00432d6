// Labels that say the math after them is wrong (model/labels.ts): which sentence openings are
// labels, and the look-alikes that are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSentenceLabel, labelBefore, turnsToRight } from '../../../server/src/model/labels';

const SPAN = '\u0000';

test('a colon label opening the sentence reaches the math after it', () => {
  for (const words of [
    'wrong: ',
    'incorrect: ',
    'bad: ',
    '✗: ',
    'another slip: ',
    'common mistake: ',
    'common wrong answers:',
    'a frequent slip drops the \u0000:',
    'the following argument is wrong: ',
    'spot the bug in this shortcut: ',
    'this is false: ',
    'another slip: forgetting the inner derivative, ',
    '> **common mistake.** treating \u0000 as a power: ',
    'where is the error in the claim that ',
  ])
    assert.ok(labelBefore(words), words);
});

test('the look-alikes are no labels', () => {
  for (const words of [
    'the slip is harmless: ',
    'a slip of this kind fails at the first step: ',
    `a slip \`\`${SPAN} gives ${SPAN}'' fails at ${SPAN}: `,
    'this is wrong: the logarithm turns products into sums, so ',
    'incorrect: the exponent is not constant, so ',
    'wrong answers are common, but ',
    'the error term: ',
    'find the error in the approximation ',
    `wrong: ${SPAN}. correct: `,
    'here the trace is ',
    '(wrong: ',
  ])
    assert.equal(labelBefore(words), null, words);
});

test('a sentence of its own is a label for the next one', () => {
  assert.ok(isSentenceLabel('common mistake.'));
  assert.ok(isSentenceLabel('the following argument is wrong;'));
  assert.equal(isSentenceLabel('wrong!'), null);
  assert.equal(isSentenceLabel('the product rule has two terms.'), null);
  assert.equal(isSentenceLabel(`wrong: ${SPAN}.`), null);
});

test('words that turn to the right statement end a label', () => {
  assert.ok(turnsToRight('correct: '));
  assert.ok(turnsToRight('the fix: '));
  assert.ok(!turnsToRight('treating it as a power: '));
});

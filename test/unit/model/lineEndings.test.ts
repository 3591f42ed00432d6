// A file saved with CRLF line endings (Windows editors' default) must read as the same file with LF:
// its blank lines end paragraphs, so values given in one paragraph end there too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../../server/src/check';

const LF = [
  'Names given values in this passage: take $a = 2$ and $b = 3$; then $a < b$',
  'and $b < a$.',
  '',
  'A new paragraph, with the values ended:',
  '$$a \\neq b$$',
  '',
].join('\n');

const verdicts = (text: string) => checkText(text, 'markdown').claims.map((c) => `${c.verdict} ${c.text}`);

test('CRLF line endings read as LF: the blank line ends the paragraph and its values', () => {
  const lf = verdicts(LF);
  assert.deepEqual(verdicts(LF.replace(/\n/g, '\r\n')), lf);
  assert.deepEqual(verdicts(`\uFEFF${LF.replace(/\n/g, '\r\n')}`), lf);
  // Near miss: without the blank line the values go on, in either line ending.
  const joined = LF.replace('and $b < a$.\n\n', 'and $b < a$.\n');
  assert.deepEqual(verdicts(joined.replace(/\n/g, '\r\n')), verdicts(joined));
  assert.notDeepEqual(verdicts(joined), lf, 'the blank line matters');
});

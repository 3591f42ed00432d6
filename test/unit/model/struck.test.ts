// How deep in struck-through text the prose between two math spans leaves the reader
// (model/struck.ts): Markdown's `~~`, `<del>`, `<s>`, `<strike>`; LaTeX's `\sout{…}`, `\st{…}`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { struckDepthAfter } from '../../../server/src/model/struck';

test('Markdown strikes open and close, and a blank line ends one left open', () => {
  assert.equal(struckDepthAfter('see ~~', 0, 'markdown'), 1);
  assert.equal(struckDepthAfter('~~ then ', 1, 'markdown'), 0);
  assert.equal(struckDepthAfter('<del>take ', 0, 'markdown'), 1);
  assert.equal(struckDepthAfter(', so </DEL> then', 1, 'markdown'), 0);
  assert.equal(struckDepthAfter('<s>', 0, 'markdown'), 1);
  assert.equal(struckDepthAfter('<strike class="x">', 0, 'markdown'), 1);
  assert.equal(struckDepthAfter('open ~~ here\n\nnext ', 0, 'markdown'), 0);
});

test('Markdown look-alikes strike nothing', () => {
  assert.equal(struckDepthAfter('about ~10 of them ', 0, 'markdown'), 0);
  assert.equal(struckDepthAfter('<span>and <sup>', 0, 'markdown'), 0);
  assert.equal(struckDepthAfter('<section>', 0, 'markdown'), 0);
});

test('LaTeX counts the braces of the struck argument', () => {
  assert.equal(struckDepthAfter('\\sout{First try: ', 0, 'latex'), 1);
  assert.equal(struckDepthAfter(', which {really} is ', 1, 'latex'), 1);
  assert.equal(struckDepthAfter('wrong.} Then ', 1, 'latex'), 0);
  assert.equal(struckDepthAfter('\\st{', 0, 'latex'), 1);
  assert.equal(struckDepthAfter('\\textbf{bold ', 0, 'latex'), 0);
  assert.equal(struckDepthAfter('\\stackrel{', 0, 'latex'), 0);
});

// What the extension tells the server of the lines its editors show (client/src/visibleRanges.ts):
// once per change, a scroll once after it pauses, two editors of one document joined, a document no
// longer shown told so, everything again for a new server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VisibleRangesReporter } from '../../../client/src/visibleRanges';
import type { VisibleRangesParams } from '../../../server/src/lsp/protocol';

function reporter(pauseMs = 20) {
  const sent: VisibleRangesParams[] = [];
  return { r: new VisibleRangesReporter((p) => sent.push(p), pauseMs), sent };
}

test('a newly shown editor is sent at once, and the same lines only once', () => {
  const { r, sent } = reporter();
  r.update([{ uri: 'file:///a.md', ranges: [{ start: 0, end: 40 }] }]);
  r.update([{ uri: 'file:///a.md', ranges: [{ start: 0, end: 40 }] }]);
  assert.deepEqual(sent, [{ uri: 'file:///a.md', ranges: [{ start: 0, end: 40 }] }]);
  r.dispose();
});

test('a scroll is sent once, after it pauses, with where it stopped', async () => {
  const { r, sent } = reporter();
  for (let k = 0; k < 10; k++)
    r.update([{ uri: 'file:///a.md', ranges: [{ start: k * 5, end: k * 5 + 40 }] }], true);
  assert.equal(sent.length, 0);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(sent, [{ uri: 'file:///a.md', ranges: [{ start: 45, end: 85 }] }]);
  r.dispose();
});

test('two editors of one document are joined; a document no longer shown is told none', () => {
  const { r, sent } = reporter();
  r.update([
    { uri: 'file:///a.md', ranges: [{ start: 100, end: 140 }] },
    { uri: 'file:///a.md', ranges: [{ start: 0, end: 40 }] },
    { uri: 'file:///a.md', ranges: [{ start: 30, end: 60 }] },
    { uri: 'file:///b.md', ranges: [{ start: 0, end: 10 }] },
  ]);
  assert.deepEqual(sent, [
    {
      uri: 'file:///a.md',
      ranges: [
        { start: 0, end: 60 },
        { start: 100, end: 140 },
      ],
    },
    { uri: 'file:///b.md', ranges: [{ start: 0, end: 10 }] },
  ]);
  r.update([{ uri: 'file:///b.md', ranges: [{ start: 0, end: 10 }] }]);
  assert.deepEqual(sent.slice(2), [{ uri: 'file:///a.md', ranges: [] }]);
  // Told once: not again while it stays hidden.
  r.update([]);
  assert.deepEqual(sent.slice(3), [{ uri: 'file:///b.md', ranges: [] }]);
  r.update([]);
  assert.equal(sent.length, 4);
  r.dispose();
});

test('a new server is told everything shown again', () => {
  const { r, sent } = reporter();
  r.update([{ uri: 'file:///a.md', ranges: [{ start: 0, end: 40 }] }]);
  r.reset();
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[1], sent[0]);
  r.dispose();
});

// Snapshots (server/src/lsp/snapshot.ts) move the previous version's line starts by each change
// instead of finding them in the text again. After any sequence of changes a snapshot must answer
// every position and offset as a document made fresh from the same text does, and as the
// library's own document updated by the same changes does; and an earlier snapshot must keep
// answering for its own text (a check holds the snapshot of the version it checked).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Snapshot, snapshots } from '../../../server/src/lsp/snapshot';
import { rng } from '../../support/randomEdits';

/** Line breaks of every kind, so that changes split and join CR LF pairs. */
const PIECES = ['a', 'xy', ' ', '\n', '\r\n', '\r', '\n\n', '$x$', 'é', '\r\r\n', ''];

function piece(r: () => number): string {
  let s = '';
  for (let n = Math.floor(r() * 4); n > 0; n--) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

/** A change as an editor sends it: a range of the current text (ends in either order), or the whole. */
function change(doc: TextDocument, r: () => number): TextDocumentContentChangeEvent {
  if (r() < 0.03) return { text: piece(r) + piece(r) };
  const length = doc.getText().length;
  const a = doc.positionAt(Math.floor(r() * (length + 1)));
  const b = r() < 0.4 ? a : doc.positionAt(Math.floor(r() * (length + 1)));
  // Columns past a line's end are clamped by both documents alike.
  const end = r() < 0.05 ? { line: b.line, character: b.character + 3 } : b;
  return { range: r() < 0.5 ? { start: a, end } : { start: end, end: a }, text: piece(r) };
}

function assertSame(s: Snapshot, expected: TextDocument, what: string): void {
  const text = expected.getText();
  assert.equal(s.getText(), text, `${what}: text`);
  assert.equal(s.lineCount, expected.lineCount, `${what}: line count`);
  for (let o = -1; o <= text.length + 1; o++)
    assert.deepEqual(s.positionAt(o), expected.positionAt(o), `${what}: position of offset ${o}`);
  for (let line = -1; line <= expected.lineCount; line++) {
    for (const character of [-1, 0, 1, 2, 5, 1000]) {
      const p = { line, character };
      assert.equal(s.offsetAt(p), expected.offsetAt(p), `${what}: offset of ${line}:${character}`);
    }
    assert.deepEqual(s.getLineRange(line), expected.getLineRange(line), `${what}: range of line ${line}`);
    assert.equal(s.getEOLCharacters(line), expected.getEOLCharacters(line), `${what}: end of line ${line}`);
  }
}

test('snapshots after random changes answer as fresh documents and as the library’s updated one', () => {
  for (const seed of [3, 4, 5]) {
    const r = rng(seed);
    const start = 'first line\nsecond $a = b$\r\nthird\rfourth\n\n';
    let s = snapshots.create('file:///s.md', 'markdown', 1, start);
    const library = TextDocument.create('file:///s.md', 'markdown', 1, start);
    const kept: [Snapshot, string][] = [];
    for (let k = 0; k < 150; k++) {
      // One to three changes per notification, each in the text the one before it left.
      const changes: TextDocumentContentChangeEvent[] = [];
      const scratch = TextDocument.create('file:///s.md', 'markdown', 0, library.getText());
      for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
        const c = change(scratch, r);
        changes.push(c);
        TextDocument.update(scratch, [c], 0);
      }
      // The previous version answers before the next is made, so its starts are the moved ones.
      s.positionAt(0);
      const next = snapshots.update(s, changes, k + 2);
      TextDocument.update(library, changes, k + 2);
      const what = `seed ${seed}, change ${k + 1}`;
      assert.equal(next.version, k + 2);
      assertSame(next, library, `${what} (the library's document)`);
      assertSame(
        next,
        TextDocument.create('file:///s.md', 'markdown', k + 2, library.getText()),
        `${what} (fresh)`,
      );
      if (k % 25 === 0) kept.push([s, s.getText()]);
      s = next;
    }
    for (const [old, text] of kept)
      assertSame(
        old,
        TextDocument.create('file:///s.md', 'markdown', old.version, text),
        `seed ${seed}, kept v${old.version}`,
      );
  }
});

test('a change that splits or joins a CR LF pair: line starts found again, not moved', () => {
  const s = snapshots.create('u', 'markdown', 1, 'a\r\nb\r\nc');
  // Typing between CR and LF makes two line breaks of one; removing it joins them again.
  const split = snapshots.update(
    s,
    [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '\r' }],
    2,
  );
  assertSame(split, TextDocument.create('u', 'markdown', 2, 'a\r\r\nb\r\nc'), 'CR typed before a CR LF');
  const joined = snapshots.update(
    snapshots.create('u', 'markdown', 1, 'a\rx\nb'),
    [{ range: { start: { line: 0, character: 2 }, end: { line: 1, character: 0 } }, text: '' }],
    2,
  );
  // 'a\rx\nb' less the x and the LF after it would be 'a\rb'; less only the x it is 'a\r\nb'.
  assertSame(
    joined,
    TextDocument.create('u', 'markdown', 2, joined.getText()),
    'a CR and an LF brought together',
  );
  const near = snapshots.update(
    snapshots.create('u', 'markdown', 1, 'a\rx\nb'),
    [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: '' }],
    2,
  );
  assert.equal(near.getText(), 'a\r\nb');
  assertSame(near, TextDocument.create('u', 'markdown', 2, 'a\r\nb'), 'the x between CR and LF removed');
  assert.equal(near.lineCount, 2);
});

test('a change that moves no line start shares the starts; versions after and before it stay right', () => {
  const text = 'one\ntwo $a$\nthree\n';
  const s = snapshots.create('u', 'markdown', 1, text);
  s.positionAt(0);
  // The same length within one line: every start stays, the array is the previous version's.
  const same = snapshots.update(
    s,
    [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } }, text: 'b' }],
    2,
  );
  assertSame(same, TextDocument.create('u', 'markdown', 2, 'one\ntwo $b$\nthree\n'), 'a character replaced');
  // Near misses made from the shared starts: a longer text on the line moves the later starts; a
  // line break of the same length as what it replaces adds one; the earlier versions do not move.
  const longer = snapshots.update(
    same,
    [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } }, text: 'bc' }],
    3,
  );
  assertSame(longer, TextDocument.create('u', 'markdown', 3, 'one\ntwo $bc$\nthree\n'), 'a character added');
  const broken = snapshots.update(
    same,
    [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, text: '\n' }],
    3,
  );
  assertSame(broken, TextDocument.create('u', 'markdown', 3, 'o\ne\ntwo $b$\nthree\n'), 'a line break typed');
  assertSame(same, TextDocument.create('u', 'markdown', 2, 'one\ntwo $b$\nthree\n'), 'the shared version');
  assertSame(s, TextDocument.create('u', 'markdown', 1, text), 'the first version');
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { kindFromPath, LineIndex } from '../../../server/src/document/index';

describe('LineIndex', () => {
  test('LF, CRLF and lone CR line ends', () => {
    const text = 'ab\ncd\r\nef\rg';
    const li = new LineIndex(text);
    assert.equal(li.lineCount, 4);
    assert.deepEqual(li.position(0), { line: 0, column: 0 });
    assert.deepEqual(li.position(2), { line: 0, column: 2 });
    assert.deepEqual(li.position(3), { line: 1, column: 0 });
    assert.deepEqual(li.position(text.indexOf('e')), { line: 2, column: 0 });
    assert.deepEqual(li.position(text.indexOf('g')), { line: 3, column: 0 });
    assert.deepEqual(li.position(text.length), { line: 3, column: 1 });
    for (let off = 0; off <= text.length; off++) {
      const p = li.position(off);
      if (text[off - 1] === '\r' && text[off] === '\n') continue; // inside a CRLF
      assert.equal(li.offset(p.line, p.column), off, `round trip ${off}`);
    }
  });

  test('columns are UTF-16 code units', () => {
    const text = 'x𝑥y\n€z';
    const li = new LineIndex(text);
    assert.deepEqual(li.position(text.indexOf('y')), { line: 0, column: 3 });
    assert.equal(li.offset(1, 1), text.indexOf('z'));
  });

  test('clamping', () => {
    const li = new LineIndex('ab\r\ncd');
    assert.deepEqual(li.position(-5), { line: 0, column: 0 });
    assert.deepEqual(li.position(99), { line: 1, column: 2 });
    assert.equal(li.offset(0, 99), 2, 'column clamps before the line end');
    assert.equal(li.offset(7, 0), 6);
    assert.equal(li.offset(-1, 3), 0);
    assert.deepEqual(new LineIndex('').position(0), { line: 0, column: 0 });
  });
});

describe('kindFromPath', () => {
  test('extensions', () => {
    assert.equal(kindFromPath('/a/b/notes.md'), 'markdown');
    assert.equal(kindFromPath('C:\\x\\Notes.MARKDOWN'), 'markdown');
    assert.equal(kindFromPath('paper.tex'), 'latex');
    assert.equal(kindFromPath('dir.md/file.txt'), null);
    assert.equal(kindFromPath('README'), null);
    assert.equal(kindFromPath('x.texx'), null);
  });
});

// Whether a word that can state a setting starts in a window (model/settingWords.ts): searched
// window by window at first, from the whole text's index once the windows add up to its length.
// Every answer, before and after the switch, must be the plain one: some occurrence of log, angle,
// bearing or heading (any case) starts in [from, to).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SettingWords } from '../../../server/src/model/settingWords';
import { rng } from '../../support/randomEdits';

function plain(source: string, from: number, to: number): boolean {
  const re = /log|angle|bearing|heading/gi;
  for (const m of source.matchAll(re)) if (m.index >= from && m.index < to) return true;
  return false;
}

const PIECES = [
  'log',
  'LOG',
  'angle',
  'Angles',
  'bearing',
  'heading',
  'lo',
  'g',
  'an',
  'gle',
  'bear',
  'ing',
  ' ',
  'x',
  '\n',
];

test('every window, searched alone or in the index, answers as the whole text does', () => {
  const random = rng(7);
  for (let t = 0; t < 40; t++) {
    let source = '';
    const n = 20 + Math.floor(random() * 200);
    for (let k = 0; k < n; k++) source += PIECES[Math.floor(random() * PIECES.length)];
    const words = new SettingWords(source);
    // Many more windows than the text holds characters: the later ones come from the index.
    for (let q = 0; q < 60; q++) {
      const from = Math.floor(random() * (source.length + 10)) - 5;
      const to = from + Math.floor(random() * 40) - 5;
      assert.equal(
        words.within(from, to),
        plain(source, from, to),
        `${JSON.stringify(source)} [${from}, ${to})`,
      );
    }
  }
});

test('near misses: a word ending in the window but starting before it, one starting at its end', () => {
  const source = 'xx bearing yy';
  const words = new SettingWords(source);
  assert.equal(words.within(4, 12), false, 'bearing starts at 3, before the window');
  assert.equal(words.within(0, 3), false, 'the window ends where bearing starts');
  assert.equal(words.within(3, 4), true, 'bearing starts at the window’s only character');
  assert.equal(words.within(0, 4), true);
});

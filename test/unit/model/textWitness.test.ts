// A search for one witness kept across edits (model/textWitness.ts), on the search for an SI unit
// after a number or a word of physical quantities (scaleLetters.ts PHYSICAL_UNITS): after every
// edit of seeded random sequences — characters typed and deleted at and around the units, lines
// removed, doubled and swapped — the kept witness is a witness of the text (or there is none) and
// agrees with a search of the whole text. Near misses: the one unit far above the edit removed and
// typed again; a unit made by an edit that joins a number to a word ("5 k" + "g"); a unit that a
// deletion makes by joining across the edit ("5\,\mathrm{k" + "g}"); units that are no witness
// (K, M, T; seconds; a letter alone in words) typed and removed; the words ("temperature", "°C").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstDifference } from '../../../server/src/model/resume';
import { PHYSICAL_UNITS, writesPhysicalUnits } from '../../../server/src/model/scaleLetters';
import { editBetween } from '../../../server/src/model/splice';
import { witnessAfterEdit } from '../../../server/src/model/textWitness';
import { rng } from '../../support/randomEdits';

const LINES = [
  '# Notes',
  '',
  'A budget of $7\\,\\mathrm{B}$ parameters, $3\\text{M}$ tokens and $20$ ms per step.',
  '',
  'Part 2 a: the load is $5 k$ units, then $2 \\cdot 3 = 6$.',
  '',
  '$$E = m c^2, \\quad m = 4 \\, \\mathrm{k} \\, g$$',
  '',
  'At $300$ K the cell holds $1.5\\,\\mu F$; the temperature rises to $30^{\\circ}$ later.',
  '',
  'Then 250 mL of water, or $12 \\, \\mathrm{kJ}$ of work, in $2\\,\\Omega$.',
  '',
  'Nothing else: $x + 1 = 2$.',
];
const TEXT = LINES.join('\n');
const ALPHABET = [
  'k',
  'g',
  ' ',
  '\\',
  'm',
  '°',
  'C',
  '\n',
  '5',
  '{',
  '}',
  'J',
  '$',
  'mathrm{',
  'L',
  'x',
  ',',
];

function edit(text: string, r: () => number): string {
  const pick = r();
  // Near a unit most of the time: the places where a witness appears and goes.
  const anchors = [...text.matchAll(/\d|°|temperature|\\mathrm|\\mu|\\Omega/g)].map((m) => m.index ?? 0);
  const near = anchors.length > 0 && r() < 0.8;
  const at = near
    ? Math.min(text.length, Math.max(0, anchors[Math.floor(r() * anchors.length)] + Math.floor(r() * 14) - 3))
    : Math.floor(r() * (text.length + 1));
  if (pick < 0.4) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  if (pick < 0.8) return text.slice(0, at) + ALPHABET[Math.floor(r() * ALPHABET.length)] + text.slice(at);
  const lines = text.split('\n');
  const n = Math.floor(r() * lines.length);
  if (pick < 0.88) lines.splice(n, 1);
  else if (pick < 0.96) lines.splice(n, 0, LINES[Math.floor(r() * LINES.length)]);
  else if (n + 1 < lines.length) [lines[n], lines[n + 1]] = [lines[n + 1], lines[n]];
  return lines.join('\n');
}

/** Follows the texts with one kept witness, checking it against the whole text at each step. */
function follow(texts: readonly string[]): boolean[] {
  let before = texts[0];
  let witness = PHYSICAL_UNITS.first(before, 0);
  const seen: boolean[] = [];
  for (const [k, after] of texts.entries()) {
    if (k > 0 && after !== before)
      witness = witnessAfterEdit(
        PHYSICAL_UNITS,
        after,
        editBetween(before, after, firstDifference(before, after)),
        witness,
      );
    const fresh = writesPhysicalUnits(after);
    assert.equal(witness >= 0, fresh, `step ${k}: ${JSON.stringify(after.slice(0, 400))}`);
    if (witness >= 0) assert.ok(PHYSICAL_UNITS.at(after, witness), `step ${k}: the witness at ${witness}`);
    seen.push(fresh);
    before = after;
  }
  return seen;
}

test('a kept witness agrees with a search of the whole text under seeded random edits', () => {
  const both = new Set<boolean>();
  for (const seed of [1, 7, 19, 42, 77, 101]) {
    const r = rng(seed);
    const texts = [TEXT];
    let text = TEXT;
    for (let k = 0; k < 150; k++) {
      text = edit(text, r);
      texts.push(text);
    }
    for (const v of follow(texts)) both.add(v);
  }
  // The sequences pass through texts with and without a witness, or they test half the search.
  assert.deepEqual(both, new Set([true, false]));
});

test('the edits that make or unmake a witness: far from it, joined across the edit, none at all', () => {
  const plain = LINES.filter((l) => !/mL|°|temperature|\\mu|\\Omega|mathrm\{k/.test(l)).join('\n');
  assert.equal(writesPhysicalUnits(plain), false, 'the plain text writes no physical unit');
  const one = `Then 250 mL of water.\n\n${plain}`;
  const joinedWord = plain.replace('$5 k$', '$5 kg$');
  const apart = plain.replace('$20$ ms', '$2\\,\\mathrm{k} g$');
  const joined = apart.replace('\\mathrm{k} g', '\\mathrm{kg}');
  const noWitness = [
    plain.replace('$5 k$', '$5 K$'),
    plain.replace('$5 k$', '$5 \\, \\mathrm{M}$'),
    plain.replace('$5 k$', '$5 \\, \\mathrm{s}$'),
    plain.replace('$5 k$', '5 m'),
  ];
  const words = [
    plain.replace('Nothing else', 'The temperature'),
    plain.replace('$x + 1', '$x^\\circ C + 1'),
  ];
  const sequence = [plain, one, plain, one, joinedWord, plain, apart, joined, apart, plain];
  for (const t of noWitness) sequence.push(t, plain);
  for (const t of words) sequence.push(t, plain);
  for (const [k, text] of sequence.entries()) if (k > 0) assert.notEqual(text, sequence[k - 1], `step ${k}`);
  const seen = follow(sequence);
  assert.deepEqual(
    seen,
    sequence.map((t) => writesPhysicalUnits(t)),
  );
  assert.deepEqual(
    seen.slice(0, 10),
    [false, true, false, true, true, false, false, true, false, false],
    'the witnesses the sequence makes',
  );
  assert.ok(noWitness.every((t) => !writesPhysicalUnits(t)));
  assert.ok(words.every((t) => writesPhysicalUnits(t)));
});

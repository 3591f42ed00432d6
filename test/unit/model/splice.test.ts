// The model after an edit reused (model/splice.ts): a check whose build kept the previous model
// after the edit, its offsets moved, gives what a fresh check gives — verdicts, messages, places,
// hover values, problems, go-to-definition targets — after edits that move everything below
// them and after edits of what reaches claims far below (a definition, a heading, a macro, a
// setting, the end of a worked example's passage), and the kept part is really kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckCache, checkText } from '../../../server/src/check';
import type { DocumentResult } from '../../../server/src/check/result';
import { placedSamples } from '../../../server/src/check/placedSamples';
import { randomEdit, randomParagraphEdit, rng } from '../../support/randomEdits';
import { layerSection } from '../../support/realisticDocument.mjs';
import { incrementalCaches } from '../../support/incrementalCaches';

function section(i: number): string {
  return String.raw`## ${i}. Part ${i}

$$\newcommand{\sq${'ab'[i % 2]}}[1]{#1^2}$$

Let $W \in \mathbb{R}^{2 \times 3}$, $x \in \mathbb{R}^{3}$ and $c = ${i}$.

$$y = W x + c$$

$$\frac{\partial y}{\partial x} = W$$

<!-- derive: trials ${10 + i} -->

A worked case: with $t = ${i}$, $t + 1 = ${i + 1}$.

$$\sq${'ab'[i % 2]}{c} = ${i * i}$$

$$k \cdot ${i} = ${3 * i}$$

${layerSection(i, { sumOfEntries: null, logistic: 'inline', matrices: null, count: [i + 2, 3] })}`;
}

// `k` is defined once at the top and used in every section: an edit of it reaches the whole document.
const TEXT = `# Splice\n\n$$k := 3$$\n\n${[1, 2, 3, 4, 5, 6, 7, 8].map(section).join('\n')}`;

const options = { timeBudgetMs: 20_000, collectSamples: true };

const caches = incrementalCaches;

/** Everything the editor shows from a check: diagnostics, hover values, definitions' places. */
function view(r: DocumentResult): string {
  return JSON.stringify({
    claims: r.claims.map((c) => [
      c.verdict,
      c.start,
      c.end,
      c.opStart,
      c.opEnd,
      c.message,
      // Hover values, placed in the document.
      placedSamples(c).map((s) => [s.start, s.end, s.shape, Array.from(s.values)]),
    ]),
    problems: r.problems,
    bindings: r.bindings,
    spans: r.mathSpans,
  });
}

function assertFresh(text: string, kept: ReturnType<typeof caches>, what: string): DocumentResult {
  const incremental = checkText(text, 'markdown', { ...options, ...kept });
  const fresh = checkText(text, 'markdown', options);
  assert.equal(view(incremental), view(fresh), what);
  return incremental;
}

/**
 * One edit of a sequence: the incremental result equals a fresh check, the edit spliced (or not)
 * as `splices` says, and a splice built fewer than `most` items.
 */
function spliceStep(
  text: string,
  kept: ReturnType<typeof caches>,
  what: string,
  splices: boolean,
  most: number,
): DocumentResult {
  const builtBefore = kept.modelCache.itemsBuilt;
  const splicedBefore = kept.modelCache.spliced;
  const result = assertFresh(text, kept, what);
  const built = kept.modelCache.itemsBuilt - builtBefore;
  assert.equal(kept.modelCache.spliced > splicedBefore, splices, `${what}: spliced`);
  if (splices) assert.ok(built < most, `${what}: built ${built} of ${most} items`);
  return result;
}

/** Replaces the first `from` (a plain replacement: `$$` in `to` stays two dollars). */
const swap = (from: string, to: string) => (t: string) => t.replace(from, () => to);

// Each with whether the build keeps the model after it (the splice). Those that change what every
// later item reads (a definition in force to the end, a macro, an assumption) build to the end, and
// so do those that renumber sections or the builder's scopes (a heading or a relation added or
// removed); a paragraph of prose added, removed, split or joined renumbers only blocks, passages and
// sentences, which the splice compares through the edit (model/renumber.ts).
const EDITS: [string, (t: string) => string, boolean][] = [
  ['a claim edited, the same length', swap('$$k \\cdot 2 = 6$$', '$$k \\cdot 2 = 7$$'), true],
  ['a claim edited, one character longer', swap('$$k \\cdot 3 = 9$$', '$$k \\cdot 3 = 90$$'), true],
  ['a line inserted in prose', swap('## 2. Part 2\n', '## 2. Part 2\n\nSome words.\n'), true],
  ['a line deleted', swap('\nA worked case: with $t = 4$, $t + 1 = 5$.\n', '\n'), false],
  [
    'prose typed inside a sentence',
    swap('A worked case: with $t = 5$', 'A worked case, typed: with $t = 5$'),
    true,
  ],
  ['the definition used in every section', swap('$$k := 3$$', '$$k := 4$$'), false],
  ['the definition one character longer', swap('$$k := 4$$', '$$k := 40$$'), false],
  ['a heading renamed', swap('## 3. Part 3', '## 3. The third part'), true],
  ['a heading removed', swap('## 4. Part 4', 'Part 4'), false],
  ['a heading added', swap('A worked case: with $t = 2$', '## New\n\nwith $t = 2$'), false],
  [
    'a macro body',
    swap(String.raw`\newcommand{\sqb}[1]{#1^2}`, String.raw`\newcommand{\sqb}[1]{#1^3}`),
    false,
  ],
  ['a macro removed', swap(String.raw`$$\newcommand{\sqa}[1]{#1^2}$$`, ''), false],
  ['a setting', swap('<!-- derive: trials 13 -->', '<!-- derive: trials 7 -->'), true],
  ['a setting that assumes', swap('<!-- derive: trials 14 -->', '<!-- derive: assume c > 100 -->'), false],
  [
    "a worked example's passage joined to the next",
    swap('$t + 1 = 4$.\n\n$$\\sqb{c}', '$t + 1 = 4$. Then\n$$\\sqb{c}'),
    // Blocks renumbered below; the joined passage is built, and the model after it kept.
    true,
  ],
  ['a worked value', swap('$t = 6$, $t + 1 = 7$', '$t = 6$, $t + 1 = 8$'), true],
  ['a display left open', swap('$$y = W x + c$$', '$$y = W x + c'), false],
];

test('edits of what reaches later claims, one after another: a spliced model equals a fresh one', () => {
  const kept = caches();
  let text = TEXT;
  checkText(text, 'markdown', { ...options, ...kept });
  for (const [what, edit, splices] of EDITS) {
    const edited = edit(text);
    assert.notEqual(edited, text, `${what}: the edit changes nothing`);
    const spliced = kept.modelCache.spliced;
    assertFresh(edited, kept, what);
    assert.equal(kept.modelCache.spliced > spliced, splices, `${what}: spliced`);
    // And back: the model kept for the edited text serves the original.
    assertFresh(text, kept, `${what}, undone`);
    // Then keep it, so that later edits meet states carried through earlier ones.
    text = edited;
    assertFresh(text, kept, `${what}, again`);
  }
});

test('random edits that move everything below them: a spliced model equals a fresh one', () => {
  for (const seed of [41, 42, 43]) {
    const r = rng(seed);
    const kept = caches();
    let text = TEXT;
    checkText(text, 'markdown', { ...options, ...kept });
    for (let k = 0; k < 25; k++) {
      text = randomEdit(text, r);
      assertFresh(text, kept, `seed ${seed}, edit ${k + 1}`);
    }
    assert.ok(kept.modelCache.spliced > 0, `seed ${seed}: no build spliced`);
  }
});

test('a definition far above: the claims below it change (numbers are not offsets)', () => {
  const kept = caches();
  const before = checkText(TEXT, 'markdown', { ...options, ...kept });
  const last = (r: DocumentResult) => r.claims.filter((c) => /^k \\cdot 8/.test(c.text))[0];
  assert.equal(last(before).verdict, 'verified');
  // `3` becomes `4` (no offset moves) and `30` (everything moves by one): neither may be spliced
  // past, though every later state differs from the old one only in that entry.
  for (const value of ['4', '30']) {
    const edited = swap('$$k := 3$$', `$$k := ${value}$$`)(TEXT);
    const after = assertFresh(edited, kept, `k := ${value}`);
    assert.equal(last(after).verdict, 'refuted', `k := ${value}: the last section's claim`);
    assertFresh(TEXT, kept, `k := ${value}, undone`);
  }
});

test('typing in a claim in the middle builds a few items, not the rest of the document', () => {
  const kept = caches();
  const text = TEXT;
  checkText(text, 'markdown', { ...options, ...kept });
  const all = kept.modelCache.itemsBuilt;
  const at = text.indexOf('$$k \\cdot 4 = 12$$') + '$$k \\cdot 4 = 12'.length;
  let typed = text;
  for (const [k, ch] of ['3', '4', '5'].entries()) {
    typed = typed.slice(0, at + k) + ch + typed.slice(at + k);
    const builtBefore = kept.modelCache.itemsBuilt;
    const splicedBefore = kept.modelCache.spliced;
    const r = assertFresh(typed, kept, `typed ${k + 1} characters`);
    const built = kept.modelCache.itemsBuilt - builtBefore;
    assert.equal(kept.modelCache.spliced, splicedBefore + 1, `keystroke ${k + 1} spliced`);
    assert.ok(built < all / 8, `keystroke ${k + 1} built ${built} of ${all} items`);
    assert.equal(r.claims.find((c) => c.text.startsWith('k \\cdot 4'))?.verdict, 'refuted');
  }
});

test('moved claims the claim cache no longer holds are checked on a model built again', () => {
  // A cache that keeps almost nothing: every moved claim misses and the splice is undone.
  const kept = { ...caches(), cache: new CheckCache(4096, 1024) };
  let text = TEXT;
  checkText(text, 'markdown', { ...options, ...kept });
  for (const [what, edit] of EDITS.slice(0, 4)) {
    text = edit(text);
    assertFresh(text, kept, `${what}, with a cache of 4 KB`);
  }
});

// Several changes checked as one (an editor's notification of several changes, a burst of typing
// checked once): the text between them is moved, not edited (splice.ts editsBetween), so the model
// after the last change is kept; and a change between them that reaches later claims still stops it.
test('several changes at once: a blank line above and a claim below keep the model after the claim', () => {
  const kept = caches();
  checkText(TEXT, 'markdown', { ...options, ...kept });
  const all = kept.modelCache.itemsBuilt;
  const blankAbove = (t: string) => t.replace('## 3. Part 3\n', () => '## 3. Part 3\n\n');
  const claimBelow = swap('$$k \\cdot 5 = 15$$', '$$k \\cdot 5 = 16$$');
  const both = claimBelow(blankAbove(TEXT));
  const builtBefore = kept.modelCache.itemsBuilt;
  const splicedBefore = kept.modelCache.spliced;
  const r = assertFresh(both, kept, 'a blank line above, a claim edited two sections below');
  assert.equal(kept.modelCache.spliced, splicedBefore + 1, 'spliced after the edited claim');
  const built = kept.modelCache.itemsBuilt - builtBefore;
  assert.ok(built < all / 2, `built ${built} of ${all} items`);
  assert.equal(r.claims.find((c) => c.text.startsWith('k \\cdot 5'))?.verdict, 'refuted');
  // Undone at once, and the same text checked again: each equals a fresh check.
  assertFresh(TEXT, kept, 'both undone');
  assertFresh(TEXT, kept, 'the same text again');
  // Near miss: the change above is the definition every section reads; nothing after it is kept.
  const definitionAbove = claimBelow(swap('$$k := 3$$', '$$k := 4$$')(blankAbove(TEXT)));
  const splicedNow = kept.modelCache.spliced;
  const changed = assertFresh(definitionAbove, kept, 'the definition above, a claim below');
  assert.equal(kept.modelCache.spliced, splicedNow, 'not spliced past a changed definition');
  assert.equal(changed.claims.find((c) => c.text.startsWith('k \\cdot 6'))?.verdict, 'refuted');
});

test('random bursts of edits checked once: a spliced model equals a fresh one', () => {
  for (const seed of [51, 52]) {
    const r = rng(seed);
    const kept = caches();
    let text = TEXT;
    checkText(text, 'markdown', { ...options, ...kept });
    for (let k = 0; k < 20; k++) {
      const burst = 2 + Math.floor(r() * 3);
      for (let j = 0; j < burst; j++) text = randomEdit(text, r, { onlyLines: j > 0 });
      assertFresh(text, kept, `seed ${seed}, burst ${k + 1}`);
    }
    assert.ok(kept.modelCache.spliced > 0, `seed ${seed}: no build spliced`);
  }
});

// The moving edit near the top (issue #14): an edit above the first recorded state but one (the
// title, the first passage) resumes from the state before the first item, so the model after it
// is kept as after any other edit, not built again to the end of the document.
test('an edit near the top keeps the model after it: a few items built, not the document', () => {
  const kept = caches();
  checkText(TEXT, 'markdown', { ...options, ...kept });
  const all = kept.modelCache.itemsBuilt;
  // Each with whether the model after it is kept. A paragraph of prose added above renumbers the
  // blocks and passages below, which the splice compares through the edit; a section removed above
  // renumbers the sections, which it does not: that builds to the end.
  const near: [string, (t: string) => string, boolean][] = [
    ['a blank line under the title', swap('# Splice\n', '# Splice\n\n'), true],
    ['a word typed in the title', swap('# Splice\n', '# Splice again\n'), true],
    ['a line of prose under the title', swap('# Splice\n', '# Splice\n\nA line of prose.\n'), true],
    ['the title removed', swap('# Splice\n\n', ''), false],
  ];
  for (const [what, edit, splices] of near) {
    const builtBefore = kept.modelCache.itemsBuilt;
    const splicedBefore = kept.modelCache.spliced;
    assertFresh(edit(TEXT), kept, what);
    const built = kept.modelCache.itemsBuilt - builtBefore;
    assert.equal(kept.modelCache.spliced > splicedBefore, splices, `${what}: spliced`);
    if (splices) assert.ok(built < all / 8, `${what}: built ${built} of ${all} items`);
    assertFresh(TEXT, kept, `${what}, undone`);
  }
  // Near miss: the definition at the top that every section reads; nothing after it is kept.
  const splicedBefore = kept.modelCache.spliced;
  const changed = assertFresh(swap('$$k := 3$$', '$$k := 5$$')(TEXT), kept, 'the top definition');
  assert.equal(kept.modelCache.spliced, splicedBefore, 'not spliced past the changed definition');
  assert.equal(changed.claims.find((c) => c.text.startsWith('k \\cdot 8'))?.verdict, 'refuted');
});

test('random edits near the top, lines inserted and deleted: a spliced model equals a fresh one', () => {
  for (const seed of [61, 62]) {
    const r = rng(seed);
    const kept = caches();
    let text = TEXT;
    checkText(text, 'markdown', { ...options, ...kept });
    for (let k = 0; k < 20; k++) {
      // The first 400 characters edited (the title, the top definition, the first section's start).
      const head = text.slice(0, 400);
      text = randomEdit(head, r) + text.slice(400);
      assertFresh(text, kept, `seed ${seed}, edit ${k + 1}`);
    }
    assert.ok(kept.modelCache.spliced > 0, `seed ${seed}: no build spliced`);
  }
});

// The renumbering edit (issue #14, model/renumber.ts): a paragraph of prose added, removed, split
// or joined renumbers every block and passage below it, and the splice compares those numbers
// through the edit as it compares offsets, so the model after it is kept.
test('a paragraph added, split, joined or removed above keeps the model after it', () => {
  const kept = caches();
  checkText(TEXT, 'markdown', { ...options, ...kept });
  const all = kept.modelCache.itemsBuilt;
  const added = swap('## 1. Part 1\n', '## 1. Part 1\n\nA paragraph of words alone.\n');
  const split = swap('A worked case: with $t = 1$', 'A worked case.\n\nWith $t = 1$');
  const steps: [string, string, boolean][] = [
    ['a paragraph added under the first heading', added(TEXT), true],
    ['a paragraph split in the first section', split(added(TEXT)), true],
    ['the split joined again', added(TEXT), true],
    ['the paragraph removed', TEXT, true],
    // A heading renumbers the sections below, which the splice compares through the edit too.
    ['a heading added above', swap('## 1. Part 1\n', '## 0. Intro\n\n## 1. Part 1\n')(TEXT), true],
    ['the heading removed', TEXT, true],
    // Near miss: a paragraph that gives a value adds layers to the environment every later claim
    // reads. It builds to the end.
    [
      'a paragraph with a value added',
      swap('## 1. Part 1\n', '## 1. Part 1\n\nHere $a = 2$.\n')(TEXT),
      false,
    ],
  ];
  for (const [what, text, splices] of steps) {
    const builtBefore = kept.modelCache.itemsBuilt;
    const splicedBefore = kept.modelCache.spliced;
    assertFresh(text, kept, what);
    const built = kept.modelCache.itemsBuilt - builtBefore;
    assert.equal(kept.modelCache.spliced > splicedBefore, splices, `${what}: spliced`);
    if (splices) assert.ok(built < all / 8, `${what}: built ${built} of ${all} items`);
  }
});

test('a paragraph split between a worked value and its claim: the claim reads the new passage', () => {
  const kept = caches();
  checkText(TEXT, 'markdown', { ...options, ...kept });
  // "with $t = 2$, $t + 1 = 3$": split between them, t's value ends with its passage.
  const split = swap('with $t = 2$, $t + 1 = 3$', 'with $t = 2$.\n\nSo $t + 1 = 3$');
  const claim = (r: DocumentResult) => r.claims.find((c) => c.text === 't + 1 = 3');
  const before = assertFresh(TEXT, kept, 'unchanged');
  const after = assertFresh(split(TEXT), kept, 'split between a value and its claim');
  assert.equal(claim(before)?.verdict, 'verified');
  assert.doesNotMatch(claim(before)?.message ?? '', /carried on/);
  // Its value has ended: the claim holds only as the example carried on, which the verdict says.
  assert.match(claim(after)?.message ?? '', /`t = 2`.*carried on/, 'the claim no longer reads t = 2');
});

test('random paragraphs added, removed, split and joined: a spliced model equals a fresh one', () => {
  for (const seed of [71, 72]) {
    const r = rng(seed);
    const kept = caches();
    let text = TEXT;
    checkText(text, 'markdown', { ...options, ...kept });
    for (let k = 0; k < 20; k++) {
      text = randomParagraphEdit(text, r);
      assertFresh(text, kept, `seed ${seed}, edit ${k + 1}`);
    }
    assert.ok(kept.modelCache.spliced > 0, `seed ${seed}: no build spliced`);
  }
});

// A heading added or removed above (issue #14): it moves the ids of the sections after it, which the
// contexts hold as numbers and as paths (`0.1.3`), entries as the section they were made in, and the
// builder as negative scope ids; the splice compares all three through one edit of section ids
// (renumber.ts sectionEdit). A heading added inside a section's text ends that section early: the
// items after it read another section, and the build goes on (near misses, against fresh checks).
test('a heading added or removed above keeps the model after it; one inside a section does not', () => {
  const opening = '# Notes\n\nLet $p \\in \\mathbb{R}$ and $c = 1$.\n\n';
  const text = opening + [1, 2, 3, 4, 5, 6].map(section).join('\n');
  const kept = caches();
  checkText(text, 'markdown', { ...options, ...kept });
  const all = kept.modelCache.itemsBuilt;
  const steps: [string, string, boolean][] = [
    [
      'a heading added above the first section',
      swap('## 1. Part 1\n', '## Aside\n\n## 1. Part 1\n')(text),
      true,
    ],
    ['removed', text, true],
    // Section 2's own text now lies in the subsection: built again to the end of section 2.
    ['a subsection heading added', swap('## 2. Part 2\n', '## 2. Part 2\n\n### A note\n')(text), true],
    ['the subsection removed', text, true],
    ['two headings added', swap('## 1. Part 1\n', '## A\n\n### B\n\n## 1. Part 1\n')(text), true],
    ['a section heading removed', swap('## 2. Part 2\n', '')(text), false],
    [
      'a heading added in the middle of a section',
      swap('A worked case: with $t = 2$', '## New\n\nwith $t = 2$')(text),
      false,
    ],
    ['a heading added before the title', `## Preface\n\n${text}`, false],
    // Removed, it renumbers the title: built to the end again.
    ['the heading before the title removed', text, false],
    ['a heading renamed', swap('## 3. Part 3', '## 3. The third part')(text), true],
    ['the heading renamed back', text, true],
  ];
  for (const [what, edited, splices] of steps) {
    const builtBefore = kept.modelCache.itemsBuilt;
    const splicedBefore = kept.modelCache.spliced;
    assertFresh(edited, kept, what);
    const built = kept.modelCache.itemsBuilt - builtBefore;
    assert.equal(kept.modelCache.spliced > splicedBefore, splices, `${what}: spliced`);
    const most = what.includes('subsection') ? all / 2 : all / 8;
    if (splices) assert.ok(built < most, `${what}: built ${built} of ${all} items`);
  }
});

// A paragraph with a claim of its own added or removed above (issue #14): it moves the builder's
// counters — the scope ids of passages and sentences with math, the relations' numbers — and the
// splice compares them through the edit (renumber.ts withCounters), so the model after it is kept.
test('a paragraph with a claim added or removed above keeps the model after it', () => {
  const kept = caches();
  checkText(TEXT, 'markdown', { ...options, ...kept });
  const all = kept.modelCache.itemsBuilt;
  const under = (words: string) => swap('## 1. Part 1\n', `## 1. Part 1\n\n${words}\n`);
  const steps: [string, string, boolean][] = [
    ['a paragraph with a claim added', under('Note that $2 + 2 = 4$.')(TEXT), true],
    ['the paragraph removed', TEXT, true],
    ['a wrong claim, a display', under('$$2 + 2 = 5$$')(TEXT), true],
    ['a claim in a second sentence', under('Words first. Then $3 \\cdot 3 = 9$ holds.')(TEXT), true],
    ['removed again', TEXT, true],
    // Near miss: a value, in a paragraph of its own or in a sentence, enters the environment.
    ['a value added to a paragraph', swap('$t + 1 = 3$.', '$t + 1 = 3$. Take $m = 2$.')(TEXT), false],
  ];
  for (const [what, text, splices] of steps) {
    const result = spliceStep(text, kept, what, splices, all / 8);
    if (what.startsWith('a wrong claim'))
      assert.equal(result.claims.find((c) => c.text === '2 + 2 = 5')?.verdict, 'refuted');
  }
});

// The counters matter to the reading: a claim added to a passage that only chose values ("Take …")
// makes that passage a worked example, whose values end with it (keepSetup). Equal to a fresh
// check, the claim below no longer reads the value.
test('a claim added to a passage of chosen values: the values end with it, as a fresh check reads', () => {
  const opening =
    '# Setup\n\nLet $p \\in \\mathbb{R}$.\n\n## Example\n\nTake $p = 2$.\n\nSo $p + 1 = 3$.\n\n';
  const text = opening + [1, 2, 3].map(section).join('\n');
  const kept = caches();
  const before = assertFresh(text, kept, 'unchanged');
  const after = assertFresh(
    swap('Take $p = 2$.', 'Take $p = 2$. Note $1 + 1 = 2$.')(text),
    kept,
    'a claim added',
  );
  const claim = (r: DocumentResult) => r.claims.find((c) => c.text === 'p + 1 = 3');
  assert.equal(claim(before)?.verdict, 'verified');
  assert.doesNotMatch(claim(before)?.message ?? '', /carried on/);
  assert.match(claim(after)?.message ?? '', /`p = 2`.*carried on/, 'the value ends with its passage now');
});

test('random claims and paragraphs added and removed: a spliced model equals a fresh one', () => {
  for (const seed of [81, 82, 83]) {
    const r = rng(seed);
    const kept = caches();
    let text = TEXT;
    checkText(text, 'markdown', { ...options, ...kept });
    for (let k = 0; k < 20; k++) {
      text = randomParagraphEdit(text, r);
      assertFresh(text, kept, `seed ${seed}, edit ${k + 1}`);
    }
  }
});

// Displays written one after another keep their claims open for a "where" clause after them
// (Builder.proseRead): a state holding such claims was never spliced, and a document of displays alone
// (bench §5's) built from the edit to its end. The next item's words decide, the same in both builds:
// words that are no "where" clause drop those claims, and the splice may keep the model from there.
test('displays one after another: the model is kept after the words that end their wait for a clause', () => {
  const part = (j: number) => String.raw`## ${j}. Displays

Let $q \in \mathbb{R}$.

$$(q + 1)^2 = q^2 + 2q + 1$$

$$${j} + 1 = ${j + 1}$$

$$p^2 + 1 = 10$$

where $p = 3$.

$$2 q = q + q$$

$$${j} \cdot 2 = ${2 * j}$$
`;
  const text = `# Displays\n\n${Array.from({ length: 16 }, (_, j) => part(j + 1)).join('\n')}`;
  const kept = caches();
  checkText(text, 'markdown', { ...options, ...kept });
  const all = kept.modelCache.itemsBuilt;
  const claim = (r: DocumentResult, at: number) => r.claims.filter((c) => c.text === 'p^2 + 1 = 10')[at];
  const steps: [string, string, boolean][] = [
    ['a display in a run edited', swap('$$3 + 1 = 4$$', '$$3 + 1 = 5$$')(text), true],
    ['back', text, true],
    // Near miss: another value is another layer of the environment, which every later boundary holds.
    ['the value of a where clause', swap('where $p = 3$.', 'where $p = 4$.')(text), false],
    ['its value back', text, false],
    ['the last display of a run edited', swap('$$4 \\cdot 2 = 8$$', '$$4 \\cdot 2 = 9$$')(text), true],
    ['back again', text, true],
    // Near miss: the clause no longer opens with "where": the display above no longer reads p = 3.
    ['the clause reworded', swap('where $p = 3$.', 'and $p = 3$.')(text), true],
  ];
  for (const [what, edited, splices] of steps) {
    const builtBefore = kept.modelCache.itemsBuilt;
    const splicedBefore = kept.modelCache.spliced;
    const result = assertFresh(edited, kept, what);
    const built = kept.modelCache.itemsBuilt - builtBefore;
    assert.equal(kept.modelCache.spliced > splicedBefore, splices, `${what}: spliced`);
    if (splices) assert.ok(built < all / 4, `${what}: built ${built} of ${all} items`);
    if (what === 'the value of a where clause') assert.equal(claim(result, 0)?.verdict, 'refuted');
    if (what.includes('back')) assert.equal(claim(result, 0)?.verdict, 'verified');
    if (what === 'the clause reworded') assert.notEqual(claim(result, 0)?.verdict, 'verified');
  }
  for (const seed of [91, 92]) {
    const r = rng(seed);
    let now = text;
    for (let k = 0; k < 15; k++) {
      now = k % 2 ? randomParagraphEdit(now, r) : randomEdit(now, r);
      assertFresh(now, kept, `seed ${seed}, edit ${k + 1}`);
    }
  }
});

// The same in LaTeX, where sections are commands and stated results open units of their own (ids too):
// a section or a theorem added or removed above, each against a fresh check.
test('LaTeX: a section or a stated result added or removed above, against fresh checks', () => {
  const part = (j: number) => String.raw`\section{Part ${j}}
Let $W \in \mathbb{R}^{2 \times 3}$ and $x \in \mathbb{R}^{3}$, and let $c = ${j}$.
\[ \frac{\partial (W x)}{\partial x} = W \]
\begin{theorem}
For $t \in \mathbb{R}$, $(t + c)^2 = t^2 + 2 c t + c^2$.
\end{theorem}
\begin{proof}
Expand: $${j} + ${j} = ${2 * j}$.
\end{proof}
Then $c \cdot 2 = ${2 * j}$.
`;
  const text = String.raw`\documentclass{article}
\begin{document}
\title{Notes}
${Array.from({ length: 10 }, (_, j) => part(j + 1)).join('\n')}
\end{document}
`;
  const latex = (t: string) => checkText(t, 'latex', { ...options, ...kept });
  const kept = caches();
  latex(text);
  const steps = [
    swap('\\section{Part 1}', '\\section{Aside}\nWords.\n\n\\section{Part 1}')(text),
    text,
    swap('\\section{Part 3}', '\\section{Part 3}\n\\subsection{A note}')(text),
    text,
    swap('\\section{Part 2}', '\\begin{lemma}\nA remark.\n\\end{lemma}\n\\section{Part 2}')(text),
    text,
    swap('\\section{Part 2}\n', '')(text),
    text,
  ];
  for (const [k, edited] of steps.entries()) {
    const incremental = latex(edited);
    const fresh = checkText(edited, 'latex', options);
    assert.equal(view(incremental), view(fresh), `step ${k + 1}`);
  }
  assert.ok(kept.modelCache.spliced > 0, 'no build spliced');
});

// A value given in passing above ("Here $a = 2$.") adds layers to every later environment. When no
// other item of the document writes its names, nothing below reads those layers (lookups are by
// name), and the splice passes them over (Splicer.unwritten): the model after it is kept. A value whose
// letter the sections write (m sizes every layer), or a claim far below writes, builds on: its claims
// read the value, as a fresh check's do.
test('a value given in passing above, its name written nowhere else: the model after it is kept', () => {
  const sections = Array.from({ length: 8 }, (_, i) =>
    layerSection(i + 1, { logistic: 'inline', matrices: 'inline', count: [i + 2, 3] }),
  ).join('\n');
  const text = `# Notes\n\n${sections}\nFinally, $$q \\cdot 2 = 6$$\n`;
  const under = (words: string) => swap('# Notes\n', `# Notes\n\n${words}\n`);
  const kept = caches();
  checkText(text, 'markdown', { ...options, ...kept });
  const all = kept.modelCache.itemsBuilt;
  const last = (r: DocumentResult) => r.claims.find((c) => c.text === 'q \\cdot 2 = 6');
  const steps: [string, string, boolean][] = [
    ['a value in passing', under('Here $a = 2$.')(text), true],
    ['removed', text, true],
    ['a value and a claim on it', under('Here $a = 2$, so $a + 1 = 3$.')(text), true],
    ['its value changed', under('Here $a = 5$, so $a + 1 = 6$.')(text), true],
    ['removed again', text, true],
    // Near misses: the letter is written below.
    ['a value of a letter every section writes', under('Take $m = 2$ for a moment.')(text), false],
    ['back', text, false],
    ['a value of the letter the last claim writes', under('Here $q = 3$.')(text), false],
  ];
  for (const [what, edited, splices] of steps) {
    const result = spliceStep(edited, kept, what, splices, all / 8);
    if (what.startsWith('a value of the letter the last')) assert.equal(last(result)?.verdict, 'verified');
    if (what === 'back') assert.notEqual(last(result)?.verdict, 'verified');
  }
});

test('a rounded result edited above: the claims below that reuse it change, as a fresh check reads', () => {
  const part = (j: number) => `## Part ${j}\n\nA step: $${j} + 1 = ${j + 1}$.\n`;
  const parts = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, k) => part(from + k)).join('\n');
  const text =
    `# Key\n\n${parts(1, 4)}\nThe angle is $\\arctan(6/8) = 36.87^\\circ$.\n\n${parts(4, 10)}\n` +
    'So $1440\\cos 36.87^\\circ = 1152$ in the end.\n';
  const kept = caches();
  const claim = (r: DocumentResult) => r.claims.filter((c) => c.text.startsWith('1440'))[0];
  assert.equal(claim(checkText(text, 'markdown', { ...options, ...kept })).verdict, 'verified');
  // Near miss: the same digits no longer a computed result above, the angle is exact, and refutes.
  const edited = swap('$\\arctan(6/8) = 36.87^\\circ$', '$\\arctan(6/8) = 36.86^\\circ$')(text);
  assert.equal(claim(assertFresh(edited, kept, 'the result edited')).verdict, 'refuted');
  assert.equal(claim(assertFresh(text, kept, 'undone')).verdict, 'verified');
});

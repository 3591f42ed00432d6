// A model built again from the middle of a document (model/resume.ts) equals one built from its
// start: after seeded random edits and after edits of what reaches later claims (definitions,
// macros, directives, headings, the prose that frames a claim, a worked example's values), the
// check with a kept model gives what a fresh check gives, and the kept part is really kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../../server/src/check';
import type { DocumentResult } from '../../../server/src/check/result';
import { ModelCache } from '../../../server/src/model/resume';
import { randomEdit, rng } from '../../support/randomEdits';

function section(i: number): string {
  return String.raw`## ${i}. Part ${i}

$$\newcommand{\sq${'ab'[i % 2]}}[1]{#1^2}$$

Let $W \in \mathbb{R}^{2 \times 3}$, $x \in \mathbb{R}^{3}$ and $c = ${i}$.

$$y = W x + c$$

$$\frac{\partial y}{\partial x} = W$$

Let $i, j \in \mathbb{Z}$. For $i \neq j$ we have $\delta_{ij} = 0$, and if $a = 2$ then $a^2 = 4$.

<!-- derive: trials ${10 + i} -->

A worked example: with $t = ${i}$, $t + 1 = ${i + 1}$.

$$\sq${'ab'[i % 2]}{c} = ${i * i}$$

$$c \cdot 3 = ${3 * i}$$
`;
}

// One sentence long enough for a build to resume inside it, under the condition it opened.
const CONDITIONED = String.raw`
Let $q \in \mathbb{R}$. For $0 < q < 1/3$ we have $q^2 < 1/9$, $q^3 < 1/27$, $2q < 1$, $3q < 1$, $q + 1 < 2$, $4q < 2$,
$5q < 2$, $6q < 2$, $q - 1 < 0$, $7q < 3$ and $q^4 < 1/81$.
`;

// Claims each qualified by the condition after them (model/build.ts, qualifyAwaiting), long enough
// that a kept state falls between a claim and its condition: the condition replaces the claim
// later, so the state keeps the claim as it was.
const QUALIFIED = String.raw`
Let $u \in \mathbb{R}$. We have $\sqrt{u^2} = u$ for $u > 0$, $|u| = u$ for $u > 0$, $u^2 > 0$ for
$u > 0$, $\sqrt{u^2} + 1 = u + 1$ for $u > 0$, $|u| + 2 = u + 2$ for $u > 0$, $\sqrt{u^2} + 3 = u + 3$ for
$u > 0$, $|u| + 4 = u + 4$ for $u > 0$ and $\sqrt{u^2} + 5 = u + 5$ for $u > 0$.
`;

// A display's claims that the "where" clause after it gives values and a condition (model/build.ts,
// whereValue): a passage long enough that a kept state falls inside the clause, after it replaced them.
const WHERE = String.raw`
Let $s, r \in \mathbb{R}$.

$$s^2 + 1 = 10$$

$$\sqrt{r^2} = r$$

where $s = 3$, so $s + 1 = 4$, $s + 2 = 5$, $s + 3 = 6$, $s + 4 = 7$, $s + 5 = 8$, $s + 6 = 9$, $s + 7 = 10$,
$s + 8 = 11$, $s + 9 = 12$ and $r > 0$.
`;

const TEXT = [1, 2, 3, 4, 5, 6].map(section).join('\n') + QUALIFIED + WHERE + CONDITIONED;

function summary(r: DocumentResult): string {
  return JSON.stringify({
    claims: r.claims.map((c) => [c.verdict, c.start, c.end, c.message]),
    problems: r.problems,
    bindings: r.bindings,
    spans: r.spans,
  });
}

const options = { timeBudgetMs: 20_000 };

function assertSame(text: string, cache: ModelCache, what: string): void {
  const kept = checkText(text, 'markdown', { ...options, modelCache: cache });
  const fresh = checkText(text, 'markdown', options);
  assert.equal(summary(kept), summary(fresh), what);
}

test('a kept model equals a fresh one under seeded random edits', () => {
  for (const seed of [31, 32, 33]) {
    const r = rng(seed);
    const cache = new ModelCache();
    let text = TEXT;
    checkText(text, 'markdown', { ...options, modelCache: cache });
    for (let k = 0; k < 25; k++) {
      text = randomEdit(text, r);
      assertSame(text, cache, `seed ${seed}, edit ${k + 1}`);
    }
    assert.ok(cache.resumed > 0, `seed ${seed}: no build kept a prefix`);
  }
});

// Each edit changes something that reaches the claims after it; the near misses of kept state.
const EDITS: [string, (t: string) => string][] = [
  ['a definition', (t) => t.replace('c = 3$', 'c = 7$')],
  [
    'a macro body',
    (t) => t.replace(String.raw`\newcommand{\sqb}[1]{#1^2}`, String.raw`\newcommand{\sqb}[1]{#1^3}`),
  ],
  ['a macro removed', (t) => t.replace(String.raw`$$\newcommand{\sqa}[1]{#1^2}$$`, '')],
  ['a directive', (t) => t.replace('<!-- derive: trials 13 -->', '<!-- derive: assume c > 100 -->')],
  ['a heading removed', (t) => t.replace('## 4. Part 4', 'Part 4')],
  ['a heading added', (t) => t.replace('A worked example: with $t = 3$', '## New\n\nwith $t = 3$')],
  [
    '"for" becomes "if"',
    (t) => t.replace('For $i \\neq j$ we have $\\delta_{ij} = 0$, and if $a = 2$', 'If $a = 2$'),
  ],
  ['a worked value', (t) => t.replace('$t = 3$, $t + 1 = 4$', '$t = 3$, $t + 1 = 5$')],
  ['a passage joined', (t) => t.replace('.\n\n<!-- derive: trials 14 -->\n\nA worked', '. A worked')],
  ['a display opened', (t) => t.replace('$$y = W x + c$$', '$$y = W x + c')],
  ['a claim under a condition', (t) => t.replace('$7q < 3$', '$8q < 3$')],
  ['a condition after a claim', (t) => t.replace('u + 1$ for $u > 0$', 'u + 1$ for $u < 0$')],
  ['a condition after a claim removed', (t) => t.replace('u + 2$ for $u > 0$', 'u + 2$')],
  ['a where value', (t) => t.replace('where $s = 3$', 'where $s = 4$')],
  ['a where condition', (t) => t.replace('and $r > 0$', 'and $r < 0$')],
  ['the last claim', (t) => t.replace('q^4 < 1/81', 'q^4 < 1/80')],
];

test('edits of what reaches later claims: a kept model equals a fresh one', () => {
  for (const [what, edit] of EDITS) {
    const cache = new ModelCache();
    checkText(TEXT, 'markdown', { ...options, modelCache: cache });
    const edited = edit(TEXT);
    assert.notEqual(edited, TEXT, `${what}: the edit changes nothing`);
    assertSame(edited, cache, what);
    // And back: the kept model of the edited text serves the original.
    assertSame(TEXT, cache, `${what}, undone`);
  }
});

test('an edit keeps the model before it and builds only from there', () => {
  const cache = new ModelCache();
  checkText(TEXT, 'markdown', { ...options, modelCache: cache });
  const all = cache.itemsBuilt;
  const before = cache.itemsBuilt;
  assertSame(EDITS[EDITS.length - 1][1](TEXT), cache, 'the last claim');
  // Two builds ran: the kept one and the fresh one (which has no cache).
  const built = cache.itemsBuilt - before;
  assert.equal(cache.resumed, 1);
  assert.ok(built > 0 && built < all / 4, `an edit of the last claim built ${built} of ${all} items`);
});

test('an item compared with itself through edits equals the offset-by-offset comparison', async () => {
  const { sameItemThrough } = await import('../../../server/src/model/resume');
  const { mapOffset } = await import('../../../server/src/model/splice');
  const r = rng(77);
  let moved = 0;
  let kept = 0;
  for (let k = 0; k < 4000; k++) {
    // One to three edits in order, each in the coordinates after the ones before it, some of the
    // same length (a digit), some inserting or removing, around and inside the item.
    const edits: { cut: number; oldEnd: number; shift: number }[] = [];
    let at = Math.floor(r() * 60);
    for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
      const len = Math.floor(r() * 4);
      const shift = r() < 0.5 ? 0 : Math.floor(r() * 7) - 3;
      edits.push({ cut: at, oldEnd: at + len, shift: Math.max(shift, -len) });
      at += len + Math.max(shift, -len) + Math.floor(r() * 30);
    }
    const start = Math.floor(r() * 80);
    const math = r() < 0.7;
    const item = math
      ? {
          kind: 'math' as const,
          outerStart: start,
          start: start + 1,
          end: start + 2 + Math.floor(r() * 10),
          outerEnd: 0,
          text: 'x',
          display: false,
          env: null,
          block: 0,
          parentBlock: 0,
        }
      : { kind: 'directive' as const, start, end: start + 1 + Math.floor(r() * 10), text: 'x', block: 0 };
    if (item.kind === 'math') item.outerEnd = item.end + 1;
    const offsets =
      item.kind === 'math' ? [item.start, item.end, item.outerStart, item.outerEnd] : [item.start, item.end];
    const expected = offsets.every((o) => mapOffset(edits, o) === o);
    const got = sameItemThrough(item as never, item as never, edits);
    assert.equal(got, expected, JSON.stringify({ item, edits }));
    if (got) kept++;
    else moved++;
  }
  // Both answers occur often enough for the comparison to mean something.
  assert.ok(kept > 500 && moved > 500, `${kept} kept, ${moved} moved`);
});

test('a text that comes to count sets is read as a fresh build reads it, both ways', () => {
  const counts = `${TEXT}\nThe sets: $|A| = 30$, $|B| = 25$ and $|A| + |B| = 55$.\n`;
  const cache = new ModelCache();
  checkText(counts, 'markdown', { ...options, modelCache: cache });
  // A count of a set operation at the end makes the earlier |A| counts (model/setCounts.ts).
  const edited = `${counts}\nTogether $|A \\cup B| = 45$.\n`;
  assertSame(edited, cache, 'a set operation counted');
  assertSame(counts, cache, 'a set operation counted, undone');
});

// A screen of a document checked on its own (lsp/screen.ts) gives its claims exactly the results
// the whole document's check gives them — or declines, and then nothing is published early. Tried
// on every Markdown sample and fixture, with screens at seeded random places, and on near misses:
// a condition after the screen's last claim, readings made further down (sign labels, products of
// words, the summation convention, a macro defined below).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CheckCache } from '../../../server/src/check';
import { ReadCache } from '../../../server/src/document';
import { ParseCache } from '../../../server/src/math/cache';
import { ModelCache } from '../../../server/src/model/resume';
import { runCheck, type CheckJob } from '../../../server/src/lsp/runCheck';
import type { ScreenRange } from '../../../server/src/lsp/screen';
import { layerSection } from '../../support/realisticDocument.mjs';

const ROOT = join(__dirname, '..', '..', '..');

/** `trials`: fewer make the sweep over every document affordable; the near misses keep the default. */
function job(text: string, screen?: ScreenRange[], trials?: number): CheckJob {
  const options = { collectSamples: true, ...(trials ? { trials } : {}) };
  return { text, kind: 'markdown', options, inlineMath: true, ...(screen ? { screen } : {}) };
}

/** What a reader sees of a claim: place, verdict, message, details. */
function seen(c: { start: number; end: number; opStart: number; verdict: string; message: string }) {
  return JSON.stringify([c.start, c.end, c.opStart, c.verdict, c.message]);
}

function inScreens(start: number, screens: ScreenRange[]): boolean {
  return screens.some((r) => start >= r.start && start < r.end);
}

/** The screen's claims against the whole check's claims in the same ranges; true when checked. */
function agrees(text: string, screens: ScreenRange[], caches = false, trials?: number): boolean {
  const whole = runCheck(job(text, undefined, trials));
  const context = caches
    ? {
        cache: new CheckCache(),
        readCache: new ReadCache(),
        parseCache: new ParseCache(),
        modelCache: new ModelCache(),
      }
    : {};
  const part = runCheck(job(text, screens, trials), context);
  if (part.declined) {
    assert.equal(part.result.claims.length, 0);
    return false;
  }
  const expected = whole.result.claims.filter((c) => inScreens(c.start, screens)).map(seen);
  assert.deepEqual(part.result.claims.map(seen), expected, `screens ${JSON.stringify(screens)}`);
  return true;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const documents = [
  ...readdirSync(join(ROOT, 'samples'))
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => join(ROOT, 'samples', f)),
  ...readdirSync(join(ROOT, 'test', 'fixtures'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(ROOT, 'test', 'fixtures', f)),
];

test('screens at random places of every sample and fixture get the whole check’s results', () => {
  const random = rng(14);
  let checked = 0;
  let declined = 0;
  for (const path of documents) {
    const text = readFileSync(path, 'utf8');
    if (text.length < 400) continue;
    const size = Math.min(3000, Math.floor(text.length / 3));
    const start = Math.floor(random() * (text.length - size));
    const screens = [{ start, end: start + size }];
    if (agrees(text, screens, false, 4)) checked++;
    else declined++;
  }
  assert.ok(checked > documents.length / 2, `checked ${checked}, declined ${declined}`);
});

const sections = Array.from({ length: 12 }, (_, i) =>
  layerSection(i + 1, { title: 'A layer', count: [i + 2, 2 * i + 3], slip: true }),
);
const LONG = `# Layers\n\n${sections.join('\n')}`;

test('the top, the middle and two screens of a long document, with the worker’s caches', () => {
  const third = Math.floor(LONG.length / 3);
  assert.ok(agrees(LONG, [{ start: 0, end: 3000 }], true));
  assert.ok(agrees(LONG, [{ start: third, end: third + 2500 }], true));
  assert.ok(
    agrees(
      LONG,
      [
        { start: 100, end: 1200 },
        { start: 2 * third, end: 2 * third + 1500 },
      ],
      true,
    ),
  );
});

test('a condition after the screen’s last claim qualifies it as in the whole document', () => {
  const filler = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} says nothing.\n`).join('\n');
  // The paragraph ends with "when": the condition opens the next one, after a chunk start.
  const text = `Let $x \\in \\mathbb{R}$.\n\nThen $\\sqrt{x^2} = x$ when\n\n$x > 0$ holds.\n\n${filler}`;
  const claim = text.indexOf('\\sqrt');
  const screens = [{ start: 0, end: claim + 10 }];
  assert.ok(agrees(text, screens));
  const whole = runCheck(job(text)).result.claims.find((c) => c.start === claim);
  const part = runCheck(job(text, screens)).result.claims.find((c) => c.start === claim);
  assert.equal(part?.verdict, whole?.verdict);
});

test('readings made further down decline the screen, or are found the same', () => {
  const top = `Let $P, A \\in \\mathbb{R}^{2 \\times 2}$.\n\n$$A^+ A A^+ = A^+$$\n\n`;
  // Math in every paragraph below: the screen's text ends well before the end of the document.
  const filler = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} sets $y_{${i}} = ${i}$.\n`).join('\n');
  const screens = [{ start: 0, end: top.length }];
  // Nothing below changes a reading: checked.
  assert.ok(agrees(`${top}${filler}`, screens));
  // Below: a before-label (so `A^+` is an after-label), a product of words, the summation
  // convention, a macro: each declines (or reads the same), never a different verdict.
  for (const below of [
    'The prior is $P^-$.',
    'Here $force = mass * accel$.',
    'We use the summation convention.',
    'Let $\\newcommand{\\A}{A}$ be given.',
  ]) {
    const text = `${top}${filler}\n${below}\n`;
    assert.equal(agrees(text, screens), false, below);
  }
  // Emphasis is not a product of words: the whole is read and the readings compared.
  assert.ok(agrees(`${top}${filler}\nSome *emphasis* here.\n`, screens));
  // An acronym defined further down: the screen is checked when its math never writes the run,
  // declined when it does (there the run reads as one name in the whole, a product in the screen).
  const acronym = '\nFinally $ELU = 5$ and $RMSE = 2$.\n';
  assert.ok(agrees(`${top}${filler}${acronym}`, screens));
  const writesRun = `$$(ELU)^2 = ELU \\cdot ELU$$\n\n`;
  const runScreens = [{ start: 0, end: writesRun.length }];
  assert.equal(agrees(`${writesRun}${filler}${acronym}`, runScreens), false);
  assert.ok(agrees(`${writesRun}${filler}`, runScreens));
});

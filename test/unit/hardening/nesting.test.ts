// Deep nesting (issue 15, item 7): a line that opens more block quotes and list items than the
// limit is cut there, with a problem at the cut, and the rest of the document is read and
// checked. The bounds are CPU-time hang guards, far above what the reader takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDocument } from '../../../server/src/document/index';
import { MAX_CONTAINER_DEPTH } from '../../../server/src/document/readLimits';
import { cpuMs } from '../../support/cpuTime';
import { at, check, claim, describeResult } from './helpers';

const CPU_GUARD_MS = 20_000;

for (const [name, marker] of [
  ['block quotes', '> '],
  ['bullet lists', '- '],
  ['ordered lists', '1. '],
  ['quotes in lists', '> - '],
] as const) {
  test(`${name} 20,000 deep: the deep line is cut at the limit, the rest is checked`, () => {
    const deep = `${marker.repeat(20_000)}$1 + 1 = 5$`;
    const text = `$$2 + 2 = 4$$\n\n${deep}\n${deep}\n\nThen $$1 + 1 = 3$$\n`;
    const { result, cpuMs: used } = check(text);
    assert.equal(claim(result, '2 + 2 = 4').verdict, 'verified', describeResult(result));
    assert.equal(claim(result, '1 + 1 = 3').verdict, 'refuted', describeResult(result));
    assert.ok(!result.claims.some((c) => c.text === '1 + 1 = 5'), 'nothing past the cut is read');
    const cut = result.problems.filter((p) => /nested more than/.test(p.message));
    // Two cut lines in a row are one region, reported once, where the first is cut.
    assert.equal(cut.length, 1, describeResult(result));
    assert.equal(at(text, cut[0].start), `2:${charsOf(marker)}`);
    assert.equal(at(text, cut[0].end), `3:${deep.length}`);
    assert.match(cut[0].message, /^document partly read: .* nest them less deeply$/);
    assert.ok(used < CPU_GUARD_MS, `took ${Math.round(used)} ms of CPU`);
  });
}

/** Characters up to and including the 100th container marker (without its trailing space). */
function charsOf(marker: string): number {
  const markers = marker.trim().split(' ').length;
  return (MAX_CONTAINER_DEPTH / markers) * marker.length - 1;
}

test('nesting at the limit is read as usual; one level more is cut', () => {
  const at100 = readDocument(`${'> '.repeat(MAX_CONTAINER_DEPTH)}$x = 1$\n`, 'markdown');
  assert.deepEqual(at100.problems, []);
  assert.equal(at100.items.length, 1);
  const at101 = readDocument(`${'> '.repeat(MAX_CONTAINER_DEPTH + 1)}$x = 1$\n`, 'markdown');
  assert.equal(at101.items.length, 0);
  assert.match(at101.problems[0].message, /nested more than 100 deep/);
});

test('near misses: long runs of > and - that open no containers are read as usual', () => {
  // A `>` after text, a run of dashes (a thematic break or a setext underline), `->` arrows in
  // prose and `--` in math open no containers.
  const text =
    `Text ${'> '.repeat(300)}$$1 + 1 = 2$$\n\n${'-'.repeat(400)}\n\n${'a -> '.repeat(200)}\n\n` +
    `$$${'1 - '.repeat(200)}1 = 1$$\n`;
  const r = readDocument(text, 'markdown');
  assert.deepEqual(r.problems, []);
  assert.equal(r.items.length, 2);
});

test('indented lists nested past the limit: the tree walk stops at the limit, no stack overflow', () => {
  // Nesting by indentation is not seen line by line; the walk itself bounds it.
  const lines = Array.from({ length: 150 }, (_, k) => `${' '.repeat(2 * k)}- item ${k}`);
  const c0 = cpuMs();
  const r = readDocument(`${lines.join('\n')} $y = 2$\n\n$$1 + 1 = 3$$\n`, 'markdown');
  assert.equal(r.items.length, 1, JSON.stringify(r.problems));
  assert.match(r.problems[0].message, /nested more than 100 deep/);
  assert.ok(cpuMs() - c0 < CPU_GUARD_MS);
});

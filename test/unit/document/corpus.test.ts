// Reads every document of the shared corpus (../shared/corpus beside the checkout) and the
// seeds (../shared/seeds): no throw, exact-length texts, plausible span counts, and speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kindFromPath, readDocument } from '../../../server/src/document/index';
import type { DocumentKind } from '../../../server/src/document/types';
import { assertInvariants } from './helpers';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const shared = resolve(repo, '../shared');
const corpus = join(shared, 'corpus');
const seeds = join(shared, 'seeds');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? files(p) : [p];
    });
}

interface Counts {
  files: number;
  display: number;
  inline: number;
  directives: number;
  problems: number;
  ms: number;
}

function readAll(paths: string[], kindOf: (p: string) => DocumentKind | null): Counts {
  const c: Counts = { files: 0, display: 0, inline: 0, directives: 0, problems: 0, ms: 0 };
  for (const p of paths) {
    const kind = kindOf(p);
    if (!kind) continue;
    const text = readFileSync(p, 'utf8');
    // CPU time: other programs' load on a shared machine does not add to it.
    const c0 = process.cpuUsage();
    const r = readDocument(text, kind);
    const used = process.cpuUsage(c0);
    c.ms += (used.user + used.system) / 1000;
    c.files++;
    assertInvariants(text, r, relative(shared, p));
    for (const item of r.items) {
      if (item.kind === 'directive') c.directives++;
      else if (item.display) c.display++;
      else c.inline++;
    }
    c.problems += r.problems.length;
  }
  c.ms = Math.round(c.ms);
  return c;
}

// Approximate counts from corpus/README.md; the reader must land near them.
const expected: Record<string, { display: number; inline: number }> = {
  d2l: { display: 213, inline: 1685 },
  conv_arithmetic: { display: 18, inline: 425 },
  cs231n: { display: 36, inline: 328 },
};

const near = (actual: number, wanted: number) => Math.abs(actual - wanted) <= Math.max(3, wanted * 0.05);

test('corpus: every document reads without throwing, with plausible span counts', {
  skip: existsSync(corpus) ? false : `no corpus at ${corpus} (../shared/corpus beside the checkout)`,
}, () => {
  for (const [group, want] of Object.entries(expected)) {
    const dir = join(corpus, group);
    if (!existsSync(dir)) continue;
    const c = readAll(files(dir), kindFromPath);
    console.log(
      `corpus ${group}: ${c.files} files, ${c.display} display / ${c.inline} inline, ` +
        `${c.directives} directives, ${c.problems} problems, ${c.ms} ms`,
    );
    assert.ok(c.files > 0, `${group} has documents`);
    assert.ok(
      near(c.display, want.display),
      `${group}: ${c.display} display spans, expected about ${want.display}`,
    );
    assert.ok(
      near(c.inline, want.inline),
      `${group}: ${c.inline} inline spans, expected about ${want.inline}`,
    );
    if (group === 'd2l') {
      // About 0.7 s cold / 0.45 s warm on an idle machine; the bound only catches regressions
      // (a loaded CI runner can be several times slower).
      const warm = readAll(files(dir), kindFromPath).ms;
      console.log(`corpus d2l again (warm): ${warm} ms`);
      assert.ok(warm < 5000, `d2l read in ${warm} ms`);
    }
  }
});

test('seeds: every seed reads (as Markdown) without throwing', {
  skip: existsSync(seeds) ? false : `no seeds at ${seeds}`,
}, () => {
  const c = readAll(
    files(seeds).filter((p) => p.endsWith('.txt')),
    () => 'markdown',
  );
  console.log(`seeds: ${c.files} files, ${c.display} display / ${c.inline} inline, ${c.problems} problems`);
  assert.ok(c.display + c.inline > 0);
});

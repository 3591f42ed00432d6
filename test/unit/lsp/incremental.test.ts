// The rule that makes incremental checking safe: after any edit, what the language server
// publishes from its caches (claim results, read chunks, parse trees kept across checks, as the
// checker worker keeps them) equals what a fresh check of the same text publishes. Seeded random
// edit sequences on documents of the held-out style (sections that declare their names again)
// and on a sample; after every edit the diagnostics of both checks are compared.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckCache } from '../../../server/src/check';
import { ReadCache } from '../../../server/src/document';
import { toDiagnostics } from '../../../server/src/lsp/diagnostics';
import type { Checked } from '../../../server/src/lsp/documentChecks';
import { runCheck } from '../../../server/src/lsp/runCheck';
import type { CheckJob } from '../../../server/src/lsp/runCheck';
import { ParseCache } from '../../../server/src/math/cache';
import { ModelCache } from '../../../server/src/model/resume';
import { randomEdit, randomParagraphEdit, rng } from '../../support/randomEdits';
import { layerSection } from '../../support/realisticDocument.mjs';

const ROOT = join(__dirname, '..', '..', '..');

/** A section of the held-out style with the logistic and matrix claims inline. */
function section(i: number): string {
  return layerSection(i, { sumOfEntries: null, logistic: 'inline', matrices: 'inline', count: [i + 2, 3] });
}

function job(text: string): CheckJob {
  // A generous time budget: a claim cut short on a loaded machine would differ for that reason alone.
  return {
    text,
    kind: 'markdown',
    options: { collectSamples: true, timeBudgetMs: 20_000 },
    inlineMath: true,
  };
}

function diagnostics(text: string, out: ReturnType<typeof runCheck>): string {
  const checked: Checked = {
    uri: 'file:///t.md',
    version: 1,
    kind: 'markdown',
    doc: TextDocument.create('file:///t.md', 'markdown', 1, text),
    result: out.result,
    spans: out.spans,
  };
  return JSON.stringify(toDiagnostics(checked, 'information'));
}

function editSequence(start: string, seed: number, edits: number, edit = randomEdit): void {
  const r = rng(seed);
  const context = {
    cache: new CheckCache(),
    readCache: new ReadCache(),
    parseCache: new ParseCache(),
    modelCache: new ModelCache(),
  };
  let text = start;
  runCheck(job(text), context);
  for (let k = 0; k < edits; k++) {
    text = edit(text, r);
    const incremental = runCheck(job(text), context);
    const fresh = runCheck(job(text), {});
    assert.equal(
      diagnostics(text, incremental),
      diagnostics(text, fresh),
      `seed ${seed}, edit ${k + 1}: the cached check differs from a fresh one`,
    );
    assert.deepEqual(
      incremental.result.claims.map((c) => [c.verdict, c.start, c.end]),
      fresh.result.claims.map((c) => [c.verdict, c.start, c.end]),
    );
  }
}

test('random edits of sections that declare their names again: cached checks equal fresh ones', () => {
  const text = [1, 2, 3, 4].map(section).join('\n');
  for (const seed of [11, 12]) editSequence(text, seed, 20);
});

// Edits that renumber the blocks below them (model/renumber.ts): paragraphs added, removed, split, joined.
test('random paragraph edits of re-declaring sections: cached checks equal fresh ones', () => {
  const text = [1, 2, 3, 4].map(section).join('\n');
  editSequence(text, 13, 20, randomParagraphEdit);
});

test('random edits of a sample: cached checks equal fresh ones', () => {
  const text = readFileSync(join(ROOT, 'samples', 'features.md'), 'utf8');
  editSequence(text, 21, 20);
});

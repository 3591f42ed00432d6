// The server's thread keeps each claim result's diagnostic and the line starts of each version
// (lsp/diagnostics.ts, lsp/snapshot.ts): after any edit, what it publishes must equal what a fresh
// check of the same text publishes, ranges included. Driven as the server is: the worker's caches,
// the results sent as differences and rebuilt on this side of a copy between threads (so results
// an edit did not touch are the previous objects), the document's snapshot moved by the edit's
// range; after every edit of a seeded random sequence the published list is compared with a fresh
// one. Near misses: a claim whose offset an edit kept but whose line it moved, the severity of the
// unchecked changed by a setting, another document's URI.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckCache } from '../../../server/src/check';
import type { ClaimResult } from '../../../server/src/check/result';
import { ReadCache } from '../../../server/src/document';
import { toDiagnostics } from '../../../server/src/lsp/diagnostics';
import type { Checked } from '../../../server/src/lsp/documentChecks';
import { decodeClaims, encodeClaims, type SentList } from '../../../server/src/lsp/resultDiff';
import { runCheck } from '../../../server/src/lsp/runCheck';
import type { CheckJob } from '../../../server/src/lsp/runCheck';
import type { UncheckedSeverity } from '../../../server/src/lsp/settings';
import { type Snapshot, snapshots } from '../../../server/src/lsp/snapshot';
import { ParseCache } from '../../../server/src/math/cache';
import { ModelCache } from '../../../server/src/model/resume';
import { randomEdit, rng } from '../../support/randomEdits';
import { layerSection } from '../../support/realisticDocument.mjs';

const URI = 'file:///kept.md';

function job(text: string): CheckJob {
  // A generous time budget: a claim cut short on a loaded machine would differ for that reason alone.
  return {
    text,
    kind: 'markdown',
    options: { collectSamples: true, timeBudgetMs: 20_000 },
    inlineMath: true,
  };
}

/** The server's side of one document: the worker's caches, the held results, the snapshot. */
class Session {
  private readonly context = {
    cache: new CheckCache(),
    readCache: new ReadCache(),
    parseCache: new ParseCache(),
    modelCache: new ModelCache(),
  };
  private sent: SentList | undefined;
  private held: ClaimResult[] | undefined;
  private id = 0;
  doc: Snapshot;
  last: Diagnostic[] = [];

  constructor(
    text: string,
    readonly uri = URI,
  ) {
    this.doc = snapshots.create(uri, 'markdown', 1, text);
  }

  /** The text changed to `text`, sent as the one range an editor would send. */
  edit(text: string): void {
    const old = this.doc.getText();
    let head = 0;
    while (head < old.length && head < text.length && old[head] === text[head]) head++;
    let tail = 0;
    while (
      tail < old.length - head &&
      tail < text.length - head &&
      old[old.length - 1 - tail] === text[text.length - 1 - tail]
    )
      tail++;
    const range = { start: this.doc.positionAt(head), end: this.doc.positionAt(old.length - tail) };
    this.doc = snapshots.update(
      this.doc,
      [{ range, text: text.slice(head, text.length - tail) }],
      this.doc.version + 1,
    );
    assert.equal(this.doc.getText(), text);
  }

  publish(severity: UncheckedSeverity = 'information'): Diagnostic[] {
    const out = runCheck(job(this.doc.getText()), this.context);
    const { sent, list } = encodeClaims(
      out.result.claims,
      (c) => this.context.cache.origin(c),
      this.sent,
      ++this.id,
    );
    // As between threads: what was sent is a copy; what was held is this side's.
    const claims = decodeClaims(structuredClone(sent), this.held);
    this.sent = list;
    this.held = claims;
    const checked: Checked = {
      uri: this.uri,
      version: this.doc.version,
      kind: 'markdown',
      doc: this.doc,
      result: { ...out.result, claims },
      spans: out.spans,
    };
    this.last = toDiagnostics(checked, severity);
    return this.last;
  }
}

function fresh(text: string, severity: UncheckedSeverity = 'information', uri = URI): Diagnostic[] {
  const out = runCheck(job(text), {});
  const checked: Checked = {
    uri,
    version: 1,
    kind: 'markdown',
    doc: TextDocument.create(uri, 'markdown', 1, text),
    result: out.result,
    spans: out.spans,
  };
  return toDiagnostics(checked, severity);
}

function section(i: number): string {
  return layerSection(i, {
    sumOfEntries: null,
    logistic: 'inline',
    matrices: 'inline',
    count: [i + 2, 3],
    slip: true,
  });
}

test('random edits: diagnostics kept per result, line starts moved: what a fresh check publishes', () => {
  let reused = 0;
  let published = 0;
  for (const seed of [21, 22]) {
    const r = rng(seed);
    let text = [1, 2, 3, 4].map(section).join('\n');
    const s = new Session(text);
    s.publish();
    for (let k = 0; k < 20; k++) {
      text = randomEdit(text, r);
      s.edit(text);
      const before = new Set(s.last);
      const got = s.publish();
      assert.equal(JSON.stringify(got), JSON.stringify(fresh(text)), `seed ${seed}, edit ${k + 1}`);
      reused += got.filter((d) => before.has(d)).length;
      published += got.length;
    }
  }
  // Most diagnostics of an edit are the previous publish's objects: the reuse is exercised.
  assert.ok(reused > published / 2, `${reused} of ${published} diagnostics reused`);
});

test('bursts of edits checked once, lines inserted and removed: what a fresh check publishes', () => {
  // Several changes in one check: the model after the last one is kept (model/splice.ts
  // editsBetween), the text between them moved, every diagnostic below on other lines.
  let spliced = 0;
  for (const seed of [23, 24]) {
    const r = rng(seed);
    let text = [1, 2, 3, 4, 5, 6].map(section).join('\n');
    const s = new Session(text);
    s.publish();
    const model = s['context'].modelCache;
    for (let k = 0; k < 12; k++) {
      const burst = 2 + Math.floor(r() * 2);
      for (let j = 0; j < burst; j++) text = randomEdit(text, r, { onlyLines: true });
      s.edit(text);
      const before = model.spliced;
      const got = s.publish();
      assert.equal(JSON.stringify(got), JSON.stringify(fresh(text)), `seed ${seed}, burst ${k + 1}`);
      spliced += model.spliced - before;
    }
  }
  assert.ok(spliced > 0, 'no burst kept the model after it');
});

test('near misses: a claim kept in place but on another line, another severity, another URI', () => {
  const text =
    'Some words here and there.\n\nAlso: $$2 \\cdot 3 = 7$$ and a true one $$2 + 2 = 4$$.\n\n' +
    `Names never declared: $$\\frac{\\partial L}{\\partial W} = \\mathcal{Q}(W)$$\n\n${section(1)}`;
  const s = new Session(text);
  const first = s.publish();
  const slip = first.find((d) => d.code === 'refuted' && d.range.start.line === 2);
  assert.ok(slip, 'the slip is refuted on line 3');
  // A space made a line break: the claim's offset is the same, its line is not.
  const moved = text.replace('words here', 'words\nhere');
  s.edit(moved);
  const after = s.publish();
  assert.deepEqual(JSON.stringify(after), JSON.stringify(fresh(moved)));
  const again = after.find((d) => d.message === slip.message);
  assert.ok(again);
  assert.equal(again.range.start.line, 3);
  assert.notEqual(again, slip);
  // Nothing moved: the same object. The unchecked published as hints: new ones where it shows.
  s.edit(moved);
  const same = s.publish();
  assert.ok(same.includes(again));
  const hints = s.publish('hint');
  assert.ok(
    hints.some((d) => d.severity === DiagnosticSeverity.Hint && same.some((e) => e.message === d.message)),
    'an unchecked claim is published again, as a hint',
  );
  assert.equal(JSON.stringify(hints), JSON.stringify(fresh(moved, 'hint')));
  // Another document with the same results: its related information names its own URI.
  const other = new Session(moved, 'file:///other.md');
  assert.equal(
    JSON.stringify(other.publish()),
    JSON.stringify(fresh(moved, 'information', 'file:///other.md')),
  );
});

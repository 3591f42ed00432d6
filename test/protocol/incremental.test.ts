// What an edit costs, in claims (issue #14): the server reports with each finished check how
// many claims it evaluated anew (`rechecked` in derivcheck/status). An edit of prose between
// displays re-checks none; of a definition, exactly the claims that reach it; of a claim, that
// claim. Counts, not times: the timings belong to `npm run bench`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeLens, Location } from 'vscode-languageserver';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { ensureBuilt, LspSession } from './lspSession';
import { layerSection } from '../support/realisticDocument.mjs';

const URI = 'file:///incremental/layers.md';

/** One section of the held-out style: it declares its names again and makes its claims. */
function section(i: number): string {
  return layerSection(i, { sumOfEntries: 'display', logistic: null, matrices: null, count: [i + 2, 3] });
}

const TEXT = [1, 2, 3].map(section).join('\n');

describe('an edit re-checks what it touches', () => {
  let lsp: LspSession;
  const done: StatusParams[] = [];

  /** Change the text and wait for the finished check of the new version. */
  async function edit(text: string): Promise<StatusParams> {
    lsp.change(URI, text);
    const version = lsp.version(URI);
    return lsp.waitFor(`the check of version ${version}`, () =>
      done.find((s) => s.uri === URI && s.version === version),
    );
  }

  before(async () => {
    ensureBuilt();
    lsp = await LspSession.start([], undefined, { statusNotification: true });
    lsp.connection.onNotification('derivcheck/status', (p: StatusParams) => {
      if (p.state === 'done') done.push(p);
    });
    lsp.open(URI, 'markdown', TEXT);
    await lsp.waitFor('the first check', () => done.find((s) => s.uri === URI && s.version === 1));
  });

  after(async () => {
    await lsp.stop();
  });

  test('the first check evaluates each distinct claim once', () => {
    const first = done.find((s) => s.version === 1)!;
    assert.equal(first.verified + first.refuted + first.unchecked, 15);
    // The sections' four shared claims read the same text with the same names declared the same
    // way: their results are one result, reused. The three counts differ.
    assert.equal(first.rechecked, 4 + 3);
    assert.equal(first.verified, 15, JSON.stringify(first));
  });

  test('editing prose between displays re-checks nothing', async () => {
    const s = await edit(TEXT.replace('and its entries sum to one', 'and its entries add up to one'));
    assert.equal(s.rechecked, 0);
    assert.equal(s.verified, 15);
  });

  test('editing a claim re-checks that claim', async () => {
    const s = await edit(TEXT.replace('$$3 \\cdot 3 = 9$$', '$$3 \\cdot 3 = 10$$'));
    assert.equal(s.rechecked, 1);
    assert.equal(s.refuted, 1);
  });

  test('editing a definition re-checks the claims that reach it, in its own section only', async () => {
    // Section 2's s: its Jacobian and its sum reach it; section 3 declares its own s.
    const at = TEXT.indexOf('s = \\operatorname{softmax}(z)', TEXT.indexOf('## 2.'));
    const text = `${TEXT.slice(0, at)}s = \\operatorname{softmax}(2z)${TEXT.slice(at + 29)}`;
    const s = await edit(text);
    assert.equal(s.rechecked, 2);
    // The Jacobian no longer holds for softmax(2z); the sum still does.
    assert.equal(s.refuted, 1, JSON.stringify(s));
  });

  test('editing a declaration re-checks the claims of its section that use the name', async () => {
    // Section 1's δ: only the gradient ∇_x L = Wᵀδ reaches it (through L).
    const s = await edit(
      TEXT.replace('$\\delta \\in \\mathbb{R}^{m}$', '$\\delta \\in \\mathbb{R}_{>0}^{m}$'),
    );
    assert.equal(s.rechecked, 1);
    assert.equal(s.verified, 15);
  });

  test('a moving edit near the top re-checks nothing: every claim below it moved, none changed', async () => {
    // Claims are cached by their text and what they depend on, never by where they lie (issue #14).
    let s = await edit(`\n${TEXT}`);
    assert.equal(s.rechecked, 0, 'a blank line on top');
    assert.equal(s.verified, 15);
    s = await edit(TEXT.replace('is linear in it', 'is, plainly, linear in it'));
    assert.equal(s.rechecked, 0, 'a word of prose in the first section');
    s = await edit(TEXT.replace('## 1.', 'A paragraph on top.\n\n## 1.'));
    assert.equal(s.rechecked, 0, 'a paragraph on top');
    assert.equal(s.verified, 15);
  });

  test('a definition high up edited, lines inserted above it: the claims that reach it', async () => {
    // Section 1's s (the first section): its Jacobian and its sum; sections 2 and 3 declare their own.
    const at = TEXT.indexOf('s = \\operatorname{softmax}(z)');
    const edited = `${TEXT.slice(0, at)}s = \\operatorname{softmax}(3z)${TEXT.slice(at + 29)}`;
    const s = await edit(`Two lines\non top.\n\n${edited}`);
    assert.equal(s.rechecked, 2);
    assert.equal(s.refuted, 1, JSON.stringify(s));
  });

  test('an edit that moves what follows it: lenses and definitions land on the moved places', async () => {
    // Spans and bindings come from the checker worker as differences from its previous check
    // (lsp/recordDiff.ts): the moved ones must arrive moved.
    const where = async (text: string) => {
      const lines = text.split('\n');
      const line = lines.map((l) => l.includes('\\mathbf{1}_k^\\top s = 1')).lastIndexOf(true);
      const lenses = await lsp.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
      const definition = await lsp.request<Location | null>('textDocument/definition', {
        textDocument: { uri: URI },
        position: { line, character: lines[line].indexOf('\\top s') + 5 },
      });
      return { lenses: lenses.map((l) => [l.range.start.line, l.command?.title]), definition, line };
    };
    await edit(TEXT);
    const before = await where(TEXT);
    const moved = `A first paragraph, added on top.\n\n${TEXT}`;
    await edit(moved);
    const after = await where(moved);
    assert.ok(before.definition && after.definition, 'a definition both times');
    assert.equal(after.line, before.line + 2);
    assert.equal(after.definition.range.start.line, before.definition.range.start.line + 2);
    assert.deepEqual(after.definition.range.start.character, before.definition.range.start.character);
    assert.ok(before.lenses.length >= 9, `lenses: ${JSON.stringify(before.lenses)}`);
    assert.deepEqual(
      after.lenses,
      before.lenses.map(([line, title]) => [(line as number) + 2, title]),
    );
  });
});

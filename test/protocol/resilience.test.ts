// The server under abuse: edit storms, documents closed mid-check, malformed and unknown
// requests. It must keep answering and end with the diagnostics of the last version.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { ensureBuilt, LspSession } from './lspSession';

const doc = (k: number) =>
  `# Storm\n\n$$2 + 2 = ${k}$$\n\nLet $A \\in \\mathbb{R}^{n \\times n}$. $$A A^\\top = A^\\top A$$\n`;

describe('language server resilience', () => {
  let lsp: LspSession;

  before(async () => {
    ensureBuilt();
    lsp = await LspSession.start();
  });

  after(async () => {
    await lsp?.stop();
  });

  test('a storm of 1000 edits ends with the diagnostics of the last version', async () => {
    const uri = 'file:///derivcheck-test/storm.md';
    lsp.open(uri, 'markdown', doc(0));
    for (let k = 1; k <= 1000; k++) lsp.change(uri, doc(k % 7));
    lsp.change(uri, doc(4));
    const last = lsp.version(uri);
    const p = await lsp.waitForDiagnostics(uri, (d) => d.version === last, 60_000);
    // 2 + 2 = 4 holds; only A Aᵀ = Aᵀ A is refuted.
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      ['refuted'],
    );
    const hover = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 2, character: 4 },
    });
    assert.ok(hover, 'the server still answers hovers after the storm');
  });

  test('a document closed while it is being checked is cleared, and the server goes on', async () => {
    const uri = 'file:///derivcheck-test/closed.md';
    const heavy = Array.from(
      { length: 200 },
      (_, i) => `$$\\operatorname{tr}(B_${i} C) = \\operatorname{tr}(C B_${i})$$`,
    ).join('\n\n');
    lsp.open(uri, 'markdown', `Let $B_i, C \\in \\mathbb{R}^{n \\times n}$.\n\n${heavy}\n`);
    void lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const other = 'file:///derivcheck-test/after-close.md';
    lsp.open(other, 'markdown', '$$3 \\cdot 3 = 10$$\n');
    const p = await lsp.waitForDiagnostics(other, (d) => d.diagnostics.length === 1, 30_000);
    assert.equal(p.diagnostics[0].code, 'refuted');
    await lsp.waitForDiagnostics(uri, (d) => d.diagnostics.length === 0, 30_000);
  });

  test('malformed and unknown requests get errors, not a dead server', async () => {
    // Either an error response or an empty answer; what matters is that an answer comes.
    const bad = await lsp
      .request<unknown>('textDocument/hover', { textDocument: { uri: 42 }, position: 'nowhere' })
      .then(
        (v) => ({ value: v }),
        (e: Error) => ({ error: e.message }),
      );
    assert.ok('error' in bad || bad.value === null, JSON.stringify(bad));
    await assert.rejects(lsp.request('derivcheck/noSuchMethod', {}));
    const none = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: 'file:///never-opened.md' },
      position: { line: 0, character: 0 },
    });
    assert.equal(none, null);
    const uri = 'file:///derivcheck-test/alive.md';
    lsp.open(uri, 'markdown', '$$1 + 1 = 3$$\n');
    const p = await lsp.waitForDiagnostics(uri, (d) => d.diagnostics.length === 1);
    assert.equal(p.diagnostics[0].code, 'refuted');
  });
});

// The stdio writer's encoder (server/src/lsp/keptJson.ts) keeps the bytes of frozen diagnostics
// and puts them in each publish again: every message it encodes must be byte for byte
// Buffer.from(JSON.stringify(message)), as the library's own encoder writes it. Near misses: a
// diagnostic not frozen (it may change between publishes, so it is serialized each time), a
// publish whose list is not the last of its parameters, parameters with no version.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostics } from '../../../server/src/lsp/diagnostics';
import type { Checked } from '../../../server/src/lsp/documentChecks';
import { encodeMessage } from '../../../server/src/lsp/keptJson';
import { runCheck } from '../../../server/src/lsp/runCheck';

function publish(params: Record<string, unknown>) {
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params };
}

function same(message: unknown, what: string): void {
  assert.deepEqual(encodeMessage(message), Buffer.from(JSON.stringify(message), 'utf8'), what);
}

function checkedDiagnostics(text: string): Diagnostic[] {
  const out = runCheck({ text, kind: 'markdown', options: { collectSamples: true }, inlineMath: true }, {});
  const checked: Checked = {
    uri: 'file:///k.md',
    version: 3,
    kind: 'markdown',
    doc: TextDocument.create('file:///k.md', 'markdown', 3, text),
    result: out.result,
    spans: out.spans,
  };
  return toDiagnostics(checked, 'information');
}

test('publishes of kept diagnostics encode as JSON.stringify does, sent again or not', () => {
  // Refuted claims with related lines, an unchecked one, a message with characters beyond ASCII.
  const text =
    'Also: $$2 \\cdot 3 = 7$$ and $$\\frac{\\partial L}{\\partial W} = \\mathcal{Q}(W)$$.\n\n' +
    'Let $x \\in \\mathbb{R}$. Then $$(x + 1)^2 = x^2 + 2x + 2$$ — “quoted”.\n';
  const diagnostics = checkedDiagnostics(text);
  assert.ok(diagnostics.length >= 3, `${diagnostics.length} diagnostics`);
  assert.ok(diagnostics.some((d) => d.relatedInformation?.length));
  assert.ok(
    diagnostics.every((d) => Object.isFrozen(d)),
    'the claims’ diagnostics are kept frozen',
  );
  const params = { uri: 'file:///k.md', version: 3, diagnostics };
  same(publish(params), 'first publish');
  same(publish(params), 'the same diagnostics again, from the kept bytes');
  same(publish({ uri: 'file:///k.md', version: undefined, diagnostics }), 'no version');
  same(publish({ uri: 'file:///k.md', diagnostics: diagnostics.slice(1) }), 'one fewer');
  same(publish({ uri: 'file:///k.md', diagnostics: [] }), 'an empty list');
  same(
    publish({ uri: 'file:///é.md', diagnostics: [...diagnostics].reverse() }),
    'another order, another URI',
  );
  // A frozen diagnostic cannot change: the one place a kept one could go stale is closed.
  assert.throws(() => {
    (diagnostics[0] as { message: string }).message = 'changed';
  });
});

test('near misses: diagnostics not frozen, a list not last, other messages', () => {
  const loose: Diagnostic = {
    range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } },
    message: 'first',
    source: 'derivcheck',
  };
  const params = { uri: 'file:///k.md', diagnostics: [loose] };
  same(publish(params), 'a diagnostic not frozen');
  loose.message = 'changed since';
  loose.range.end.character = 9;
  same(publish(params), 'the same object changed: serialized again');
  same(
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics: [loose], uri: 'u' } },
    'the list before the URI',
  );
  same({ jsonrpc: '2.0', id: 4, result: { contents: 'x ≠ y' } }, 'a response');
  same(
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 4, message: 'checked' } },
    'a notification',
  );
});

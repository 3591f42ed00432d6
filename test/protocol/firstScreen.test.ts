// A long document just opened gets the diagnostics of its top first, then the whole document's;
// the first ones are exactly what the whole check says about the claims of the top.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { chunkStarts } from '../../server/src/document/chunks';
import { FIRST_SCREEN_CHARS } from '../../server/src/lsp/firstScreen';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { ensureBuilt, LspSession } from './lspSession';

const URI = 'file:///first-screen/long.md';

function section(i: number): string {
  return String.raw`## ${i}. A layer

Let $W \in \mathbb{R}^{m \times n}$, $x \in \mathbb{R}^{n}$ and $z \in \mathbb{R}^{k}$, and let
$s = \operatorname{softmax}(z)$.

$$\frac{\partial s}{\partial z} = \operatorname{diag}(s) - s s^\top$$

$$(W x)^\top = x^\top W^\top$$

A count: $$${i} + 1 = ${i % 3 === 0 ? i + 2 : i + 1}$$
`;
}

const TEXT = Array.from({ length: 60 }, (_, i) => section(i + 1)).join('\n');

describe('the first screen first', () => {
  let lsp: LspSession;
  const published: PublishDiagnosticsParams[] = [];
  let done: StatusParams | undefined;

  before(async () => {
    ensureBuilt();
    lsp = await LspSession.start([], undefined, { statusNotification: true });
    lsp.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (p.uri === URI) published.push(p);
    });
    lsp.connection.onNotification('derivcheck/status', (p: StatusParams) => {
      if (p.uri === URI && p.state === 'done') done = p;
    });
    lsp.open(URI, 'markdown', TEXT);
    await lsp.waitFor('the whole check', () => done, 60_000);
  });

  after(async () => {
    await lsp.stop();
  });

  test('the top is published first, with the verdicts the whole check gives it', () => {
    assert.ok(published.length >= 2, `publishes: ${published.length}`);
    const [first] = published;
    const whole = published[published.length - 1];
    assert.equal(first.version, 1);
    assert.equal(whole.version, 1);
    const cut = chunkStarts(TEXT).find((s) => s >= FIRST_SCREEN_CHARS)!;
    const cutLine = TEXT.slice(0, cut).split('\n').length - 1;
    const top = whole.diagnostics.filter((d) => d.range.start.line < cutLine);
    // Every third count is refuted: some in the top, more below it.
    assert.ok(top.length > 0 && top.length < whole.diagnostics.length, JSON.stringify(top.length));
    assert.deepEqual(first.diagnostics, top);
  });

  test('an edit is checked whole, without a first pass', async () => {
    const before = published.length;
    lsp.change(URI, TEXT.replace('A count: $$1 + 1 = 2$$', 'A count: $$1 + 1 = 3$$'));
    await lsp.waitFor('the edit', () => (done?.version === 2 ? done : undefined), 60_000);
    const after = published.slice(before);
    assert.equal(after.length, 1);
    assert.equal(after[0].diagnostics.length, published[before - 1].diagnostics.length + 1);
  });
});

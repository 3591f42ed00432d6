// A long document just opened gets the diagnostics of its first screen first — the top, or the
// lines the editor shows (derivcheck/visibleRanges) — then the whole document's; the first ones are
// exactly what the whole check says about the claims of that screen, and nothing about the rest.
// A replace-all over the document does the same; a one-line edit is checked whole at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { FIRST_SCREEN_CHARS } from '../../server/src/lsp/firstScreen';
import { VisibleRangesNotification } from '../../server/src/lsp/protocol';
import type { StatusParams, VisibleRangesParams } from '../../server/src/lsp/protocol';
import { ensureBuilt, LspSession } from './lspSession';

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
const LINES = TEXT.split('\n');

/** The line of an offset of a text (TEXT by default). */
function lineOf(offset: number, text = TEXT): number {
  return text.slice(0, offset).split('\n').length - 1;
}

/** The whole check's diagnostics of claims that start on lines first…last. */
function within(whole: Diagnostic[], first: number, last: number): Diagnostic[] {
  return whole.filter((d) => d.range.start.line >= first && d.range.start.line <= last);
}

describe('the first screen first', () => {
  let lsp: LspSession;
  const published = new Map<string, PublishDiagnosticsParams[]>();
  const done = new Map<string, StatusParams>();

  const openAndWait = async (uri: string) => {
    published.set(uri, []);
    lsp.open(uri, 'markdown', TEXT);
    await lsp.waitFor(
      `the whole check of ${uri}`,
      () => (done.get(uri)?.version === 1 ? true : undefined),
      60_000,
    );
    return published.get(uri) ?? [];
  };

  before(async () => {
    ensureBuilt();
    lsp = await LspSession.start([], undefined, { statusNotification: true });
    lsp.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.get(p.uri)?.push(p);
    });
    lsp.connection.onNotification('derivcheck/status', (p: StatusParams) => {
      if (p.state === 'done') done.set(p.uri, p);
    });
  });

  after(async () => {
    await lsp.stop();
  });

  test('without visible ranges the top is published first, with the whole check’s verdicts', async () => {
    const list = await openAndWait('file:///first-screen/top.md');
    assert.ok(list.length >= 2, `publishes: ${list.length}`);
    const [first] = list;
    const whole = list[list.length - 1];
    assert.equal(first.version, 1);
    assert.equal(whole.version, 1);
    // The claims that start in the top's characters (the line of the last may go on past them).
    const top = within(whole.diagnostics, 0, lineOf(FIRST_SCREEN_CHARS - 1));
    // Every third count is refuted: some in the top, more below it.
    assert.ok(top.length > 0 && top.length < whole.diagnostics.length, JSON.stringify(top.length));
    assert.deepEqual(first.diagnostics, top);
  });

  test('the lines the editor shows, sent before the document is opened, are published first', async () => {
    const uri = 'file:///first-screen/middle.md';
    // Lines of sections 30 to 33: two refuted counts among them.
    const from = LINES.indexOf('## 30. A layer');
    const to = LINES.indexOf('## 34. A layer') - 1;
    const params: VisibleRangesParams = { uri, ranges: [{ start: from, end: to }] };
    void lsp.connection.sendNotification(VisibleRangesNotification, params);
    const list = await openAndWait(uri);
    const [first] = list;
    const whole = list[list.length - 1];
    const shown = within(whole.diagnostics, from, to);
    assert.ok(shown.length >= 1, JSON.stringify(shown));
    assert.deepEqual(first.diagnostics, shown);
    // Nothing of the top: the top is not what the editor shows.
    assert.ok(within(whole.diagnostics, 0, from - 1).length > 0);
  });

  test('lines shown after the document is opened go next, published with the top’s', async () => {
    const uri = 'file:///first-screen/scrolled.md';
    const from = LINES.indexOf('## 40. A layer');
    const to = LINES.indexOf('## 43. A layer') - 1;
    published.set(uri, []);
    lsp.open(uri, 'markdown', TEXT);
    // The editor reports what it shows only after the document was opened (the top is on its way).
    void lsp.connection.sendNotification(VisibleRangesNotification, {
      uri,
      ranges: [{ start: from, end: to }],
    });
    await lsp.waitFor(
      `the whole check of ${uri}`,
      () => (done.get(uri)?.version === 1 ? true : undefined),
      60_000,
    );
    const list = published.get(uri) ?? [];
    assert.equal(list.length, 3, JSON.stringify(list.map((p) => p.diagnostics.length)));
    const whole = list[2].diagnostics;
    const top = within(whole, 0, lineOf(FIRST_SCREEN_CHARS - 1));
    assert.deepEqual(list[0].diagnostics, top);
    assert.deepEqual(list[1].diagnostics, [...top, ...within(whole, from, to)]);
  });

  test('a replace-all goes screen first; a one-line edit is checked whole at once', async () => {
    const uri = 'file:///first-screen/top.md';
    const list = published.get(uri) ?? [];
    let start = list.length;
    // A one-line edit.
    lsp.change(uri, TEXT.replace('A count: $$1 + 1 = 2$$', 'A count: $$1 + 1 = 3$$'));
    await lsp.waitFor('the edit', () => (done.get(uri)?.version === 2 ? true : undefined), 60_000);
    let since = list.slice(start);
    assert.equal(since.length, 1);
    assert.equal(since[0].diagnostics.length, list[start - 1].diagnostics.length + 1);
    // The words before every count change: the verdicts stay, and the first publish holds the top's.
    start = list.length;
    const replaced = TEXT.replaceAll('A count:', 'A quick count:');
    lsp.change(uri, replaced);
    await lsp.waitFor('the replace-all', () => (done.get(uri)?.version === 3 ? true : undefined), 60_000);
    since = list.slice(start);
    assert.equal(since.length, 2);
    const whole = since[1].diagnostics;
    assert.ok(since[0].diagnostics.length > 0 && since[0].diagnostics.length < whole.length);
    assert.deepEqual(since[0].diagnostics, within(whole, 0, lineOf(FIRST_SCREEN_CHARS - 1, replaced)));
  });
});

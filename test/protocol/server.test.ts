// Protocol tests: the real server bundle over stdio, driven by a JSON-RPC client.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction,
  CodeLens,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InlayHint,
  Location,
  MarkupContent,
} from 'vscode-languageserver-protocol';
import { ensureBuilt, LspSession, ROOT } from './lspSession';

const FIXTURES = join(ROOT, 'test', 'protocol', 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const BASIC_URI = 'file:///derivcheck-test/basic.md';

const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;
const HINT = 4;

function byCode(diags: Diagnostic[], code: string): Diagnostic {
  const d = diags.find((x) => x.code === code);
  assert.ok(d, `no diagnostic with code ${code} in ${JSON.stringify(diags)}`);
  return d;
}

function range(line: number, from: number, to: number) {
  return { start: { line, character: from }, end: { line, character: to } };
}

describe('derivcheck language server', () => {
  let lsp: LspSession;

  before(async () => {
    ensureBuilt();
    lsp = await LspSession.start();
    lsp.open(BASIC_URI, 'markdown', fixture('basic.md'));
  });

  after(async () => {
    await lsp?.stop();
  });

  test('publishes refuted and unchecked claims, nothing for verified ones', async () => {
    const p = await lsp.waitForDiagnostics(BASIC_URI);
    assert.equal(p.version, 1);
    assert.equal(p.diagnostics.length, 2, JSON.stringify(p.diagnostics));
    for (const d of p.diagnostics) assert.equal(d.source, 'derivcheck');

    const refuted = byCode(p.diagnostics, 'refuted');
    assert.equal(refuted.severity, ERROR);
    assert.deepEqual(refuted.range, range(4, 2, 11)); // `2 + 2 = 5` in `$$2 + 2 = 5$$`
    assert.match(String(refuted.message), /^refuted/);
    assert.ok(
      refuted.relatedInformation?.some((r) => /left = 4/.test(r.message)),
      'details as related information',
    );
    assert.equal(refuted.relatedInformation?.[0].location.uri, BASIC_URI);

    const unchecked = byCode(p.diagnostics, 'unchecked');
    assert.equal(unchecked.severity, INFORMATION);
    assert.deepEqual(unchecked.range, range(6, 2, 11)); // `x + y = z`
    assert.match(String(unchecked.message), /unknown names? .*x/);
  });

  test('hover shows the claim verdict and message', async () => {
    const h = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: BASIC_URI },
      position: { line: 4, character: 8 },
    });
    assert.ok(h, 'a hover');
    const value = (h.contents as MarkupContent).value;
    assert.equal((h.contents as MarkupContent).kind, 'markdown');
    assert.match(value, /refuted/);
    assert.match(value, /left is 4/);
  });

  test('hover outside math is empty', async () => {
    const h = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: BASIC_URI },
      position: { line: 0, character: 3 },
    });
    assert.equal(h, null);
  });

  test('code lenses summarise each display', async () => {
    const lenses = await lsp.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: BASIC_URI },
    });
    const titles = lenses.map((l) => [l.range.start.line, l.command?.title]);
    assert.deepEqual(titles, [
      [2, '✓ 1 verified'],
      [4, '✗ 1 refuted'],
      [6, '? 1 unchecked'],
    ]);
    assert.equal(lenses[0].command?.command, 'derivcheck.showClaims');
  });

  test('code actions: replace with the computed value, skip the span, declare unknown names', async () => {
    const { diagnostics } = await lsp.waitForDiagnostics(BASIC_URI);
    const refuted = byCode(diagnostics, 'refuted');
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: BASIC_URI },
      range: refuted.range,
      context: { diagnostics: [refuted] },
    });
    const replace = actions.find((a) => a.title.startsWith('Replace with computed value'));
    assert.ok(replace, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(replace.edit?.changes?.[BASIC_URI], [{ range: range(4, 10, 11), newText: '4' }]);
    assert.deepEqual(replace.diagnostics, [refuted]);

    const skip = actions.find((a) => a.title === 'Skip this math span');
    assert.ok(skip);
    assert.deepEqual(skip.edit?.changes?.[BASIC_URI], [
      { range: range(4, 0, 0), newText: '<!-- derive: skip -->\n' },
    ]);

    const unchecked = byCode(diagnostics, 'unchecked');
    const more = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: BASIC_URI },
      range: unchecked.range,
      context: { diagnostics: [unchecked] },
    });
    // Declaring x, y, z ∈ ℝ would make `x + y = z` wrong (random reals): no such fix is offered.
    assert.ok(!more.some((a) => a.title.startsWith('Declare')), JSON.stringify(more.map((a) => a.title)));
    assert.ok(more.some((a) => a.title === 'Skip this math span'));
  });

  test('document symbols list the claims', async () => {
    const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: BASIC_URI },
    });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['✓ 2(3-1) + 3 - 2(1) = 5', '✗ 2 + 2 = 5', '? x + y = z'],
    );
  });

  test('inlay hints show the value of a computed side', async () => {
    const hints = await lsp.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: BASIC_URI },
      range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
    });
    const labels = hints.map((h) => [h.position.line, h.position.character, h.label]);
    // `2(3-1) + 3 - 2(1) = 5` already says 5: no `= 5` before the written `= 5`.
    assert.deepEqual(labels, [[4, 7, '= 4']]);
  });

  test('an edit re-checks the document', async () => {
    lsp.change(BASIC_URI, fixture('basic.md').replace('$$2 + 2 = 5$$', '$$2 + 2 = 4$$'));
    const p = await lsp.waitForDiagnostics(BASIC_URI, (x) => x.version === 2);
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      ['unchecked'],
    );
  });

  test('settings apply without restart: uncheckedSeverity', async () => {
    lsp.settings = { uncheckedSeverity: 'hint' };
    void lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    let p = await lsp.waitForDiagnostics(BASIC_URI, (x) => x.diagnostics[0]?.severity === HINT);
    assert.equal(p.diagnostics.length, 1);
    lsp.settings = { uncheckedSeverity: 'off' };
    void lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    p = await lsp.waitForDiagnostics(BASIC_URI, (x) => x.diagnostics.length === 0);
    lsp.settings = {};
    void lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    p = await lsp.waitForDiagnostics(BASIC_URI, (x) => x.diagnostics.length === 1);
    assert.equal(p.diagnostics[0].severity, INFORMATION);
  });

  test('typing fast: only the last version is reported', async () => {
    const text = fixture('basic.md');
    for (let i = 0; i < 10; i++) lsp.change(BASIC_URI, text.replace('$$2 + 2 = 5$$', `$$2 + ${i} = 5$$`));
    const last = lsp.version(BASIC_URI);
    const p = await lsp.waitForDiagnostics(BASIC_URI, (x) => x.version === last);
    assert.deepEqual(p.diagnostics.map((d) => d.code).sort(), ['refuted', 'unchecked']);
    assert.match(String(byCode(p.diagnostics, 'refuted').message), /left is 11/);
  });

  test('a syntax problem is a warning', async () => {
    const uri = 'file:///derivcheck-test/problem.md';
    lsp.open(uri, 'markdown', 'Unclosed $x + 1\n');
    const p = await lsp.waitForDiagnostics(uri);
    assert.ok(p.diagnostics.length >= 1);
    for (const d of p.diagnostics) assert.equal(d.severity, WARNING);
  });
});

describe('bindings', () => {
  let lsp: LspSession;
  const uri = 'file:///derivcheck-test/bindings.md';

  before(async () => {
    ensureBuilt();
    lsp = await LspSession.start();
    lsp.open(uri, 'markdown', fixture('bindings.md'));
    await lsp.waitForDiagnostics(uri);
  });
  after(async () => {
    await lsp?.stop();
  });

  test('go to definition of a symbol', async () => {
    // `b` in `$$b - a = a$$` (line 6) → its definition `b := 2a` (line 4).
    const loc = await lsp.request<Location | null>('textDocument/definition', {
      textDocument: { uri },
      position: { line: 6, character: 2 },
    });
    assert.ok(loc, 'a location');
    assert.equal(loc.uri, uri);
    assert.equal(loc.range.start.line, 4);
  });

  test('hover names the binding of the symbol', async () => {
    const h = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 6, character: 6 },
    });
    assert.ok(h);
    const value = (h.contents as MarkupContent).value;
    assert.match(value, /verified/);
    assert.match(value, /declaration/);
  });

  test('document symbols include bindings', async () => {
    const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('a'), JSON.stringify(names));
    assert.ok(names.includes('b'), JSON.stringify(names));
    assert.ok(
      names.some((n) => n.startsWith('✓ b - a = a')),
      JSON.stringify(names),
    );
  });
});

describe('Verify All', () => {
  let lsp: LspSession;
  let dir: string;

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'derivcheck-ws-'));
    writeFileSync(join(dir, 'a.md'), '# A\n\n$$2 + 2 = 5$$\n\n$$1 + 1 = 2$$\n');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'b.tex'), fixture('basic.tex'));
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'node_modules', 'ignored.md'), '$$1 = 2$$\n');
    writeFileSync(join(dir, 'notes.txt'), '$$1 = 2$$\n');
    lsp = await LspSession.start([pathToFileURL(dir).toString()]);
  });
  after(async () => {
    await lsp?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('checks every file of the workspace, publishes diagnostics and reports progress', async () => {
    const summary = await lsp.request('workspace/executeCommand', {
      command: 'derivcheck.verifyAll',
      arguments: [],
    });
    assert.deepEqual(summary, { files: 2, verified: 2, refuted: 1, unchecked: 0 });
    const a = await lsp.waitForDiagnostics(pathToFileURL(join(dir, 'a.md')).toString());
    assert.deepEqual(
      a.diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
      [['refuted', ERROR, 2]],
    );
    const b = await lsp.waitForDiagnostics(pathToFileURL(join(dir, 'sub', 'b.tex')).toString());
    assert.deepEqual(b.diagnostics, []);
    const kinds = lsp.progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.ok(kinds.includes('report'));
  });

  test('Verify File and Re-seed', async () => {
    const uri = pathToFileURL(join(dir, 'a.md')).toString();
    const summary = await lsp.request('workspace/executeCommand', {
      command: 'derivcheck.verifyFile',
      arguments: [uri],
    });
    assert.deepEqual(summary, { files: 1, verified: 1, refuted: 1, unchecked: 0 });
    const r = await lsp.request<{ seed: number }>('workspace/executeCommand', {
      command: 'derivcheck.reseed',
      arguments: [],
    });
    assert.equal(typeof r.seed, 'number');
  });
});

describe('inline math setting', () => {
  let lsp: LspSession;
  const uri = 'file:///derivcheck-test/inline.md';

  before(async () => {
    ensureBuilt();
    lsp = await LspSession.start();
  });
  after(async () => {
    await lsp?.stop();
  });

  test('inlineMath: false drops claims written in inline math, keeps displays', async () => {
    lsp.open(uri, 'markdown', 'Inline $2 + 2 = 5$ here.\n\n$$3 + 3 = 7$$\n');
    let p = await lsp.waitForDiagnostics(uri);
    assert.deepEqual(
      p.diagnostics.map((d) => d.range.start.line),
      [0, 2],
    );
    lsp.settings = { inlineMath: false };
    void lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    p = await lsp.waitForDiagnostics(uri, (x) => x.diagnostics.length === 1);
    assert.equal(p.diagnostics[0].range.start.line, 2);
  });
});

// Protocol tests for where derivations are written: notebook documents (notebookDocument/*
// notifications, Markdown cells checked together, diagnostics, hover and code lenses on each
// cell's URI), a LaTeX file read within its project, and Verify All over notebooks.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeLens, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { defaultCapabilities, ensureBuilt, LspSession } from './lspSession';
import type { ClaimsParams } from '../../server/src/lsp/protocol';

const NB = 'file:///derivcheck-test/nb.ipynb';
const cellUri = (i: number) => `vscode-notebook-cell:/derivcheck-test/nb.ipynb#cell${i}`;
const MARKUP = 1;
const CODE = 2;

function range(line: number, from: number, to: number) {
  return { start: { line, character: from }, end: { line, character: to } };
}

describe('notebooks and LaTeX projects over the protocol', () => {
  let lsp: LspSession;
  let dir = '';
  const claims = new Map<string, ClaimsParams>();

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'derivcheck-formats-lsp-'));
    lsp = await LspSession.start(
      [pathToFileURL(dir).toString()],
      { ...defaultCapabilities(), notebookDocument: { synchronization: { dynamicRegistration: false } } },
      { claimsNotification: true },
    );
    lsp.connection.onNotification('derivcheck/claims', (p: ClaimsParams) => {
      claims.set(p.uri, p);
    });
  });

  after(async () => {
    await lsp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the server offers notebook sync for Markdown cells', () => {
    assert.deepEqual(lsp.serverCapabilities.notebookDocumentSync, {
      notebookSelector: [{ notebook: '*', cells: [{ language: 'markdown' }] }],
    });
  });

  test(
    'a definition in cell 1 is known in cell 3; diagnostics land on the cell URI with the cell ' + 'range',
    async () => {
      const cells = [
        { uri: cellUri(1), text: 'Let $a \\in \\mathbb{R}$ and $b = 2a$.\n' },
        { uri: cellUri(2), text: 'print("$1 + 1 = 3$")' },
        { uri: cellUri(3), text: 'Then\n\n$$b - a = a$$\n\nand $$b - a = 2a$$\n' },
      ];
      void lsp.connection.sendNotification('notebookDocument/didOpen', {
        notebookDocument: {
          uri: NB,
          notebookType: 'jupyter-notebook',
          version: 1,
          cells: [
            { kind: MARKUP, document: cells[0].uri },
            { kind: CODE, document: cells[1].uri },
            { kind: MARKUP, document: cells[2].uri },
          ],
        },
        cellTextDocuments: cells.map((c, i) => ({
          uri: c.uri,
          languageId: i === 1 ? 'python' : 'markdown',
          version: 1,
          text: c.text,
        })),
      });
      const p = await lsp.waitForDiagnostics(cellUri(3));
      assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics));
      const d: Diagnostic = p.diagnostics[0];
      assert.equal(d.code, 'refuted');
      // `b - a = 2a` on line 4 of the cell, after `and $$`.
      assert.deepEqual(d.range, range(4, 6, 16));
      assert.equal(d.relatedInformation?.[0].location.uri, cellUri(3));
      // Cell 1 has nothing wrong: an empty list, on its own URI.
      assert.deepEqual((await lsp.waitForDiagnostics(cellUri(1))).diagnostics, []);
      // The code cell is never read.
      assert.equal(lsp.diagnostics.get(cellUri(2)), undefined);
    },
  );

  test('hover and code lenses answer in the cell', async () => {
    const h = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: cellUri(3) },
      position: { line: 2, character: 9 },
    });
    assert.ok(h, 'a hover over the claim in cell 3');
    assert.match((h.contents as MarkupContent).value, /verified/);
    assert.equal(h.range?.start.line, 2);
    // A name defined in another cell: the hover says where.
    const b = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: cellUri(3) },
      position: { line: 2, character: 2 },
    });
    assert.match(
      (b?.contents as MarkupContent | undefined)?.value ?? '',
      /`b` — definition \(an earlier cell, line 1\): `b = 2a`/,
    );
    const lenses = await lsp.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: cellUri(3) },
    });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [2, '✓ 1 verified'],
        [4, '✗ 1 refuted'],
      ],
    );
    const first = await lsp.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: cellUri(1) },
    });
    assert.deepEqual(first, []);
  });

  test('editing a cell re-checks the notebook: fixing the definition in cell 1 changes cell 3', async () => {
    void lsp.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: NB, version: 2 },
      change: {
        cells: {
          textContent: [
            {
              document: { uri: cellUri(1), version: 2 },
              changes: [{ text: 'Let $a \\in \\mathbb{R}$ and $b = 3a$.\n' }],
            },
          ],
        },
      },
    });
    const p = await lsp.waitForDiagnostics(
      cellUri(3),
      (x) =>
        x.diagnostics.length === 1 &&
        /b - a = a/.test(JSON.stringify(x.diagnostics)) === false &&
        x.diagnostics[0].range.start.line === 2,
    );
    assert.deepEqual(p.diagnostics[0].range, range(2, 2, 11));
    assert.equal(p.diagnostics[0].code, 'refuted');
  });

  test('closing the notebook clears its cells', async () => {
    void lsp.connection.sendNotification('notebookDocument/didClose', {
      notebookDocument: { uri: NB },
      cellTextDocuments: [{ uri: cellUri(1) }, { uri: cellUri(2) }, { uri: cellUri(3) }],
    });
    const p = await lsp.waitForDiagnostics(cellUri(3), (x) => x.diagnostics.length === 0);
    assert.deepEqual(p.diagnostics, []);
  });

  test(
    'a LaTeX file with % !TEX root is checked within its project; its diagnostics stay ' + 'in it',
    async () => {
      mkdirSync(join(dir, 'ch'), { recursive: true });
      writeFileSync(
        join(dir, 'main.tex'),
        '% derive: x \\in ' +
          '\\mathbb{R}\n\\begin{document}\n\\input{ch/one}\n\\input{ch/missing}\n\\end{document}\n',
      );
      const one = join(dir, 'ch', 'one.tex');
      const text = '% !TEX root = ../main.tex\n$y = 2x$ and $y - x = x$ but $y = x$.\n';
      writeFileSync(one, text);
      const uri = pathToFileURL(one).toString();
      lsp.open(uri, 'latex', text);
      const p = await lsp.waitForDiagnostics(uri);
      // x is declared in the root's preamble, so y - x = x is verified; y = x is not.
      assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics));
      assert.deepEqual(p.diagnostics[0].range.start, { line: 1, character: 30 });
      // The root's missing include is the root's business, not this file's.
      assert.ok(!JSON.stringify(p.diagnostics).includes('ch/missing'), JSON.stringify(p.diagnostics));
    },
  );

  test(
    'a LaTeX file without a root comment is read within an open file that includes it, and ' +
      're-read when that file opens',
    async () => {
      mkdirSync(join(dir, 'book', 'ch'), { recursive: true });
      const two = join(dir, 'book', 'ch', 'two.tex');
      const twoText = 'Twice: $$z + z = 3z$$\n';
      writeFileSync(two, twoText);
      const twoUri = pathToFileURL(two).toString();
      lsp.open(twoUri, 'latex', twoText);
      // On its own, z is unknown.
      const alone = await lsp.waitForDiagnostics(twoUri);
      assert.equal(alone.diagnostics[0]?.code, 'unchecked', JSON.stringify(alone.diagnostics));
      const rootText = '% derive: z \\in \\mathbb{R}\n\\begin{document}\n\\input{ch/two}\n\\end{document}\n';
      const root = join(dir, 'book', 'main.tex');
      writeFileSync(root, rootText);
      lsp.open(pathToFileURL(root).toString(), 'latex', rootText);
      const within = await lsp.waitForDiagnostics(twoUri, (p) =>
        p.diagnostics.some((d) => d.code === 'refuted'),
      );
      assert.deepEqual(
        within.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
        [['refuted', 0, 9]],
      );
    },
  );

  test(
    'Verify All includes notebooks that are not open, with diagnostics on the .ipynb at the ' + 'JSON lines',
    async () => {
      const nb = {
        cells: [
          { cell_type: 'markdown', metadata: {}, source: ['Let $n \\in \\mathbb{Z}$.'] },
          { cell_type: 'markdown', metadata: {}, source: ['$$n + n = 3n$$'] },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      };
      const file = join(dir, 'closed.ipynb');
      writeFileSync(file, JSON.stringify(nb, null, 1));
      const summary = await lsp.request<{ files: number; refuted: number }>('workspace/executeCommand', {
        command: 'derivcheck.verifyAll',
        arguments: [],
      });
      assert.ok(summary.refuted >= 1, JSON.stringify(summary));
      const uri = pathToFileURL(file).toString();
      const p = await lsp.waitForDiagnostics(uri, (x) => x.diagnostics.length > 0);
      const lines = JSON.stringify(nb, null, 1).split('\n');
      const d = p.diagnostics.find((x) => x.code === 'refuted')!;
      assert.match(lines[d.range.start.line].slice(d.range.start.character), /^n \+ n = 3n/);
    },
  );

  test(
    'the preview gets every claim of a Markdown document with its verdict and line ' + '(derivcheck/claims)',
    async () => {
      const uri = 'file:///derivcheck-test/preview.md';
      lsp.open(uri, 'markdown', 'Exact: $2 + 2 = 4$\n\n$$\n3 \\cdot 3 = 10\n$$\n');
      const p = await lsp.waitFor('claims of preview.md', () => claims.get(uri));
      assert.equal(p.version, 1);
      assert.deepEqual(
        p.claims.map((c) => [c.verdict, c.line]),
        [
          ['verified', 0],
          ['refuted', 3],
        ],
      );
      assert.match(p.claims[1].message, /^refuted: left is 9, right is 10/);
      // Notebook cells are not previewed through this: no claims for the notebook.
      assert.equal(claims.get(NB), undefined);
    },
  );
});

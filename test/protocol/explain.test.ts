// Refutations in the editor: the diagnosis and its quick fix, a short list of related
// information, and a hover whose sample is the counterexample's own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { ensureBuilt, LspSession, ROOT } from './lspSession';

const URI = 'file:///derivcheck-test/explain.md';
const TEXT = readFileSync(join(ROOT, 'test', 'protocol', 'fixtures', 'explain.md'), 'utf8');

function onLine(diags: Diagnostic[], line: number): Diagnostic {
  const d = diags.find((x) => x.range.start.line === line);
  assert.ok(d, `no diagnostic on line ${line + 1}: ${JSON.stringify(diags)}`);
  return d;
}

describe('explained refutations', () => {
  let lsp: LspSession;

  before(async () => {
    ensureBuilt();
    lsp = await LspSession.start();
    lsp.open(URI, 'markdown', TEXT);
  });

  after(async () => {
    await lsp?.stop();
  });

  test('the diagnosis leads the message; related information is a few short lines', async () => {
    const { diagnostics } = await lsp.waitForDiagnostics(URI);
    assert.equal(diagnostics.filter((d) => d.code === 'refuted').length, 2, JSON.stringify(diagnostics));
    const factor = onLine(diagnostics, 4);
    assert.match(
      String(factor.message),
      /^refuted: left is 0\.949 × right at every sample: the coefficient should be 3\.00/,
    );
    for (const d of diagnostics.filter((x) => x.code === 'refuted')) {
      const related = d.relatedInformation ?? [];
      assert.ok(related.length >= 2 && related.length <= 3, JSON.stringify(related));
      for (const r of related) assert.ok(r.message.length <= 80, r.message);
      assert.ok(related.some((r) => r.message.startsWith('left = ')));
      assert.ok(related.some((r) => r.message.startsWith('right = ')));
      assert.ok(
        related.some((r) => /^at .*n = \d/.test(r.message)),
        'the sample, on one line',
      );
    }
  });

  test(
    "the quick fix writes the corrected coefficient in the author's precision, and the claim " + 'then holds',
    async () => {
      const { diagnostics } = await lsp.waitForDiagnostics(URI);
      const factor = onLine(diagnostics, 4);
      const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: URI },
        range: factor.range,
        context: { diagnostics: [factor] },
      });
      const fix = actions.find((a) => a.title === 'Write the coefficient 3.00');
      assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(fix.isPreferred, true);
      const col = TEXT.split('\n')[4].indexOf('3.16');
      assert.deepEqual(fix.edit?.changes?.[URI], [
        {
          range: { start: { line: 4, character: col }, end: { line: 4, character: col + 4 } },
          newText: '3.00',
        },
      ]);
      lsp.change(URI, TEXT.replace('3.16', '3.00'));
      const p = await lsp.waitForDiagnostics(URI, (x) => x.version === 2);
      assert.deepEqual(
        p.diagnostics.filter((d) => d.code === 'refuted').map((d) => d.range.start.line),
        [6],
        'only the other refutation is left',
      );
    },
  );

  test("the hover shows the counterexample's own sample, and the verdict word once", async () => {
    const { diagnostics } = await lsp.waitForDiagnostics(URI, (x) => x.version === 2);
    const d = onLine(diagnostics, 6);
    const n = Number(/ at n = (\d)/.exec(String(d.message))?.[1]);
    assert.ok(n >= 2, String(d.message));
    const line = TEXT.split('\n')[6];
    const h = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 6, character: line.indexOf('x^\\top x') + 1 },
    });
    assert.ok(h);
    const value = (h.contents as MarkupContent).value;
    // `x` as a column of n rows: a table header, a rule and n rows before the next part.
    const table = value.slice(0, value.indexOf('\n\n---'));
    const lines = table.split('\n');
    const rows = lines
      .slice(lines.findIndex((l) => l.startsWith('|---')) + 1)
      .filter((l) => l.startsWith('|'));
    assert.equal(rows.length, n, value);
    // The same entries as the sample the message reports (`x = [-0.5379, -1.28]` in the details).
    const listed = /\n {2}x = \[([^\]]*)\]/.exec(value)?.[1].split(', ').map(Number);
    assert.ok(listed, value);
    rows.forEach((r, i) =>
      assert.ok(
        Math.abs(Number(r.replace(/\|/g, '')) - listed[i]) <= 1e-3 * Math.max(1, Math.abs(listed[i])),
        `${r} vs ${listed[i]}`,
      ),
    );
    assert.match(value, /✗ \*\*refuted\*\* — sides differ by/);
    assert.doesNotMatch(value, /refuted\*\* — refuted/);
  });

  test('an unknown name gets the declaration its use asks for, and a function gets none', async () => {
    const { diagnostics } = await lsp.waitForDiagnostics(URI, (x) => x.version === 2);
    const matrix = onLine(diagnostics, 8);
    assert.equal(String(matrix.message), 'unchecked: unknown name M');
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: matrix.range,
      context: { diagnostics: [matrix] },
    });
    const declare = actions.find((a) => a.title.startsWith('Declare'));
    assert.equal(declare?.title, 'Declare M ∈ ℝ^{n×n}');
    assert.deepEqual(declare?.edit?.changes?.[URI], [
      {
        range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } },
        newText: '<!-- derive: M \\in \\mathbb{R}^{n \\times n} -->\n',
      },
    ]);

    const fn = onLine(diagnostics, 10);
    const more = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: fn.range,
      context: { diagnostics: [fn] },
    });
    assert.ok(!more.some((a) => a.title.startsWith('Declare')), 'Ω ∈ ℝ would make Ω(0) a product');
    assert.ok(
      fn.relatedInformation?.some((r) => /applied to arguments/.test(r.message)),
      JSON.stringify(fn.relatedInformation),
    );
  });

  test('each check is logged: file, claims, verdicts, claims evaluated anew, time', async () => {
    await lsp.waitForDiagnostics(URI, (x) => x.version === 2);
    const line = lsp.log.find((l) => l.startsWith('checked explain.md: '));
    assert.ok(line, JSON.stringify(lsp.log));
    // The first check of the document evaluates all four claims.
    assert.match(
      line,
      /^checked explain\.md: 4 claims, 0 verified, 2 refuted, 2 unchecked \(4 re-checked\) in \d+ ms$/,
    );
    assert.ok(
      lsp.log.some((l) => /^ {2}explain\.md:5:\d+: refuted: left is 0\.949/.test(l)),
      'each refutation at the debug level',
    );
  });
});

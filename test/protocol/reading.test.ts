// A document that is slow to read must not hold the checker (issue 15, item 6). Opened beside a
// small one, the small one's diagnostics arrive first; changed or closed while it is being read,
// its worker stops at the next passage (cooperatively, keeping its caches) and is free for the
// other documents. The assertions are on what arrives and in which order; the only bound is a
// hang guard on the server's CPU time (a read that is not stopped costs minutes of it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ensureBuilt, LspSession } from './lspSession';

// Long quotes with no blank line, each after a paragraph of its own: each passage costs the
// parser a second or more, each is under the passage limit (so all would be read), and there
// are many.
const PASSAGE = `Quote:\n\n${'> quoted $x$\n'.repeat(Math.floor(50_000 / 13))}\n`;
// The last claim is refuted too: a publish with two refutations is the whole document's.
const SLOW = `$$2 + 2 = 5$$\n\n${PASSAGE.repeat(200)}\n$$7 + 1 = 9$$\n`;
const SMALL = '$$3 \\cdot 3 = 10$$\n';

/** The server's CPU time (all its threads), from /proc; 0 where there is none. */
function serverCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

for (const workers of [2, 1])
  describe(`reading is cancellable (${workers} workers)`, () => {
    let lsp: LspSession;
    const published: PublishDiagnosticsParams[] = [];

    before(async () => {
      ensureBuilt();
      lsp = await LspSession.start();
      // With one worker, without cancellation, every other document would wait for the slow read.
      lsp.settings = { maxWorkers: workers };
      await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      lsp.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
        published.push(p);
      });
    });

    after(async () => {
      await lsp?.stop();
    });

    /** Wait for `get`, failing if the server spends more than `guardMs` of CPU on the way. */
    async function within<T>(what: string, get: () => T | undefined, guardMs = 45_000): Promise<T> {
      const cpu0 = serverCpuMs(lsp.proc.pid!);
      return lsp.waitFor(
        what,
        () => {
          const used = serverCpuMs(lsp.proc.pid!) - cpu0;
          if (used > guardMs) throw new Error(`${what}: the server spent ${used} ms of CPU without it`);
          return get();
        },
        600_000,
      );
    }

    const wholeChecks = (ps: PublishDiagnosticsParams[]) =>
      ps.filter((p) => p.diagnostics.filter((d) => d.code === 'refuted').length === 2).length;

    if (workers === 2)
      test('a slow document opened first: the small one opened after it is published before it', async () => {
        const slow = 'file:///derivcheck-test/slow-order.md';
        const small = 'file:///derivcheck-test/small-order.md';
        const from = published.length;
        const of = (uri: string) => published.slice(from).filter((p) => p.uri === uri);
        lsp.open(slow, 'markdown', SLOW);
        lsp.open(small, 'markdown', SMALL);
        const done = await within('the small document’s diagnostics', () => of(small)[0]);
        assert.deepEqual(
          done.diagnostics.map((d) => d.code),
          ['refuted'],
        );
        // At most the slow one's top (one refutation) came before: never its whole (two).
        assert.equal(wholeChecks(of(slow)), 0, JSON.stringify(of(slow).map((p) => p.diagnostics.length)));
        void lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: slow } });
        void lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: small } });
        // Closing clears its diagnostics; its whole check is never published.
        await within('the slow document cleared', () => {
          const ps = of(slow);
          return ps.length > 0 && ps[ps.length - 1].diagnostics.length === 0 ? true : undefined;
        });
        assert.equal(wholeChecks(of(slow)), 0);
      });

    if (workers === 1)
      for (const how of ['changed', 'closed'] as const) {
        test(`a slow document ${how} while it is read frees the worker for the others`, async () => {
          const slow = `file:///derivcheck-test/slow-${how}.md`;
          const other = `file:///derivcheck-test/other-${how}.md`;
          const from = published.length;
          const of = (uri: string) => published.slice(from).filter((p) => p.uri === uri);
          lsp.open(slow, 'markdown', SLOW);
          // Its top is checked first and published; the whole document is being read after that.
          await within('the slow document’s top', () => of(slow)[0]);
          if (how === 'changed') lsp.change(slow, '$$1 + 1 = 3$$\n');
          else void lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: slow } });
          lsp.open(other, 'markdown', SMALL);
          const done = await within('the other document’s diagnostics', () => of(other)[0]);
          assert.deepEqual(
            done.diagnostics.map((d) => d.code),
            ['refuted'],
          );
          // The slow version's whole check never published: after its top, only the new version
          // (or, once closed, the clearing) arrives.
          const last = await within(`the ${how} document’s diagnostics`, () => {
            const ps = of(slow);
            return ps.length > 1 ? ps[ps.length - 1] : undefined;
          });
          const versions = of(slow).map((p) => p.version);
          assert.equal(versions.filter((v) => v === 1).length, 1, `publishes: ${JSON.stringify(versions)}`);
          if (how === 'changed') {
            assert.equal(last.version, 2);
            assert.deepEqual(
              last.diagnostics.map((d) => d.code),
              ['refuted'],
            );
          } else assert.deepEqual(last.diagnostics, []);
          // The worker stopped by itself between passages: the last-resort termination never ran.
          assert.deepEqual(
            lsp.log.filter((m) => /did not stop within/.test(m)),
            [],
          );
        });
      }
  });

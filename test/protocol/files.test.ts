// The server on files that bite (issue 15 items 9-10): Verify All walks link loops once and
// passes over FIFOs, says which files it did not check and why, and checks every file of a
// large workspace; Verify File on a FIFO answers with an error, and the server still exits on
// shutdown + exit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { findDerivationFiles } from '../../server/src/lsp/workspace';
import { ensureBuilt, LspSession } from './lspSession';

describe('Verify All and Verify File on files that bite', () => {
  let lsp: LspSession;
  let dir: string;

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'derivcheck-bite-'));
    writeFileSync(join(dir, 'a.md'), '$$2 + 2 = 5$$\n');
    symlinkSync('.', join(dir, 'x'));
    symlinkSync('.', join(dir, 'y'));
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    writeFileSync(join(dir, 'big.md'), '');
    truncateSync(join(dir, 'big.md'), 100 * 1024 * 1024);
    lsp = await LspSession.start([pathToFileURL(dir).toString()]);
  });
  after(async () => {
    await lsp?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('Verify All: each file once, FIFOs passed over, files not checked counted with the reason', {
    timeout: 120_000,
  }, async () => {
    const summary = await lsp.request<Record<string, unknown>>('workspace/executeCommand', {
      command: 'derivcheck.verifyAll',
      arguments: [],
    });
    assert.equal(summary.files, 1);
    assert.equal(summary.refuted, 1);
    assert.equal(summary.notChecked, 1);
    assert.match(
      (summary.notCheckedReasons as string[])[0],
      /big\.md: file too large \(100 MB; limit 16 MB\)/,
    );
    assert.ok(
      lsp.log.some((l) => /pipe\.md: skipped, it is a named pipe \(FIFO\)/.test(l)),
      lsp.log.join('\n'),
    );
  });

  test('Verify File on a FIFO answers with an error, and the server exits on shutdown + exit', {
    timeout: 120_000,
  }, async () => {
    const uri = pathToFileURL(join(dir, 'pipe.md')).toString();
    await assert.rejects(
      lsp.request('workspace/executeCommand', { command: 'derivcheck.verifyFile', arguments: [uri] }),
      /pipe\.md: skipped, it is a named pipe \(FIFO\), not a regular file/,
    );
    const exited = new Promise<number | null>((resolve) => lsp.proc.once('exit', (code) => resolve(code)));
    await lsp.request('shutdown', null);
    void lsp.connection.sendNotification('exit');
    const code = await Promise.race([
      exited,
      new Promise<string>((r) => setTimeout(() => r('still running'), 10_000)),
    ]);
    assert.equal(code, 0);
  });
});

describe('Verify All over many files', () => {
  let lsp: LspSession;
  let dir: string;
  const N = 5003;

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'derivcheck-many-'));
    for (let i = 0; i < N - 1; i++)
      writeFileSync(join(dir, `f${String(i).padStart(5, '0')}.md`), 'No math here.\n');
    writeFileSync(join(dir, 'z-last.md'), '$$2 + 2 = 5$$\n');
    lsp = await LspSession.start([pathToFileURL(dir).toString()]);
  });
  after(async () => {
    await lsp?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('every file is checked, the last one too (the old walker stopped at 5,000 in silence)', {
    timeout: 300_000,
  }, async () => {
    const summary = await lsp.request<Record<string, unknown>>('workspace/executeCommand', {
      command: 'derivcheck.verifyAll',
      arguments: [],
    });
    assert.deepEqual(summary, { files: N, verified: 0, refuted: 1, unchecked: 0 });
  });

  test('past the limit, the finder counts what it left out', { timeout: 120_000 }, async () => {
    const found = await findDerivationFiles([pathToFileURL(dir).toString()], 100);
    assert.equal(found.uris.length, 100);
    assert.equal(found.leftOut, N - 100);
  });
});

describe('suppression comments in the editor', () => {
  let lsp: LspSession;

  before(async () => {
    ensureBuilt();
    lsp = await LspSession.start();
  });
  after(async () => {
    await lsp?.stop();
  });

  test('a derive-disable-next-line comment silences the next line only, as in the CLI', {
    timeout: 120_000,
  }, async () => {
    const uri = 'file:///derivcheck-test/suppressed.md';
    lsp.open(
      uri,
      'markdown',
      '<!-- derive-disable-next-line refuted -->\n$2 + 2 = 5$\n\n$3 + 3 = 7$\n\n<!-- ' +
        'derive-disable-next-line -->\nBroken $\\frac{1}{2$\n',
    );
    const p = await lsp.waitForDiagnostics(uri, (d) => d.version === lsp.version(uri));
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, d.range.start.line]),
      [['refuted', 3]],
    );
    const summary = await lsp.request('workspace/executeCommand', {
      command: 'derivcheck.verifyFile',
      arguments: [uri],
    });
    assert.deepEqual(summary, { files: 1, verified: 0, refuted: 1, unchecked: 0 });
  });
});

// Start-up (issue #11): the first worker starts loading the checker before the server's thread
// loads the rest of the server; that thread answers the editor and never loads the checker;
// every check, the first screen's too, runs on the worker, so the first diagnostics cannot come
// before the worker is ready. Without a worker script (a build missing it) the server still
// checks, in its own thread.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { ensureBuilt, LspSession, SERVER } from './lspSession';

const URI = 'file:///startup/long.md';
const MARK = 'derivcheck-test: the checker was loaded in this thread';

function section(i: number): string {
  return String.raw`## ${i}. A layer

Let $W \in \mathbb{R}^{m \times n}$ and $x \in \mathbb{R}^{n}$.

$$(W x)^\top = x^\top W^\top$$

A count: $$${i} + 1 = ${i % 4 === 0 ? i + 2 : i + 1}$$
`;
}

const TEXT = Array.from({ length: 60 }, (_, i) => section(i + 1)).join('\n');

/** The modules a bundle was made of, from the `// path` lines esbuild writes before each. */
/** The project's modules in a bundle, from its source map (a minified bundle has no path comments). */
function bundledModules(file: string): string[] {
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  const modules = map.sources
    .map((s) => s.replace(/^(\.\.\/)+/, ''))
    .filter((s) => s.startsWith('server/src/'));
  assert.ok(modules.length > 0, `no project module in ${file}.map`);
  return modules;
}

/** Server steps of the start-up log line, in the order they happened. */
function startupSteps(log: string[]): string[] {
  const line = log.find((l) => l.startsWith('start-up (server):'));
  assert.ok(line, `no start-up line in ${JSON.stringify(log)}`);
  return line
    .replace(/^start-up \(server\): /, '')
    .replace(/ \(ms since.*$/, '')
    .split(', ')
    .map((s) => s.replace(/ \d+$/, ''));
}

async function openAndWait(lsp: LspSession): Promise<PublishDiagnosticsParams[]> {
  const published: PublishDiagnosticsParams[] = [];
  let done: StatusParams | undefined;
  lsp.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    if (p.uri === URI) published.push(p);
  });
  lsp.connection.onNotification('derivcheck/status', (p: StatusParams) => {
    if (p.uri === URI && p.state === 'done') done = p;
  });
  lsp.open(URI, 'markdown', TEXT);
  await lsp.waitFor('the whole check', () => done, 60_000);
  await lsp.waitFor('the start-up line', () => lsp.log.find((l) => l.startsWith('start-up (server):')));
  return published;
}

describe('start-up: the checker runs on the worker only', () => {
  let lsp: LspSession;
  let stderr = '';
  let published: PublishDiagnosticsParams[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-startup-'));
  const savedOptions = process.env.NODE_OPTIONS;

  before(async () => {
    ensureBuilt();
    // A preload that says when anything loads the in-process checker (dist/inProcessCheck.js).
    const preload = join(dir, 'watch-checker.cjs');
    writeFileSync(
      preload,
      `const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/inProcessCheck/.test(request)) process.stderr.write(${JSON.stringify(`${MARK}\n`)});
  return load.call(this, request, ...rest);
};
`,
    );
    process.env.NODE_OPTIONS = `${savedOptions ?? ''} --require ${preload}`.trim();
    try {
      lsp = await LspSession.start([], undefined, { statusNotification: true });
    } finally {
      if (savedOptions === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = savedOptions;
    }
    lsp.proc.stderr!.on('data', (d: Buffer) => {
      stderr += d;
    });
    published = await openAndWait(lsp);
  });

  after(async () => {
    await lsp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the server bundle leaves the checker out; the worker and the fallback have it', () => {
    const server = bundledModules(SERVER);
    const checker = [
      'server/src/check/claim.ts',
      'server/src/math/parser.ts',
      'server/src/check/document.ts',
      'server/src/check/values.ts',
    ];
    for (const m of checker) assert.ok(!server.includes(m), `dist/server.js bundles ${m}`);
    // Nor any notation's compiler: they register themselves when loaded (check/compile/table.ts),
    // so a bundler keeps them whenever anything imports a module that imports them.
    const compilers = server.filter((m) => m.startsWith('server/src/check/compile/'));
    assert.deepEqual(compilers, [], 'dist/server.js bundles the compilers');
    // The editor features it does need are there.
    assert.ok(server.includes('server/src/lsp/hover.ts'));
    for (const other of ['checker-core.js', 'inProcessCheck.js']) {
      const modules = bundledModules(join(SERVER, '..', other));
      for (const m of checker) assert.ok(modules.includes(m), `dist/${other} lacks ${m}`);
    }
  });

  test('the worker starts loading before the server has loaded the LSP library', () => {
    const steps = startupSteps(lsp.log);
    const started = steps.indexOf('worker started');
    assert.ok(started >= 0 && started < steps.indexOf('loaded'), steps.join(', '));
  });

  test('the first screen is published first, and only after the worker was ready', () => {
    assert.ok(published.length >= 2, `publishes: ${published.length}`);
    const steps = startupSteps(lsp.log);
    const ready = steps.indexOf('worker ready');
    const first = steps.indexOf('first diagnostics');
    assert.ok(ready >= 0 && first >= 0, steps.join(', '));
    assert.ok(ready < first, `worker ready after the first diagnostics: ${steps.join(', ')}`);
  });

  test('the server thread never loaded the checker', () => {
    assert.ok(!stderr.includes(MARK), stderr);
  });
});

describe('start-up: a build without the worker script checks in the server thread', () => {
  let lsp: LspSession;
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-noworker-'));

  before(async () => {
    ensureBuilt();
    for (const f of ['server.js', 'inProcessCheck.js']) copyFileSync(join(SERVER, '..', f), join(dir, f));
    lsp = await LspSession.start([], undefined, { statusNotification: true }, join(dir, 'server.js'));
  });

  after(async () => {
    await lsp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the document gets its verdicts', async () => {
    const published = await openAndWait(lsp);
    const whole = published[published.length - 1];
    // Every fourth count is refuted on purpose.
    assert.equal(whole.diagnostics.filter((d) => d.severity === 1).length, 15);
    await lsp.waitFor('the ready line', () => lsp.log.find((l) => l.includes('server ready')));
    assert.ok(
      lsp.log.some((l) => l.includes('slot (in-process)')),
      lsp.log.join('\n'),
    );
  });
});

describe('start-up: with the Node flags the extension passes', () => {
  let lsp: LspSession;
  // package.json's derivcheckServer.execArgv: the extension starts the server with them, and the
  // benchmarks measure it so (bench/lsp.mjs). A flag this Node rejects would stop the server.
  const execArgv = (
    JSON.parse(readFileSync(join(SERVER, '..', '..', 'package.json'), 'utf8')) as {
      derivcheckServer?: { execArgv?: string[] };
    }
  ).derivcheckServer?.execArgv;

  before(async () => {
    ensureBuilt();
    lsp = await LspSession.start([], undefined, { statusNotification: true }, SERVER, execArgv ?? []);
  });

  after(async () => {
    await lsp.stop();
  });

  test('the flags are listed, the server starts with them and the document gets its verdicts', async () => {
    assert.ok(execArgv?.length, 'package.json lists no derivcheckServer.execArgv');
    const published = await openAndWait(lsp);
    const whole = published[published.length - 1];
    assert.equal(whole.diagnostics.filter((d) => d.severity === 1).length, 15);
  });
});

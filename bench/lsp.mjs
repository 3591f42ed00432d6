// Section 3 (and the edit half of section 5): the language server over stdio, driven like an
// editor would: open a generated document, make one-line edits, hover. Latencies are measured in
// this (client) process from sending a message to receiving the answer.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, median, now, quantile } from './common.mjs';
import { editedLine, generateDocument } from './gen.mjs';

const require = createRequire(import.meta.url);
const {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
} = require('vscode-jsonrpc/node');

/** `DERIVCHECK_BENCH_DIST=DIR`: another build's `dist/` (compare two builds at the same load). */
export const SERVER = join(process.env.DERIVCHECK_BENCH_DIST ?? join(ROOT, 'dist'), 'server.js');
/** The server waits this long after a change before checking (DEBOUNCE_MS in languageServer.ts). */
export const DEBOUNCE_MS = Number(
  /const DEBOUNCE_MS = (\d+)/.exec(
    readFileSync(new URL('../server/src/lsp/languageServer.ts', import.meta.url), 'utf8'),
  )?.[1] ?? 150,
);

function memory(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return {
      hwmMB: kb('VmHWM') / 1024,
      rssMB: kb('VmRSS') / 1024,
      threads: Number(/^Threads:\s+(\d+)/m.exec(s)?.[1]),
    };
  } catch {
    return { hwmMB: NaN, rssMB: NaN, threads: NaN };
  }
}

/** The requests a server sends its client, answered as an editor with default settings would. */
export function answerServerRequests(conn) {
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onRequest('workspace/inlayHint/refresh', () => null);
}

/**
 * The Node flags the extension starts the server with (package.json's derivcheckServer);
 * `DERIVCHECK_BENCH_FLAGS="--a --b"` replaces them (compare two sets of flags at the same load; give
 * each its own copy of dist/, `DERIVCHECK_BENCH_DIST`: V8 refuses a code cache written under other
 * flags, and the worker then starts cold and writes it again).
 */
export const SERVER_FLAGS =
  process.env.DERIVCHECK_BENCH_FLAGS !== undefined
    ? process.env.DERIVCHECK_BENCH_FLAGS.split(/\s+/).filter(Boolean)
    : (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).derivcheckServer?.execArgv ?? []);

/**
 * The variables the extension adds to the server's environment (package.json's derivcheckServer.env);
 * `DERIVCHECK_BENCH_ENV="A=1 B=2"` replaces them, and `DERIVCHECK_BENCH_ENV=` (empty) adds none.
 */
export const SERVER_ENV =
  process.env.DERIVCHECK_BENCH_ENV !== undefined
    ? Object.fromEntries(
        process.env.DERIVCHECK_BENCH_ENV.split(/\s+/)
          .filter(Boolean)
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      )
    : (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).derivcheckServer?.env ?? {});

/** `ipc`: over Node's IPC channel (`--node-ipc`, the transport the VS Code client uses) instead of stdio. */
export async function startServer(nodeArgs, { ipc = false } = {}) {
  const proc = spawn(
    process.execPath,
    [...SERVER_FLAGS, ...nodeArgs, SERVER, ipc ? '--node-ipc' : '--stdio'],
    {
      stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
      cwd: ROOT,
      env: { ...process.env, ...SERVER_ENV },
    },
  );
  let stderr = '';
  proc.stderr.on('data', (d) => {
    stderr += d;
  });
  const conn = ipc
    ? createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc))
    : createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiters = [];
  const doneWaiters = [];
  /** Resolves, with the arrival time, the waiters of `list` that notification `p` satisfies. */
  const deliver = (list, p) => {
    const t = now();
    for (const w of [...list])
      if (w.ok(p)) {
        list.splice(list.indexOf(w), 1);
        w.resolve({ p, t });
      }
  };
  // The whole document checked (a long document's first publish is its first screen only).
  conn.onNotification('derivcheck/status', (p) => {
    if (p.state === 'done' || p.state === 'failed') deliver(doneWaiters, p);
  });
  conn.onNotification('textDocument/publishDiagnostics', (p) => deliver(waiters, p));
  conn.onNotification('window/logMessage', () => {});
  conn.onNotification('$/progress', () => {});
  answerServerRequests(conn);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [],
    initializationOptions: { statusNotification: true },
    capabilities: {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        codeLens: { refreshSupport: true },
        inlayHint: { refreshSupport: true },
      },
      window: { workDoneProgress: true },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
  });
  await conn.sendNotification('initialized', {});
  const waitFor =
    (list, what) =>
    (uri, version, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no ${what} for ${uri} v${version} after ${timeoutMs} ms; stderr: ${stderr.slice(-500)}`,
              ),
            ),
          timeoutMs,
        );
        list.push({
          ok: (p) => p.uri === uri && p.version === version,
          resolve: (x) => {
            clearTimeout(timer);
            resolve(x);
          },
        });
      });
  /** Resolves at the first `publishDiagnostics` of that version (a first screen counts). */
  const diagnostics = waitFor(waiters, 'diagnostics');
  /** Resolves when that version is checked whole (`derivcheck/status` done or failed). */
  const checked = waitFor(doneWaiters, 'checked status');
  const stop = async () => {
    try {
      await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await conn.sendNotification('exit');
    } catch {
      /* gone */
    }
    await new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        proc.kill();
        resolve();
      }, 5000);
      proc.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    conn.dispose();
  };
  return { proc, conn, diagnostics, checked, stop };
}

/**
 * One server session on a generated document of `claims` claims: time to first diagnostics,
 * `edits` one-line edits (each waits for the diagnostics of its version), `hovers` hovers.
 */
/**
 * Edits one line of an open document (the k-th edit of `editedLine`) and waits for the
 * diagnostics of that version: the milliseconds from the change to them.
 */
export async function editLine(s, uri, version, lines, line, k) {
  const old = lines[line];
  const next = editedLine(old, k);
  lines[line] = next;
  const got = s.checked(uri, version);
  const t0 = now();
  await s.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [
      { range: { start: { line, character: 0 }, end: { line, character: old.length } }, text: next },
    ],
  });
  const { t } = await got;
  return t - t0;
}

export async function lspSession({ claims, edits, hovers = 0, nodeArgs = [] }) {
  const doc = generateDocument(claims);
  const uri = `file:///bench/generated-${claims}.md`;
  const spawnedAt = now();
  const s = await startServer(nodeArgs);
  const initializedAt = now();
  try {
    // The idle server (main thread + its checker worker, no document yet), for comparison.
    await new Promise((r) => setTimeout(r, 500));
    const idle = memory(s.proc.pid);
    const openedAt = now();
    const first = s.diagnostics(uri, 1);
    await s.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: doc.text },
    });
    const { p: firstDiag, t: firstAt } = await first;
    // Edits start on a document checked whole, as an author's would be.
    const { t: checkedAt } = await s.checked(uri, 1);

    const lines = doc.text.split('\n');
    const editMs = [];
    let version = 1;
    for (let k = 0; k < edits; k++) {
      // Spread the edits over the document: line k·(stride) of the arithmetic claims.
      const line =
        doc.editLines[Math.floor(((k + 0.5) * doc.editLines.length) / edits) % doc.editLines.length];
      version++;
      editMs.push(await editLine(s, uri, version, lines, line, k));
      // An author's pause: a change after a quiet moment starts its check at once, so each edit
      // measures the server's own latency (a change sooner than the debounce would wait for it).
      await new Promise((r) => setTimeout(r, DEBOUNCE_MS));
    }

    const hoverMs = [];
    let hoverHits = 0;
    for (let k = 0; k < hovers; k++) {
      const position = doc.hovers[Math.floor(((k + 0.5) * doc.hovers.length) / hovers) % doc.hovers.length];
      const t0 = now();
      const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position });
      hoverMs.push(now() - t0);
      if (h?.contents) hoverHits++;
    }
    const mem = memory(s.proc.pid);
    return {
      claims: doc.sections * 10,
      bytes: doc.text.length,
      startupMs: initializedAt - spawnedAt,
      firstDiagnosticsMs: firstAt - openedAt,
      checkedMs: checkedAt - openedAt,
      firstDiagnosticsFromSpawnMs: firstAt - spawnedAt,
      diagnosticsCount: firstDiag.diagnostics.length,
      edits: editMs.length,
      editP50Ms: median(editMs),
      editP95Ms: quantile(editMs, 0.95),
      editMs,
      hovers: hoverMs.length,
      hoverHits,
      hoverP50Ms: median(hoverMs),
      hoverP95Ms: quantile(hoverMs, 0.95),
      idleRssMB: idle.rssMB,
      peakRssMB: mem.hwmMB,
      rssMB: mem.rssMB,
      threads: mem.threads,
    };
  } finally {
    await s.stop();
  }
}

/**
 * Start-up as an editor sees it: spawn the server, initialize, open a real sample right away
 * (no idle wait, so the checker worker starts while the client talks), and wait for its first
 * diagnostics. The workbench adds the extension's activation and the client's start to this.
 */
export async function startupSession({ file, nodeArgs = [] }) {
  const uri = `file://${file}`;
  const spawnedAt = now();
  const s = await startServer(nodeArgs);
  try {
    const first = s.diagnostics(uri, 1);
    await s.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(file, 'utf8') },
    });
    const { p, t } = await first;
    return { file, spawnToFirstDiagnosticsMs: t - spawnedAt, diagnostics: p.diagnostics.length };
  } finally {
    await s.stop();
  }
}

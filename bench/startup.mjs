// The language server's start-up (issue #11 item 8), measured as structure and CPU rather than
// wall time alone (the machines are shared): `node bench/startup.mjs [--repeat N] [DIST_ROOT]`
// starts `node dist/server.js --stdio` N times (default 5), initializes it, opens the sample the
// workbench suite opens, and reports per run the server's own start-up line, the CPU time of the
// server process (all its threads, from /proc) at `initialize`, at the first publish and when
// the document is checked whole, its thread count, and the sizes of the bundles. DIST_ROOT is a
// checkout whose dist/ to measure (default this one), to compare two builds at the same load.
// Linux only (/proc). Run `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, ROOT } from './common.mjs';
import { answerServerRequests } from './lsp.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const args = process.argv.slice(2);
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 5;
const root = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--repeat') ?? ROOT;
const SAMPLE = join(ROOT, 'samples', 'residual-upsampling-dropout.md');

/** CPU milliseconds of the process so far (every thread) and its thread count. */
function usage(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const tick = 10; // USER_HZ is 100 on Linux
  return {
    cpuMs: (Number(fields[11]) + Number(fields[12])) * tick,
    threads: Number(/^Threads:\s+(\d+)/m.exec(status)[1]),
  };
}

async function once() {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const conn = createMessageConnection(
    new StreamMessageReader(proc.stdout),
    new StreamMessageWriter(proc.stdin),
  );
  let first = null;
  let line = null;
  let whole;
  const checked = new Promise((resolve) => {
    whole = resolve;
  });
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    first ??= { ms: performance.now() - t0, shown: p.diagnostics.length, ...usage(proc.pid) };
  });
  conn.onNotification('window/logMessage', (p) => {
    if (!p.message.startsWith('start-up (server):')) return;
    line = p.message;
    whole({ ms: performance.now() - t0, ...usage(proc.pid) });
  });
  answerServerRequests(conn);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
  });
  const init = { ms: performance.now() - t0, ...usage(proc.pid) };
  conn.sendNotification('initialized', {});
  conn.sendNotification('textDocument/didOpen', {
    textDocument: {
      uri: pathToFileURL(SAMPLE).href,
      languageId: 'markdown',
      version: 1,
      text: readFileSync(SAMPLE, 'utf8'),
    },
  });
  const done = await checked;
  await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
  conn.sendNotification('exit');
  setTimeout(() => proc.kill(), 500);
  return { init, first, done, line };
}

// checker-core.js (the checker, which check-worker.js loads with a code cache) is absent from
// checkouts older than that split.
const kb = (f) =>
  existsSync(join(root, 'dist', f)) ? `${Math.round(statSync(join(root, 'dist', f)).size / 1024)} KB` : '—';
console.log(
  `bundles in ${root}/dist: server.js ${kb('server.js')}, check-worker.js ${kb('check-worker.js')}, ` +
    `checker-core.js ${kb('checker-core.js')}, extension.js ${kb('extension.js')}`,
);
const runs = [];
for (let i = 0; i < repeat; i++) {
  const r = await once();
  runs.push(r);
  const f = (x) => `${Math.round(x.ms)} ms (CPU ${x.cpuMs} ms, ${x.threads} threads)`;
  console.log(
    `run ${i + 1}: initialize ${f(r.init)}; first publish ${f(r.first)} with ${r.first.shown} ` +
      `diagnostics; checked ${f(r.done)}\n  ${r.line}`,
  );
}
const med = (pick) => Math.round(median(runs.map(pick)));
console.log(
  `median of ${repeat}: initialize ${med((r) => r.init.ms)} ms, ` +
    `first publish ${med((r) => r.first.ms)} ms, ` +
    `checked ${med((r) => r.done.ms)} ms; CPU until checked ${med((r) => r.done.cpuMs)} ms; ` +
    `load average ${loadavg()[0].toFixed(1)}`,
);

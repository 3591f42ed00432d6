// §5's edit over the language server, one size, with the server's CPU per edit: a fresh server
// (`node dist/server.js --stdio`) opens a generated document (gen.mjs), waits for it checked whole,
// then makes one-line edits of arithmetic claims spread over the document as lsp.mjs makes them,
// each waiting for its version checked whole, DEBOUNCE_MS apart. Prints the wall p50 / p95 and the
// CPU per edit of the server process (all threads) and of its main thread, from /proc (Linux).
// `--prof DIR`: the server under --cpu-prof (a profile per thread, bench/profile.mjs reads them).
// `DERIVCHECK_BENCH_DIST=DIR` runs another build's server (lsp.mjs), to compare at the same load.
//   node bench/gen-lsp.mjs 2000 [--edits 40] [--prof DIR]
import { readdirSync, readFileSync } from 'node:fs';
import { median, numberOption, quantile } from './common.mjs';
import { generateDocument } from './gen.mjs';
import { DEBOUNCE_MS, editLine, startServer } from './lsp.mjs';

const args = process.argv.slice(2);
const claims = Number(args[0] ?? 2000);
const edits = numberOption(args, '--edits', 40);
const profDir = args.includes('--prof') ? args[args.indexOf('--prof') + 1] : null;

function cpuMs(pid, thread) {
  const file = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
  const f = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** CPU of each thread of the process so far, by name (/proc/PID/task/TID/comm; unnamed ones by id), in ms. */
function threadsMs(pid) {
  const out = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
    const name = tid === String(pid) ? 'main' : comm === 'node' ? `thread ${tid}` : comm;
    out[name] = (out[name] ?? 0) + cpuMs(pid, tid);
  }
  return out;
}

const doc = generateDocument(claims);
const uri = `file:///bench/generated-${claims}.md`;
const s = await startServer(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
try {
  await s.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'markdown', version: 1, text: doc.text },
  });
  await s.checked(uri, 1);
  const lines = doc.text.split('\n');
  const ms = [];
  let version = 1;
  let cpu0 = 0;
  let main0 = 0;
  let threads0 = {};
  const warm = 4;
  for (let k = 0; k < warm + edits; k++) {
    if (k === warm) {
      cpu0 = cpuMs(s.proc.pid);
      main0 = cpuMs(s.proc.pid, s.proc.pid);
      threads0 = threadsMs(s.proc.pid);
      // The profiles' clock (CLOCK_MONOTONIC, µs): bench/profile.mjs --after cuts the edits out.
      if (profDir) console.log(`edits from ${process.hrtime.bigint() / 1000n} µs`);
    }
    const n = doc.editLines.length;
    const line = doc.editLines[Math.floor(((k + 0.5) * n) / (warm + edits)) % n];
    version++;
    const took = await editLine(s, uri, version, lines, line, k);
    if (k >= warm) ms.push(took);
    await new Promise((r) => setTimeout(r, DEBOUNCE_MS));
  }
  const cpu = (cpuMs(s.proc.pid) - cpu0) / edits;
  const main = (cpuMs(s.proc.pid, s.proc.pid) - main0) / edits;
  const threads = Object.entries(threadsMs(s.proc.pid))
    .map(([name, ms]) => [name, (ms - (threads0[name] ?? 0)) / edits])
    .filter(([, ms]) => ms > 0)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`);
  console.log(
    `${claims} claims (generated), ${edits} edits: wall p50 ${median(ms).toFixed(1)} / p95 ` +
      `${quantile(ms, 0.95).toFixed(1)} ms; server CPU per edit ${cpu.toFixed(1)} ms (main thread ` +
      `${main.toFixed(1)} ms); by thread: ${threads.join(', ')}`,
  );
} finally {
  await s.stop();
}

// The server's memory over many edits (issue #14, session 28): a fresh `node dist/server.js --stdio`
// opens a held-out style document (bench/realistic.mjs), waits for it checked whole, then makes the
// §6 edit (a count claim near the middle made right and wrong in turn) N times, each waiting for its
// version checked whole, 30 ms apart. Prints the server's resident memory (VmRSS) and its peak
// (VmHWM) after the whole check and after chosen edits, and the server's CPU per edit.
// `--moving`: §6's moving edits near the top instead (a blank line, a word: every claim below moves).
//   node bench/rss-edits.mjs [CLAIMS=4000] [--edits 80] [--at 1,8,20,40,80] [--moving]
// DERIVCHECK_BENCH_DIST / DERIVCHECK_BENCH_FLAGS choose another build's dist/ and flags (bench/lsp.mjs);
// SMAPS=PREFIX writes the server's /proc/PID/smaps after the whole check (PREFIX-0) and those edits.
import { readFileSync, writeFileSync } from 'node:fs';
import { numberOption } from './common.mjs';
import { cpuMs, middleCounts, movingNearTop, peakRssMB } from './incremental.mjs';
import { startServer } from './lsp.mjs';
import { realisticDocument } from './realistic.mjs';

const args = process.argv.slice(2);
const claims = Number(args.find((a) => /^\d+$/.test(a)) ?? 4000);
const edits = numberOption(args, '--edits', 80);
const atArg = args.includes('--at') ? args[args.indexOf('--at') + 1] : '1,8,20,40,80';
const at = new Set(atArg.split(',').map(Number));
const moving = args.includes('--moving');

const rssMB = (pid) =>
  Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
const doc = realisticDocument(claims);
const uri = 'file:///bench/rss-edits.md';
const s = await startServer([]);
const rows = [];
try {
  const pid = s.proc.pid;
  await s.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'markdown', version: 1, text: doc.text },
  });
  await s.checked(uri, 1, 300_000);
  await new Promise((r) => setTimeout(r, 200));
  const smaps = (n) => {
    if (process.env.SMAPS) writeFileSync(`${process.env.SMAPS}-${n}`, readFileSync(`/proc/${pid}/smaps`));
  };
  smaps(0);
  rows.push({ after: 'checked whole', rss: rssMB(pid), peak: peakRssMB(pid) });
  const lines = doc.text.split('\n');
  const edit = moving ? movingNearTop(doc.text) : middleCounts(doc.editLines);
  const cpu0 = cpuMs(pid);
  for (let k = 0; k < edits; k++) {
    const e = edit(lines, k);
    const got = s.checked(uri, k + 2, 120_000);
    const change = e.change ?? {
      range: { start: { line: e.line, character: 0 }, end: { line: e.line, character: e.old.length } },
      text: lines[e.line],
    };
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: k + 2 },
      contentChanges: [change],
    });
    await got;
    await new Promise((r) => setTimeout(r, 30));
    if (!at.has(k + 1)) continue;
    smaps(k + 1);
    rows.push({ after: `${k + 1} edits`, rss: rssMB(pid), peak: peakRssMB(pid) });
  }
  const perEdit = (cpuMs(pid) - cpu0) / edits;
  console.log(`${doc.sections * 12} claims, server CPU per edit ${perEdit.toFixed(1)} ms`);
  const mb = (x) => x.toFixed(0).padStart(4);
  for (const r of rows) console.log(`${r.after.padEnd(14)} RSS ${mb(r.rss)} MB  peak ${mb(r.peak)} MB`);
} finally {
  await s.stop();
}

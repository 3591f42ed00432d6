// CPU time of each claim of the given documents, checked on its own as checkText checks it (the
// CLI's settings), slowest first: where §4's time goes, claim by claim, without adding output to
// the CLI. Each document is read and modelled once; every claim is checked once to warm up, then
// timed by process.cpuUsage (user + system), which the other processes on a loaded machine do not
// inflate as they do the wall clock.
//   node bench/claim-times.mjs samples/*.md [--top N]
import { readFileSync } from 'node:fs';
import { buildLib } from './build.mjs';
import { loadLib } from './common.mjs';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 20;
const files = args.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1));
await buildLib();
const L = loadLib();
const rows = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const kind = /\.tex$/.test(file) ? 'latex' : 'markdown';
  const model = L.buildModel(L.readDocument(text, kind), text, {});
  const opts = { timeBudgetMs: 10_000, collectSamples: false };
  for (const c of model.claims) {
    L.checkClaim(c, text, opts);
    const before = process.cpuUsage();
    const r = L.checkClaim(c, text, opts);
    const used = process.cpuUsage(before);
    rows.push({ ms: (used.user + used.system) / 1000, file, verdict: r.verdict, text: r.text });
  }
}
rows.sort((a, b) => b.ms - a.ms);
const total = rows.reduce((s, r) => s + r.ms, 0);
console.log(`${rows.length} claims, ${total.toFixed(0)} ms of CPU in all (warm)`);
for (const r of rows.slice(0, top)) {
  const text = r.text.replace(/\s+/g, ' ').slice(0, 70);
  console.log(`${r.ms.toFixed(1).padStart(8)} ms  ${r.verdict.padEnd(9)} ${r.file}: ${text}`);
}

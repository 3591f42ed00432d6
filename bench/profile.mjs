// Summarises .cpuprofile files (from `node --cpu-prof`): self time per function, top N.
// Usage: node bench/profile.mjs DIR|FILE… [--top N] [--callers FUNCTION [--depth N]] [--inclusive F1,F2]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './common.mjs';

export function summarize(file, top = 15) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  // timeDeltas[i] is the time before samples[i]; attribute it to that sample's node.
  const dt = prof.timeDeltas;
  let total = 0;
  prof.samples.forEach((id, i) => {
    const d = dt[i + 1] ?? 0;
    total += d;
    const n = byId.get(id);
    const cf = n.callFrame;
    const where = cf.url
      ? `${cf.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '')}:${cf.lineNumber + 1}`
      : '';
    const key = `${cf.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + d);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: total / 1000,
    top: rows.map(([fn, us]) => ({ fn, ms: us / 1000, pct: (100 * us) / total })),
  };
}

/** Where the self time of functions named `name` comes from: the call paths (up to `depth` frames). */
export function callers(file, name, depth = 4, top = 8) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const paths = new Map();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (n.callFrame.functionName !== name) return;
    const d = prof.timeDeltas[i + 1] ?? 0;
    total += d;
    const chain = [];
    for (let p = parent.get(id); p !== undefined && chain.length < depth; p = parent.get(p)) {
      const cf = byId.get(p).callFrame;
      chain.push(`${cf.functionName || '(anonymous)'}:${cf.lineNumber + 1}`);
    }
    const key = chain.join(' < ');
    paths.set(key, (paths.get(key) ?? 0) + d);
  });
  return {
    totalMs: total / 1000,
    paths: [...paths.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([path, us]) => ({ path, ms: us / 1000 })),
  };
}

/** Total (inclusive) time of samples with a frame named one of `names` on their stack. */
export function inclusive(file, names) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = Object.fromEntries(names.map((n) => [n, 0]));
  let total = 0;
  prof.samples.forEach((id, i) => {
    const d = prof.timeDeltas[i + 1] ?? 0;
    total += d;
    const seen = new Set();
    for (let p = id; p !== undefined; p = parent.get(p)) {
      const fn = byId.get(p).callFrame.functionName;
      if (fn in out && !seen.has(fn)) {
        out[fn] += d;
        seen.add(fn);
      }
    }
  });
  return {
    totalMs: total / 1000,
    ms: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v / 1000])),
  };
}

export function profileFiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .sort();
}

export function formatSummary(file, s) {
  const lines = [`${relative(ROOT, file)} — ${s.totalMs.toFixed(0)} ms sampled`];
  for (const r of s.top)
    lines.push(`  ${r.pct.toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(6)} ms  ${r.fn}`);
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('profile.mjs')) {
  const args = process.argv.slice(2);
  const opt = (k) => {
    const i = args.indexOf(k);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const top = Number(opt('--top') ?? 15);
  const who = opt('--callers');
  const incl = opt('--inclusive');
  const depth = Number(opt('--depth') ?? 4);
  for (const p of args) {
    const files = statSync(p).isDirectory() ? profileFiles(p) : [p];
    for (const f of files) {
      console.log(formatSummary(f, summarize(f, top)));
      if (incl) {
        const r = inclusive(f, incl.split(','));
        for (const [k, v] of Object.entries(r.ms))
          console.log(`  inclusive ${k}: ${v.toFixed(0)} ms (${((100 * v) / r.totalMs).toFixed(1)}%)`);
      }
      if (who) {
        const c = callers(f, who, depth);
        console.log(`  callers of ${who} (${c.totalMs.toFixed(0)} ms self):`);
        for (const r of c.paths) console.log(`    ${r.ms.toFixed(0).padStart(6)} ms  ${r.path}`);
      }
      console.log('');
    }
  }
}

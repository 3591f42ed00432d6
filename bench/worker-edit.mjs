// The checker worker's path per edit, in one process (issue #14, the tenth pass): runCheck with the
// worker's caches and the differences the worker sends (resultDiff.ts, recordDiff.ts), on a held-out
// style document checked whole, then edits of the count claims around the middle; with `--shift`
// a blank line is inserted above them and removed again every other edit, as bench/main-thread.mjs
// does over stdio, so that everything below moves by a line (`--only-moves`: that line alone,
// every edit). Prints the median CPU per edit of
// each kind and the phases (check, claim differences, record differences).
// `--prof FILE` writes a CPU profile of the counted edits only (read it with bench/profile.mjs);
// `--heap FILE` a sampled allocation profile of them (collected objects included), and prints the
// bytes allocated per edit by the functions that allocate most.
// `--paragraph`: the moving edit is a paragraph of prose added and removed instead of a blank line, which
// renumbers the blocks below it (model/renumber.ts). Each kind's line also gives the items the model
// built again per edit (median). `--claim`: a paragraph with a claim of its own instead, which moves the
// builder's counters below it too (scope ids, relation numbers; renumber.ts withCounters).
// `--heading`: a heading (`## An aside`), which opens a section and renumbers those below;
// `--value`: a paragraph that gives a new name a value (`Take $m = 2$ …`), a layer of the Env, whose
// letter every section writes (m sizes the layers); `--given`: `Here $a = 2$.`, whose letter nothing
// else writes (the splice passes its layers over, build.ts Splicer.unwritten).
//   node bench/worker-edit.mjs 4000 [--edits 40] [--shift] [--warm 10] [--only-moves] [--top] [--paragraph]
//     [--claim] [--heading] [--value] [--given]
//     [--prof FILE] [--heap FILE]
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { buildLib } from './build.mjs';
import { loadLib, markdownJob, numberOption, workerContext } from './common.mjs';
import { editedCount, realisticDocument } from './realistic.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => numberOption(args, name, fallback);
const claims = Number(args[0] ?? 4000);
const edits = option('--edits', 40);
const warm = option('--warm', 10);
const onlyMoves = args.includes('--only-moves');
const shifting = args.includes('--shift') || onlyMoves;
const profFile = args.includes('--prof') ? args[args.indexOf('--prof') + 1] : null;
const heapFile = args.includes('--heap') ? args[args.indexOf('--heap') + 1] : null;
await buildLib();
const L = loadLib();
const doc = realisticDocument(claims);
const lines = doc.text.split('\n');
const context = workerContext(L);
const job = markdownJob;
let sent;
let id = 0;
let built = 0;
const cpuMs = (before) => {
  const u = process.cpuUsage(before);
  return (u.user + u.system) / 1000;
};
/** One job as the worker serves it: the check, then the differences from what it sent last. */
function serve(text) {
  const t0 = process.cpuUsage();
  const out = L.runCheck(job(text), context);
  const t1 = process.cpuUsage();
  const origin = (r) => context.cache.origin(r);
  const { list } = L.encodeClaims(out.result.claims, origin, sent?.claims, ++id);
  const t2 = process.cpuUsage();
  L.encodeRecords(out.spans, sent?.spans, L.MATH_RANGES);
  L.encodeRecords(out.result.bindings, sent?.bindings, L.BINDINGS);
  const t3 = process.cpuUsage();
  sent = { claims: list, spans: out.spans, bindings: out.result.bindings };
  const ms = (a, b) => (b.user + b.system - a.user - a.system) / 1000;
  const items = context.modelCache.itemsBuilt - built;
  built = context.modelCache.itemsBuilt;
  return { check: ms(t0, t1), claims: ms(t1, t2), records: ms(t2, t3), all: cpuMs(t0), items };
}
serve(doc.text);
const mid = Math.floor(doc.editLines.length / 2);
// `--top`: the line inserted under the title instead, above every claim (the moving edit near the top).
const shiftLine = args.includes('--top') ? 1 : doc.editLines[mid - 3];
let inserted = false;
const added = args.includes('--heading')
  ? ['', '## An aside']
  : args.includes('--value')
    ? ['', 'Take $m = 2$ for a moment.']
    : args.includes('--given')
      ? ['', 'Here $a = 2$.']
      : args.includes('--claim')
        ? ['', 'Note in passing that $2 + 2 = 4$.']
        : args.includes('--paragraph')
          ? ['', 'A remark in passing, which changes nothing below.']
          : [''];
const kinds = { moved: [], digit: [] };
const session = profFile || heapFile ? new Session() : null;
for (let k = 0; k < warm + edits; k++) {
  if (session && k === warm) {
    session.connect();
    if (profFile) {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    }
    if (heapFile)
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
  }
  const moves = onlyMoves || (shifting && k % 2 === 0);
  if (moves) inserted = !inserted;
  const at = doc.editLines[mid + (k % 5) - 2];
  if (!onlyMoves) lines[at] = editedCount(lines[at], k);
  const text = inserted
    ? [...lines.slice(0, shiftLine), ...added, ...lines.slice(shiftLine)].join('\n')
    : lines.join('\n');
  const r = serve(text);
  if (k >= warm) kinds[moves ? 'moved' : 'digit'].push(r);
}
if (session && profFile) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profFile, JSON.stringify(profile));
}
if (session && heapFile) {
  const { profile } = await session.post('HeapProfiler.stopSampling');
  writeFileSync(heapFile, JSON.stringify(profile));
  const bySelf = new Map();
  const walk = (n) => {
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    bySelf.set(key, (bySelf.get(key) ?? 0) + n.selfSize);
    for (const c of n.children) walk(c);
  };
  walk(profile.head);
  const total = [...bySelf.values()].reduce((a, b) => a + b, 0);
  console.log(`allocated per counted edit: ${(total / edits / 1024).toFixed(0)} KB (sampled)`);
  for (const [key, bytes] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`  ${(bytes / edits / 1024).toFixed(1).padStart(8)} KB  ${key}`);
}
const med = (rs, f) => {
  const xs = rs.map((r) => r[f]).sort((a, b) => a - b);
  return xs[xs.length >> 1]?.toFixed(1);
};
for (const [kind, rs] of Object.entries(kinds)) {
  if (!rs.length) continue;
  console.log(
    `${claims} claims, ${kind === 'moved' ? 'a line inserted or removed above' : 'a digit'} ` +
      `(${rs.length} edits): ` +
      `CPU per edit median ${med(rs, 'all')} ms — check ${med(rs, 'check')}, claim differences ` +
      `${med(rs, 'claims')}, record differences ${med(rs, 'records')}; items built ${med(rs, 'items')}`,
  );
}

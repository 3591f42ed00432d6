// CPU per edit on the checker worker's path, in one process, on the generated documents of §5
// (gen.mjs): a full check with the worker's caches, then one-line edits of an arithmetic claim in the
// middle (right and wrong in turn, as lsp.mjs edits them); prints the median CPU per edit, the items
// the model built and, with `--prof FILE`, a CPU profile of the counted edits (bench/profile.mjs).
// `--spread`: each edit at another arithmetic claim, spread over the document as lsp.mjs spreads §5's.
//   node bench/gen-edit.mjs 2000 [--edits 20] [--warm 4] [--spread] [--prof FILE]
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { buildLib } from './build.mjs';
import { loadLib, markdownJob, numberOption, workerContext } from './common.mjs';
import { editedLine, generateDocument } from './gen.mjs';

const args = process.argv.slice(2);
const claims = Number(args[0] ?? 2000);
const edits = numberOption(args, '--edits', 20);
const warm = numberOption(args, '--warm', 4);
const profFile = args.includes('--prof') ? args[args.indexOf('--prof') + 1] : null;
await buildLib();
const L = loadLib();
const doc = generateDocument(claims);
const lines = doc.text.split('\n');
const context = workerContext(L);
L.runCheck(markdownJob(doc.text), context);
const spread = args.includes('--spread');
const middle = doc.editLines[Math.floor(doc.editLines.length / 2)];
const cpu = [];
const items = [];
const session = profFile ? new Session() : null;
for (let k = 0; k < warm + edits; k++) {
  if (session && k === warm) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const n = doc.editLines.length;
  const line = spread ? doc.editLines[Math.floor(((k + 0.5) * n) / (warm + edits)) % n] : middle;
  lines[line] = editedLine(lines[line], k);
  const built = context.modelCache.itemsBuilt;
  const t0 = process.cpuUsage();
  L.runCheck(markdownJob(lines.join('\n')), context);
  const t = process.cpuUsage(t0);
  if (k >= warm) {
    cpu.push((t.user + t.system) / 1000);
    items.push(context.modelCache.itemsBuilt - built);
  }
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profFile, JSON.stringify(profile));
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  `${claims} claims (generated), an arithmetic claim edited (${edits} edits): CPU per edit median ` +
    `${med(cpu).toFixed(1)} ms; items built ${med(items)}`,
);

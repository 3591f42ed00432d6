// CPU per edit on the checker worker's path, in one process (issue #14): a full check with the
// worker's caches, then one-line edits of the product claim at a place in the document; prints
// the median CPU time per edit. `--no-model` checks without the model cache, for comparison.
// `--shift` makes every edit change the claim's length (the product written with a thin space
// `\,` or without, in turn), so that everything after it moves.
//   node bench/edit-cpu.mjs 4000 [--edits 12] [--at 0.5] [--no-model] [--shift]
import { buildLib } from './build.mjs';
import { loadLib, markdownJob, numberOption, workerContext } from './common.mjs';
import { editedCount, realisticDocument } from './realistic.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => numberOption(args, name, fallback);
const claims = Number(args[0] ?? 1000);
const edits = option('--edits', 12);
const at = option('--at', 0.5);
const useModel = !args.includes('--no-model');
const shifting = args.includes('--shift');
await buildLib();
const L = loadLib();
const doc = realisticDocument(claims);
const lines = doc.text.split('\n');
const context = workerContext(L, { model: useModel });
const job = markdownJob;
L.runCheck(job(doc.text), context);
const line = doc.editLines[Math.floor((doc.editLines.length - 1) * at)];
const original = lines[line];
const cpu = [];
for (let i = 0; i < edits; i++) {
  lines[line] = editedCount(original, i);
  if (shifting && i % 2) lines[line] = lines[line].replace(' = ', ' \\, = ');
  const before = process.cpuUsage();
  L.runCheck(job(lines.join('\n')), context);
  const used = process.cpuUsage(before);
  cpu.push((used.user + used.system) / 1000);
}
cpu.sort((a, b) => a - b);
const rss = (process.memoryUsage().rss / 1e6).toFixed(0);
console.log(
  `${claims} claims, edits at ${at}${shifting ? ' (moving the text after them)' : ''}, ` +
    `model cache ${useModel ? 'on' : 'off'}: ` +
    `CPU per edit median ${cpu[cpu.length >> 1].toFixed(1)} ms, RSS ${rss} MB`,
);

// CPU per steady edit, thread by thread (issue #14, the ninth pass): a stdio session on a
// held-out style document of `claims` claims, checked whole, then `--warm` edits not counted (the
// first edits after the first check collect its garbage and compile the edit path) and `--edits`
// counted ones, each waiting for its version checked whole. The count claims around the middle
// are edited, right and wrong in turn; `--shift` also inserts and removes a line above them every
// other edit, so that every position after it moves. CPU per thread comes from
// /proc/PID/task/*/stat: the process's own id is the server's main thread, the thread that
// worked most during the first check is the checker worker, the rest are V8's and libuv's.
//   node bench/main-thread.mjs 4000 [--edits 60] [--warm 10] [--shift] [--ipc] [--prof DIR]
// `--prof DIR` starts the server with `--cpu-prof --cpu-prof-dir=DIR` (read it with bench/profile.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { median } from './common.mjs';
import { startServer } from './lsp.mjs';
import { editedCount, realisticDocument } from './realistic.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : fallback;
};
const claims = Number(args[0] ?? 4000);
const counted = Number(option('--edits', 60));
const warm = Number(option('--warm', 10));
const shifting = args.includes('--shift');
const prof = option('--prof', null);
/** Over Node's IPC channel, as the VS Code client starts the server, instead of stdio. */
const ipc = args.includes('--ipc');

/** CPU time of every thread of `pid` so far, in ms, by thread id. */
function threadCpu(pid) {
  const out = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const f = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      // utime and stime (fields 14 and 15), in clock ticks of 10 ms.
      out.set(tid, (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      /* the thread ended */
    }
  }
  return out;
}

const delta = (after, before, tid) => (after.get(tid) ?? 0) - (before.get(tid) ?? 0);

const doc = realisticDocument(claims);
const uri = `file:///bench/main-thread-${claims}.md`;
const s = await startServer(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [], { ipc });
try {
  const pid = String(s.proc.pid);
  const start = threadCpu(pid);
  await s.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'markdown', version: 1, text: doc.text },
  });
  await s.checked(uri, 1, 600_000);
  const opened = threadCpu(pid);
  const worker = [...opened.keys()]
    .filter((t) => t !== pid)
    .sort((a, b) => delta(opened, start, b) - delta(opened, start, a))[0];

  const lines = doc.text.split('\n');
  const mid = Math.floor(doc.editLines.length / 2);
  let version = 1;
  let inserted = false;
  const edit = async (k) => {
    const changes = [];
    const shift = doc.editLines[mid - 3];
    if (shifting && k % 2 === 0) {
      // A blank line inserted above the edited claims, or removed again: everything below moves.
      changes.push(
        inserted
          ? {
              range: { start: { line: shift, character: 0 }, end: { line: shift + 1, character: 0 } },
              text: '',
            }
          : {
              range: { start: { line: shift, character: 0 }, end: { line: shift, character: 0 } },
              text: '\n',
            },
      );
      inserted = !inserted;
    }
    const at = doc.editLines[mid + (k % 5) - 2];
    const old = lines[at];
    lines[at] = editedCount(old, k);
    const line = at + (inserted ? 1 : 0);
    changes.push({
      range: { start: { line, character: 0 }, end: { line, character: old.length } },
      text: lines[at],
    });
    version++;
    const got = s.checked(uri, version, 120_000);
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    await got;
    // An author's pause; the views' refresh after a check is idle work of the edit too.
    await new Promise((r) => setTimeout(r, 30));
  };
  for (let k = 0; k < warm; k++) await edit(k);
  const before = threadCpu(pid);
  const perEdit = [];
  for (let k = warm; k < warm + counted; k++) {
    const t = threadCpu(pid);
    await edit(k);
    perEdit.push(delta(threadCpu(pid), t, pid));
  }
  const after = threadCpu(pid);
  let all = 0;
  for (const tid of after.keys()) all += delta(after, before, tid);
  const main = delta(after, before, pid);
  const work = delta(after, before, worker);
  const per = (x) => (x / counted).toFixed(1);
  console.log(
    `${claims} claims (${doc.text.length} chars)${shifting ? ', a line inserted and removed above' : ''}` +
      `${ipc ? ', over IPC' : ''}: ` +
      `${counted} edits after ${warm}, CPU per edit: all threads ${per(all)} ms, ` +
      `main thread ${per(main)} ms (median of single edits ${median(perEdit)} ms, 10 ms ticks), ` +
      `checker worker ${per(work)} ms, others ${per(all - main - work)} ms`,
  );
} finally {
  await s.stop();
}

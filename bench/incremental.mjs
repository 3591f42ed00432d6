// Section 6 (issue #14): edit latency on documents of the held-out style — section after section
// declaring its names again (bench/realistic.mjs) — and on the samples concatenated, driven like
// an editor over `node dist/server.js --stdio`: open, wait for the first diagnostics, then edit one
// claim near the middle of the document and wait for the diagnostics of that version, end to end
// (the debounce included).
import { readFileSync } from 'node:fs';
import { median, now, quantile } from './common.mjs';
import { startServer } from './lsp.mjs';
import { editedCount, realisticDocument, samplesDocument } from './realistic.mjs';

export const INCREMENTAL_SIZES = [250, 1000, 4000];

/**
 * CPU time of the server process so far (all its threads: the checker workers too), in ms; with
 * `thread`, of that thread only (the process's own id is its main thread, the LSP side).
 */
export function cpuMs(pid, thread) {
  try {
    const file = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const f = readFileSync(file, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}

export function peakRssMB(pid) {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** `edit(lines, k)` rewrites one line of `lines` (in place) and returns its number and old text. */
async function session({ name, text, edits, edit, nodeArgs }) {
  const uri = `file:///bench/${name}.md`;
  const s = await startServer(nodeArgs);
  try {
    const first = s.diagnostics(uri, 1, 300_000);
    const opened = now();
    await s.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    const { p, t } = await first;
    const firstMs = t - opened;
    // Edits start on a document checked whole, as an author's would be; each waits for its
    // version checked whole, not for a first screen (the first publish of a long document).
    const checkedMs = (await s.checked(uri, 1, 300_000)).t - opened;
    const lines = text.split('\n');
    const ms = [];
    const cpuBefore = cpuMs(s.proc.pid);
    const mainBefore = cpuMs(s.proc.pid, s.proc.pid);
    const rechecked = [];
    for (let k = 0; k < edits; k++) {
      // An edit gives the line it rewrote (`line`, `old`: that line's text before), or the change
      // itself (`change`: a line inserted or removed, which moves every line below it).
      const e = edit(lines, k);
      const change = e.change ?? {
        range: { start: { line: e.line, character: 0 }, end: { line: e.line, character: e.old.length } },
        text: lines[e.line],
      };
      const version = k + 2;
      const got = s.checked(uri, version, 120_000);
      const t0 = now();
      await s.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [change],
      });
      const done = await got;
      ms.push(done.t - t0);
      if (done.p.rechecked !== undefined) rechecked.push(done.p.rechecked);
      // An author pauses between edits; the server's idle work (views) should not count.
      await new Promise((r) => setTimeout(r, 30));
    }
    return {
      name,
      bytes: text.length,
      // On a shared machine wall times measure the load as much as the server; CPU time does not.
      cpuPerEditMs: (cpuMs(s.proc.pid) - cpuBefore) / ms.length,
      // Of which the server's main thread (protocol, diagnostics, results from the worker).
      mainCpuPerEditMs: (cpuMs(s.proc.pid, s.proc.pid) - mainBefore) / ms.length,
      firstDiagnosticsMs: firstMs,
      checkedMs,
      diagnostics: p.diagnostics.length,
      edits: ms.length,
      editP50Ms: median(ms),
      editP95Ms: quantile(ms, 0.95),
      peakRssMB: peakRssMB(s.proc.pid),
      // Claims evaluated anew by each edit (derivcheck/status), as the protocol test counts them.
      rechecked,
    };
  } finally {
    await s.stop();
  }
}

/**
 * A document reopened scrolled to its middle: the client sends the lines its editor shows
 * (`derivcheck/visibleRanges`, 50 lines) before `didOpen`; the time to the first publish (those
 * lines' claims) and to the document checked whole, from a fresh server.
 */
async function middleScreen({ name, text, nodeArgs }) {
  const uri = `file:///bench/${name}-middle.md`;
  const s = await startServer(nodeArgs);
  try {
    const lines = text.split('\n');
    const from = Math.floor(lines.length / 2);
    await s.conn.sendNotification('derivcheck/visibleRanges', {
      uri,
      ranges: [{ start: from, end: from + 49 }],
    });
    const first = s.diagnostics(uri, 1, 300_000);
    const opened = now();
    await s.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    const { p, t } = await first;
    const checked = await s.checked(uri, 1, 300_000);
    return {
      firstMs: t - opened,
      checkedMs: checked.t - opened,
      diagnostics: p.diagnostics.length,
      // Every diagnostic of the first publish lies in the lines shown.
      withinShown: p.diagnostics.every((d) => d.range.start.line >= from && d.range.start.line <= from + 49),
    };
  } finally {
    await s.stop();
  }
}

/** Edits the count claims around the middle of a realistic document, right and wrong in turn. */
export function middleCounts(editLines) {
  const mid = Math.floor(editLines.length / 2);
  return (lines, k) => {
    const line = editLines[Math.min(editLines.length - 1, Math.max(0, mid + (k % 5) - 2))];
    const old = lines[line];
    lines[line] = editedCount(old, k);
    return { line, old };
  };
}

/**
 * The moving edit near the top (issue #14): in turn, a blank line inserted under the title and
 * removed, and a word typed into the first section's prose and removed. Every claim below moves;
 * none changes. `lines` is kept as the text after each change.
 */
export function movingNearTop(text) {
  const lines = text.split('\n');
  const title = lines.findIndex((l) => l.startsWith('# '));
  const prose = lines.findIndex((l) => l.includes('is linear in it'));
  const at = lines[prose].indexOf('linear in it');
  const word = 'plainly ';
  return (ls, k) => {
    const step = k % 4;
    if (step === 0) {
      ls.splice(title + 1, 0, '');
      const start = { line: title + 1, character: 0 };
      return { change: { range: { start, end: start }, text: '\n' } };
    }
    if (step === 1) {
      ls.splice(title + 1, 1);
      return {
        change: {
          range: { start: { line: title + 1, character: 0 }, end: { line: title + 2, character: 0 } },
          text: '',
        },
      };
    }
    const start = { line: prose, character: at };
    if (step === 2) {
      ls[prose] = ls[prose].slice(0, at) + word + ls[prose].slice(at);
      return { change: { range: { start, end: start }, text: word } };
    }
    ls[prose] = ls[prose].slice(0, at) + ls[prose].slice(at + word.length);
    return { change: { range: { start, end: { line: prose, character: at + word.length } }, text: '' } };
  };
}

/** Edits display claims (`$$…$$` on one line) around the middle: a thin space added, then removed. */
function middleDisplays(text) {
  const lines = text.split('\n');
  const displays = [];
  lines.forEach((l, n) => {
    if (/^\$\$[^$]+=[^$]+\$\$$/.test(l)) displays.push(n);
  });
  const mid = Math.floor(displays.length / 2);
  return (ls, k) => {
    const line = displays[Math.min(displays.length - 1, mid + (Math.floor(k / 2) % 5) - 2)];
    const old = ls[line];
    // `$$$$` in a replacement is `$$` (a lone `$$` there inserts one `$`, which left the display
    // unclosed and the rest of the document read differently after every other edit).
    ls[line] = k % 2 === 0 ? old.replace(/\$\$$/, '\\,$$$$') : old.replace(/\\,\$\$$/, '$$$$');
    return { line, old };
  };
}

export async function runIncremental({ quick = false, nodeArgs = [], log = () => {} } = {}) {
  const edits = quick ? 8 : 20;
  const out = [];
  for (const claims of INCREMENTAL_SIZES) {
    log(`held-out style, ${claims} claims`);
    const doc = realisticDocument(claims);
    const r = await session({
      name: `layers-${claims}`,
      text: doc.text,
      edits,
      edit: middleCounts(doc.editLines),
      nodeArgs,
    });
    log(`held-out style, ${claims} claims, moving edits near the top`);
    const moving = await session({
      name: `layers-${claims}-moving`,
      text: doc.text,
      edits,
      edit: movingNearTop(doc.text),
      nodeArgs,
    });
    r.moving = {
      editP50Ms: moving.editP50Ms,
      editP95Ms: moving.editP95Ms,
      cpuPerEditMs: moving.cpuPerEditMs,
      mainCpuPerEditMs: moving.mainCpuPerEditMs,
      rechecked: moving.rechecked,
    };
    const largest = claims === INCREMENTAL_SIZES[INCREMENTAL_SIZES.length - 1];
    const middle = largest
      ? await middleScreen({ name: `layers-${claims}`, text: doc.text, nodeArgs })
      : null;
    out.push({ ...r, claims: doc.sections * 12, ...(middle ? { middle } : {}) });
  }
  const copies = quick ? 2 : 4;
  log(`samples concatenated ${copies} times`);
  const samples = samplesDocument(copies).text;
  out.push({
    ...(await session({
      name: `samples-x${copies}`,
      text: samples,
      edits,
      edit: middleDisplays(samples),
      nodeArgs,
    })),
    claims: null,
  });
  return out;
}

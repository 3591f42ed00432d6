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
function cpuMs(pid, thread) {
  try {
    const file = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const f = readFileSync(file, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}

function peakRssMB(pid) {
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
    for (let k = 0; k < edits; k++) {
      const { line, old } = edit(lines, k);
      const version = k + 2;
      const got = s.checked(uri, version, 120_000);
      const t0 = now();
      await s.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [
          {
            range: { start: { line, character: 0 }, end: { line, character: old.length } },
            text: lines[line],
          },
        ],
      });
      ms.push((await got).t - t0);
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
function middleCounts(editLines) {
  const mid = Math.floor(editLines.length / 2);
  return (lines, k) => {
    const line = editLines[Math.min(editLines.length - 1, Math.max(0, mid + (k % 5) - 2))];
    const old = lines[line];
    lines[line] = editedCount(old, k);
    return { line, old };
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

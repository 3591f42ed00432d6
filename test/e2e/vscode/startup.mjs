// The start-up figure of the workbench suite, taken apart: the extension's Output channel logs one
// line from the editor's side (client/src/startupLog.ts) and one from the server
// (server/src/lsp/startupTimeline.ts); with the moment of the click and the moment the status
// bar showed the problems, they say how much of the wait is the workbench's own (opening the
// editor, starting its extension host) and how much is derivcheck's (activation, the server
// process, the first check).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` whose name ends in `suffix`. */
function filesEnding(dir, suffix) {
  let out = [];
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(filesEnding(p, suffix));
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out;
}

/** A log line's time (`2026-12-02 01:44:43.123 [info] …`, the machine's local time) in epoch ms. */
function lineTime(line) {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
  return m ? new Date(`${m[1]}T${m[2]}`).getTime() : null;
}

/** `step 123, other step 456` → { step: 123, 'other step': 456 }. */
function steps(text) {
  return Object.fromEntries(
    text
      .split(', ')
      .map((s) => /^(.*\S) (\d+)$/.exec(s.trim()))
      .filter(Boolean)
      .map((m) => [m[1], Number(m[2])]),
  );
}

/** The two start-up lines of derivcheck's Output channel log under `userDataDir`, parsed. */
export function readStartupLog(userDataDir) {
  for (const file of filesEnding(userDataDir, 'derivcheck.log')) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const editor = lines.find((l) => l.includes('start-up (editor):'));
    if (!editor) continue;
    const server = lines.find((l) => l.includes('start-up (server):'));
    const e = /extension host up ([\d.]+) s when activation began; (.*) \(ms since/.exec(editor);
    const s = server && /start-up \(server\): (.*) \(ms since/.exec(server);
    return {
      file,
      hostUptimeS: e ? Number(e[1]) : null,
      editor: e ? steps(e[2]) : {},
      /** When the editor's line was written: when the first document was checked whole (at the
       * first diagnostics in logs from before the `checked` step). */
      editorAt: lineTime(editor),
      server: s ? steps(s[1]) : {},
    };
  }
  return null;
}

const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The breakdown of one start-up: `clicked` and `shown` are epoch ms (the click in the Explorer,
 * the problems in the status bar), `log` what readStartupLog found.
 */
export function describeStartup(clicked, shown, log) {
  if (!log || log.editorAt === null || log.editor['first diagnostics'] === undefined)
    return "no start-up lines in derivcheck's Output channel log";
  const e = log.editor;
  const written = e.checked ?? e['first diagnostics'];
  const seen = e['first problems'] === undefined ? 'diagnostics' : 'problems';
  const activationBegan = log.editorAt - written;
  const parts = [
    `workbench until activation ${sec(activationBegan - clicked)} (its extension host up ` +
      `${log.hostUptimeS} s then)`,
    `activate ${e.activated ?? '?'} ms`,
    `server started ${e['server started'] ?? '?'} ms`,
    `first diagnostics ${e['first diagnostics']} ms after activation`,
    ...(e['first problems'] === undefined ? [] : [`first problems ${e['first problems']} ms`]),
    ...(e.checked === undefined ? [] : [`checked ${e.checked} ms`]),
    `status bar ${sec(shown - activationBegan - e[`first ${seen}`])} after the first ${seen}`,
  ];
  const s = log.server;
  const server = Object.entries(s)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `${parts.join('; ')}; server: ${server || '?'} (ms since its process began)`;
}

/**
 * derivcheck's share of a start-up, in ms from the moment activation began: to the first
 * diagnostics (possibly none to show: a first screen all verified), to the first that show
 * something, and to the document checked whole.
 */
export function derivcheckShare(log) {
  const e = log?.editor ?? {};
  return {
    firstDiagnostics: e['first diagnostics'] ?? null,
    firstProblems: e['first problems'] ?? null,
    checked: e.checked ?? null,
  };
}

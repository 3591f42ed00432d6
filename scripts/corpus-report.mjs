// Checks every document of the shared corpus (../shared/corpus beside the checkout) and of the
// snippets written for the reading measure (test/corpus/snippets), and prints, per folder: files,
// math spans, unreadable spans (a span is unreadable when it produced a 'syntax' problem), claims
// verified / refuted / unchecked, and time.
//
// Usage: node --import tsx scripts/corpus-report.mjs [--corpus DIR] [--details] [--json]
//   (without --corpus: the shared corpus, then the snippets)
//   --details   also list every refuted claim and the most common unreadable constructs
//   --json      print the whole report as JSON
// The corpus is only read, never copied. test/corpus/corpus.test.ts asserts the thresholds.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkText } from '../server/src/check/index.ts';
import { kindFromPath, LineIndex, readDocument } from '../server/src/document/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..');
export const defaultCorpus = resolve(repoRoot, '../shared/corpus');
/** Snippets written for the reading measure, one folder per style (test/corpus/snippets/README.md). */
export const snippetsDir = resolve(repoRoot, 'test/corpus/snippets');

function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? files(p) : [p];
    });
}

const emptyCounts = () => ({
  files: 0,
  spans: 0,
  unreadable: 0,
  verified: 0,
  refuted: 0,
  unchecked: 0,
  ms: 0,
});

/** A problem message with the specific token/name replaced, so messages group by kind. */
function problemKind(message) {
  return message
    .replace(/'[^']*'/g, "'…'")
    .replace(/`[^`]*`/g, '`…`')
    .replace(/\d+/g, 'N');
}

/**
 * Checks every Markdown/LaTeX document under `corpus` (one level of folders = groups).
 * Returns per-group counts, the refuted claims and the unreadable spans.
 */
export function runCorpus(corpus = defaultCorpus, options = {}) {
  const groups = {};
  const refuted = [];
  const unreadable = [];
  const crashes = [];
  const slowest = [];
  for (const group of readdirSync(corpus).sort()) {
    const dir = join(corpus, group);
    if (!statSync(dir).isDirectory()) continue;
    const c = emptyCounts();
    for (const path of files(dir)) {
      const kind = kindFromPath(path);
      if (!kind) continue;
      const text = readFileSync(path, 'utf8');
      const rel = relative(corpus, path).split('\\').join('/');
      const lines = new LineIndex(text);
      c.files++;
      const t0 = performance.now();
      let result;
      try {
        result = checkText(text, kind, options.check ?? {});
      } catch (err) {
        crashes.push({ file: rel, error: err instanceof Error ? err.stack : String(err) });
        continue;
      } finally {
        const ms = performance.now() - t0;
        c.ms += ms;
        slowest.push({ file: rel, ms });
      }
      const spans = readDocument(text, kind).items.filter((i) => i.kind === 'math');
      c.spans += spans.length;
      const syntax = result.problems.filter((p) => p.code === 'syntax');
      for (const s of spans) {
        const inside = syntax.filter((p) => p.start >= s.outerStart && p.start <= s.outerEnd);
        if (inside.length === 0) continue;
        c.unreadable++;
        const at = lines.position(inside[0].start);
        unreadable.push({
          file: rel,
          line: at.line + 1,
          column: at.column + 1,
          display: s.display,
          message: inside[0].message,
          kind: problemKind(inside[0].message),
          token: text.slice(inside[0].start, Math.min(inside[0].end, inside[0].start + 40)),
          span: s.text.replace(/\s+/g, ' ').trim().slice(0, 160),
        });
      }
      for (const claim of result.claims) {
        c[claim.verdict]++;
        if (claim.verdict === 'refuted') {
          const at = lines.position(claim.opStart);
          refuted.push({
            file: rel,
            line: at.line + 1,
            column: at.column + 1,
            text: claim.text.replace(/\s+/g, ' ').trim(),
            message: claim.message,
            details: claim.details,
          });
        }
      }
    }
    c.ms = Math.round(c.ms);
    groups[group] = c;
  }
  const total = emptyCounts();
  for (const c of Object.values(groups)) for (const k of Object.keys(total)) total[k] += c[k];
  slowest.sort((a, b) => b.ms - a.ms);
  return {
    groups,
    total,
    refuted,
    unreadable,
    crashes,
    slowest: slowest.slice(0, 5).map((s) => ({ file: s.file, ms: Math.round(s.ms) })),
  };
}

const pct = (a, b) => (b === 0 ? '0.0' : ((100 * a) / b).toFixed(1));

export function formatTable(report) {
  const head = ['folder', 'files', 'spans', 'unreadable', '%', 'verified', 'refuted', 'unchecked', 'ms'];
  const rows = Object.entries(report.groups).map(([g, c]) => [
    g,
    c.files,
    c.spans,
    c.unreadable,
    pct(c.unreadable, c.spans),
    c.verified,
    c.refuted,
    c.unchecked,
    c.ms,
  ]);
  const t = report.total;
  rows.push([
    'total',
    t.files,
    t.spans,
    t.unreadable,
    pct(t.unreadable, t.spans),
    t.verified,
    t.refuted,
    t.unchecked,
    t.ms,
  ]);
  const cells = [head, ...rows].map((r) => r.map(String));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) =>
    `| ${r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(cells[0]),
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

export function formatDetails(report) {
  const out = [];
  if (report.crashes.length) {
    out.push('', `CRASHES (${report.crashes.length}):`);
    for (const c of report.crashes) out.push(`  ${c.file}: ${c.error}`);
  }
  out.push('', `Refuted claims (${report.refuted.length}):`);
  for (const r of report.refuted) {
    out.push(`  ${r.file}:${r.line}:${r.column}  ${r.text}`);
    out.push(`      ${r.message}`);
  }
  const byKind = new Map();
  for (const u of report.unreadable) {
    const list = byKind.get(u.kind) ?? [];
    list.push(u);
    byKind.set(u.kind, list);
  }
  out.push('', `Unreadable spans by problem (${report.unreadable.length} spans):`);
  for (const [kind, list] of [...byKind.entries()].sort((a, b) => b[1].length - a[1].length)) {
    out.push(`  ${String(list.length).padStart(4)}  ${kind}`);
    const tokens = new Map();
    for (const u of list) tokens.set(u.token, (tokens.get(u.token) ?? 0) + 1);
    const top = [...tokens.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([tok, n]) => `${JSON.stringify(tok)}×${n}`);
    out.push(`        at: ${top.join(', ')}`);
    for (const u of list.slice(0, 3))
      out.push(`        e.g. ${u.file}:${u.line}:${u.column}  ${u.message}  in  ${u.span}`);
  }
  out.push('', `Slowest files: ${report.slowest.map((s) => `${s.file} ${s.ms} ms`).join(', ')}`);
  return out.join('\n');
}

function main(argv) {
  let corpus = null;
  let details = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--corpus') corpus = resolve(argv[++i] ?? '');
    else if (argv[i] === '--details') details = true;
    else if (argv[i] === '--json') json = true;
    else {
      process.stderr.write(
        `corpus-report: unknown argument '${argv[i]}'\nusage: node --import tsx ` +
          `scripts/corpus-report.mjs [--corpus DIR] [--details] [--json]\n`,
      );
      return 2;
    }
  }
  const dirs = corpus ? [corpus] : [defaultCorpus, snippetsDir];
  for (const dir of dirs) {
    if (existsSync(dir)) continue;
    process.stderr.write(
      `corpus-report: no corpus at ${dir} (expected ../shared/corpus beside the checkout)\n`,
    );
    return 2;
  }
  let status = 0;
  for (const dir of dirs) status = Math.max(status, printReport(dir, details, json));
  return status;
}

function printReport(corpus, details, json) {
  const t0 = performance.now();
  const report = runCorpus(corpus);
  const wall = Math.round(performance.now() - t0);
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...report, wallMs: wall }, null, 2)}\n`);
  } else {
    process.stdout.write(
      `derivcheck corpus report — ${corpus}\n\n${formatTable(report)}\n\nwall time ${wall} ms\n`,
    );
    if (details) process.stdout.write(`${formatDetails(report)}\n`);
    else
      process.stdout.write(
        `${report.refuted.length} refuted, ${report.crashes.length} crashes; --details lists them ` +
          `and the unreadable constructs\n`,
      );
  }
  return report.crashes.length ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.exitCode = main(process.argv.slice(2));

// derivcheck on the command line: the same pipeline as the language server, printed as
// compiler-style lines, JSON or SARIF. Exit 0: nothing refuted; 1: something refuted; 2: usage
// error or unreadable input.
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { formatFromPath } from './document';
import { checkPath, placeName, planInputs, reportsOf } from './files';
import type { CheckedInput, PlacedReport } from './files';

const VERSION = '0.1.0';
const USAGE = `usage: derivcheck [options] FILE|DIR…

Checks every claimed relation in Markdown (.md, .markdown, .qmd, .Rmd), LaTeX (.tex) and
Jupyter notebook (.ipynb) files. Directories are searched recursively; a LaTeX root is checked
with the files it includes.

options:
  --format text|json|sarif   output format (default text)
  --trials N                 trials per claim (default 20)
  --seed N                   document seed (default 0)
  --time-budget MS           wall-clock limit per claim (default 5000; the step budget
                             keeps output deterministic well below it)
  --verbose                  also list verified claims (text format)
  --help, --version

exit status: 0 nothing refuted, 1 some claim refuted, 2 usage error or unreadable input`;

interface Options { format: 'text' | 'json' | 'sarif'; trials?: number; seed?: number; timeBudgetMs: number; verbose: boolean; paths: string[] }

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const o: Options = { format: 'text', timeBudgetMs: 5000, verbose: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    const int = (name: string, v: string, min: number, max: number) => {
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < min || n > max) throw new UsageError(`${name} needs a whole number from ${min} to ${max}, found '${v}'`);
      return n;
    };
    if (a === '--help' || a === '-h') { process.stdout.write(USAGE + '\n'); process.exit(0); }
    else if (a === '--version') { process.stdout.write(VERSION + '\n'); process.exit(0); }
    else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a.startsWith('--format')) {
      const v = value('--format');
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${v}'`);
      o.format = v;
    } else if (a.startsWith('--trials')) o.trials = int('--trials', value('--trials'), 1, 10000);
    else if (a.startsWith('--seed')) o.seed = int('--seed', value('--seed'), 0, 2 ** 31 - 1);
    else if (a.startsWith('--time-budget')) o.timeBudgetMs = int('--time-budget', value('--time-budget'), 1, 600000);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
    else o.paths.push(a);
  }
  if (o.paths.length === 0) throw new UsageError('no FILE or DIR given');
  return o;
}

/** Files to check: given files as they are, directories searched, all sorted for stable output. */
function collect(paths: string[], errors: string[]): string[] {
  const out = new Set<string>();
  const walk = (dir: string) => {
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch (err) { errors.push(`${dir}: cannot read directory (${(err as NodeJS.ErrnoException).code ?? err})`); return; }
    for (const name of names) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(dir, name);
      let st;
      try { st = statSync(p); } catch { continue; }
      if (st.isDirectory()) walk(p);
      else if (formatFromPath(p)) out.add(p);
    }
  };
  for (const p of paths) {
    let st;
    try { st = statSync(p); } catch { errors.push(`${p}: no such file or directory`); continue; }
    if (st.isDirectory()) walk(p);
    else out.add(p);
  }
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

type FileReport = PlacedReport;
type Checked = CheckedInput;

function checkFile(path: string, opts: Pick<Options, 'trials' | 'seed' | 'timeBudgetMs'>): Checked {
  return checkPath(path, { trials: opts.trials, seed: opts.seed, timeBudgetMs: opts.timeBudgetMs });
}

/** Files are checked on all cores; the output is assembled in file order, so it never varies. */
async function checkAll(files: string[], opts: Options): Promise<Checked[]> {
  const n = Math.min(files.length, availableParallelism(), 4);
  if (n <= 1) return files.map((f) => checkFile(f, opts));
  // A shared queue, largest files first, so one long file does not wait behind others.
  const queue = [...files].sort((a, b) => sizeOf(b) - sizeOf(a));
  const byPath = new Map<string, Checked>();
  await Promise.all(Array.from({ length: n }, () => new Promise<void>((resolve, reject) => {
    const w = new Worker(__filename, { workerData: { opts: { trials: opts.trials, seed: opts.seed, timeBudgetMs: opts.timeBudgetMs } } });
    const feed = () => {
      const next = queue.shift();
      if (next === undefined) { void w.terminate(); resolve(); } else w.postMessage(next);
    };
    w.on('message', (c: Checked) => { byPath.set(c.path, c); feed(); });
    w.once('error', reject);
    feed();
  })));
  return files.map((f) => byPath.get(f)!);
}

function sizeOf(path: string): number {
  try { return statSync(path).size; } catch { return 0; }
}

async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) { process.stderr.write(`derivcheck: ${err.message}\n${USAGE}\n`); return 2; }
    throw err;
  }
  const errors: string[] = [];
  const files = planInputs(collect(opts.paths, errors));
  const reports: FileReport[] = [];
  for (const c of await checkAll(files, opts)) {
    if (c.error !== undefined) { errors.push(c.error); continue; }
    reports.push(...reportsOf(c, displayPath));
  }
  // A project reports its files in reading order; the output lists files by path.
  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const e of errors) process.stderr.write(`derivcheck: ${e}\n`);
  const out = opts.format === 'json' ? toJson(reports) : opts.format === 'sarif' ? toSarif(reports) : toText(reports, opts.verbose);
  process.stdout.write(out);
  if (errors.length) return 2;
  return reports.some((r) => r.result.summary.refuted > 0) ? 1 : 0;
}

function displayPath(p: string): string {
  const rel = relative(process.cwd(), resolve(p));
  return (rel.startsWith('..') ? resolve(p) : rel).split(sep).join('/');
}

const pos = (r: FileReport, offset: number) => {
  const p = r.place(offset);
  return { line: p.line + 1, column: p.column + 1, cell: p.cell, where: placeName(r.path, p) };
};
const problemPos = (r: FileReport, pr: FileReport['result']['problems'][number]) => {
  const p = r.problemPlace(pr);
  return { line: p.line + 1, column: p.column + 1, cell: p.cell, where: placeName(r.path, p) };
};
/** SARIF regions are in the file itself (a notebook's JSON), where code-scanning tools show them. */
const filePos = (r: FileReport, offset: number, problem?: FileReport['result']['problems'][number]) => {
  const p = problem ? r.problemPlace(problem) : r.place(offset);
  return { line: p.fileLine + 1, column: p.fileColumn + 1, cell: p.cell };
};

function toText(reports: FileReport[], verbose: boolean): string {
  const lines: string[] = [];
  const total = { verified: 0, refuted: 0, unchecked: 0 };
  for (const r of reports) {
    const entries: { offset: number; line: string }[] = [];
    for (const c of r.result.claims) {
      if (c.verdict === 'verified' && !verbose) continue;
      const p = pos(r, c.opStart);
      entries.push({ offset: c.opStart, line: `${p.where}:${p.line}:${p.column}: ${c.message}  [${oneLine(c.text)}]` });
    }
    for (const pr of r.result.problems) {
      const p = problemPos(r, pr);
      entries.push({ offset: pr.start, line: `${p.where}:${p.line}:${p.column}: ${pr.code === 'syntax' ? 'warning' : 'note'}: ${pr.message}` });
    }
    entries.sort((a, b) => a.offset - b.offset);
    lines.push(...entries.map((e) => e.line));
    const s = r.result.summary;
    total.verified += s.verified; total.refuted += s.refuted; total.unchecked += s.unchecked;
  }
  lines.push(`${reports.length} file${reports.length === 1 ? '' : 's'}: ${total.verified} verified, ${total.refuted} refuted, ${total.unchecked} unchecked`);
  return lines.join('\n') + '\n';
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? t.slice(0, 77) + '…' : t;
}

function toJson(reports: FileReport[]): string {
  const summary = { verified: 0, refuted: 0, unchecked: 0 };
  const files = reports.map((r) => {
    const s = r.result.summary;
    summary.verified += s.verified; summary.refuted += s.refuted; summary.unchecked += s.unchecked;
    return {
      path: r.path,
      spans: r.result.spans,
      claims: r.result.claims.map((c) => {
        const a = pos(r, c.opStart);
        const start = pos(r, c.start);
        const end = pos(r, c.end);
        return {
          ...(a.cell !== undefined ? { cell: a.cell } : {}),
          line: a.line, column: a.column, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column,
          relation: c.relation, text: c.text, verdict: c.verdict, code: c.code, message: c.message, details: c.details,
          trials: c.trials, maxError: c.maxError, ...(c.tag ? { tag: c.tag } : {}),
        };
      }),
      problems: r.result.problems.map((p) => {
        const a = problemPos(r, p);
        return { ...(a.cell !== undefined ? { cell: a.cell } : {}), line: a.line, column: a.column, code: p.code, message: p.message };
      }),
    };
  });
  return JSON.stringify({ version: 1, files, summary }, null, 2) + '\n';
}

function toSarif(reports: FileReport[]): string {
  const results: unknown[] = [];
  for (const r of reports) {
    for (const c of r.result.claims) {
      if (c.verdict === 'verified') continue;
      const s = filePos(r, c.start);
      const e = filePos(r, c.end);
      results.push({
        ruleId: c.code === 'shape' ? 'shape' : c.verdict,
        level: c.verdict === 'refuted' ? 'error' : 'note',
        message: { text: [c.message, ...c.details].join('\n') },
        locations: [sarifLocation(r.path, s, e)],
      });
    }
    for (const p of r.result.problems) {
      const s = filePos(r, p.start, p);
      const e = p.at ? s : filePos(r, p.end);
      results.push({
        ruleId: p.code, level: p.code === 'syntax' ? 'warning' : 'note', message: { text: p.message },
        locations: [sarifLocation(r.path, s, { line: e.line, column: e.line === s.line ? Math.max(e.column, s.column + 1) : e.column })],
      });
    }
  }
  const rule = (id: string, text: string) => ({ id, shortDescription: { text } });
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'derivcheck', version: VERSION, rules: [
        rule('refuted', 'A claimed relation does not hold'), rule('shape', 'An expression has inconsistent shapes'),
        rule('unchecked', 'A claim could not be checked'), rule('syntax', 'Math that could not be read'),
        rule('unclosed-math', 'Math that is never closed'), rule('directive', 'A directive that could not be read'),
        rule('declaration', 'A declaration that could not be read'), rule('definition', 'A definition that could not be read'), rule('input', 'Input that could not be read'),
      ] } },
      results,
    }],
  }, null, 2) + '\n';
}

/**
 * A SARIF 2.1.0 location: the region in the file as stored; for a notebook, the cell named by a
 * logical location (`cells[i]`, 0-based as in the JSON) and the `cell` property (1-based).
 */
function sarifLocation(uri: string, s: { line: number; column: number; cell?: number }, e: { line: number; column: number }): unknown {
  const physicalLocation = { artifactLocation: { uri }, region: { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column } };
  if (s.cell === undefined) return { physicalLocation };
  return {
    physicalLocation,
    logicalLocations: [{ name: `cell ${s.cell}`, fullyQualifiedName: `cells[${s.cell - 1}]`, kind: 'element' }],
    properties: { cell: s.cell },
  };
}

if (isMainThread) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: unknown) => {
    process.stderr.write(`derivcheck: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  });
} else {
  // A worker of checkAll: check each file it is sent and hand the result back.
  const { opts } = workerData as { opts: Pick<Options, 'trials' | 'seed' | 'timeBudgetMs'> };
  parentPort!.on('message', (path: string) => parentPort!.postMessage(checkFile(path, opts)));
}

// derivcheck on the command line: the same pipeline as the language server, printed as
// compiler-style lines, JSON, SARIF or GitHub annotations. Exit 0: nothing refuted (or
// --exit-zero); 1: a claim refuted that no comment or baseline suppresses; 2: usage error or
// unreadable input.
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { isMainThread, workerData } from 'node:worker_threads';
import { CODES, codeInfo, explainText } from './codes';
import { PARTLY_READ, UNREADABLE } from './document';
import { findDerivationPaths } from './files/find';
import { checkPath, planInputs, reportsOf, type CheckedInput } from './files/inputs';
import { parseCommandLine, UsageError, USAGE, VERSION, type Options } from './cli/args';
import { applyBaseline, BaselineError, readBaseline, writeBaseline } from './cli/baseline';
import { findingsOf, totals, type FileReport } from './cli/findings';
import { toGithub, toJson, toSarif, toText, type Report } from './cli/formats';
import { runStats, statsLines, type InputTiming } from './cli/stats';
import { WorkerPool, workerCount } from './workers/pool';
import { serveJobs } from './workers/serve';

type CheckSettings = Pick<Options, 'trials' | 'seed' | 'workBudget' | 'timeBudgetMs' | 'maxFileBytes'>;

/** With the wall time of its check in the thread that ran it, for --stats. */
type Checked = CheckedInput & { ms?: number };

/** One path: a Markdown, Quarto, LaTeX (with the files it includes) or notebook file. */
function checkFile(path: string, opts: CheckSettings): Checked {
  const started = performance.now();
  const checked = checkPath(
    path,
    {
      trials: opts.trials,
      seed: opts.seed,
      workBudget: opts.workBudget,
      timeBudgetMs: opts.timeBudgetMs,
      // A project or notebook read as one text is bounded like one file.
      maxReadBytes: opts.maxFileBytes,
    },
    opts.maxFileBytes,
  );
  return { ...checked, ms: performance.now() - started };
}

function settingsOf(o: Options): CheckSettings {
  return {
    trials: o.trials,
    seed: o.seed,
    workBudget: o.workBudget,
    timeBudgetMs: o.timeBudgetMs,
    maxFileBytes: o.maxFileBytes,
  };
}

/**
 * Files are checked on all cores (the shared worker pool, this script as the worker); the output
 * is assembled in file order, so it never varies. A file whose worker dies (out of memory) is
 * reported as not checked, with the reason; the other files' results are kept.
 */
async function checkAll(files: string[], opts: Options): Promise<Checked[]> {
  const settings = settingsOf(opts);
  const n = workerCount(0, { reserveMainThread: false, jobs: files.length });
  const pool = new WorkerPool<string, Checked>({
    workerFile: n > 1 ? __filename : null,
    workerData: { opts: settings },
    size: n,
    runInProcess: (path) => checkFile(path, settings),
    log: (m) => process.stderr.write(`derivcheck: ${m}\n`),
  });
  // Largest files first, so that one long file does not wait behind others.
  const sizes = new Map(files.map((f) => [f, sizeOf(f)]));
  const order = files.map((_, i) => i).sort((a, b) => sizes.get(files[b])! - sizes.get(files[a])!);
  try {
    const checked: Checked[] = new Array(files.length);
    await Promise.all(
      order.map((i) =>
        pool.run(String(i), files[i]).then(
          (c) => {
            checked[i] = c;
          },
          (err: Error) => {
            checked[i] = { path: files[i], error: `${files[i]}: not checked: ${err.message}` };
          },
        ),
      ),
    );
    return checked;
  } finally {
    pool.dispose();
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

async function main(argv: string[]): Promise<number> {
  let command: ReturnType<typeof parseCommandLine>;
  try {
    command = parseCommandLine(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`derivcheck: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case 'explain':
      return explain(command.code);
    case 'check':
      return check(command.options);
  }
}

function explain(code: string | null): number {
  if (code === null) {
    const width = Math.max(...CODES.map((c) => c.code.length));
    process.stdout.write(
      CODES.map((c) => `${c.code.padEnd(width)}  ${c.title}`).join('\n') +
        '\n\nderivcheck explain CODE says more.\n',
    );
    return 0;
  }
  const info = codeInfo(code);
  if (!info) {
    process.stderr.write(
      `derivcheck: no diagnostic code '${code}'; the codes are ${CODES.map((c) => c.code).join(', ')}\n`,
    );
    return 2;
  }
  process.stdout.write(explainText(info));
  return 0;
}

async function check(opts: Options): Promise<number> {
  let baselineKeys: Set<string> | undefined;
  if (opts.baseline !== undefined) {
    try {
      baselineKeys = readBaseline(opts.baseline);
    } catch (err) {
      if (err instanceof BaselineError) {
        process.stderr.write(`derivcheck: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
  }
  const found = await findDerivationPaths(opts.paths);
  const errors = [...found.errors];
  for (const note of found.notes) process.stderr.write(`derivcheck: ${note}\n`);
  const reports: FileReport[] = [];
  const timings: InputTiming[] = [];
  // A LaTeX project is checked once, from its root.
  for (const c of await checkAll(planInputs(found.files), opts)) {
    if (c.error !== undefined) {
      errors.push(c.error);
      continue;
    }
    const placed = reportsOf(c, displayPath);
    reports.push(...placed);
    timings.push(timingOf(c, placed));
  }
  // A project reports its files in reading order; the output lists files by path.
  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const e of errors) process.stderr.write(`derivcheck: ${e}\n`);
  const findings = reports.flatMap(findingsOf);
  if (opts.writeBaseline !== undefined) {
    try {
      writeBaseline(opts.writeBaseline, findings);
    } catch (err) {
      process.stderr.write(
        `derivcheck: cannot write the baseline ${opts.writeBaseline} ` +
          `(${(err as NodeJS.ErrnoException).code ?? err})\n`,
      );
      return 2;
    }
    baselineKeys = readBaseline(opts.writeBaseline);
    applyBaseline(opts.writeBaseline, baselineKeys, findings);
  } else if (baselineKeys && opts.baseline !== undefined)
    applyBaseline(opts.baseline, baselineKeys, findings);
  const report: Report = {
    reports,
    findings,
    totals: totals(reports, findings),
    verbose: opts.verbose,
    baseline: baselineKeys !== undefined,
  };
  if (opts.stats) {
    const cpu = process.cpuUsage();
    report.stats = runStats(reports.length, timings, performance.now(), (cpu.user + cpu.system) / 1000);
  }
  const format = { text: toText, json: toJson, sarif: toSarif, github: toGithub }[opts.format];
  process.stdout.write(format(report));
  if (report.stats)
    for (const line of statsLines(report.stats)) process.stderr.write(`derivcheck: ${line}\n`);
  // A document the reader gave up on, wholly or in part, is unreadable input, whatever was checked
  // in the rest: claims in what was not read would otherwise pass unseen.
  for (const r of reports) {
    const failed = r.result.problems.find(
      (p) => p.code === 'input' && (p.message.startsWith(UNREADABLE) || p.message.startsWith(PARTLY_READ)),
    );
    if (!failed) continue;
    errors.push(`${r.path}: ${failed.message}`);
    process.stderr.write(`derivcheck: ${r.path}: ${failed.message}\n`);
  }
  if (errors.length) return 2;
  if (opts.exitZero || opts.writeBaseline !== undefined) return 0;
  return findings.some((f) => !f.suppressed && f.claim?.verdict === 'refuted') ? 1 : 0;
}

function timingOf(c: Checked, placed: FileReport[]): InputTiming {
  return {
    path: displayPath(c.path),
    bytes: (c.composite?.files ?? []).reduce((n, f) => n + Buffer.byteLength(f.text, 'utf8'), 0),
    // The claims reported: those of the files a root is checked for, not of its context.
    claims: placed.reduce((n, r) => n + r.result.claims.length, 0),
    ms: c.ms ?? 0,
  };
}

function displayPath(p: string): string {
  const rel = relative(process.cwd(), resolve(p));
  return (rel.startsWith('..') ? resolve(p) : rel).split(sep).join('/');
}

if (isMainThread) {
  // The reading rules' regular expressions mostly run a few times each in a CLI run: compiled once,
  // to native code, rather than to bytecode and then again (the server's --no-regexp-tier-up,
  // session 27). Set before any runs, for the workers too (V8's flags are the process's); the CLI
  // keeps no code cache, which other flags would make V8 refuse. Matches are the same either way.
  setFlagsFromString('--no-regexp-tier-up');
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`derivcheck: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 2;
    },
  );
} else {
  // A worker of checkAll: check each file it is sent and hand the result back.
  const { opts } = workerData as { opts: CheckSettings };
  serveJobs((path: string) => checkFile(path, opts));
}

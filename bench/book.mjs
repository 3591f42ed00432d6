// Section 7 (issue #14): the CLI on a whole book — the shared corpus of real chapters — in one
// run, its figures the CLI's own `--stats` (throughput in KB/s and claims/s from Node's start, and
// each chapter's check in the thread that ran it), then file by file (the slowest file, start-up
// included: an upper bound on the time a chapter costs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, now } from './common.mjs';

export const CORPUS = process.env.DERIVCHECK_CORPUS ?? '/work/shared/corpus';
const DOCUMENT = /\.(md|markdown|qmd|Rmd|tex|ipynb)$/;

function files(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (DOCUMENT.test(e.name)) out.push(p);
  }
  return out.sort();
}

function cli(args, nodeArgs) {
  const t = now();
  const r = spawnSync(
    process.execPath,
    [...nodeArgs, join(ROOT, 'dist', 'cli.js'), '--format', 'json', '--stats', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 256 << 20,
    },
  );
  const ms = now() - t;
  let stats = null;
  try {
    stats = JSON.parse(r.stdout).summary.stats;
  } catch {}
  return { ms, claims: stats?.claims ?? Number.NaN, stats, status: r.status };
}

export function runBook({ quick = false, nodeArgs = [] } = {}) {
  if (!existsSync(CORPUS)) return { missing: CORPUS };
  const list = files(CORPUS);
  const bytes = list.reduce((n, f) => n + statSync(f).size, 0);
  const whole = cli([CORPUS], nodeArgs);
  const perFile = quick
    ? []
    : list.map((f) => {
        const { stats, ...rest } = cli([f], nodeArgs);
        return { file: f.slice(CORPUS.length + 1), ...rest };
      });
  const slowest = perFile.reduce((a, b) => (b.ms > (a?.ms ?? -1) ? b : a), null);
  const s = whole.stats;
  return {
    corpus: CORPUS,
    files: list.length,
    bytes: s?.bytes ?? bytes,
    wholeMs: s?.wallMs ?? whole.ms,
    cpuMs: s?.cpuMs ?? Number.NaN,
    claims: whole.claims,
    kbPerSecond: s?.kbPerSecond ?? Number.NaN,
    claimsPerSecond: s?.claimsPerSecond ?? Number.NaN,
    // The chapter whose check took longest within the one run (no start-up; both cores busy).
    slowestInRun: s?.slowest?.[0] ?? null,
    slowest,
    over2s: perFile.filter((f) => f.ms > 2000).map((f) => f.file),
  };
}

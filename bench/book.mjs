// Section 7 (issue #14): the CLI on a whole book — the shared corpus of real chapters — in one
// run (throughput in KB/s and claims/s, Node start-up included), then file by file (the slowest
// file, start-up included: an upper bound on the time a chapter costs).
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
    [...nodeArgs, join(ROOT, 'dist', 'cli.js'), '--format', 'json', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 256 << 20,
    },
  );
  const ms = now() - t;
  let claims = 0;
  try {
    for (const f of JSON.parse(r.stdout).files) claims += f.claims.length;
  } catch {
    claims = NaN;
  }
  return { ms, claims, status: r.status };
}

export function runBook({ quick = false, nodeArgs = [] } = {}) {
  if (!existsSync(CORPUS)) return { missing: CORPUS };
  const list = files(CORPUS);
  const bytes = list.reduce((n, f) => n + statSync(f).size, 0);
  const whole = cli([CORPUS], nodeArgs);
  const perFile = quick ? [] : list.map((f) => ({ file: f.slice(CORPUS.length + 1), ...cli([f], nodeArgs) }));
  const slowest = perFile.reduce((a, b) => (b.ms > (a?.ms ?? -1) ? b : a), null);
  return {
    corpus: CORPUS,
    files: list.length,
    bytes,
    wholeMs: whole.ms,
    claims: whole.claims,
    kbPerSecond: bytes / 1024 / (whole.ms / 1000),
    claimsPerSecond: whole.claims / (whole.ms / 1000),
    slowest,
    over2s: perFile.filter((f) => f.ms > 2000).map((f) => f.file),
  };
}

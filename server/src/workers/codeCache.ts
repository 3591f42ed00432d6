// V8's code cache for the checker's bundle. A worker thread starts cold: it compiles the bundle
// (about 45 ms for 0.9 MB) and then each function on its first call, and the first check of a
// document just opened (issue #14: its first screen) paid for both — about 60 ms more than with
// the functions compiled already. So the worker's entry (cachedEntry.ts) compiles the bundle with
// the bytecode a previous worker left, and once a worker has warmed up it leaves its own. The cache
// is only an accelerator: every failure to read, use or write it falls back to plain compiling, V8
// refuses data made by another V8, with other flags or for a source of another length, and the
// file's name carries a hash of the bundle's path, size and time of writing, the Node version and
// the architecture, so a rebuilt bundle never meets an old cache (hashing its 0.9 MB instead cost
// 9 ms of every start).
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import vm from 'node:vm';

/** `DERIVCHECK_CODE_CACHE`: `off` (no cache), a directory, or unset (the system's temporary one). */
export function codeCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | null {
  const setting = env.DERIVCHECK_CODE_CACHE;
  if (setting === 'off' || setting === '0') return null;
  return setting || join(tmpdir(), 'derivcheck-code-cache');
}

/** Cache files older than this are removed when a worker writes its own (bundles since replaced). */
const STALE_MS = 14 * 24 * 3600 * 1000;

const WRITE = Symbol.for('derivcheck.writeCodeCache');

/**
 * Runs the CommonJS bundle `file` in this thread, compiled with the cache in `directory` when one
 * matches. Returns whether the cache was used; the bundle runs either way.
 */
export function runWithCodeCache(file: string, directory: string | null): boolean {
  const source = readFileSync(file, 'utf8');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const cacheFile = directory ? join(directory, `${cacheKey(file)}.bin`) : null;
  const cachedData = cacheFile ? readOrNull(cacheFile) : null;
  let script: vm.Script;
  try {
    script = new vm.Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  } catch {
    script = new vm.Script(wrapped, { filename: file });
  }
  const used = cachedData !== null && !script.cachedDataRejected;
  if (cacheFile && !used) whenWarm(() => writeCache(script, cacheFile));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return used;
}

/** Called by the checker when it has warmed up: functions compiled by then go into the cache. */
export function codeWarm(): void {
  const write = (globalThis as Record<symbol, unknown>)[WRITE];
  if (typeof write !== 'function') return;
  delete (globalThis as Record<symbol, unknown>)[WRITE];
  write();
}

function whenWarm(write: () => void): void {
  (globalThis as Record<symbol, unknown>)[WRITE] = write;
}

function cacheKey(file: string): string {
  const { size, mtimeMs } = statSync(file);
  return createHash('sha256')
    .update([process.version, process.arch, process.versions.v8, file, size, mtimeMs].join('\0'))
    .digest('hex')
    .slice(0, 24);
}

function readOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

/** Written beside, then renamed: a worker that reads at the same time sees a whole file or none. */
function writeCache(script: vm.Script, cacheFile: string): void {
  try {
    const directory = dirname(cacheFile);
    mkdirSync(directory, { recursive: true });
    removeStale(directory, cacheFile);
    const partial = `${cacheFile}.${process.pid}-${threadId}.part`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // An accelerator only: a read-only or full disk leaves the next worker compiling as before.
  }
}

function removeStale(directory: string, keep: string): void {
  const now = Date.now();
  for (const name of readdirSync(directory)) {
    const file = join(directory, name);
    if (file === keep || !/\.bin$|\.part$/.test(name)) continue;
    try {
      if (now - statSync(file).mtimeMs > STALE_MS) unlinkSync(file);
    } catch {
      // Another worker removed it first.
    }
  }
}

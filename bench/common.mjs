// Shared helpers: statistics, a seeded RNG, a timing loop, and the bundled library.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(BENCH, '..');
const require = createRequire(import.meta.url);
export const loadLib = () => require(join(BENCH, '.out', 'lib.cjs'));

export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least q of the samples at or below it.
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
export const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** mulberry32: a small, fast, seeded generator for reproducible inputs. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const now = () => performance.now();

/**
 * Per-call time of `fn` in milliseconds: warm up, pick a batch size so that one batch takes
 * about `batchMs`, then time `repeats` batches and return the median per-call time (and all of
 * them). Slow functions get fewer repeats so one cell stays under `capMs`.
 */
export function timePerCall(fn, { repeats = 15, batchMs = 20, warmupMs = 100, capMs = 3000 } = {}) {
  let sink = 0;
  const t0 = now();
  let calls = 0;
  do {
    sink += touch(fn());
    calls++;
  } while (now() - t0 < warmupMs && calls < 1e6);
  const per = (now() - t0) / calls;
  const batch = Math.max(1, Math.round(batchMs / Math.max(per, 1e-6)));
  const reps = Math.max(3, Math.min(repeats, Math.floor(capMs / Math.max(per * batch, 1e-3))));
  const samples = [];
  for (let r = 0; r < reps; r++) {
    const s = now();
    for (let i = 0; i < batch; i++) sink += touch(fn());
    samples.push((now() - s) / batch);
  }
  globalThis.__sink = sink;
  return { median: median(samples), samples, batch };
}

function touch(x) {
  if (typeof x === 'number') return x;
  if (x?.data) return x.data[0];
  return 0;
}

export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 0.01) return `${(ms * 1000).toFixed(2)} µs`;
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(0)} ms`;
}

/** The number after `--name` in the arguments, or `fallback`. */
export function numberOption(args, name, fallback) {
  const k = args.indexOf(name);
  return k >= 0 ? Number(args[k + 1]) : fallback;
}

/** The caches the checker worker keeps between edits; without the model cache when `model` is false. */
export function workerContext(L, { model = true } = {}) {
  return {
    cache: new L.CheckCache(),
    readCache: new L.ReadCache(),
    parseCache: new L.ParseCache(),
    ...(model ? { modelCache: new L.ModelCache() } : {}),
  };
}

/** A check job for a Markdown text, as the worker receives one. */
export const markdownJob = (text) => ({
  text,
  kind: 'markdown',
  options: { collectSamples: true },
  inlineMath: false,
});

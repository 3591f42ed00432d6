// Section 1: the engine against mathjs, a hand-written Float64Array loop and numpy, on the
// right-hand sides of typical claims, with the same inputs for every implementation.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { BENCH, loadLib, rng, timePerCall } from './common.mjs';

const require = createRequire(import.meta.url);
/** Loaded on first use, so importing the expressions (bench/hot.mjs) does not load mathjs. */
let math = null;

export const SIZES = [4, 64, 256];

/** The expressions: LaTeX as in a claim, and the same computation for each implementation. */
export const EXPRESSIONS = [
  {
    id: 'residual',
    latex: 'W_2 \\operatorname{diag}(W_1 X_0 > 0) W_1 + I',
    inputs: (n) => ({ W1: [n, n], W2: [n, n], X0: [n] }),
    engine: (E, x, n) => {
      const I = E.Tensor.eye(n);
      return () =>
        E.add(E.matmul(E.matmul(x.W2, E.diag(E.gt(E.matmul(x.W1, x.X0), E.Tensor.scalar(0)))), x.W1), I);
    },
    mathjs: 'W2 * diag(W1 * X0 > 0) * W1 + I',
    mathjsScope: (m, n) => ({ I: m.identity(n) }),
    loop: (a, n) => () => {
      const { W1, W2, X0 } = a;
      const d = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        let s = 0;
        const r = k * n;
        for (let j = 0; j < n; j++) s += W1[r + j] * X0[j];
        d[k] = s > 0 ? 1 : 0;
      }
      const out = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        const ci = i * n;
        for (let k = 0; k < n; k++) {
          const c = W2[ci + k] * d[k];
          const bk = k * n;
          for (let j = 0; j < n; j++) out[ci + j] += c * W1[bk + j];
        }
        out[ci + i] += 1;
      }
      return out;
    },
    numpy: 'W2 @ np.diag((W1 @ X0 > 0).astype(np.float64)) @ W1 + np.eye(n)',
  },
  {
    id: 'softmax-jacobian',
    latex: '\\operatorname{diag}(s) - s s^\\top',
    inputs: (n) => ({ s: [n] }),
    softmax: 's',
    engine: (E, x) => () => E.sub(E.diag(x.s), E.matmul(x.s, E.transpose(x.s))),
    mathjs: "diag(squeeze(s)) - s * s'",
    mathjsColumn: ['s'],
    loop: (a, n) => () => {
      const s = a.s;
      const out = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        const si = s[i],
          r = i * n;
        for (let j = 0; j < n; j++) out[r + j] = -si * s[j];
        out[r + i] += si;
      }
      return out;
    },
    numpy: 'np.diag(s) - np.outer(s, s)',
  },
  {
    id: 'ridge',
    latex: '\\|y - Xw\\|^2 + \\|\\Gamma w\\|^2',
    inputs: (n) => ({ X: [n, n], G: [n, n], y: [n], w: [n] }),
    engine: (E, x) => {
      const two = E.Tensor.scalar(2);
      return () =>
        E.add(E.pow(E.norm2(E.sub(x.y, E.matmul(x.X, x.w))), two), E.pow(E.norm2(E.matmul(x.G, x.w)), two));
    },
    mathjs: 'norm(y - X * w)^2 + norm(G * w)^2',
    loop: (a, n) => () => {
      const { X, G, y, w } = a;
      let s1 = 0,
        s2 = 0;
      for (let i = 0; i < n; i++) {
        let xw = 0,
          gw = 0;
        const r = i * n;
        for (let j = 0; j < n; j++) {
          xw += X[r + j] * w[j];
          gw += G[r + j] * w[j];
        }
        const e = y[i] - xw;
        s1 += e * e;
        s2 += gw * gw;
      }
      return s1 + s2;
    },
    numpy: 'np.linalg.norm(y - X @ w)**2 + np.linalg.norm(G @ w)**2',
  },
];

function makeInputs(expr, n, seed) {
  const r = rng(seed);
  const out = {};
  for (const [name, shape] of Object.entries(expr.inputs(n))) {
    const size = shape.reduce((a, b) => a * b, 1);
    const a = new Float64Array(size);
    for (let i = 0; i < size; i++) a[i] = 2 * r() - 1;
    if (expr.softmax === name) {
      let m = -Infinity,
        t = 0;
      for (const v of a) m = Math.max(m, v);
      for (let i = 0; i < size; i++) {
        a[i] = Math.exp(a[i] - m);
        t += a[i];
      }
      for (let i = 0; i < size; i++) a[i] /= t;
    }
    out[name] = { shape, data: a };
  }
  return out;
}

function toNested(shape, data) {
  if (shape.length === 1) return Array.from(data);
  const [m, n] = shape;
  return Array.from({ length: m }, (_, i) => Array.from(data.subarray(i * n, (i + 1) * n)));
}

/** Σ xᵢ·(1 + i mod 7): a weighted sum, so results that merely sum alike do not agree by accident. */
const weighted = (xs) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += Number(xs[i]) * (1 + (i % 7));
  return s;
};
const checksum = (x) => {
  if (typeof x === 'number') return x;
  if (x instanceof Float64Array) return weighted(x);
  if (x?.data) return weighted(x.data);
  if (x && typeof x.valueOf === 'function') {
    const v = x.valueOf();
    return typeof v === 'number' ? v : weighted(v.flat(Infinity));
  }
  return NaN;
};

export function numpyAvailable() {
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', 'import numpy, sys; print(numpy.__version__, sys.version.split()[0])'], {
      encoding: 'utf8',
    });
    if (r.status === 0) return { python: py, version: r.stdout.trim() };
  }
  return null;
}

export function runEngine({ quick = false } = {}) {
  const { E } = loadLib();
  math ??= require('mathjs');
  const repeats = quick ? 5 : 15;
  const capMs = quick ? 800 : 2000;
  const np = numpyAvailable();
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-bench-'));
  const rows = [];
  const pyJobs = [];
  try {
    for (const expr of EXPRESSIONS) {
      for (const n of SIZES) {
        const inputs = makeInputs(expr, n, 1000 + n);
        const tensors = Object.fromEntries(
          Object.entries(inputs).map(([k, v]) => [k, E.Tensor.from(v.shape, v.data)]),
        );
        const raw = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.data]));
        const scope = {
          ...Object.fromEntries(
            Object.entries(inputs).map(([k, v]) => [
              k,
              expr.mathjsColumn?.includes(k)
                ? math.matrix(Array.from(v.data, (x) => [x]))
                : math.matrix(toNested(v.shape, v.data)),
            ]),
          ),
          ...(expr.mathjsScope ? expr.mathjsScope(math, n) : {}),
        };
        const compiled = math.compile(expr.mathjs);
        const impls = {
          engine: expr.engine(E, tensors, n),
          mathjs: () => compiled.evaluate(scope),
          loop: expr.loop(raw, n),
        };
        const row = { expr: expr.id, latex: expr.latex, n, ms: {}, checksum: {} };
        for (const [name, fn] of Object.entries(impls)) {
          row.checksum[name] = checksum(fn());
          row.ms[name] = timePerCall(fn, { repeats, capMs }).median;
        }
        rows.push(row);
        if (np) {
          const files = {};
          for (const [k, v] of Object.entries(inputs)) {
            const f = join(dir, `${expr.id}-${n}-${k}.f64`);
            writeFileSync(f, Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength));
            files[k] = { file: f, shape: v.shape };
          }
          pyJobs.push({ key: `${expr.id}/${n}`, n, stmt: expr.numpy, files });
        }
      }
    }
    let numpy = {
      available: false,
      reason: 'numpy not importable by /usr/bin/python3 or python3 (Debian: apt-get install python3-numpy)',
    };
    if (np) {
      const spec = join(dir, 'jobs.json');
      writeFileSync(spec, JSON.stringify({ jobs: pyJobs, repeats: quick ? 5 : 15, capMs }));
      const r = spawnSync(np.python, [join(BENCH, 'peer_numpy.py'), spec], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (r.status === 0) {
        const out = JSON.parse(r.stdout);
        numpy = { available: true, python: np.python, version: np.version, blas: out.blas };
        for (const row of rows) {
          const res = out.results[`${row.expr}/${row.n}`];
          if (res) {
            row.ms.numpy = res.median_ms;
            row.checksum.numpy = res.checksum;
          }
        }
      } else {
        numpy = {
          available: false,
          reason: `numpy peer failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`,
        };
      }
    }
    for (const row of rows) {
      const ref = row.checksum.loop;
      row.agree = Object.values(row.checksum).every((c) => Math.abs(c - ref) <= 1e-6 * (1 + Math.abs(ref)));
    }
    return { rows, numpy };
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

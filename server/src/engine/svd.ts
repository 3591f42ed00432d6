// Singular value decomposition by one-sided Jacobi (Hestenes). It is slower than Golub–Kahan but
// short, unconditionally convergent and accurate for the small matrices derivations contain.
import { allocate, chargeWork } from './budget';
import { matrixDims, transposedShape } from './matmul';
import { Tensor } from './tensor';

export interface SVD {
  /** m×r with orthonormal columns (r = min(m,n)). */
  u: Tensor;
  /** r singular values, descending. */
  s: Tensor;
  /** n×r with orthonormal columns; A = U diag(s) Vᵀ. */
  v: Tensor;
}

const MAX_SWEEPS = 80;

/** Jacobi on the columns of a tall m×n matrix (m ≥ n), given column-major. */
function jacobiTall(
  cols: Float64Array,
  m: number,
  n: number,
): { u: Float64Array; s: Float64Array; v: Float64Array } {
  const v = new Float64Array(n * n); // column-major too
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    // A sweep rotates every pair of columns: about m·n² multiply-adds, counted before it runs.
    chargeWork(m * n * n);
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0,
          beta = 0,
          gamma = 0;
        const op = p * m,
          oq = q * m;
        for (let i = 0; i < m; i++) {
          const x = cols[op + i],
            y = cols[oq + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        // Columns already orthogonal to working precision: rotating would only add noise.
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = cols[op + i],
            y = cols[oq + i];
          cols[op + i] = c * x - s * y;
          cols[oq + i] = s * x + c * y;
        }
        const vp = p * n,
          vq = q * n;
        for (let i = 0; i < n; i++) {
          const x = v[vp + i],
            y = v[vq + i];
          v[vp + i] = c * x - s * y;
          v[vq + i] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const s = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let ss = 0;
    for (let i = 0; i < m; i++) ss += cols[j * m + i] ** 2;
    s[j] = Math.sqrt(ss);
    if (s[j] > 0) for (let i = 0; i < m; i++) cols[j * m + i] /= s[j];
  }
  return { u: cols, s, v };
}

/** Thin SVD of a scalar, vector (as a column) or matrix. */
export function svd(a: Tensor): SVD {
  const [m, n] = matrixDims(a, 'svd');
  const tall = m >= n;
  // Work on A or Aᵀ so the Jacobi loop always sees at least as many rows as columns.
  const rows = tall ? m : n,
    cols = tall ? n : m;
  const work = allocate(rows * cols, 'svd');
  const A = a.data;
  // Column-major copy of the tall matrix: column j of A is row-major stride n; column j of Aᵀ is row j of A.
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) work[j * rows + i] = tall ? A[i * n + j] : A[j * n + i];
  }
  const r = jacobiTall(work, rows, cols);
  const order = Array.from({ length: cols }, (_, i) => i).sort((x, y) => r.s[y] - r.s[x]);
  const k = cols;
  const uOut = allocate(rows * k, 'svd');
  const vOut = allocate(cols * k, 'svd');
  const sOut = allocate(k, 'svd');
  order.forEach((src, dst) => {
    sOut[dst] = r.s[src];
    for (let i = 0; i < rows; i++) uOut[i * k + dst] = r.u[src * rows + i];
    for (let i = 0; i < cols; i++) vOut[i * k + dst] = r.v[src * cols + i];
  });
  const left = new Tensor([rows, k], uOut),
    right = new Tensor([cols, k], vOut),
    sv = new Tensor([k], sOut);
  return tall ? { u: left, s: sv, v: right } : { u: right, s: sv, v: left };
}

export function singularValues(a: Tensor): Tensor {
  return svd(a).s;
}

/** The numerical-rank cutoff used by numpy and MATLAB. */
export function rankTolerance(m: number, n: number, sMax: number): number {
  return Math.max(m, n) * Number.EPSILON * sMax;
}

export function rank(a: Tensor): Tensor {
  const [m, n] = matrixDims(a, 'rank');
  const s = svd(a).s.data;
  const tol = rankTolerance(m, n, s[0] ?? 0);
  let r = 0;
  for (let i = 0; i < s.length; i++) if (s[i] > tol) r++;
  return Tensor.scalar(r);
}

/** Moore–Penrose inverse V Σ⁺ Uᵀ; singular values under the rank tolerance count as zero. */
export function pinv(a: Tensor): Tensor {
  const [m, n] = matrixDims(a, 'pseudo-inverse');
  const { u, s, v } = svd(a);
  const k = s.size;
  const tol = rankTolerance(m, n, s.data[0] ?? 0);
  const out = allocate(n * m, 'pseudo-inverse');
  const U = u.data,
    V = v.data;
  for (let l = 0; l < k; l++) {
    const sl = s.data[l];
    if (!(sl > tol)) continue;
    const inv = 1 / sl;
    for (let i = 0; i < n; i++) {
      const vi = V[i * k + l] * inv;
      if (vi === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += vi * U[j * k + l];
    }
  }
  return new Tensor(transposedShape(a.shape), out);
}

/** ‖A‖₂, the largest singular value (Euclidean length for vectors). */
export function normSpectral(a: Tensor): Tensor {
  return Tensor.scalar(svd(a).s.data[0] ?? 0);
}

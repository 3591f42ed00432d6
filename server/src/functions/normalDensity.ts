// The normal density written with a semicolon, `\mathcal{N}(x; \mu, \sigma^2)`: the value of the
// density at x, as generative-model notes write it (the law alone is `\mathcal{N}(\mu, \sigma^2)`).
// A scalar x has a variance; a vector x has a covariance matrix or, written `\sigma^2 I` and read
// as a number times the identity, an isotropic variance.
import * as E from '../engine';
import type { AdContext, Dual } from '../engine';

const TWO_PI = E.constant(E.Tensor.scalar(2 * Math.PI));
const HALF = E.constant(E.Tensor.scalar(0.5));

export function normalDensity([x, mean, spread]: Dual[], ctx: AdContext): Dual {
  if (x.v.rank > 1 || mean.v.rank > 1)
    throw new E.ShapeError(
      'the normal density \\mathcal{N}(x; \\mu, \\Sigma) needs x and \\mu scalars or vectors',
    );
  // `\mathcal{N}(0; 0, I_2)`: a written 0 beside a covariance matrix is the zero vector of its size.
  const zeros =
    spread.v.rank === 2 && isConstantZero(x) && isConstantZero(mean)
      ? E.constant(E.Tensor.zeros([spread.v.shape[0]]))
      : null;
  const r = zeros ?? E.dSub(x, mean, ctx);
  const d = r.v.size;
  if (spread.v.rank === 2) {
    const [rows, cols] = spread.v.shape;
    if (r.v.rank !== 1 || rows !== d || cols !== d)
      throw new E.ShapeError(
        `the covariance of \\mathcal{N}(x; \\mu, \\Sigma) must be ${d}×${d} for x of length ${d}, ` +
          `got ${rows}×${cols}: write the covariance of x's size`,
      );
    if (!positiveDefinite(spread.v)) throw new E.DomainError('a covariance matrix must be positive definite');
    const quad = E.dSum(E.dMul(r, E.dSolve(spread, r), ctx));
    const norm = E.dSqrt(E.dDet(E.dMul(TWO_PI, spread, ctx)), ctx);
    return E.dDiv(E.dExp(E.dMul(E.dNeg(HALF, ctx), quad, ctx), ctx), norm, ctx);
  }
  if (spread.v.rank !== 0)
    throw new E.ShapeError('the variance of \\mathcal{N}(x; \\mu, \\sigma^2) must be a number or a matrix');
  if (!(spread.v.data[0] > 0)) throw new E.DomainError('a variance must be positive');
  // An isotropic normal in d dimensions: (2πσ²)^{-d/2} exp(-|x - μ|²/(2σ²)).
  const quad = E.dDiv(E.dSum(E.dMul(r, r, ctx)), spread, ctx);
  const norm = E.dPow(E.dMul(TWO_PI, spread, ctx), E.constant(E.Tensor.scalar(d / 2)), ctx);
  return E.dDiv(E.dExp(E.dMul(E.dNeg(HALF, ctx), quad, ctx), ctx), norm, ctx);
}

function isConstantZero(a: Dual): boolean {
  return a.v.rank === 0 && a.v.data[0] === 0 && a.d === null;
}

/** Symmetric with a Cholesky factor: what a covariance must be for the density to exist. */
function positiveDefinite(a: E.Tensor): boolean {
  const n = a.shape[0];
  const m = a.data;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++)
      if (Math.abs(m[i * n + j] - m[j * n + i]) > 1e-9 * (1 + Math.abs(m[i * n + j]))) return false;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = m[j * n + j];
    for (let k = 0; k < j; k++) s -= l[j * n + k] ** 2;
    if (!(s > 0)) return false;
    l[j * n + j] = Math.sqrt(s);
    for (let i = j + 1; i < n; i++) {
      let t = m[i * n + j];
      for (let k = 0; k < j; k++) t -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = t / l[j * n + j];
    }
  }
  return true;
}

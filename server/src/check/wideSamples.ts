// An inequality is a claim about every member of the declared sets, and the usual samples stay in
// a window (normal reals, ℤ in −5…5, ℕ in 1…8, ℝ>0 in 0.1…10) where `x < 5`, `k < 9` and
// `e^x < 1000` hold. An inequality verified there is looked at again with scalars drawn far wider;
// a counterexample found there refutes it, and anything else keeps the first verdict.
import { type Rng, Tensor } from '../engine';
import type { DeclSpec } from '../model/types';

/** How far the second look reaches: magnitudes up to this, and down to its inverse for ℝ>0. */
export const WIDE_REACH = 1e3;

const logUniform = (rng: Rng, lo: number, hi: number) =>
  Math.exp(Math.log(lo) + rng.uniform() * Math.log(hi / lo));

// The logarithms of the ranges the loops below draw from, taken once: the same numbers as
// logUniform's (Math.log of the same argument), without two logarithms per entry of a 64×64 matrix.
const LOG_TENTH = Math.log(0.1);
const LOG_TENTH_SPAN = Math.log(WIDE_REACH / 0.1);
const LOG_INVERSE_REACH = Math.log(1 / WIDE_REACH);
const LOG_INVERSE_SPAN = Math.log(WIDE_REACH / (1 / WIDE_REACH));

/** A wide sample of an unbounded set, or null for a set the usual samples already span. */
export function wideSample(spec: DeclSpec, shape: number[], rng: Rng): Tensor | null {
  const fixed = spec.zeroDiagonal || spec.oneHot || spec.orthogonal || spec.made;
  if ((spec.symmetric && spec.set !== 'spd') || fixed) return null;
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(size);
  const signed = () => (rng.uniform() < 0.5 ? -1 : 1) * Math.exp(LOG_TENTH + rng.uniform() * LOG_TENTH_SPAN);
  const reaching = () => Math.exp(LOG_INVERSE_REACH + rng.uniform() * LOG_INVERSE_SPAN);
  switch (spec.set) {
    case 'real':
      for (let i = 0; i < size; i++) data[i] = signed();
      break;
    case 'positive':
      for (let i = 0; i < size; i++) data[i] = reaching();
      break;
    case 'integer':
      for (let i = 0; i < size; i++) data[i] = Math.round(signed());
      break;
    case 'natural':
      for (let i = 0; i < size; i++) data[i] = Math.max(1, Math.round(logUniform(rng, 1, WIDE_REACH)));
      break;
    case 'interval': {
      const lo = spec.lo!;
      const hi = spec.hi!;
      if (Number.isFinite(lo) && Number.isFinite(hi)) return null;
      for (let i = 0; i < size; i++) {
        if (Number.isFinite(lo)) data[i] = lo + reaching();
        else if (Number.isFinite(hi)) data[i] = hi - reaching();
        else data[i] = signed();
      }
      break;
    }
    case 'spd': {
      // c (A Aᵀ/n + δI): any scale, and a smallest eigenvalue that may be small, where the usual
      // A Aᵀ + nI is always above the identity (S₁₁ > 1, det S > 1 held at every usual sample).
      const n = shape[0];
      const a = new Float64Array(n * n);
      for (let i = 0; i < a.length; i++) a[i] = rng.normal();
      const c = logUniform(rng, 1 / WIDE_REACH, WIDE_REACH);
      const delta = logUniform(rng, 0.01, 1);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += a[i * n + k] * a[j * n + k];
          data[i * n + j] = c * (s / n + (i === j ? delta : 0));
        }
      break;
    }
    default:
      return null;
  }
  return Tensor.adopt(shape, data);
}

/**
 * The values the look at the seams draws from: whole numbers and halves near 0, so few that two
 * letters tie in most claims' twenty trials.
 */
const SEAMS = [-2, -1, -0.5, 0, 0.5, 1, 2];
const POSITIVE_SEAMS = [0.5, 1, 1.5, 2];

/**
 * A sample on the seams of a claim's pieces: where ⌊x⌋ and ⌈x⌉ jump (whole numbers), where a rounding
 * turns (halves), where |x| and sign x bend (0), and — drawn from so few values — where two letters
 * tie (max(x, y) at x = y). The usual samples never land there, so `\lceil a \rceil - \lfloor a \rfloor =
 * 1` and `\operatorname{sign}(x)^2 = 1` held at every one of them. Null for sets whose usual samples are already whole.
 */
export function seamSample(spec: DeclSpec, shape: number[], rng: Rng): Tensor | null {
  const fixed = spec.zeroDiagonal || spec.oneHot || spec.orthogonal || spec.made || spec.symmetric;
  if (fixed || (spec.set !== 'real' && spec.set !== 'positive')) return null;
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(size);
  const values = spec.set === 'positive' ? POSITIVE_SEAMS : SEAMS;
  for (let i = 0; i < size; i++) data[i] = values[Math.floor(rng.uniform() * values.length)];
  return Tensor.adopt(shape, data);
}

// Both sides compared at one sample: equality within tolerance, orders, the Loewner order.
import type { TrialResult } from './results';
import { estimateSafety } from './precision';
import { Unsupported } from '../errors';
import type { Runner } from '../claim';
import { choleskySucceeds, sub, Tensor } from '../../engine';
import { sameShape } from './values';
import { RELATION_TEXT } from './generic';
import { CONGRUENCE_NOT_DECIDED } from './congruence';

export interface Comparison {
  ok: boolean;
  err: number;
  /** Some element was accepted by the absolute floor alone. */
  byFloor?: boolean;
  /** Of those elements, whether one had a nonzero left (right) value within the floor: a value the
   * comparison cannot tell from 0, unlike noise against an exact 0. */
  floorLeftNonzero?: boolean;
  floorRightNonzero?: boolean;
}

/**
 * Elementwise comparison with a relative tolerance and an absolute floor tied to the scale.
 * `byFloor` says that some element was accepted by the floor alone (1e−30 against 0): for numbers
 * that is confirmed in higher precision, since rounding noise and a small true value look alike here.
 */
export function compare(runner: Runner, r: TrialResult, absExtra: number): Comparison {
  const op = runner.claim.op;
  if (op === '\\succ' || op === '\\prec' || op === '\\succeq' || op === '\\preceq') return loewner(runner, r);
  if (runner.claim.modulus)
    throw new Unsupported(CONGRUENCE_NOT_DECIDED, runner.claim.opStart, runner.claim.opEnd);
  // Far outside the usual window (wideSamples.ts) a strict inequality whose sides meet within the
  // tolerance (tanh 779 < 1, e^{-x²} > 0 at x = 30) is rounding, not a counterexample.
  const lenient = runner.claim.settings.widened === true;
  if (r.hp) {
    const { equal, rel, left, right } = r.hp;
    const c = equal ? 0 : left.comparedTo(right);
    if (lenient && equal && (op === '<' || op === '>')) return { ok: true, err: rel };
    switch (op) {
      case '=':
      case '\\approx':
        return { ok: equal, err: rel };
      case '\\neq':
        return { ok: !equal, err: equal ? 1 : 0 };
      case '<':
        return { ok: c < 0, err: rel };
      case '>':
        return { ok: c > 0, err: rel };
      case '\\le':
        return { ok: c <= 0, err: rel };
      case '\\ge':
        return { ok: c >= 0, err: rel };
    }
  }
  const a = r.left.data;
  const b = r.right.data;
  const n = Math.max(a.length, b.length);
  const at = (d: Float64Array, i: number) => (d.length === 1 ? d[0] : d[i]);
  // A product that cancelled to rounding (q₁ᵀq₂ after Gram–Schmidt) is 0 to the size of its terms.
  let scale = Math.max(r.trial.scale, r.trial.precision.cancelledScale);
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  const tol = runner.tolerance;
  // A difference within what the quadrature estimates it may be off is no evidence either way.
  let estimated = 0;
  for (const [method, q] of r.trial.estimates)
    estimated += estimateSafety(method) * (q.relative * scale + q.absolute);
  const absTol = tol * scale + absExtra + estimated;
  if ((op === '=' || op === '\\approx') && a.length === b.length)
    return equalEntries(a, b, tol, absTol, scale);
  let ok = true;
  let err = 0;
  let byFloor = false;
  let floorLeftNonzero = false;
  let floorRightNonzero = false;
  for (let i = 0; i < n; i++) {
    const x = at(a, i);
    const y = at(b, i);
    if (Number.isNaN(x) || Number.isNaN(y)) return { ok: false, err: 1 };
    const d = Math.abs(x - y);
    const m = Math.max(Math.abs(x), Math.abs(y));
    const close = d <= Math.max(tol * m, absTol);
    if (close && d > tol * m) {
      byFloor = true;
      // A nonzero value the floor would swallow whole (0 would pass for it too) is below resolution.
      if (x !== 0 && Math.abs(x) <= absTol) floorLeftNonzero = true;
      if (y !== 0 && Math.abs(y) <= absTol) floorRightNonzero = true;
    }
    // Rounding noise against an exact 0 (A A^{-1} = I off the diagonal) is measured against the
    // scale of the claim, so the reported difference says what the comparison accepted.
    const rel = m === 0 ? 0 : close && d > tol * m ? d / Math.max(m, scale) : d / m;
    if (op === '=' || op === '\\approx') {
      err = Math.max(err, rel);
      if (!close) ok = false;
    } else if (op === '\\neq') {
      if (close) {
        ok = false;
        err = Math.max(err, 1);
      }
    } else if (op === '<') {
      if (lenient ? !(x < y) && !close : !(x < y) || close) ok = false;
    } else if (op === '>') {
      if (lenient ? !(x > y) && !close : !(x > y) || close) ok = false;
    } else if (op === '\\le') {
      if (!(x <= y) && !close) ok = false;
    } else if (op === '\\ge') {
      if (!(x >= y) && !close) ok = false;
    } else
      throw new Unsupported(`the relation ${op} is not checked`, runner.claim.opStart, runner.claim.opEnd);
  }
  return { ok, err, byFloor, floorLeftNonzero, floorRightNonzero };
}

/**
 * The loop below for `=` and `≈` between sides of one size, without the per-entry dispatch on the
 * relation and on broadcasting: the same arithmetic in the same order (a 64×64 Jacobian claim
 * compares 4,096 entries twice per trial).
 */
function equalEntries(
  a: Float64Array,
  b: Float64Array,
  tol: number,
  absTol: number,
  scale: number,
): Comparison {
  let ok = true;
  let err = 0;
  let byFloor = false;
  let floorLeftNonzero = false;
  let floorRightNonzero = false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) || Number.isNaN(y)) return { ok: false, err: 1 };
    const d = Math.abs(x - y);
    const m = Math.max(Math.abs(x), Math.abs(y));
    const close = d <= Math.max(tol * m, absTol);
    const floor = close && d > tol * m;
    if (floor) {
      byFloor = true;
      if (x !== 0 && Math.abs(x) <= absTol) floorLeftNonzero = true;
      if (y !== 0 && Math.abs(y) <= absTol) floorRightNonzero = true;
    }
    const rel = m === 0 ? 0 : floor ? d / Math.max(m, scale) : d / m;
    err = Math.max(err, rel);
    if (!close) ok = false;
  }
  return { ok, err, byFloor, floorLeftNonzero, floorRightNonzero };
}

/**
 * `A \succeq B`: A − B is positive semidefinite (≻: definite), between symmetric matrices of one
 * size; 0 stands for the zero matrix. Between numbers the symbols are not read as > (they also
 * write preference orders), so the claim is left unchecked.
 */
export function loewner(runner: Runner, r: TrialResult): { ok: boolean; err: number } {
  const op = runner.claim.op;
  const where = [runner.claim.opStart, runner.claim.opEnd] as const;
  const zero = (t: Tensor) => t.size === 1 && t.data[0] === 0;
  const left = zero(r.left) && r.right.rank === 2 ? Tensor.zeros(r.right.shape) : r.left;
  const right = zero(r.right) && r.left.rank === 2 ? Tensor.zeros(r.left.shape) : r.right;
  const n = left.shape[0];
  if (left.rank !== 2 || !sameShape([...left.shape], [...right.shape]) || left.shape[1] !== n)
    throw new Unsupported(
      `${RELATION_TEXT[op]} is read as the positive-definite order between square matrices of one ` +
        'size; between numbers write > or ≥',
      ...where,
    );
  const [big, small] = op === '\\succ' || op === '\\succeq' ? [left, right] : [right, left];
  let scale = r.trial.scale;
  for (const t of [left, right]) for (const x of t.data) scale = Math.max(scale, Math.abs(x));
  const d = sub(big, small);
  const slack = runner.tolerance * scale * n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++)
      if (Math.abs(d.data[i * n + j] - d.data[j * n + i]) > slack)
        throw new Unsupported(
          'the positive-definite order compares symmetric matrices, and the difference of the ' +
            'sides is not symmetric here',
          ...where,
        );
  // Semidefinite: allow rounding below zero; definite: ask for a margin above it.
  const strict = op === '\\succ' || op === '\\prec';
  const ok = choleskySucceeds(d, strict ? -slack : slack);
  return { ok, err: ok ? 0 : 1 };
}

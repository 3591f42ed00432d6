// Jacobians in one pass. Forward-mode AD with one tangent per input entry repeats the whole
// evaluation k times; for the common shape of deep-learning claims (affine maps, elementwise
// activations, sums of such, as in a residual block) all k tangent directions can be carried
// at once as a k×n matrix, so a 64-wide Jacobian costs two matrix products instead of 64
// passes. The plan is decided statically; anything outside its small vocabulary returns null
// and the caller uses the general one-direction-per-pass route.
import { familyKey } from '../model/recurrences';
import * as E from '../engine';
import { Tensor } from '../engine';
import type { Node, SymNode } from '../math/tree';
import { children } from '../model/names';
import type { Entry } from '../model/types';
import { functionNamed, type FunctionEntry } from '../functions/registry';
import type { CompileEnv, Fn } from './evaluate';
import { Resample } from './errors';
import type { Trial } from './trial';
import * as V from './values';

/** Tangents of all k directions: `D[j, …]` is the tangent along e_j; 'I' is the identity. */
interface Batched {
  v: Tensor;
  D: Tensor | 'I' | null;
}
type Plan = (t: Trial, x: Tensor) => Batched;

/** Thrown when a case the plan cannot handle shows up at run time (the caller falls back). */
export class NoBatch extends Error {}

export type JacobianPlan = (t: Trial, x: Tensor) => { v: Tensor; D: Tensor | 'I' | null };

/** `compile` is passed in rather than imported: evaluate.ts calls this planner, so importing it back would
 * make a cycle. */
export function planJacobian(
  of: Node,
  target: string,
  c: CompileEnv,
  compile: (n: Node, c: CompileEnv) => Fn,
): JacobianPlan | null {
  const depends = dependence(target, c);
  const plans = new Map<Entry, Plan | null>();

  const build = (n: Node): Plan | null => {
    if (!depends(n)) {
      const f: Fn = compile(n, { ...c, free: [] });
      return (t) => {
        const v = f(t);
        if (V.isIdentity(v)) throw new NoBatch();
        return { v: v.v, D: null };
      };
    }
    switch (n.kind) {
      case 'sym': {
        if (n.name === target) return (_t, x) => ({ v: x, D: 'I' });
        const e = c.env.lookup(n.name, c.block);
        if (e && e.kind === 'def' && e.params === null && e.indices === null) {
          if (!plans.has(e)) {
            plans.set(e, null);
            plans.set(e, build(e.expr));
          }
          const p = plans.get(e);
          return p ?? null;
        }
        return null;
      }
      case 'group':
        return n.items.length === 1 && n.open === '(' ? build(n.items[0]) : null;
      case 'neg': {
        const a = build(n.operand);
        return (
          a &&
          ((t, x) => {
            const r = a(t, x);
            return { v: E.neg(r.v), D: negD(r.D, x.size) };
          })
        );
      }
      // `f (x)^2` may be a call: the general path decides.
      case 'bin':
        return n.apply ? null : buildBinary(n, build, depends);
      case 'call': {
        if (n.args.length !== 1 || n.sup || n.sub) return null;
        const f = functionNamed(n.fn);
        const a = f && f.kind === 'elementwise' ? build(n.args[0]) : null;
        if (!f || !a) return null;
        return (t, x) => {
          const r = a(t, x);
          if (r.v.rank !== 1) throw new NoBatch();
          const { v, slope } = slopes(f, r.v, t, n);
          return { v, D: scaleColumns(r.D, slope, x.size) };
        };
      }
      default:
        return null;
    }
  };

  const plan = build(of);
  return plan;
}

function buildBinary(
  n: Extract<Node, { kind: 'bin' }>,
  build: (n: Node) => Plan | null,
  depends: (n: Node) => boolean,
): Plan | null {
  const a = build(n.left);
  const b = build(n.right);
  if (!a || !b) return null;
  if (n.op === '+' || n.op === '-') {
    const sign = n.op === '+' ? 1 : -1;
    return (t, x) => {
      const ra = a(t, x),
        rb = b(t, x);
      if (!E.sameShape(ra.v.shape, rb.v.shape)) throw new NoBatch();
      const v = sign > 0 ? E.add(ra.v, rb.v) : E.sub(ra.v, rb.v);
      return { v, D: addD(ra.D, sign > 0 ? rb.D : negD(rb.D, x.size), x.size) };
    };
  }
  // `u \times v` of two vectors is the cross product, which this plan does not batch.
  if (n.op !== 'juxt' && n.op !== 'cdot') return null;
  if (depends(n.left) && depends(n.right)) return null;
  if (depends(n.right)) {
    // Constant on the left: a number, or a matrix applied to a column.
    return (t, x) => {
      const ra = a(t, x),
        rb = b(t, x);
      if (ra.v.rank === 0) return { v: E.scale(rb.v, ra.v.data[0]), D: scaleD(rb.D, ra.v.data[0], x.size) };
      if (ra.v.rank !== 2 || rb.v.rank !== 1 || ra.v.shape[1] !== rb.v.shape[0]) throw new NoBatch();
      const v = E.matmul(ra.v, rb.v);
      const At = E.transpose(ra.v);
      const D = rb.D === null ? null : rb.D === 'I' ? At : E.matmul(rb.D, At);
      return { v, D: D === null ? null : E.reshape(D, [x.size, ...v.shape]) };
    };
  }
  return (t, x) => {
    const ra = a(t, x),
      rb = b(t, x);
    if (rb.v.rank !== 0) throw new NoBatch();
    return { v: E.scale(ra.v, rb.v.data[0]), D: scaleD(ra.D, rb.v.data[0], x.size) };
  };
}

/** Which nodes depend on the target, through definitions (memoised, cycle-safe). */
function dependence(target: string, c: CompileEnv): (n: Node) => boolean {
  const byNode = new Map<Node, boolean>();
  const byEntry = new Map<Entry, boolean>();
  const entryDepends = (e: Entry): boolean => {
    if (byEntry.has(e)) return byEntry.get(e)!;
    byEntry.set(e, false);
    const r = e.kind === 'def' || e.kind === 'case' ? visit(e.expr) : false;
    byEntry.set(e, r);
    return r;
  };
  const symDepends = (s: SymNode): boolean => {
    if (s.name === target || (s.subText !== null && s.stem === target)) return true;
    // A member of a recurrence (`h_2` of `h_t = W h_{t-1}` from `h_0`) may depend on anything its
    // rule or start does: the plan leaves it to the derivative by passes.
    if (s.subText !== null && c.env.lookup(familyKey(s.stem), c.block)?.kind === 'def') return true;
    const e = c.env.lookup(s.name, c.block) ?? (s.subText !== null ? c.env.lookup(s.stem, c.block) : null);
    return e ? entryDepends(e) : false;
  };
  const visit = (n: Node): boolean => {
    const known = byNode.get(n);
    if (known !== undefined) return known;
    let r = false;
    if (n.kind === 'sym') r = symDepends(n);
    else if (n.kind === 'apply') r = symDepends(n.f) || n.args.some(visit);
    else r = children(n).some(visit);
    byNode.set(n, r);
    return r;
  };
  return visit;
}

// ---- tangent algebra over k directions ------------------------------------------------------

function full(D: Tensor | 'I', k: number): Tensor {
  return D === 'I' ? Tensor.eye(k) : D;
}

function addD(a: Tensor | 'I' | null, b: Tensor | 'I' | null, k: number): Tensor | 'I' | null {
  if (a === null) return b;
  if (b === null) return a;
  return E.add(full(a, k), full(b, k));
}

function negD(a: Tensor | 'I' | null, k: number): Tensor | 'I' | null {
  return a === null ? null : E.neg(full(a, k));
}

function scaleD(a: Tensor | 'I' | null, s: number, k: number): Tensor | 'I' | null {
  return a === null ? null : E.scale(full(a, k), s);
}

/** D ⊙ slope on every direction's row (the chain rule of an elementwise function). */
function scaleColumns(D: Tensor | 'I' | null, slope: Float64Array, k: number): Tensor | 'I' | null {
  if (D === null) return null;
  const n = slope.length;
  if (D === 'I') {
    const out = new Float64Array(k * n);
    for (let j = 0; j < k; j++) out[j * n + j] = slope[j];
    return Tensor.adopt([k, n], out);
  }
  if (D.size !== k * n) throw new NoBatch();
  const out = new Float64Array(k * n);
  const d = D.data;
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) out[j * n + i] = d[j * n + i] * slope[i];
  return Tensor.adopt([k, n], out);
}

/**
 * An elementwise function's values and slopes f'(x_i), from its dual along a tangent of ones:
 * every elementwise entry of the registry is differentiable here without a rule of its own.
 */
function slopes(f: FunctionEntry, x: Tensor, t: Trial, n: Node): { v: Tensor; slope: Float64Array } {
  const before = t.ad.kink;
  t.ad.kink = false;
  const y = V.dualOf(V.call(f, [{ v: x, d: Tensor.ones([...x.shape]) }], n), n);
  if (t.ad.kink) throw new Resample('kink', `a sample landed on a kink of ${f.name}`);
  t.ad.kink = before;
  return { v: y.v, slope: y.d ? Float64Array.from(y.d.data) : new Float64Array(x.size) };
}

/** The Jacobian laid out as §6 says, from all-direction tangents (k = size of x). */
export function jacobianFrom(r: { v: Tensor; D: Tensor | 'I' | null }, x: Tensor): Tensor | null {
  const k = x.size;
  if (r.D === null) return null;
  const D = full(r.D, k);
  if (r.v.rank === 0) return E.reshape(D, [...x.shape]);
  if (r.v.rank !== 1 || D.size !== k * r.v.shape[0]) return null;
  // J[i, j] = ∂y_i/∂x_j = D[j, i].
  const m = r.v.shape[0];
  const out = new Float64Array(m * k);
  for (let j = 0; j < k; j++) for (let i = 0; i < m; i++) out[i * k + j] = D.data[j * m + i];
  return Tensor.adopt([m, k], out);
}

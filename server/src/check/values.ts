// The checker's value semantics on top of the engine's dual kernels: what juxtaposition, `/`,
// `^`, norms and function names mean for scalars, vectors (columns) and matrices. Shape errors
// surface as ShapeMismatch with the node's range; domain problems ask for a new sample.
import * as E from '../engine';
import { notationPieces, PIECEWISE_FUNCTIONS } from './pieces';
import { Tensor, EngineError, WorkExhausted } from '../engine';
import type { CmpOp, Node, PostOp } from '../math/tree';
import {
  acceptsArity,
  arityText,
  displayName,
  functionNamed,
  type Domain,
  type FunctionEntry,
} from '../functions/registry';
import { OverBudget, Resample, ShapeMismatch, UnsizedBasis, Unsupported } from './errors';
import {
  largeDividend,
  largePeriodicArgument,
  magnitude,
  nearlyConstant,
  nearlyOne,
  type PrecisionLog,
} from './precision';
import {
  columnProductReading,
  commutatorReading,
  matrixExponentialReading,
  type ReadingsLog,
} from './readingsLog';
import { formatNumber } from './format';
import { criticalValueOf } from './criticalValues';

/** Multiply-adds one matrix product may take (about 20 ms). */
const FLOP_BUDGET = 2e7;

export type Dual = E.Dual;
/** The identity of a size fixed by its context (`W D W + I`), times a scalar. */
export interface IdentityVal {
  kind: 'identity';
  scale: Dual;
}
export type Val = Dual | IdentityVal;

const ctx = new E.AdContext();
/** The AD context whose kink flag the current trial reads. */
export function setAdContext(c: E.AdContext): void {
  current = c;
}
let current: E.AdContext = ctx;
/** What double precision lost in the current trial (see precision.ts); null outside trials. */
let precision: PrecisionLog | null = null;
export function setPrecisionLog(p: PrecisionLog | null): void {
  precision = p;
}
export function precisionLog(): PrecisionLog | null {
  return precision;
}
/** Notation the current trial read one way of two (see readingsLog.ts); null outside trials. */
let readings: ReadingsLog | null = null;
export function setReadingsLog(r: ReadingsLog | null): void {
  readings = r;
}

const lg = (x: number) => Math.log10(Math.abs(x));
const short = (x: number) => formatNumber(x, 3);
/** Operands at entry i of a broadcast pair, or null when either is 0 or not finite (nothing was lost). */
function operands(a: Tensor, b: Tensor, i: number): [number, number] | null {
  const x = a.size === 1 ? a.data[0] : a.data[i];
  const y = b.size === 1 ? b.data[0] : b.data[i];
  return x !== 0 && y !== 0 && Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}
/** Rounding noise in the tangents of forward differentiation is followed as in values. */
function tangentNoise(r: Dual, a: Dual, b: Dual | null, op: 'add' | 'mul' | 'div' | 'neg'): void {
  if (!precision || !r.d) return;
  const ad = a.d?.data,
    bd = b?.d?.data,
    rd = r.d.data;
  if (op === 'add') {
    if (ad && bd) precision.markSum(ad, bd, rd);
    else if (ad ?? bd) precision.carry((ad ?? bd) as Float64Array, rd);
  } else if (op === 'neg') {
    if (ad) precision.scaled(ad, ad, rd, 'neg');
  } else if (b && op === 'mul') {
    if (ad && !bd) precision.scaled(ad, b.v.data, rd, 'mul');
    else if (bd && !ad) precision.scaled(bd, a.v.data, rd, 'mul');
  } else if (b && ad && !bd) precision.scaled(ad, b.v.data, rd, 'div');
}

function logProduct(a: Tensor, b: Tensor, r: Tensor): void {
  precision?.scaled(a.data, b.data, r.data, 'mul');
  precision?.result(r.data, (i) => {
    const o = operands(a, b, i);
    return o && `${short(o[0])} · ${short(o[1])} ≈ ${magnitude(lg(o[0]) + lg(o[1]))}`;
  });
}

export function isIdentity(v: Val): v is IdentityVal {
  return (v as IdentityVal).kind === 'identity';
}

export function scalar(x: number): Dual {
  return { v: Tensor.scalar(x), d: null };
}
export function filledVector(n: number, value: number, node: Node): Dual {
  if (!(n >= 1 && n <= 1_000_000)) throw new Unsupported(`a vector of size ${n}`, node.start, node.end);
  return { v: Tensor.full([n], value), d: null };
}
export function zerosOf(n: number): Dual {
  return { v: Tensor.zeros([n]), d: null };
}
/** A constant tensor (a symbol's table, such as ε_{ijk}). */
export function constantTensor(shape: number[], data: number[]): Dual {
  return { v: Tensor.from(shape, data), d: null };
}

export function identity(): IdentityVal {
  return { kind: 'identity', scale: scalar(1) };
}
export function identityOf(n: number, node: Node): Dual {
  if (!(n >= 1 && n <= 4096)) throw new Unsupported(`identity of size ${n}`, node.start, node.end);
  return { v: Tensor.eye(n), d: null };
}
/** The size its context gives an unsized 𝟏 while the part of an expression holding it is evaluated. */
let onesSize: number | null = null;
export const ONES_UNSIZED = 'the size of 𝟏 cannot be inferred here; write \\mathbf{1}_n';

export function ones(): Val {
  const size = onesSize ?? claimOnesSize;
  if (size !== null) return { v: Tensor.full([size], 1), d: null };
  throw new Unsupported(ONES_UNSIZED, 0, 0);
}

/** The standard basis vector e_k of ℝ^n: a one at index k (from 1), zeros elsewhere. */
export function basisVector(n: number, index: Val, node: Node): Dual {
  const k = tensorOf(index, node);
  const p = k.data[0];
  if (k.size !== 1 || !Number.isInteger(p))
    throw new Unsupported('the index of a basis vector must be a whole number', node.start, node.end);
  if (p < 1 || p > n) throw new Unsupported(`index ${p} is outside 1…${n}`, node.start, node.end);
  const data = new Array<number>(n).fill(0);
  data[p - 1] = 1;
  return { v: Tensor.from([n], data), d: null };
}

/** The claim's one vector length (check/onesLength.ts), for a 𝟏 nothing closer sizes. */
let claimOnesSize: number | null = null;

/** Evaluates `f` with an unsized 𝟏 that nothing around it sizes taking `size`. */
export function withClaimOnesSize<T>(size: number, f: () => T): T {
  const before = claimOnesSize;
  claimOnesSize = size >= 1 && size <= 1_000_000 ? size : null;
  try {
    return f();
  } finally {
    claimOnesSize = before;
  }
}

/**
 * Evaluates `f` with an unsized 𝟏 taking `size`, as a reader sizes `A\mathbf{1}` by A's columns or
 * `z + c\mathbf{1}` by z. When the shapes then fail, the size was guessed, not written: unchecked.
 */
export function withOnesSize<T>(size: number | null, f: () => T): T {
  const before = onesSize;
  // A part that fixes no size (`c\mathbf{1}`) keeps the one its own context gave.
  const sets = size !== null && size >= 1 && size <= 1_000_000;
  if (sets) onesSize = size;
  try {
    return f();
  } catch (err) {
    if (sets && err instanceof ShapeMismatch) throw new Unsupported(ONES_UNSIZED, err.start, err.end);
    throw err;
  } finally {
    onesSize = before;
  }
}

/** Whether an error is an unsized 𝟏 that its context did not size. */
export function isUnsizedOnes(err: unknown): boolean {
  return (err instanceof Unsupported && err.message === ONES_UNSIZED) || err instanceof UnsizedBasis;
}

/** The length of the vector an unsized 𝟏 beside `v` takes: its rows (a number or identity gives none). */
export function rowsOf(v: Val): number | null {
  if (isIdentity(v)) return null;
  return v.v.rank >= 1 ? v.v.shape[0] : null;
}

/** The columns of a matrix (a vector or number gives none: `x\mathbf{1}^\top` fixes no size). */
export function columnCount(v: Val): number | null {
  if (isIdentity(v)) return null;
  return v.v.rank === 2 ? v.v.shape[1] : null;
}
const ZEROS_UNSIZED = 'the size of 𝟎 cannot be inferred here; write \\mathbf{0}_n';
export function zeros(): Val {
  throw new Unsupported(ZEROS_UNSIZED, 0, 0);
}

/** The zero of another value's shape (a side written `\mathbf{0}` beside it); the identity gives none. */
export function zerosLike(other: Val): Val {
  if (isIdentity(other)) throw new Unsupported(ZEROS_UNSIZED, 0, 0);
  return { v: Tensor.full([...other.v.shape], 0), d: null };
}

export function describeShape(shape: readonly number[]): string {
  if (shape.length === 0) return 'scalar';
  if (shape.length === 1) return `vector of ${shape[0]}`;
  return `${shape.join('×')} ${shape.length === 2 ? 'matrix' : 'tensor'}`;
}

/** Runs an engine kernel, turning its errors into the checker's. */
function run<T>(node: Node, f: () => T): T {
  try {
    return f();
  } catch (err) {
    // The claim's work budget ran out: the trial loop decides what that means.
    if (err instanceof WorkExhausted) throw err;
    if (err instanceof EngineError) {
      const code = (err as EngineError & { code?: string }).code;
      if (code === 'shape') throw new ShapeMismatch(err.message, node.start, node.end);
      if (code === 'singular') throw new Resample('singular', err.message);
      if (code === 'domain') throw new Resample('domain', err.message);
      if (code === 'budget') throw new Unsupported(`over budget: ${err.message}`, node.start, node.end);
    }
    throw err;
  }
}

/**
 * A side of a relation that is the identity of no inferred size (`R^\top R = I`) takes the size of
 * the other side when that is a square matrix, as a reader sizes it.
 */
export function identitySizedBy(v: Val, other: () => Val): Val {
  if (!isIdentity(v)) return v;
  const o = other();
  if (isIdentity(o)) return v;
  const s = o.v.shape;
  return s.length === 2 && s[0] === s[1] ? materialize(v, s[0]) : v;
}

export function materialize(v: Val, n: number): Dual {
  if (!isIdentity(v)) return v;
  const I: Dual = { v: Tensor.eye(n), d: null };
  if (v.scale.d || v.scale.v.rank !== 0) return E.dMul(I, v.scale, current);
  // A number times I, scaled where it was made: the entries E.dMul gives (1·s, and 0·s, which is −0
  // for a negative s), without a second n×n matrix (`W_2 D W_1 + I` at n = 64, three looks of 20
  // trials: bench/README.md, session 29).
  const s = v.scale.v.data[0];
  const data = I.v.data;
  for (let i = 0; i < data.length; i++) data[i] *= s;
  return I;
}

export const IDENTITY_UNSIZED = 'the size of the identity I cannot be inferred here; write I_n';

export function dualOf(v: Val, node: Node): Dual {
  if (isIdentity(v)) {
    // `\mathcal{N}(0, I)` beside `x_0 \in \mathbb{R}^d`: the claim's one vector length sizes it too.
    if (claimOnesSize !== null) return materialize(v, claimOnesSize);
    throw new Unsupported(IDENTITY_UNSIZED, node.start, node.end);
  }
  return v;
}
export function tensorOf(v: Val, node: Node): Tensor {
  return dualOf(v, node).v;
}

/**
 * While set, an identity beside a number is the 1×1 identity: the text set a size the claim reaches
 * to 1, so its matrices are 1×1 and each equals its number (check/identityOfOne.ts).
 */
export const identityOfOneReading = { on: false };

function squareSize(d: Dual, node: Node, what: string): number {
  const s = d.v.shape;
  if (s.length === 2 && s[0] === s[1]) return s[0];
  if (s.length === 0 && identityOfOneReading.on) return 1;
  throw new ShapeMismatch(
    `cannot ${what} the identity and a ${describeShape(s)}: the identity needs a square partner`,
    node.start,
    node.end,
  );
}

function sameShapeOrScalar(a: Dual, b: Dual, node: Node, verb: string): void {
  const sa = a.v.shape;
  const sb = b.v.shape;
  if (sa.length === 0 || sb.length === 0) return;
  if (sa.length === sb.length && sa.every((x, i) => x === sb[i])) return;
  // One entry each (a vector of 1, a 1×1 matrix, as when the text sets n = d = 1): both are numbers.
  if (sa.every((x) => x === 1) && sb.every((x) => x === 1)) return;
  throw new ShapeMismatch(
    `cannot ${verb} a ${describeShape(sa)} and a ${describeShape(sb)}`,
    node.start,
    node.end,
  );
}

export function neg(a: Val, node: Node): Val {
  if (isIdentity(a)) return { kind: 'identity', scale: E.dNeg(a.scale, current) };
  const r = run(node, () => E.dNeg(a, current));
  precision?.scaled(a.v.data, a.v.data, r.v.data, 'neg');
  tangentNoise(r, a, null, 'neg');
  return r;
}

export function add(a: Val, b: Val, node: Node): Val {
  if (isIdentity(a) && isIdentity(b)) return { kind: 'identity', scale: E.dAdd(a.scale, b.scale, current) };
  if (isIdentity(a)) a = materialize(a, squareSize(b as Dual, node, 'add'));
  if (isIdentity(b)) b = materialize(b, squareSize(a, node, 'add'));
  sameShapeOrScalar(a, b, node, 'add');
  const A = a,
    B = b as Dual;
  const r = run(node, () => E.dAdd(A, B, current));
  precision?.sum(A.v.data, B.v.data, r.v.data);
  tangentNoise(r, A, B, 'add');
  return r;
}

export function sub(a: Val, b: Val, node: Node): Val {
  return add(a, neg(b, node), node);
}

export function hadamard(a: Val, b: Val, node: Node): Val {
  const A = dualOf(a, node),
    B = dualOf(b, node);
  sameShapeOrScalar(A, B, node, 'multiply elementwise');
  const r = run(node, () => E.dMul(A, B, current));
  logProduct(A.v, B.v, r.v);
  tangentNoise(r, A, B, 'mul');
  return r;
}

/** The entries of a vector written as a column ([k] or k×1), or null for anything else. */
function vectorLength(v: Val): number | null {
  if (isIdentity(v)) return null;
  const s = v.v.shape;
  if (s.length === 1 && s[0] > 1) return s[0];
  if (s.length === 2 && s[1] === 1 && s[0] > 1) return s[0];
  return null;
}

/**
 * `a \times b`: between two vectors the cross product, which exists for vectors of 3 entries (a
 * matrix product of two columns is never what × means); between anything else the product.
 */
export function times(a: Val, b: Val, node: Node): Val {
  const la = vectorLength(a);
  const lb = vectorLength(b);
  if (la === null || lb === null) return product(a, b, node, 'matmul');
  if (la !== 3 || lb !== 3)
    throw new Unsupported(
      `u \\times v of vectors with ${la} and ${lb} entries: the cross product is defined for vectors ` +
        'of 3 entries; declare them in \\mathbb{R}^3, or write the product you mean with \\cdot or ^\\top',
      node.start,
      node.end,
    );
  return run(node, () => E.dCross(a as Dual, b as Dual));
}

/** Juxtaposition, `\cdot`, `\times`: scaling, dot product or matrix product. */
export function product(a: Val, b: Val, node: Node, mode: 'matmul' | 'dot' | 'hadamard'): Val {
  if (isIdentity(a) && isIdentity(b)) return { kind: 'identity', scale: E.dMul(a.scale, b.scale, current) };
  if (isIdentity(a)) {
    const B = b as Dual;
    return B.v.rank === 0
      ? { kind: 'identity', scale: E.dMul(a.scale, B, current) }
      : run(node, () => E.dMul(a.scale, B, current));
  }
  if (isIdentity(b)) {
    const A = a;
    return A.v.rank === 0
      ? { kind: 'identity', scale: E.dMul(A, b.scale, current) }
      : run(node, () => E.dMul(A, b.scale, current));
  }
  const A = a,
    B = b;
  if (mode === 'matmul' && columnProductReading.entrywise?.has(node) && sameColumns(A, B))
    return hadamard(A, B, node);
  if (A.v.rank === 0 || B.v.rank === 0 || mode === 'hadamard') {
    if (mode === 'hadamard') sameShapeOrScalar(A, B, node, 'multiply');
    const r = run(node, () => E.dMul(A, B, current));
    logProduct(A.v, B.v, r.v);
    tangentNoise(r, A, B, 'mul');
    return r;
  }
  // A product with diag(v) scales rows or columns: n² work instead of n³ (W_2 D W_1).
  if (!A.d && !B.d && A.v.rank === 2 && B.v.rank === 2 && A.v.shape[1] === B.v.shape[0]) {
    if (DIAGONALS.has(B.v)) return { v: scaleColumns(A.v, B.v), d: null };
    if (DIAGONALS.has(A.v)) return { v: scaleRows(B.v, A.v), d: null };
  }
  // One product is not interruptible: keep its arithmetic within what takes a moment.
  const flops = A.v.size * (B.v.rank === 2 ? B.v.shape[1] : 1);
  if (flops > FLOP_BUDGET)
    throw new OverBudget(`a matrix product of ${describeShape(A.v.shape)} by ${describeShape(B.v.shape)}`);
  if (mode === 'dot' && A.v.rank === 1 && B.v.rank === 1) {
    if (A.v.shape[0] !== B.v.shape[0])
      throw new ShapeMismatch(
        `cannot take the dot product of vectors of ${A.v.shape[0]} and ${B.v.shape[0]}`,
        node.start,
        node.end,
      );
    const dot = run(node, () => E.dMatmul(E.dTranspose(A), B));
    logCancelledProduct(E.transpose(A.v), B.v, dot.v);
    return dot;
  }
  const r = run(node, () => E.dMatmul(A, B));
  logCancelledProduct(A.v, B.v, r.v);
  return r;
}

/** Two columns of one length, whose matrix product cannot be formed. */
function sameColumns(a: Dual, b: Dual): boolean {
  const n = vectorLength(a);
  return n !== null && n === vectorLength(b) && a.v.rank === b.v.rank;
}

/** Past this many entries a product's terms are not sized again (the check costs a second product). */
const MAX_SIZED_PRODUCT = 4096;

/**
 * Sizes the terms of each entry of r = a·b (Σ_k |a_ik||b_kj|): an entry that cancelled to the last
 * bits of its terms (q₁ᵀq₂ = 1.1e−16 after Gram–Schmidt) is rounding noise, compared against 0 at
 * the size of those terms; an entry small because its terms are (t·1 + 1·0 at t = 10⁻¹²) is not.
 */
function logCancelledProduct(a: Tensor, b: Tensor, r: Tensor): void {
  if (!precision || r.size > MAX_SIZED_PRODUCT || a.size * b.size > MAX_SIZED_PRODUCT * 64) return;
  let terms: Tensor;
  try {
    // The engine's kernel: Float64Array.from with a mapping function iterates generically, and was
    // most of a 64-wide Jacobian claim's time (17 → 57 ms).
    terms = E.matmul(E.abs(a), E.abs(b));
  } catch {
    return;
  }
  if (terms.size === r.size) precision.cancelledProduct(r.data, terms.data);
}

/** Matrices made by diag(vector): products with them need only their diagonal. */
const DIAGONALS = new WeakSet<Tensor>();

function scaleColumns(a: Tensor, d: Tensor): Tensor {
  const [m, n] = a.shape;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) out[i * n + j] = a.data[i * n + j] * d.data[j * n + j];
  return Tensor.adopt([m, n], out);
}

function scaleRows(b: Tensor, d: Tensor): Tensor {
  const [m, n] = b.shape;
  const k = d.shape[0];
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const s = d.data[i * k + i];
    for (let j = 0; j < n; j++) out[i * n + j] = b.data[i * n + j] * s;
  }
  return Tensor.adopt([m, n], out);
}

export function divide(a: Val, b: Val, node: Node): Val {
  const B = dualOf(b, node);
  if (B.v.size !== 1) {
    const A0 = dualOf(a, node);
    sameShapeOrScalar(A0, B, node, 'divide');
    if (A0.v.rank === 0)
      throw new ShapeMismatch(
        `cannot divide a number by a ${describeShape(B.v.shape)}`,
        node.start,
        node.end,
      );
  }
  const Bs =
    B.v.rank === 0 || B.v.size !== 1
      ? B
      : { v: Tensor.scalar(B.v.data[0]), d: B.d ? Tensor.scalar(B.d.data[0]) : null };
  for (const x of Bs.v.data) if (x === 0) throw new Resample('nan', 'division by zero');
  if (isIdentity(a)) return { kind: 'identity', scale: E.dDiv(a.scale, Bs, current) };
  const A = a;
  const r = run(node, () => E.dDiv(A, Bs, current));
  precision?.scaled(A.v.data, Bs.v.data, r.v.data, 'div');
  tangentNoise(r, A, Bs, 'div');
  precision?.result(r.v.data, (i) => {
    const o = operands(A.v, Bs.v, i);
    return o && `${short(o[0])} / ${short(o[1])} ≈ ${magnitude(lg(o[0]) - lg(o[1]))}`;
  });
  return r;
}

export function power(a: Val, b: Val, node: Node): Val {
  const B = dualOf(b, node);
  if (isIdentity(a)) {
    if (B.v.rank !== 0) throw new ShapeMismatch('the identity to a tensor power', node.start, node.end);
    return { kind: 'identity', scale: E.dPow(a.scale, B, current) };
  }
  const A = a;
  if (A.v.rank === 2 && B.v.size === 1) {
    // A matrix power: A^k = A A … A, A^{-k} = (A^{-1})^k.
    const k = B.v.data[0];
    if (!Number.isInteger(k)) {
      // D^{-1/2} of a degree or variance matrix: a diagonal matrix's power is its diagonal's, the
      // one reading every author shares; any other matrix's fractional power has several.
      if (isDiagonalSquare(A)) return diagonalPower(A, B, node);
      throw new Unsupported(
        'a matrix to a non-integer power is not evaluated unless the matrix is diagonal (here it is ' +
          'not at the sample): write the power of a diagonal matrix, or the root you mean by name',
        node.start,
        node.end,
      );
    }
    if (A.v.shape[0] !== A.v.shape[1])
      throw new ShapeMismatch(
        `cannot raise a ${describeShape(A.v.shape)} to a power: it is not square`,
        node.start,
        node.end,
      );
    if (B.d)
      throw new Unsupported(
        'differentiating a matrix power with respect to its exponent',
        node.start,
        node.end,
      );
    if (Math.abs(k) > 1e6) throw new OverBudget(`a matrix to the power ${k}`);
    // Square and multiply: log2|k| products, not |k|.
    let base: Dual = k < 0 ? run(node, () => E.dInv(A)) : A;
    let acc: Dual = { v: Tensor.eye(A.v.shape[0]), d: null };
    for (let e = Math.abs(k); e > 0; e = Math.floor(e / 2)) {
      if (e % 2 === 1) {
        const a = acc,
          b = base;
        acc = run(node, () => E.dMatmul(a, b));
      }
      if (e > 1) {
        const b = base;
        base = run(node, () => E.dMatmul(b, b));
      }
    }
    precision?.result(acc.v.data, (i) =>
      Number.isFinite(acc.v.data[i]) ? null : `a matrix to the power ${short(k)}`,
    );
    checkFinite(acc, 'the matrix power is not a finite number');
    return acc;
  }
  const Bv: Dual =
    B.v.rank !== 0 && B.v.size === 1
      ? { v: Tensor.scalar(B.v.data[0]), d: B.d ? Tensor.scalar(B.d.data[0]) : null }
      : B;
  if (Bv === B) sameShapeOrScalar(A, B, node, 'raise');
  const r = run(node, () => E.dPow(A, Bv, current));
  if (A.d && r.d && !Bv.d) precision?.chain(A.d.data, r.d.data);
  precision?.result(r.v.data, (i) => {
    const o = operands(A.v, Bv.v, i);
    return o && `${short(o[0])}^${short(o[1])} ≈ ${magnitude(o[1] * lg(o[0]))}`;
  });
  if (precision) nearlyOne(precision, A.v.data, Bv.v.data);
  checkFinite(r, powerUndefined(A.v, Bv.v));
  return r;
}

/** Square, with every entry off the diagonal (and its derivative) exactly 0 at this sample. */
function isDiagonalSquare(a: Dual): boolean {
  if (a.v.rank !== 2 || a.v.shape[0] !== a.v.shape[1]) return false;
  const n = a.v.shape[0];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      if (a.v.data[i * n + j] !== 0 || (a.d && a.d.data[i * n + j] !== 0)) return false;
    }
  return true;
}

function diagonalPower(a: Dual, b: Dual, node: Node): Val {
  const entries = run(node, () => E.dDiag(a));
  const raised = power(entries, b, node);
  if (isIdentity(raised)) throw new Unsupported('a diagonal power of the identity', node.start, node.end);
  const r = run(node, () => E.dDiag(raised));
  if (!r.d) DIAGONALS.add(r.v);
  return r;
}

export function postfix(op: PostOp, a: Val, node: Node): Val {
  if (isIdentity(a)) {
    if (op === 'T') return a;
    return { kind: 'identity', scale: E.dDiv(scalar(1), a.scale, current) };
  }
  const A = a;
  switch (op) {
    case 'T':
      return run(node, () => E.dTranspose(A));
    case 'inv': {
      if (A.v.rank === 0) return divide(scalar(1), A, node);
      return run(node, () => E.dInv(A));
    }
    case 'invT':
      return run(node, () => E.dTranspose(E.dInv(A)));
    case 'pinv': {
      if (A.d)
        throw new Unsupported('the derivative of a pseudo-inverse is not evaluated', node.start, node.end);
      return { v: run(node, () => E.pinv(A.v)), d: null };
    }
  }
}

export function norm(a: Val, p: Val | 'F' | null, node: Node): Val {
  const A = dualOf(a, node);
  if (A.v.rank === 0) {
    notationPieces.met = true;
    return run(node, () => E.dAbs(A, current));
  }
  if (p === 'F') return run(node, () => E.dNormFro(A, current));
  const isVector = A.v.rank === 1 || (A.v.rank === 2 && (A.v.shape[0] === 1 || A.v.shape[1] === 1));
  const pv = p === null ? 2 : tensorOf(p, node).data[0];
  // Every p-norm but the Euclidean one is piecewise in the entries' signs.
  if (pv !== 2) notationPieces.met = true;
  if (isVector) {
    if (pv === 2) return run(node, () => E.dNorm2(A, current));
    if (pv === Infinity) return run(node, () => E.dMax(E.dAbs(A, current), current));
    return run(node, () => E.dNormP(A, pv, current));
  }
  if (pv === 2) {
    if (A.d)
      throw new Unsupported(
        'the derivative of a matrix 2-norm is not evaluated; use \\|A\\|_F',
        node.start,
        node.end,
      );
    return { v: run(node, () => E.normSpectral(A.v)), d: null };
  }
  // The norms induced by the vector 1- and ∞-norms: the largest column and row sums of |a_ij|.
  if ((pv === 1 || pv === Infinity) && A.v.rank === 2) {
    if (A.d)
      throw new Unsupported(
        `the derivative of a matrix ${pv === 1 ? '1' : '∞'}-norm is not evaluated`,
        node.start,
        node.end,
      );
    return scalar(inducedNorm(A.v, pv === 1 ? 'columns' : 'rows'));
  }
  throw new Unsupported(`the matrix ${pv}-norm is not evaluated`, node.start, node.end);
}

function inducedNorm(a: Tensor, along: 'rows' | 'columns'): number {
  const [m, n] = a.shape;
  let best = 0;
  for (let outer = 0; outer < (along === 'rows' ? m : n); outer++) {
    let sum = 0;
    for (let inner = 0; inner < (along === 'rows' ? n : m); inner++)
      sum += Math.abs(along === 'rows' ? a.data[outer * n + inner] : a.data[inner * n + outer]);
    if (!(sum <= best)) best = sum;
  }
  return best;
}

export function compare(op: CmpOp, a: Val, b: Val, node: Node): Val {
  const A = dualOf(a, node),
    B = dualOf(b, node);
  notationPieces.met = true;
  sameShapeOrScalar(A, B, node, 'compare');
  const f = { '<': E.lt, '>': E.gt, '\\le': E.le, '\\ge': E.ge, '=': E.eq, '\\neq': E.ne } as Record<
    string,
    ((x: Tensor, y: Tensor) => Tensor) | undefined
  >;
  if (op === '\\mid') {
    // a ∣ b: a divides b (whole numbers).
    const out = A.v.size === 1 && B.v.size === 1 ? divides(A.v.data[0], B.v.data[0]) : null;
    if (out === null) throw new Unsupported('∣ (divides) needs two whole numbers', node.start, node.end);
    return scalar(out);
  }
  const k = f[op];
  if (!k)
    throw new Unsupported(
      op === '\\other'
        ? 'a relation or set operation other than <, ≤, >, ≥, =, ≠ (∩, ∪, ⊂, ⊥, …) is not evaluated as ' +
            'a value: an event is evaluated when written as a relation of numbers (X = 1, X ≤ t)'
        : `'${op}' is not evaluated as a value`,
      node.start,
      node.end,
    );
  if (A.d || B.d) {
    // A comparison is flat except where its sides meet: a kink for the derivative.
    const diff = run(node, () => E.sub(A.v, B.v));
    for (const x of diff.data) if (Math.abs(x) < 1e-9) current.kink = true;
  }
  return { v: run(node, () => k(A.v, B.v)), d: null };
}

/** Both of two comparisons' truths (0 or 1): the links of a chain `a < x < b`. */
export function both(a: Val, b: Val, node: Node): Val {
  const A = dualOf(a, node),
    B = dualOf(b, node);
  sameShapeOrScalar(A, B, node, 'compare');
  return { v: run(node, () => E.mul(A.v, B.v)), d: null };
}

function divides(a: number, b: number): number | null {
  if (!Number.isInteger(a) || !Number.isInteger(b)) return null;
  if (a === 0) return b === 0 ? 1 : 0;
  return b % a === 0 ? 1 : 0;
}

export function select(mask: Val, a: Val, b: Val, node: Node): Val {
  const M = dualOf(mask, node);
  const notM: Dual = { v: run(node, () => E.sub(Tensor.scalar(1), M.v) as Tensor), d: null };
  return add(product(M, a, node, 'hadamard'), product(notM, b, node, 'hadamard'), node);
}

export function kron(a: Val, b: Val, node: Node): Val {
  const A = dualOf(a, node),
    B = dualOf(b, node);
  return run(node, () => E.dKron(A, B));
}

/** `x * w`: multiplication for numbers; convolution or correlation of two sequences. */
export function star(a: Val, b: Val, node: Node, mode: 'convolution' | 'correlation'): Val {
  const A = dualOf(a, node),
    B = dualOf(b, node);
  if (A.v.rank === 0 || B.v.rank === 0) return run(node, () => E.dMul(A, B, current));
  const x = flattenRow(A),
    w = flattenRow(B);
  if (x.v.rank === 1 && w.v.rank === 1) {
    return mode === 'convolution'
      ? run(node, () => E.dConvFull(x, w))
      : run(node, () => E.dConv(x, w, 1, 0, 1));
  }
  return product(A, B, node, 'matmul');
}

function asVector(a: Dual): Dual {
  if (a.v.rank !== 0) return a;
  return { v: Tensor.from([1], a.v.data), d: a.d ? Tensor.from([1], a.d.data) : null };
}

function flattenRow(a: Dual): Dual {
  if (a.v.rank === 2 && (a.v.shape[0] === 1 || a.v.shape[1] === 1)) {
    const n = a.v.size;
    return { v: Tensor.from([n], a.v.data), d: a.d ? Tensor.from([n], a.d.data) : null };
  }
  return a;
}

/** Marks a whole axis in an index list (`X_{:,i}`). */
export const WHOLE_AXIS: Dual = { v: Tensor.scalar(NaN), d: null };

/** Ranges of positions in an index list (`U_{1:k,:}`, `x_{<t}`), made by `indexRange`. */
const RANGES = new WeakMap<Dual, { from: number; to: number | null }>();

/** Positions from…to (1-based, inclusive); `to` null runs to the end of the axis (`x_{2:}`). */
export function indexRange(from: Val, to: Val | null, node: Node): Dual {
  const whole = (v: Val, what: string) => {
    const t = tensorOf(v, node);
    if (t.size !== 1 || !Number.isInteger(t.data[0]))
      throw new Unsupported(`the ${what} of an index range must be a whole number`, node.start, node.end);
    return t.data[0];
  };
  const r: Dual = { v: Tensor.scalar(NaN), d: null };
  RANGES.set(r, { from: whole(from, 'start'), to: to === null ? null : whole(to, 'end') });
  return r;
}

function sliceRange(A: Dual, axis: number, range: { from: number; to: number | null }, node: Node): Dual {
  const size = A.v.shape[axis];
  const to = range.to ?? size;
  if (range.from > to)
    throw new Unsupported(
      `the index range ${range.from}…${to} is empty at this sample`,
      node.start,
      node.end,
    );
  if (range.from < 1 || to > size)
    throw new Unsupported(`the index range ${range.from}…${to} is outside 1…${size}`, node.start, node.end);
  return run(node, () => E.dSlice(A, axis, range.from - 1, to));
}

export function element(a: Val, idx: Val[], node: Node): Val {
  const A = dualOf(a, node);
  const plain = plainPositions(A.v.shape, idx);
  if (plain) return run(node, () => E.dIndex(A, plain));
  if (idx.some((x) => x === WHOLE_AXIS || RANGES.has(x as Dual))) {
    if (idx.length !== A.v.rank)
      throw new Unsupported(`${idx.length} indices for a ${describeShape(A.v.shape)}`, node.start, node.end);
    let out = A;
    for (let axis = idx.length - 1; axis >= 0; axis--) {
      if (idx[axis] === WHOLE_AXIS) continue;
      const range = RANGES.get(idx[axis] as Dual);
      if (range) {
        out = sliceRange(out, axis, range, node);
        continue;
      }
      const t = tensorOf(idx[axis], node);
      const p = t.data[0];
      if (t.size !== 1 || !Number.isInteger(p))
        throw new Unsupported('an index must be a whole number', node.start, node.end);
      if (p < 1 || p > A.v.shape[axis])
        throw new Unsupported(`index ${p} is outside 1…${A.v.shape[axis]}`, node.start, node.end);
      const cur = out;
      out = run(node, () => E.dTake(cur, axis, p - 1));
    }
    return out;
  }
  const ints = idx.map((v) => {
    const t = tensorOf(v, node);
    const x = t.data[0];
    if (t.size !== 1 || !Number.isInteger(x))
      throw new Unsupported(
        `an index must be a whole number, found ${t.size === 1 ? x : describeShape(t.shape)}`,
        node.start,
        node.end,
      );
    return x;
  });
  const shape = A.v.shape;
  let positions = ints;
  // `R_{12}` of a matrix: one digit per axis.
  if (ints.length === 1 && shape.length > 1 && String(ints[0]).length === shape.length && ints[0] > 0)
    positions = String(ints[0]).split('').map(Number);
  // A column written as n×1 or a row 1×n takes one index.
  if (ints.length === 1 && shape.length === 2 && (shape[0] === 1 || shape[1] === 1))
    positions = shape[0] === 1 ? [1, ints[0]] : [ints[0], 1];
  if (positions.length !== shape.length) {
    throw new Unsupported(
      `${positions.length} ${positions.length === 1 ? 'index' : 'indices'} for a ${describeShape(shape)}`,
      node.start,
      node.end,
    );
  }
  positions.forEach((p, k) => {
    if (p < 1 || p > shape[k])
      throw new Unsupported(
        `index ${p} is outside 1…${shape[k]}${p === 0 ? ' (indices count from 1)' : ''}`,
        node.start,
        node.end,
      );
  });
  return run(node, () =>
    E.dIndex(
      A,
      positions.map((p) => p - 1),
    ),
  );
}

/**
 * The 0-based positions of one whole-number index per axis, each in range, or null for anything
 * else: the general path of `element` reaches the same positions for these (its other readings,
 * `R_{12}` and one index into a row or a column, take fewer indices than axes), without its arrays
 * and closures — a Monte Carlo expectation indexes `W_{ij}` and `a_j` at each of its draws.
 */
function plainPositions(shape: readonly number[], idx: Val[]): number[] | null {
  if (idx.length === 0 || idx.length !== shape.length) return null;
  const out = new Array<number>(idx.length);
  for (let k = 0; k < idx.length; k++) {
    const x = idx[k];
    if (x === WHOLE_AXIS || isIdentity(x) || RANGES.has(x)) return null;
    if (x.v.size !== 1) return null;
    const p = x.v.data[0];
    if (!Number.isInteger(p) || p < 1 || p > shape[k]) return null;
    out[k] = p - 1;
  }
  return out;
}

export function flatIndex(shape: readonly number[], idx: number[], node: Node): number {
  if (idx.length !== shape.length)
    throw new Unsupported(`${idx.length} indices for a ${describeShape(shape)}`, node.start, node.end);
  let k = 0;
  idx.forEach((p, a) => {
    if (p < 1 || p > shape[a])
      throw new Unsupported(`index ${p} is outside 1…${shape[a]}`, node.start, node.end);
    k = k * shape[a] + (p - 1);
  });
  return k;
}

/**
 * `[X, Y]`: of two square matrices of one size the commutator XY − YX, or under the second reading
 * the block row [X Y] (claim.ts checks both); of numbers the vector.
 */
export function bracketPair(x: Val, y: Val, node: Node): Val {
  if (!isMatrixPair(x, y)) return vectorOf([x, y], false, node);
  commutatorReading.met = true;
  if (commutatorReading.blockRow) return run(node, () => E.dConcat([x as Dual, y as Dual], 1));
  return sub(product(x, y, node, 'matmul'), product(y, x, node, 'matmul'), node);
}

/** Two square matrices of one size, whose bracket `[X, Y]` is a commutator or a block row. */
export function isMatrixPair(x: Val, y: Val): boolean {
  return !isIdentity(x) && !isIdentity(y) && isSquareMatrix(x.v) && sameShapeAs(x.v, y.v);
}

function sameShapeAs(a: Tensor, b: Tensor): boolean {
  return a.rank === b.rank && a.shape.every((d, i) => d === b.shape[i]);
}

export function vectorOf(items: Val[], row: boolean, node: Node): Val {
  const ds = items.map((x) => dualOf(x, node));
  if (ds.some((d) => d.v.size !== 1))
    throw new Unsupported('a bracketed list must hold numbers', node.start, node.end);
  const v = run(node, () => E.dAssemble([ds.map(scalarize)]));
  // dAssemble gives 1×n; a tuple is a column.
  if (row) return v;
  return { v: Tensor.from([ds.length], v.v.data), d: v.d ? Tensor.from([ds.length], v.d.data) : null };
}

function scalarize(d: Dual): Dual {
  if (d.v.rank === 0) return d;
  return { v: Tensor.scalar(d.v.data[0]), d: d.d ? Tensor.scalar(d.d.data[0]) : null };
}

/** Values written side by side, `[f_1 \ f_2 \ \dots]`: numbers make a row, vectors the columns of a matrix. */
export function columnsOf(items: Val[], node: Node): Val {
  const ds = items.map((x) => dualOf(x, node));
  if (ds.every((d) => d.v.rank === 0)) return vectorOf(ds, true, node);
  if (!ds.every((d) => d.v.rank === 1 && d.v.shape[0] === ds[0].v.shape[0]))
    throw new ShapeMismatch(
      'columns side by side must be vectors of one length, found ' +
        ds.map((d) => describeShape(d.v.shape)).join(', '),
      node.start,
      node.end,
    );
  return run(node, () => E.dTranspose(E.dStack(ds)));
}

export function matrixOf(rows: Val[][], node: Node): Val {
  const ds = rows.map((r) => r.map((x) => dualOf(x, node)));
  if (ds.some((r) => r.some((d) => d.v.size !== 1)))
    throw new Unsupported(
      'block matrices are not evaluated: every entry must be a number',
      node.start,
      node.end,
    );
  const m = run(node, () => E.dAssemble(ds.map((r) => r.map(scalarize))));
  if (ds[0].length === 1) {
    // A single column is a vector.
    const n = ds.length;
    return { v: Tensor.from([n], m.v.data), d: m.d ? Tensor.from([n], m.d.data) : null };
  }
  return m;
}

/** A tensor from a function of its (1-based) indices; `diagonal` puts one index on the diagonal. */
export function tabulate(sizes: number[], diagonal: boolean, f: (idx: number[]) => Val, node: Node): Val {
  const total = sizes.reduce((a, b) => a * b, 1);
  if (total > 1_000_000)
    throw new Unsupported(`over budget: a ${sizes.join('×')} tensor`, node.start, node.end);
  const vals: Dual[] = [];
  const idx = sizes.map(() => 1);
  for (let k = 0; k < total; k++) {
    const v = dualOf(f(idx), node);
    if (v.v.size !== 1)
      throw new Unsupported(
        `an element definition must give a number for each index, found a ${describeShape(v.v.shape)}`,
        node.start,
        node.end,
      );
    vals.push(scalarize(v));
    for (let a = sizes.length - 1; a >= 0; a--) {
      if (idx[a] < sizes[a]) {
        idx[a]++;
        break;
      }
      idx[a] = 1;
    }
  }
  const anyTangent = vals.some((v) => v.d);
  if (diagonal) {
    const n = sizes[0];
    const data = new Float64Array(n * n);
    const tan = anyTangent ? new Float64Array(n * n) : null;
    vals.forEach((v, i) => {
      data[i * n + i] = v.v.data[0];
      if (tan && v.d) tan[i * n + i] = v.d.data[0];
    });
    return { v: Tensor.from([n, n], data), d: tan ? Tensor.from([n, n], tan) : null };
  }
  const data = Float64Array.from(vals, (v) => v.v.data[0]);
  const tan = anyTangent ? Float64Array.from(vals, (v) => (v.d ? v.d.data[0] : 0)) : null;
  return { v: Tensor.from(sizes, data), d: tan ? Tensor.from(sizes, tan) : null };
}

/** A value that is not a finite number ends the side's evaluation: undefined, or (when logged) beyond the
 * double range. */
function checkFinite(d: Dual, why = 'the value is not a finite number'): void {
  for (const x of d.v.data) if (!Number.isFinite(x)) throw new Resample('nan', why);
}

function powerUndefined(a: Tensor, b: Tensor): string {
  for (let i = 0; i < Math.max(a.size, b.size); i++) {
    const x = a.size === 1 ? a.data[0] : a.data[i];
    const y = b.size === 1 ? b.data[0] : b.data[i];
    if (x === 0 && y < 0) return '0 to a negative power';
    if (x < 0 && !Number.isInteger(y)) return `a negative number (${short(x)}) to a fractional power`;
  }
  return 'a power that is not a finite number';
}

/** Why an elementwise function gave no finite value at some entry. */
function elementwiseUndefined(fn: string, x: Tensor): string {
  for (const v of x.data) {
    if ((fn === 'log' || fn === 'ln') && v <= 0)
      return v === 0 ? 'the logarithm of 0' : `the logarithm of a negative number (${short(v)})`;
    if (fn === 'sqrt' && v < 0) return `the square root of a negative number (${short(v)})`;
  }
  return `${fn} is not a finite number here`;
}

/** A square matrix of at least 2 × 2, whose exp has the matrix-exponential reading. */
function isSquareMatrix(t: Tensor): boolean {
  return t.rank === 2 && t.shape[0] === t.shape[1] && t.shape[0] >= 2;
}

/** e^A under the matrix-exponential reading (readingsLog.ts). */
function matrixExponential(x: Dual, node: Node): Dual {
  const r = run(node, () => E.dExpm(x));
  checkFinite(r, 'the matrix exponential is not a finite number');
  return r;
}

/**
 * `e^{X}` with Euler's e: exp of X, so a square matrix in the exponent gets both readings of exp;
 * any other exponent is an ordinary power.
 */
export function eulerPower(e: Val, x: Val, node: Node): Val {
  if (!isIdentity(x) && isSquareMatrix(x.v)) return call('exp', [x], node);
  return power(e, x, node);
}

/** Applies a function of the registry to evaluated arguments. */
export function call(fn: string | FunctionEntry, args: Val[], node: Node): Val {
  const f = typeof fn === 'string' ? functionNamed(fn) : fn;
  if (!f) throw new Unsupported(`function ${String(fn)} is not known`, node.start, node.end);
  if (PIECEWISE_FUNCTIONS.has(f.name)) notationPieces.met = true;
  const name = displayName(f);
  if (f.kind === 'unevaluated') throw new Unsupported(f.reason, node.start, node.end);
  if (!acceptsArity(f, args.length))
    throw new Unsupported(`${name} takes ${arityText(f)}, given ${args.length}`, node.start, node.end);
  const ds = args.map((a) => dualOf(a, node));
  switch (f.kind) {
    case 'elementwise': {
      const x = ds[0];
      if (f.name === 'exp' && isSquareMatrix(x.v)) {
        matrixExponentialReading.met = true;
        if (matrixExponentialReading.on) return matrixExponential(x, node);
      }
      // Noted before the domain check: `\ln` of a square matrix undefined entry by entry is still
      // the entrywise reading, which a matrix logarithm would not share.
      readings?.entrywise(f.name, name, x.v.shape);
      if (f.domain) checkDomain(name, f.domain, x.v);
      const r = run(node, () => f.dual(x, current));
      if (precision) {
        const at = (i: number) => (x.v.size === 1 ? x.v.data[0] : x.v.data[i]);
        precision.result(r.v.data, (i) => {
          const v = at(i);
          if (!Number.isFinite(v)) return null;
          // A zero is an underflow only for functions that never reach 0 (e^x, σ, erfc, softplus).
          if (r.v.data[i] === 0 && !NEVER_ZERO.has(f.name)) return null;
          return f.name === 'exp' ? `e^${short(v)} ≈ ${magnitude(v * Math.LOG10E)}` : `${name}(${short(v)})`;
        });
        nearlyConstant(precision, f.name, x.v.data, precision.absorbRatio);
        largePeriodicArgument(precision, f.name, x.v.data);
        if (x.d && r.d) precision.chain(x.d.data, r.d.data);
      }
      checkFinite(r, elementwiseUndefined(f.name, x.v));
      return r;
    }
    case 'elementwise2': {
      sameShapeOrScalar(ds[0], ds[1], node, `take ${name} of`);
      if (f.domain) checkDomain(name, f.domain, ds[1].v);
      const r = run(node, () => f.dual(ds[0], ds[1], current));
      if (precision && f.name === 'mod') largeDividend(precision, ds[0].v.data, ds[1].v.data);
      precision?.result(r.v.data, (i) =>
        Number.isFinite(r.v.data[i]) ? null : `${name} of finite arguments`,
      );
      checkFinite(r);
      return r;
    }
    case 'tensor': {
      const r = run(node, () => f.dual(ds, current));
      checkFinite(r);
      return r;
    }
    case 'special': {
      const impl = SPECIAL[f.name];
      if (!impl) throw new Unsupported(`function ${name} has no evaluator`, node.start, node.end);
      return impl(ds, node, f.name);
    }
  }
}

/**
 * Outside its domain a function is undefined at this sample, like a division by zero (reason
 * 'nan'); 'domain' is kept for parameters that leave their declared set.
 */
function checkDomain(name: string, domain: Domain, x: Tensor): void {
  for (const v of x.data) {
    if (!domain.holds(v)) throw new Resample('nan', `${name} of ${short(v)}: it needs ${domain.text}`);
  }
}

/** Elementwise functions with no zeros: a 0 from them is an underflow, not a value. */
const NEVER_ZERO = new Set(['exp', 'sigmoid', 'erfc', 'softplus']);

type SpecialFn = (args: Dual[], node: Node, name: string) => Val;

/** Registry entries of kind 'special': they need the checker's errors, budgets or shapes. */
export const SPECIAL: Readonly<Record<string, SpecialFn>> = {
  max: (xs, node) => extremum('max', xs, node),
  min: (xs, node) => extremum('min', xs, node),
  diag: ([a], node) => {
    const v =
      a.v.rank === 2 && a.v.shape[0] !== a.v.shape[1] && (a.v.shape[0] === 1 || a.v.shape[1] === 1)
        ? flattenRow(a)
        : a;
    const r = run(node, () => E.dDiag(v));
    if (v.v.rank === 1 && !r.d) DIAGONALS.add(r.v);
    return r;
  },
  len: ([a], node, name) => lengthOf(a, node, name),
  dim: ([a], node, name) => lengthOf(a, node, name),
  shape: ([a]) => ({ v: Tensor.from([a.v.rank], a.v.shape), d: null }),
  zcrit: (xs, node, name) => criticalValueOf(name, xs, node),
  tcrit: (xs, node, name) => criticalValueOf(name, xs, node),
  chi2crit: (xs, node, name) => criticalValueOf(name, xs, node),
  fcrit: (xs, node, name) => criticalValueOf(name, xs, node),
  round: ([a], node) => {
    // Rounding rules differ only at a tie (half up, half away from zero, half to even as NumPy
    // and PyTorch round): there the author's rule is unknown, so nothing is judged.
    if (a.v.data.some((x) => x - Math.floor(x) === 0.5))
      throw new Unsupported(
        'round of a number halfway between two integers: rounding rules differ there (half up, half ' +
          'to even); write \\lfloor x + \\tfrac12 \\rfloor or the integer you mean',
        node.start,
        node.end,
      );
    return run(node, () => E.dRound(a, current));
  },
  factorial: ([a], node) => {
    if (a.d) throw new Unsupported('the derivative of n!', node.start, node.end);
    for (const x of a.v.data) if (x > 1e6) throw new OverBudget(`${x}!`);
    const r = { v: run(node, () => E.factorial(a.v)), d: null };
    precision?.result(r.v.data, (i) => `${short(a.v.data[a.v.size === 1 ? 0 : i])}!`);
    checkFinite(r);
    return r;
  },
  binom: ([n, k], node) => {
    // The kernel multiplies k factors: keep k within what finishes at once.
    for (const x of k.v.data)
      if (Math.abs(x) > 1e6) throw new OverBudget(`a binomial coefficient with k = ${x}`);
    const r = { v: run(node, () => E.binom(n.v, k.v)), d: null };
    precision?.result(r.v.data, (i) => (Number.isFinite(r.v.data[i]) ? null : 'a binomial coefficient'));
    checkFinite(r);
    return r;
  },
  conv: (xs, node) => convolution('conv', xs, node),
  convT: (xs, node) => convolution('convT', xs, node),
};

/** max/min of one tensor (its entries) or of several arguments (entry by entry). */
function extremum(fn: 'max' | 'min', xs: Dual[], node: Node): Val {
  if (xs.length === 1)
    return run(node, () => (fn === 'max' ? E.dMax(xs[0], current) : E.dMin(xs[0], current)));
  let acc = xs[0];
  for (const x of xs.slice(1)) {
    sameShapeOrScalar(acc, x, node, `take the ${fn} of`);
    const a = acc;
    acc = run(node, () => (fn === 'max' ? E.dMaximum(a, x, current) : E.dMinimum(a, x, current)));
  }
  return acc;
}

function lengthOf(a: Dual, node: Node, name: string): Val {
  if (a.v.rank > 1 && !(a.v.shape[0] === 1 || a.v.shape[1] === 1))
    throw new Unsupported(`${name} of a ${describeShape(a.v.shape)}: use shape(·)`, node.start, node.end);
  return scalar(a.v.size);
}

function convolution(fn: 'conv' | 'convT', xs: Dual[], node: Node): Val {
  const ints = xs.slice(2).map((v) => {
    const x = v.v.data[0];
    if (v.v.size !== 1 || !Number.isInteger(x))
      throw new Unsupported(
        `${fn}'s stride, padding and dilation must be whole numbers`,
        node.start,
        node.end,
      );
    return x;
  });
  const [s = 1, p = 0, d = 1] = ints;
  if (s < 1 || p < 0 || d < 1)
    throw new Resample('assumption', `${fn} with stride ${s}, padding ${p}, dilation ${d}`);
  // A one-entry kernel declared as ℝ¹ reads as a number: convolve with it as a length-1 kernel.
  const x = flattenRow(asVector(xs[0])),
    w = flattenRow(asVector(xs[1]));
  if (fn === 'conv') return run(node, () => E.dConv(x, w, s, p, d));
  return run(node, () => E.dConvT(x, w, s, p));
}

// Dual versions of the elementwise ops. Each smooth unary op is its kernel plus f'(x, y) (written
// with the output y where that is cheaper); non-smooth ones also name where their kinks are.
import { allocate } from './budget';
import { broadcastTo } from './broadcast';
import * as E from './elementwise';
import { DomainError } from './errors';
import { digammaScalar, normalPdfScalar } from './special';
import { Tensor } from './tensor';
import {
  AdContext,
  type Dual,
  chainRule,
  flagKinks,
  isZeroTangent,
  nearEqual,
  nearKink,
  plus,
  valueOf1,
  valueOf2,
} from './dualCore';

type Unary = (a: Tensor) => Tensor;
type Derivative = (x: number, y: number) => number;
export type DualUnary = (a: Dual, ctx: AdContext) => Dual;
export type DualBinary = (a: Dual, b: Dual, ctx: AdContext) => Dual;

function smooth(op: Unary, derivative: Derivative): DualUnary {
  return (a) => {
    const v = a.d ? valueOf1(op, a.v) : op(a.v);
    return { v, d: a.d ? chainRule(a.v, v, a.d, derivative) : null };
  };
}

/** Piecewise-smooth op: derivative away from kinks, and ctx.kink when an input is close to one. */
function piecewise(op: Unary, derivative: Derivative, atKink: (x: number) => boolean): DualUnary {
  return (a, ctx) => {
    if (!a.d) return { v: op(a.v), d: null };
    const v = valueOf1(op, a.v);
    flagKinks(ctx, a.v, atKink);
    return { v, d: chainRule(a.v, v, a.d, derivative) };
  };
}

/** Piecewise-constant op (floor, sign, …): zero derivative, kinks still flagged. */
function stepwise(op: Unary, atKink: (x: number) => boolean): DualUnary {
  return (a, ctx) => {
    if (a.d) flagKinks(ctx, a.v, atKink);
    return { v: op(a.v), d: null };
  };
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const atZero = (x: number): boolean => nearKink(x, 0);
const atInteger = (x: number): boolean => nearKink(x, Math.round(x));

export const dNeg: DualUnary = (a) => ({ v: E.neg(a.v), d: a.d ? E.neg(a.d) : null });
export const dExp = smooth(E.exp, (_x, y) => y);
export const dLog = smooth(E.log, (x) => 1 / x);
export const dLog2 = smooth(E.log2, (x) => 1 / (x * Math.LN2));
export const dLog10 = smooth(E.log10, (x) => 1 / (x * Math.LN10));
export const dSqrt = smooth(E.sqrt, (_x, y) => 0.5 / y);
export const dSin = smooth(E.sin, (x) => Math.cos(x));
export const dCos = smooth(E.cos, (x) => -Math.sin(x));
export const dTan = smooth(E.tan, (_x, y) => 1 + y * y);
export const dCot = smooth(E.cot, (_x, y) => -(1 + y * y));
export const dSec = smooth(E.sec, (x, y) => y * Math.tan(x));
export const dCsc = smooth(E.csc, (x, y) => -y / Math.tan(x));
export const dAsin = smooth(E.asin, (x) => 1 / Math.sqrt(1 - x * x));
export const dAcos = smooth(E.acos, (x) => -1 / Math.sqrt(1 - x * x));
export const dAtan = smooth(E.atan, (x) => 1 / (1 + x * x));
export const dSinh = smooth(E.sinh, (x) => Math.cosh(x));
export const dAsinh = smooth(E.asinh, (x) => 1 / Math.sqrt(x * x + 1));
export const dAcosh = smooth(E.acosh, (x) => 1 / Math.sqrt(x * x - 1));
export const dAtanh = smooth(E.atanh, (x) => 1 / (1 - x * x));
export const dCoth = smooth(E.coth, (_x, y) => 1 - y * y);
export const dSech = smooth(E.sech, (x, y) => -y * Math.tanh(x));
export const dCsch = smooth(E.csch, (x, y) => -y / Math.tanh(x));
export const dErf = smooth(E.erf, (x) => TWO_OVER_SQRT_PI * Math.exp(-x * x));
export const dErfc = smooth(E.erfc, (x) => -TWO_OVER_SQRT_PI * Math.exp(-x * x));
/** Γ' = Γ·ψ. */
export const dGamma = smooth(E.gamma, (x, y) => y * digammaScalar(x));
export const dNormalCdf = smooth(E.normalCdf, (x) => normalPdfScalar(x));
export const dCosh = smooth(E.cosh, (x) => Math.sinh(x));
export const dTanh = smooth(E.tanh, (_x, y) => 1 - y * y);
export const dSigmoid = smooth(E.sigmoid, (_x, y) => y * (1 - y));
export const dSoftplus = smooth(E.softplus, (x) => E.sigmoidScalar(x));

export const dAbs = piecewise(E.abs, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), atZero);
export const dRelu = piecewise(E.relu, (x) => (x > 0 ? 1 : 0), atZero);
export const dSign = stepwise(E.sign, atZero);
export const dFloor = stepwise(E.floor, atInteger);
export const dCeil = stepwise(E.ceil, atInteger);
export const dRound = stepwise(E.round, (x) => nearKink(x, Math.floor(x) + 0.5));

export function dElu(a: Dual, ctx: AdContext, alpha = 1): Dual {
  // With α = 1 the two pieces meet with equal slope, so 0 is not a kink.
  const kink = alpha === 1 ? () => false : atZero;
  return piecewise(
    (t) => E.elu(t, alpha),
    (x) => (x > 0 ? 1 : alpha * Math.exp(x)),
    kink,
  )(a, ctx);
}

export function dLeakyRelu(a: Dual, ctx: AdContext, slope = 0.01): Dual {
  return piecewise(
    (t) => E.leakyRelu(t, slope),
    (x) => (x > 0 ? 1 : slope),
    atZero,
  )(a, ctx);
}

/** Factorial is defined on integers only, so a non-zero tangent through it is a modelling error. */
export function dFactorial(a: Dual): Dual {
  if (!isZeroTangent(a.d))
    throw new DomainError('factorial is not differentiable: its argument must be an integer');
  return { v: E.factorial(a.v), d: null };
}

export const dAdd: DualBinary = (a, b) => {
  const v = a.d || b.d ? valueOf2(E.add, a.v, b.v) : E.add(a.v, b.v);
  return { v, d: plus(a.d, b.d, v.shape) };
};

export const dSub: DualBinary = (a, b) => {
  const v = E.sub(a.v, b.v);
  return { v, d: plus(a.d, b.d ? E.neg(b.d) : null, v.shape) };
};

export const dMul: DualBinary = (a, b) => {
  const v = a.d || b.d ? valueOf2(E.mul, a.v, b.v) : E.mul(a.v, b.v);
  return { v, d: plus(a.d ? E.mul(a.d, b.v) : null, b.d ? E.mul(a.v, b.d) : null, v.shape) };
};

export const dDiv: DualBinary = (a, b) => {
  const v = E.div(a.v, b.v);
  // d(a/b) = (da − (a/b)·db) / b
  const num = plus(a.d, b.d ? E.neg(E.mul(v, b.d)) : null, v.shape);
  return { v, d: num ? E.div(num, b.v) : null };
};

/**
 * Binary ops whose derivative needs both operands element by element: the operands and tangents
 * are first broadcast to the result shape so one flat loop serves.
 */
function elementwiseBinary(
  op: (a: Tensor, b: Tensor) => Tensor,
  partials: (x: number, y: number, z: number, dx: number, dy: number) => number,
): DualBinary {
  return (a, b) => {
    const v = op(a.v, b.v);
    if (!a.d && !b.d) return { v, d: null };
    const shape = v.shape;
    const X = broadcastTo(a.v, shape).data,
      Y = broadcastTo(b.v, shape).data,
      Z = v.data;
    const DX = a.d ? broadcastTo(a.d, shape).data : null;
    const DY = b.d ? broadcastTo(b.d, shape).data : null;
    const out = allocate(Z.length, 'derivative');
    for (let i = 0; i < Z.length; i++) out[i] = partials(X[i], Y[i], Z[i], DX ? DX[i] : 0, DY ? DY[i] : 0);
    return { v, d: new Tensor(shape, out) };
  };
}

/** d(x^y) = y·x^(y−1)·dx + x^y·ln x·dy, each term skipped when its tangent is 0 (avoids 0·∞). */
export const dPow = elementwiseBinary(E.pow, (x, y, z, dx, dy) => {
  let d = 0;
  if (dx !== 0) d += (y === 0 ? 0 : y * x ** (y - 1)) * dx;
  if (dy !== 0) d += z * Math.log(x) * dy;
  return d;
});

/** y = x^(1/n): dy = y/(n·x)·dx − y·ln|x|/n²·dn. */
export const dNthRoot = elementwiseBinary(E.nthRoot, (x, n, z, dx, dn) => {
  let d = 0;
  if (dx !== 0) d += (z / (n * x)) * dx;
  if (dn !== 0) d -= ((z * Math.log(Math.abs(x))) / (n * n)) * dn;
  return d;
});

function extremum(
  op: (a: Tensor, b: Tensor) => Tensor,
  pickFirst: (x: number, y: number) => boolean,
): DualBinary {
  const inner = elementwiseBinary(op, (x, y, _z, dx, dy) => (pickFirst(x, y) ? dx : dy));
  return (a, b, ctx) => {
    const r = inner(a, b, ctx);
    if (r.d) flagTies(a.v, b.v, r.v.shape, ctx);
    return r;
  };
}

function flagTies(a: Tensor, b: Tensor, shape: readonly number[], ctx: AdContext): void {
  if (ctx.kink) return;
  const X = broadcastTo(a, shape).data,
    Y = broadcastTo(b, shape).data;
  for (let i = 0; i < X.length; i++) {
    if (nearEqual(X[i], Y[i])) {
      ctx.kink = true;
      return;
    }
  }
}

/**
 * a mod b = a − b⌊a/b⌋: slope 1 in a and −⌊a/b⌋ in b between its jumps, which sit where a/b is
 * an integer.
 */
export const dMod: DualBinary = (a, b, ctx) => {
  const r = elementwiseBinary(E.mod, (x, y, _z, dx, dy) => dx - Math.floor(x / y) * dy)(a, b, ctx);
  if (r.d) {
    const shape = r.v.shape;
    const X = broadcastTo(a.v, shape).data,
      Y = broadcastTo(b.v, shape).data;
    for (let i = 0; i < X.length && !ctx.kink; i++) if (atInteger(X[i] / Y[i])) ctx.kink = true;
  }
  return r;
};

export const dMaximum = extremum(E.maximum, (x, y) => x >= y);
export const dMinimum = extremum(E.minimum, (x, y) => x <= y);

/** Comparisons are piecewise constant in both operands; a tie is their kink. */
function comparison(op: (a: Tensor, b: Tensor) => Tensor): DualBinary {
  return (a, b, ctx) => {
    const v = op(a.v, b.v);
    if (a.d || b.d) flagTies(a.v, b.v, v.shape, ctx);
    return { v, d: null };
  };
}

export const dGt = comparison(E.gt);
export const dGe = comparison(E.ge);
export const dLt = comparison(E.lt);
export const dLe = comparison(E.le);
export const dEq = comparison(E.eq);
export const dNe = comparison(E.ne);

/** ∂/∂n of the generalised binomial Π_{i<k}(n−i)/k!: product rule carried along the product. */
function binomDn(n: number, kRaw: number): number {
  const k = Math.round(kRaw);
  let p = 1,
    dp = 0;
  for (let i = 0; i < k; i++) {
    dp = dp * (n - i) + p;
    p *= n - i;
  }
  return k <= 0 ? 0 : dp / E.factorialScalar(k);
}

/** Differentiable in n (a polynomial for integer k); k must stay an integer, so its tangent must be 0. */
export const dBinom: DualBinary = (n, k) => {
  if (!isZeroTangent(k.d))
    throw new DomainError('the binomial coefficient is not differentiable in k: k must be an integer');
  return elementwiseBinary(E.binom, (x, y, _z, dx) => (dx === 0 ? 0 : binomDn(x, y) * dx))(
    n,
    { v: k.v, d: null },
    new AdContext(),
  );
};

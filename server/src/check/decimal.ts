// Scalar claims in higher precision (decimal.js), for trials whose double evaluation overflowed,
// underflowed, lost a term of a sum or failed a comparison after cancellation. The sampled
// inputs are the trial's; written decimals are exact (0.1 is one tenth). Anything this
// interpreter does not know (tensors, derivatives, expectations) is reported, never guessed.
import { variableAtNumber } from './compile/formulaAtNumber';
import Decimal from 'decimal.js';
import type { Node, SymNode } from '../math/tree';
import type { Entry } from '../model/types';
import type { Claim } from '../model/types';
import type { Trial } from './trial';
import { plainLogBase } from './logBase';
import { formatDecimal } from './format';
import { chargeWork } from '../engine';
import { OutOfTime } from './errors';
import { isIndexRange } from '../model/sets';
import { indexLetters } from '../model/names';

/** The claim uses something the decimal interpreter does not evaluate. */
export class NoDecimal extends Error {}
/** Even the higher precision cannot carry this value (a term lost, beyond the exponent range). */
export class DecimalLost extends Error {}

type D = Decimal;
type Ctor = Decimal.Constructor;

const MAX_TERMS = 2_000;
/** Decimal operations cost microseconds each: a re-check stays within a few tens of milliseconds. */
const MAX_STEPS = 20_000;

interface Ctx {
  D: Ctor;
  digits: number;
  claim: Claim;
  trial: Trial;
  locals: Map<string, D>;
  memo: Map<Entry, D>;
  /** Literal values to use instead of the written ones (the corners of a rounding interval). */
  overrides: Map<Node, D> | null;
  /** Largest magnitude added or used as an angle: the absolute error of the result scales with it. */
  scale: D;
  steps: number;
  depth: number;
  deadline: number;
}

/** `body` evaluated with `locals` as the only locals and a fresh memo (a function's rule at its arguments). */
function withLocals(c: Ctx, locals: Map<string, D>, body: () => D): D {
  const [saved, savedMemo] = [c.locals, c.memo];
  c.locals = locals;
  c.memo = new Map();
  try {
    return body();
  } finally {
    c.locals = saved;
    c.memo = savedMemo;
  }
}

const CTORS = new Map<number, Ctor>();
function ctor(digits: number): Ctor {
  let c = CTORS.get(digits);
  if (!c) {
    c = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -7, toExpPos: 21 });
    CTORS.set(digits, c);
  }
  return c;
}

export interface DecimalSides {
  left: D;
  right: D;
  scale: D;
  D: Ctor;
}

/** Both sides of a scalar claim at the trial's sample, to `digits` significant digits. */
export function decimalSides(
  claim: Claim,
  trial: Trial,
  digits: number,
  deadline: number,
  overrides: Map<Node, D> | null = null,
): DecimalSides {
  const D = ctor(digits);
  const ctx: Ctx = {
    D,
    digits,
    claim,
    trial,
    locals: new Map(),
    memo: new Map(),
    overrides,
    scale: new D(0),
    steps: 0,
    depth: 0,
    deadline,
  };
  const left = ev(claim.lhs, ctx);
  const right = ev(claim.rhs, ctx);
  return { left, right, scale: ctx.scale, D };
}

/** A decimal for a rounding corner: the written literal ± half a unit of its last digit. */
export function literalCorner(text: string, half: number, up: boolean, digits: number): D {
  const D = ctor(digits);
  const v = new D(text);
  const h = new D(half).toSignificantDigits(1);
  return up ? v.plus(h) : v.minus(h);
}

function ev(n: Node, c: Ctx): D {
  if (++c.steps > MAX_STEPS) throw new NoDecimal('too many steps in higher precision');
  // A decimal operation costs about as much as its digits.
  chargeWork(c.digits);
  if ((c.steps & 255) === 0 && Date.now() > c.deadline) throw new OutOfTime();
  if (c.depth > 200) throw new NoDecimal('nested too deeply for higher precision');
  c.depth++;
  try {
    return evalNode(n, c);
  } finally {
    c.depth--;
  }
}

function evalNode(n: Node, c: Ctx): D {
  const { D } = c;
  switch (n.kind) {
    case 'num': {
      const o = c.overrides?.get(n);
      if (o) return o;
      return /^\d*\.?\d+(?:[eE][+-]?\d+)?$/.test(n.text) ? new D(n.text) : new D(n.value);
    }
    case 'sym':
      return symbol(n, c);
    case 'neg':
      return ev(n.operand, c).neg();
    case 'group':
      if (n.items.length === 1 && (n.open === '(' || n.open === '[')) return ev(n.items[0], c);
      throw new NoDecimal('a group');
    case 'bin': {
      const a = ev(n.left, c);
      const b = ev(n.right, c);
      switch (n.op) {
        case '+':
          return add(a, b, c);
        case '-':
          return add(a, b.neg(), c);
        case 'juxt':
        case 'cdot':
        case 'times':
        case 'ast':
          return mul(a, b, c);
        case '/':
          return div(a, b, c);
        default:
          throw new NoDecimal(`the operator ${n.op}`);
      }
    }
    case 'frac':
      return div(ev(n.numerator, c), ev(n.denominator, c), c);
    case 'pow':
      return pow(ev(n.base, c), ev(n.exponent, c), c);
    case 'sqrt': {
      const a = ev(n.radicand, c);
      if (!n.degree) return a.isNeg() ? new D(NaN) : a.sqrt();
      const k = ev(n.degree, c);
      if (!k.isInteger() || k.isZero()) throw new NoDecimal('a root of non-integer order');
      // Odd roots of negatives are real, as in the double evaluation.
      if (a.isNeg()) return k.mod(2).abs().eq(1) ? pow(a.neg(), new D(1).div(k), c).neg() : new D(NaN);
      return pow(a, new D(1).div(k), c);
    }
    case 'abs':
      return ev(n.operand, c).abs();
    case 'floor':
      return ev(n.operand, c).floor();
    case 'ceil':
      return ev(n.operand, c).ceil();
    case 'fact': {
      const a = ev(n.operand, c);
      if (!a.isInteger() || a.isNeg() || a.gt(1000)) throw new NoDecimal('this factorial');
      let r = new D(1);
      for (let k = 2; k <= a.toNumber(); k++) r = r.times(k);
      return r;
    }
    case 'binom': {
      const m = ev(n.n, c);
      const k = ev(n.r, c);
      if (!k.isInteger() || k.gt(1000)) throw new NoDecimal('this binomial coefficient');
      if (k.isNeg()) return new D(0);
      let r = new D(1);
      for (let i = 0; i < k.toNumber(); i++) r = r.times(m.minus(i)).div(i + 1);
      return r;
    }
    case 'call':
      return call(n, c);
    case 'apply':
      return apply(n, c);
    case 'bigop':
      return bigop(n, c);
    case 'cases': {
      for (const row of n.rows) {
        if (row.cond === null) return ev(row.value, c);
        if (row.cond.kind !== 'cmp') throw new NoDecimal('a case condition');
        if (compare(row.cond.op, ev(row.cond.left, c), ev(row.cond.right, c))) return ev(row.value, c);
      }
      throw new NoDecimal('no case applies');
    }
    default:
      throw new NoDecimal(`${n.kind} is not evaluated in higher precision`);
  }
}

function compare(op: string, a: D, b: D): boolean {
  switch (op) {
    case '<':
      return a.lt(b);
    case '>':
      return a.gt(b);
    case '\\le':
      return a.lte(b);
    case '\\ge':
      return a.gte(b);
    case '=':
      return a.eq(b);
    case '\\neq':
      return !a.eq(b);
    default:
      throw new NoDecimal(`the comparison ${op}`);
  }
}

function symbol(n: SymNode, c: Ctx): D {
  const { D } = c;
  const local = c.locals.get(n.name);
  if (local) return local;
  const { env, block } = c.claim;
  const member = memberAt(n, c);
  if (member !== null) return member;
  const entry = env.lookup(n.name, block);
  if (entry) return fromEntry(entry, n, c);
  if (n.subText !== null && !env.lookup(n.stem, block)) {
    const pat = env.lookupPattern(n.stem);
    if (pat && pat.kind === 'decl' && pat.spec.shape.length === 0)
      return sampled(c.trial.sample(n.name, pat.spec, n).v.data, c);
  }
  if (env.isDimension(n.name)) return new D(c.trial.dimension(n.name, n).v.data[0]);
  if (n.name === '\\pi') return D.acos(-1);
  if (n.name === 'e') return D.exp(1);
  throw new NoDecimal(`the name ${n.name}`);
}

/**
 * A member of a family declared member by member whose index is a bound letter or a letter declared
 * a whole number (`\beta_t` at t = 235 is `\beta_{235}`): the member the double evaluation takes
 * (compile/names.ts memberName), so decimals re-check the same value.
 */
function memberAt(n: SymNode, c: Ctx): D | null {
  const items = n.sub;
  if (!items || items.length === 0 || n.subText === null) return null;
  const { env, block } = c.claim;
  const whole = (name: string) => {
    const e = env.lookup(name, block);
    return (
      e?.kind === 'decl' &&
      e.spec.shape.length === 0 &&
      (isIndexRange(e.spec) || e.spec.set === 'natural' || e.spec.set === 'integer')
    );
  };
  const bound = items.some((x) => indexLetters(x).some((l) => c.locals.has(l.name) || whole(l.name)));
  if (!bound) return null;
  const pat = env.lookupPattern(n.stem);
  if (!pat || pat.kind !== 'decl' || pat.spec.shape.length > 0) return null;
  const parts = items.map((x) => {
    const v = ev(x, c);
    if (!v.isInteger()) throw new NoDecimal('a member at an index that is not a whole number');
    return v.toFixed(0);
  });
  const comma = n.subText.includes(',') || items.length === 1;
  const name = `${n.stem}_{${parts.join(comma ? ',' : '')}}`;
  const given = env.lookup(name, block);
  if (given?.kind === 'def' && given.params === null && !given.indices) return fromEntry(given, n, c);
  if (given) throw new NoDecimal(`the member ${name}`);
  return sampled(c.trial.sample(name, pat.spec, n).v.data, c);
}

function sampled(data: Float64Array, c: Ctx): D {
  if (data.length !== 1) throw new NoDecimal('a tensor');
  // Not part of the scale: a product of inputs carries relative error only (x^{16384} is not 0).
  return new c.D(data[0]);
}

function fromEntry(entry: Entry, n: SymNode, c: Ctx): D {
  switch (entry.kind) {
    case 'decl':
      if (entry.spec.shape.length > 0 || c.claim.env.lookupPattern(entry.name)?.kind === 'random')
        throw new NoDecimal('a tensor or random variable');
      return sampled(c.trial.sample(entry.name, entry.spec, n).v.data, c);
    case 'dim':
      return new c.D(c.trial.dimension(entry.name, n).v.data[0]);
    case 'case':
      if (entry.fill) throw new NoDecimal('a filled tensor');
      return ev(entry.expr, c);
    case 'def': {
      if (entry.params || entry.indices) throw new NoDecimal('a function or elementwise definition');
      const m = c.memo.get(entry);
      if (m) return m;
      // A definition sees none of the caller's locals (as in the double evaluation).
      const saved = c.locals;
      c.locals = new Map();
      try {
        const v = ev(entry.expr, c);
        c.memo.set(entry, v);
        return v;
      } finally {
        c.locals = saved;
      }
    }
    case 'random':
      throw new NoDecimal('a random variable');
    case 'fn':
      throw new NoDecimal('a function declared by its signature');
  }
}

function apply(n: Extract<Node, { kind: 'apply' }>, c: Ctx): D {
  const { env, block } = c.claim;
  const entry = c.locals.has(n.f.name) ? null : env.lookup(n.f.name, block);
  if (entry && entry.kind === 'def' && entry.params) {
    if (entry.params.length !== n.args.length) throw new NoDecimal('argument count');
    const args = n.args.map((a) => ev(a, c));
    return withLocals(c, new Map(entry.params.map((p, k) => [p.name, args[k]])), () => ev(entry.expr, c));
  }
  const variable = entry
    ? variableAtNumber(
        n,
        entry,
        (name) => env.lookup(name, block),
        (name) => c.locals.has(name),
      )
    : null;
  if (variable !== null && entry?.kind === 'def') {
    const at = ev(n.args[0], c);
    return withLocals(c, new Map([[variable, at]]), () => ev(entry.expr, c));
  }
  if (entry || c.locals.has(n.f.name)) {
    if (n.args.length !== 1) throw new NoDecimal('not a function');
    return mul(symbol(n.f, c), ev(n.args[0], c), c);
  }
  if (n.f.name === '\\sigma' && n.args.length === 1) return sigmoid(ev(n.args[0], c), c);
  throw new NoDecimal(`the function ${n.f.name}`);
}

function bigop(n: Extract<Node, { kind: 'bigop' }>, c: Ctx): D {
  const ix = n.index;
  if (!ix?.name || ix.set || !ix.from || !ix.to) throw new NoDecimal('a sum without numeric bounds');
  const lo = ev(ix.from, c),
    hi = ev(ix.to, c);
  if (!lo.isInteger() || !hi.isInteger() || hi.minus(lo).gt(MAX_TERMS))
    throw new NoDecimal('the bounds of this sum');
  let acc = new c.D(n.op === 'sum' ? 0 : 1);
  const had = c.locals.get(ix.name);
  try {
    for (let i = lo.toNumber(); i <= hi.toNumber(); i++) {
      c.locals.set(ix.name, new c.D(i));
      const v = ev(n.body, c);
      acc = n.op === 'sum' ? add(acc, v, c) : mul(acc, v, c);
    }
  } finally {
    if (had) c.locals.set(ix.name, had);
    else c.locals.delete(ix.name);
  }
  return acc;
}

function call(n: Extract<Node, { kind: 'call' }>, c: Ctx): D {
  const { D } = c;
  if (n.sub) throw new NoDecimal(`\\${n.fn} with a subscript`);
  // `\sin^{-1}` is the inverse function: not a power this interpreter should take.
  if (n.sup && (n.sup.kind === 'neg' || (n.sup.kind === 'num' && n.sup.value < 0)))
    throw new NoDecimal(`\\${n.fn} to a negative power`);
  const args = n.args.map((a) => ev(a, c));
  const one = (): D => {
    if (args.length !== 1) throw new NoDecimal(`${n.fn} of ${args.length} arguments`);
    return args[0];
  };
  let r: D;
  if (args.length === 1) argumentKept(n.fn, args[0], c);
  switch (n.fn) {
    case 'exp':
      r = exp(one(), c);
      break;
    case 'log':
    case 'ln': {
      const x = one();
      r = x.isNeg() || x.isZero() ? new D(NaN) : D.ln(x);
      // A plain \log in the base the document states, or the one being tried (logBase.ts).
      const base = n.fn === 'log' && !n.natural ? plainLogBase(c.trial) : null;
      // Base e is stated as the double Math.E, which is not e: in decimals it is the natural log.
      if (base !== null && base !== Math.E) r = r.div(D.ln(new D(base)));
      break;
    }
    case 'sqrt': {
      const x = one();
      r = x.isNeg() ? new D(NaN) : x.sqrt();
      break;
    }
    case 'sin':
    case 'cos':
    case 'tan': {
      const x = one();
      // Argument reduction of huge angles costs digits of π the interpreter does not carry.
      if (x.abs().gt(1e15)) throw new NoDecimal('a trigonometric function of a huge angle');
      if (c.scale.lt(x.abs())) c.scale = x.abs();
      r = n.fn === 'sin' ? D.sin(x) : n.fn === 'cos' ? D.cos(x) : D.tan(x);
      // At a zero (cos of π/2, sin of π) the value is smaller than what the argument's own last
      // digits move it by (the slope there is ±1): it is zero, not a term lost against others.
      if (r.abs().lt(x.abs().times(new D(10).pow(-(c.digits - 5))))) r = new D(0);
      break;
    }
    case 'sinh':
    case 'cosh': {
      // (e^x ∓ e^{−x}) / 2: far out one exponential is lost against the other, as in a sum; the
      // squares of both cancel in cosh² − sinh², which only these digits can see.
      const x = one();
      if (x.abs().gt(1)) add(exp(x.abs(), c), exp(x.abs().neg(), c), c);
      r = finiteOrLost(n.fn === 'sinh' ? D.sinh(x) : D.cosh(x), () => `${n.fn} of ${formatDecimal(x, 3)}`);
      if (c.scale.lt(r.abs())) c.scale = r.abs();
      break;
    }
    case 'tanh': {
      const x = one();
      // Far out, tanh x = ±(1 − 2e^{−2|x|}): the term is lost as in a sum.
      if (x.abs().gt(1)) add(new D(1), exp(x.abs().times(-2), c).times(2), c);
      r = D.tanh(x);
      break;
    }
    case 'abs':
      r = one().abs();
      break;
    case 'sigmoid':
      r = sigmoid(one(), c);
      break;
    case 'relu': {
      const x = one();
      r = x.isNeg() ? new D(0) : x;
      break;
    }
    case 'sign':
      r = new D(one().comparedTo(0));
      break;
    case 'floor':
      r = one().floor();
      break;
    case 'ceil':
      r = one().ceil();
      break;
    case 'max':
    case 'min':
      if (args.length !== 2) throw new NoDecimal(`${n.fn} of ${args.length} arguments`);
      r = n.fn === 'max' ? D.max(args[0], args[1]) : D.min(args[0], args[1]);
      break;
    default:
      throw new NoDecimal(`the function ${n.fn}`);
  }
  return n.sup ? pow(r, ev(n.sup, c), c) : r;
}

// ---- arithmetic that says when even this precision is not enough ------------------------------

/** What a function's value keeps of a small argument x, relative to the value: x, x²/2 or x²/6. */
const NEAR_ZERO: Record<string, (x: D) => D> = {
  exp: (x) => x,
  cos: (x) => x.times(x).div(2),
  sin: (x) => x.times(x).div(6),
  tan: (x) => x.times(x).div(3),
  tanh: (x) => x.times(x).div(3),
  sinh: (x) => x.times(x).div(6),
  cosh: (x) => x.times(x).div(2),
};

/**
 * A function whose value near 0 is a constant or its argument plus a part below the digits
 * carried (cos 10⁻⁷³ is 1 to 140 digits, e^{10⁻⁹⁰} is 1): the argument's contribution is lost, as
 * a term of a sum is (`add`). The double path notes the same, at the tolerance (nearlyConstant).
 */
function argumentKept(fn: string, x: D, c: Ctx): void {
  const kept = NEAR_ZERO[fn];
  if (!kept || x.isZero() || !x.isFinite()) return;
  const a = x.abs();
  if (a.gte(1)) return;
  if (kept(a).lt(new c.D(10).pow(-(c.digits - 5)))) {
    const from = fn === 'exp' || fn === 'cos' || fn === 'cosh' ? 'a constant' : 'its argument';
    throw new DecimalLost(
      `${fn} of ${formatDecimal(x, 3)} differs from ${from} by less than ${c.digits} digits carry`,
    );
  }
}

function finiteOrLost(r: D, what: () => string): D {
  if (!r.isFinite() && !r.isNaN())
    throw new DecimalLost(`${what()} is beyond any exponent the checker carries`);
  return r;
}

function add(a: D, b: D, c: Ctx): D {
  if (!a.isZero() && !b.isZero() && a.isFinite() && b.isFinite()) {
    const big = D_max(a.abs(), b.abs());
    const small = D_min(a.abs(), b.abs());
    if (c.scale.lt(big)) c.scale = big;
    // The smaller term must keep several digits of its own in the sum.
    if (small.lt(big.times(new c.D(10).pow(-(c.digits - 5))))) {
      throw new DecimalLost(
        `a term ${formatDecimal(small, 3)} is lost against ${formatDecimal(big, 3)} even with ` +
          `${c.digits} digits`,
      );
    }
  }
  return a.plus(b);
}

function D_max(a: D, b: D): D {
  return a.gt(b) ? a : b;
}
function D_min(a: D, b: D): D {
  return a.lt(b) ? a : b;
}

function mul(a: D, b: D, c: Ctx): D {
  const r = a.times(b);
  if (r.isZero() && !a.isZero() && !b.isZero())
    throw new DecimalLost('a product is below any exponent the checker carries');
  void c;
  return finiteOrLost(r, () => 'a product');
}

function div(a: D, b: D, c: Ctx): D {
  if (b.isZero()) return new c.D(NaN);
  const r = a.div(b);
  if (r.isZero() && !a.isZero())
    throw new DecimalLost('a quotient is below any exponent the checker carries');
  return finiteOrLost(r, () => 'a quotient');
}

function pow(a: D, b: D, c: Ctx): D {
  if (a.isZero() && b.isNeg()) return new c.D(NaN);
  if (a.isNeg() && !b.isInteger()) return new c.D(NaN);
  // a^b = e^{b ln a}: an exponent too small to move it from 1 is lost, as in e^x.
  if (a.isPos() && !a.eq(1) && !b.isInteger()) argumentKept('exp', b.times(c.D.ln(a)), c);
  const r = a.pow(b);
  if (r.isZero() && !a.isZero()) throw new DecimalLost('a power is below any exponent the checker carries');
  return finiteOrLost(r, () => 'a power');
}

function exp(x: D, c: Ctx): D {
  argumentKept('exp', x, c);
  const r = c.D.exp(x);
  if (r.isZero()) throw new DecimalLost('an exponential is below any exponent the checker carries');
  return finiteOrLost(r, () => 'an exponential');
}

function sigmoid(x: D, c: Ctx): D {
  return div(new c.D(1), add(new c.D(1), exp(x.neg(), c), c), c);
}

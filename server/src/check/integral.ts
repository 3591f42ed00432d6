// Definite integrals ∫_a^b f dx, by the engine's adaptive Gauss–Kronrod quadrature. The
// integration variable is local to the integral (it shadows a declared name of the same letter);
// everything else in the integrand is sampled as usual. Tangents ride through the quadrature, so a
// derivative of an integral with respect to a parameter is differentiation under the integral
// sign, and a limit that depends on the variable adds its Leibniz term f(b)·b′ − f(a)·a′.
import { integrate, Tensor } from '../engine';
import { printNode } from '../math/print';
import type { Node, SymNode } from '../math/tree';
import { Resample, Unsupported } from './errors';
import type { CompileEnv, Fn } from './evaluate';
import { formatNumber } from './format';
import { PrecisionLog } from './precision';
import { limitAt } from './removablePoint';
import type { Trial } from './trial';
import * as V from './values';
import type { Dual } from './values';

/** Subintervals before a quadrature gives up: 15 evaluations each. */
const MAX_INTERVALS = 400;
/** The quadrature aims this much finer than the claim's tolerance, so its error seldom decides. */
const ACCURACY_MARGIN = 10;

type Integral = Extract<Node, { kind: 'integral' }>;

/** `compile` is passed in, as in jacobian.ts: evaluate.ts calls this, so importing it back would be a cycle. */
export function compileIntegral(n: Integral, c: CompileEnv, compile: (n: Node, c: CompileEnv) => Fn): Fn {
  if (n.sign !== 'int')
    throw new Unsupported(
      `\\${n.sign} integrals over a region or a contour are not evaluated: write nested integrals ` +
        'with limits, \\int_a^b \\int_c^d f \\,dy \\,dx',
      n.start,
      n.end,
    );
  if (!n.variable)
    throw new Unsupported(
      'an integral without its differential is not evaluated: write the variable, \\int_a^b f(x) \\,dx',
      n.start,
      n.end,
    );
  if (!n.lower && !n.upper)
    throw new Unsupported(
      'indefinite integrals are not evaluated (they hold only up to a constant): give the limits, ' +
        '\\int_a^b f(x) \\,dx, or state the derivative instead',
      n.start,
      n.end,
    );
  if (!n.lower || !n.upper)
    throw new Unsupported(
      `integrals over a set or region (\\int_{${n.lower ? printNode(n.lower) : ''}}) are not evaluated: ` +
        'write both limits, \\int_a^b',
      n.start,
      n.end,
    );
  const variable: SymNode = n.variable;
  const name = variable.name;
  const lower = compileBound(n.lower, c, compile);
  const upper = compileBound(n.upper, c, compile);
  const body = compile(n.body, { ...c, locals: new Set([...c.locals, name]) });
  return (t) => integralValue(t, n, name, body, lower(t), upper(t));
}

/** A limit: a number, or ±∞. */
export function compileBound(
  b: Node,
  c: CompileEnv,
  compile: (n: Node, c: CompileEnv) => Fn,
): (t: Trial) => Dual | number {
  // `\\int_{x=0}^{1}`: the lower limit written with its variable.
  if (b.kind === 'cmp' && b.op === '=') return compileBound(b.right, c, compile);
  const sign = infinity(b);
  if (sign !== 0) return () => sign * Infinity;
  const f = compile(b, c);
  return (t) => {
    const v = V.dualOf(f(t), b);
    if (v.v.size !== 1)
      throw new Unsupported(
        `a limit of an integral must be a number, found a ${V.describeShape(v.v.shape)}`,
        b.start,
        b.end,
      );
    return v;
  };
}

function infinity(b: Node): number {
  if (b.kind === 'sym' && b.name === '\\infty') return 1;
  if (b.kind === 'neg') return -infinity(b.operand);
  if (b.kind === 'bin' && b.op === '+' && b.left.kind === 'num' && b.left.value === 0)
    return infinity(b.right);
  return 0;
}

function underflowedIntegrand(n: Integral, name: string, x: number, lost: string): Unsupported {
  return new Unsupported(
    `the integral is not evaluated: at ${name} = ${formatNumber(x, 3)} its integrand is defined but has no ` +
      `value in double precision (${lost}); write it in a form that does not divide by or take the ` +
      'logarithm of a quantity that underflows (expand \\ln of a density, combine p^2/q into one ' +
      'exponential)',
    n.start,
    n.end,
  );
}

function noLimitAtInfinity(n: Integral, name: string, x: number): Unsupported {
  return new Unsupported(
    `the integral is not evaluated: its integrand has no limit as ${name} → ${x > 0 ? '' : '−'}∞ ` +
      '(it oscillates or grows there), so the quadrature cannot value it; if it converges, split off ' +
      'the tail or write the integral in a form whose integrand decays',
    n.start,
    n.end,
  );
}

function integralValue(
  t: Trial,
  n: Integral,
  name: string,
  body: Fn,
  lo: Dual | number,
  hi: Dual | number,
): Dual {
  const a = typeof lo === 'number' ? lo : lo.v.data[0];
  const b = typeof hi === 'number' ? hi : hi.v.data[0];
  if (Number.isNaN(a) || Number.isNaN(b))
    throw new Unsupported('a limit of this integral is not a number', n.start, n.end);
  let shape: readonly number[] | null = null;
  const at = (x: number): Dual => {
    try {
      return valueAt(x);
    } catch (e) {
      if (e instanceof Resample && Number.isFinite(x) && (e.reason === 'nan' || e.reason === 'domain')) {
        try {
          return limitAt(x, valueAt, e, n, name);
        } catch (failed) {
          const lost = failed instanceof Resample ? underflowAt(x) : null;
          if (lost) throw underflowedIntegrand(n, name, x, lost);
          throw failed;
        }
      }
      throw e;
    }
  };
  // Far out on an infinite interval a density's e^{-x²/2} underflows to 0, and then φ ln φ or p²/q
  // has no double value although it has a (tiny) real one: that point is not where the integrand is
  // undefined, so it must not make a side undefined.
  const underflowAt = (x: number): string | null => {
    const saved = V.precisionLog();
    const log = new PrecisionLog(t.settings.tolerance);
    V.setPrecisionLog(log);
    try {
      valueAt(x);
    } catch {
      // The failure is the one being explained.
    } finally {
      V.setPrecisionLog(saved);
    }
    return log.underflow;
  };
  const valueAt = (x: number): Dual => {
    t.tick(n);
    t.bind(name, x);
    try {
      return V.dualOf(body(t), n);
    } catch (e) {
      // On an infinite interval the mapped variable can round to ±∞ itself. An integrand with no
      // value there (sin x) has no limit at infinity: the quadrature cannot value the integral, which
      // says nothing about where the claim is defined, so it must not read as an undefined side.
      if (e instanceof Resample && !Number.isFinite(x)) throw noLimitAtInfinity(n, name, x);
      throw e;
    } finally {
      t.unbind(name);
    }
  };
  if (a === b) return V.scalar(0);
  // The quadrature's own error estimate judges its accuracy: values far out that underflow to 0
  // (e^{-x²} at x = 10⁴) are what the integral is made of, not a loss of precision.
  const saved = t.precision;
  V.setPrecisionLog(null);
  // Hovers show a sub-expression's value at the sample; inside the integrand there is none.
  const recorder = t.recorder;
  t.recorder = null;
  let r: ReturnType<typeof integrate>;
  try {
    r = integrate(
      (x) => {
        const y = at(x);
        if (shape === null) shape = y.v.shape;
        else if (y.v.size !== shape.reduce((p, q) => p * q, 1))
          throw new Unsupported('the integrand changes its shape along the interval', n.start, n.end);
        const out = new Float64Array(2 * y.v.size);
        out.set(y.v.data);
        if (y.d) out.set(y.d.data, y.v.size);
        return out;
      },
      a,
      b,
      {
        controlled: (length) => length / 2,
        relTol: Math.max(t.settings.tolerance / ACCURACY_MARGIN, 1e-13),
        absTol: 0,
        maxIntervals: MAX_INTERVALS,
      },
    );
  } finally {
    V.setPrecisionLog(saved);
    t.recorder = recorder;
  }
  const size = r.value.length / 2;
  if (!r.converged)
    throw new Unsupported(
      `the integral did not converge to the needed accuracy (estimated error ${formatNumber(r.error, 2)}` +
        `${r.reason ? `; ${r.reason}` : ''}): check that it exists, or split it where the integrand is ` +
        'singular or oscillates',
      n.start,
      n.end,
    );
  const dims = [...(shape ?? [])];
  const value = Tensor.from(dims, r.value.slice(0, size));
  let tangent: Float64Array | null = r.value.slice(size);
  if (tangent.every((x) => x === 0)) tangent = null;
  // Leibniz: a limit that moves with the variable of a derivative adds f at that limit.
  for (const [limit, sign] of [
    [hi, 1],
    [lo, -1],
  ] as const) {
    if (typeof limit === 'number' || !limit.d || limit.d.data[0] === 0) continue;
    const f = at(limit.v.data[0]).v;
    tangent ??= new Float64Array(size);
    for (let i = 0; i < size; i++) tangent[i] += sign * limit.d.data[0] * f.data[f.size === 1 ? 0 : i];
  }
  t.estimate('quadrature', r.error, value);
  t.observe(value);
  return { v: value, d: tangent ? Tensor.from(dims, tangent) : null };
}

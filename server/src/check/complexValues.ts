// Complex numbers for the claims that need them (complexClaim.ts): the arithmetic, the entire
// functions and the few multivalued ones at their principal value where no branch is at stake.
// The real evaluation path (values.ts, the engine) is untouched: it never sees these.

export interface Complex {
  re: number;
  im: number;
}

export const cx = (re: number, im = 0): Complex => ({ re, im });

/** Thrown where the value would depend on a branch or the notation is not read: the claim stays unchecked. */
export class ComplexDeclined extends Error {}

export const add = (a: Complex, b: Complex) => cx(a.re + b.re, a.im + b.im);
export const sub = (a: Complex, b: Complex) => cx(a.re - b.re, a.im - b.im);
export const mul = (a: Complex, b: Complex) => cx(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
export const neg = (a: Complex) => cx(-a.re, -a.im);
export const conj = (a: Complex) => cx(a.re, -a.im);
export const abs = (a: Complex) => Math.hypot(a.re, a.im);

export function div(a: Complex, b: Complex): Complex {
  const d = b.re * b.re + b.im * b.im;
  if (d === 0) return cx(Number.NaN, Number.NaN);
  return cx((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
}

export function exp(a: Complex): Complex {
  const m = Math.exp(a.re);
  return cx(m * Math.cos(a.im), m * Math.sin(a.im));
}

export const isReal = (a: Complex) => a.im === 0;

/** `z^n` for a whole n, `b^w` for a positive real b (e^{iθ}): the only powers with no branch to choose. */
export function pow(base: Complex, e: Complex): Complex {
  if (isReal(e) && Number.isInteger(e.re) && Math.abs(e.re) <= 64) {
    let out = cx(1);
    for (let k = 0; k < Math.abs(e.re); k++) out = mul(out, base);
    return e.re < 0 ? div(cx(1), out) : out;
  }
  if (isReal(base) && base.re > 0) return exp(mul(cx(Math.log(base.re)), e));
  if (isReal(base) && isReal(e) && base.re === 0 && e.re > 0) return cx(0);
  throw new ComplexDeclined('a power of a complex or negative base with an exponent that is not whole');
}

export function sqrt(a: Complex): Complex {
  if (isReal(a) && a.re >= 0) return cx(Math.sqrt(a.re));
  throw new ComplexDeclined('a square root of a negative or complex value (which root is meant)');
}

export const cos = (a: Complex) => cx(Math.cos(a.re) * Math.cosh(a.im), -Math.sin(a.re) * Math.sinh(a.im));
export const sin = (a: Complex) => cx(Math.sin(a.re) * Math.cosh(a.im), Math.cos(a.re) * Math.sinh(a.im));
export const cosh = (a: Complex) => cx(Math.cosh(a.re) * Math.cos(a.im), Math.sinh(a.re) * Math.sin(a.im));
export const sinh = (a: Complex) => cx(Math.sinh(a.re) * Math.cos(a.im), Math.cosh(a.re) * Math.sin(a.im));

/** The principal argument, in (−π, π]. */
export const arg = (a: Complex) => Math.atan2(a.im, a.re);

export function format(a: Complex): string {
  const r = (x: number) => Number(x.toPrecision(4)).toString();
  if (Math.abs(a.im) < 1e-12 * Math.max(1, Math.abs(a.re))) return r(a.re);
  if (Math.abs(a.re) < 1e-12 * Math.max(1, Math.abs(a.im))) return `${r(a.im)}i`;
  return `${r(a.re)} ${a.im < 0 ? '−' : '+'} ${r(Math.abs(a.im))}i`;
}

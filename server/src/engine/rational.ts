// Exact rationals on BigInt, kept normalised (gcd 1, positive denominator) so equality is
// structural and strings are canonical.
import { DomainError } from './errors';

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function bitLength(x: bigint): number {
  return (x < 0n ? -x : x).toString(2).length;
}

export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num),
      d = BigInt(den);
    if (d === 0n) throw new DomainError('division by zero in an exact fraction');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    return g > 1n ? new Rational(n / g, d / g) : new Rational(n, d);
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  static fromInteger(n: bigint | number): Rational {
    if (typeof n === 'number' && !Number.isInteger(n)) throw new DomainError(`${n} is not an integer`);
    return new Rational(BigInt(n), 1n);
  }

  /** The exact value of a finite double (every double is a fraction with a power of two below). */
  static fromDouble(x: number): Rational {
    if (!Number.isFinite(x)) throw new DomainError(`${x} is not a finite number`);
    let den = 1n;
    let scaled = x;
    while (!Number.isInteger(scaled)) {
      scaled *= 2;
      den *= 2n;
    }
    return Rational.of(BigInt(scaled), den);
  }

  /** Exact value of a decimal literal: "0.25" → 1/4, "-1.5e3" → -1500, "3/4" → 3/4. */
  static fromDecimalString(s: string): Rational {
    const text = s.trim();
    const frac = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(text);
    if (frac) return Rational.of(BigInt(frac[1]), BigInt(frac[2]));
    const m = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new DomainError(`"${s}" is not a decimal number`);
    const digits = (m[2] || '0') + (m[3] ?? '');
    let exponent = -(m[3] ?? '').length + (m[4] ? Number(m[4]) : 0);
    let n = BigInt(digits);
    if (m[1] === '-') n = -n;
    if (Math.abs(exponent) > 10000)
      throw new DomainError(`exponent of "${s}" is too large for an exact fraction`);
    if (exponent >= 0) return Rational.of(n * 10n ** BigInt(exponent), 1n);
    exponent = -exponent;
    return Rational.of(n, 10n ** BigInt(exponent));
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }

  div(o: Rational): Rational {
    if (o.num === 0n) throw new DomainError('division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }

  /** Integer powers only; a negative exponent inverts (0 to a negative power is a domain error). */
  pow(e: number | bigint): Rational {
    if (typeof e === 'number' && !Number.isInteger(e))
      throw new DomainError(`exact powers need an integer exponent, got ${e}`);
    const k = BigInt(e);
    if (k >= 0n) return new Rational(this.num ** k, this.den ** k);
    if (this.num === 0n) throw new DomainError('0 cannot be raised to a negative power');
    return Rational.of(this.den ** -k, this.num ** -k);
  }

  compare(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den,
      r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  /**
   * Nearest double. Huge numerators and denominators would each overflow to Infinity, so both
   * are shifted down to about 64 significant bits first and the binary exponent added back.
   */
  toNumber(): number {
    const LIMIT = 2n ** 53n;
    const an = this.num < 0n ? -this.num : this.num;
    if (an < LIMIT && this.den < LIMIT) return Number(this.num) / Number(this.den);
    const shiftN = Math.max(0, bitLength(this.num) - 64);
    const shiftD = Math.max(0, bitLength(this.den) - 64);
    const n = Number(this.num >> BigInt(shiftN));
    const d = Number(this.den >> BigInt(shiftD));
    // Two half-steps so an intermediate power of two cannot overflow when the result would not.
    const e = shiftN - shiftD;
    const half = Math.trunc(e / 2);
    return (n / d) * 2 ** half * 2 ** (e - half);
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

// Polynomials and rational functions in named variables with rational coefficients: exact
// algebra for claims made of scalars, so that a refutation can say what left − right is
// ("left − right = 2ab") instead of only that two numbers differ.
import { Rational } from './rational';

/** Thrown when a result would grow past the term limit: the caller gives up on exact algebra. */
export class TooManyTerms extends Error {}

const MAX_TERMS = 400;
const MAX_DEGREE = 64;
const SEP = '\u0000';

/** A monomial as `name SEP power` pairs sorted by name and joined by SEP; '' is the constant 1. */
type Monomial = string;

function factors(m: Monomial): [string, number][] {
  if (m === '') return [];
  const parts = m.split(SEP);
  const out: [string, number][] = [];
  for (let i = 0; i < parts.length; i += 2) out.push([parts[i], Number(parts[i + 1])]);
  return out;
}

function monomialOf(powers: Map<string, number>): Monomial {
  return [...powers]
    .filter(([, p]) => p !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([n, p]) => `${n}${SEP}${p}`)
    .join(SEP);
}

function multiplyMonomials(a: Monomial, b: Monomial): Monomial {
  if (a === '') return b;
  if (b === '') return a;
  const powers = new Map(factors(a));
  for (const [n, p] of factors(b)) powers.set(n, (powers.get(n) ?? 0) + p);
  return monomialOf(powers);
}

function degreeOf(m: Monomial): number {
  return factors(m).reduce((d, [, p]) => d + p, 0);
}

export class Polynomial {
  private constructor(private readonly terms: ReadonlyMap<Monomial, Rational>) {
    if (terms.size > MAX_TERMS) throw new TooManyTerms();
  }

  static constant(c: Rational): Polynomial {
    return new Polynomial(c.isZero() ? new Map() : new Map([['', c]]));
  }

  static variable(name: string): Polynomial {
    return new Polynomial(new Map([[`${name}${SEP}1`, Rational.ONE]]));
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }

  /** More than one term: needs brackets inside a quotient. */
  isSum(): boolean {
    return this.terms.size > 1;
  }

  termCount(): number {
    return this.terms.size;
  }

  /** The value when the polynomial is a constant, else null. */
  constantValue(): Rational | null {
    if (this.terms.size === 0) return Rational.ZERO;
    if (this.terms.size === 1 && this.terms.has('')) return this.terms.get('')!;
    return null;
  }

  equals(o: Polynomial): boolean {
    if (this.terms.size !== o.terms.size) return false;
    for (const [m, c] of this.terms) if (!o.terms.get(m)?.equals(c)) return false;
    return true;
  }

  add(o: Polynomial): Polynomial {
    const out = new Map(this.terms);
    for (const [m, c] of o.terms) {
      const sum = (out.get(m) ?? Rational.ZERO).add(c);
      if (sum.isZero()) out.delete(m);
      else out.set(m, sum);
    }
    return new Polynomial(out);
  }

  neg(): Polynomial {
    return new Polynomial(new Map([...this.terms].map(([m, c]) => [m, c.neg()])));
  }

  sub(o: Polynomial): Polynomial {
    return this.add(o.neg());
  }

  mul(o: Polynomial): Polynomial {
    const out = new Map<Monomial, Rational>();
    for (const [ma, ca] of this.terms)
      for (const [mb, cb] of o.terms) {
        const m = multiplyMonomials(ma, mb);
        if (degreeOf(m) > MAX_DEGREE) throw new TooManyTerms();
        const sum = (out.get(m) ?? Rational.ZERO).add(ca.mul(cb));
        if (sum.isZero()) out.delete(m);
        else out.set(m, sum);
        if (out.size > MAX_TERMS) throw new TooManyTerms();
      }
    return new Polynomial(out);
  }

  pow(n: number): Polynomial {
    let out = Polynomial.constant(Rational.ONE);
    for (let i = 0; i < n; i++) out = out.mul(this);
    return out;
  }

  /** The value at a point, in doubles; null when a variable has no value there. */
  evaluate(valueAt: (name: string) => number | undefined): number | null {
    let sum = 0;
    for (const [m, c] of this.terms) {
      let term = c.toNumber();
      for (const [n, p] of factors(m)) {
        const x = valueAt(n);
        if (x === undefined) return null;
        term *= x ** p;
      }
      sum += term;
    }
    return sum;
  }

  /** The value at a point, exactly; null when a variable has no value there. */
  evaluateExactly(valueAt: (name: string) => Rational | undefined): Rational | null {
    let sum = Rational.ZERO;
    for (const [m, c] of this.terms) {
      let term = c;
      for (const [n, p] of factors(m)) {
        const x = valueAt(n);
        if (x === undefined) return null;
        term = term.mul(x.pow(p));
      }
      sum = sum.add(term);
    }
    return sum;
  }

  /**
   * The coefficients by power of a polynomial in `name` alone (index i holds the coefficient of
   * name^i); null when a term mentions another variable.
   */
  coefficientsIn(name: string): Rational[] | null {
    const out: Rational[] = [];
    for (const [m, c] of this.terms) {
      const fs = factors(m);
      if (fs.some(([n]) => n !== name)) return null;
      const power = fs.length === 0 ? 0 : fs[0][1];
      while (out.length <= power) out.push(Rational.ZERO);
      out[power] = out[power].add(c);
    }
    return out;
  }

  /** Multiplies every coefficient by a constant. */
  scale(c: Rational): Polynomial {
    return new Polynomial(new Map([...this.terms].map(([m, x]) => [m, x.mul(c)])));
  }

  /**
   * Readable text: `·` between factors whose names are longer than one letter, `−` for minus,
   * coefficients as integers or fractions (`x_3/2`).
   */
  format(display: (name: string) => string = (n) => n): string {
    // Falling degree; within a degree positive terms first, so a sum rarely opens with a minus.
    const ordered = [...this.terms].sort(
      ([a, x], [b, y]) => degreeOf(b) - degreeOf(a) || y.sign() - x.sign() || (a < b ? -1 : a > b ? 1 : 0),
    );
    if (ordered.length === 0) return '0';
    return ordered
      .map(([m, c], i) => {
        const negative = c.sign() < 0;
        const body = formatTerm(m, negative ? c.neg() : c, display);
        if (i === 0) return negative ? `−${body}` : body;
        return negative ? ` − ${body}` : ` + ${body}`;
      })
      .join('');
  }
}

function formatTerm(m: Monomial, c: Rational, display: (name: string) => string): string {
  const bases = factors(m).map(([n, p]) => [display(n), p] as const);
  // Single letters juxtapose (`2ab`); longer names need a dot to stay apart (`x_1·x_2`).
  const dot = bases.some(([n]) => n.length > 1) ? '·' : '';
  const product = bases.map(([n, p]) => (p === 1 ? n : `${n}^${p}`)).join(dot);
  const num = c.isInteger() ? c.toString() : c.toString().split('/')[0];
  const den = c.isInteger() ? null : c.toString().split('/')[1];
  if (product === '') return c.toString();
  const lead = num === '1' ? product : `${num}${dot}${product}`;
  return den ? `${lead}/${den}` : lead;
}

/** A quotient of polynomials, kept with a constant-free denominator only when it must be. */
export class RationalFunction {
  private constructor(
    readonly num: Polynomial,
    readonly den: Polynomial,
  ) {}

  static of(p: Polynomial): RationalFunction {
    return new RationalFunction(p, Polynomial.constant(Rational.ONE));
  }

  static constant(c: Rational): RationalFunction {
    return RationalFunction.of(Polynomial.constant(c));
  }

  static variable(name: string): RationalFunction {
    return RationalFunction.of(Polynomial.variable(name));
  }

  private static make(num: Polynomial, den: Polynomial): RationalFunction {
    // A constant denominator folds into the numerator, so polynomials print as polynomials.
    const c = den.constantValue();
    if (c && !c.isZero()) return RationalFunction.of(num.scale(Rational.ONE.div(c)));
    if (num.isZero()) return RationalFunction.constant(Rational.ZERO);
    return new RationalFunction(num, den);
  }

  isZero(): boolean {
    return this.num.isZero();
  }

  isConstant(): boolean {
    return this.num.constantValue() !== null && this.den.constantValue() !== null;
  }

  add(o: RationalFunction): RationalFunction {
    if (this.den.equals(o.den)) return RationalFunction.make(this.num.add(o.num), this.den);
    return RationalFunction.make(this.num.mul(o.den).add(o.num.mul(this.den)), this.den.mul(o.den));
  }

  neg(): RationalFunction {
    return new RationalFunction(this.num.neg(), this.den);
  }

  sub(o: RationalFunction): RationalFunction {
    return this.add(o.neg());
  }

  mul(o: RationalFunction): RationalFunction {
    return RationalFunction.make(this.num.mul(o.num), this.den.mul(o.den));
  }

  /** Null when dividing by the zero function. */
  div(o: RationalFunction): RationalFunction | null {
    if (o.num.isZero()) return null;
    if (this.den.equals(o.den)) return RationalFunction.make(this.num, o.num);
    return RationalFunction.make(this.num.mul(o.den), this.den.mul(o.num));
  }

  /** Integer powers; null for a negative power of the zero function. */
  pow(n: number): RationalFunction | null {
    if (n >= 0) return RationalFunction.make(this.num.pow(n), this.den.pow(n));
    if (this.num.isZero()) return null;
    return RationalFunction.make(this.den.pow(-n), this.num.pow(-n));
  }

  /** The value at a point, in doubles; null when a variable has no value or the quotient is 0/0. */
  evaluate(valueAt: (name: string) => number | undefined): number | null {
    const n = this.num.evaluate(valueAt);
    const d = this.den.evaluate(valueAt);
    return n === null || d === null || d === 0 ? null : n / d;
  }

  /** The value at a point, exactly; null when a variable has no value or the denominator is 0. */
  evaluateExactly(valueAt: (name: string) => Rational | undefined): Rational | null {
    const n = this.num.evaluateExactly(valueAt);
    const d = this.den.evaluateExactly(valueAt);
    return n === null || d === null || d.isZero() ? null : n.div(d);
  }

  format(display?: (name: string) => string): string {
    const c = this.den.constantValue();
    if (c) return this.num.format(display);
    const bracket = (p: Polynomial) => (p.isSum() ? `(${p.format(display)})` : p.format(display));
    return `${bracket(this.num)}/${bracket(this.den)}`;
  }
}

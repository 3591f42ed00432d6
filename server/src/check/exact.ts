// Claims made only of integers are checked exactly, in rational arithmetic.
import { Rational } from '../engine';
import type { BinOp, Node } from '../math/tree';
import { isDigitString } from '../model/names';

/** The exact value of an integer-arithmetic tree, or null when it is not one. */
export function exactValue(n: Node): Rational | null {
  try {
    return evalExact(n);
  } catch {
    return null;
  }
}

const MAX_BITS = 200_000;

function bits(r: Rational): number {
  const size = (x: bigint) => (x < 0n ? -x : x).toString(16).length * 4;
  return Math.max(size(r.num), size(r.den));
}

function evalExact(n: Node): Rational | null {
  switch (n.kind) {
    case 'num':
      return n.text.includes('.') || isDigitString(n) ? null : Rational.fromInteger(BigInt(n.text));
    case 'neg': {
      const a = evalExact(n.operand);
      return a ? a.neg() : null;
    }
    case 'group':
      return n.items.length === 1 && (n.open === '(' || n.open === '[') ? evalExact(n.items[0]) : null;
    case 'frac': {
      const a = evalExact(n.numerator);
      const b = evalExact(n.denominator);
      if (a && b && bits(a) + bits(b) > MAX_BITS) return null;
      return a && b && !b.isZero() ? a.div(b) : null;
    }
    case 'fact': {
      const a = evalExact(n.operand);
      if (
        !a?.isInteger() ||
        a.compare(Rational.fromInteger(0n)) < 0 ||
        a.compare(Rational.fromInteger(500n)) > 0
      )
        return null;
      let r = 1n;
      for (let k = 2n; k <= BigInt(a.toString()); k++) r *= k;
      return Rational.fromInteger(r);
    }
    case 'call': {
      if (n.fn === 'mod')
        return n.args.length === 2 && !n.sub && !n.sup ? exactRemainder(n.args[0], n.args[1]) : null;
      // `\gcd(252, 198)`, `\operatorname{lcm}(4, 6)`: of written whole numbers, exactly.
      if ((n.fn !== 'gcd' && n.fn !== 'lcm') || n.args.length < 2 || n.sub || n.sup) return null;
      const args = n.args.map(evalExact);
      if (!args.every((x) => x?.isInteger())) return null;
      let r = (args[0] as Rational).num;
      for (const x of args.slice(1) as Rational[]) {
        const g = wholeGcd(r, x.num);
        r = n.fn === 'gcd' ? g : g === 0n ? 0n : (r / g) * x.num;
      }
      return Rational.fromInteger(r < 0n ? -r : r);
    }
    case 'pow': {
      const a = evalExact(n.base);
      const b = evalExact(n.exponent);
      if (!a || !b?.isInteger()) return null;
      const e = Number(b.toString());
      if (Math.abs(e) > 4096 || (e < 0 && a.isZero())) return null;
      // A result of millions of digits takes seconds to form and says nothing a magnitude does
      // not: leave it to the numeric path (which re-checks beyond double range in decimals).
      if (bits(a) * Math.abs(e) > MAX_BITS) return null;
      return a.pow(e);
    }
    case 'bin': {
      const a = evalExact(n.left);
      const b = evalExact(n.right);
      if (!a || !b) return null;
      // Results grow with their operands (a product of n factors of m bits has n·m): past the
      // bound, a magnitude says as much and the numeric path takes over.
      if (bits(a) + bits(b) > MAX_BITS) return null;
      if (n.op === '/') return b.isZero() ? null : a.div(b);
      return ringOperation(n.op, a, b);
    }
    default:
      return null;
  }
}

/** The operations that exact arithmetic shares between numbers and rational functions. */
interface Ring<T> {
  add(o: T): T;
  sub(o: T): T;
  mul(o: T): T;
}

/** `+`, `−` and the written products of two exact values; null for any other operator. */
export function ringOperation<T extends Ring<T>>(op: BinOp, a: T, b: T): T | null {
  switch (op) {
    case '+':
      return a.add(b);
    case '-':
      return a.sub(b);
    case 'juxt':
    case 'cdot':
    case 'times':
    case 'ast':
      return a.mul(b);
    default:
      return null;
  }
}

/**
 * `a \bmod m` of whole numbers, a − m⌊a/m⌋ (the sign of m), as the registry defines it. A power
 * `b^e \bmod m` is reduced as it is raised, so RSA's `65^{17} \bmod 3233` and `2790^{2753} \bmod 3233`
 * are exact however large the power; in doubles their remainders are rounding noise.
 */
function exactRemainder(a: Node, m: Node): Rational | null {
  const modulus = evalExact(m);
  if (!modulus?.isInteger() || modulus.isZero()) return null;
  const mod = modulus.num;
  const floorMod = (x: bigint) => {
    const r = x % mod;
    return r !== 0n && r < 0n !== mod < 0n ? r + mod : r;
  };
  if (a.kind === 'pow') {
    const base = evalExact(a.base);
    const exponent = evalExact(a.exponent);
    if (base?.isInteger() && exponent?.isInteger() && exponent.sign() >= 0) {
      let result = floorMod(1n);
      let b = floorMod(base.num);
      for (let e = exponent.num; e > 0n; e >>= 1n) {
        if (e & 1n) result = floorMod(result * b);
        b = floorMod(b * b);
      }
      return Rational.fromInteger(result);
    }
  }
  const x = evalExact(a);
  return x?.isInteger() ? Rational.fromInteger(floorMod(x.num)) : null;
}

/** The greatest common divisor of two whole numbers (0 with 0: 0). */
function wholeGcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

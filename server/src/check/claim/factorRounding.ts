// `\frac{(4.2)^2 \sin 60^\circ}{9.81} = \frac{17.64 \times 0.866}{9.81}`: a side of numbers that
// restates the other side piece by piece — the same products, quotients, sums and signs — with each
// computed piece (a function, a power, a root, a fraction) written as a rounded decimal is the
// author's substitution of rounded values; each of those decimals carries its own rounding, as the
// terms of termRounding.ts do.
import type { Node } from '../../math/tree';

type Num = Extract<Node, { kind: 'num' }>;

const PRODUCT = new Set(['juxt', 'cdot', 'times']);

function strip(n: Node): Node {
  let x = n;
  while (x.kind === 'group' && x.items.length === 1 && x.open === '(') x = x.items[0];
  return x;
}

function factors(n: Node): Node[] {
  const x = strip(n);
  if (x.kind === 'bin' && PRODUCT.has(x.op)) return [...factors(x.left), ...factors(x.right)];
  return [x];
}

function quotient(n: Node): [Node, Node] | null {
  if (n.kind === 'frac') return [n.numerator, n.denominator];
  if (n.kind === 'bin' && n.op === '/') return [n.left, n.right];
  return null;
}

const isDecimal = (n: Node): n is Num => n.kind === 'num' && /^\d*\.\d+$/.test(n.text);

/** Walks `mine` (numbers) against `theirs`; false when their shapes part. */
function pair(mine: Node, theirs: Node, out: Num[]): boolean {
  const a = strip(mine);
  const b = strip(theirs);
  if (a.kind === 'num') {
    // A decimal where the other side computes something is that computation, rounded; a decimal
    // against a number is the same given value (or a different one, which the check sees).
    // A decimal against a sum stands for several terms at once: not a piece-by-piece restatement.
    if (b.kind === 'bin' && (b.op === '+' || b.op === '-')) return false;
    if (isDecimal(a) && b.kind !== 'num' && b.kind !== 'neg') out.push(a);
    return true;
  }
  if (a.kind === 'neg') return b.kind === 'neg' && pair(a.operand, b.operand, out);
  const qa = quotient(a);
  const qb = quotient(b);
  if (qa || qb) return !!qa && !!qb && pair(qa[0], qb[0], out) && pair(qa[1], qb[1], out);
  if (a.kind === 'bin' && PRODUCT.has(a.op)) {
    const fa = factors(a);
    const fb = factors(b);
    return fa.length === fb.length && fa.every((f, i) => pair(f, fb[i], out));
  }
  if (a.kind === 'bin' && (a.op === '+' || a.op === '-'))
    return b.kind === 'bin' && b.op === a.op && pair(a.left, b.left, out) && pair(a.right, b.right, out);
  return false;
}

/**
 * The decimals of `side` (made of numbers only) that stand where `other`, of the same shape,
 * computes something. Nothing when the shapes part anywhere: then no decimal is known to be a
 * rounding of anything, and decimals inside a computation are exact.
 */
export function factorRoundings(side: Node, other: Node, onlyNumbers: (n: Node) => boolean): Num[] {
  if (!onlyNumbers(side)) return [];
  const out: Num[] = [];
  return pair(side, other, out) ? out : [];
}

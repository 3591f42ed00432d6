// `\frac{(4.2)^2 \sin 60^\circ}{9.81} = \frac{17.64 \times 0.866}{9.81}`: a side of numbers that
// restates the other side piece by piece — the same products, quotients, sums and signs — with each
// computed piece (a function, a power, a root, a fraction) written as a rounded decimal is the
// author's substitution of rounded values; each of those decimals carries its own rounding, as the
// terms of termRounding.ts do. The same function or root of a computed argument
// (`2\sqrt{0.0921}` against `2\sqrt{\ln 100 / 50}`) restates it too.
import type { Node } from '../../math/tree';
import { printNode } from '../../math/print';
import { walk } from '../../model/names';

type Num = Extract<Node, { kind: 'num' }>;

const PRODUCT = new Set(['juxt', 'cdot', 'times']);

function strip(n: Node): Node {
  let x = n;
  while (x.kind === 'group' && x.items.length === 1 && x.open === '(') x = x.items[0];
  return x;
}

function factors(n: Node): Node[] {
  const flat = (m: Node): Node[] => {
    const x = strip(m);
    return x.kind === 'bin' && PRODUCT.has(x.op) ? [...flat(x.left), ...flat(x.right)] : [x];
  };
  // A product reads left to right, so `1.2 \times 10^{-4} \times 8.0 \times 10^{12}` nests its numbers
  // apart: the decimal and the power of ten after it are put back together.
  const out: Node[] = [];
  for (const f of flat(n)) {
    const last = out[out.length - 1];
    const joined: Node | undefined = last && {
      kind: 'bin',
      op: 'times',
      left: last,
      right: f,
      start: last.start,
      end: f.end,
    };
    if (joined && scientific(joined)) out[out.length - 1] = joined;
    else out.push(f);
  }
  return out;
}

/**
 * `1.2097 \times 10^{-4}`: a decimal in scientific notation is one number, one factor, whose digits
 * are the decimal's (the power of ten is exact).
 */
function scientific(n: Node): Num | null {
  if (n.kind !== 'bin' || !PRODUCT.has(n.op) || !isDecimal(n.left)) return null;
  const p = n.right;
  const exponent = p.kind === 'pow' ? (p.exponent.kind === 'neg' ? p.exponent.operand : p.exponent) : null;
  return p.kind === 'pow' && p.base.kind === 'num' && p.base.text === '10' && exponent?.kind === 'num'
    ? n.left
    : null;
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
    // A whole number against one (`41` for `q - z`) is that difference worked out, exactly.
    if (b.kind === 'bin' && (b.op === '+' || b.op === '-')) return !isDecimal(a);
    if (isDecimal(a) && b.kind !== 'num' && b.kind !== 'neg') out.push(a);
    return true;
  }
  const sci = scientific(a);
  if (sci) {
    // As a decimal: against a sum it stands for several terms at once; against a number it is given.
    if (b.kind === 'bin' && (b.op === '+' || b.op === '-')) return false;
    if (b.kind !== 'num' && b.kind !== 'neg' && !scientific(b)) out.push(sci);
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
  // `2\sqrt{0.0921}` against `2\sqrt{\ln 100 / 50}`, `\ln(1.0513)` against `\ln(1 + 0.05)`: the same
  // function of a computed argument, rounded; the function, its index and its scripts must match.
  if (a.kind === 'sqrt')
    return b.kind === 'sqrt' && sameScript(a.degree, b.degree) && pair(a.radicand, b.radicand, out);
  if (a.kind === 'call')
    return (
      b.kind === 'call' &&
      a.fn === b.fn &&
      !!a.natural === !!b.natural &&
      sameScript(a.sub, b.sub) &&
      sameScript(a.sup, b.sup) &&
      a.args.length === b.args.length &&
      a.args.every((x, i) => pair(x, b.args[i], out))
    );
  if (a.kind === 'pow')
    return b.kind === 'pow' && pair(a.base, b.base, out) && pair(a.exponent, b.exponent, out);
  return false;
}

/** Two scripts (a root's index, a logarithm's base, a power on a function) written alike. */
function sameScript(a: Node | null, b: Node | null): boolean {
  return a === null || b === null ? a === b : printNode(a) === printNode(b);
}

/**
 * The decimals of `side` (made of numbers only) that stand where `other`, of the same shape,
 * computes something. Nothing when the shapes part anywhere: then no decimal is known to be a
 * rounding of anything, and decimals inside a computation are exact.
 */
export function factorRoundings(side: Node, other: Node, onlyNumbers: (n: Node) => boolean): Num[] {
  // Functions of numbers are numbers here: pair() lets a function stand only against the same one.
  if (!onlyNumbers(withoutCalls(side))) return [];
  const out: Num[] = [];
  return pair(side, other, out) ? out : [];
}

/** The tree with each function call replaced by its arguments, so that only names and the like remain to be found. */
function withoutCalls(n: Node): Node {
  if (n.kind === 'call')
    return {
      kind: 'group',
      open: '(',
      close: ')',
      items: n.args.map(withoutCalls),
      start: n.start,
      end: n.end,
    };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(n))
    out[k] = Array.isArray(x)
      ? x.map((y) => (isNode(y) ? withoutCalls(y) : y))
      : isNode(x)
        ? withoutCalls(x)
        : x;
  return out as unknown as Node;
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && typeof (x as Node).kind === 'string';
}

/** Three significant digits or more: `0.8808`, `22.6`; `0.5` and `0.25` are given values. */
const significant = (text: string) => text.replace('.', '').replace(/^0+/, '').length;

/**
 * A value no decimal writes exactly: a known function of numbers, a derivative at a number, a root,
 * π or e. A function the document defines is left out: its value is its body's, whose terms a side
 * restates one by one or not at all (termRounding.ts).
 */
function computesBeyondDecimals(n: Node): boolean {
  let found = false;
  walk(n, (x) => {
    if (x.kind === 'call' || x.kind === 'prime' || x.kind === 'sqrt') found = true;
    if (x.kind === 'sym' && (x.name === '\\pi' || x.name === 'e')) found = true;
  });
  return found;
}

/**
 * `\sigma'(2) = 0.8808 \times 0.1192`, `\tanh'(0.5) = 1 - 0.4621^2`, `22.6/\sqrt{512} = 1`: where a
 * claim in numbers computes a value no decimal writes exactly, a side of numbers that writes decimals
 * of three or more significant digits substituted rounded values for computed pieces, even when its
 * shape is not the other side's (σ(2) and 1 − σ(2) behind the product). Each carries its rounding;
 * shorter decimals (`0.5`, `0.25`) are given values and exact. The other side may use names with
 * values (`\alpha \cdot 0.05 / \sqrt{0.00025} = 10^{-3} \cdot 0.05 / 0.01581`); against sampled
 * letters a number's rounding box excuses nothing.
 */
export function substitutedRoundings(side: Node, other: Node, onlyNumbers: (n: Node) => boolean): Num[] {
  if (!onlyNumbers(side)) return [];
  if (!computesBeyondDecimals(side) && !computesBeyondDecimals(other)) return [];
  const out: Num[] = [];
  walk(side, (x) => {
    if (isDecimal(x) && significant(x.text) >= 3) out.push(x);
  });
  return out;
}

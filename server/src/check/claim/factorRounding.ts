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
/** The decimals found rounded, and for each that stands for one piece of the other side, that piece. */
type Out = Num[] & { pieces?: Map<Num, Node> };

function put(out: Out, n: Num, piece: Node): void {
  out.push(n);
  out.pieces?.set(n, piece);
}

const PRODUCT = new Set(['juxt', 'cdot', 'times']);
const CONSTANTS = new Set(['\\pi', 'e']);

function strip(n: Node): Node {
  let x = n;
  while (x.kind === 'group' && x.items.length === 1 && x.open === '(') x = x.items[0];
  return x;
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
function pair(mine: Node, theirs: Node, out: Out, factor = false): boolean {
  const a = strip(mine);
  const b = strip(theirs);
  // The same piece on both sides (`\pi` in `2\pi\sqrt{0.0815}`, the `e` of `e^{0.0815}`) is no
  // computation restated: it passes, and the pieces around it may still be roundings.
  if (a.kind !== 'num' && printNode(a) === printNode(b)) return true;
  if (a.kind === 'num') {
    // A decimal where the other side computes something is that computation, rounded; a decimal
    // against a number is the same given value (or a different one, which the check sees).
    // A decimal against a sum stands for several terms at once: not a piece-by-piece restatement.
    // Except as a whole numerator or denominator (`factor`) against a sum that computes: `3.2086`
    // for `(1.004)^{360} - 1` is that part of the quotient worked out, rounded. A whole number
    // against a sum (`41` for `q - z`) is the difference worked out, exactly.
    if (isSum(b)) {
      const worked = isDecimal(a) && factor && computedSum(b);
      if (worked) put(out, a, b);
      return !isDecimal(a) || worked;
    }
    if (isDecimal(a) && b.kind !== 'num' && b.kind !== 'neg') put(out, a, b);
    return true;
  }
  const sci = scientific(a);
  if (sci) {
    // As a decimal: against a sum it stands for several terms at once; against a number it is given.
    if (b.kind === 'bin' && (b.op === '+' || b.op === '-')) return false;
    if (b.kind !== 'num' && b.kind !== 'neg' && !scientific(b)) out.push(sci);
    return true;
  }
  // `\Phi(-0.98)` against `\Phi((25.5 - 30)/4.583)`: a negative result, rounded, of a computation
  // whose sign is inside it.
  if (a.kind === 'neg' && b.kind !== 'neg' && isDecimal(strip(a.operand)) && isComputed(b)) {
    out.push(strip(a.operand) as Num);
    return true;
  }
  if (a.kind === 'neg') return b.kind === 'neg' && pair(a.operand, b.operand, out);
  if (multiplies(a) || multiplies(b)) return pairRatios(ratio(a), ratio(b), out);
  if (a.kind === 'bin' && (a.op === '+' || a.op === '-'))
    return b.kind === 'bin' && b.op === a.op && pair(a.left, b.left, out) && pair(a.right, b.right, out);
  // `2\sqrt{0.0921}` against `2\sqrt{\ln 100 / 50}`, `\ln(1.0513)` against `\ln(1 + 0.05)`: the same
  // function of a computed argument, rounded; the function, its index and its scripts must match.
  // A function's whole argument is worked out as one number, as a whole numerator is: `\log(9.389)`
  // against `\log(e^2 + 2)` rounds the sum, which a decimal inside a sum could not.
  if (a.kind === 'sqrt')
    return b.kind === 'sqrt' && sameScript(a.degree, b.degree) && pair(a.radicand, b.radicand, out, true);
  if (a.kind === 'call')
    return (
      b.kind === 'call' &&
      a.fn === b.fn &&
      !!a.natural === !!b.natural &&
      sameScript(a.sub, b.sub) &&
      sameScript(a.sup, b.sup) &&
      a.args.length === b.args.length &&
      a.args.every((x, i) => pair(x, b.args[i], out, true))
    );
  if (a.kind === 'pow')
    return b.kind === 'pow' && pair(a.base, b.base, out) && pair(a.exponent, b.exponent, out);
  // `\Phi(1.73)` against `\Phi(5/\sqrt{8.33})`: a function named by a letter (the normal CDF read
  // from a table) at a rounded argument.
  if (a.kind === 'apply')
    return (
      b.kind === 'apply' &&
      a.f.name === b.f.name &&
      a.args.length === b.args.length &&
      a.args.every((x, i) => pair(x, b.args[i], out, true))
    );
  return false;
}

const isSum = (n: Node) => {
  const x = strip(n);
  return x.kind === 'bin' && (x.op === '+' || x.op === '-');
};

/**
 * `(1.004)^{360} - 1`, `1 + \sqrt 2`: a sum with a term that computes (a power, a product, a root, a
 * function), whose value the author works out and rounds as a whole. `0.5 + 0.25` and `q - z` add
 * given values: a decimal written for them is no rounding of anything.
 */
function computedSum(n: Node): boolean {
  const terms: Node[] = [];
  const flatten = (x: Node) => {
    const y = strip(x);
    if (y.kind === 'bin' && (y.op === '+' || y.op === '-')) {
      flatten(y.left);
      flatten(y.right);
    } else terms.push(y.kind === 'neg' ? y.operand : y);
  };
  flatten(n);
  return terms.some(isComputed);
}

/** A product, quotient, root, power or function: something the author worked out to a number. */
function isComputed(n: Node): boolean {
  const x = strip(n);
  return x.kind !== 'num' && x.kind !== 'sym' && !(x.kind === 'bin' && (x.op === '+' || x.op === '-'));
}

/** A product or a quotient. */
function multiplies(n: Node): boolean {
  // A number in scientific notation is one factor, not a product to take apart.
  if (scientific(strip(n))) return false;
  return quotient(n) !== null || (n.kind === 'bin' && PRODUCT.has(n.op)) || constantTimesBracket(n) !== null;
}

interface Ratio {
  up: Node[];
  down: Node[];
}

/**
 * `2\pi (0.2855)`: the constant before a bracket of a number, which the checker multiplies
 * (model/appliedConstants.ts), as the two factors.
 */
function constantTimesBracket(n: Node): [Node, Node] | null {
  if (n.kind !== 'apply' || !CONSTANTS.has(n.f.name) || n.args.length !== 1 || n.given !== undefined)
    return null;
  return [n.f, n.args[0]];
}

/** The factors a product or quotient multiplies by (`up`) and divides by (`down`), in order. */
function ratio(n: Node): Ratio {
  const x = strip(n);
  if (scientific(x)) return { up: [x], down: [] };
  const times = constantTimesBracket(x);
  if (times) return { up: times.flatMap((f) => ratio(f).up), down: [] };
  const q = quotient(x);
  if (q) {
    const [a, b] = [ratio(q[0]), ratio(q[1])];
    return { up: [...a.up, ...b.down], down: [...a.down, ...b.up] };
  }
  if (x.kind === 'bin' && PRODUCT.has(x.op)) {
    const [a, b] = [ratio(x.left), ratio(x.right)];
    return { up: joinScientific([...a.up, ...b.up]), down: [...a.down, ...b.down] };
  }
  return { up: [x], down: [] };
}

/**
 * A product reads left to right, so `1.2 \times 10^{-4} \times 8.0 \times 10^{12}` nests its numbers
 * apart: each decimal and the power of ten after it are put back together, one factor.
 */
function joinScientific(factors: Node[]): Node[] {
  const out: Node[] = [];
  for (const f of factors) {
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

/** The factors of `mine` and `theirs` that the other does not write alike (`2` of `2 \cdot 0.0815`). */
function unshared(mine: Node[], theirs: Node[]): [Node[], Node[]] {
  const left = [...theirs];
  const own: Node[] = [];
  for (const f of mine) {
    const i = left.findIndex((g) => printNode(g) === printNode(f));
    if (i >= 0) left.splice(i, 1);
    else own.push(f);
  }
  return [own, left];
}

/**
 * `2 \cdot 0.0815` against `2 \cdot 0.8 / 9.81`, `\frac{17.64 \times 0.866}{9.81}` against
 * `\frac{(4.2)^2 \sin 60^\circ}{9.81}`: the factors both sides write alike pass; a lone decimal
 * left is the rounded value of all the other side has left (one quotient worked out), and otherwise
 * what is left pairs factor by factor, multiplied with multiplied and divided with divided.
 */
function pairRatios(a: Ratio, b: Ratio, out: Out): boolean {
  const [upA, upB] = unshared(a.up, b.up);
  const [downA, downB] = unshared(a.down, b.down);
  const rest = [...upB, ...downB];
  if (upA.length === 1 && downA.length === 0 && isDecimal(upA[0]) && rest.length > 1) {
    // A decimal for several terms at once is no piece-by-piece restatement (see pair()).
    if (rest.some((f) => isSum(f) && !computedSum(f))) return false;
    out.push(upA[0]);
    return true;
  }
  if (pairFactors(upA, upB, out) && pairFactors(downA, downB, out)) return true;
  return leadingThenRest(upA, downA, upB, downB, out);
}

/**
 * `500 \cdot 4.4518` against `C \cdot \frac{1 - (1+i)^{-N}}{i}`: the factors written first stand for
 * the other side's first ones, one by one (500 for C), and a last decimal is the rounded value of
 * everything the other side has left, worked out as one number (the annuity factor).
 */
function leadingThenRest(upA: Node[], downA: Node[], upB: Node[], downB: Node[], out: Out): boolean {
  const k = upA.length - 1;
  const last = upA[k];
  if (k < 1 || downA.length > 0 || !isDecimal(last) || upB.length <= k) return false;
  const rest = [...upB.slice(k), ...downB];
  if (rest.length < 2 || rest.some((f) => isSum(f) && !computedSum(f))) return false;
  const mine: Out = Object.assign([], { pieces: new Map<Num, Node>() });
  if (!upA.slice(0, k).every((f, i) => pair(f, upB[i], mine, true))) return false;
  out.push(...mine, last);
  for (const [n, piece] of mine.pieces ?? []) out.pieces?.set(n, piece);
  out.pieces?.set(last, restAsOne(upB.slice(k), downB));
  return true;
}

/**
 * The factors left on one side of a fraction: one by one, or, where `mine` writes a single number
 * against several (`7.50/24.45` against `(1.50)(5.00)/((0.08206)(298))`), that number is their
 * product worked out — rounded when a decimal, exact when whole.
 */
function pairFactors(mine: Node[], theirs: Node[], out: Out): boolean {
  if (mine.length === 1 && theirs.length > 1 && mine[0].kind === 'num') {
    if (theirs.some((f) => isSum(f) && !computedSum(f))) return false;
    if (isDecimal(mine[0])) out.push(mine[0]);
    return true;
  }
  return mine.length === theirs.length && mine.every((f, i) => pair(f, theirs[i], out, true));
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
export function factorRoundings(
  side: Node,
  other: Node,
  onlyNumbers: (n: Node) => boolean,
  /** Where given, each decimal's piece of `other`, so that a piece computing it exactly rounds nothing. */
  pieces?: Map<Num, Node>,
): Num[] {
  // Functions of numbers are numbers here: pair() lets a function stand only against the same one.
  if (!onlyNumbers(withoutCalls(side))) return [];
  const out: Out = Object.assign([], { pieces: new Map<Num, Node>() });
  if (!pair(side, other, out)) return [];
  if (pieces) for (const [k, v] of out.pieces ?? []) pieces.set(k, v);
  return [...out];
}

/**
 * The tree with each function call replaced by its arguments and π and e by numbers, so that only
 * names and the like remain to be found.
 */
function withoutCalls(n: Node): Node {
  // π and e are numbers too: `2\pi\sqrt{0.0815}` is a side of numbers.
  if (n.kind === 'sym' && CONSTANTS.has(n.name) && n.subText === null && n.primes === 0)
    return { kind: 'num', text: '1', value: 1, start: n.start, end: n.end } as Node;
  const times = constantTimesBracket(n);
  if (times)
    return {
      ...n,
      kind: 'bin',
      op: 'juxt',
      left: withoutCalls(times[0]),
      right: withoutCalls(times[1]),
    } as Node;
  if (n.kind === 'call' || n.kind === 'apply')
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
export function substitutedRoundings(
  side: Node,
  other: Node,
  onlyNumbers: (n: Node, constants?: boolean) => boolean,
): Num[] {
  // Against a name's value, π is a number too (`r = (3.986 \times 10^{14} \times 86164^2 / 4\pi^2)^{1/3}`
  // substitutes a rounded GM); between two sides of numbers it keeps the rule above.
  if (!onlyNumbers(side, !onlyNumbers(other, true))) return [];
  if (!computesBeyondDecimals(side) && !computesBeyondDecimals(other)) return [];
  const out: Num[] = [];
  walk(side, (x) => {
    if (isDecimal(x) && significant(x.text) >= 3) out.push(x);
  });
  return out;
}

/** The product of `up` over the product of `down`, as one tree (the piece a decimal stands for). */
function restAsOne(up: Node[], down: Node[]): Node {
  const product = (fs: Node[]): Node =>
    fs.reduce((a, b) => ({ kind: 'bin', op: 'cdot', left: a, right: b, start: a.start, end: b.end }));
  const top = product(up);
  if (down.length === 0) return top;
  const bottom = product(down);
  return { kind: 'frac', numerator: top, denominator: bottom, start: top.start, end: bottom.end };
}

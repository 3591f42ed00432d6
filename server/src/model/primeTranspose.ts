// Econometrics writes the transpose with a prime: β̂ = (X'X)^{-1}X'y, e'e, P_Z'P_Z. The same mark
// is a derivative (f'(x)) and a new name (n', x' in k(x, x')), so a prime is read as a transpose
// only where nothing else fits: after a vector or matrix the document declared or defined (not a
// function, not a number), when the primed name means nothing of its own, and when it stands as a
// factor of a product — where a derivative has no variable and a second object would be named
// twice. Elsewhere (`\|x - x'\|`, `k(x, x')`, a side on its own) it stays a name.
import type { Node, SymNode } from '../math/tree';
import { walk } from './names';

const PRODUCTS = new Set(['juxt', 'cdot', 'times']);

/** What the rewrite asks of the document: may `name` hold a vector or matrix, and is it a name? */
export interface PrimeContext {
  mayBeTensor(name: string): boolean;
  isKnown(name: string): boolean;
}

/** The side with each primed vector or matrix in a product read as its transpose. */
export function transposePrimes(side: Node, ctx: PrimeContext): Node {
  let primed = false;
  walk(side, (x) => {
    if ((x.kind === 'sym' && x.primes > 0) || x.kind === 'prime') primed = true;
  });
  if (!primed) return side;
  try {
    return rewrite(side, false, ctx) as Node;
  } catch (e) {
    // A tree too deep to copy (a sum of thousands of terms) keeps its primes as names.
    if (e instanceof RangeError) return side;
    throw e;
  }
}

/**
 * Whether the relation's primes stay names whatever they stand next to: a function definition's
 * primed parameters (`k(x, x') := …`), and a relation that writes its transposes with `^\top`
 * (`x^\top x'`), whose author does not also write them with a prime.
 */
export function keepsPrimesAsNames(lhs: Node, rhs: Node): boolean {
  const args = lhs.kind === 'apply' ? lhs.args : lhs.kind === 'prime' ? lhs.args : [];
  if (args.some((a) => a.kind === 'sym' && a.primes > 0)) return true;
  let written = false;
  for (const side of [lhs, rhs])
    walk(side, (x) => {
      if (x.kind === 'post' && (x.op === 'T' || x.op === 'invT') && !x.prime) written = true;
    });
  return written;
}

function rewrite(n: unknown, inProduct: boolean, ctx: PrimeContext): unknown {
  if (Array.isArray(n)) return n.map((x) => rewrite(x, false, ctx));
  if (!isNode(n)) return n;
  if (n.kind === 'sym') return inProduct ? (transposed(n, ctx) ?? n) : n;
  if (n.kind === 'prime' && n.args.length === 1 && !n.label) {
    // `X'(y - X b)` of a matrix X: the transpose times the bracket, not a derivative.
    const t = transposed(n.f, ctx);
    if (t) {
      const arg = rewrite(n.args[0], false, ctx) as Node;
      const group: Node = { kind: 'group', open: '(', close: ')', items: [arg], start: n.f.end, end: n.end };
      return { kind: 'bin', op: 'juxt', left: t, right: group, start: n.start, end: n.end };
    }
  }
  // A factor stays a factor through brackets, powers, inverses and signs: `(X')^{-1}`, `X'^{-1}`.
  const passes =
    n.kind === 'post' ||
    n.kind === 'neg' ||
    (n.kind === 'group' && n.items.length === 1) ||
    (n.kind === 'bin' && PRODUCTS.has(n.op));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(n)) {
    if (n.kind === 'pow' && k === 'base') out[k] = rewrite(x, inProduct, ctx);
    else if (n.kind === 'group' && k === 'items' && passes)
      out[k] = (x as Node[]).map((i) => rewrite(i, inProduct, ctx));
    else if (passes && n.kind === 'bin') out[k] = rewrite(x, true, ctx);
    else out[k] = passes ? rewrite(x, inProduct, ctx) : rewrite(x, false, ctx);
  }
  return out;
}

/** `X'` as `X^\top` (an even number of primes cancels), or null when the prime is not a transpose. */
function transposed(sym: SymNode, ctx: PrimeContext): Node | null {
  if (sym.primes === 0 || ctx.isKnown(sym.name)) return null;
  const base: SymNode = {
    ...sym,
    name: sym.name.replace(/'+$/, ''),
    stem: sym.stem.replace(/'+$/, ''),
    primes: 0,
    end: sym.end - sym.primes,
  };
  if (!ctx.mayBeTensor(base.name)) return null;
  let out: Node = base;
  for (let i = 0; i < sym.primes; i++)
    out = { kind: 'post', op: 'T', operand: out, prime: true, start: sym.start, end: sym.end };
  return out;
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && 'kind' in x && typeof (x as Node).kind === 'string';
}

// `0.5^\tau`, `\gamma^T`, `(1 - \gamma)^T`: a superscript letter T or τ is a transpose only on
// something that can be transposed. A number has no transpose worth writing, so where the document
// gives the letter a number of its own (a horizon τ, a temperature T, a sequence length T) and the
// base is a number — written, or a name the document holds as a scalar — the superscript is that
// power. On a vector or matrix (`x^T x`, `A^T`), under `^\top`, and where the letter means nothing
// (`0.5^T`, τ undeclared), it stays a transpose.
import type { Node } from '../math/tree';
import { makeSym } from '../math/parser/nodes';
import { someNode } from './names';

/** What the rewrite asks of the document: does `name` hold a single number? */
export interface ScalarContext {
  isNumber(name: string): boolean;
}

/** The side with each letter transpose of a number, whose letter is a number, read as a power. */
export function powersOfScalars(side: Node, ctx: ScalarContext): Node {
  if (!hasLetterTranspose(side)) return side;
  try {
    return rewrite(side, ctx) as Node;
  } catch (e) {
    // A tree too deep to copy (a sum of thousands of terms) keeps its reading.
    if (e instanceof RangeError) return side;
    throw e;
  }
}

function hasLetterTranspose(side: Node): boolean {
  return someNode(side, (x) => x.kind === 'post' && x.letter !== undefined);
}

function rewrite(n: unknown, ctx: ScalarContext): unknown {
  if (Array.isArray(n)) return n.map((x) => rewrite(x, ctx));
  if (!isNode(n)) return n;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(n)) out[k] = rewrite(x, ctx);
  const node = out as unknown as Node;
  if (node.kind === 'post' && node.op === 'T' && node.letter && ctx.isNumber(node.letter)) {
    if (isScalar(node.operand, ctx)) {
      const exponent = makeSym(node.letter, node.operand.end, node.end);
      return { kind: 'pow', base: node.operand, exponent, start: node.start, end: node.end };
    }
  }
  return node;
}

const ARITHMETIC = new Set(['+', '-', '/', 'juxt', 'cdot', 'times']);

/** A number: written, a name the document holds as one, or arithmetic of those. */
function isScalar(n: Node, ctx: ScalarContext): boolean {
  switch (n.kind) {
    case 'num':
      return true;
    case 'sym':
      return ctx.isNumber(n.name);
    case 'group':
      return n.open === '(' && n.items.length === 1 && isScalar(n.items[0], ctx);
    case 'neg':
      return isScalar(n.operand, ctx);
    case 'bin':
      return ARITHMETIC.has(n.op) && isScalar(n.left, ctx) && isScalar(n.right, ctx);
    case 'frac':
      return isScalar(n.numerator, ctx) && isScalar(n.denominator, ctx);
    case 'sqrt':
      return isScalar(n.radicand, ctx);
    case 'pow':
      return isScalar(n.base, ctx) && isScalar(n.exponent, ctx);
    default:
      return false;
  }
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && 'kind' in x && typeof (x as Node).kind === 'string';
}

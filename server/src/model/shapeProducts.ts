// "$X^\top G$ is $(d \times n)(n \times m) = d \times m$": shapes multiplied side by side, the way
// notes check that a matrix product can be formed. Read as numbers the relation is false (dnnm is not
// dm); read as shapes it says that the inner sizes agree and what the product's shape is.
import type { Node } from '../math/tree';

/** Two sizes `a \times b`, perhaps in parentheses: the shape of one matrix. */
function matrixShape(n: Node): [Node, Node] | null {
  if (n.kind === 'group' && n.open === '(' && n.items.length === 1) return matrixShape(n.items[0]);
  if (n.kind !== 'bin' || n.op !== 'times') return null;
  if (!isSize(n.left) || !isSize(n.right)) return null;
  return [n.left, n.right];
}

/** A size: a number or a name (d, d_k, N_{\text{in}}), or a sum or difference of them (n - k + 1). */
function isSize(n: Node): boolean {
  // Iterative, as every walk of a tree that may be a 5000-term sum.
  const stack: Node[] = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'num' || x.kind === 'sym') continue;
    if (x.kind === 'bin' && (x.op === '+' || x.op === '-' || x.op === 'juxt' || x.op === 'cdot'))
      stack.push(x.right, x.left);
    else if (x.kind === 'group' && x.open === '(' && x.items.length === 1) stack.push(x.items[0]);
    else return false;
  }
  return true;
}

/** The parenthesised shapes written side by side, in order, or null when the side is not such a product. */
function shapeFactors(n: Node): [Node, Node][] | null {
  const out: [Node, Node][] = [];
  const stack: Node[] = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'bin' && x.op === 'juxt') {
      stack.push(x.right, x.left);
      continue;
    }
    const shape = x.kind === 'group' ? matrixShape(x) : null;
    if (!shape) return null;
    out.push(shape);
  }
  return out;
}

interface SideShape {
  /** The shape the side comes to: rows and columns. */
  result: [Node, Node];
  /** Sizes that must agree for the product to be formed: each inner column count and row count. */
  inner: [Node, Node][];
  product: boolean;
}

function sideShape(n: Node): SideShape | null {
  const factors = shapeFactors(n);
  if (factors && factors.length >= 2) {
    const inner: [Node, Node][] = [];
    for (let i = 1; i < factors.length; i++) inner.push([factors[i - 1][1], factors[i][0]]);
    return { result: [factors[0][0], factors[factors.length - 1][1]], inner, product: true };
  }
  const one = matrixShape(n);
  return one ? { result: one, inner: [], product: false } : null;
}

/** The sizes as a tuple, `(a, b, …)`, compared entry by entry. */
function list(items: Node[], at: Node): Node {
  return { kind: 'group', open: '(', close: ')', items, start: at.start, end: at.end };
}

/**
 * An equation between shapes, one side at least a product of parenthesised shapes, read as a
 * statement about shapes: the sides to compare instead — every inner size pair and the two results,
 * as lists of sizes. Null for anything else.
 */
export function shapeProductReading(lhs: Node, rhs: Node): { lhs: Node; rhs: Node } | null {
  const a = sideShape(lhs);
  const b = sideShape(rhs);
  if (!a || !b || !(a.product || b.product)) return null;
  const inner = [...a.inner, ...b.inner];
  return {
    lhs: list([a.result[0], a.result[1], ...inner.map((p) => p[0])], lhs),
    rhs: list([b.result[0], b.result[1], ...inner.map((p) => p[1])], rhs),
  };
}

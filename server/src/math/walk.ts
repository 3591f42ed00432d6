// Walking a math tree: its children, every node, a search. Here, beside the tree, so that the
// parser and every layer above it share one walker (the model re-exports it, model/names.ts).
import type { Node } from './tree';

/** Calls `visit` on every node of the tree (pre-order). */
export function walk(n: Node, visit: (n: Node) => void): void {
  // Iterative: a 5000-term sum is a 5000-deep tree.
  const stack: Node[] = [n];
  while (stack.length) {
    const x = stack.pop()!;
    visit(x);
    const cs = children(x);
    for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]);
  }
}

/** Whether some node of the tree meets `test`; stops at the first that does. */
export function someNode(n: Node, test: (n: Node) => boolean): boolean {
  const stack: Node[] = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (test(x)) return true;
    const cs = children(x);
    for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]);
  }
  return false;
}

export function children(n: Node): Node[] {
  switch (n.kind) {
    case 'neg':
    case 'post':
    case 'abs':
    case 'floor':
    case 'ceil':
    case 'fact':
      return [n.operand];
    case 'bin':
      return [n.left, n.right];
    case 'pow':
      return [n.base, n.exponent];
    case 'frac':
      return [n.numerator, n.denominator];
    case 'subscript':
      return [n.base, ...n.indices];
    case 'sqrt':
      return n.degree ? [n.radicand, n.degree] : [n.radicand];
    case 'norm':
      return n.p ? [n.operand, n.p] : [n.operand];
    case 'call':
      return [...n.args, ...(n.sub ? [n.sub] : []), ...(n.sup ? [n.sup] : [])];
    case 'apply':
      return [n.f, ...n.args];
    case 'group':
    case 'list':
      return n.items;
    case 'matrix':
      return n.rows.flat();
    case 'cases':
      return n.rows.flatMap((r) => (r.cond ? [r.value, r.cond] : [r.value]));
    case 'bigop':
      return [
        n.body,
        ...(n.index?.from ? [n.index.from] : []),
        ...(n.index?.to ? [n.index.to] : []),
        ...(n.index?.set ? [n.index.set] : []),
      ];
    case 'deriv':
      return [...(n.of ? [n.of] : []), n.wrt, ...(n.at ?? [])];
    case 'prime':
      return [n.f, ...n.args];
    case 'expect':
      return [n.body, ...(n.sub ? [n.sub] : []), ...(n.given ? [n.given] : [])];
    case 'integral':
      return [
        n.body,
        ...(n.lower ? [n.lower] : []),
        ...(n.upper ? [n.upper] : []),
        ...(n.variable ? [n.variable] : []),
      ];
    case 'indicator':
      return [n.cond];
    case 'limit':
      return [n.body, n.to];
    case 'at':
      return [n.body, n.variable, n.value];
    case 'cmp':
      return [n.left, n.right];
    case 'binom':
      return [n.n, n.r];
    case 'sym':
      return n.sub ?? [];
    default:
      return [];
  }
}

/** The symbol an operator binds in its body: an integral's variable, a sum's index, a bar's or a
 * limit's variable. */
export function boundName(n: Node): string | null {
  if (n.kind === 'integral') return n.variable?.name ?? null;
  if (n.kind === 'bigop') return n.index?.name ?? null;
  if (n.kind === 'at' || n.kind === 'limit') return n.variable.name;
  return null;
}

/** The body in which boundName's symbol is bound, or null for a node that binds none. */
export function boundBody(n: Node): Node | null {
  return n.kind === 'integral' || n.kind === 'bigop' || n.kind === 'at' || n.kind === 'limit' ? n.body : null;
}

/**
 * Calls `visit` on every node but the symbols an integral, a sum or product, or an evaluation bar
 * binds (`\int_0^\pi \sin^2 x\,dx` binds x): what the tree uses from outside it.
 */
export function walkFree(n: Node, visit: (n: Node) => void): void {
  const stack: { x: Node; bound: ReadonlySet<string> }[] = [{ x: n, bound: new Set() }];
  while (stack.length) {
    const { x, bound } = stack.pop()!;
    if (x.kind === 'sym' && bound.has(x.name)) continue;
    visit(x);
    const binds = boundName(x);
    const body = binds === null ? null : boundBody(x);
    const inner = binds === null ? bound : new Set(bound).add(binds);
    const cs = children(x);
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      // The bound symbol itself (an integral's `dx`, a bar's `x`) is no use of the name.
      if (binds !== null && c.kind === 'sym' && c.name === binds && c !== body) continue;
      stack.push({ x: c, bound: c === body ? inner : bound });
    }
  }
}

/** The names a tree uses from outside it (walkFree), in order of use. */
export function freeNames(n: Node): string[] {
  const out: string[] = [];
  walkFree(n, (x) => {
    if (x.kind === 'sym') out.push(x.name);
  });
  return out;
}

/**
 * `n` with each child node replaced by `f(child)` (in arrays too), the same object when no child
 * changed: the one bottom-up rewrite the modules that substitute into trees share.
 */
export function mapChildren(n: Node, f: (x: Node) => Node): Node {
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    if (Array.isArray(v)) {
      out[k] = v.map((i) => {
        const y = isNode(i) ? f(i) : i;
        if (y !== i) changed = true;
        return y;
      });
    } else if (isNode(v)) {
      const y = f(v);
      if (y !== v) changed = true;
      out[k] = y;
    } else out[k] = v;
  }
  return changed ? (out as unknown as Node) : n;
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && typeof (x as { kind?: unknown }).kind === 'string';
}

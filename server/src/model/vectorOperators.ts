// `\nabla \cdot (x^2, xy, z)` and `\nabla \times \mathbf F` after `\mathbf F = (x^2, xy, z)`: the
// divergence and the curl of a field written out by its components, as vector calculus homework
// writes them. The components are functions of the Cartesian coordinates in their usual order —
// x, y, z for three components, x, y for two — and the operators are what every textbook defines:
// ∂F₁/∂x + ∂F₂/∂y (+ ∂F₃/∂z), and (∂F₃/∂y − ∂F₂/∂z, ∂F₁/∂z − ∂F₃/∂x, ∂F₂/∂x − ∂F₁/∂y) in three
// dimensions. Written so, the claim is one of partial derivatives the checker evaluates. A field
// whose components are not written (a letter with no tuple for its definition), or one written in
// other coordinates (r, θ), stays unread, as before.
import { makeSym } from '../math/parser/nodes';
import type { Node } from '../math/tree';
import { freeNames, mapChildren, someNode } from '../math/walk';
import type { Entry } from './types';

const CARTESIAN = ['x', 'y', 'z'];

/**
 * The side with each divergence and curl of a field given by components written out, and each
 * Jacobian determinant `\frac{\partial(x, y)}{\partial(r, \theta)}` as the determinant of the
 * matrix of partial derivatives ∂xᵢ/∂rⱼ that every change-of-variables lecture means by it.
 */
export function withVectorOperators(side: Node, lookup: (name: string) => Entry | null): Node {
  const operator = (x: Node) =>
    x.kind === 'call' && (x.fn === 'div' || x.fn === 'curl') && x.args.length === 1;
  if (!someNode(side, (x) => operator(x) || jacobianDeterminant(x) !== null)) return side;
  const rewrite = (x: Node): Node => {
    const determinant = jacobianDeterminant(x);
    if (determinant) return determinant;
    if (x.kind !== 'call' || !operator(x)) return mapChildren(x, rewrite);
    const components = componentsOf(x.args[0], lookup);
    if (!components) return x;
    const at = { start: x.start, end: x.end };
    // A component in coordinates alone without this one (the 0 or the -y of (-y, x, 0) by z) is
    // constant in it: its partial is 0, written so, not a derivative through no definition (which
    // the checker takes for a dependence the text forgot).
    const partial = (of: Node, k: number): Node =>
      freeNames(of).every((n) => CARTESIAN.includes(n) && n !== CARTESIAN[k])
        ? { kind: 'num', value: 0, text: '0', ...at }
        : {
            kind: 'deriv',
            of: { kind: 'group', open: '(', close: ')', items: [of], ...at },
            wrt: makeSym(CARTESIAN[k], x.start, x.end),
            order: 1,
            style: 'partial',
            ...at,
          };
    const minus = (a: Node, b: Node): Node => ({ kind: 'bin', op: '-', left: a, right: b, ...at });
    if (x.fn === 'div')
      return components
        .map(partial)
        .reduce((sum, term): Node => ({ kind: 'bin', op: '+', left: sum, right: term, ...at }));
    if (components.length !== 3) return x;
    const [p, q, r] = components;
    const curl = [
      minus(partial(r, 1), partial(q, 2)),
      minus(partial(p, 2), partial(r, 0)),
      minus(partial(q, 0), partial(p, 1)),
    ];
    return { kind: 'group', open: '(', close: ')', items: curl, ...at };
  };
  return rewrite(side);
}

/**
 * The components of a field written as a tuple, `(x^2, xy, z)`, or a name the text defines as one,
 * when they are functions of Cartesian coordinates: two or three of them, in letters among x, y, z
 * and names the text gives values (a constant a in `(ay, -ax, 0)`), and none of the coordinate
 * letters past their number (z in a field of two).
 */
function componentsOf(field: Node, lookup: (name: string) => Entry | null): Node[] | null {
  let written = field;
  if (field.kind === 'sym') {
    const e = lookup(field.name);
    if (e?.kind !== 'def' || e.params || e.indices) return null;
    written = e.expr;
  }
  if (
    written.kind !== 'group' ||
    written.open !== '(' ||
    written.items.length < 2 ||
    written.items.length > 3
  )
    return null;
  const coordinates = CARTESIAN.slice(0, written.items.length);
  for (const name of written.items.flatMap(freeNames)) {
    // Euler's e and π are numbers, not letters of the field.
    if (coordinates.includes(name) || name === 'e' || name === '\\pi') continue;
    if (CARTESIAN.includes(name) || lookup(name) === null) return null;
  }
  return written.items;
}

/**
 * `\frac{\partial(x, y)}{\partial(r, \theta)}`: as many quantities above as names below, two or
 * more, read as det[∂xᵢ/∂rⱼ]; null for any other node.
 */
function jacobianDeterminant(x: Node): Node | null {
  if (x.kind !== 'deriv' || x.order !== 1 || x.style !== 'partial' || x.at) return null;
  const { of, wrt } = x;
  if (of?.kind !== 'group' || wrt.kind !== 'group' || of.open !== '(' || wrt.open !== '(') return null;
  if (of.items.length < 2 || of.items.length !== wrt.items.length) return null;
  if (!wrt.items.every((v) => v.kind === 'sym')) return null;
  const at = { start: x.start, end: x.end };
  const rows = of.items.map((f) =>
    wrt.items.map((v): Node => ({ kind: 'deriv', of: f, wrt: v, order: 1, style: 'partial', ...at })),
  );
  const matrix: Node = { kind: 'matrix', env: 'pmatrix', rows, ...at };
  return { kind: 'call', fn: 'det', args: [matrix], sub: null, sup: null, paren: true, ...at };
}

// A subscript on the letter of a function defined with parameters (`f(x, y) = …`, `P(Q) = …`).
// A function has no entries, so the subscript never indexes it: letters that are all parameters of
// a function of several parameters name its partial derivative (`f_x`, `u_{xx}`, `f_{xy}`: the
// subscript notation of multivariable calculus and of PDEs), and any other subscript names a
// quantity of its own (`P_m`, the monopoly price beside the inverse demand P(Q)). A function of one
// parameter keeps its subscripts as labels: `x_t` beside `x(t)` is the sampled sequence far more
// often than x's derivative, which such authors write x'.
import type { Node, SymNode } from '../math/tree';
import { makeSym } from '../math/parser/nodes';
import { mapChildren, someNode } from '../math/walk';
import type { Entry } from './types';

export type FunctionSubscript = { kind: 'partial'; node: Node } | { kind: 'label' } | null;

/** The reading of `n` whose stem is defined by `entry`, or null when `entry` is no such function. */
export function functionSubscript(entry: Entry | null | undefined, n: SymNode): FunctionSubscript {
  if (entry?.kind !== 'def' || !entry.params || entry.indices || n.subText === null) return null;
  if (n.name === n.stem) return null;
  const params = new Set(entry.params.map((p) => p.name));
  const items = n.sub ?? [];
  const letters = items.every((x): x is SymNode => x.kind === 'sym' && params.has(x.name));
  if (!letters || items.length === 0 || n.primes > 0 || params.size < 2) return { kind: 'label' };
  // f_{xy} = ∂/∂y (∂f/∂x): the first letter is the innermost derivative.
  const { start, end } = n;
  let node: Node = { ...makeSym(n.stem, start, end), base: n.base };
  for (const x of items) node = { kind: 'deriv', of: node, wrt: x, order: 1, style: 'partial', start, end };
  return { kind: 'partial', node };
}

/**
 * A relation's side with each partial derivative written by subscripts (`u_t`, `f_{xy}(1, 2)`)
 * as the derivative it names, so that every later reading sees a derivative.
 */
export function withPartialSubscripts(side: Node, lookup: (stem: string) => Entry | null): Node {
  // Only a subscripted letter can be one, so the environment is asked about those alone.
  const partial = (x: Node) =>
    x.kind === 'sym' && x.subText !== null && functionSubscript(lookup(x.stem), x)?.kind === 'partial';
  if (!someNode(side, partial)) return side;
  const rewrite = (x: Node): Node => {
    if (x.kind === 'sym') {
      const read = functionSubscript(lookup(x.stem), x);
      return read?.kind === 'partial' ? read.node : x;
    }
    if (x.kind === 'apply') {
      const args = x.args.map(rewrite);
      const entry = lookup(x.f.stem);
      const read = functionSubscript(entry, x.f);
      if (read?.kind !== 'partial' || read.node.kind !== 'deriv') return mapChildren(x, rewrite);
      const params = entry?.kind === 'def' ? entry.params : null;
      if (read.node.of?.kind === 'deriv') return (params && atPoint(read.node, params, args)) ?? x;
      return { ...read.node, at: args, start: x.start, end: x.end };
    }
    return mapChildren(x, rewrite);
  };
  try {
    return rewrite(side);
  } catch (e) {
    // A tree too deep to copy (a sum of thousands of terms) keeps its reading.
    if (e instanceof RangeError) return side;
    throw e;
  }
}

/**
 * `f_{xy}(1, 2)`: the mixed partial at its own parameters, each then given its argument by an
 * evaluation bar (a derivative's `at` names one function's arguments, and the inner derivative is
 * no function). Arguments that write a parameter's letter (`f_{xy}(y, x)`) would be bound one after
 * another, the second seeing the first's value: they are not read, unless they are the parameters
 * themselves in order.
 */
export function atPoint(partial: Node, params: SymNode[], args: Node[]): Node | null {
  if (params.length !== args.length) return null;
  const names = new Set(params.map((p) => p.name));
  if (args.every((a, k) => a.kind === 'sym' && a.name === params[k].name)) return partial;
  if (args.some((a) => someNode(a, (y) => y.kind === 'sym' && names.has(y.name)))) return null;
  let node = partial;
  params.forEach((p, k) => {
    const variable: SymNode = { ...p, start: partial.start, end: partial.end };
    node = { kind: 'at', body: node, variable, value: args[k], start: partial.start, end: args[k].end };
  });
  return node;
}

// "The directional derivative of f at (1, 1) in the direction u = (3/5, 4/5) is D_u f(1, 1) = 6": a
// calculus course writes D with the direction as its subscript. For a function the document defines
// and a direction it gives, that is ∇f at the point, dotted with the direction. Courses differ on
// whether D_v of a vector that is not a unit vector is normalised first, so only a unit direction
// is read; another is left unchecked.
import type { Node, SymNode } from '../../math/tree';
import { type CompileEnv, type Fn, lookupWithScope } from './context';
import { compile } from './core';
import { Unsupported } from '../errors';
import * as V from '../values';
import { registerCompilers } from './table';

/** `D_u f(p)` as ∇f(p) · u, when D_u means nothing else and f is a defined function; else null. */
export function compileDirectional(n: Extract<Node, { kind: 'bin' }>, c: CompileEnv): Fn | null {
  if (n.op !== 'juxt' || n.left.kind !== 'sym' || n.right.kind !== 'apply') return null;
  const d = n.left;
  if (d.base !== 'D' || d.primes > 0 || d.sub?.length !== 1 || d.sub[0].kind !== 'sym') return null;
  if (c.locals.has(d.name) || lookupWithScope(c, d.name) || c.env.lookupPattern(d.stem)) return null;
  const direction = d.sub[0] as SymNode;
  if (!lookupWithScope(c, direction.name) && !c.locals.has(direction.name)) return null;
  const f = n.right;
  const rule = lookupWithScope(c, f.f.name)?.entry;
  if (rule?.kind !== 'def' || !rule.params || f.given !== undefined) return null;
  const gradient: Node = {
    kind: 'deriv',
    of: f.f,
    wrt: f.f,
    order: 1,
    style: 'nabla',
    bareGradient: true,
    at: f.args,
    start: n.start,
    end: n.end,
  };
  const slope = compile(
    { kind: 'bin', op: 'cdot', left: gradient, right: direction, start: n.start, end: n.end },
    c,
  );
  const u = compile(direction, c);
  return (t) => {
    const entries = V.tensorOf(u(t), direction).data;
    let squares = 0;
    for (const x of entries) squares += x * x;
    if (Math.abs(squares - 1) > 1e-9)
      throw new Unsupported(
        `${d.name} with a direction that is not a unit vector (its length is ` +
          `${Math.sqrt(squares).toPrecision(4)}): courses differ on whether it is normalised first; ` +
          'write \\nabla f \\cdot u with the vector you mean',
        n.start,
        n.end,
      );
    return slope(t);
  };
}

declare module './table' {
  interface Compilers {
    compileDirectional: typeof compileDirectional;
  }
}

registerCompilers({ compileDirectional });

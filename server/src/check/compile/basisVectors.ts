// `e_y`, `e_1`, `e_{y_i}`: the standard basis vector, when the document gives e no meaning with
// subscripts. Like an unsized 𝟏 it has no length of its own: its context gives one (`p - e_y` beside
// p ∈ ℝ^C, `A e_j` by A's columns, a side by the other side), and with none it is an unknown name.
import type { Node } from '../../math/tree';
import { type CompileEnv, lookupWithScope } from './context';

/** A basis vector's index: a whole number from 1 or a letter (`e_3`, `e_y`, `e_{y_i}`). */
function isBasisIndex(x: Node): boolean {
  return (
    (x.kind === 'num' && Number.isInteger(x.value) && x.value >= 1) ||
    (x.kind === 'sym' && /^[A-Za-z]$/.test(x.stem))
  );
}

/** Whether `n` is written as a standard basis vector that nothing in the document names otherwise. */
export function isBasisVector(n: Node, c: CompileEnv): boolean {
  if (n.kind !== 'sym' || n.stem !== 'e' || n.primes !== 0 || n.sub?.length !== 1) return false;
  if (!isBasisIndex(n.sub[0])) return false;
  return (
    !c.locals.has(n.stem) &&
    !c.locals.has(n.name) &&
    !lookupWithScope(c, n.stem) &&
    !lookupWithScope(c, n.name) &&
    !c.env.lookupPattern(n.stem) &&
    !c.variables.has(n.name)
  );
}

// `\lambda = \frac{4 \pm \sqrt{16 - 12}}{2}`, then `\lambda_1 + \lambda_2 = 4`: a name given a value
// with one ± names two numbers, and its members 1 and 2 are those two. Which one is λ_1 the ± does
// not say (authors take the + root first, or the smaller first), so a claim is checked with each
// order and one that holds in one order only is left unchecked (claim/readings.ts ROOT_ORDER).
import type { SymNode } from '../../math/tree';
import type { Entry } from '../../model/types';
import { walk } from '../../model/names';
import { isPlusMinus, withSign } from '../../model/signs';
import type { CompileEnv, Fn } from './context';
import { compile } from './core';
import { readings } from './readings';

/** λ_1 or λ_2 where λ was given a value with one ±, or null. */
export function compilePlusMinusRoot(entry: Entry | undefined, n: SymNode, c: CompileEnv): Fn | null {
  const expr = rootsFormula(entry);
  const member = rootMember(n);
  if (!expr || member === null) return null;
  const inner: CompileEnv = { ...c, locals: new Set(), scopes: [] };
  const minus = compile(withSign(expr, 0), inner);
  const plus = compile(withSign(expr, 1), inner);
  return (t) => {
    readings.metPlusMinusRoot = true;
    return (member === 1) !== readings.rootsSwapped ? plus(t) : minus(t);
  };
}

/** The value of a plain name (no parameters, no indices) written with exactly one ±. */
function rootsFormula(entry: Entry | undefined) {
  if (entry?.kind !== 'def' && entry?.kind !== 'case') return null;
  if (entry.kind === 'def' && (entry.params || entry.indices || entry.recurrence || entry.sequence))
    return null;
  let signs = 0;
  walk(entry.expr, (x) => {
    if (isPlusMinus(x)) signs++;
  });
  return signs === 1 ? entry.expr : null;
}

/** 1 or 2 for `\lambda_1`, `x_{2}`; null for any other subscript (a third root does not exist). */
function rootMember(n: SymNode): 1 | 2 | null {
  const sub = n.sub ?? [];
  if (sub.length !== 1 || sub[0].kind !== 'num' || n.primes !== 0) return null;
  return sub[0].value === 1 ? 1 : sub[0].value === 2 ? 2 : null;
}

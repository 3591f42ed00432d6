// "Answer: $y = 1 - e^{-t}$, and $y(1) = 1 - e^{-1}$": an ODE key names the solution by a formula in
// its variable and then evaluates it at a time. When the formula's one letter is one nothing else
// gives a meaning, the name is no number to multiply by the brackets (y times 1 would make
// `y(0) = 0` hold for any solution): it is the formula at that number, as for y(t) := 1 - e^{-t}.
import type { Node } from '../../math/tree';
import type { Entry } from '../../model/types';
import { isNumericFormula } from '../../model/names';
import { type CompileEnv, type Fn, lookupWithScope } from './context';
import { compile } from './core';
import { formulaVariable } from './names';
import { Unsupported } from '../errors';

/**
 * The letter of f's formula when `f(a)` is that formula at a, else null: f is defined without
 * parameters by a formula in one letter nothing gives a meaning, and a is a number, written in
 * arithmetic (`\pi/4`) or a letter the claim binds (`y'(0)` differentiates y at a point it binds).
 * The 80-digit re-check (check/decimal.ts) reads the call the same way.
 */
export function variableAtNumber(
  n: Extract<Node, { kind: 'apply' }>,
  entry: Entry,
  meaning: (name: string) => Entry | null,
  bound: (name: string) => boolean,
): string | null {
  if (entry.kind !== 'def' || entry.params || entry.indices || entry.table || entry.recurrence) return null;
  if (n.args.length !== 1 || n.given !== undefined || n.f.primes > 0 || n.f.subText !== null) return null;
  const a = n.args[0];
  if (!isNumericFormula(a) && !(a.kind === 'sym' && bound(a.name))) return null;
  const variable = formulaVariable(entry.expr, meaning);
  if (!variable || meaning(variable.name) || bound(variable.name)) return null;
  return variable.name;
}

/** f(a) read so (variableAtNumber), compiled; null when it is not. */
export function compileFormulaAtNumber(
  n: Extract<Node, { kind: 'apply' }>,
  entry: Entry,
  c: CompileEnv,
): Fn | null {
  const meaning = (name: string) => lookupWithScope(c, name)?.entry ?? null;
  const variable = variableAtNumber(n, entry, meaning, (name) => c.locals.has(name));
  if (variable === null || entry.kind !== 'def') return null;
  if (c.compiling.has(entry))
    throw new Unsupported(`${n.f.name} is defined in terms of itself`, n.start, n.end);
  c.compiling.add(entry);
  let body: Fn;
  try {
    body = compile(entry.expr, { ...c, locals: new Set([variable]), scopes: [] });
  } finally {
    c.compiling.delete(entry);
  }
  const arg = compile(n.args[0], c);
  return (t) => t.withLocals([variable], [arg(t)], () => body(t));
}

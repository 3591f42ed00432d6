// The symbolic residual of a refuted equation between scalars: left − right as a rational
// function of the claim's sampled variables ("left − right = x_3/2 − x_2/2"), so the author sees
// what is wrong, not only that two numbers differ.
//
// Exact algebra reads the tree on its own, so it could in principle resolve a name differently
// from the evaluator (scopes, patterns). It therefore only speaks when it agrees with the numeric
// counterexample: the residual evaluated at the failing sample must equal left − right there.
import { Rational, RationalFunction, type Tensor, TooManyTerms } from '../engine';
import type { Node } from '../math/tree';
import { ringOperation } from './exact';
import type { Env } from '../model/types';

/** How deep definitions are followed (`a := b + 1`, `b := 2c`, …). */
const MAX_DEFINITION_DEPTH = 16;
/** The largest integer exponent expanded (`(a + b)^{12}`). */
const MAX_EXPONENT = 12;
/** Residuals longer than this say less than the numbers do. */
const MAX_TEXT = 120;

interface Scope {
  env: Env;
  block: number;
}

/** left − right as text, or null when the sides are not rational functions of scalars. */
export function symbolicResidual(
  left: Node,
  right: Node,
  scope: Scope,
  failing: { left: Tensor; right: Tensor; inputs: { name: string; value: Tensor }[] },
  display: (name: string) => string,
): string | null {
  let residual: RationalFunction | null;
  let cancels = false;
  try {
    const l = rationalOf(left, scope, 0);
    const r = l && rationalOf(right, scope, 0);
    residual = l && r ? l.sub(r) : null;
    // Only a residual where terms cancelled says more than the claim itself (`s^2 − 4` for
    // `s^2 = 4` would only restate it).
    // Between numbers the values already say it all.
    if (l && r && residual && !(l.isConstant() && r.isConstant()))
      cancels = residual.num.termCount() < l.num.mul(r.den).termCount() + r.num.mul(l.den).termCount();
  } catch (e) {
    if (e instanceof TooManyTerms) return null;
    throw e;
  }
  if (!residual || residual.isZero() || !cancels) return null;
  if (failing.left.data.length !== 1 || failing.right.data.length !== 1) return null;
  const values = new Map<string, number>();
  for (const { name, value } of failing.inputs) if (value.data.length === 1) values.set(name, value.data[0]);
  const at = residual.evaluate((n) => values.get(n));
  const numeric = failing.left.data[0] - failing.right.data[0];
  if (at === null || !agrees(at, numeric)) return null;
  const text = residual.format(display);
  return text.length <= MAX_TEXT ? `left − right = ${text}` : null;
}

function agrees(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function rationalOf(n: Node, scope: Scope, depth = 0): RationalFunction | null {
  switch (n.kind) {
    case 'num':
      return numberOf(n);
    case 'sym':
      return symbolOf(n, scope, depth);
    case 'neg': {
      const a = rationalOf(n.operand, scope, depth);
      return a ? a.neg() : null;
    }
    case 'group':
      return n.items.length === 1 && (n.open === '(' || n.open === '[')
        ? rationalOf(n.items[0], scope, depth)
        : null;
    case 'frac':
      return quotient(n.numerator, n.denominator, scope, depth);
    case 'apply': {
      // `n(n + 1)`: a name that is a number before a bracket multiplies it (functions give null).
      const f = symbolOf(n.f, scope, depth);
      const arg = f && n.args.length === 1 ? rationalOf(n.args[0], scope, depth) : null;
      return f && arg ? f.mul(arg) : null;
    }
    case 'pow': {
      const base = rationalOf(n.base, scope, depth);
      const exponent = integerOf(n.exponent);
      if (!base || exponent === null || Math.abs(exponent) > MAX_EXPONENT) return null;
      return base.pow(exponent);
    }
    case 'bin': {
      if (n.apply) return null;
      if (n.op === '/') return quotient(n.left, n.right, scope, depth);
      const a = rationalOf(n.left, scope, depth);
      const b = a && rationalOf(n.right, scope, depth);
      return a && b ? ringOperation(n.op, a, b) : null;
    }
    default:
      return null;
  }
}

/** A written number exactly as written (`0.1` is 1/10, not the nearest double). */
function numberOf(n: Extract<Node, { kind: 'num' }>): RationalFunction | null {
  try {
    return RationalFunction.constant(Rational.fromDecimalString(n.text));
  } catch {
    return Number.isSafeInteger(n.value) ? RationalFunction.constant(Rational.fromInteger(n.value)) : null;
  }
}

function quotient(top: Node, bottom: Node, scope: Scope, depth: number): RationalFunction | null {
  const a = rationalOf(top, scope, depth);
  const b = a && rationalOf(bottom, scope, depth);
  return a && b ? a.div(b) : null;
}

function integerOf(n: Node): number | null {
  if (n.kind === 'num') return /^\d+$/.test(n.text) ? Number(n.text) : null;
  if (n.kind === 'neg') {
    const a = integerOf(n.operand);
    return a === null ? null : -a;
  }
  if (n.kind === 'group' && n.items.length === 1) return integerOf(n.items[0]);
  return null;
}

/**
 * A scalar variable (declared over a set of numbers), or the definition of a scalar expression
 * followed to its variables. Anything else — matrices, random variables, functions, constants
 * such as π — is not rational algebra.
 */
function symbolOf(n: Extract<Node, { kind: 'sym' }>, scope: Scope, depth: number): RationalFunction | null {
  const entry =
    scope.env.lookup(n.name, scope.block) ?? (n.subText !== null ? scope.env.lookupPattern(n.stem) : null);
  if (!entry) return n.sub ? elementOf(n.stem, n.sub, scope, depth) : null;
  if (entry.kind === 'decl') return entry.spec.shape.length === 0 ? RationalFunction.variable(n.name) : null;
  if (entry.kind === 'def' && !entry.params && !entry.indices && !entry.diagonal) {
    if (depth >= MAX_DEFINITION_DEPTH) return null;
    return rationalOf(entry.expr, scope, depth + 1);
  }
  return null;
}

/** `k_1` of a vector or `A_{12}` of a matrix written out entry by entry (`k := [½, 1, ½]^T`). */
function elementOf(stem: string, sub: Node[], scope: Scope, depth: number): RationalFunction | null {
  const entry = scope.env.lookup(stem, scope.block);
  if (entry?.kind !== 'def' || entry.params || entry.indices || depth >= MAX_DEFINITION_DEPTH) return null;
  const indices = sub.map(integerOf);
  if (indices.some((i) => i === null || i < 1)) return null;
  let expr = entry.expr;
  let transposed = false;
  if (expr.kind === 'post' && expr.op === 'T') {
    transposed = true;
    expr = expr.operand;
  }
  if (expr.kind === 'group' && expr.items.length === 1) expr = expr.items[0];
  if (expr.kind !== 'matrix') return null;
  const rows = transposed ? expr.rows[0].map((_, j) => expr.rows.map((r) => r[j])) : expr.rows;
  const [i, j] = indices as number[];
  let cell: Node | undefined;
  if (indices.length === 2) cell = rows[i - 1]?.[j - 1];
  else if (indices.length === 1 && rows.length === 1) cell = rows[0][i - 1];
  else if (indices.length === 1 && rows.every((r) => r.length === 1)) cell = rows[i - 1]?.[0];
  return cell ? rationalOf(cell, scope, depth + 1) : null;
}

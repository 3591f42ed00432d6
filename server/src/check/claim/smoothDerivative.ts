// A derivative worked out wrong in a letter the reader infers. "Let $g(x) = x^3$. Then $g''(x) = 5x$"
// and "$\frac{d}{dx} \ln(x^2+1) = \frac{x}{x^2+1}$": nothing declares x, so a failure is normally
// left unchecked (functionArguments.ts, derivativeVariables.ts: the words may limit x, "for x > 0").
// Words cannot rescue a smooth derivative identity that fails at every sample where its sides are
// defined: two expressions built from arithmetic and analytic functions that differ on an interval
// differ on all of it but isolated points, so no range written in words makes it hold, and a single
// point would be written as a value (`g''(0) = 0`), not as a formula in x. Such a claim is refuted.
// The same holds of a letter an earlier, ended example gave a value, when the claim differentiates in it.
// So is any other equation in a function's argument whose sides can never meet (`f(x+1) - f(x) =
// 2x + 3` after `f(x) = x^2 + 3x`): both sides rational formulas in the letter whose difference
// exact algebra finds to be a nonzero number. An equation to solve (`f(x) = 10`) and transcendental
// sides (`\sinh(x) = 3x + 20`, which the samples may show one above the other though they cross
// beyond them) stay unchecked.
// Kinks (|x|, max, ReLU, floor, cases, an indicator) and roots of even powers (√(x²) = |x|) can make
// an identity hold beyond the samples only; a claim with any of them, in its sides or the
// definitions they reach, keeps the unchecked verdict.
import type { Node } from '../../math/tree';
import { freeNames, someNode, walk } from '../../math/walk';
import type { Claim } from '../../model/types';
import type { Outcome } from '../claim';
import type { CompileEnv } from '../compile/context';
import { DERIVATIVE_VARIABLE_HOW } from '../derivativeVariables';
import { FREE_LETTER_HOW } from '../freeLetters';
import type { TrialResult } from './results';
import { rationalOf } from '../residual';

/** Functions analytic wherever they are defined (log where its argument is positive, and so on). */
const ANALYTIC = new Set([
  'exp',
  'log',
  'ln',
  'sin',
  'cos',
  'tan',
  'cot',
  'sec',
  'csc',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'coth',
  'sech',
  'csch',
  'asinh',
  'acosh',
  'atanh',
  'erf',
  'erfc',
  'softplus',
  'sigmoid',
]);

/**
 * The refutation the claim stands as, with a note saying why words cannot limit its letters, or
 * null when the rule does not apply (the caller keeps the inferred letters' unchecked verdict).
 */
export function smoothDerivativeRefuted(outcome: Outcome, claim: Claim, cenv: CompileEnv): Outcome | null {
  if (outcome.verdict !== 'refuted' || !outcome.failedEverywhere || claim.op !== '=') return null;
  if (claim.condition) return null;
  // A letter whose example has ended is one the example may be the only case of (n ≥ k, a divisor),
  // unless the claim differentiates in it: a derivative's variable ranges over an interval, whatever
  // value an earlier passage gave it (`\frac{d}{dx}\arctan(2x) = \frac{1}{1+4x^2}` after "at x = 2").
  const sides = [claim.lhs, claim.rhs];
  const generic = [...cenv.generic];
  if (!generic.every((g) => sides.some((side) => differentiatesIn(side, new Set([g]), claim)))) return null;
  // The variable of a derivative, a function's argument, or a letter nothing declares that is a
  // parameter of the function differentiated (`x` of `\frac{\partial g}{\partial y} = x^2 + y e^{xy}`
  // after `g(x, y) = …`) — not a value a worked example gave, nor a constant the words may name
  // ("where $v$ is the speed"), which may be the only one meant.
  const parameters = differentiatedParameters(claim);
  for (const [name, x] of cenv.inferred) {
    const free = x.how === FREE_LETTER_HOW && parameters.has(name);
    if (x.how !== DERIVATIVE_VARIABLE_HOW && !free) return null;
  }
  const letters = new Set([...cenv.arguments.keys(), ...cenv.inferred.keys(), ...generic]);
  if (letters.size === 0) return null;
  const derivativeSide = sides.findIndex((side) => differentiatesIn(side, letters, claim));
  if (generic.length > 0 && derivativeSide < 0) return null;
  if (derivativeSide >= 0) {
    const other = derivativeSide === 0 ? claim.rhs : claim.lhs;
    if (!freeNames(other).some((n) => letters.has(n))) return null;
  }
  const results = outcome.pairs as TrialResult[] | undefined;
  if (!results || results.length < 8 || ![...letters].every((n) => spread(results, n))) return null;
  // Without a derivative the equation may be one to solve (`f(x) = 10`, true at a root): refuted only
  // when its sides keep one order at every sample, so no root lies among them either.
  if (derivativeSide < 0 && !neverMeet(claim, letters, results)) return null;
  if (![claim.lhs, claim.rhs].every((side) => smooth(side, claim, new Set()))) return null;
  const list = [...letters].join(', ');
  const why =
    derivativeSide >= 0
      ? 'it fails at every sample where its sides are defined'
      : 'it fails at every sample where its sides are defined, one side above the other throughout';
  return {
    ...outcome,
    smoothEverywhere: true,
    message:
      `${outcome.message} (${list} read as any value; ${why}, and both are smooth, so no range of it ` +
      'written in words makes it hold)',
  };
}

/**
 * Sides without a derivative that can never be equal: one above the other at every sample, each
 * side a formula in the letters (`f(x) = 10` is an equation to solve), nothing periodic, and a
 * difference that is a nonzero number — found by exact algebra when both sides are rational, else
 * the same at every sample (`f(x+1) - f(x) = 2x + 3`: 1). Sides merely one above the other at the
 * samples may still cross beyond them (`\sinh(x) = 3x + 20` near x = 4.4).
 */
function neverMeet(claim: Claim, letters: Set<string>, results: TrialResult[]): boolean {
  const sides = [claim.lhs, claim.rhs];
  if (!oneOrder(results) || sides.some(periodic)) return false;
  if (!sides.every((side) => freeNames(side).some((n) => letters.has(n)))) return false;
  const scope = { env: claim.env, block: claim.block };
  try {
    const l = rationalOf(claim.lhs, scope);
    const r = l && rationalOf(claim.rhs, scope);
    if (l && r) {
      const d = l.sub(r);
      return d.isConstant() && !d.isZero();
    }
  } catch {
    return false;
  }
  return constantGap(results);
}

/**
 * The same nonzero difference at every sample, to rounding (`f(x+1) - f(x) = 2x + 3` through a
 * function exact algebra does not expand: 1 everywhere): smooth sides a constant apart never meet.
 */
function constantGap(results: TrialResult[]): boolean {
  const gaps: number[] = [];
  for (const r of results) {
    const d = r.left.data[0] - r.right.data[0];
    if (!Number.isFinite(d)) continue;
    const scale = Math.max(Math.abs(r.left.data[0]), Math.abs(r.right.data[0]), 1);
    gaps.push(d);
    if (Math.abs(d - gaps[0]) > 1e-9 * scale) return false;
  }
  return gaps.length >= 8 && gaps[0] !== 0;
}

/**
 * A periodic function, or a power of a negative number: such sides can meet on a lattice of points
 * (`\cos(2\pi p) = 1` at every whole p, `(-1)^n = 1` at even n) that words may name ("for integer p").
 */
function periodic(n: Node): boolean {
  return someNode(
    n,
    (x) =>
      (x.kind === 'call' && PERIODIC.has(x.fn)) ||
      (x.kind === 'pow' &&
        x.base.kind !== 'sym' &&
        !(x.base.kind === 'num' && x.base.value >= 0) &&
        freeNames(x.exponent).length > 0),
  );
}

const PERIODIC = new Set(['sin', 'cos', 'tan', 'cot', 'sec', 'csc']);

/** Scalar sides, one strictly above the other at every sample where both are defined. */
function oneOrder(results: TrialResult[]): boolean {
  let above = 0;
  let below = 0;
  for (const r of results) {
    if (r.left.data.length !== 1 || r.right.data.length !== 1) return false;
    const d = r.left.data[0] - r.right.data[0];
    if (!Number.isFinite(d)) continue;
    if (d > 0) above++;
    else if (d < 0) below++;
    else return false;
  }
  return above + below >= 8 && (above === 0 || below === 0);
}

/**
 * `g''(x)`, `\frac{d}{dx} …`, `\frac{\partial f}{\partial x}`, `\nabla f` of a defined f(x): taken in
 * one of the letters.
 */
function differentiatesIn(side: Node, letters: Set<string>, claim: Claim): boolean {
  const x = side.kind === 'group' && side.items.length === 1 ? side.items[0] : side;
  // `(\partial_x F, \partial_y F)`, a gradient spelled out (formulaGradient.ts): each entry is one.
  if (x.kind === 'group' && x.open === '(' && x.items.length > 1)
    return x.items.every((item) => differentiatesIn(item, letters, claim));
  if (x.kind === 'prime')
    return x.args.length > 0 && x.args.every((a) => a.kind === 'sym' && letters.has(a.name));
  if (x.kind !== 'deriv') return false;
  if (x.bareGradient && x.of?.kind === 'sym') {
    const e = claim.env.lookup(x.of.name, claim.block);
    // `\nabla g` of g(x, y, z): a derivative in each of its parameters.
    return (
      !x.at &&
      e?.kind === 'def' &&
      !!e.params?.length &&
      e.params.every((p) => p.kind === 'sym' && letters.has(p.name))
    );
  }
  return x.style !== 'nabla' && x.wrt.kind === 'sym' && letters.has(x.wrt.name);
}

/** The parameters of the functions the claim's derivatives are taken of (`g` of `∂g/∂y`). */
function differentiatedParameters(claim: Claim): Set<string> {
  const out = new Set<string>();
  const visit = (x: Node) => {
    const name =
      x.kind === 'deriv' && x.of?.kind === 'sym'
        ? x.of.name
        : x.kind === 'prime'
          ? x.f.name.replace(/'+$/, '')
          : null;
    const e = name ? claim.env.lookup(name, claim.block) : null;
    if (e?.kind === 'def' && e.params) for (const p of e.params) if (p.kind === 'sym') out.add(p.name);
  };
  walk(claim.lhs, visit);
  walk(claim.rhs, visit);
  return out;
}

/** The letter (a number, or a vector read for it) took several values across the samples. */
function spread(results: TrialResult[], name: string): boolean {
  const values = new Set<number>();
  for (const r of results) {
    const input = r.trial.inputs.find((i) => i.name === name);
    if (!input || input.value.size === 0) return false;
    values.add(input.value.data[0]);
  }
  return values.size >= 8;
}

/** Arithmetic and analytic functions only, through the definitions the side reaches. */
function smooth(side: Node, claim: Claim, seen: Set<string>): boolean {
  // Iterative, as every walk of a tree that may be a 5000-term sum.
  return !someNode(side, (n) => !smoothHere(n, claim, seen));
}

/** The node itself (its children are looked at by the walk) is arithmetic or analytic. */
function smoothHere(n: Node, claim: Claim, seen: Set<string>): boolean {
  switch (n.kind) {
    case 'abs':
    case 'norm':
    case 'floor':
    case 'ceil':
    case 'cases':
    case 'indicator':
    case 'cmp':
    case 'expect':
    case 'integral':
    case 'limit':
    case 'error':
    case 'text':
    case 'word':
      return false;
    case 'call':
      if (!ANALYTIC.has(n.fn)) return false;
      break;
    case 'sqrt':
      if (hasEvenPower(n.radicand)) return false;
      break;
    case 'pow':
      if (!(n.exponent.kind === 'num' && Number.isInteger(n.exponent.value)) && hasEvenPower(n.base))
        return false;
      break;
    case 'sym':
    case 'apply':
    case 'prime': {
      const name = n.kind === 'sym' ? n.name : n.f.name.replace(/'+$/, '');
      const e = seen.has(name) ? null : claim.env.lookup(name, claim.block);
      if (e?.kind === 'def') {
        seen.add(name);
        if (!smooth(e.expr, claim, seen)) return false;
      } else if (e && e.kind !== 'decl') return false;
      break;
    }
  }
  return true;
}

/** `x^2`, `(x - 5)^4` under a root: its root has a kink where the base is 0. */
function hasEvenPower(n: Node): boolean {
  return someNode(n, (x) => x.kind === 'pow' && x.exponent.kind === 'num' && x.exponent.value % 2 === 0);
}

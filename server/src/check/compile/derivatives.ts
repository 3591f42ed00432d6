// Derivatives: Leibniz and partial derivatives, at a point, of a definition with its intermediates
// held, and primes (f'(x)).
import { computedFamily } from '../recurrences';
import type { Node, SymNode } from '../../math/tree';
import { type CompileEnv, type Fn, lookupWithScope } from './context';
import { printNode } from '../../math/print';
import { tableOf } from './tableValues';
import { compile } from './core';
import { UnknownName, Unsupported } from '../errors';
import { symbolAt } from '../elided';
import { functionNamed, functionOfSymbol } from '../../functions/registry';
import { compileHigherDerivative, nablaSquared } from '../higherDerivatives';
import { atPoint } from '../../model/functionSubscripts';
import { compilers, registerCompilers } from './table';
import * as V from '../values';
import type { Val } from '../values';
import { perPower, powerOfName } from '../powerVariable';
import { planJacobian } from '../jacobian';
import type { Trial } from '../trial';
import { holdingDefinitionsBelow, readings } from './readings';
import { laidOut } from '../layout';
import { freeNames, walk } from '../../model/names';
import type { Entry } from '../../model/types';
import { reaches, relevantNames } from '../relevant';

function compilePrime(n: Extract<Node, { kind: 'prime' }>, c: CompileEnv): Fn {
  // `f^{(2)}(x)` names a function of its own when the document defines that name.
  if (n.label && lookupWithScope(c, n.label.name))
    return compile({ kind: 'apply', f: n.label, args: n.args, start: n.start, end: n.end }, c);
  // f'(x): derivative of a function of one variable, elementwise.
  const base = { ...n.f, name: n.f.name.replace(/'+$/, ''), stem: n.f.stem.replace(/'+$/, ''), primes: 0 };
  if (n.args.length !== 1)
    throw new Unsupported(
      "f'(x) is evaluated for functions of one argument: write \\frac{\\partial f}{\\partial x} otherwise",
      n.start,
      n.end,
    );
  if (n.f.primes > 3)
    throw new Unsupported(
      `derivatives of order ${n.f.primes} are not evaluated (up to 3 are)`,
      n.start,
      n.end,
    );
  // `y(0) = 0, y'(0) = 1` of an initial-value problem: a function known only by its values at listed
  // points has no derivative there; differentiated, the listed value would be a constant, giving 0.
  if (tableOf(c, base.name) && !lookupWithScope(c, n.f.name))
    throw new Unsupported(
      `${n.f.name}(${n.args.map((a) => printNode(a)).join(', ')}) is not known: the text gives ` +
        `${base.name} only by its values at listed points (an initial value), not by a rule`,
      n.start,
      n.end,
    );
  // f is applied to a placeholder that the trial binds to (x, tangent 1); f'' is the derivative of
  // f' applied to it, each order with its own placeholder.
  const hole = `\u0000argument${n.f.primes}`;
  const holeNode = symbolAt(hole, n.args[0]);
  const found = lookupWithScope(c, base.name);
  const word = base.name
    .replace(/^\\(text|operatorname)\{(.*)\}$/, '$2')
    .replace(/^\\/, '')
    .toLowerCase();
  const builtin = found ? null : (functionOfSymbol(base.name) ?? functionNamed(word));
  const inner: CompileEnv = { ...c, locals: new Set([...c.locals, hole]) };
  const lower = n.f.primes - 1;
  const f =
    lower > 0
      ? compile(
          {
            kind: 'prime',
            f: {
              ...base,
              primes: lower,
              name: base.name + "'".repeat(lower),
              stem: base.stem + "'".repeat(lower),
            },
            args: [holeNode],
            start: n.start,
            end: n.end,
          },
          inner,
        )
      : builtin
        ? compile(
            {
              kind: 'call',
              fn: builtin.name,
              args: [holeNode],
              sub: null,
              sup: null,
              paren: true,
              start: n.start,
              end: n.end,
            },
            inner,
          )
        : compile({ kind: 'apply', f: base, args: [holeNode], start: n.start, end: n.end }, inner);
  const elementwise = builtin !== null && builtin.kind === 'elementwise';
  const arg = compile(n.args[0], c);
  return (t) => t.elementwiseDerivative(hole, arg, f, elementwise, n);
}

function compileDeriv(n: Extract<Node, { kind: 'deriv' }>, c: CompileEnv): Fn {
  if (n.bareGradient) {
    const partials = gradientOfSeveral(n, c) ?? hessianOfSeveral(n, c);
    return partials ?? compileDeriv(gradientInParameter(n, c), c);
  }
  // `\frac{\partial^2 f}{\partial x \partial y}` of a defined f(x, y): f at its own parameters.
  const atParameters = n.at ? null : functionAtItsParameters(n.of, c);
  if (atParameters) return compileDeriv({ ...n, of: atParameters }, c);
  // `\nabla_{\mathbf{w}} E(\mathbf{m})`, `\frac{\partial}{\partial w} E(m)`, E a function of its own w:
  // the derivative of E at m. Taken literally, of the value E(m), it would be 0 whatever E is.
  const point = n.at || n.order !== 1 ? null : functionAtAPoint(n, c);
  if (point) return compileDerivativeAtPoint(n, point.f, point.args, point.k, c);
  if (n.order !== 1 && !n.at) return compileHigherDerivative(n, c, compile);
  if (n.order !== 1 && n.at && !(n.of?.kind === 'sym' && compilers.isFunctionName(n.of, c)))
    throw new Unsupported(
      `a derivative of order ${n.order} at a point needs a function: define it, e.g. g(t) := …`,
      n.start,
      n.end,
    );
  if (n.at) {
    if (n.of && n.of.kind === 'sym' && compilers.isFunctionName(n.of, c))
      return compileDerivativeAt(n, n.of, n.at, c);
    // Not a function: the derivative multiplies the bracket after it.
    const d = compile({ ...n, at: undefined }, c);
    const g = compile(
      { kind: 'group', open: '(', close: ')', items: n.at, start: n.at[0]?.start ?? n.end, end: n.end },
      c,
    );
    return (t) => V.product(d(t), g(t), n, 'matmul');
  }
  const of = n.of!;
  const wrt = n.wrt;
  const power = powerOfName(wrt);
  if (power !== null && wrt.kind === 'pow') {
    const byName = compileDeriv({ ...n, wrt: wrt.base }, c);
    return perPower(byName, compile(wrt.base, c), power, n);
  }
  if (wrt.kind !== 'sym')
    throw new Unsupported(
      'differentiate with respect to a name or a power of one (\\partial x, \\partial x_i, ' +
        '\\partial \\sigma^2); for another expression, name it first (u := …)',
      wrt.start,
      wrt.end,
    );
  // The variable: a whole name (x, W_1) or an element of one (x_i, X_{ij}).
  const whole = lookupWithScope(c, wrt.name) ?? (wrt.subText !== null ? c.env.lookupPattern(wrt.stem) : null);
  let target: string;
  let elementIdx: Fn[] | null = null;
  let varFn: Fn;
  // An undeclared letter the derivative is taken in, or a function's argument, read as any real
  // (derivativeVariables.ts, functionArguments.ts).
  if (whole || c.locals.has(wrt.name) || c.variables.has(wrt.name) || c.arguments.has(wrt.name)) {
    target = wrt.name;
    varFn = compilers.compileSym(wrt, c);
  } else if (wrt.subText !== null && lookupWithScope(c, wrt.stem)) {
    target = wrt.stem;
    const base = compilers.compileSym({ ...wrt, name: wrt.stem, sub: null, subText: null }, c);
    varFn = base;
    const items = wrt.sub ?? [];
    elementIdx = items.map((x, axis) => compilers.compileIndex(x, c, base, items.length, axis));
  } else {
    c.unknown.set(wrt.name, wrt);
    return () => {
      throw new UnknownName([wrt.name], wrt.start, wrt.end);
    };
  }
  const f = compile(of, c);
  // `\frac{dx}{dt}` of a bare name: whatever x's value, the author means x changes with t.
  const total = elementIdx === null && n.style === 'd';
  const bare = impliedRates(of, wrt, target, total, f, c);
  const reached = total ? reachedRates(of, target, c) : new Map<string, Fn>();
  // All directions in one pass when the function is made of affine maps and activations.
  const plan = elementIdx === null ? planJacobian(of, target, c, compile) : null;
  const holds = n.style === 'partial' && definitionUsesDirectly(of, wrt, c);
  const derivative = (t: Trial): Val => {
    // Names the claim differentiates bare say what changes; without any, what a derivative that
    // reaches no variable is of (`\frac{dH}{dt}` of H = p²/2 + q²/2) does.
    const rates = bare.size > 0 ? bare : reached;
    const planned = rates.size > 0 ? null : plan;
    if (!holds || !readings.holdIntermediates)
      return t.derivative(target, varFn, elementIdx, f, n, planned, rates);
    return holdingDefinitionsBelow(() => t.derivative(target, varFn, elementIdx, f, n, planned, rates));
  };
  // A fraction's layout is the document's choice (layout.ts); ∇ is the gradient, an entry a number.
  if (n.style === 'nabla' || elementIdx !== null) return derivative;
  return (t) => ({ v: laidOut(V.tensorOf(derivative(t), n), V.tensorOf(varFn(t), n).rank), d: null });
}

/**
 * The names this claim differentiates bare in `target` with a total derivative (`\frac{dx}{dt}`; a
 * partial one, `\partial x/\partial W`, reads its variables as independent, as multivariable
 * calculus and backpropagation do), shared by every derivative in it: each is read as changing with
 * the variable at a rate the trial draws, unless its own formula already makes it depend on the
 * variable (Trial.derivative). A name that depends on nothing the text defines in t would otherwise
 * read as constant, and any claim about its rate would hold or fail by that reading alone
 * (`2x\frac{dx}{dt} + y\frac{dy}{dt} = 0`).
 */
function impliedRates(
  of: Node,
  wrt: SymNode,
  target: string,
  whole: boolean,
  f: Fn,
  c: CompileEnv,
): Map<string, Fn> {
  let rates = c.implicitRates.get(target);
  if (!rates) c.implicitRates.set(target, (rates = new Map()));
  if (
    whole &&
    of.kind === 'sym' &&
    of.name !== wrt.name &&
    !c.locals.has(of.name) &&
    !rates.has(of.name) &&
    // A letter whose example has ended is any value (an unknown one would read as a function).
    (c.generic.has(of.name) ||
      (!compilers.isFunctionName(of, c) && isLeaf(lookupWithScope(c, of.name)?.entry)))
  )
    rates.set(of.name, f);
  return rates;
}

/**
 * `\frac{dH}{dt}` of something whose formulas never reach t (H = p²/2 + q²/2): read literally it is
 * 0, and "the energy is conserved, $\frac{dH}{dt} = 0$" would be verified for any dynamics, a damped
 * one too. The declared letters it reaches are what changes with t, each at a drawn rate, when the
 * claim differentiates no name bare in t (those say what changes). Letters given numbers (a mass m =
 * 2) and ones the words call constants stay; shared by the claim's derivatives in t.
 */
function reachedRates(of: Node, target: string, c: CompileEnv): Map<string, Fn> {
  let rates = c.reachedRates.get(target);
  if (!rates) c.reachedRates.set(target, (rates = new Map()));
  const names = relevantNames({ lhs: of, rhs: of, env: c.env, block: c.block });
  if (names.has(target)) return rates;
  for (const name of names) {
    if (rates.has(name) || c.locals.has(name) || name === target) continue;
    const entry = lookupWithScope(c, name)?.entry;
    if (!c.generic.has(name) && !(entry?.kind === 'decl' && isLeaf(entry))) continue;
    const sym = { kind: 'sym', name, stem: name, base: name, sub: null, subText: null, primes: 0 } as const;
    rates.set(name, compile({ ...sym, start: of.start, end: of.end }, c));
  }
  return rates;
}

/**
 * A name given no formula of other names: declared, sampled, or given a number, and not one the
 * words call a constant. A defined name (the
 * loss J of u and v) is a function of what its formula writes; `\partial J/\partial s` through a
 * part s names is another reading (claim/namedParts.ts).
 */
function isLeaf(entry: Entry | null | undefined): boolean {
  if (!entry) return false;
  // What the words call a constant ("for a constant $c$") does not change.
  if (entry.kind === 'decl') return !/\bconstants?\b/.test(entry.inferred?.how ?? '');
  return entry.kind === 'def' && !entry.params && freeNames(entry.expr).length === 0;
}

/** Whether `of` names a definition whose formula writes the variable itself (x̂_i of x_i). */
function definitionUsesDirectly(of: Node, wrt: SymNode, c: CompileEnv): boolean {
  if (of.kind !== 'sym') return false;
  const target = lookupWithScope(c, of.name)?.entry ?? lookupWithScope(c, of.stem)?.entry;
  if (target?.kind !== 'def' || target.params) return false;
  let direct = false;
  walk(target.expr, (x) => {
    if (x.kind === 'sym' && (x.name === wrt.name || x.stem === wrt.stem)) direct = true;
  });
  return direct;
}

/** `E(m)` under a derivative in one of E's parameters that no argument mentions, even through a definition. */
function functionAtAPoint(
  n: Extract<Node, { kind: 'deriv' }>,
  c: CompileEnv,
): { f: SymNode; args: Node[]; k: number } | null {
  const of = n.of;
  const wrt = n.wrt;
  if (of?.kind !== 'apply' || wrt.kind !== 'sym' || c.locals.has(of.f.name)) return null;
  const entry = lookupWithScope(c, of.f.name)?.entry;
  // `\nabla L(w_t)`, w_t an iterate of a recurrence: the gradient of L at the iterate, not in it.
  const atIterate =
    entry?.kind === 'def' &&
    entry.params?.length === 1 &&
    of.args.length === 1 &&
    of.args[0].kind === 'sym' &&
    of.args[0].name === wrt.name &&
    wrt.primes === 0 &&
    computedFamily(c, wrt.stem) !== null;
  if (atIterate) return { f: of.f, args: of.args, k: 0 };
  if (entry?.kind !== 'def' || !entry.params?.some((p) => p.name === wrt.name)) return null;
  if (of.args.some((a) => reaches(a, wrt.name, c.env, c.block))) return null;
  const k = entry.params.findIndex((p) => p.name === wrt.name);
  if (of.args.length !== entry.params.length) return null;
  return { f: of.f, args: of.args, k };
}

/** The derivative (gradient, Jacobian) of g in its k-th parameter, at the arguments written. */
function compileDerivativeAtPoint(
  n: Extract<Node, { kind: 'deriv' }>,
  g: SymNode,
  at: Node[],
  k: number,
  c: CompileEnv,
): Fn {
  const hole = '\u0000point';
  const { f, arg } = withHole(g, at, k, hole, n, c);
  const value: Fn = (t) => t.local(hole, n);
  return (t) => {
    const x = arg(t);
    const d = t.withLocals([hole], [x], () => t.derivative(hole, value, null, f, n));
    if (n.style === 'nabla') return d;
    return { v: laidOut(V.tensorOf(d, n), V.tensorOf(x, n).rank), d: null };
  };
}

/** A defined function written bare under a derivative, applied to the names of its parameters. */
/**
 * `\nabla f` after `f(x) = \frac12 x^\top A x - b^\top x`: the gradient in f's one parameter, at
 * that parameter, as `\nabla f(x)` reads. Anything else is not read: the subscript says in what.
 */
function gradientInParameter(
  n: Extract<Node, { kind: 'deriv' }>,
  c: CompileEnv,
): Extract<Node, { kind: 'deriv' }> {
  const of = n.of!;
  const entry = of.kind === 'sym' && !c.locals.has(of.name) ? lookupWithScope(c, of.name)?.entry : null;
  if (of.kind !== 'sym' || entry?.kind !== 'def' || entry.params?.length !== 1)
    throw new Unsupported(
      '\\nabla without a subscript is read as the gradient of a function of one parameter ' +
        '(\\nabla f after f(x) = …) or as \\nabla f(x); write \\nabla_x for anything else',
      n.start,
      n.end,
    );
  const param: SymNode = { ...entry.params[0], start: of.start, end: of.end };
  const applied: Node = { kind: 'apply', f: of, args: [param], start: of.start, end: of.end };
  return { ...n, of: applied, wrt: param, bareGradient: undefined };
}

/**
 * `\nabla g` of a function the text defines in several parameters (`g(x, y, z) = x e^{yz}`), and
 * `\nabla g(1, 0, 2)` at a point: the vector of its partial derivatives in the parameters' order,
 * at the parameters or at the arguments written. Only numbers stack so without a convention: a
 * parameter that is a vector or a matrix (f(w, b)) leaves the claim unchecked, as before.
 */
function gradientOfSeveral(n: Extract<Node, { kind: 'deriv' }>, c: CompileEnv): Fn | null {
  const of = n.of;
  if (of?.kind !== 'sym' || c.locals.has(of.name) || n.order !== 1) return null;
  const entry = lookupWithScope(c, of.name)?.entry;
  if (entry?.kind !== 'def' || !entry.params) return null;
  const params = entry.params;
  const at =
    n.at ?? (params.length > 1 ? params.map((p): SymNode => ({ ...p, start: of.start, end: of.end })) : null);
  if (!at || at.length !== params.length) return null;
  const unstacked = () =>
    new Unsupported(
      `\\nabla ${of.name} of a function of vectors or matrices is laid out differently by different ` +
        `authors; write \\nabla_x ${of.name} for the gradient in one of its parameters`,
      n.start,
      n.end,
    );
  let partials: Fn[];
  try {
    partials = params.map((p) =>
      compile(
        {
          kind: 'deriv',
          of,
          wrt: { ...p, start: of.start, end: of.end },
          order: 1,
          style: 'partial',
          at,
          start: n.start,
          end: n.end,
        },
        c,
      ),
    );
  } catch (err) {
    // A partial in a vector parameter is refused while compiling (a derivative of a vector).
    if (err instanceof Unsupported && params.length > 1) throw unstacked();
    throw err;
  }
  const points = at.map((a) => compile(a, c));
  return (t) => {
    if (params.length > 1 && points.some((f) => V.tensorOf(f(t), n).size !== 1)) throw unstacked();
    const values = partials.map((f) => f(t));
    if (values.some((v) => V.tensorOf(v, n).size !== 1)) throw unstacked();
    return V.vectorOf(values, false, n);
  };
}

/**
 * `\nabla^2 f(1, 1)` of a function the text defines in several numbers (`f(x, y) = x^3 - 3xy + y^3`):
 * the matrix of its second partial derivatives at the point written (or at its parameters), as the
 * gradient of several numbers is the vector of the first. ∇² is also the Laplacian, the trace: both
 * readings are tried (check/laplacian.ts). Arguments that write a parameter's letter elsewhere
 * (`\nabla^2 f(y, x)`) are not read.
 */
function hessianOfSeveral(n: Extract<Node, { kind: 'deriv' }>, c: CompileEnv): Fn | null {
  const of = n.of;
  if (of?.kind !== 'sym' || c.locals.has(of.name) || n.order !== 2) return null;
  const entry = lookupWithScope(c, of.name)?.entry;
  if (entry?.kind !== 'def' || !entry.params || entry.params.length < 2) return null;
  const params = entry.params;
  if (n.at && n.at.length !== params.length) return null;
  const span = { start: n.start, end: n.end };
  const variable = (p: SymNode): SymNode => ({ ...p, start: of.start, end: of.end });
  const second = (p: SymNode, q: SymNode): Node | null => {
    const inner: Node = { kind: 'deriv', of, wrt: variable(p), order: 1, style: 'partial', ...span };
    const outer: Node = { kind: 'deriv', of: inner, wrt: variable(q), order: 1, style: 'partial', ...span };
    return n.at ? atPoint(outer, params, n.at) : outer;
  };
  const rows = params.map((p) => params.map((q) => second(p, q)));
  if (rows.some((row) => row.some((x) => x === null))) return null;
  const matrix = compile({ kind: 'matrix', env: 'pmatrix', rows: rows as Node[][], ...span }, c);
  return (t) => {
    const H = V.dualOf(matrix(t), n);
    nablaSquared.met = true;
    return nablaSquared.asLaplacian ? V.call('tr', [H], n) : H;
  };
}

function functionAtItsParameters(of: Node | null, c: CompileEnv): Node | null {
  if (of?.kind !== 'sym' || c.locals.has(of.name)) return null;
  const entry = lookupWithScope(c, of.name)?.entry;
  if (entry?.kind !== 'def' || !entry.params || entry.params.length === 0) return null;
  const args: Node[] = entry.params.map((p): SymNode => ({ ...p, start: of.start, end: of.end }));
  return { kind: 'apply', f: of, args, start: of.start, end: of.end };
}

/**
 * `\frac{dg}{dt}(s)`: the derivative of the function g at s. For a function of several
 * parameters, the partial derivative in the parameter named below the bar, at the arguments.
 */
function compileDerivativeAt(n: Extract<Node, { kind: 'deriv' }>, g: SymNode, at: Node[], c: CompileEnv): Fn {
  const entry = lookupWithScope(c, g.name)?.entry;
  if (entry?.kind === 'fn')
    throw new Unsupported(
      `${g.name} is declared as a function but never defined, so its derivative is not known: ` +
        `define it, e.g. ${g.name}(x) := …`,
      n.start,
      n.end,
    );
  const params = entry?.kind === 'def' ? entry.params : null;
  if (!params || params.length === 1) {
    if (at.length !== 1)
      throw new Unsupported(`${g.name} takes one argument, given ${at.length}`, n.start, n.end);
    const primes = "'".repeat(n.order);
    return compile(
      {
        kind: 'prime',
        f: { ...g, primes: n.order, name: `${g.name}${primes}`, stem: `${g.stem}${primes}` },
        args: at,
        start: n.start,
        end: n.end,
      },
      c,
    );
  }
  if (params.length !== at.length)
    throw new Unsupported(`${g.name} takes ${params.length} arguments, given ${at.length}`, n.start, n.end);
  if (n.order !== 1)
    throw new Unsupported(
      `a partial derivative of order ${n.order} of ${g.name} at a point is not evaluated: write it ` +
        `of the expression, \\frac{\\partial^${n.order} ${g.name}(…)}{\\partial x^${n.order}}`,
      n.start,
      n.end,
    );
  const wrt = n.wrt;
  const k = wrt.kind === 'sym' ? params.findIndex((p) => p.name === wrt.name) : -1;
  if (k < 0)
    throw new Unsupported(
      `${g.name} has no parameter ${wrt.kind === 'sym' ? wrt.name : 'like this'}: its parameters are ` +
        `${params.map((p) => p.name).join(', ')}`,
      n.start,
      n.end,
    );
  const hole = '\u0000argument';
  const { f, arg } = withHole(g, at, k, hole, n, c);
  return (t) => t.elementwiseDerivative(hole, arg, f, false, n);
}

/** g applied at the arguments with the k-th replaced by a local `hole`, and that argument on its own. */
function withHole(
  g: SymNode,
  at: Node[],
  k: number,
  hole: string,
  n: Node,
  c: CompileEnv,
): { f: Fn; arg: Fn } {
  const holeNode = symbolAt(hole, at[k]);
  const inner: CompileEnv = { ...c, locals: new Set([...c.locals, hole]) };
  const f = compile(
    { kind: 'apply', f: g, args: at.map((a, j) => (j === k ? holeNode : a)), start: n.start, end: n.end },
    inner,
  );
  return { f, arg: compile(at[k], c) };
}

declare module './table' {
  interface Compilers {
    compilePrime: typeof compilePrime;
    compileDeriv: typeof compileDeriv;
  }
}

registerCompilers({ compilePrime, compileDeriv });

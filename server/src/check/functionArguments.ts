// Letters that are a function's argument. "Let $g(z) = 1/(1+e^{-z})$. Then $g'(z) = g(z)(1-g(z))$":
// nothing declares z, yet a careful reader knows what it is — the argument of g, any number g
// takes. Such a letter is read as any real number in the claim, sampled like a declared one. As for
// other generic objects, the claim is verified when it holds at every sample and otherwise left
// unchecked with the failing value (the text may restrict the argument in words, "for x > 0"),
// never refuted; declaring the letter has it checked.
import type { Node, SymNode } from '../math/tree';
import { printNode } from '../math/print';
import type { Outcome } from './claim';
import { displayName, readAsAnyValue } from './claim/generic';
import { type CompileEnv, lookupWithScope, openFreeIndex } from './compile/context';
import { compile } from './compile/core';
import { boundBody, boundName, children, someNode } from '../model/names';
import type { Entry } from '../model/types';
import { functionNamed, functionOfSymbol, isElementwise } from '../functions/registry';

/**
 * A lone lower-case letter, Latin (not Euler's e or the imaginary i) or Greek (not π): how a
 * scalar argument is written. Capitals are left out on purpose: `\exp(A + B) = \exp(A)\exp(B)`
 * holds for numbers and is false for the matrices a capital usually names.
 */
const ARGUMENT_LETTER =
  /^(?:[a-df-hj-z]|\\(?:alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|kappa|lambda|mu|nu|xi|rho|tau|phi|varphi|chi|psi|omega))$/;

/**
 * A function's parameter letters in a claim that writes the function bare (`u` after
 * `u(x, t) = e^{-t}\sin x`), never applies it, and stands in the section of its rule: registered
 * as any real numbers, as written arguments are, when nothing gives them a meaning. True when they
 * were (compile/names.ts then applies the function to them).
 */
export function parametersAsArguments(name: string, params: SymNode[], c: CompileEnv): boolean {
  if (c.applied.has(name) || !c.liveFunctions.has(name)) return false;
  const free = (p: SymNode) => freeArgumentLetter(p, new Set(), c) && !lookupWithScope(c, p.name);
  if (!params.every((p) => c.arguments.has(p.name) || free(p))) return false;
  for (const p of params) if (!c.arguments.has(p.name)) c.arguments.set(p.name, realEntry(p.name));
  return true;
}

function freeArgumentLetter(x: SymNode, locals: Set<string>, c: CompileEnv): boolean {
  return (
    ARGUMENT_LETTER.test(x.name) &&
    x.font === undefined &&
    !locals.has(x.name) &&
    !c.bounds.has(x.name) &&
    !c.recurrenceIndices.has(x.name) &&
    !c.env.lookupPattern(x.stem) &&
    !c.env.lookupGeneric(x.name, c.block) &&
    !c.env.isDimension(x.name)
  );
}

/** Registers in `c.arguments` the unknown letters written as arguments of functions in `sides`. */
export function inferFunctionArguments(sides: Node[], c: CompileEnv): void {
  const letters = (x: Node, locals: Set<string>) => {
    if (x.kind === 'sym') {
      if (
        freeArgumentLetter(x, locals, c) &&
        (!lookupWithScope(c, x.name) || functionWrittenBare(x.name, sides, c))
      )
        c.arguments.set(x.name, realEntry(x.name));
      return;
    }
    // `g(-t)`, `f(2x + 1)`: the letters of an argument's arithmetic.
    if (x.kind === 'bin' || x.kind === 'neg' || x.kind === 'group' || x.kind === 'frac' || x.kind === 'pow')
      for (const ch of children(x)) letters(ch, locals);
  };
  const visit = (x: Node, locals: Set<string>) => {
    if (x.kind === 'apply' || x.kind === 'prime') c.applied.add(x.f.name.replace(/'+$/, ''));
    // Letters a sum, an integral, an evaluation bar or a limit binds are not free: `\int u \phi(u)\,du`.
    const bound = boundName(x);
    if (bound) {
      for (const ch of children(x)) visit(ch, ch === boundBody(x) ? new Set([...locals, bound]) : locals);
      return;
    }
    if (takesNumbers(x, c))
      for (const [k, arg] of argumentsOf(x).entries()) {
        // `\pi_\theta(a) = e^{\theta_a} / \sum_b e^{\theta_b}`: a parameter that indexes a declared
        // vector takes that vector's indices, so the letter passed there is a free index over them,
        // as it is where the claim writes `\theta_a` itself.
        const vector = arg.kind === 'sym' ? indexedVector(x, k, c) : null;
        if (
          vector &&
          arg.kind === 'sym' &&
          freeArgumentLetter(arg, locals, c) &&
          !lookupWithScope(c, arg.name)
        )
          openFreeIndex(c, arg.name).sources.push({ fn: compile(vector, c), axis: 0 });
        else letters(arg, locals);
      }
    // `\nabla^2 f` of a defined f(x): the parameter the gradient is taken in is the argument.
    // `\nabla g` of g(x, y, z): every parameter; `\nabla f(x, y)`: the point's letters. So are the
    // parameters of h(x, y) under `\frac{\partial^2 h}{\partial x^2}`, which takes h at them: y
    // is h's argument there although the claim writes only x.
    if (x.kind === 'deriv' && (x.bareGradient || !x.at))
      for (const parameter of x.at ?? bareGradientParameters(x.of, c)) letters(parameter, locals);
    for (const ch of children(x)) visit(ch, locals);
  };
  for (const side of sides) visit(side, new Set());
}

/**
 * A letter the text defines as a function (`x(t) = t^2 + 1`) that the claim never applies, written
 * as another function's argument (`g'(x) = 3x^2 - 2` after `g(x) = x^3 - 2x`): a function is no
 * number to pass, so the letter is that function's argument here, as its definition's parameter is.
 */
function functionWrittenBare(name: string, sides: Node[], c: CompileEnv): boolean {
  const entry = lookupWithScope(c, name)?.entry;
  const functionValued = entry?.kind === 'fn' || (entry?.kind === 'def' && entry.params !== null);
  return functionValued && !sides.some((side) => appliesName(side, name));
}

function appliesName(side: Node, name: string): boolean {
  return someNode(
    side,
    (x) =>
      ((x.kind === 'apply' || x.kind === 'prime') && x.f.name.replace(/'+$/, '') === name) ||
      (x.kind === 'deriv' && x.of?.kind === 'sym' && x.of.name === name),
  );
}

function bareGradientParameters(of: Node | null, c: CompileEnv): Node[] {
  if (of?.kind !== 'sym') return [];
  const found = lookupWithScope(c, of.name);
  return (found?.entry.kind === 'def' ? found.entry.params : null) ?? [];
}

function argumentsOf(x: Node): Node[] {
  return x.kind === 'apply' || x.kind === 'prime' || x.kind === 'call' ? x.args : [];
}

/**
 * A function of numbers: one the document defines by a rule in its parameters (`g(z) = …`), a
 * built-in elementwise one (`\sin`, `\log`, σ where the text does not make σ a value), or a function
 * of one vector written with its entries.
 */
function takesNumbers(x: Node, c: CompileEnv): boolean {
  if (x.kind === 'call') {
    const f = functionNamed(x.fn);
    // `\operatorname{softmax}(a, 0)`: several arguments of a function of one vector are its entries.
    return f !== null && (isElementwise(f) || (f.listedEntries === true && x.args.length > 1));
  }
  if (x.kind !== 'apply' && x.kind !== 'prime') return false;
  if (x.kind === 'apply' && x.given !== undefined) return false;
  const name = x.f.name.replace(/'+$/, '');
  const found = lookupWithScope(c, name);
  if (found) return found.entry.kind === 'def' && found.entry.params !== null;
  if (x.f.subText !== null || c.env.lookupPattern(x.f.stem)) return false;
  const builtin = functionOfSymbol(name);
  return builtin !== null && isElementwise(builtin);
}

/**
 * The declared vector the k-th parameter of the applied function indexes alone in its rule
 * (`\theta_a` with `\theta \in \mathbb{R}^K`), or null.
 */
function indexedVector(x: Node, k: number, c: CompileEnv): SymNode | null {
  if (x.kind !== 'apply') return null;
  const entry = lookupWithScope(c, x.f.name)?.entry;
  const param = entry?.kind === 'def' ? entry.params?.[k]?.name : undefined;
  if (entry?.kind !== 'def' || param === undefined) return null;
  let vector: SymNode | null = null;
  someNode(entry.expr, (y) => {
    if (y.kind !== 'sym' || y.sub?.length !== 1 || y.sub[0].kind !== 'sym' || y.sub[0].name !== param)
      return false;
    const found = c.env.lookup(y.stem, c.block);
    if (found?.kind !== 'decl' || found.spec.shape.length !== 1) return false;
    vector = { ...y, name: y.stem, sub: null, subText: null };
    return true;
  });
  return vector;
}

function realEntry(name: string): Entry {
  return { kind: 'decl', name, pattern: false, spec: { set: 'real', shape: [] }, at: 0, generic: true };
}

/** The verdict on a claim that used such letters: a failure is not a refutation. */
export function forFunctionArguments(outcome: Outcome, args: Map<string, Entry>): Outcome {
  const names = [...args.keys()].map(displayName);
  if (names.length === 0) return outcome;
  const list = names.join(', ');
  const one = names.length === 1;
  // A letter read as a vector (argumentShapes.ts) says so; the others are numbers.
  const sizes = [...args.values()].map((e) =>
    e.kind === 'decl' && e.spec.shape.length === 1 ? e.spec.shape[0] : null,
  );
  const read = sizes.every((s) => s === null)
    ? `${list} read as any real number`
    : names
        .map(
          (n, k) =>
            `${n} read as any ${sizes[k] ? `vector of ${printNode(sizes[k]!)} entries` : 'real number'}`,
        )
        .join(', ');
  const power = sizes[0] ? `^{${printNode(sizes[0])}}` : '';
  const what =
    `${read}: ${one ? 'it is' : 'they are'} written as a function's argument and nothing declares ` +
    `${one ? 'it' : 'them'}`;
  return readAsAnyValue(
    outcome,
    `(${what})`,
    () =>
      `unchecked: it fails for some values of ${list} (${what}): ` +
      `${outcome.message.replace(/^refuted: /, '')}; ` +
      `declare ${one ? 'it' : 'them'} (${names[0]} \\in \\mathbb{R}${power}, or the range meant) ` +
      'to have it checked',
  );
}

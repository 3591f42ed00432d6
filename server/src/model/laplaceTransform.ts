// `\mathcal{L}\{e^{at}\} = \frac{1}{s-a}`, `\mathcal{L}\{f\}(s)`: the Laplace transform of what the
// braces hold, as an ODE course defines it, ∫₀^∞ e^{−st} f(t) dt. Written so, a table entry or a
// transformed equation is an integral the checker evaluates. The function's variable is t, or x when
// the body writes x and not t; the transform's variable is the letter in the brackets after it, else
// s. An integral written out the same way, `\int_0^\infty e^{-st} e^{2t}\,dt`, is one too. The integral
// converges only for s beyond the function's growth: check/transformVariables.ts reads an undeclared
// s as any number large enough.
import { makeSym } from '../math/parser/nodes';
import type { Node, SymNode } from '../math/tree';
import { boundName, freeNames, mapChildren, someNode } from '../math/walk';
import type { Entry } from './types';

type Juxt = Extract<Node, { kind: 'bin' }>;
type Span = { start: number; end: number };

/**
 * The side with each Laplace transform written as its integral, and each integral written as one,
 * `\int_0^\infty e^{-st} f(t)\,dt`, marked as a transform in s.
 */
export function withLaplaceTransforms(side: Node, lookup: (name: string) => Entry | null): Node {
  if (!someNode(side, (x) => transformOf(x) !== null || writtenTransform(x) !== null)) return side;
  const rewrite = (x: Node): Node => {
    const written = writtenTransform(x);
    if (written) return written;
    // `\mathcal{L}\{f\}(s)`: the brackets after the transform name its variable.
    if (x.kind === 'bin' && x.op === 'juxt' && transformOf(x.left)) {
      const at = x.right.kind === 'group' && x.right.open === '(' ? x.right.items : null;
      if (at?.length === 1 && at[0].kind === 'sym' && at[0].sub === null)
        return integral(x.left as Juxt, at[0], lookup, x.end);
    }
    if (transformOf(x)) return integral(x as Juxt, makeSym('s', x.start, x.end), lookup, x.end);
    return mapChildren(x, rewrite);
  };
  return rewrite(side);
}

/** What `\mathcal{L}\{…\}` transforms, or null when `x` is no transform. */
function transformOf(x: Node): Node | null {
  if (x.kind !== 'bin' || x.op !== 'juxt') return null;
  const { left, right } = x;
  const named = left.kind === 'sym' && left.name === 'L' && left.font === 'calligraphic' && left.sub === null;
  if (!named || right.kind !== 'group' || right.open !== '\\{' || right.items.length !== 1) return null;
  return right.items[0];
}

function integral(x: Juxt, s: SymNode, lookup: (name: string) => Entry | null, end: number): Node {
  const span = { start: x.start, end };
  let f = transformOf(x)!;
  const letters = freeNames(f);
  const t = makeSym(letters.includes('t') || !letters.includes('x') ? 't' : 'x', x.start, end);
  // `\mathcal{L}\{g\}` of a function the text defines in one parameter: its rule in the variable,
  // written in, so that its exponentials join the kernel's too.
  if (f.kind === 'sym') {
    const e = lookup(f.name);
    if (e?.kind === 'def' && e.params?.length === 1) f = renamed(e.expr, e.params[0].name, t);
  }
  return {
    kind: 'integral',
    sign: 'int',
    lower: { kind: 'num', value: 0, text: '0', ...span },
    upper: makeSym('\\infty', x.start, end),
    variable: t,
    body: merged(s, t, factorsOf(f), span),
    transform: s,
    ...span,
  };
}

/**
 * `\int_0^\infty e^{-st} e^{2t}\,dt`: an integral over [0, ∞) whose integrand opens with the kernel
 * e^{−st} (s a lone letter, t the integral's variable) is a Laplace transform as written, rewritten
 * with its exponentials as one power; null for any other node.
 */
function writtenTransform(x: Node): Node | null {
  if (x.kind !== 'integral' || x.transform || x.sign !== 'int' || !x.variable) return null;
  const fromZero = x.lower?.kind === 'num' && x.lower.value === 0;
  if (!fromZero || x.upper?.kind !== 'sym' || x.upper.name !== '\\infty') return null;
  const [first, ...rest] = factorsOf(x.body);
  const s = kernelVariable(first, x.variable.name);
  if (!s || rest.length === 0) return null;
  return { ...x, body: merged(s, x.variable, rest, { start: x.start, end: x.end }), transform: s };
}

/** The s of a kernel e^{-st} in the variable `t`, or null. */
function kernelVariable(x: Node, t: string): SymNode | null {
  if (x.kind !== 'pow' || x.base.kind !== 'sym' || x.base.name !== 'e' || x.base.font) return null;
  const e = x.exponent;
  if (e.kind !== 'neg' || e.operand.kind !== 'bin' || e.operand.op !== 'juxt') return null;
  const { left, right } = e.operand;
  if (left.kind !== 'sym' || right.kind !== 'sym' || right.name !== t || left.name === t) return null;
  return /^[a-z]$/.test(left.name) && left.sub === null && !left.font ? left : null;
}

/**
 * e^{−st} times `factors`, its exponentials of numbers joined into the kernel's power: apart, e^{at}
 * far out overflows the double range while e^{−st} became 0, and the integrand has no value there;
 * as one power, e^{−st + at}, it decays as it should. An exponent in capitals or bold (a matrix's
 * e^{At}) stays apart: such powers do not combine.
 */
function merged(s: SymNode, t: SymNode, factors: Node[], span: Span): Node {
  const hyperbolic = factors.findIndex((y) => hyperbolicArgument(y) !== null);
  if (hyperbolic >= 0) return splitHyperbolic(s, t, factors, hyperbolic, span);
  const joins = (y: Node): y is Extract<Node, { kind: 'pow' }> =>
    y.kind === 'pow' &&
    y.base.kind === 'sym' &&
    y.base.name === 'e' &&
    !y.base.font &&
    scalarExponent(y.exponent);
  let exponent: Node = {
    kind: 'neg',
    operand: { kind: 'bin', op: 'juxt', left: s, right: t, ...span },
    ...span,
  };
  for (const y of factors)
    if (joins(y)) exponent = { kind: 'bin', op: '+', left: exponent, right: y.exponent, ...span };
  const rest = factors.filter((y) => !joins(y));
  const kernel: Node = { kind: 'pow', base: makeSym('e', span.start, span.end), exponent, ...span };
  if (rest.length === 0) return kernel;
  const others: Node = { kind: 'group', open: '(', close: ')', items: [product(rest, span)], ...span };
  return { kind: 'bin', op: 'juxt', left: kernel, right: others, ...span };
}

/** An exponent of numbers and lower-case letters: a capital or bold letter (a matrix's At) does not combine. */
function scalarExponent(x: Node): boolean {
  return !someNode(x, (z) => z.kind === 'sym' && (z.font !== undefined || /^[A-Z]/.test(z.name)));
}

/** The argument u of a factor cosh u or sinh u (no power, no subscript), or null. */
function hyperbolicArgument(y: Node): Node | null {
  if (y.kind !== 'call' || (y.fn !== 'cosh' && y.fn !== 'sinh') || y.args.length !== 1) return null;
  if (y.sub !== null || y.sup !== null) return null;
  return scalarExponent(y.args[0]) ? y.args[0] : null;
}

/**
 * e^{−st} cosh(at) far out is 0 times an overflow, as e^{at} alone is: written by its definition,
 * cosh u = (e^u + e^{−u})/2 (sinh with −), each exponential joins the kernel's power and each term
 * decays as the transform's integrand does.
 */
function splitHyperbolic(s: SymNode, t: SymNode, factors: Node[], at: number, span: Span): Node {
  const y = factors[at] as Extract<Node, { kind: 'call' }>;
  const u = y.args[0];
  const e = (exponent: Node): Node => ({
    kind: 'pow',
    base: makeSym('e', span.start, span.end),
    exponent,
    ...span,
  });
  const term = (exponent: Node) =>
    merged(s, t, [...factors.slice(0, at), e(exponent), ...factors.slice(at + 1)], span);
  const grouped: Node = { kind: 'group', open: '(', close: ')', items: [u], ...span };
  const sum: Node = {
    kind: 'bin',
    op: y.fn === 'cosh' ? '+' : '-',
    left: term(u),
    right: term({ kind: 'neg', operand: grouped, ...span }),
    ...span,
  };
  const half: Node = { kind: 'num', value: 0.5, text: '0.5', ...span };
  return {
    kind: 'bin',
    op: 'juxt',
    left: half,
    right: { kind: 'group', open: '(', close: ')', items: [sum], ...span },
    ...span,
  };
}

/** The factors of a product written by juxtaposition or `\cdot` (the whole, for anything else). */
function factorsOf(x: Node): Node[] {
  if (x.kind === 'bin' && (x.op === 'juxt' || x.op === 'cdot') && !x.apply)
    return [...factorsOf(x.left), ...factorsOf(x.right)];
  return [x];
}

function product(factors: Node[], span: Span): Node {
  return factors.reduce((left, right): Node => ({ kind: 'bin', op: 'juxt', left, right, ...span }));
}

/** `x` with the letter `from` written as `to` (a rule's parameter as the transform's variable). */
function renamed(x: Node, from: string, to: SymNode): Node {
  if (x.kind === 'sym') return x.name === from ? { ...to, start: x.start, end: x.end } : x;
  // A letter an operator inside binds is its own.
  if (someNode(x, (y) => y !== x && boundName(y) === from)) return x;
  return mapChildren(x, (y) => renamed(y, from, to));
}

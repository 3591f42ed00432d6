// A differential test against an independent oracle (issue 9): random scalar expressions are
// built as mathjs trees, turned into identities that mathjs itself vouches for (expansions,
// factorings, `derivative()`, `simplify()`, trigonometric/exponential/logarithmic/power/root
// identities, fractions) and into near misses (a changed coefficient, a dropped term, a flipped
// sign, a wrong exponent, a swapped function), printed with mathjs' own `toTex()` — a LaTeX
// printer this project did not write — and checked by derivcheck as Markdown documents.
//
// The oracle must not lie: every pair is evaluated by mathjs at sample points drawn the way
// derivcheck draws them; a "true" pair is kept only when both sides agree (and are defined at
// the same points) everywhere it looked, a "false" one only when the sides differ at most
// points. Derivatives are also compared with central differences.
//
// Shared by the bounded run (test/oracle/oracle.test.ts, in `npm test`) and the long run
// (test/fuzz/oracle.test.ts, `npm run fuzz`).
import * as math from 'mathjs';
import type { MathNode } from 'mathjs';
import { checkText } from '../../server/src/check';

const { OperatorNode, SymbolNode, ConstantNode, FunctionNode } = math;

// ---------------------------------------------------------------------------------------------
// Switches. Every generator feature that is turned off is named here with the reason, so that an
// exclusion never hides a wrong verdict silently. Re-enable after the named work is merged.

export interface Switches {
  /** Matrix identities ((AB)^T = B^T A^T …) and their near misses. */
  matrices: boolean;
  /**
   * Decimal coefficients (0.5, 1.5) inside expressions, since issue 9 item 5 (rounding
   * belongs to the author's result): a near miss such as `(0.5 z 5)^2 = \frac{24 z^2}{4}` (true:
   * 25/4) must be refuted, not "verified within the rounding of 0.5".
   */
  decimals: boolean;
  /**
   * sinh, cosh, sec, csc, cot, and the inverse trigonometric functions (mathjs prints atan as
   * `\tan^{-1}`), evaluated since the function registry landed.
   */
  newFunctions: boolean;
  /**
   * Near misses that fail only by being undefined on part of the declared domain
   * (`\log(u^2) = 2\log u`, `\sqrt{uv} = \sqrt{u}\sqrt{v}` for real u, v), since issue 9
   * item 3 (undefined values are counterexamples): these must be refuted, never "verified" by
   * redrawing the samples where one side is undefined.
   */
  domainNearMisses: boolean;
}

export const DEFAULT_SWITCHES: Switches = {
  matrices: true,
  decimals: true,
  newFunctions: true,
  domainNearMisses: true,
};

// ---------------------------------------------------------------------------------------------
// A seeded generator (mulberry32): the same seed gives the same claims on every machine.

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

// ---------------------------------------------------------------------------------------------
// Variables and their domains.

export type Domain = 'real' | 'pos';

// Letters with a fixed meaning in the notation are left out of the pool: e and \pi (constants),
// i (an index), d (the differential in \frac{d}{dx}), f (a function name), I and E. Some of the
// rest print through mathjs as \mathrm{b}, \mathrm{g}, \mathrm{h}, \mathrm{t} (mathjs units),
// which exercises "fonts do not make new names".
const POOL = [
  'x',
  'y',
  'z',
  'u',
  'v',
  'w',
  'a',
  'b',
  'c',
  't',
  'r',
  'q',
  'g',
  'h',
  'k',
  'theta',
  'alpha',
  'beta',
  'sigma',
  'lambda',
];

class Scope {
  readonly domain = new Map<string, Domain>();
  constructor(
    readonly rng: Rng,
    names: string[],
    posShare: number,
    readonly sw: Switches,
  ) {
    for (const n of names) this.domain.set(n, rng.chance(posShare) ? 'pos' : 'real');
  }
  get names(): string[] {
    return [...this.domain.keys()];
  }
  positives(): string[] {
    return this.names.filter((n) => this.domain.get(n) === 'pos');
  }
}

const sym = (n: string): MathNode => new SymbolNode(n);
const num = (v: number): MathNode => new ConstantNode(v);
const op = (o: string, fn: string, args: MathNode[], implicit = false): MathNode =>
  new OperatorNode(o as never, fn as never, args, implicit);
const add = (a: MathNode, b: MathNode) => op('+', 'add', [a, b]);
const sub = (a: MathNode, b: MathNode) => op('-', 'subtract', [a, b]);
// mathjs prints an implicit product as juxtaposition, so `(a)(-b)` would come out as
// `\left(a\right)~-\left(b\right)`, which every reader takes for a difference: the printer's
// ambiguity, not derivcheck's; so would `2~3` (is it 23?). An implicit product is made only when
// the second factor prints with neither a leading sign nor a leading digit.
const mul = (a: MathNode, b: MathNode, implicit = false) =>
  op('*', 'multiply', [a, b], implicit && !/^\s*[-+\d]/.test(b.toTex()));
const div = (a: MathNode, b: MathNode) => op('/', 'divide', [a, b]);
const pow = (a: MathNode, b: MathNode) => op('^', 'pow', [a, b]);
const neg = (a: MathNode) => op('-', 'unaryMinus', [a]);
const fn = (name: string, ...args: MathNode[]): MathNode => new FunctionNode(new SymbolNode(name), args);

/** Any real value, defined wherever the scope's variables live. */
function genAny(sc: Scope, depth: number): MathNode {
  const r = sc.rng;
  if (depth <= 0 || r.chance(0.25)) {
    return r.chance(0.8) ? sym(r.pick(sc.names)) : num(r.int(1, 5));
  }
  const d = depth - 1;
  switch (r.int(0, 13)) {
    case 0:
    case 1:
      return add(genAny(sc, d), genAny(sc, d));
    case 2:
      return sub(genAny(sc, d), genAny(sc, d));
    case 3:
    case 4:
      return mul(genAny(sc, d), genAny(sc, d), r.chance(0.3));
    case 5:
      return mul(
        num(r.pick(sc.sw.decimals ? [2, 3, 4, 5, 0.5, 1.5] : [2, 3, 4, 5])),
        genAny(sc, d),
        r.chance(0.3),
      );
    case 6:
      return div(genAny(sc, d), genPos(sc, d));
    case 7:
      return pow(genAny(sc, d), num(r.int(2, 3)));
    case 8:
      return neg(genAny(sc, d));
    case 9:
      return fn(
        r.pick(sc.sw.newFunctions ? ['sin', 'cos', 'tanh', 'sinh', 'cosh', 'atan'] : ['sin', 'cos', 'tanh']),
        genAny(sc, Math.min(d, 1)),
      );
    case 10:
      return fn('exp', genAny(sc, Math.min(d, 1)));
    case 11:
      return fn('log', genPos(sc, d));
    case 12:
      return fn('sqrt', genPos(sc, d));
    default:
      return fn('abs', genAny(sc, d));
  }
}

/** A value that is strictly positive wherever the scope's variables live. */
function genPos(sc: Scope, depth: number): MathNode {
  const r = sc.rng;
  const pos = sc.positives();
  if (depth <= 0 || r.chance(0.25)) {
    if (pos.length && r.chance(0.7)) return sym(r.pick(pos));
    return r.chance(0.5) ? num(r.int(1, 5)) : add(pow(sym(r.pick(sc.names)), num(2)), num(r.int(1, 3)));
  }
  const d = depth - 1;
  switch (r.int(0, 8)) {
    case 0:
      return add(genPos(sc, d), genPos(sc, d));
    case 1:
      return mul(genPos(sc, d), genPos(sc, d));
    case 2:
      return div(genPos(sc, d), genPos(sc, d));
    case 3:
      return fn('exp', genAny(sc, Math.min(d, 1)));
    case 4:
      return add(pow(genAny(sc, d), num(2)), genPos(sc, d));
    case 5:
      return fn('sqrt', genPos(sc, d));
    case 6:
      return pow(genPos(sc, d), num(r.int(2, 3)));
    case 7:
      return mul(num(r.int(2, 5)), genPos(sc, d), r.chance(0.3));
    default:
      return add(fn('abs', genAny(sc, d)), num(r.int(1, 3)));
  }
}

// ---------------------------------------------------------------------------------------------
// Polynomials by construction (expansion and factoring).

type Poly = Map<string, number>; // monomial "x^2*y" (sorted, exponents) → coefficient

function monoKey(exps: Map<string, number>): string {
  return [...exps.entries()]
    .filter(([, e]) => e > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([v, e]) => `${v}^${e}`)
    .join('*');
}
function parseKey(k: string): Map<string, number> {
  const m = new Map<string, number>();
  if (k)
    for (const part of k.split('*')) {
      const [v, e] = part.split('^');
      m.set(v, Number(e));
    }
  return m;
}
function polyMul(p: Poly, q: Poly): Poly {
  const out: Poly = new Map();
  for (const [ka, ca] of p)
    for (const [kb, cb] of q) {
      const e = parseKey(ka);
      for (const [v, x] of parseKey(kb)) e.set(v, (e.get(v) ?? 0) + x);
      const k = monoKey(e);
      out.set(k, (out.get(k) ?? 0) + ca * cb);
    }
  for (const [k, c] of out) if (c === 0) out.delete(k);
  return out;
}
function randomPoly(sc: Scope): Poly {
  const r = sc.rng;
  const p: Poly = new Map();
  const terms = r.int(2, 3);
  for (let i = 0; i < terms; i++) {
    const e = new Map<string, number>();
    if (r.chance(0.85)) e.set(r.pick(sc.names), r.chance(0.75) ? 1 : 2);
    const k = monoKey(e);
    const c = r.pick([1, 1, 2, 3, -1, -2]);
    p.set(k, (p.get(k) ?? 0) + c);
  }
  for (const [k, c] of p) if (c === 0) p.delete(k);
  if (p.size === 0) p.set(monoKey(new Map([[sc.names[0], 1]])), 1);
  return p;
}
function polyNode(p: Poly, rng: Rng): MathNode {
  let out: MathNode | null = null;
  for (const [k, c] of [...p.entries()].sort(([a], [b]) => (a < b ? 1 : -1))) {
    const factors: MathNode[] = [...parseKey(k).entries()].map(([v, e]) =>
      e === 1 ? sym(v) : pow(sym(v), num(e)),
    );
    let term: MathNode | null = factors.reduce<MathNode | null>((a, f) => (a ? mul(a, f) : f), null);
    const mag = Math.abs(c);
    if (!term) term = num(mag);
    else if (mag !== 1) term = mul(num(mag), term, rng.chance(0.3));
    if (!out) out = c < 0 ? neg(term) : term;
    else out = c < 0 ? sub(out, term) : add(out, term);
  }
  return out ?? num(0);
}

// ---------------------------------------------------------------------------------------------
// Templates: identities valid on the stated placeholder domains. U, V: any real value; P, Q, R:
// positive values; K: an integer 2…3; A, B: integers −2…3; X: a variable.

const TEMPLATES: [string, string][] = [
  ['sin(2*U)', '2*sin(U)*cos(U)'],
  ['cos(2*U)', 'cos(U)^2 - sin(U)^2'],
  ['cos(2*U)', '1 - 2*sin(U)^2'],
  ['cos(2*U)', '2*cos(U)^2 - 1'],
  ['sin(U)^2 + cos(U)^2', '1'],
  ['sin(U + V)', 'sin(U)*cos(V) + cos(U)*sin(V)'],
  ['sin(U - V)', 'sin(U)*cos(V) - cos(U)*sin(V)'],
  ['cos(U + V)', 'cos(U)*cos(V) - sin(U)*sin(V)'],
  ['sin(-U)', '-sin(U)'],
  ['cos(-U)', 'cos(U)'],
  ['sin(U)^2', '(1 - cos(2*U))/2'],
  ['tan(X)', 'sin(X)/cos(X)'],
  ['exp(U + V)', 'exp(U)*exp(V)'],
  ['exp(U - V)', 'exp(U)/exp(V)'],
  ['exp(U)^K', 'exp(K*U)'],
  ['exp(-U)', '1/exp(U)'],
  ['e^U', 'exp(U)'],
  ['log(P*Q)', 'log(P) + log(Q)'],
  ['log(P/Q)', 'log(P) - log(Q)'],
  ['log(P^K)', 'K*log(P)'],
  ['log(exp(U))', 'U'],
  ['exp(log(P))', 'P'],
  ['log(sqrt(P))', 'log(P)/2'],
  ['log(P, 2)', 'log(P)/log(2)'],
  ['log10(P)', 'log(P)/log(10)'],
  ['sqrt(P*Q)', 'sqrt(P)*sqrt(Q)'],
  ['sqrt(P)^2', 'P'],
  ['sqrt(U^2)', 'abs(U)'],
  ['sqrt(P/Q)', 'sqrt(P)/sqrt(Q)'],
  ['nthRoot(P, 3)^3', 'P'],
  ['nthRoot(P, K)', 'P^(1/K)'],
  ['P^(1/2)', 'sqrt(P)'],
  ['P^A * P^B', 'P^(A + B)'],
  ['(P^A)^B', 'P^(A*B)'],
  ['U^K * U', 'U^(K + 1)'],
  ['P^(-K)', '1/P^K'],
  ['(U*V)^K', 'U^K * V^K'],
  ['(U/P)^K', 'U^K / P^K'],
  ['abs(U*V)', 'abs(U)*abs(V)'],
  ['abs(-U)', 'abs(U)'],
  ['U/P + V/Q', '(U*Q + V*P)/(P*Q)'],
  ['U/P - V/Q', '(U*Q - V*P)/(P*Q)'],
  ['(U/P)*(V/Q)', '(U*V)/(P*Q)'],
  ['(U/P)/(Q/R)', '(U*R)/(P*Q)'],
  ['1/(1/P + 1/Q)', 'P*Q/(P + Q)'],
  ['U/P/Q', 'U/(P*Q)'],
  ['U^2 - V^2', '(U - V)*(U + V)'],
  ['U^3 + V^3', '(U + V)*(U^2 - U*V + V^2)'],
  ['(U + V)^2', 'U^2 + 2*U*V + V^2'],
  ['nthRoot(U^3, 3)', 'U'],
  ['nthRoot(U, 3)^3', 'U'],
  ['floor(U) + K', 'floor(U + K)'],
  ['ceil(U)', '-floor(-U)'],
  ['cos(pi - U)', '-cos(U)'],
  ['sin(pi/2 - U)', 'cos(U)'],
  ['sin(U + 2*pi)', 'sin(U)'],
  ['exp(U)^(1/2)', 'exp(U/2)'],
  ['2^(U + 1)', '2*2^U'],
  ['P^(3/2)', 'P*sqrt(P)'],
  ['tanh(U)', '(exp(2*U) - 1)/(exp(2*U) + 1)'],
  ['tanh(-U)', '-tanh(U)'],
];

/** Identities of the functions behind the `newFunctions` switch. */
const NEW_FUNCTION_TEMPLATES: [string, string][] = [
  ['cosh(U)^2 - sinh(U)^2', '1'],
  ['sinh(2*U)', '2*sinh(U)*cosh(U)'],
  ['sinh(U)', '(exp(U) - exp(-U))/2'],
  ['cosh(U) + sinh(U)', 'exp(U)'],
  ['sec(U)', '1/cos(U)'],
  ['cot(X)', 'cos(X)/sin(X)'],
  ['tan(atan(U))', 'U'],
  ['atan(P) + atan(1/P)', 'pi/2'],
  ['sin(asin(U/(abs(U) + P)))', 'U/(abs(U) + P)'],
];

/**
 * Identities that hold only where both sides are defined: instantiated with real values, one
 * side is undefined where the other is not, which makes them false on the declared domain.
 */
const DOMAIN_TEMPLATES: [string, string][] = [
  ['log(U^2)', '2*log(U)'],
  ['sqrt(U*V)', 'sqrt(U)*sqrt(V)'],
  ['sqrt(U^2)', 'U'],
  ['sqrt(U)^2', 'U'],
  ['log(U*V)', 'log(U) + log(V)'],
];

function instantiate(_sc: Scope, template: string, fills: Map<string, MathNode>): MathNode {
  return math.parse(template).transform((n) => {
    if ((n as math.SymbolNode).isSymbolNode && fills.has((n as math.SymbolNode).name))
      return fills.get((n as math.SymbolNode).name)!.cloneDeep();
    return n;
  });
}

// ---------------------------------------------------------------------------------------------
// Claims.

export interface Claim {
  index: number;
  family: string;
  truth: boolean;
  mutation: string | null;
  document: string;
  math: string;
}

interface Pair {
  family: string;
  lhs: MathNode;
  rhs: MathNode;
  lhsTex?: string;
  derivVar?: string;
  f?: MathNode;
}

const FAMILIES = [
  'expand',
  'factor',
  'rationalize',
  'derivative',
  'simplify',
  'template',
  'template',
  'template',
  'matrix',
  'domain',
] as const;

function makePair(sc: Scope, family: string): Pair | null {
  const r = sc.rng;
  switch (family) {
    case 'expand':
    case 'factor': {
      const p = randomPoly(sc);
      let prod: MathNode;
      let expanded: Poly;
      if (r.chance(0.5)) {
        const k = r.int(2, 3);
        prod = pow(polyNode(p, r), num(k));
        expanded = p;
        for (let i = 1; i < k; i++) expanded = polyMul(expanded, p);
      } else {
        const q = randomPoly(sc);
        prod = mul(polyNode(p, r), polyNode(q, r), r.chance(0.3));
        expanded = polyMul(p, q);
      }
      const e = polyNode(expanded, r);
      return family === 'expand' ? { family, lhs: prod, rhs: e } : { family, lhs: e, rhs: prod };
    }
    case 'rationalize': {
      const p = randomPoly(sc);
      const q = randomPoly(sc);
      if (r.chance(0.5)) {
        // A sum of two fractions brought over one denominator.
        const sum = (r.chance(0.5) ? add : sub)(
          div(polyNode(p, r), polyNode(randomPoly(sc), r)),
          div(polyNode(q, r), polyNode(randomPoly(sc), r)),
        );
        return { family, lhs: sum, rhs: math.rationalize(sum) };
      }
      const prod = r.chance(0.5) ? mul(polyNode(p, r), polyNode(q, r)) : pow(polyNode(p, r), num(2));
      return { family, lhs: prod, rhs: math.rationalize(prod) };
    }
    case 'derivative': {
      const x = r.pick(sc.names);
      const f = genAny(sc, r.int(1, 3));
      if (!f.filter((n) => (n as math.SymbolNode).isSymbolNode && (n as math.SymbolNode).name === x).length)
        return null;
      const d = math.derivative(f, x, { simplify: r.chance(0.6) });
      return { family, lhs: d, rhs: d.cloneDeep(), derivVar: x, f };
    }
    case 'simplify': {
      const e = genAny(sc, r.int(2, 3));
      const s = math.simplify(e);
      if (s.toString() === e.toString()) return null;
      return r.chance(0.5) ? { family, lhs: e, rhs: s } : { family, lhs: s, rhs: e };
    }
    case 'template': {
      const [a, b] = r.pick(sc.sw.newFunctions ? [...TEMPLATES, ...NEW_FUNCTION_TEMPLATES] : TEMPLATES);
      const fills = new Map<string, MathNode>();
      const x = r.pick(sc.names);
      fills.set('U', genAny(sc, r.int(0, 2)));
      fills.set('V', genAny(sc, r.int(0, 2)));
      fills.set('P', genPos(sc, r.int(0, 2)));
      fills.set('Q', genPos(sc, r.int(0, 2)));
      fills.set('R', genPos(sc, r.int(0, 1)));
      fills.set('K', num(r.int(2, 3)));
      fills.set('A', num(r.int(-2, 3)));
      fills.set('B', num(r.int(-2, 3)));
      fills.set('X', sym(x));
      const lhs = instantiate(sc, a, fills);
      const rhs = instantiate(sc, b, fills);
      return r.chance(0.5) ? { family, lhs, rhs } : { family, lhs: rhs, rhs: lhs };
    }
    case 'domain': {
      const [a, b] = r.pick(DOMAIN_TEMPLATES);
      const fills = new Map<string, MathNode>([
        ['U', genAny(sc, r.int(0, 1))],
        ['V', genAny(sc, r.int(0, 1))],
      ]);
      const lhs = instantiate(sc, a, fills);
      const rhs = instantiate(sc, b, fills);
      return r.chance(0.5) ? { family, lhs, rhs } : { family, lhs: rhs, rhs: lhs };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Near misses.

const isConst = (n: MathNode): n is math.ConstantNode => (n as math.ConstantNode).isConstantNode === true;
const isOp = (n: MathNode): n is math.OperatorNode => (n as math.OperatorNode).isOperatorNode === true;
const isFn = (n: MathNode): n is math.FunctionNode => (n as math.FunctionNode).isFunctionNode === true;
const isSym = (n: MathNode): n is math.SymbolNode => (n as math.SymbolNode).isSymbolNode === true;

function replace(root: MathNode, target: MathNode, by: MathNode): MathNode {
  return root.transform((n) => (n === target ? by : n));
}

const MUTATIONS = ['coefficient', 'drop term', 'flip sign', 'exponent', 'function'] as const;

function mutate(rng: Rng, root: MathNode, kind: string, vars: string[]): MathNode | null {
  const nodes = root.filter(() => true);
  switch (kind) {
    case 'coefficient': {
      const cs = nodes.filter((n) => isConst(n) && typeof n.value === 'number') as math.ConstantNode[];
      if (!cs.length) return mul(num(rng.int(2, 3)), root);
      const c = rng.pick(cs);
      const v = c.value as number;
      const nv = rng.pick([v + 1, v - 1, 2 * v, v + 2].filter((w) => w !== v && w !== 0));
      return replace(root, c, num(nv));
    }
    case 'drop term': {
      const ts = nodes.filter(
        (n) => isOp(n) && (n.fn === 'add' || n.fn === 'subtract') && n.args.length === 2,
      ) as math.OperatorNode[];
      if (!ts.length) return null;
      const t = rng.pick(ts);
      return replace(root, t, rng.chance(0.5) || t.fn === 'subtract' ? t.args[0] : t.args[1]);
    }
    case 'flip sign': {
      const ts = nodes.filter(
        (n) =>
          isOp(n) &&
          (((n.fn === 'add' || n.fn === 'subtract') && n.args.length === 2) || n.fn === 'unaryMinus'),
      ) as math.OperatorNode[];
      if (!ts.length) return neg(root);
      const t = rng.pick(ts);
      if (t.fn === 'unaryMinus') return replace(root, t, t.args[0]);
      return replace(root, t, t.fn === 'add' ? sub(t.args[0], t.args[1]) : add(t.args[0], t.args[1]));
    }
    case 'exponent': {
      const ps = nodes.filter(
        (n) =>
          isOp(n) &&
          n.fn === 'pow' &&
          isConst(n.args[1]) &&
          typeof (n.args[1] as math.ConstantNode).value === 'number',
      ) as math.OperatorNode[];
      if (ps.length) {
        const p = rng.pick(ps);
        const k = (p.args[1] as math.ConstantNode).value as number;
        return replace(root, p, pow(p.args[0], num(k + 1)));
      }
      const ss = nodes.filter((n) => isSym(n) && vars.includes(n.name));
      if (!ss.length) return null;
      const s = rng.pick(ss);
      return replace(root, s, pow(s, num(2)));
    }
    case 'function': {
      const SWAP: Record<string, string> = {
        sin: 'cos',
        cos: 'sin',
        exp: 'sqrt',
        log: 'sqrt',
        sqrt: 'log',
        abs: 'sin',
        tan: 'sin',
      };
      const fs = nodes.filter(
        (n) => isFn(n) && n.args.length === 1 && SWAP[(n.fn as unknown as math.SymbolNode).name],
      ) as math.FunctionNode[];
      if (!fs.length) return null;
      const f = rng.pick(fs);
      return replace(root, f, fn(SWAP[(f.fn as unknown as math.SymbolNode).name], f.args[0]));
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The oracle's own numerical judgement.

type Point = Record<string, number>;

function samplePoints(rng: Rng, sc: Scope, n: number): Point[] {
  const pts: Point[] = [];
  for (let i = 0; i < n; i++) {
    const p: Point = {};
    for (const [v, d] of sc.domain)
      p[v] = d === 'pos' ? Math.exp(Math.log(0.1) + rng.next() * Math.log(100)) : rng.normal();
    pts.push(p);
  }
  return pts;
}

function value(code: math.EvalFunction, p: Point): number | null {
  try {
    const v = code.evaluate({ ...p });
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

const scale = (a: number, b: number) => Math.max(1, Math.abs(a), Math.abs(b));
const LIMIT = 1e6;

/**
 * 'true', 'false' or null (not trustworthy either way: values too large, too often undefined).
 * A pair that agrees wherever both sides are defined but where one side is undefined at a
 * quarter of the points or more, the other defined, is 'false on the domain'.
 */
function judge(lhs: MathNode, rhs: MathNode, pts: Point[]): 'true' | 'false' | 'false on the domain' | null {
  const l = lhs.compile();
  const r = rhs.compile();
  let both = 0;
  let differ = 0;
  let mismatch = 0;
  for (const p of pts) {
    const a = value(l, p);
    const b = value(r, p);
    if (a === null && b === null) continue;
    if (a === null || b === null) {
      mismatch++;
      continue;
    }
    if (Math.abs(a) > LIMIT || Math.abs(b) > LIMIT) return null;
    both++;
    if (Math.abs(a - b) > 1e-7 * scale(a, b)) differ++;
  }
  if (differ === 0 && mismatch >= 0.25 * pts.length && both >= 0.25 * pts.length)
    return 'false on the domain';
  if (both < 0.9 * pts.length) return null;
  if (differ === 0 && mismatch === 0) return 'true';
  // A false claim must be false at most points, both sides defined, by a clear margin.
  if (mismatch === 0 && differ >= 0.75 * both) {
    for (const p of pts) {
      const a = value(l, p)!;
      const b = value(r, p)!;
      if (Math.abs(a - b) > 1e-7 * scale(a, b) && Math.abs(a - b) < 1e-4 * scale(a, b)) return null;
    }
    return 'false';
  }
  return null;
}

/** mathjs' derivative against central differences of the function it differentiated. */
function derivativeAgrees(f: MathNode, d: MathNode, x: string, pts: Point[]): boolean {
  const fc = f.compile();
  const dc = d.compile();
  for (const p of pts) {
    const h = 1e-5 * Math.max(1, Math.abs(p[x]));
    const up = value(fc, { ...p, [x]: p[x] + h });
    const dn = value(fc, { ...p, [x]: p[x] - h });
    const dv = value(dc, p);
    if (up === null || dn === null || dv === null) continue;
    const fd = (up - dn) / (2 * h);
    if (Math.abs(fd - dv) > 1e-4 * scale(fd, dv)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Printing a claim as a document.

type TexOptions = { parenthesis: 'keep' | 'auto' | 'all'; implicit: 'hide' | 'show' };

function declName(v: string, rng: Rng): string {
  if (v.length > 1) return `\\${v}`;
  // mathjs prints some letters as \mathrm{b}; the declaration uses the plain letter or that spelling.
  return rng.chance(0.8) ? v : `\\mathrm{${v}}`;
}

function declarations(sc: Scope, used: Set<string>, rng: Rng): string {
  const byDomain = new Map<Domain, string[]>();
  for (const [v, d] of sc.domain)
    if (used.has(v)) byDomain.set(d, [...(byDomain.get(d) ?? []), declName(v, rng)]);
  const out: string[] = [];
  for (const [d, names] of byDomain) {
    const set = d === 'pos' ? '\\mathbb{R}_{>0}' : '\\mathbb{R}';
    if (rng.chance(0.5)) out.push(`${names.join(', ')} \\in ${set}`);
    else for (const n of names) out.push(`${n} \\in ${set}`);
  }
  return out.join('; ');
}

function usedVars(sc: Scope, ...nodes: MathNode[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes)
    for (const s of n.filter(isSym))
      if (sc.domain.has((s as math.SymbolNode).name)) out.add((s as math.SymbolNode).name);
  return out;
}

function texVar(v: string): string {
  return sym(v).toTex();
}

/** Claim `index` of the run seeded `seed`: the same pair always gives the same claim. */
export function generateClaim(seed: number, index: number, sw: Switches): Claim {
  // Family and truth are drawn first and kept while the pair is retried, so that families whose
  // candidates the oracle rejects more often are not under-represented.
  const first = new Rng((seed * 7919 + index * 104729) >>> 0);
  const family = first.pick(
    FAMILIES.filter((f) => (f !== 'domain' || sw.domainNearMisses) && (f !== 'matrix' || sw.matrices)),
  );
  const truth = family === 'domain' ? false : first.chance(0.5);
  for (let attempt = 1; ; attempt++) {
    if (attempt > 2000)
      throw new Error(
        `claim ${index} of seed ${seed}: no ${truth ? 'true' : 'false'} ${family} pair passed the ` +
          `oracle in 2000 attempts`,
      );
    const rng = new Rng((seed * 7919 + index * 104729 + attempt * 15485863) >>> 0);
    if (family === 'matrix') {
      const c = matrixClaim(rng, index, truth);
      if (c) return c;
      continue;
    }
    const names: string[] = [];
    const nv = rng.int(1, 3);
    while (names.length < nv) {
      const v = rng.pick(POOL);
      if (!names.includes(v)) names.push(v);
    }
    const sc = new Scope(rng, names, family === 'template' ? 0.5 : family === 'domain' ? 0 : 0.35, sw);
    let pair: Pair | null;
    try {
      pair = makePair(sc, family);
    } catch {
      pair = null;
    }
    if (!pair) continue;
    let mutation: string | null = family === 'domain' ? 'undefined on part of the domain' : null;
    let rhs = pair.rhs;
    if (!truth && family !== 'domain') {
      mutation = rng.pick(MUTATIONS);
      const m = mutate(rng, pair.rhs, mutation, sc.names);
      if (!m) continue;
      rhs = m;
    }
    const pts = samplePoints(rng, sc, 30);
    const verdict = judge(pair.lhs, rhs, pts);
    if (verdict !== (truth ? 'true' : family === 'domain' ? 'false on the domain' : 'false')) continue;
    if (pair.f && pair.derivVar && !derivativeAgrees(pair.f, pair.lhs, pair.derivVar, pts)) continue;
    const opts: TexOptions = {
      parenthesis: rng.pick(['keep', 'auto', 'all'] as const),
      implicit: rng.pick(['hide', 'show'] as const),
    };
    let lhsTex: string;
    if (pair.f && pair.derivVar) {
      const x = texVar(pair.derivVar);
      const inner = pair.f.toTex(opts);
      lhsTex =
        sc.names.length > 1 && rng.chance(0.5)
          ? `\\frac{\\partial}{\\partial ${x}}\\left(${inner}\\right)`
          : `\\frac{d}{d${x}}\\left(${inner}\\right)`;
    } else lhsTex = pair.lhs.toTex(opts);
    const rhsTex = rhs.toTex(opts);
    const used = usedVars(sc, pair.f ?? pair.lhs, rhs);
    if (pair.derivVar) used.add(pair.derivVar);
    if (used.size === 0) continue;
    const mathText = `${lhsTex} = ${rhsTex}`;
    const document = `<!-- derive: ${declarations(sc, used, rng)} -->\n\n$$ ${mathText} $$\n`;
    return { index, family: pair.family, truth, mutation, document, math: mathText };
  }
}

// ---------------------------------------------------------------------------------------------
// Matrices by construction: transposes pushed through products and sums reverse the order of a
// product; the near misses keep the order or drop a transpose.

function matrixClaim(rng: Rng, index: number, truth: boolean): Claim | null {
  const names = ['A', 'B', 'C', 'M', 'N'];
  const pick = () => rng.pick(names);
  const opts: TexOptions = { parenthesis: rng.pick(['keep', 'auto', 'all'] as const), implicit: 'hide' };
  const M = (n: string) => sym(n);
  const T = (a: MathNode) => fn('transpose', a);
  const inv = (a: MathNode) => fn('inv', a);
  const kind = rng.int(0, 9);
  const [a, b, c] = [pick(), pick(), pick()];
  let lhs: MathNode;
  let rhs: MathNode;
  let wrong: MathNode;
  let mutation: string;
  switch (kind) {
    case 0:
      lhs = T(mul(M(a), M(b)));
      rhs = mul(T(M(b)), T(M(a)));
      wrong = mul(T(M(a)), T(M(b)));
      mutation = 'order of a product';
      break;
    case 1:
      lhs = T(mul(mul(M(a), M(b)), M(c)));
      rhs = mul(mul(T(M(c)), T(M(b))), T(M(a)));
      wrong = mul(mul(T(M(c)), M(b)), T(M(a)));
      mutation = 'transpose dropped';
      break;
    case 2:
      lhs = T(add(M(a), M(b)));
      rhs = add(T(M(a)), T(M(b)));
      wrong = add(M(a), T(M(b)));
      mutation = 'transpose dropped';
      break;
    case 3:
      lhs = mul(M(a), add(M(b), M(c)));
      rhs = add(mul(M(a), M(b)), mul(M(a), M(c)));
      wrong = add(mul(M(a), M(b)), mul(M(c), M(a)));
      mutation = 'order of a product';
      break;
    case 4:
      lhs = inv(mul(M(a), M(b)));
      rhs = mul(inv(M(b)), inv(M(a)));
      wrong = mul(inv(M(a)), inv(M(b)));
      mutation = 'order of a product';
      break;
    case 5:
      lhs = fn('trace', mul(M(a), M(b)));
      rhs = fn('trace', mul(M(b), M(a)));
      wrong = fn('trace', mul(M(a), T(M(b))));
      mutation = 'transpose added';
      break;
    case 6:
      lhs = pow(add(M(a), M(b)), num(2));
      rhs = add(add(add(pow(M(a), num(2)), mul(M(a), M(b))), mul(M(b), M(a))), pow(M(b), num(2)));
      wrong = add(add(pow(M(a), num(2)), mul(num(2), mul(M(a), M(b)))), pow(M(b), num(2)));
      mutation = 'products commuted';
      break;
    case 7:
      lhs = fn('det', mul(M(a), M(b)));
      rhs = mul(fn('det', M(a)), fn('det', M(b)));
      wrong = add(fn('det', M(a)), fn('det', M(b)));
      mutation = 'product made a sum';
      break;
    case 8: {
      const k = rng.int(2, 5);
      lhs = T(mul(num(k), inv(M(a))));
      rhs = mul(num(k), inv(T(M(a))));
      wrong = mul(num(k), inv(M(a)));
      mutation = 'transpose dropped';
      break;
    }
    default:
      lhs = T(T(M(a)));
      rhs = M(a);
      wrong = T(M(a));
      mutation = 'transpose kept';
      break;
  }
  const right = truth ? rhs : wrong;
  // Check with mathjs on random 3×3 matrices: the near miss must differ, the identity must hold.
  const scope: Record<string, math.Matrix> = {};
  for (const n of names)
    scope[n] = math.matrix(Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => rng.normal())));
  const lv = lhs.compile().evaluate(scope);
  const rv = right.compile().evaluate(scope);
  const diff = Number(math.max(math.abs(math.subtract(lv, rv)) as never));
  const size = Math.max(1, Number(math.max(math.abs(lv) as never)));
  if (truth ? diff > 1e-9 * size : diff < 1e-3 * size) return null;
  const used = [
    ...new Set([a, b, c].filter((n) => lhs.toString().includes(n) || right.toString().includes(n))),
  ];
  const decl = rng.chance(0.5)
    ? `${used.join(', ')} \\in \\mathbb{R}^{n \\times n}`
    : used.map((n) => `${n} \\in \\mathbb{R}^{n \\times n}`).join('; ');
  const mathText = `${lhs.toTex(opts)} = ${right.toTex(opts)}`;
  return {
    index,
    family: 'matrix',
    truth,
    mutation: truth ? null : mutation,
    document: `<!-- derive: ${decl} -->\n\n$$ ${mathText} $$\n`,
    math: mathText,
  };
}

// ---------------------------------------------------------------------------------------------
// Running derivcheck on the claims.

export interface Outcome {
  claim: Claim;
  verdict: 'verified' | 'refuted' | 'unchecked';
  message: string;
  wrong: boolean;
}

export interface Figures {
  claims: number;
  verified: number;
  refuted: number;
  unchecked: number;
  wrong: number;
  outcomes: Outcome[];
}

/**
 * The per-claim time budget is raised so that verdicts do not depend on the machine's load: with
 * the default 250 ms a loaded machine judges on the trials done so far (check/claim.ts), and a
 * near miss can come out "verified" after one or two trials that happened to agree. That is a
 * property of the budget, not of reading printed LaTeX, and is reported separately.
 */
const CHECK_OPTIONS = { timeBudgetMs: 10_000 };

export function checkClaim(claim: Claim): Outcome {
  const result = checkText(claim.document, 'markdown', CHECK_OPTIONS);
  if (result.claims.length !== 1) {
    const why = result.problems.map((p) => p.message).join('; ') || `${result.claims.length} claims read`;
    return { claim, verdict: 'unchecked', message: `not read as one claim: ${why}`, wrong: false };
  }
  const c = result.claims[0];
  const wrong = (c.verdict === 'refuted' && claim.truth) || (c.verdict === 'verified' && !claim.truth);
  return { claim, verdict: c.verdict, message: c.message, wrong };
}

export function runOracle(seed: number, count: number, sw: Switches = DEFAULT_SWITCHES): Figures {
  const f: Figures = { claims: 0, verified: 0, refuted: 0, unchecked: 0, wrong: 0, outcomes: [] };
  for (let i = 0; i < count; i++) {
    const o = checkClaim(generateClaim(seed, i, sw));
    f.claims++;
    f[o.verdict]++;
    if (o.wrong) f.wrong++;
    f.outcomes.push(o);
  }
  return f;
}

/** A report of the figures and of every wrong or unchecked claim, for the test output. */
export function report(f: Figures, label: string): string {
  const checked = f.verified + f.refuted;
  const lines = [
    `${label}: ${f.claims} claims, ${f.verified} verified, ${f.refuted} refuted, ${f.unchecked} ` +
      `unchecked, ${f.wrong} wrong (${((100 * checked) / Math.max(1, f.claims)).toFixed(1)}% checked)`,
  ];
  const byFamily = new Map<string, number[]>();
  for (const o of f.outcomes) {
    const k = `${o.claim.family}/${o.claim.truth ? 'true' : 'false'}`;
    const row = byFamily.get(k) ?? [0, 0, 0, 0];
    row[['verified', 'refuted', 'unchecked'].indexOf(o.verdict)]++;
    if (o.wrong) row[3]++;
    byFamily.set(k, row);
  }
  for (const [k, [v, r, u, w]] of [...byFamily].sort())
    lines.push(`  ${k.padEnd(18)} verified ${v}, refuted ${r}, unchecked ${u}, wrong ${w}`);
  for (const o of f.outcomes.filter((x) => x.wrong || x.verdict === 'unchecked')) {
    lines.push(
      `  #${o.claim.index} ${o.wrong ? 'WRONG' : 'unchecked'} (${o.claim.family}, ` +
        `${o.claim.truth ? 'true' : `false: ${o.claim.mutation}`}): ${o.message}\n    ` +
        `${o.claim.document.replace(/\n+/g, ' ')}`,
    );
  }
  return lines.join('\n');
}

/**
 * The default switches, with ORACLE_ENABLE / ORACLE_DISABLE (comma-separated switch names) applied:
 * `ORACLE_ENABLE=decimals,domainNearMisses npm run fuzz` tries the features that are off.
 */
export function switchesFromEnv(env: NodeJS.ProcessEnv = process.env): Switches {
  const sw: Switches = { ...DEFAULT_SWITCHES };
  for (const [name, on] of [
    ['ORACLE_ENABLE', true],
    ['ORACLE_DISABLE', false],
  ] as const) {
    for (const key of (env[name] ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)) {
      if (!(key in sw))
        throw new Error(`${name}: unknown switch '${key}'; the switches are ${Object.keys(sw).join(', ')}`);
      sw[key as keyof Switches] = on;
    }
  }
  return sw;
}

/** The oracle's own judgement of `lhs = rhs` (mathjs syntax), for its self-test. */
export function judgeText(
  lhs: string,
  rhs: string,
  domains: Record<string, Domain>,
  seed = 1,
): ReturnType<typeof judge> {
  const rng = new Rng(seed);
  const sc = new Scope(rng, [], 0, DEFAULT_SWITCHES);
  for (const [v, d] of Object.entries(domains)) sc.domain.set(v, d);
  return judge(math.parse(lhs), math.parse(rhs), samplePoints(rng, sc, 30));
}

/** Whether `d` passes the oracle's central-difference check as the derivative of `f` in x. */
export function derivativeCheckText(f: string, d: string, x: string, seed = 1): boolean {
  const rng = new Rng(seed);
  const sc = new Scope(rng, [x], 0, DEFAULT_SWITCHES);
  return derivativeAgrees(math.parse(f), math.parse(d), x, samplePoints(rng, sc, 30));
}

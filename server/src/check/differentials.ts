// Matrix differentials, as matrix-calculus notes write them: `d(X^{-1}) = -X^{-1}\,dX\,X^{-1}`,
// `d\,\operatorname{tr}(AX)` written `d(\operatorname{tr}(AX)) = \operatorname{tr}(A\,dX)`. The
// differential of F is its change to first order when each variable V moves by a small dV; the
// variables are the names whose differential the claim writes (so A above is a constant), and
// each dV is sampled as an arbitrary tensor of V's shape. `d` is read so only when the document
// gives it no meaning of its own (docs/language.md, "Differentials").
import type { Node, SymNode } from '../math/tree';
import type { Claim } from '../model/types';
import { children } from '../model/names';
import { Tensor } from '../engine';
import type { CompileEnv, Fn } from './evaluate';
import { Unsupported } from './errors';
import type { Trial } from './trial';
import * as V from './values';

/** A name the parser never makes: `d X` read as the differential of X. */
const MARK = 'd\u2009';

/**
 * The names whose differentials the claim being compiled writes, and whether it also writes `d` as
 * a value of its own (`d - 1`, `2d`): then `d(k - 1)` is a product, not a differential (set per claim
 * by claim.ts; whether d is a value is found when a `d(…)` asks).
 */
export const differentials: { of: Set<string>; claim: Claim | null; dIsValue: boolean | null } = {
  of: new Set(),
  claim: null,
  dIsValue: null,
};

/** Whether the claim being compiled writes d as a value, walked for the first `d(…)` met only. */
function claimWritesDAsValue(): boolean {
  differentials.dIsValue ??= differentials.claim !== null && writesDAsValue(differentials.claim);
  return differentials.dIsValue;
}

/**
 * `\det(X + dX) = \det X\,(1 + \operatorname{tr}(X^{-1}dX))`: an equation between expressions in
 * differentials holds to first order, as matrix-calculus notes mean it. Under this reading each dV
 * is a dual number — value 0, first-order part dV — and each side is compared as its value and its
 * first-order part (claim/readings.ts FIRST_ORDER). `metDirection`: the claim wrote a dV as a
 * factor; `metOther`: it wrote d(…) or a derivative, whose own first-order machinery this reading
 * would clash with.
 */
export const firstOrder = { on: false, metDirection: false, metOther: false };

/** Whether `d` is the differential here: the document gives it no meaning. */
function isDifferentialD(n: Node, c: CompileEnv): n is SymNode {
  return n.kind === 'sym' && n.name === 'd' && !c.locals.has('d') && !c.env.lookup('d', c.block);
}

/** A declared tensor or number, whose differential can be sampled. */
function declared(n: Node, c: CompileEnv): n is SymNode {
  if (n.kind !== 'sym' || c.locals.has(n.name)) return false;
  return c.env.lookup(n.name, c.block)?.kind === 'decl';
}

/** The factors of a product written side by side, in order (iterative: a run may be long). */
function juxtFactors(n: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [n];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.kind === 'bin' && x.op === 'juxt') stack.push(x.right, x.left);
    else out.push(x);
  }
  return out;
}

/** The name a differential `d V` or `d V^\top` is of, or null. */
function differentiated(n: Node): SymNode | null {
  if (n.kind === 'sym') return n;
  if (n.kind === 'post' && n.operand.kind === 'sym') return n.operand;
  return null;
}

/**
 * A product written side by side with `d X` among its factors, the pair replaced by the
 * differential of X; null when it writes none.
 */
export function withDirections(n: Node, c: CompileEnv): Node | null {
  if (differentials.of.size === 0 || n.kind !== 'bin' || n.op !== 'juxt') return null;
  const factors = juxtFactors(n);
  const out: Node[] = [];
  let changed = false;
  for (let k = 0; k < factors.length; k++) {
    const f = factors[k];
    const next = factors[k + 1];
    const isD = next !== undefined && isDifferentialD(f, c);
    if (isD && next.kind === 'call') {
      // `d\operatorname{tr}(X)`, `d\det X`, `d\log\det X`: d of the function's value, as d(…).
      out.push({ kind: 'apply', f, args: [next], start: f.start, end: next.end });
      changed = true;
      k++;
      continue;
    }
    const named = isD ? differentiated(next) : null;
    if (named && declared(named, c)) {
      const direction: SymNode = { ...named, name: MARK + named.name, start: f.start };
      // `dx^\top` is (dx)ᵀ: the postfix belongs to the differential.
      out.push(next.kind === 'post' ? { ...next, operand: direction, start: f.start } : direction);
      changed = true;
      k++;
    } else out.push(f);
  }
  if (!changed) return null;
  return out.reduce((a, b) => ({ kind: 'bin', op: 'juxt', left: a, right: b, start: a.start, end: b.end }));
}

/** The differential dV of a declared name: an arbitrary tensor of V's shape, the same in one trial. */
export function compileDirection(n: SymNode, c: CompileEnv): Fn | null {
  if (!n.name.startsWith(MARK)) return null;
  const name = n.name.slice(MARK.length);
  const entry = c.env.lookup(name, c.block);
  if (entry?.kind !== 'decl') return null;
  const spec = { set: 'real' as const, shape: entry.spec.shape };
  firstOrder.metDirection = true;
  if (!firstOrder.on) return (t) => t.sample(`d${name}`, spec, n);
  return (t) => {
    const dV = V.tensorOf(t.sample(`d${name}`, spec, n), n);
    return { v: Tensor.zeros([...dV.shape]), d: dV };
  };
}

/** A side under the first-order reading: its value, then its first-order part, as one vector. */
export function firstOrderParts(x: V.Val, n: Node): V.Val {
  const v = V.tensorOf(x, n);
  const out = new Float64Array(2 * v.size);
  out.set(v.data, 0);
  if (!V.isIdentity(x) && x.d) out.set(x.d.data, v.size);
  return { v: Tensor.from([2 * v.size], out), d: null };
}

/**
 * Whether a claim writes the letter d as a value somewhere: not applied (`d(F)`), not before what it
 * would differentiate (`d X`, `d\det X`), but on its own (`(d - 1)`, `2d`, `d^2`).
 */
function writesDAsValue(claim: Claim): boolean {
  // A d with something written right after it (`d X`, `d\det X`, `dk`) may be a differential.
  const differential = new Set<Node>();
  const all: Node[] = [];
  const stack: Node[] = [claim.lhs, claim.rhs];
  while (stack.length > 0) {
    const x = stack.pop()!;
    all.push(x);
    if (x.kind === 'bin' && x.op === 'juxt') {
      let a: Node = x.left;
      while (a.kind === 'bin' && a.op === 'juxt') a = a.right;
      let b: Node = x.right;
      while (b.kind === 'bin' && b.op === 'juxt') b = b.left;
      if (a.kind === 'sym' && a.name === 'd') differential.add(a);
    }
    if (x.kind === 'apply') {
      stack.push(...x.args);
      continue;
    }
    stack.push(...children(x));
  }
  return all.some((x) => x.kind === 'sym' && x.name === 'd' && !differential.has(x));
}

/** The names whose differential `d V` a claim writes anywhere, for `d(F)`. */
export function differentialNames(claim: Claim): Set<string> {
  const names = new Set<string>();
  // Iterative: a claim's tree may be thousands of nodes deep (a long sum, a run of letters).
  const stack: unknown[] = [claim.lhs, claim.rhs];
  while (stack.length > 0) {
    const x = stack.pop();
    if (!x || typeof x !== 'object') continue;
    if (Array.isArray(x)) {
      stack.push(...x);
      continue;
    }
    const node = x as Node;
    if (node.kind === 'bin' && node.op === 'juxt') {
      let a: Node = node.left;
      while (a.kind === 'bin' && a.op === 'juxt') a = a.right;
      let b: Node = node.right;
      while (b.kind === 'bin' && b.op === 'juxt') b = b.left;
      const named = differentiated(b);
      if (a.kind === 'sym' && a.name === 'd' && named) names.add(named.name);
    }
    for (const [key, v] of Object.entries(node)) if (key !== 'start' && key !== 'end' && v) stack.push(v);
  }
  return names;
}

/**
 * `d(F)`: Σ over the claim's differentiated names V of ∂F/∂V applied to dV. Null when `d` has a
 * meaning in the document or the call is not of one argument.
 */
export function compileDifferentialOf(
  n: Extract<Node, { kind: 'apply' }>,
  c: CompileEnv,
  compile: (n: Node, c: CompileEnv) => Fn,
  variable: (name: SymNode, c: CompileEnv) => Fn,
): Fn | null {
  if (n.args.length !== 1 || !isDifferentialD(n.f, c) || claimWritesDAsValue()) return null;
  firstOrder.metOther = true;
  const names = [...differentials.of].filter((name) => c.env.lookup(name, c.block)?.kind === 'decl');
  if (names.length === 0)
    throw new Unsupported(
      'a differential d(…) needs the differentials of its variables written on the other side ' +
        '(d(X^{-1}) = -X^{-1}\\,dX\\,X^{-1}); or write the derivative, \\frac{\\partial}{\\partial X}',
      n.start,
      n.end,
    );
  const f = compile(n.args[0], c);
  const parts = names.map((name) => {
    const sym: SymNode = { ...n.f, name, stem: name, base: name } as SymNode;
    const value = variable(sym, c);
    const direction = compileDirection({ ...sym, name: MARK + name }, c)!;
    return { name, value, direction };
  });
  return (t: Trial) => {
    let total: Tensor | null = null;
    for (const p of parts) {
      const J = V.tensorOf(t.derivative(p.name, p.value, null, f, n), n);
      const dV = V.tensorOf(p.direction(t), n);
      const term = applied(J, dV);
      total = total ? addTensors(total, term) : term;
    }
    return { v: total!, d: null };
  };
}

/** J (shape of F followed by the shape of V) applied to dV: the sum over V's axes. */
function applied(J: Tensor, dV: Tensor): Tensor {
  const k = dV.size;
  const outShape = J.shape.slice(0, J.rank - dV.rank);
  const m = J.size / k;
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += J.data[i * k + j] * dV.data[j];
    out[i] = s;
  }
  return Tensor.from(outShape, out);
}

function addTensors(a: Tensor, b: Tensor): Tensor {
  const out = new Float64Array(a.size);
  for (let i = 0; i < a.size; i++) out[i] = a.data[i] + b.data[i];
  return Tensor.from([...a.shape], out);
}

// The right side of `\in` (a set to sample from) and of `\sim` (a distribution).
import type { Node } from '../math/tree';
import { numberOf } from './signConstraints';
import type { DeclSpec, Distribution } from './types';

export type DeclResult = { ok: true; spec: DeclSpec } | { ok: false; reason?: string };

/** A declaration that a letter runs over a range of whole numbers written with dots, `\{1, \dots, n\}`. */
export function isIndexRange(spec: DeclSpec): boolean {
  return (
    spec.set === 'finite' && spec.shape.length === 0 && (spec.values ?? []).some((v) => v.kind === 'dots')
  );
}

export function readDeclaration(set: Node): DeclResult {
  // `S^{dims}`: a set raised to a shape.
  let shape: Node[] = [];
  let base = set;
  if (set.kind === 'pow') {
    shape = dims(set.exponent);
    base = set.base;
  }
  if (base.kind === 'sym' && base.base.startsWith('\\mathbb{')) {
    const letter = base.base.slice(8, -1);
    const sub = (base.subText ?? '').replace(/\s+/g, '');
    if (letter === 'R') {
      if (sub === '') return ok('real', shape);
      if (sub === '>0' || sub === '+' || sub === '++' || sub === '\\geq0' || sub === '\\ge0' || sub === '>=0')
        return ok('positive', shape);
      return {
        ok: false,
        reason: `unknown subset \\mathbb{R}_{${sub}}: use \\mathbb{R}_{>0} or an interval (a, b)`,
      };
    }
    if (letter === 'Z')
      return ok(
        sub === '>0' || sub === '+'
          ? 'natural'
          : sub === '\\geq0' || sub === '\\ge0' || sub === '\\ge 0'
            ? 'natural'
            : 'integer',
        shape,
      );
    if (letter === 'N') return ok('natural', shape);
    if (letter === 'S') {
      // \mathbb{S}^n_{++}: the parser folds `_{++}` into the subscript.
      if (shape.length === 1) return ok('spd', [shape[0], shape[0]]);
      return { ok: false, reason: 'write symmetric positive definite matrices as \\mathbb{S}^{n}_{++}' };
    }
    return { ok: false };
  }
  if (
    base.kind === 'group' &&
    base.items.length === 2 &&
    (base.open === '(' || base.open === '[') &&
    (base.close === ')' || base.close === ']') &&
    shape.length === 0
  ) {
    const [lo, hi] = base.items;
    const a = numberOf(lo, true);
    const b = numberOf(hi, true);
    if (a !== null && b !== null && a < b)
      return { ok: true, spec: { set: 'interval', shape, lo: a, hi: b } };
    if (a !== null && b !== null) return { ok: false, reason: `the interval (${a}, ${b}) is empty` };
    return { ok: false };
  }
  if (base.kind === 'group' && base.open === '\\{') {
    const items = base.items;
    if (items.length === 2 && numberOf(items[0], true) === 0 && numberOf(items[1], true) === 1)
      return ok('bits', shape);
    if (items.length > 0 && items.every((x) => numberOf(x, true) !== null) && shape.length === 0) {
      return { ok: true, spec: { set: 'finite', shape: [], values: items } };
    }
    // {1, …, n}: an integer range with a symbolic end.
    if (items.length === 3 && items[1].kind === 'dots')
      return { ok: true, spec: { set: 'finite', shape: [], values: items } };
    return { ok: false };
  }
  return { ok: false };
}

function ok(set: DeclSpec['set'], shape: Node[]): DeclResult {
  return { ok: true, spec: { set, shape } };
}

/** `m \times n \times k` → [m, n, k]; `n` → [n]; `1` → [] (ℝ¹ is the scalars). */
function dims(n: Node): Node[] {
  const out: Node[] = [];
  const rec = (x: Node) => {
    if (x.kind === 'bin' && (x.op === 'times' || x.op === 'ast')) {
      rec(x.left);
      rec(x.right);
      return;
    }
    if (x.kind === 'list') {
      x.items.forEach(rec);
      return;
    }
    out.push(x);
  };
  rec(n);
  if (out.length === 1 && out[0].kind === 'num' && out[0].value === 1) return [];
  return out;
}

export function readDistribution(n: Node, written = ''): Distribution | null {
  if (n.kind !== 'call') return null;
  // `\mathrm{Exp}(\lambda)` after `\sim`: the capital names the exponential law, not e^λ.
  if (n.fn === 'exp' && n.args.length === 1 && /^(?:\\[a-z]+\s*\{\s*)?Exp\b/.test(written))
    return { kind: 'Law', law: 'Exponential', a: n.args[0], b: null };
  if (n.fn === 'Bernoulli' && n.args.length === 1) return { kind: 'Bernoulli', p: n.args[0] };
  if (n.fn === 'Normal' && n.args.length === 2)
    return { kind: 'Normal', mean: n.args[0], variance: n.args[1] };
  if (n.fn === 'Uniform' && n.args.length === 2) return { kind: 'Uniform', a: n.args[0], b: n.args[1] };
  return readLaw(n.fn, n.args);
}

/** Poisson(λ), Exponential(λ), Binomial(n, p), Beta(a, b) written as a call, or null. */
export function readLaw(fn: string, args: Node[]): Distribution | null {
  if ((fn === 'Poisson' || fn === 'Exponential') && args.length === 1)
    return { kind: 'Law', law: fn, a: args[0], b: null };
  if ((fn === 'Binomial' || fn === 'Beta') && args.length === 2)
    return { kind: 'Law', law: fn, a: args[0], b: args[1] };
  return null;
}

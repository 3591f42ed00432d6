// Sums and products over an index (\sum, \prod), their bounds and index sets.
import type { Node } from '../../math/tree';
import type { CompileEnv, Fn, IndexScope } from './context';
import { Unsupported } from '../errors';
import { compile } from './core';
import { compileSumOverIntegers, isInfiniteBound } from '../sequences';
import { registerCompilers } from './table';
import { tableSupport, termsAtPoints } from './tableValues';
import * as V from '../values';

function compileBigOp(n: Extract<Node, { kind: 'bigop' }>, c: CompileEnv): Fn {
  const ix = n.index;
  if (!ix?.name)
    throw new Unsupported(
      `${n.op === 'sum' ? '\\sum' : '\\prod'} needs an index: \\sum_{i=1}^{n} or \\sum_i`,
      n.start,
      n.end,
    );
  const name = ix.name;
  // `\sum_x p(x) \log p(x)` with p given at listed points and x given no range: over those points.
  const support = !ix.from && !ix.to && !ix.set ? tableSupport(n.body, name, c) : null;
  if (support) {
    const each = termsAtPoints(n.body, name, support, c);
    return (t) =>
      each
        .map((g) => g(t))
        .reduce((acc, v) => (n.op === 'sum' ? V.add(acc, v, n) : V.product(acc, v, n, 'hadamard')));
  }
  const scope: IndexScope = { name, sources: [] };
  const inner: CompileEnv = { ...c, locals: new Set([...c.locals, name]), scopes: [...c.scopes, scope] };
  const body = compile(n.body, inner);
  if (isInfiniteBound(ix.from) || isInfiniteBound(ix.to))
    return compileSumOverIntegers(n, body, inner, compile);
  if (ix.set) {
    const set = ix.set;
    if (set.kind === 'pow' && set.base.kind === 'group' && set.base.open === '\\{') {
      const dim = compile(set.exponent, c);
      const values = set.base.items.map((x) => compile(x, c));
      return (t) => t.sumOverSet(name, values, dim, body, n.op, n);
    }
    if (set.kind === 'group' && set.open === '\\{') {
      const values = set.items.map((x) => compile(x, c));
      return (t) => t.sumOverSet(name, values, null, body, n.op, n);
    }
    throw new Unsupported('this summation set is not evaluated', set.start, set.end);
  }
  const from = ix.from ? compile(ix.from, c) : null;
  const to = ix.to ? compile(ix.to, c) : null;
  if ((ix.from && !ix.to) || (!ix.from && ix.to))
    throw new Unsupported('give both bounds of the sum, or neither', n.start, n.end);
  return (t) => {
    let lo = 1;
    let hi: number;
    if (from && to) {
      lo = t.integerOf(from(t), n);
      hi = t.integerOf(to(t), n);
    } else {
      hi = t.rangeOf(scope.sources, name, n);
    }
    return t.loop(name, lo, hi, body, n.op, n);
  };
}

declare module './table' {
  interface Compilers {
    compileBigOp: typeof compileBigOp;
  }
}

registerCompilers({ compileBigOp });

// Elided patterns: x_1 + \dots + x_n as the sum it abbreviates, (x_1, \ldots, x_n) as a vector.
import { elision, type Elision, juxtFactors, productTerms } from '../elided';
import type { Node } from '../../math/tree';
import type { CompileEnv, Fn, IndexScope } from './context';
import { compile } from './core';
import { OverBudget, Unsupported } from '../errors';
import * as V from '../values';
import type { Val } from '../values';
import { compileElided, sumTerms as elidedRunTerms, readElided } from '../elidedList';
import { registerCompilers } from './table';

/** `x_1 + \dots + x_n` as the sum it abbreviates. */
function elidedSum(e: Elision, n: Node): Node {
  const from: Node = { kind: 'num', value: e.from, text: String(e.from), start: n.start, end: n.start };
  return {
    kind: 'bigop',
    op: 'sum',
    index: { name: e.index, from, to: e.to, set: null, raw: null },
    body: e.template,
    start: n.start,
    end: n.end,
  };
}

/**
 * `(x_1, \ldots, x_n)` is the vector of the pattern's values; `[f_1 \ f_2 \ \dots \ f_d]`
 * written side by side is a row of them (a matrix whose columns are the f_k, when they are vectors).
 */
function compileElidedGroup(n: Extract<Node, { kind: 'group' }>, c: CompileEnv): Fn | null {
  if (n.open !== '(' && n.open !== '[') return null;
  const side = n.items.length === 1 ? juxtFactors(n.items[0]) : null;
  const written = side && side.length > 2 ? side : n.items;
  if (!written.some((x) => x.kind === 'dots')) return null;
  // Side by side, a term may itself be a product: `[c f_1 \ c f_2 \ \dots \ c f_d]`.
  const items = written === side && !elision(written) ? (productTerms(written) ?? written) : written;
  const e = elision(items);
  if (!e) return null;
  const scope: IndexScope = { name: e.index, sources: [] };
  const inner: CompileEnv = { ...c, locals: new Set([...c.locals, e.index]), scopes: [...c.scopes, scope] };
  const body = compile(e.template, inner);
  const to = compile(e.to, c);
  const asRow = written === side;
  return (t) => {
    const hi = t.integerOf(to(t), n);
    if (hi - e.from > 100_000) throw new OverBudget(`a list of ${hi - e.from + 1} entries`);
    if (hi < e.from)
      throw new Unsupported(`the list ${e.from}…${hi} is empty at this sample`, n.start, n.end);
    const values: Val[] = [];
    for (let k = e.from; k <= hi; k++) {
      t.bind(e.index, k);
      try {
        values.push(body(t));
      } finally {
        t.unbind(e.index);
      }
    }
    return asRow ? V.columnsOf(values, n) : V.vectorOf(values, false, n);
  };
}

/**
 * `x_1 + x_2 + \\dots + x_n`, possibly between other terms (`a + x_1 + \\dots + x_n + b`): the
 * elided run is expanded and every term added.
 */
function compileElidedSum(n: Node, c: CompileEnv): Fn | null {
  const terms = elidedRunTerms(n);
  const dots = terms.findIndex((x) => x.kind === 'dots');
  if (dots < 1 || dots + 1 >= terms.length) return null;
  for (let from = 0; from < dots; from++) {
    // `x_1 + x_3 + \dots + x_n`: a run from x_3 would leave out a term of the same pattern
    // before it, whose step the author may mean (odd indices); that is not a reading to guess.
    if (from > 0 && readElided([terms[from - 1], terms[dots], terms[dots + 1]])) return null;
    const list = readElided(terms.slice(from, dots + 2));
    if (!list) continue;
    const run = compileElided(list, c, n, compile);
    const before = terms.slice(0, from).map((x) => compile(x, c));
    const after = terms.slice(dots + 2).map((x) => compile(x, c));
    return (t) => {
      const values = [...before.map((f) => f(t)), ...run(t), ...after.map((f) => f(t))];
      return values.reduce((acc, v) => V.add(acc, v, n));
    };
  }
  return null;
}

declare module './table' {
  interface Compilers {
    elidedSum: typeof elidedSum;
    compileElidedGroup: typeof compileElidedGroup;
    compileElidedSum: typeof compileElidedSum;
  }
}

registerCompilers({ elidedSum, compileElidedGroup, compileElidedSum });

// Cases and conditions: a value by cases, and the condition each case states.
import type { Node } from '../../math/tree';
import type { CompileEnv, Fn } from './context';
import { compile } from './core';
import * as V from '../values';
import type { Val } from '../values';
import { Resample, Unsupported } from '../errors';
import { registerCompilers } from './table';

function compileCases(n: Extract<Node, { kind: 'cases' }>, c: CompileEnv): Fn {
  const rows = n.rows.map((r) => ({
    value: compile(r.value, c),
    cond: r.cond ? compileCondition(r.cond, c) : null,
  }));
  return (t) => {
    // Numeric conditions pick one row, and only that row is evaluated: √x in a branch taken
    // for x ≥ 0 must not make the value undefined at x < 0.
    let first = 0;
    for (; first < rows.length; first++) {
      const r = rows[first];
      if (r.cond === null) return r.value(t);
      const m = V.tensorOf(r.cond(t), n);
      if (m.size !== 1) break;
      if (m.data[0] !== 0) return r.value(t);
    }
    if (first === rows.length) throw new Resample('nan', 'no case of the definition applies');
    // Tensor conditions: from the last row up, value = cond ? v : rest (elementwise select).
    let acc: Val | null = null;
    for (let k = rows.length - 1; k >= first; k--) {
      const r = rows[k];
      const v = r.value(t);
      if (r.cond === null) {
        acc = v;
        continue;
      }
      const m = r.cond(t);
      acc = acc === null ? V.hadamard(m, v, n) : V.select(m, v, acc, n);
    }
    if (acc === null) throw new Unsupported('empty cases', n.start, n.end);
    return acc;
  };
}

function compileCondition(n: Node, c: CompileEnv): Fn {
  if (n.kind === 'cmp') return compile(n, c);
  if (n.kind === 'error')
    throw new Unsupported(`${n.message}; write it as a comparison (x < 0)`, n.start, n.end);
  throw new Unsupported(
    'a case condition must be a comparison such as x < 0 (or \\text{otherwise})',
    n.start,
    n.end,
  );
}

declare module './table' {
  interface Compilers {
    compileCases: typeof compileCases;
  }
}

registerCompilers({ compileCases });

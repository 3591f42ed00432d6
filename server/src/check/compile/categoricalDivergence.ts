// `\mathrm{KL}(p \| m)` where p and m are probability vectors the text wrote out (`p = (0.5, 0.5)`,
// `m = \tfrac12(p + q)`): the divergence of two categorical laws on the same outcomes,
// Σ_i p_i log(p_i / m_i), as information-theory homework computes it.
import type { Node } from '../../math/tree';
import { type CompileEnv, type Fn, lookupWithScope } from './context';
import { compile } from './core';
import { Unsupported } from '../errors';
import { plainLogBase } from '../logBase';
import * as V from '../values';

/** Entries may be rounded as written (0.665, 0.245, 0.090): their sum must be 1 to this much. */
const SUM_TOLERANCE = 1e-9;

/** A vector written out, or a name the text defined or declared as one (no law of its own). */
export function mayBeProbabilityVector(x: Node, c: CompileEnv): boolean {
  if (x.kind === 'group') return x.items.length > 1;
  if (x.kind !== 'sym') return false;
  const entry = lookupWithScope(c, x.name)?.entry;
  return (
    (entry?.kind === 'def' && entry.params === null && entry.indices === null) ||
    (entry?.kind === 'decl' && entry.spec.shape.length === 1)
  );
}

export function compileCategoricalDivergence(p: Node, q: Node, n: Node, c: CompileEnv): Fn {
  const [pf, qf] = [p, q].map((x) => compile(x, c));
  return (t) => {
    const [a, b] = [pf(t), qf(t)].map((v, k) => probabilities(V.tensorOf(v, n).data, k === 0 ? p : q, n));
    if (a.length !== b.length)
      throw new Unsupported(
        `the two probability vectors have ${a.length} and ${b.length} entries: a divergence compares ` +
          'laws on the same outcomes',
        n.start,
        n.end,
      );
    let d = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === 0) continue;
      if (b[i] === 0)
        throw new Unsupported(
          'the divergence is infinite here: q gives probability 0 where p does not',
          n.start,
          n.end,
        );
      d += a[i] * Math.log(a[i] / b[i]);
    }
    const base = plainLogBase(t);
    return V.scalar(base === null ? d : d / Math.log(base));
  };
}

function probabilities(data: Float64Array, x: Node, n: Node): Float64Array {
  const sum = data.reduce((s, v) => s + v, 0);
  const name = x.kind === 'sym' ? x.name : 'this vector';
  if (data.length < 2 || data.some((v) => !(v >= 0)) || Math.abs(sum - 1) > SUM_TOLERANCE)
    throw new Unsupported(
      `the divergence of vectors needs probabilities (entries ≥ 0 that sum to 1); ${name} ` +
        `has ${data.length} entries summing to ${Number(sum.toPrecision(6))}`,
      n.start,
      n.end,
    );
  return data;
}

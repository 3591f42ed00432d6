// `e(0) = 0.2`, `0 < e(X) < 1` (a propensity score), `\pi(a \mid s)` (a policy): a document that
// writes a constant's letter applied to arguments has made it a function of its own, even without
// a rule for it, and a careful reader no longer takes the bare letter for Euler's number or the
// circle constant (`1/e = 5` is the weight 1/e(x) at some x, not 1/2.718…). Only a letter applied
// the way functions are (each argument a name or a number, or a bar of conditioning) counts:
// `\pi(r_1^2 - r_2^2)` and `e(1 + x)` are products.
import type { Node } from '../math/tree';

type Apply = Extract<Node, { kind: 'apply' }>;
import { walk } from './names';

/** Letters that mean a constant until the document gives them a meaning of its own. */
const CONSTANT_LETTERS = new Set(['e', '\\pi']);

/** Where the trees apply a constant's letter as a function (`e(X)`, `\pi(a \mid s)`): once a letter. */
export function constantsApplied(trees: readonly Node[]): Apply[] {
  const found = new Map<string, Apply>();
  for (const tree of trees)
    walk(tree, (x) => {
      if (x.kind !== 'apply' || found.has(x.f.name)) return;
      const f = x.f;
      if (!CONSTANT_LETTERS.has(f.name) || f.primes !== 0 || f.sub !== null) return;
      const likeArguments = x.args.length > 0 && x.args.every((a) => a.kind === 'sym' || a.kind === 'num');
      if (likeArguments || x.given !== undefined) found.set(f.name, x);
    });
  return [...found.values()];
}

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
export function constantsApplied(trees: readonly Node[], source: string): Apply[] {
  const found = new Map<string, Apply>();
  for (const tree of trees)
    walk(tree, (x) => {
      if (x.kind !== 'apply' || found.has(x.f.name)) return;
      const f = x.f;
      if (!CONSTANT_LETTERS.has(f.name) || f.primes !== 0 || f.sub !== null) return;
      const likeArguments = x.args.length > 0 && x.args.every((a) => a.kind === 'sym' || a.kind === 'num');
      if (workedProduct(x, source)) return;
      if (likeArguments || x.given !== undefined) found.set(f.name, x);
    });
  return [...found.values()];
}

/**
 * `2\pi (0.2855)`, `2\pi\,(0.2855)`: a worked answer puts a computed value in brackets after the
 * constant. A number with a fractional part is no argument a function of the document is written at
 * in a worked step, and neither is a number set apart from the letter by a space or after a
 * coefficient (`2\pi(60)`): each is the constant times the bracket. `e(0) = 0.2` and `\pi(3)` stay
 * applications.
 */
function workedProduct(x: Apply, source: string): boolean {
  if (x.args.length !== 1 || x.args[0].kind !== 'num' || x.given !== undefined) return false;
  if (!Number.isInteger(x.args[0].value)) return true;
  // `2\pi(60)(0.15)`: a coefficient written before the letter scales a constant, not a value.
  if (/\d\s*(?:\\[,;!]\s*)?$/.test(source.slice(Math.max(0, x.f.start - 8), x.f.start))) return true;
  return /^(?:\s|\\[,;:!]|\\quad)/.test(source.slice(x.f.end, x.args[0].start));
}

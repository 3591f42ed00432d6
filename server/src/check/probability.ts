// How a name applied to arguments reads when the document does not define it and the arguments
// speak of random variables: `P(X = 1 \mid Y = 0)` is a probability, `p(x \mid z)` a density,
// `H(X)` an entropy, `D_{\mathrm{KL}}(p \| q)` a divergence. Only the probability and the
// divergence between declared distributions are evaluated; the rest is named and left unchecked.
import { printNode } from '../math/print';
import type { Node, SymNode } from '../math/tree';
import type { Distribution } from '../model/types';

/** What the checker knows about names, without compiling anything. */
export interface ProbabilityContext {
  /** The document gives the name a value, a declaration or a definition. */
  known(name: string): boolean;
  /** The name is a random variable (declared with `\sim`, or defined from random variables). */
  random(node: SymNode): boolean;
}

export type ProbabilityReading =
  | { kind: 'probability'; node: Extract<Node, { kind: 'expect' }> }
  | { kind: 'divergence'; p: Node; q: Node }
  | { kind: 'unread'; message: string };

const PROBABILITY_NAMES = new Set(['P', '\\text{Pr}', '\\text{Prob}']);
const RELATIONS = new Set(['=', '\\neq', '<', '>', '\\le', '\\ge', '\\in', '\\notin']);

/** `D_{KL}`, `D_{\mathrm{KL}}`, `\mathrm{KL}`, `\operatorname{KL}`: the Kullback–Leibler divergence. */
function isDivergenceName(f: SymNode): boolean {
  if (f.name === '\\text{KL}') return true;
  return f.base === 'D' && f.subText !== null && f.subText.replace(/\\[a-z]+|[{}\s]/g, '') === 'KL';
}

/** A relation or an indicator, or several joined by commas or products: something that holds or not. */
export function isEvent(n: Node): boolean {
  if (n.kind === 'list') return n.items.every(isEvent);
  if (n.kind === 'bin' && (n.op === 'cdot' || n.op === 'juxt')) return isEvent(n.left) && isEvent(n.right);
  return (n.kind === 'cmp' && RELATIONS.has(n.op)) || n.kind === 'indicator';
}

/** Several events written with commas hold together: their 0/1 values multiply. */
export function allOf(items: Node[]): Node {
  return items.reduce((a, b) => ({ kind: 'bin', op: 'cdot', left: a, right: b, start: a.start, end: b.end }));
}

function mentionsRandom(n: Node, ctx: ProbabilityContext): boolean {
  if (n.kind === 'sym') return ctx.random(n);
  if (n.kind === 'cmp' || n.kind === 'bin')
    return mentionsRandom(n.left, ctx) || mentionsRandom(n.right, ctx);
  if (n.kind === 'neg' || n.kind === 'abs') return mentionsRandom(n.operand, ctx);
  if (n.kind === 'apply') return n.args.some((a) => mentionsRandom(a, ctx));
  return false;
}

/**
 * The reading of `f(…)` for a name f the document does not define, or null when the probability
 * vocabulary does not apply (the claim then reports f as unknown, as for any other name).
 */
export function readProbabilityApply(
  n: Extract<Node, { kind: 'apply' }>,
  ctx: ProbabilityContext,
): ProbabilityReading | null {
  const f = n.f;
  const written = printNode(n);
  const own = n.given === undefined ? n.args : n.args.slice(0, n.given);
  const given = n.given === undefined ? [] : n.args.slice(n.given);
  if (isDivergenceName(f)) {
    if (n.args.length !== 2)
      return { kind: 'unread', message: `${written}: a divergence takes two distributions, D(p \\| q)` };
    return { kind: 'divergence', p: n.args[0], q: n.args[1] };
  }
  const random = n.args.some((a) => mentionsRandom(a, ctx));
  if (PROBABILITY_NAMES.has(f.name) && (own.some(isEvent) || given.length > 0 || random)) {
    const bare = own.find((a) => a.kind === 'sym' && ctx.random(a));
    if (bare && bare.kind === 'sym')
      return {
        kind: 'unread',
        message:
          `${written}: the probability of a random variable is its distribution, not a number; ` +
          `write the probability of an event, e.g. P(${bare.name} = 1)`,
      };
    if (own.every(isEvent) && given.every(isEvent))
      return {
        kind: 'probability',
        node: {
          kind: 'expect',
          op: 'P',
          sub: null,
          body: allOf(own),
          given: given.length ? allOf(given) : null,
          start: n.start,
          end: n.end,
        },
      };
    return {
      kind: 'unread',
      message: `${written}: a probability is evaluated for events written as relations (X = 1, X \\le t)`,
    };
  }
  if (f.name === 'H' && own.length === 1 && random)
    return {
      kind: 'unread',
      message:
        `${written} reads as an entropy, which is not evaluated (its base, bits or nats, is not ` +
        'written); write its formula in the parameters of the declared law, e.g. ' +
        '-p \\log_2 p - (1 - p) \\log_2 (1 - p) for X \\sim \\mathrm{Bernoulli}(p)',
    };
  const params = n.args.every((a) => a.kind === 'sym') ? n.args.map(printNode).join(', ') : 'x, z';
  if (given.length > 0)
    return {
      kind: 'unread',
      message:
        `${written} reads as a conditional density or probability, and the document does not ` +
        `declare ${f.name}: define it as a function of all its arguments (${f.name}(${params}) := …), ` +
        'or write the probability of an event of declared random variables, P(X = 1 \\mid Y = 0)',
    };
  if (/^[pq]$/.test(f.base) && f.subText === null && random && own.every((a) => a.kind === 'sym'))
    return {
      kind: 'unread',
      message:
        `${written} reads as the density of ${own.map(printNode).join(', ')}, which is not ` +
        `evaluated: define ${f.name} as a function (${f.name}(x) := …) or write a probability, P(X = 1)`,
    };
  return null;
}

/**
 * The divergence D(p ‖ q) of two laws of the same family with the given parameter values
 * (Normal: mean and variance), in nats; null when no closed form is known here.
 */
export function divergence(
  p: Distribution['kind'],
  a: number[],
  q: Distribution['kind'],
  b: number[],
): number | null {
  if (p !== q) return null;
  if (p === 'Bernoulli') {
    const [s, t] = [a[0], b[0]];
    const term = (x: number, y: number) => (x === 0 ? 0 : y === 0 ? Infinity : x * Math.log(x / y));
    return term(s, t) + term(1 - s, 1 - t);
  }
  if (p === 'Normal') {
    const [m1, v1, m2, v2] = [a[0], a[1], b[0], b[1]];
    return 0.5 * (Math.log(v2 / v1) + (v1 + (m1 - m2) ** 2) / v2 - 1);
  }
  const [a1, b1, a2, b2] = [a[0], a[1], b[0], b[1]];
  if (a1 < a2 || b1 > b2) return Infinity;
  return Math.log((b2 - a2) / (b1 - a1));
}

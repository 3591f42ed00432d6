// "Suppose $\mathbb{E}[X] = \mu$ and $\operatorname{Var}(X) = \sigma^2$", "if $X$ and $Y$ are independent
// with $\operatorname{Var}(X) = 4$ and $\operatorname{Var}(Y) = 9$": a setting that states, in math, the
// mean or the variance of a random variable nothing else describes gives it a law by its moments, as
// the words "with mean … and variance …" do (momentWords.ts): any law with them. A moment the text does
// not give is free — a number drawn at each trial, named by what it is (`\mathbb{E}[X]`), so that a
// counterexample shows it.
import type { Node, SymNode } from '../math/tree';
import { someNode } from './names';

/**
 * The probabilists' convention: a capital Latin letter, alone or numbered (`X`, `Y_2`), is a random
 * variable. A subscript letter (`X_i`) names a family, and `I` is the identity: neither is read so.
 */
export const RANDOM_LETTER = /^[A-HJ-Z](_\{?[0-9]+\}?)?$/;

export interface MomentFact {
  /** The random variable the moment is of. */
  variable: SymNode;
  /** The name it is kept under: the variable's, or a family's stem (`X_i` is a member of X). */
  key: string;
  /** `\mathbb{E}[X_i] = 2`: the moment of every member of a family, its index a letter. */
  family: boolean;
  /** `second`: `\mathbb{E}[X^2]`, which with the mean gives the variance (varianceFromSecond). */
  moment: 'mean' | 'variance' | 'second';
  /** What the text says the moment is. */
  value: Node;
}

/** `\mathbb{E}[X] = 1`, `\operatorname{Var}(X) = \sigma^2`, `\mu = \mathbb{E}[X]`: the fact, or null. */
export function momentFactOf(lhs: Node, rhs: Node): MomentFact | null {
  return factSide(lhs, rhs) ?? factSide(rhs, lhs);
}

function factSide(moment: Node, value: Node): MomentFact | null {
  if (moment.kind !== 'expect' || moment.sub !== null || moment.given) return null;
  if (moment.op !== 'E' && moment.op !== 'Var') return null;
  const inner =
    moment.body.kind === 'group' && moment.body.items.length === 1 ? moment.body.items[0] : moment.body;
  // `\mathbb{E}[X^2] = 29`: the second moment, of an expectation only.
  const squared =
    moment.op === 'E' && inner.kind === 'pow' && inner.exponent.kind === 'num' && inner.exponent.value === 2;
  const body = squared ? inner.base : inner;
  if (body.kind !== 'sym' || body.primes > 0) return null;
  const index = body.sub?.length === 1 && body.sub[0].kind === 'sym' ? body.sub[0] : null;
  const family = index !== null && /^[a-z]$/.test(index.name) && RANDOM_LETTER.test(body.stem);
  if (!family && !RANDOM_LETTER.test(body.name)) return null;
  // `\mathbb{E}[X] = \mathbb{E}[Y]` relates two variables; it gives neither a moment. A value in the
  // index (`\mathbb{E}[X_i] = \mu_i`) differs from member to member: no law of the family.
  if (
    value.kind === 'expect' ||
    (index && someNode(value, (n) => n.kind === 'sym' && writesIndex(n, index.name)))
  )
    return null;
  const key = family ? body.stem : body.name;
  const which = squared ? 'second' : moment.op === 'E' ? 'mean' : 'variance';
  return { variable: body, key, family, moment: which, value };
}

/**
 * The variance a second moment gives beside a known mean: `\mathbb{E}[X^2] - \mathbb{E}[X]^2`, written
 * where the second moment is (so that messages point at it).
 */
export function varianceFromSecond(second: Node, mean: Node): Node {
  const at = { start: second.start, end: second.end };
  const two: Node = { kind: 'num', value: 2, text: '2', ...at };
  const squared: Node = { kind: 'pow', base: mean, exponent: two, ...at };
  return { kind: 'bin', op: '-', left: second, right: squared, ...at };
}

/** Whether `n` is the index letter or has it in its subscript (`\mu_i`). */
function writesIndex(n: SymNode, letter: string): boolean {
  return n.name === letter || (n.sub?.some((x) => x.kind === 'sym' && x.name === letter) ?? false);
}

/** The free moment of `variable` as a name drawn at each trial: `\mathbb{E}[X]`, `\operatorname{Var}(X)`. */
export function freeMoment(variable: SymNode, moment: 'mean' | 'variance'): SymNode {
  const name = moment === 'mean' ? `\\mathbb{E}[${variable.name}]` : `\\operatorname{Var}(${variable.name})`;
  return { ...variable, name, stem: name, base: name, sub: null, subText: null, primes: 0 };
}

/** Whether `n` is the free moment freeMoment made (the text gave no value for it). */
export function isFreeMoment(n: Node): boolean {
  return n.kind === 'sym' && /^\\(?:mathbb\{E\}\[|operatorname\{Var\}\()/.test(n.name);
}

/** What the builder keeps of the moments a passage's settings gave (build.ts momentFact). */
export interface MomentFacts {
  passage: number;
  /** The variables given moments, in order. */
  names: string[];
  /** Whether a sentence that gave them said they are independent. */
  independent: boolean;
}

/** Why a moment a setting states is no claim: it is what the law is drawn to have. */
export function momentSettingReason(r: { lhs: Node; rhs: Node }): string {
  const fact = momentFactOf(r.lhs, r.rhs);
  const name = fact ? (fact.family ? `every ${fact.variable.name}` : fact.variable.name) : 'the variable';
  return (
    `a setting, not a claim: it gives ${name} a law by its moments, and what follows is checked ` +
    'under any law with them; to have it checked itself, state it on its own or in a display'
  );
}

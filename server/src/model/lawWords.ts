// A law named in words for the claims of one sentence: "For the Laplace law, $E[x^2] = 2$",
// "Under the uniform distribution on $[0, 1]$, …", "If instead $x$ is exponential with rate 2, …".
// The words, not the variable's declaration, say which law the claim is about; a claim checked
// under the declared law instead would be verified or refuted about another law.
import type { Node } from '../math/tree';
import type { Distribution } from './types';

/** Names of laws that derivcheck does not sample, as prose writes them (lower-cased). */
const UNSAMPLED = [
  'laplace',
  'exponential',
  'poisson',
  'beta',
  'gamma',
  'binomial',
  'geometric',
  'hypergeometric',
  'cauchy',
  'log-?normal',
  'logistic',
  'weibull',
  'pareto',
  'gumbel',
  'rademacher',
  'dirichlet',
  'categorical',
  'multinomial',
  'chi-squared',
  "student(?:'s)?",
];
const LAW = `(normal|gaussian|uniform|bernoulli|${UNSAMPLED.join('|')})`;

/** Nouns after which a law word is not a law: "the normal equations", "exponential growth". */
const NOT_LAW_NOUNS = 'to|vectors?|matrix|matrices|map|function|equations?|form|growth|decay|convergence';
const NOT_A_LAW = String.raw`(?!\s+(?:${NOT_LAW_NOUNS})\b)`;
const LAW_NOUNS = [
  'law|distribution|distributed|density',
  'prior|posterior|likelihood|model|noise',
  'random\\s+variables?|variables?',
].join('|');
const LAW_NOUN = `(?:${LAW_NOUNS})`;
const SAID = String.raw`(?:is|be|are|being)\s+(?:now\s+|instead\s+)?(?:an?\s+)?(?:standard\s+)?`;

/**
 * A law word used as a law: before a noun of laws ("the Laplace law", "a uniform distribution",
 * "Poisson noise", "a Beta prior"), or said of a variable ("$x$ is exponential", "let $x$ be
 * uniform"). "The normal equations", "exponential growth", "uniformly" name no law.
 */
const NAMED = new RegExp(
  String.raw`\b${LAW}(?:\s+\([^)]*\))?\s+${LAW_NOUN}\b|\b${SAID}${LAW}\b${NOT_A_LAW}`,
  'gi',
);

/** Right after a lone name's span: "$x$ is exponential", "$y$ be uniform". */
const SAID_AFTER = new RegExp(String.raw`^\s*(?:\$\$?|\\\)|\\\])?\s*${SAID}${LAW}\b${NOT_A_LAW}`, 'i');

/**
 * The law that the words right after a lone name's span say it has ("$x$ is exponential with rate
 * 2", "let $y$ be uniform on …"), or null.
 */
export function lawSaidAfter(after: string): string | null {
  const m = SAID_AFTER.exec(after);
  return m ? m[1].toLowerCase().replace(/-/g, '') : null;
}

/**
 * "standard normal", "a standard Gaussian": a law word with its parameters, N(0, 1), with or
 * without a noun after it ("for standard normal $z$").
 */
const STANDARD_NORMAL = /\bstandard(?:\s+|-)(?:normal|gaussian)\b(?!\s+(?:equations?|form)\b)/i;

/** The law words of a sentence's words, in order of appearance ("laplace", "uniform"). */
export function lawsNamed(words: string): string[] {
  const out: string[] = [];
  for (const m of words.toLowerCase().matchAll(NAMED)) out.push((m[1] ?? m[2]).replace(/-/g, ''));
  if (STANDARD_NORMAL.test(words)) out.push('standardnormal');
  return out;
}

/** The family derivcheck samples for a law word, or null when it samples none. */
export function familyOf(word: string): Distribution['kind'] | null {
  if (word === 'normal' || word === 'gaussian' || word === 'standardnormal') return 'Normal';
  if (word === 'uniform') return 'Uniform';
  return word === 'bernoulli' ? 'Bernoulli' : null;
}

/**
 * Whether a law word names the family of a declared law: the normal, uniform and Bernoulli kinds,
 * and the laws sampled by name (a Poisson, exponential, binomial or geometric law is that word's).
 */
export function namesFamilyOf(word: string, dist: Distribution): boolean {
  if (dist.kind === 'Law') return dist.law !== 'Moments' && dist.law.toLowerCase() === word;
  return familyOf(word) === dist.kind;
}

/**
 * Why a claim about `name` (of law `dist`) is not checked when its sentence names `word`: null when
 * the named law is the declared law's family ("under the normal law above").
 */
export function namedLawReason(
  word: string,
  name: string,
  dist: Distribution,
  declared: string,
): string | null {
  // A law not sampled, or replaced in words, is unchecked already, saying so.
  if (dist.kind === 'Unsampled') return null;
  // "For standard normal $z$" after `z \sim \mathcal{N}(0, s^2)`: the words fix the parameters the
  // declaration leaves to s; checked under the declared law it would be about another claim.
  if (word === 'standardnormal' && dist.kind === 'Normal' && !isStandard(dist))
    return (
      `the sentence names the standard normal law, \\mathcal{N}(0, 1), for this claim, but ${name} is ` +
      `declared with other parameters (${declared}), so checking it under them would judge another ` +
      `claim; declare ${name} \\sim \\mathcal{N}(0, 1) to have it checked`
    );
  if (namesFamilyOf(word, dist)) return null;
  return (
    `the sentence names the ${display(word)} law for this claim, but ${name} is declared with another ` +
    `(${declared}), so checking it under that law would judge another claim; declare ${name} with ` +
    `the ${display(word)} law (${name} \\sim …) to have it checked`
  );
}

const COMMON =
  /^(?:normal|uniform|exponential|geometric|binomial|hypergeometric|logistic|categorical|multinomial|lognormal|chisquared)$/;

/** A law word as prose writes it: proper names capitalised ("Laplace"), others lower-case. */
function display(word: string): string {
  if (word === 'chisquared') return 'chi-squared';
  return COMMON.test(word) ? word : word[0].toUpperCase() + word.slice(1);
}

/** `\mathcal{N}(0, 1)` as written: mean 0 and variance 1. */
function isStandard(dist: Extract<Distribution, { kind: 'Normal' }>): boolean {
  const number = (n: Node): number | null => {
    const inner = n.kind === 'group' && n.items.length === 1 ? n.items[0] : n;
    return inner.kind === 'num' ? inner.value : null;
  };
  return number(dist.mean) === 0 && number(dist.variance) === 1;
}

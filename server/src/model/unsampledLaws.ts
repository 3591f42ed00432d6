// Laws the text names but the checker does not sample (Gamma, Laplace, a density letter), and laws
// that words have replaced: either way a random variable's earlier law no longer describes it.
import type { Distribution } from './types';

/**
 * Names of laws as authors write them, lower-cased: `\mathrm{Beta}(a, b)`, `\text{Poisson}(\lambda)`,
 * `\operatorname{Exp}(1)`, `\mathcal{GP}(m, k)`, `\chi^2_k`. Only these make a `\sim` with an
 * unreadable right side a law: `H_n \sim \ln n` and `A \sim B` (row equivalence) stay relations.
 */
const LAW_WORDS = new Set([
  'beta',
  'gamma',
  'invgamma',
  'inversegamma',
  'poisson',
  'pois',
  'exp',
  'expo',
  'exponential',
  'laplace',
  'binomial',
  'binom',
  'bin',
  'negbin',
  'negativebinomial',
  'nb',
  'geometric',
  'geom',
  'hypergeometric',
  'categorical',
  'cat',
  'multinomial',
  'mult',
  'dirichlet',
  'dir',
  'cauchy',
  'lognormal',
  'logn',
  'gumbel',
  'weibull',
  'pareto',
  'student',
  'studentt',
  't',
  'chi',
  'logistic',
  'rademacher',
  'halfnormal',
  'halfcauchy',
  'wishart',
  'invwishart',
  'gp',
  'mvn',
  'u',
  'unif',
  'uniform',
  'normal',
  'n',
  'bernoulli',
  'ber',
  'bern',
]);

/** A law's word, alone or in a font command: `\mathrm{Beta}`, `\text{unif}`, `Poisson`. */
const LAW_HEAD =
  /^(\\(?:mathrm|text|textrm|operatorname\*?|mathcal|mathsf|mathbf|mathit)\s*\{\s*)?([A-Za-z-]+)\s*(\})?/;

/**
 * Whether a `\sim` right side names a law: a word of LAW_WORDS in a font command, or capitalised
 * (`\mathrm{Beta}(2, 2)`, `\text{unif}(0, 1)`, `Poisson(\lambda)`), or `\chi^2`. A lower-case
 * word or a command (`\exp(n)`, `\log n`) is a function: `a_n \sim \exp(n)` is asymptotic.
 */
export function namesLaw(rhsText: string): boolean {
  const text = rhsText.trim();
  if (/^\\chi\s*\^/.test(text)) return true;
  // `G \sim \Gamma(k, \theta)`: the Gamma law by its capital letter. The Gamma function takes one
  // argument, and a name distributed as the upper incomplete Γ(s, x) means nothing.
  if (/^\\(?:var)?Gamma\s*(?:\\left\s*)?\([^(),]+,[^(),]+(?:\\right\s*)?\)$/.test(text)) return true;
  const m = LAW_HEAD.exec(text);
  if (!m || (m[1] !== undefined) !== (m[3] !== undefined)) return false;
  if (!m[1] && !/^[A-Z]/.test(m[2])) return false;
  const word = m[2].toLowerCase().replace(/-/g, '');
  const rest = text.slice(m[0].length);
  // A law is applied to its parameters; a one-letter law also by a subscript (`t_\nu`).
  const applied = /^\s*(?:\\left\s*)?\(/.test(rest) || (word.length === 1 && /^\s*_/.test(rest));
  return LAW_WORDS.has(word) && (applied || (word.length > 1 && /^\s*(?:[_^]|$)/.test(rest)));
}

/** A law given in the text (`rhsText`) that derivcheck does not sample, for the random variable `name`. */
export function unsampledLaw(name: string, rhsText: string): Distribution {
  return { kind: 'Unsampled', name, law: rhsText.trim().replace(/\s+/g, ' ') };
}

/** A random variable introduced afresh in running text after its law: the words may give another. */
export function replacedLaw(name: string, previous: string): Distribution {
  return { kind: 'Unsampled', name, law: null, previous };
}

/** Why a claim about a variable of such a law is not checked: the place, the law, what to do. */
export function unsampledReason(d: Extract<Distribution, { kind: 'Unsampled' }>): string {
  if (d.law === null)
    return (
      `${d.name} is introduced afresh in running text after its law (${d.previous}) was declared, so ` +
      `its law may now be the one the words describe: declare it again (${d.name} \\sim …) to have ` +
      'claims about it checked'
    );
  if (d.why) return `${d.name} is distributed as ${d.law}, but ${d.why}`;
  return (
    `${d.name} is distributed as ${d.law}, a law derivcheck does not sample (it samples ` +
    '\\mathrm{Bernoulli}(p), \\mathcal{N}(\\mu, \\sigma^2), \\mathrm{Uniform}(a, b), ' +
    '\\mathrm{Poisson}(\\lambda), \\mathrm{Exponential}(\\lambda), \\mathrm{Beta}(a, b), ' +
    '\\mathrm{Bin}(n, p) and ' +
    '\\mathrm{Geom}(p) with number parameters), so claims about its values are not checked'
  );
}

/** Whether the left side of a `\sim` at `start` follows a conditioning bar (`\theta \mid h \sim …`). */
export function conditionedBefore(source: string, start: number): boolean {
  return /(?:\\mid|\\vert|\|)\s*$/.test(source.slice(Math.max(0, start - 12), start));
}

export const CONDITIONAL_LAW =
  'a conditional law (x \\mid y \\sim …) is not read: it gives the law of x given y, not a law of y; ' +
  'declare the variables with their own laws to have claims about them checked';

/**
 * "Let $P \sim \mathrm{U}(0, 1)$ and, given $P = p$, $Y \sim \mathrm{Bin}(n, p)$": the words just
 * before a law fix a random variable at a value ("given", "conditional(ly) on", "conditioned on"),
 * and the law uses that value, so it is the law of Y given P, not Y's own. The variable and its
 * value as written, or null. Only the sentence of the law counts.
 */
export function conditioningBefore(
  source: string,
  start: number,
  lawText: string,
): { variable: string; value: string } | null {
  const before = source.slice(Math.max(0, start - 240), start);
  const sentence = before.slice(
    Math.max(0, ...[/[.!?]\s+(?=\S)/g, /\n\s*\n/g].map((re) => lastEnd(before, re))),
  );
  const given =
    /\b(?:given(?:\s+that)?|conditional(?:ly)?\s+on|conditioned\s+on)\s+(?:\$\$?|\\\(|\\\[)\s*([^$=]+?)\s*=\s*([^$=]+?)\s*(?:\$\$?|\\\)|\\\])/gi;
  let found: { variable: string; value: string } | null = null;
  for (const m of sentence.matchAll(given)) {
    const value = m[2].trim();
    const token = new RegExp(`(?<![A-Za-z\\\\])${value.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(?![A-Za-z])`);
    // `given $Y = 1$, $X \sim \mathcal{N}(2, 1)$`: at a number the law is one case of a mixture over
    // Y's values whether or not it writes the number.
    if (token.test(lawText) || /^-?\d+(?:\.\d+)?$/.test(value)) found = { variable: m[1].trim(), value };
  }
  return found;
}

function lastEnd(text: string, re: RegExp): number {
  let end = 0;
  for (const m of text.matchAll(re)) end = m.index + m[0].length;
  return end;
}

/** Why a law given a random variable's value is not read as the variable's own law. */
export function conditionalLawReason(variable: string, value: string): string {
  return (
    `that is its law given ${variable} = ${value} (${variable} is random), not its own: its own law ` +
    `mixes these over ${variable}'s law, which derivcheck does not derive; state claims about it given ` +
    `${variable} (\\mathbb{E}[… \\mid ${variable} = …]) or declare its own law to have them checked`
  );
}

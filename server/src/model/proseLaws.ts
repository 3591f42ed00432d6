// "Let $X, Y$ be independent Uniform(0,1)", "Let $X$ and $Y$ be i.i.d. $\text{Exp}(\lambda)$",
// "$\delta_1, \delta_2$ are i.i.d. draws from a standard Gaussian", "$S_1, S_2, S_3$ are independent,
// each exponential with rate $\mu$": the law of listed random variables given in the words after
// them, not after a `\sim`. The words must name one law with its parameters (a law span, a law
// written in the text with number parameters, "standard normal", "exponential with rate $…$");
// anything else is not read, and the names keep whatever the text gave them.
import type { Node } from '../math/tree';
import type { Distribution } from './types';

/**
 * Independence said of the names: "i.i.d.", "iid", "independent (and identically distributed)";
 * LaTeX writes the abbreviation's space as a control space, "i.i.d.\ ", lest it end a sentence.
 */
const INDEPENDENT =
  String.raw`(?:i\.\s*i\.\s*d\.?(?:\\\s)?|iid|(?:mutually\s+)?independent` +
  String.raw`(?:\s+and\s+identically\s+distributed)?)`;
const NOUN = String.raw`(?:random\s+variables?|variables?|draws|samples|observations|copies|lifetimes)`;
/** The words between the names and the law: a verb, the independence, a noun, "drawn from a". */
const LEAD = new RegExp(
  String.raw`^\s*,?\s*(?:be|are|is)\s+(?:all\s+|both\s+)?(?:(${INDEPENDENT})\s*,?\s*)?` +
    String.raw`(?:${NOUN}\s*,?\s*)?(?:each\s+)?(?:(?:drawn|sampled|distributed)\s+)?` +
    String.raw`(?:(?:from|as|according\s+to)\s+)?(?:an?\s+|the\s+)?`,
  'i',
);

/** What the words after the names say: whether they are independent, and the words left after the lead. */
export interface ProseLawLead {
  independent: boolean;
  rest: string;
}

export function proseLawLead(after: string): ProseLawLead | null {
  const m = LEAD.exec(after);
  if (!m) return null;
  return { independent: m[1] !== undefined, rest: after.slice(m[0].length) };
}

/** The laws written in words with number parameters, by their lower-cased names, and their arity. */
const TEXT_LAWS: Record<string, { arity: number; make: (args: Node[]) => Distribution }> = {};
const normal = (a: Node[]): Distribution => ({ kind: 'Normal', mean: a[0], variance: a[1] });
const uniform = (a: Node[]): Distribution => ({ kind: 'Uniform', a: a[0], b: a[1] });
const bernoulli = (a: Node[]): Distribution => ({ kind: 'Bernoulli', p: a[0] });
const law =
  (name: 'Poisson' | 'Exponential' | 'Binomial') =>
  (a: Node[]): Distribution => ({ kind: 'Law', law: name, a: a[0], b: a[1] ?? null });
for (const w of ['n', 'normal', 'gaussian']) TEXT_LAWS[w] = { arity: 2, make: normal };
for (const w of ['u', 'unif', 'uniform']) TEXT_LAWS[w] = { arity: 2, make: uniform };
for (const w of ['ber', 'bern', 'bernoulli']) TEXT_LAWS[w] = { arity: 1, make: bernoulli };
for (const w of ['exp', 'expo', 'exponential']) TEXT_LAWS[w] = { arity: 1, make: law('Exponential') };
for (const w of ['pois', 'poisson']) TEXT_LAWS[w] = { arity: 1, make: law('Poisson') };
for (const w of ['bin', 'binom', 'binomial']) TEXT_LAWS[w] = { arity: 2, make: law('Binomial') };

/** The end of the lead when a law in plain text follows: `Uniform(0,1)`, `Exp(2)`, `N(0, 1)`. */
const TEXT_LAW = /^([A-Za-z]{1,12})\s*\(\s*(-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)?)\s*\)/;

/**
 * A law written in the words with number parameters (`Uniform(0,1)`, `Poisson(2)`), or "standard
 * normal" (𝒩(0, 1)), "standard uniform" (U(0, 1)); `at` is the offset of `rest` in the source.
 */
export function textLaw(rest: string, at: number): { dist: Distribution; text: string } | null {
  const num = (value: number, text: string, start: number): Node =>
    ({ kind: 'num', value, text, start, end: start + text.length }) as Node;
  const m = TEXT_LAW.exec(rest);
  if (m) {
    const spec = TEXT_LAWS[m[1].toLowerCase()];
    // A law's name starts with a capital (`N(0, 1)`, `Uniform(0,1)`): `exp(2)` is the function.
    if (!spec || !/^[A-Z]/.test(m[1])) return null;
    const parts = m[2].split(',').map((x) => x.trim());
    if (parts.length !== spec.arity) return null;
    const start = at + m[0].indexOf('(') + 1;
    const args = parts.map((p) => num(Number(p), p, start));
    return { dist: spec.make(args), text: m[0] };
  }
  const s = /^standard\s+(normal|gaussian|uniform)\b/i.exec(rest);
  if (s) {
    const [a, b] = [num(0, '0', at), num(1, '1', at)];
    return { dist: s[1].toLowerCase() === 'uniform' ? uniform([a, b]) : normal([a, b]), text: s[0] };
  }
  return null;
}

/** The words before a parameter's span that name its law: "exponential with rate", "Poisson with mean". */
const RATE_WORDS =
  /^(exponential|exponentially\s+distributed|poisson)\s+(?:random\s+variables?\s+|variables?\s+)?with\s+(?:rate|mean|parameter)\s*$/i;

/** The law whose one parameter the next span gives, after words such as "exponential with rate". */
export function rateLaw(rest: string, parameter: Node): Distribution | null {
  const m = RATE_WORDS.exec(rest);
  if (!m) return null;
  const poisson = /^poisson/i.test(m[1]);
  // An exponential's mean is not its rate: only "rate" (or "parameter") is read for it.
  if (!poisson && /\bmean\s*$/i.test(rest)) return null;
  return { kind: 'Law', law: poisson ? 'Poisson' : 'Exponential', a: parameter, b: null };
}

/**
 * After the law, words that make it one of several ("$\mathrm{Exp}(\lambda_1)$ and
 * $\mathrm{Exp}(\lambda_2)$ respectively"), or a conditional law ("given …"): not read.
 */
export function lawContinues(after: string): boolean {
  const clause = after.split(/[.;!?](?:\s|$)/)[0];
  if (/\brespectively\b/i.test(clause)) return true;
  // "…, and $M = \max(U_1, U_2)$": math after "and" that states a relation starts a clause of its own.
  const relation = /^\s*(?:,\s*)?(?:and|or)\s*(?:\$|\\\()([^$]*?)(?:\$|\\\))/i.exec(after);
  if (relation && /=|<|>|\\(?:sim|in|le|ge|leq|geq|neq)\b/.test(relation[1])) return false;
  const another = String.raw`(?:and|or)\s*(?:\$|\\\(|[A-Z][A-Za-z]*\s*\()`;
  return new RegExp(String.raw`^\s*(?:,\s*)?(?:${another}|given\b|conditional|conditioned)`, 'i').test(after);
}

/** Why listed variables given a law in words without saying they are independent are not sampled. */
export function jointLawReason(names: string[]): string {
  return (
    `the text does not say that ${names.join(', ')} are independent, and claims about them depend on how ` +
    'they are joined: say "independent" (or "i.i.d.") where the law is given to have them checked'
  );
}

// "Let $X_1, \dots, X_n$ be i.i.d. with mean $\mu$ and variance $\sigma^2$", "the inputs $x_j$ are
// independent with mean $0$ and variance $\sigma_x^2$": a family of independent random variables
// whose law the words give only by its first two moments. A careful reader takes every law with
// those moments: the checker samples several (check/laws.ts MOMENT_FAMILIES) and verifies a claim
// only when it holds under each (check/claim/momentLaws.ts).

import type { SymNode } from '../math/tree';

/** Independence said of the names before: "i.i.d.", "iid", "independent (and identically distributed)". */
const INDEPENDENCE_WORDS = [
  String.raw`i\.\s*i\.\s*d\.?(?:\\\s)?`,
  'iid',
  String.raw`independent(?:\s+and\s+identically\s+distributed)?`,
  String.raw`independently\s+drawn`,
].join('|');
/** What the names are called between the independence and the moments: "random variables", "copies". */
const NOUNS = [
  'random\\s+variables?|variables?|copies|draws|samples',
  'entries|components|coordinates|terms|observations|values',
].join('|');
const NOUN = String.raw`(?:(${NOUNS})\s*,?\s*)`;
/** The nouns that say the law is of each entry of a declared vector or matrix. */
const ENTRY_NOUN = /^(?:entries|components|coordinates)/i;
const INDEPENDENT = `(?:${INDEPENDENCE_WORDS})`;
const VERB = String.raw`(?:(?:be|are|is|being|have|has)\s+(?:all\s+)?)`;
const ARTICLE = String.raw`(?:an?\s+)`;
/** "with mean", or "have mean" ("let $X$ have mean $3$ and variance $4$") right after the verb. */
const WITH = String.raw`(?:with\s+|(?<=\b(?:have|has|having)\s+))`;

/** The words after the names, up to the mean's span: the mean then follows in math. */
const LEAD = new RegExp(
  String.raw`^\s*,?\s*${VERB}?(?:(${INDEPENDENT})\s*,?\s*)?${ARTICLE}?${NOUN}?(?:each\s+)?${WITH}mean\s*$`,
  'i',
);
/** The same words with the mean zero in words: the variance's span follows. */
const LEAD_ZERO = new RegExp(
  String.raw`^\s*,?\s*${VERB}?(?:(${INDEPENDENT})\s*,?\s*)?${ARTICLE}?${NOUN}?(?:each\s+)?` +
    String.raw`${WITH}(?:mean\s+(?:zero|0)|zero\s+mean)\s*(?:,\s*)?and\s+variance\s*$`,
  'i',
);
/** Between the mean's span and the variance's. */
const THEN_VARIANCE = /^\s*,?\s*and\s+variance\s*$/i;
/** After the variance's span, words that leave the law open: a law named there is not this reading's. */
const LAW_NAMED_AFTER =
  /^\s*(?:\$\$?|\\\))?\s*,?\s*(?:each\s+)?(?:(?:normal|gaussian|uniform|bernoulli|poisson|laplace|exponential)\b|\(?\s*(?:normally|uniformly)\b)/i;

export interface MomentLead {
  /** Whether the words said the names are independent (i.i.d.): a family needs it. */
  independent: boolean;
  /** The mean said in words (zero), or null when a math span gives it. */
  zeroMean: boolean;
  /** "have independent entries with …": the law is of each entry of a declared vector or matrix. */
  entries: boolean;
}

/**
 * A clause that gives the moments to a plural noun instead of a name: "the $w_i$ and $x_i$ are
 * mutually independent, the weights have mean zero and variance $2/n$, and the inputs have mean zero
 * and variance $v$". The words right before the variance's span (the mean zero in words), or right
 * before the mean's span.
 */
const NOUN_SUBJECT =
  String.raw`(?:^|[,;]|\band|\bwhile)\s*(?:the|their)\s+[a-z]+s\s+` +
  String.raw`(?:each\s+|all\s+)?(?:have|with)\s+`;
const NOUN_LEAD_ZERO = new RegExp(
  String.raw`${NOUN_SUBJECT}(?:mean\s+(?:zero|0)|zero\s+mean)\s*,?\s*and\s+variance\s*$`,
  'i',
);
const NOUN_LEAD = new RegExp(String.raw`${NOUN_SUBJECT}mean\s*$`, 'i');

/** The moments a noun clause before a span gives (null when the words are no such clause). */
export function nounMomentLead(before: string): { zeroMean: boolean } | null {
  if (NOUN_LEAD_ZERO.test(before)) return { zeroMean: true };
  if (NOUN_LEAD.test(before)) return { zeroMean: false };
  return null;
}

/** Names said to be independent by a sentence, and the noun clauses of it that gave moments so far. */
export interface SaidIndependent {
  sentence: number;
  names: SymNode[];
  given: number;
}

/** What the words right after the names say, or null when they do not give a law by its moments. */
export function momentLead(after: string): MomentLead | null {
  const zero = LEAD_ZERO.exec(after);
  if (zero)
    return { independent: zero[1] !== undefined, zeroMean: true, entries: ENTRY_NOUN.test(zero[2] ?? '') };
  const lead = LEAD.exec(after);
  if (lead)
    return { independent: lead[1] !== undefined, zeroMean: false, entries: ENTRY_NOUN.test(lead[2] ?? '') };
  return null;
}

/** "…, $X_n$ be i.i.d. copies of $X$": the names are independent members of the law of the span after. */
const COPIES = new RegExp(
  String.raw`^\s*,?\s*${VERB}?(?:${INDEPENDENT}\s*,?\s*)?(?:independent\s+)?copies\s+of\s*$`,
  'i',
);

/** The same words with both moments written as plain numbers: "i.i.d. with mean 2 and variance 3". */
const LEAD_NUMBERS = new RegExp(
  String.raw`^\s*,?\s*${VERB}?(?:(${INDEPENDENT})\s*,?\s*)?${ARTICLE}?${NOUN}?(?:each\s+)?${WITH}` +
    String.raw`mean\s+(-?\d+(?:\.\d+)?)\s*,?\s*and\s+variance\s+(\d+(?:\.\d+)?)` +
    // Nothing that makes the number part of something else ("variance 3 times that of Y").
    String.raw`(?=\s*(?:[.,;:)!?]|$|(?:and|then|so|where|with|each|respectively|for)\b))`,
  'i',
);

/**
 * What the words right after the names say when they write the moments as plain numbers, or null:
 * the lead, the two numbers and the length of the words that state them.
 */
export function momentNumbersInWords(
  after: string,
): { lead: MomentLead; mean: number; variance: number; length: number } | null {
  const m = LEAD_NUMBERS.exec(after);
  if (!m) return null;
  const lead = { independent: m[1] !== undefined, zeroMean: false, entries: ENTRY_NOUN.test(m[2] ?? '') };
  return { lead, mean: Number(m[3]), variance: Number(m[4]), length: m[0].length };
}

/** Whether the words right after the names make them copies of the variable in the next span. */
export function copiesLead(after: string): boolean {
  return COPIES.test(after) && /\b(?:i\.\s*i\.\s*d|iid|independent)/i.test(after);
}

/** The words between the mean's span and the variance's. */
export function thenVariance(between: string): boolean {
  return THEN_VARIANCE.test(between);
}

/** Words after the variance that name a law ("…, normally distributed"): not a law of moments only. */
export function lawNamedAfter(after: string): boolean {
  return LAW_NAMED_AFTER.test(after);
}

/**
 * "Given it is kept, its output $Z$ has mean $4$": moments the sentence states under a condition
 * are a conditional law's, not the variable's. ("If the entries … are independent with mean …" is
 * the setting's hypothesis, not a condition on an event.)
 */
export function conditionalSentence(wordsBefore: string): boolean {
  const sentence = wordsBefore.slice(wordsBefore.search(/[^.!?]*$/));
  return /\b(?:given|conditional(?:ly)?\s+on|conditioned\s+on)\b/i.test(sentence);
}

/**
 * "$X$ and $Y$ are independent, then …", "be independent random variables.": the independence with no
 * law or moments after it ("independent with mean …", "independent Uniform(0, 1)" are read elsewhere).
 */
const INDEPENDENT_ALONE =
  /^\s*,?\s*(?:be|are)\s+(?:mutually\s+)?independent(?:\s+random\s+variables)?\s*(?:[,.;:]|then\b|$)/i;

export function independentAlone(after: string): boolean {
  return INDEPENDENT_ALONE.test(after);
}

// Which derivative layout a document states. Authors lay ∂Y/∂X out in two conventions
// (check/layout.ts); a document says which in a directive (`layout numerator`) or in a sentence.

export type Layout = 'numerator' | 'denominator';

const NUMERATOR = /\bnumerator[- ]layout\b/i;
const DENOMINATOR = /\bdenominator[- ]layout\b/i;
/** A clause that supposes ("if your textbook uses …", "unless you prefer …") asserts nothing. */
const SUPPOSING = /^[\s)\]"'*_]*(?:and\s+|but\s+|so\s+)?(?:if|unless|suppose|supposing|in case|whereas)\b/i;
/** The layout as an adjective of a formula ("that is the numerator-layout answer") classifies that
 * formula; it does not say which layout the document uses. */
const CLASSIFYING =
  /\b(?:numerator|denominator)[- ]layout\s+(?:answers?|results?|versions?|forms?|formulas?)\b/i;

/** The clauses of a sentence that assert: not a supposition, not a formula's classification. */
function assertingText(sentence: string): string {
  return sentence
    .split(/[,:(—–]|\s-\s/)
    .filter((clause) => !SUPPOSING.test(clause) && !CLASSIFYING.test(clause))
    .join(' ');
}

/** A layout stated in prose: the last sentence that names one layout and not the other. A layout
 * named only in a supposition ("if your textbook uses numerator layout, transpose …") or as the
 * kind of some formula ("that is the numerator-layout answer") is not the document's. */
export function statedLayout(prose: string): Layout | null {
  let found: Layout | null = null;
  for (const sentence of prose.split(/[.!?;][)\]"'”’*_]*(?:\s|$)/)) {
    const asserted = assertingText(sentence);
    const numerator = NUMERATOR.test(asserted);
    const denominator = DENOMINATOR.test(asserted);
    if (numerator !== denominator) found = numerator ? 'numerator' : 'denominator';
  }
  return found;
}

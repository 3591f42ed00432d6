// "where $s_j$ are the singular values of $X$", "$\lambda_{\max}$ and $\lambda_{\min}$ are the
// largest and smallest eigenvalues of $Q$", "the eigenvalues $\lambda_1, \dots, \lambda_n$ of $A$":
// words that name a matrix's spectrum. A careful reader takes them as definitions — the family
// (s_j the j-th largest singular value) or the extreme (λ_max = λ_max(Q)) — and can then check
// `\operatorname{tr}(H) = \sum_j \frac{s_j^2}{s_j^2 + \lambda}` or `\kappa = \lambda_{\max}/\lambda_{\min}`.

/** Which spectrum: eigenvalues (of a symmetric matrix) or singular values. */
export type SpectrumKind = 'eigen' | 'singular';
export type Extreme = 'largest' | 'smallest';

export interface SpectrumWords {
  kind: SpectrumKind;
  /** The extremes named in order ("largest and smallest"), one per name; null for the whole family. */
  extremes: Extreme[] | null;
}

const LARGEST = String.raw`largest|biggest|maximum|max|maximal|top|leading|greatest`;
const SMALLEST = String.raw`smallest|minimum|min|minimal|least|lowest`;
const EXTREME = String.raw`(?:${LARGEST}|${SMALLEST})`;
const NOUN = String.raw`(eigen-?values?|singular\s+values?)`;
/** "of $A$", "of the Hessian $H$", "of the data matrix $X$". */
const OF = String.raw`\s+of(?:\s+the(?:\s+[a-z-]+){0,2})?\s*`;

/** Between the names and the matrix: "are the eigenvalues of", "is the largest singular value of". */
const AFTER_NAMES = new RegExp(
  String.raw`^\s*,?\s*(?:(?:is|are|be|being|denotes?|denoting)\s+)?(?:the\s+|its\s+)?` +
    String.raw`((?:${EXTREME})(?:\s+and\s+(?:the\s+)?${EXTREME})?\s+)?${NOUN}${OF}$`,
  'i',
);
/** Before the names: "the eigenvalues", "the two largest singular values"; then "of" up to the matrix. */
const BEFORE_NAMES = new RegExp(
  String.raw`\bthe\s+(?:(?:ordered|real|nonzero|non-zero)\s+)?` +
    String.raw`((?:${EXTREME})(?:\s+and\s+(?:the\s+)?${EXTREME})?\s+)?${NOUN}\s*$`,
  'i',
);
const BETWEEN_BEFORE = new RegExp(`^${OF}$`, 'i');

function extremesOf(words: string | undefined): Extreme[] | null {
  if (!words) return null;
  return words
    .toLowerCase()
    .split(/\s+and\s+/)
    .map((w) => (new RegExp(`\\b(?:${LARGEST})\\b`).test(w) ? 'largest' : 'smallest'));
}

function readWords(m: RegExpExecArray | null): SpectrumWords | null {
  if (!m) return null;
  return { kind: /^eigen/i.test(m[2]) ? 'eigen' : 'singular', extremes: extremesOf(m[1]) };
}

/**
 * What the words around a span of names say of them when the next span is the matrix: `between`
 * the names and the matrix, `before` the names (the end of the sentence up to them).
 */
export function spectrumWords(before: string, between: string): SpectrumWords | null {
  const after = readWords(AFTER_NAMES.exec(between));
  if (after) return after;
  if (!BETWEEN_BEFORE.test(between)) return null;
  return readWords(BEFORE_NAMES.exec(before));
}

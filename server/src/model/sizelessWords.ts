// "Let $A$ be an invertible matrix and $u, v$ vectors", "for an orthogonal matrix $Q$": words that
// make names matrices and vectors without giving a size ("a", "an", "two", "any" — not "the", which
// refers to an object the text gave). A careful reader takes them as of
// compatible sizes — square matrices and vectors of one length, as the identity that follows
// (Sherman–Morrison, det(Bᵀ) = det B) needs — and checks it for every such size. The length is a
// size name of its own (WORDS_SIZE), so nothing else of the text is changed by it.

/** Adjectives between the article and the noun. */
const ADJECTIVE =
  String.raw`(?:real|invertible|nonsingular|non-singular|square|symmetric|orthogonal|diagonal|arbitrary|` +
  String.raw`given|fixed|column|nonzero|non-zero|unit|positive\s+(?:semi-?)?definite)`;
const ADJECTIVES = String.raw`(?:${ADJECTIVE}\s+(?:and\s+)?)*`;

/** After the names: "be an invertible matrix", "are vectors", " vectors with". */
const AFTER = new RegExp(
  String.raw`^\s*(?:(?:is|are|be|being)\s+)?(?:(?:an?|two|both|any|some)\s+)?` +
    String.raw`${ADJECTIVES}(matrix|matrices|vectors?)\b`,
  'i',
);
/** Before the names: "an orthogonal matrix", "two vectors". */
const BEFORE = new RegExp(
  String.raw`\b(?:an?|two|any|some|every|each)\s+${ADJECTIVES}(matrix|matrices|vectors?)\s*$`,
  'i',
);

/**
 * Before the names, an adjective only matrices take, with no noun: "for orthogonal $Q$", "for any
 * square $A$", "given invertible $M$" (not "real" or "nonzero", which numbers take too).
 */
const MATRIX_ONLY =
  String.raw`(?:invertible|nonsingular|non-singular|square|symmetric|orthogonal|unitary|diagonal|` +
  String.raw`(?:upper|lower)[\s-]+triangular|positive\s+(?:semi-?)?definite)`;
const BEFORE_ADJECTIVE = new RegExp(
  String.raw`\b(?:for|with|given|take|let)\s+(?:(?:an?|any|all|every|each|some)\s+)?` +
    String.raw`(?:${MATRIX_ONLY}\s+(?:and\s+)?)+$`,
  'i',
);

/**
 * After the names, an adjective only matrices take, with no noun: "whenever $A$ is symmetric", "if
 * $A$ and $B$ are square" (not "orthogonal to", a relation between vectors).
 */
const AFTER_ADJECTIVE = new RegExp(
  String.raw`^\s*(?:is|are)\s+(?:both\s+)?(?:${MATRIX_ONLY})\b(?!\s*(?:-|to\b|in\b|of\b|root))`,
  'i',
);

/** Whether the words after the names make them matrices with an adjective alone (AFTER_ADJECTIVE). */
export function matrixAdjectiveAfter(after: string): boolean {
  return AFTER_ADJECTIVE.test(after);
}

/** What the words make the names: square matrices or vectors; null when they say neither. */
export function sizelessNoun(before: string, after: string): 'matrix' | 'vector' | null {
  if (BEFORE_ADJECTIVE.test(before) || AFTER_ADJECTIVE.test(after)) return 'matrix';
  const m = AFTER.exec(after) ?? BEFORE.exec(before);
  if (!m) return null;
  return /^matri/i.test(m[1]) ? 'matrix' : 'vector';
}

/**
 * The size such words give: a letter no document writes (a build reads each item once, so a choice
 * that looked at the whole text would differ between an edit's build and a fresh one).
 */
export const WORDS_SIZE = 'n_{\\text{size}}';

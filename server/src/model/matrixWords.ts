// "Let $Q \in \mathbb{R}^{n \times n}$ be an orthogonal matrix", "where $U$ and $V$ are orthogonal",
// "$W$ has orthonormal columns", "a symmetric matrix $S$": words that say what kind of matrix a
// declared name is. A careful reader samples such matrices only (QᵀQ = I holds for every one); a
// claim that needs the property would otherwise be refuted by a general matrix.

/**
 * What the words say of a matrix: orthonormal columns (square: orthogonal), symmetric, positive
 * definite, diagonal, (row-)stochastic; or of a vector: unit, probability (entries ≥ 0 summing to 1).
 */
export type MatrixKind =
  | 'orthogonal'
  | 'symmetric'
  | 'spd'
  | 'diagonal'
  | 'stochastic'
  | 'unit'
  | 'probability'
  | 'unsampled';

/** Kinds whose objects are vectors; the others are matrices. */
export const VECTOR_KINDS: ReadonlySet<MatrixKind> = new Set(['unit', 'probability']);

/**
 * Kinds of matrix the words may name that no sample is drawn as: "$K$ is skew-symmetric", "an upper
 * triangular matrix $T$", "$P$ positive semidefinite", "a permutation matrix $R$". A general matrix
 * drawn in its place is not what the author wrote, so a claim on it is never refuted by such samples
 * (check/claim.ts). Nouns that also name other things count only before "matrix".
 */
const UNSAMPLED =
  '(?:positive|negative)(?:-|\\s+)semi-?definite|(?:strictly\\s+)?(?:upper|lower)(?:-|\\s+)triangular|' +
  'triangular|idempotent|nilpotent|skew(?:-|\\s+)symmetric|anti-?symmetric|unitary|hermitian|involutory|' +
  'tridiagonal|toeplitz|circulant|doubly(?:-|\\s+)stochastic|singular|rank(?:-|\\s+)(?:one|1|deficient)|' +
  'low(?:-|\\s+)rank|(?:projection|permutation|rotation|reflection|householder|normal|nonnegative|' +
  'block(?:-|\\s+)diagonal|banded)(?=\\s+matri)';
const UNSAMPLED_WORD = new RegExp(`\\b(${UNSAMPLED})`, 'i');

/** The words that name a kind no sample is drawn as, when `words` has them. */
export function unsampledKindIn(words: string): string | null {
  const m = UNSAMPLED_WORD.exec(words);
  return m ? m[1].replace(/\s+/g, ' ').toLowerCase() : null;
}

// "unit", "probability" and "transition" name a kind only with their noun ("a unit vector", "a
// probability vector", "the transition matrix"): "unit norm", "probability of" say something else.
const KIND =
  '(symmetric\\s+positive(?:-|\\s+)definite|positive(?:-|\\s+)definite|' +
  // French notes: "symétrique définie positive", "orthogonale", "diagonale".
  'sym[ée]trique\\s+d[ée]finie\\s+positive|d[ée]finie\\s+positive|sym[ée]trique|orthogonale|diagonale|' +
  'orthogonal|orthonormal|symmetric|diagonal|' +
  '(?:row[- ])?stochastic|unit(?=\\s+vectors?\\b)|probability(?=\\s+vectors?\\b)|transition(?=\\s+matri)|' +
  // "with rows summing to one", "whose rows sum to 1": read as a stochastic matrix, as `P\mathbf{1} =
  // \mathbf{1}` stated with the declaration is (model/constructed.ts).
  'rows\\s+(?:each\\s+)?(?:summing|that\\s+sum|sum)\\s+to\\s+(?:one|1)|' +
  // Kinds no sample is drawn as (UNSAMPLED): the words still say what the matrix is.
  `${UNSAMPLED})`;

/**
 * After the names: "is orthogonal", "are orthogonal", "be an orthogonal matrix", "has orthonormal
 * columns", or the adjective alone ("$P \\in \\mathbb{R}^{n \\times n}$ positive definite"), also in
 * brackets or set off by a comma ("$P \\in \\mathbb{R}^{n \\times n}$ (symmetric positive definite)").
 */
function afterPattern(follow: string): RegExp {
  return new RegExp(
    `^\\s*(?:[(,]\\s*)?(?:(?:is|are|be|being|est|sont|soit|soient)\\s+(?:(?:an?|the|both|all|each)\\s+)?|` +
      `(?:has|have|with|whose)\\s+)?` +
      `(?:(?:square|real)\\s+)?${KIND}(?![- ]?to\\b)` +
      // What may follow the kind: a noun, the end of a clause, or the next clause.
      `(\\s+(?:matrix|matrices|columns|factors?|vectors?)\\b|\\s*[${follow}]|\\s*$|` +
      `\\s+(?:and|with|where|so)\\b|` +
      // "is symmetric for an undirected graph", "for any θ": the kind in every case the text has.
      `\\s+for\\s+(?:an?|any|all|every|each)\\s)`,
    'i',
  );
}
const AFTER = afterPattern(',.;:)');
// A table row's condition cell ends at its pipe: "| $A$ symmetric |" (model/tableConditions.ts).
const AFTER_IN_CELL = afterPattern(',.;:)|');

/** Before the name: "an orthogonal matrix $Q$", "orthogonal matrices $U$". */
// "for a positive definite $P \\in \\mathbb{R}^{n \\times n}$": an article and the kind alone, the noun
// left to the declaration.
const BEFORE = new RegExp(
  `\\b(?:${KIND}\\s+(?:square\\s+)?(?:matrix|matrices|vectors?)|(?:an?|any|every|each|some)\\s+${KIND})\\s*$`,
  'i',
);
// "with symmetric positive definite $M \\in \\mathbb{R}^{n \\times n}$": a preposition and the kind, before
// a span that declares the name. Before a name alone ("only right for symmetric $A$") the words are
// a condition on an object the text has, not what kind of object it is.
const BEFORE_DECLARATION = new RegExp(
  `\\b(?:with|for|given|take)\\s+(?:(?:real|square)\\s+)?${KIND}\\s*$`,
  'i',
);

/** Words joining the names of one subject: "$U$ and $V$", "$U$, $V$". */
export const NAME_JOINER = /^\s*(?:,|and|,\s*and)\s*$/i;

function kindOf(word: string): MatrixKind {
  const w = word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/^(symetr|orthogon|diagon)[a-z]*$/, (_, stem: string) =>
      stem === 'symetr' ? 'symmetric' : stem === 'orthogon' ? 'orthogonal' : 'diagonal',
    );
  // The nouns among them ("projection") match only before "matrix", which the word then had.
  if (new RegExp(`^(?:${UNSAMPLED})`, 'i').test(`${w} matrix`)) return 'unsampled';
  if (w.includes('definite') || w.includes('definie')) return 'spd';
  if (w.includes('stochastic') || w === 'transition' || w.startsWith('rows')) return 'stochastic';
  if (w === 'symmetric' || w === 'diagonal' || w === 'unit' || w === 'probability') return w;
  return 'orthogonal';
}

export function matrixKindAfter(words: string, inConditionCell = false): MatrixKind | null {
  const m = (inConditionCell ? AFTER_IN_CELL : AFTER).exec(words);
  // "orthogonal to $v$" is a relation between objects, not a kind of matrix (excluded above).
  return m ? kindOf(m[1]) : null;
}

// "for orthogonal $Q$", "given symmetric $S$": the kind after "for", "with", "given" alone, no article.
const AFTER_PREPOSITION = new RegExp(
  `\\b(?:for|with|given)(?:\\s+(?:any|all|every|each))?\\s+${KIND}\\s*$`,
  'i',
);

/**
 * The kind "for orthogonal $Q$" says: of a name it introduces, as with an article; of a name the text
 * had already (`A \in \mathbb{R}^{n \times n}`, then "only right for symmetric $A$:"), for the
 * sentence only — the author qualifies one statement, not the matrix from then on.
 */
export function matrixKindAfterPreposition(words: string): MatrixKind | null {
  const m = AFTER_PREPOSITION.exec(words);
  return m ? kindOf(m[1]) : null;
}

export function matrixKindBefore(words: string, declares = false): MatrixKind | null {
  const m = BEFORE.exec(words) ?? (declares ? BEFORE_DECLARATION.exec(words) : null);
  return m ? kindOf(m[1] ?? m[2]) : null;
}

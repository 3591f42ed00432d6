// "$X$ is invertible whenever $X^{-1}$ appears", "for a nonsingular $A$", "$B$ is square": words
// that make a matrix square. A matrix declared m×n with two size letters and then said invertible
// is m×m: an inverse, a determinant or a trace of it is no shape error (model/build.ts).

// "the square of", "square-integrable", "square root" say something else.
const SQUARE_WORD = String.raw`(?:invertible|nonsingular|non-singular|square(?![-\w]|\s+(?:of|roots?)\b))`;

/** After the name: "is invertible", "be a square matrix", "(nonsingular)". */
const AFTER = new RegExp(
  String.raw`^\s*(?:[(,]\s*)?(?:(?:is|are|be|being)\s+(?:(?:an?|the)\s+)?)?${SQUARE_WORD}(?![-\w])`,
  'i',
);

/** Before the name: "an invertible $X$", "for nonsingular matrices $A$". */
const BEFORE = new RegExp(String.raw`\b${SQUARE_WORD}\s+(?:(?:real\s+)?matri(?:x|ces)\s*)?$`, 'i');

/**
 * Whether the words around a span say the matrix it names is square: 'stated' after it ("$X$ is
 * invertible"), 'qualified' before it ("for square $X$", "an invertible $X$": its sentence only).
 */
export function saysSquare(wordsBefore: string, wordsAfter: string): 'stated' | 'qualified' | null {
  if (AFTER.test(wordsAfter)) return 'stated';
  return BEFORE.test(wordsBefore.slice(-60)) ? 'qualified' : null;
}

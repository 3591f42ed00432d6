// "The minibatch $X$ is $N \times D$", "$W$ has shape $D \times C$", "$b$ is a vector of length $C$":
// homework solutions give shapes in words without the noun "matrix". A careful reader takes them as
// declarations, as `X \in \mathbb{R}^{N \times D}` would be. A bare "is" with a product of sizes
// could also state a number (`$P$ is $3 \times 4$`), so there only a capital (matrix) letter that
// means nothing yet is declared; "shape", "size" and "dimension(s)" say it is a shape for any name.
import type { Node, SymNode } from '../math/tree';

/**
 * Between a name and a size that is its shape: "is", "are also", ", which is" (an apposition),
 * "has shape", "of size", "(", and the French "de taille", "de dimension", "de format" ("avec $X$
 * de taille $m \times n$"), which only say a shape.
 */
const NAME_IS = /^\s*(?:,\s*(?:which|that)\s+)?(?:is|are|be)\s+(?:also\s+)?$/i;
const NAME_HAS_SHAPE =
  /^\s*(?:(?:is|are)\s+(?:also\s+)?of\s+|(?:has|have|with|of)\s+)(?:shape|size|dimensions?)\s*:?\s*$|^\s*\(\s*(?:shape|size)?\s*:?\s*$|^\s*(?:(?:est|sont)\s+)?de\s+(?:taille|dimensions?|format)\s*:?\s*$/i;

/**
 * What may follow a shape given in words: the clause ends (a stop, or the paragraph without one, as
 * notes often end), a parenthesis, "and" ("et"), a dash.
 */
export const SHAPE_END =
  /^(?:\s*$|[ \t]*\n[ \t]*\n|\s*[,.;:()]|\s+(?:and|with|where|one|holding|containing|et|avec|où)(?![\p{L}])|\s+[—–-])/iu;

/** Between a name and one size that makes it a square matrix: "square of size", "carrée de taille". */
export const SQUARE_OF_SIZE =
  /^\s*(?:(?:is|est)\s+)?(?:a\s+)?(?:square(?:\s+matrix)?\s+of\s+(?:size|order)|carrée\s+de\s+(?:taille|dimension|format))\s*$/i;

/** A lone size: a letter or a whole number (`n`, `4`). */
export function isLoneSize(n: Node): boolean {
  return n.kind === 'num' || (n.kind === 'sym' && n.primes === 0);
}

/** Between a name and a vector's length: "is a vector of length", "be a vector of size". */
const NAME_IS_VECTOR_OF =
  /^\s*(?:is|be|are)\s+(?:an?\s+)?(?:real\s+)?(?:column\s+|row\s+)?vectors?\s+(?:of\s+(?:length|size|dimension)|in\s+dimension|with)\s*$/i;
/** After "with": "… with $C$ entries / components / elements". */
const ENTRIES_NOUN = /^\s*(?:entries|components|elements|coordinates)\b/i;

/**
 * How the words between a name and a size relate them: a shape, a shape when the name is a matrix's
 * ("is"), or none. After a bare "is", a size of numbers alone (`$P$ is $3 \times 4$`) may be a count.
 */
export function shapeWordsBetween(
  gap: string,
  after: string,
  size: Node,
  beforeName: string,
): 'shape' | 'capital' | null {
  if (!SHAPE_END.test(after)) return null;
  if (NAME_HAS_SHAPE.test(gap)) return 'shape';
  return NAME_IS.test(gap) && hasLetter(size) && !COUNT_WORDS.test(beforeName) ? 'capital' : null;
}

/** Words before a name that make it a number ("the number of weights $P$ is $n \times m$"). */
const COUNT_WORDS =
  /\b(?:number|count|total|cost|costs|work|time|amount|sum|product|memory|size|flops?|macs?|params?|parameters|operations|multiplications|bytes)\b[^.$]*$/i;

function hasLetter(n: Node): boolean {
  if (n.kind === 'sym') return true;
  return n.kind === 'bin' && (hasLetter(n.left) || hasLetter(n.right));
}

/** Whether the words before a lone size make it a vector's length ("is a vector of length $C$", "has size $H$"). */
export function vectorLengthWords(gap: string, after: string): boolean {
  if (NAME_HAS_SHAPE.test(gap) && !/\(\s*(?:shape|size)?\s*:?\s*$/i.test(gap)) return SHAPE_END.test(after);
  if (!NAME_IS_VECTOR_OF.test(gap)) return false;
  return /\bwith\s*$/i.test(gap) ? ENTRIES_NOUN.test(after) : SHAPE_END.test(after);
}

/** A letter that names a matrix: a capital (`X`, `W_1`) or one written bold. */
export function isMatrixLetter(n: SymNode): boolean {
  return /^[A-Z]$/.test(n.stem) || /^\\(?:[A-Z][a-z]+)$/.test(n.stem);
}

/** `N \times D`, `B \times T \times d_{model}`: sizes (letters, possibly subscripted, or numbers) joined by ×. */
export function isShapeSize(n: Node): boolean {
  if (n.kind !== 'bin' || n.op !== 'times') return false;
  const side = (x: Node): boolean =>
    (x.kind === 'sym' && x.primes === 0) ||
    x.kind === 'num' ||
    (x.kind === 'bin' && x.op === 'times' && side(x.left) && side(x.right));
  return side(n.left) && side(n.right);
}

/**
 * `(N, D)` after "of shape": the shape written as a tuple, as NumPy prints it, turned into
 * `N \times D`; null for anything else. Only the shape words make a tuple a shape
 * (`$x$ is $(1, 2)$` is a value).
 */
export function tupleShape(n: Node): Node | null {
  if (n.kind !== 'group' || n.open !== '(' || n.items.length < 2) return null;
  if (
    !n.items.every(
      (x) => (x.kind === 'sym' && x.primes === 0) || (x.kind === 'num' && Number.isInteger(x.value)),
    )
  )
    return null;
  return n.items.reduce((left, right) => ({
    kind: 'bin',
    op: 'times',
    left,
    right,
    start: n.start,
    end: n.end,
  }));
}

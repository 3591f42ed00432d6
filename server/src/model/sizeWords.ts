// "Let $A, B$ be $n \times n$ matrices", "$\mathbf{X}$ is an $n \times m$ matrix", "for any
// $n \times n$ matrices $A$ and $B$": words that give names the shape of a matrix, as
// `A, B \in \mathbb{R}^{n \times n}` would. A careful reader takes them so: the identity that follows
// is about every such matrix, whatever the letters held in an example before.
import type { Node } from '../math/tree';

/**
 * The noun right after the size: "matrix", "matrices", "real matrices", and the noun after words
 * that say only what the matrix holds ("the $n \times p$ design matrix", "a $d \times k$ weight
 * matrix"): such a matrix is any matrix of that size. Words that give it a structure — identity,
 * covariance, adjacency, Hessian, projection — are not among them: "the $n \times n$ identity
 * matrix $I$" is no matrix to sample.
 */
const MATRIX_ADJECTIVE =
  '(?:design|data|feature|weight|input|output|embedding|parameter|observation|sample|' +
  String.raw`target|query|key|value|activation|hidden|coefficient|logit|score)s?\s+`;
export const SIZE_NOUN = new RegExp(
  String.raw`^\s*(?:real\s+)?(?:${MATRIX_ADJECTIVE}){0,2}(?:matrix|matrices)\b`,
  'i',
);

/**
 * Between the names and the size: "be", "are", "is an", "is the", ", which is a", "be two"; or the
 * article alone, set after the name as an apposition ("with $X$ an $n \times k$ matrix", "the design
 * $X$, an $n \times p$ matrix").
 */
export const NAMES_THEN_SIZE =
  /^\s*(?:(?:,\s*(?:which|that)\s+)?(?:is|are|be|being)\s+(?:(?:an?|the|two|three|both|all|any|some)\s+)?|,?\s*an?\s+)(?:real\s+)?$/i;

/** "is the": the article refers to an object; it declares only a name the text gave no meaning yet. */
export const NAMES_THEN_THE_SIZE = /\bthe\s+(?:real\s+)?$/i;

/**
 * After the noun: "of full column rank", "with full column rank", "with linearly independent columns":
 * the matrix is never wider than tall (`X^\top X` invertible), which its samples then meet.
 */
export const FULL_COLUMN_RANK_AFTER_NOUN = new RegExp(
  String.raw`^\s*(?:real\s+)?(?:${MATRIX_ADJECTIVE}){0,2}(?:matrix|matrices)\s*,?\s*` +
    String.raw`(?:(?:of|with|having|that\s+has|which\s+has)\s+(?:full\s+column\s+rank|` +
    String.raw`linearly\s+independent\s+columns)|\(\s*full\s+column\s+rank\s*\))`,
  'i',
);

/** Between the size and the names after it: "matrices", "matrix", "weight matrix". */
export const SIZE_THEN_NAMES = new RegExp(
  String.raw`^\s*(?:real\s+)?(?:${MATRIX_ADJECTIVE}){0,2}(?:matrix|matrices)\s*$`,
  'i',
);

/** Words before the size that make the names after it any such matrices, for their sentence. */
export const QUANTIFIED = /\b(?:for\s+(?:any|all|every|each|an?)|given(?:\s+any)?)\s+(?:two\s+|real\s+)*$/i;

/** Whether a node writes the size of a matrix: `n \times m`, `2 \times 2`. */
export function isMatrixSize(n: Node): boolean {
  const side = (x: Node) => (x.kind === 'sym' && x.sub === null) || x.kind === 'num';
  return n.kind === 'bin' && n.op === 'times' && side(n.left) && side(n.right);
}

/** A size whose noun ends the clause: "For $n \times n$ matrices:", "for square $n \times n$ matrices,". */
export const UNNAMED_SIZE_LEAD = /^\s*(?:real\s+)?matrices\s*[:,]/i;

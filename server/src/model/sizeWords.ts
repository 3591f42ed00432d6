// "Let $A, B$ be $n \times n$ matrices", "$\mathbf{X}$ is an $n \times m$ matrix", "for any
// $n \times n$ matrices $A$ and $B$": words that give names the shape of a matrix, as
// `A, B \in \mathbb{R}^{n \times n}` would. A careful reader takes them so: the identity that follows
// is about every such matrix, whatever the letters held in an example before.
import type { Node } from '../math/tree';

/** The noun right after the size: "matrix", "matrices", "real matrices". */
export const SIZE_NOUN = /^\s*(?:real\s+)?(?:matrix|matrices)\b/i;

/**
 * Between the names and the size: "be", "are", "is an", "be two"; or the article alone, set after the
 * name as an apposition ("with $X$ an $n \times k$ matrix", "the design $X$, an $n \times p$ matrix").
 */
export const NAMES_THEN_SIZE =
  /^\s*(?:(?:is|are|be|being)\s+(?:(?:an?|two|three|both|all|any|some)\s+)?|,?\s*an?\s+)(?:real\s+)?$/i;

/** Between the size and the names after it: "matrices", "matrix". */
export const SIZE_THEN_NAMES = /^\s*(?:real\s+)?(?:matrix|matrices)\s*$/i;

/** Words before the size that make the names after it any such matrices, for their sentence. */
export const QUANTIFIED = /\b(?:for\s+(?:any|all|every|each|an?)|given(?:\s+any)?)\s+(?:two\s+|real\s+)*$/i;

/** Whether a node writes the size of a matrix: `n \times m`, `2 \times 2`. */
export function isMatrixSize(n: Node): boolean {
  const side = (x: Node) => (x.kind === 'sym' && x.sub === null) || x.kind === 'num';
  return n.kind === 'bin' && n.op === 'times' && side(n.left) && side(n.right);
}

/** A size whose noun ends the clause: "For $n \times n$ matrices:", "for square $n \times n$ matrices,". */
export const UNNAMED_SIZE_LEAD = /^\s*(?:real\s+)?matrices\s*[:,]/i;

// A matrix written in blocks, as linear-algebra texts write Schur complements and block inverses:
// `\begin{bmatrix} P & Q \\ R & T \end{bmatrix}`, `\begin{bmatrix} I & 0 \\ RP^{-1} & I \end{bmatrix}`,
// `\begin{bmatrix} A & b \\ 0 & 1 \end{bmatrix}`. Each block row shares its height and each block
// column its width; a matrix, a vector (a column) or a number (1×1) fixes them, and an `I` or a
// written `0` takes the size its row and column give it, as a reader infers it
// (docs/language.md, "Block matrices").
import type { Dual } from '../engine';
import * as E from '../engine';
import { Tensor } from '../engine';
import type { Node } from '../math/tree';
import { ShapeMismatch, Unsupported } from './errors';
import { isIdentity, materialize, type Val } from './values';

/** Whether the entries need block assembly: a matrix, a vector or an unsized identity among them. */
export function hasBlocks(rows: Val[][]): boolean {
  return rows.some((r) => r.some((x) => isIdentity(x) || x.v.rank > 0));
}

/** The rows and columns a block fixes, or null for an identity or a written 0 (sized by the others). */
function fixedShape(x: Val, flexible: boolean, node: Node): [number, number] | null {
  if (isIdentity(x) || flexible) return null;
  const s = x.v.shape;
  if (s.length === 0) return [1, 1];
  if (s.length === 1) return [s[0], 1];
  if (s.length === 2) return [s[0], s[1]];
  throw new Unsupported(
    'a block of a block matrix must be a matrix, a vector or a number',
    node.start,
    node.end,
  );
}

function place(sizes: (number | null)[], k: number, n: number, what: string, node: Node): void {
  if (sizes[k] !== null && sizes[k] !== n)
    throw new ShapeMismatch(
      `the blocks of ${what} ${k + 1} of this block matrix have ${sizes[k]} and ${n} ` +
        `${what === 'row' ? 'rows' : 'columns'}: blocks side by side must have as many rows, and blocks ` +
        'above one another as many columns',
      node.start,
      node.end,
    );
  sizes[k] = n;
}

/**
 * The matrix the blocks make; `flexible[i][j]` marks a written 0, a zero block of whatever size its
 * row and column give. A single block column of vectors is a vector, as a column of numbers is.
 */
export function blockMatrixOf(rows: Val[][], flexible: boolean[][], node: Node): Val {
  const heights: (number | null)[] = rows.map(() => null);
  const widths: (number | null)[] = rows[0].map(() => null);
  rows.forEach((r, i) =>
    r.forEach((x, j) => {
      const s = fixedShape(x, flexible[i][j], node);
      if (!s) return;
      place(heights, i, s[0], 'row', node);
      place(widths, j, s[1], 'column', node);
    }),
  );
  // An identity block is square: a known height gives its width, and a known width its height.
  for (let changed = true; changed; ) {
    changed = false;
    rows.forEach((r, i) =>
      r.forEach((x, j) => {
        if (!isIdentity(x)) return;
        const [h, w] = [heights[i], widths[j]];
        if (h !== null && w === null) {
          widths[j] = h;
          changed = true;
        } else if (w !== null && h === null) {
          heights[i] = w;
          changed = true;
        } else if (h !== null && w !== null && h !== w)
          throw new ShapeMismatch(
            `the identity block in row ${i + 1}, column ${j + 1} of this block matrix would be ${h}×${w}, ` +
              'not square',
            node.start,
            node.end,
          );
      }),
    );
  }
  const unsized = [
    ...heights.map((h, i) => (h === null ? `row ${i + 1}` : '')),
    ...widths.map((w, j) => (w === null ? `column ${j + 1}` : '')),
  ].filter(Boolean);
  if (unsized.length > 0)
    throw new Unsupported(
      `the size of block ${unsized.join(', block ')} of this block matrix cannot be inferred: every block ` +
        'there is I or 0; give one of them a size (I_n, 0_{m \\times n}) or a sized neighbour',
      node.start,
      node.end,
    );
  const blockRows = rows.map((r, i) =>
    E.dConcat(
      r.map((x, j) => block(x, flexible[i][j], heights[i]!, widths[j]!)),
      1,
    ),
  );
  const whole = E.dConcat(blockRows, 0);
  if (widths.length === 1 && widths[0] === 1) return E.dReshape(whole, [whole.v.shape[0]]);
  return whole;
}

function block(x: Val, flexible: boolean, h: number, w: number): Dual {
  if (flexible) return { v: Tensor.zeros([h, w]), d: null };
  if (isIdentity(x)) return materialize(x, h);
  return E.dReshape(x, [h, w]);
}

// The layout of a derivative written as a fraction. Authors lay ∂Y/∂X out in two conventions
// (numerator layout: ∂f/∂x of a column x is a row, ∂y/∂x is m×n; denominator layout: the
// transposes), and a claim true in one is false in the other. derivcheck's default is the mixed
// layout most machine-learning notes use (a gradient has its variable's shape, a Jacobian is m×n);
// a document may state its layout, and a claim that holds only in the layout the document did not
// state is left unchecked rather than refuted (docs/language.md, "Layout").
import { type Tensor, transpose } from '../engine';
import type { Layout } from '../model/layout';

/** The layout the claim being checked is read in (null: the default), and whether it mattered. */
export const layoutReading: { chosen: Layout | null; met: boolean } = { chosen: null, met: false };

/**
 * The derivative `J` (shape of Y followed by the shape of X, rank of X `xRank`) in the chosen
 * layout. Only the arrangements the two conventions define change: scalar by vector or matrix,
 * vector by vector, vector by scalar.
 */
export function laidOut(J: Tensor, xRank: number): Tensor {
  const yRank = J.rank - xRank;
  const scalarByTensor = yRank === 0 && (xRank === 1 || xRank === 2);
  const vectorByVector = yRank === 1 && xRank <= 1;
  if (!scalarByTensor && !vectorByVector) return J;
  layoutReading.met = true;
  const { chosen } = layoutReading;
  if (chosen === 'numerator' && scalarByTensor) return transpose(J);
  if (chosen === 'denominator' && vectorByVector) return transpose(J);
  return J;
}

/** What each layout makes of a derivative, for messages. */
export const LAYOUT_TEXT: Record<Layout | 'default', string> = {
  numerator: 'numerator layout, where ∂f/∂x of a column x is a row, ∂f/∂X is shaped like Xᵀ and ∂y/∂x is m×n',
  denominator: 'denominator layout, where ∂f/∂x is shaped like x and ∂y/∂x is n×m',
  default: 'the default layout, where ∂f/∂X is shaped like X and ∂y/∂x is m×n',
};

interface Judged {
  verdict: 'verified' | 'refuted' | 'unchecked';
  message: string;
}

/**
 * The claim judged in the layout the document states, or, when it states none, in the default
 * one; a refutation there stands only when the claim fails in both conventions too, and a claim
 * that holds only in a layout the document did not state is unchecked, saying which to state.
 * `attemptIn` judges the claim in a layout (null: the default).
 */
export function inStatedLayout<T extends Judged>(
  stated: Layout | undefined,
  attemptIn: (layout: Layout | null) => T,
  unchecked: (message: string, like: T) => T,
): T {
  layoutReading.chosen = stated ?? null;
  layoutReading.met = false;
  try {
    const first = attemptIn(stated ?? null);
    if (stated || !layoutReading.met) return first;
    if (first.verdict === 'verified')
      return { ...first, message: `${first.message}; derivatives in ${LAYOUT_TEXT.default}` };
    if (first.verdict !== 'refuted') return first;
    for (const other of ['numerator', 'denominator'] as const) {
      layoutReading.chosen = other;
      const again = attemptIn(other);
      if (again.verdict === 'verified')
        return unchecked(
          `unchecked: this holds in ${LAYOUT_TEXT[other]}; not in ${LAYOUT_TEXT.default}. Say which ` +
            `layout the document uses: the directive \`layout ${other}\` or a sentence such as "we use ` +
            `the ${other} layout"`,
          first,
        );
    }
    return first;
  } finally {
    // The claim's other readings (claim.ts) are judged in the stated layout too.
    layoutReading.chosen = stated ?? null;
  }
}

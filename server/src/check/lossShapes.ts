// A shape error under a loss the text does not define (upstreamLoss.ts). `\frac{\partial L}{\partial b}
// = G\mathbf{1}` with G = ∂L/∂Y of Y's shape n×m and 𝟏 ∈ ℝⁿ cannot be formed whatever L is: the
// shapes of a gradient depend on the loss being a number, not on which number it is. So a claim that
// fails on shapes with the loss read as a generic function fails on shapes for every loss — but only
// if it fails so in every layout a reader could take the text's derivatives in: the numerator layout
// lays ∂L/∂Y out like Yᵀ, where G𝟏 is a column of m against ∂L/∂b, a row of m, which a reader who
// transposes conventions would not call wrong. A layout the document states is the only one; a
// gradient the words give its variable's shape ("G = ∂L/∂Y, of the same shape as Y", "which is n×k
// like Z") rules the numerator layout out; otherwise a claim whose shapes fit in some layout, or fit
// but for a transpose, stays unchecked, saying which.
import { parseMath } from '../math/parser';
import type { Node, SymNode } from '../math/tree';
import type { Claim } from '../model/types';
import { walk } from '../model/names';
import type { Outcome } from './claim';
import { uncheckedOutcome } from './claim/outcomes';
import { displayName } from './claim/generic';
import { LAYOUT_TEXT, layoutReading } from './layout';
import { relevantNames } from './relevant';

/** The gradients of the losses the claim reaches: each name defined as ∂L/∂V, its V, where it ends. */
function gradientNames(
  claim: Claim,
  losses: ReadonlySet<string>,
): { name: string; of: string; at: number }[] {
  const found: { name: string; of: string; at: number }[] = [];
  for (const name of relevantNames(claim)) {
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind !== 'def' || e.params !== null || e.expr.kind !== 'deriv' || !e.expr.of) continue;
    const { of, wrt } = e.expr;
    if (of.kind !== 'sym' || !losses.has(of.name) || wrt.kind !== 'sym') continue;
    found.push({ name, of: wrt.name, at: e.expr.end });
  }
  return found;
}

/**
 * The rest of the sentence after the math that ends at `at`: up to its end outside math, a blank
 * line, or 400 characters.
 */
function sentenceFrom(source: string, at: number): string {
  const text = source.slice(at, at + 400).replace(/^[^$\n]*?(?:\$\$|\$|\\\)|\\\])/, '');
  let inMath = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$') inMath = !inMath;
    else if (!inMath && c === '\n' && /^\n\s*\n/.test(text.slice(i))) return text.slice(0, i);
    else if (!inMath && (c === '.' || c === ';') && /^[.;](\s|$)/.test(text.slice(i)))
      return text.slice(0, i);
  }
  return text;
}

const SHAPE_OF =
  /(?:same\s+(?:shape|size|dimensions?)\s+as|shaped\s+like|the\s+shape\s+of|\blike)\s*\$([^$]{1,60})\$/gi;

/** Whether the words after a gradient's definition give it the shape of its variable. */
function shapedLikeVariable(source: string, at: number, variable: string): boolean {
  const sentence = sentenceFrom(source, at);
  for (const m of sentence.matchAll(SHAPE_OF)) {
    const side = parseMath(m[1]).statements[0]?.sides[0];
    if (side?.kind === 'sym' && side.name === variable) return true;
  }
  return false;
}

/**
 * Whether an outcome fails on shapes beyond any transpose: a shape error in the claim's own text, or
 * sides of different shapes that are not a row and a column, or a matrix and its transpose, of each
 * other.
 */
export function failsOnShapes(o: Outcome): boolean {
  if (o.verdict !== 'refuted') return false;
  // Trouble in a definition the claim reaches (failures.ts names its place, "(in `W x`)") may be the
  // reader's: a size carried from another section, a function of a number applied entry by entry.
  if (o.code === 'shape') return !o.message.includes('(in `');
  if (!/^refuted: the sides have different shapes/.test(o.message) || !o.shown) return false;
  const axes = (shape: readonly number[]) => shape.filter((n) => n !== 1);
  const left = axes(o.shown.left.shape);
  const right = axes(o.shown.right.shape).reverse();
  return left.length !== right.length || left.some((n, i) => n !== right[i]);
}

/** Whether a node is or contains a derivative (the layout can change the claim's shapes). */
function hasDerivative(n: Node): boolean {
  let found = false;
  walk(n, (x) => {
    if (x.kind === 'deriv') found = true;
  });
  return found;
}

/**
 * The verdict on a claim that failed on shapes (`failed`, failsOnShapes) with its losses read as
 * generic functions: refuted when it fails on shapes in every layout a reader could take, else
 * unchecked saying where the shapes fit, or null (no derivative the layout arranges).
 */
export function shapesUnderAnyLoss(
  claim: Claim,
  losses: readonly SymNode[],
  failed: Outcome,
  check: (c: Claim) => Outcome,
  source: string,
  reading: string,
): Outcome {
  const refuted: Outcome = {
    ...failed,
    message: `${failed.message} (${reading}: shapes do not depend on which function it is)`,
  };
  if (
    claim.settings.layout ||
    (!hasDerivative(claim.lhs) && !hasDerivative(claim.rhs) && !gradientsIn(claim, losses))
  )
    return refuted;
  const names = new Set(losses.map((l) => l.name));
  const gradients = gradientNames(claim, names);
  const fixed = gradients.length > 0 && gradients.every((g) => shapedLikeVariable(source, g.at, g.of));
  const layouts = fixed ? (['denominator'] as const) : (['numerator', 'denominator'] as const);
  const chosen = layoutReading.chosen;
  try {
    for (const layout of layouts) {
      layoutReading.chosen = layout;
      const again = check(claim);
      if (failsOnShapes(again)) continue;
      const why = failed.message.replace(/^(?:shape error|refuted): /, '');
      return uncheckedOutcome(
        `unchecked: the shapes do not fit in ${LAYOUT_TEXT.default} (${why}), ` +
          `but they can be formed in ${LAYOUT_TEXT[layout]}; say which layout the document uses (the ` +
          `directive \`layout ${layout}\`, a sentence such as "we use the ${layout} layout", or a ` +
          `gradient's shape in words: "G = ∂L/∂Y, of the same shape as Y") to have it checked`,
        { details: [], trials: 0, maxError: 0 },
      );
    }
  } finally {
    layoutReading.chosen = chosen;
  }
  return fixed
    ? {
        ...refuted,
        message:
          `${refuted.message}; the words give ` +
          `${gradients.map((g) => `${displayName(g.name)} the shape of ${displayName(g.of)}`).join(', ')}`,
      }
    : refuted;
}

/** Whether a definition the claim reaches is a gradient of one of the losses. */
function gradientsIn(claim: Claim, losses: readonly SymNode[]): boolean {
  return gradientNames(claim, new Set(losses.map((l) => l.name))).length > 0;
}

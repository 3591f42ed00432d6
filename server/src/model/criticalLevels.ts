// `z_{\alpha/2}`, `z_\alpha`, `t_{\alpha/2, n-1}`, `\chi^2_{1-\alpha/2, 9}` after the text gave α a
// number ("with $\alpha = 0.05$"): the critical value at that level, as a reader looks it up in the
// table, not a name of its own. Taken as a name, `z_{\alpha/2} = 2.33` beside `\alpha = 0.01` defined
// it and checked nothing. The parser reads a level written as a number (math/parser/criticalValues.ts);
// a level written with α is a number only where the text gave α one, so the model decides, and a note
// that never gives α a value keeps `z_{\alpha/2}` a name it may define.
import type { Node } from '../math/tree';
import { criticalValue } from '../math/parser/criticalValues';
import { mapChildren } from '../math/walk';
import { someNode } from './names';

/** What the rewrite asks of the document. */
export interface LevelContext {
  /** The number the text gave `name` here, or null. */
  numberOf(name: string): number | null;
}

/** The letter statistics writes a significance level with. */
const LEVEL_LETTER = '\\alpha';

/** Whether `name` given `value` is a significance level: α, a number in (0, 1). */
export function isSignificanceLevel(name: string, value: number | null): boolean {
  return name === LEVEL_LETTER && value !== null && value > 0 && value < 1;
}

/** The side with each critical value whose level is written with a given α read as that value. */
export function criticalLevelsRead(side: Node, ctx: LevelContext): Node {
  if (!isSignificanceLevel(LEVEL_LETTER, ctx.numberOf(LEVEL_LETTER)) || !someNode(side, mayBeCritical))
    return side;
  try {
    return rewrite(side, ctx);
  } catch (e) {
    // A tree too deep to copy (a sum of thousands of terms) keeps its reading.
    if (e instanceof RangeError) return side;
    throw e;
  }
}

/** A law's letter with a subscript that reaches α. */
function mayBeCritical(n: Node): boolean {
  return n.kind === 'sym' && n.sub !== null && (n.sub ?? []).some(reachesLevel);
}

function reachesLevel(n: Node): boolean {
  return someNode(n, (x) => x.kind === 'sym' && x.name === LEVEL_LETTER);
}

function rewrite(n: Node, ctx: LevelContext): Node {
  const node = mapChildren(n, (x) => rewrite(x, ctx));
  if ((node.kind === 'sym' || node.kind === 'pow') && someNode(node, mayBeCritical)) {
    const call = criticalValue(node, {
      isLevel: (x) => reachesLevel(x) && isNumberFormula(x, ctx),
      isDegrees: (x) => !reachesLevel(x) && isNumberFormula(x, ctx),
    });
    if (call) return call;
  }
  return node;
}

const ARITHMETIC = new Set(['+', '-', '/', 'juxt', 'cdot', 'times']);

/** Arithmetic of written numbers and of letters the text gave numbers (`\alpha/2`, `1 - \alpha`, `n - 1`). */
function isNumberFormula(n: Node, ctx: LevelContext): boolean {
  switch (n.kind) {
    case 'num':
      return true;
    case 'sym':
      return n.sub === null && ctx.numberOf(n.name) !== null;
    case 'group':
      return n.open === '(' && n.items.length === 1 && isNumberFormula(n.items[0], ctx);
    case 'neg':
      return isNumberFormula(n.operand, ctx);
    case 'frac':
      return isNumberFormula(n.numerator, ctx) && isNumberFormula(n.denominator, ctx);
    case 'bin':
      return ARITHMETIC.has(n.op) && isNumberFormula(n.left, ctx) && isNumberFormula(n.right, ctx);
    default:
      return false;
  }
}

// "$8 \cdot 1024^2 = 8388608 \approx 8.4$M floats", "about $1.21$ billion parameters": a number that
// ends its math and has a scale word right after the closing delimiter is read as the reader
// reads it, 8.4 million. Written as E-notation (`8.4e6`), it keeps the rounding its digits state.
// A unit of the budget table right after the delimiter (`$7 \times 10^9 \times 4 = 28$ GB`) is that
// number's unit, as if written inside the math: the quantity check then compares the sides in bytes.
import type { Node, Statement } from '../math/tree';
import { makeSym } from '../math/parser/nodes';
import { BUDGET_UNITS } from './budgetUnits';
import { isNumericFormula } from './names';

/** A letter against the closing delimiter: `$8.4$M`, `$1.21$B`, `$64$K`, `$2$T`. */
const SUFFIX = /^(K|k|M|B|bn|T)(?![A-Za-z0-9])/;
/** A word after at most one space: `$1.21$ billion`. */
const WORD = /^[ \t]?(thousand|million|billion|trillion)\b/i;
/** The scale words, by the power of ten each names. */
export const SCALE_WORDS: Record<number, string> = {
  3: 'thousand',
  6: 'million',
  9: 'billion',
  12: 'trillion',
};
const EXPONENT: Record<string, number> = {
  k: 3,
  m: 6,
  b: 9,
  bn: 9,
  t: 12,
  ...Object.fromEntries(Object.entries(SCALE_WORDS).map(([power, word]) => [word, Number(power)])),
};

/**
 * The power of ten a scale word or letter names, whatever its case (`M`, `bn`, `billion`); which
 * spellings stand for a scale where is the caller's to say (m after a number is a metre).
 */
export function scaleExponent(word: string): number | undefined {
  return EXPONENT[word.toLowerCase()];
}

/** The power of ten the text right after an inline span (from its closing delimiter on) gives. */
export function scaleAfter(textAfter: string): number | null {
  const m = SUFFIX.exec(textAfter) ?? WORD.exec(textAfter);
  return m ? (scaleExponent(m[1]) ?? null) : null;
}

/** A unit word after at most one space, `$28$ GB`; single letters (`s`, `h`) are too often words. */
const UNIT = /^[ \t]?([A-Za-z]{2,})(?![A-Za-z0-9])/;

/** The budget unit (`GB`, `MiB`, `ms`, `TFLOPs`) the text right after an inline span starts with. */
export function unitAfter(textAfter: string): string | null {
  const word = UNIT.exec(textAfter)?.[1];
  return word !== undefined && BUDGET_UNITS.has(word) ? word : null;
}

/** The last side of the statements when it is a number in plain digits that ends the math. */
function endingNumber(statements: Statement[], mathEnd: number, source: string): Node | null {
  const last = statements[statements.length - 1];
  const side = last?.sides[last.sides.length - 1];
  if (!side || side.kind !== 'num' || !/^\d+(?:\.\d+)?$/.test(side.text)) return null;
  return /^(?:\s|\\[,;:! ]|~)*$/.test(source.slice(side.end, mathEnd)) ? side : null;
}

/**
 * The statements with the unit put on their last number when a computation in written numbers ends
 * with it (`7 \times 10^9 \times 4 = 28`). A value given a name (`$T = 72$ hours`) stays a plain
 * number, its later uses being in that unit, and so does a formula in letters (`2r(d+k) = 262{,}144`
 * FLOPs), whose sizes the unit does not give.
 */
export function withUnitOnLastNumber(
  statements: Statement[],
  word: string,
  mathEnd: number,
  source: string,
): Statement[] {
  const side = endingNumber(statements, mathEnd, source);
  const last = statements[statements.length - 1];
  if (!side || !last.sides.slice(0, -1).some(isNumericFormula)) return statements;
  const unit = makeSym(`\\text{${word}}`, side.end, side.end);
  const withUnit: Node = {
    kind: 'bin',
    op: 'juxt',
    left: side,
    right: unit,
    start: side.start,
    end: side.end,
  };
  return [...statements.slice(0, -1), { ...last, sides: [...last.sides.slice(0, -1), withUnit] }];
}

/**
 * The statements with their last number scaled, when that number is the last thing in the math
 * (`tail` is the math after it) and is written in plain digits. Otherwise the statements as they are.
 */
export function withScaledLastNumber(
  statements: Statement[],
  exponent: number,
  mathEnd: number,
  source: string,
): Statement[] {
  const side = endingNumber(statements, mathEnd, source);
  if (side?.kind !== 'num') return statements;
  const last = statements[statements.length - 1];
  // `$6.98 + 2 \cdot 0.525 = 8.03$B`: the computation before the number is already of the number's
  // own size, so the author wrote all of it in billions and the word names the unit of the whole
  // line; scaling the last number alone would set 8.03 against 8.03e9. The sizes decide, not
  // the digits: a slip (`= 8.3$B`) stays a slip.
  const before = last.sides.length >= 2 ? plainValue(last.sides[last.sides.length - 2]) : null;
  if (before !== null && before !== 0 && side.value !== 0) {
    const apart = Math.abs(Math.log10(Math.abs(before / side.value)));
    if (apart < exponent / 2) return statements;
  }
  const scaled: Node = { ...side, value: side.value * 10 ** exponent, text: `${side.text}e${exponent}` };
  return [...statements.slice(0, -1), { ...last, sides: [...last.sides.slice(0, -1), scaled] }];
}

/** The value of a formula in written numbers alone (`6.98 + 2 \cdot 0.525`), or null. */
function plainValue(n: Node): number | null {
  switch (n.kind) {
    case 'num':
      return n.value;
    case 'neg': {
      const v = plainValue(n.operand);
      return v === null ? null : -v;
    }
    case 'group':
      return n.items.length === 1 && n.open === '(' ? plainValue(n.items[0]) : null;
    case 'frac': {
      const a = plainValue(n.numerator);
      const b = plainValue(n.denominator);
      return a === null || b === null || b === 0 ? null : a / b;
    }
    case 'pow': {
      const a = plainValue(n.base);
      const b = plainValue(n.exponent);
      return a === null || b === null ? null : a ** b;
    }
    case 'bin': {
      const a = plainValue(n.left);
      const b = plainValue(n.right);
      if (a === null || b === null) return null;
      if (n.op === '+') return a + b;
      if (n.op === '-') return a - b;
      if (n.op === 'cdot' || n.op === 'times' || n.op === 'juxt') return a * b;
      if (n.op === '/') return b === 0 ? null : a / b;
      return null;
    }
    default:
      return null;
  }
}

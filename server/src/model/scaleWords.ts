// "$8 \cdot 1024^2 = 8388608 \approx 8.4$M floats", "about $1.21$ billion parameters": a number that
// ends its math and has a scale word right after the closing delimiter is read as the reader
// reads it, 8.4 million. Written as E-notation (`8.4e6`), it keeps the rounding its digits state.
import type { Node, Statement } from '../math/tree';

/** A letter against the closing delimiter: `$8.4$M`, `$1.21$B`, `$64$K`, `$2$T`. */
const SUFFIX = /^(K|k|M|B|bn|T)(?![A-Za-z0-9])/;
/** A word after at most one space: `$1.21$ billion`. */
const WORD = /^[ \t]?(thousand|million|billion|trillion)\b/i;
const EXPONENT: Record<string, number> = {
  k: 3,
  m: 6,
  b: 9,
  bn: 9,
  t: 12,
  thousand: 3,
  million: 6,
  billion: 9,
  trillion: 12,
};

/** The power of ten the text right after an inline span (from its closing delimiter on) gives. */
export function scaleAfter(textAfter: string): number | null {
  const m = SUFFIX.exec(textAfter) ?? WORD.exec(textAfter);
  return m ? EXPONENT[m[1].toLowerCase()] : null;
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
  const last = statements[statements.length - 1];
  const side = last?.sides[last.sides.length - 1];
  if (!side || side.kind !== 'num' || !/^\d+(?:\.\d+)?$/.test(side.text)) return statements;
  if (!/^(?:\s|\\[,;:! ]|~)*$/.test(source.slice(side.end, mathEnd))) return statements;
  const scaled: Node = { ...side, value: side.value * 10 ** exponent, text: `${side.text}e${exponent}` };
  return [...statements.slice(0, -1), { ...last, sides: [...last.sides.slice(0, -1), scaled] }];
}

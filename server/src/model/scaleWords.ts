// "$8 \cdot 1024^2 = 8388608 \approx 8.4$M floats", "about $1.21$ billion parameters": a number that
// ends its math and has a scale word right after the closing delimiter is read as the reader
// reads it, 8.4 million. Written as E-notation (`8.4e6`), it keeps the rounding its digits state.
// A unit of the budget table right after the delimiter (`$7 \times 10^9 \times 4 = 28$ GB`) is that
// number's unit, as if written inside the math: the quantity check then compares the sides in bytes.
import type { Node, Statement } from '../math/tree';
import { makeSym } from '../math/parser/nodes';
import { BUDGET_UNITS, SCALE_WORDS } from './budgetUnits';
import { isNumericFormula } from './names';
import { parseMath } from '../math/parser';
import { valueInUnit } from './siUnits';

/** A letter against the closing delimiter: `$8.4$M`, `$1.21$B`, `$64$K`, `$2$T`. */
const SUFFIX = /^(K|k|M|B|bn|T)(?![A-Za-z0-9])/;
/** A word after at most one space: `$1.21$ billion`. */
const WORD = /^[ \t]?(thousand|million|billion|trillion)\b/i;
// The scale words live with the unit table (./budgetUnits.ts), which ./siUnits.ts reads too: this
// module reads siUnits.ts, so taking them from here would close an import cycle.
export { SCALE_WORDS };
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

/**
 * A unit symbol first in the words after a value given a name, after a space, a tie or a thin space
 * (`$V_{in} = 50$ mV`, `$d = 20$~mm`, `$V = 2.00$ L`, `$a = 9.8$ m/s²`): a symbol or a quotient of
 * two, each with an optional square or cube; the first may have a power of its own, a superscript
 * (`$k = 0.17$ h⁻¹`) or a math span that is only a power (`$\alpha = 3.2$ K$^{-1}$`).
 */
const GIVEN_UNIT =
  /^(?:[ \t]|~|\\[,;: ])?((?:[pnuµμmckMGT]?(?:[A-Za-z]{1,3}|Ω))(?:[²³]|⁻?[¹²³]|\^\{?-?[1-4]\}?|\$\^\{?-?[1-4]\}?\$)?(?:\/(?:[A-Za-z]{1,3})(?:[²³]|\^[23])?)?)(?![\w\\$'’⁻-])/;

/** A power after a unit symbol as the words write it (`h⁻¹`, `K$^{-1}$`, `m²`), as TeX. */
function unitPowers(word: string): string {
  const digits: Record<string, string> = { '¹': '1', '²': '2', '³': '3' };
  return word
    .replace(/\$\^\{?(-?[1-4])\}?\$/g, '^{$1}')
    .replace(/(⁻?)([¹²³])/g, (_, minus: string, d: string) => `^{${minus ? '-' : ''}${digits[d]}}`);
}

/**
 * `$V_{in} = 50$ mV`, `$d = 20$~mm`: a value given a name, with a unit symbol that is no coherent SI
 * unit first in the words after the math, in a document that measures physical quantities — the
 * unit is the value's, as if written in the math (`V_{in} = 50\,\mathrm{mV}`): the name stands for
 * its number in the coherent unit (0.05), and the author may go on in the unit written
 * (check/unitLetters.ts). A coherent unit (`$m = 2$ kg`) changes no number and is left in the words.
 */
export function withGivenUnit(
  statements: Statement[],
  after: string,
  mathEnd: number,
  source: string,
): Statement[] {
  const m = GIVEN_UNIT.exec(after);
  if (!m || statements.length !== 1) return statements;
  const last = statements[0];
  if (last.sides.length !== 2 || last.ops[0]?.op !== '=' || last.sides[0].kind !== 'sym') return statements;
  const side = endingNumber(statements, mathEnd, source);
  if (!side) return statements;
  const word = unitPowers(m[1]).replace(/Ω/g, '\\Omega').replace(/[µμ]/g, 'u');
  // Read as the math would read the number with its unit (`12\,\mathrm{kN/m}`), at the number.
  const parsed = parseMath(
    `${(side as Extract<Node, { kind: 'num' }>).text}\\,\\mathrm{${word}}`,
    side.start,
  ).statements;
  const written = parsed.length === 1 && parsed[0].ops.length === 0 ? parsed[0].sides[0] : null;
  const read = written ? valueInUnit(written, true) : null;
  if (!written || !read || read.unit.factor === 1) return statements;
  const withUnit = atNumber(written, side.start, side.end);
  return [{ ...last, sides: [last.sides[0], withUnit] }];
}

/** A node read from text of its own, its spans set within the number it stands at. */
function atNumber(n: Node, start: number, end: number): Node {
  const clamp = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(clamp);
    if (x === null || typeof x !== 'object') return x;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x))
      out[k] = k === 'start' || k === 'end' ? Math.min(Math.max(v as number, start), end) : clamp(v);
    return out;
  };
  return clamp(n) as Node;
}

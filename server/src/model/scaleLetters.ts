// "$51.4\text{M}$ parameters", "$7\,\mathrm{B}$", "$\$21.4\text{T}$ of GDP": a letter written after a
// number inside the math is a unit, a multiplier or a name, and a careful reader tells them apart
// by what the document writes elsewhere. B (billion) and k (thousand) are no SI unit symbol: after a
// number they scale it (a B may still be a byte, which check/claim.ts tries too). K, M and T are
// also kelvin, molar and tesla: in a document that measures physical quantities (it writes an SI
// unit after some other number, or names a temperature, molarity or kelvin) they stay
// those units; elsewhere they are thousand, million and trillion, as model sizes, token counts and
// budgets write them. The number is read as the reader reads it, `51.4\text{M}` as 51.4e6, rounded
// like it. A `\$` before a number is its currency and leaves the number as written.
import type { Node, Statement } from '../math/tree';
import { makeSym } from '../math/parser/nodes';
import { isTimeUnit, siUnit } from './siUnits';
import { SCALE_WORDS, scaleExponent } from './scaleWords';
import type { WitnessSearch } from './textWitness';

/** The letters that scale a number inside the math (not m, a metre; not t, a tonne or time). */
const LETTERS = new Set(['k', 'K', 'M', 'B', 'bn', 'T']);
/** The scale letters that are also SI unit symbols: kelvin, molar, tesla. */
const ALSO_UNITS = new Set(['K', 'M', 'T']);
const PRODUCT = new Set(['juxt', 'cdot', 'times']);

/** The power of ten a scale letter after a number gives, or null when the node is no such letter. */
export function scaleLetter(n: Node, physical: boolean): number | null {
  if (n.kind !== 'sym' || n.sub !== null || n.primes !== 0) return null;
  const word =
    /^\\text\{\s*([A-Za-z]+)\s*\}$/.exec(n.name)?.[1] ??
    (n.upright && /^[A-Za-z]$/.test(n.name) ? n.name : null);
  if (word === null || !LETTERS.has(word)) return null;
  return ALSO_UNITS.has(word) && physical ? null : (scaleExponent(word) ?? null);
}

/**
 * A digit, spacing, then a unit written upright (`\,\mathrm{kJ}`, `\ \mu\mathrm{F}`) or in words (`250 mL`,
 * and after the math that ends with the number, `$50$ mV`).
 */
const UNIT_AFTER_NUMBER =
  /\d\}?(?:\$|\\\))?[ \t]*(?:\\[,;:! ]|~)?[ \t]*(\\mu\s*)?(?:\\(?:mathrm|text|textrm|rm|operatorname)\s*\{\s*)?(\\Omega|[A-Za-zµμΩ]+)/g;
const PHYSICAL_WORDS =
  /\b(?:molar(?:ity)?|kelvins?|temperatures?)\b|°\s*[CF]\b|\^\s*\{?\\circ\}?\s*(?:\\mathrm\{|\\text\{)?[CF]\b/i;

/**
 * Whether the document measures physical quantities: an SI unit other than K, M, T and the units
 * of time (which budget notes write too) after some number, or the words above.
 */
export function writesPhysicalUnits(source: string): boolean {
  return PHYSICAL_UNITS.first(source, 0) >= 0;
}

/** Whether a match of UNIT_AFTER_NUMBER names an SI unit that tells a physical quantity. */
function namesPhysicalUnit(m: RegExpExecArray): boolean {
  const upright = m[0].includes('\\') && /\\(?:mathrm|text|textrm|rm|operatorname)|\\mu/.test(m[0]);
  let word = m[2] === '\\Omega' ? 'Ω' : m[2];
  if (m[1]) word = `µ${word}`;
  // In the words a letter alone is too often a word or a label ("part 2 a").
  if (!upright && word.length < 2) return false;
  // `\mathrm{N\,m}`, `\mathrm{kJ/mol}`: the first symbol decides.
  if (ALSO_UNITS.has(word) || isTimeUnit(word)) return false;
  return siUnit(word) !== null;
}

const PHYSICAL_WORDS_AT = new RegExp(PHYSICAL_WORDS.source, 'iy');
const UNIT_AT = new RegExp(UNIT_AFTER_NUMBER.source, 'y');
/** Spaces and the letters of a unit's word: the only characters the two patterns read in runs. */
const RUN = /[\sA-Za-zµμΩ]/;

/**
 * Where the document first says it measures physical quantities, kept across edits by
 * textWitness.ts: no match of either pattern holds a digit but its first character (so every
 * match of UNIT_AFTER_NUMBER is one the scan meets), and each reads one character either side and
 * at most a dozen characters outside runs of spaces and letters (`reach` allows 24). A change to
 * PHYSICAL_WORDS or UNIT_AFTER_NUMBER must keep all three, or change `reach` and `run` with it.
 */
export const PHYSICAL_UNITS: WitnessSearch = {
  first(text, from) {
    const words = new RegExp(PHYSICAL_WORDS.source, 'ig');
    words.lastIndex = from;
    const said = words.exec(text);
    if (said) return said.index;
    const units = new RegExp(UNIT_AFTER_NUMBER.source, 'g');
    units.lastIndex = from;
    for (let m = units.exec(text); m; m = units.exec(text)) if (namesPhysicalUnit(m)) return m.index;
    return -1;
  },
  at(text, at) {
    PHYSICAL_WORDS_AT.lastIndex = at;
    if (PHYSICAL_WORDS_AT.test(text)) return true;
    UNIT_AT.lastIndex = at;
    const m = UNIT_AT.exec(text);
    return m !== null && namesPhysicalUnit(m);
  },
  reach: 24,
  run: (code) => RUN.test(String.fromCharCode(code)),
};

/**
 * The statements with each scale letter after a number read, and each `\$` before a number dropped.
 * In a computation the letter becomes its word (`\text{million}`), a unit the quantity check reads
 * as it reads any other (check/quantities.ts): a side without it may be in millions too, or in
 * plain numbers. A value given to a name (`N = 7\text{B}`) is the number scaled: the name stands
 * for it.
 */
export function withScaleLetters(statements: Statement[], physical: boolean): Statement[] {
  let changed = false;
  const out = statements.map((st) => {
    const given = st.sides.length === 2 && st.ops[0]?.op === '=' && st.sides[0].kind === 'sym';
    const sides = st.sides.map((side) => {
      const r = rewrite(side, physical, given, 0);
      if (r !== side) changed = true;
      return r;
    });
    return sides.some((s, k) => s !== st.sides[k]) ? { ...st, sides } : st;
  });
  return changed ? out : statements;
}

function rewrite(n: Node, physical: boolean, given: boolean, depth: number, nested = false): Node {
  if (depth > 200) return n;
  // Inside a quotient, power, root or call a scale letter scales its number at once: the quantity
  // check reads units on the terms of a side only.
  const inner =
    nested ||
    !((n.kind === 'bin' && (n.op === '+' || n.op === '-' || PRODUCT.has(n.op))) || n.kind === 'neg');
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(n)) {
    if (Array.isArray(x)) {
      const ys = x.map((y) => (isNode(y) ? rewrite(y, physical, given, depth + 1, inner) : y));
      if (ys.some((y, i) => y !== x[i])) changed = true;
      copy[k] = ys;
    } else if (isNode(x)) {
      const y = rewrite(x, physical, given, depth + 1, inner);
      if (y !== x) changed = true;
      copy[k] = y;
    } else copy[k] = x;
  }
  const m = (changed ? copy : n) as Node;
  if (m.kind !== 'bin' || m.op !== 'juxt') return m;
  // `\$2{,}000`: the currency of the number after it.
  if (m.left.kind === 'text' && m.left.text === '$' && startsWithNumber(m.right)) return m.right;
  const exponent = scaleLetter(m.right, physical);
  if (exponent === null) return m;
  const word: Node = { ...m, right: makeSym(`\\text{${SCALE_WORDS[exponent]}}`, m.right.start, m.right.end) };
  // `T = 300\,\mathrm{K}` in a note that names no other unit: a value given to a name in K, M or T
  // would make every later use of the name a thousand, million or trillion times off were the letter
  // the unit after all, so the name is given no number (the word is no coherent unit); B and k are
  // no such unit.
  const alsoUnit = /[KMT]\}?\s*$/.test(letterText(m.right));
  if (given && alsoUnit && endsWithNumber(m.left)) return word;
  // `19.1\text{T} / 330\text{M}`: the letter after a quotient scales the divisor's last number.
  if (given || nested || !endsWithNumber(m.left)) return scaledLast(m.left, exponent) ?? m;
  return word;
}

function letterText(n: Node): string {
  return n.kind === 'sym' ? n.name : '';
}

function endsWithNumber(n: Node): boolean {
  if (n.kind === 'num') return /^\d+(?:\.\d+)?$/.test(n.text);
  return n.kind === 'bin' && PRODUCT.has(n.op) && endsWithNumber(n.right);
}

function startsWithNumber(n: Node): boolean {
  if (n.kind === 'num') return true;
  return n.kind === 'bin' && PRODUCT.has(n.op) && startsWithNumber(n.left);
}

/** The product with its last factor, a number in plain digits, scaled; null when it ends otherwise. */
function scaledLast(n: Node, exponent: number): Node | null {
  if (n.kind === 'num') {
    if (!/^\d+(?:\.\d+)?$/.test(n.text)) return null;
    return { ...n, value: n.value * 10 ** exponent, text: `${n.text}e${exponent}` };
  }
  if (n.kind === 'bin' && (PRODUCT.has(n.op) || n.op === '/')) {
    const right = scaledLast(n.right, exponent);
    return right ? { ...n, right } : null;
  }
  return null;
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && typeof (x as Node).kind === 'string';
}

// "$4\,194\,304 \times 2 \text{ bytes} = 8 \text{ MiB}$", "$= 262\,144 \text{ entries}$": a word
// written after a number is its unit, or the things it counts. A careful reader compares such
// quantities as numbers when every side carries the same word, and converts between the units of
// one kind a budget calculation uses (bytes, seconds, floating-point operations); units of different
// kinds, or a side without a unit beside sides in different units, are not compared.
import type { Claim } from '../model/types';
import type { Node } from '../math/tree';
import { walk } from '../model/names';
import { BUDGET_UNITS as TABLE } from '../model/budgetUnits';

interface Unit {
  word: string;
  /** What it measures; words outside the table count things and are compared only with themselves. */
  kind: string;
  /** In the kind's base unit (bytes, seconds, floating-point operations). */
  factor: number;
}

const PRODUCTS = new Set(['juxt', 'cdot', 'times']);

/**
 * A unit symbol: an SI unit or a common one, with an SI prefix (`m`, `kg`, `mW`, `kHz`, `dB`), or a
 * unit of information (`1.75 \text{ bits}`, `nats`). Compared only with itself: not converted.
 */
export const PHYSICAL_UNIT =
  /^(?:[kMGTmnpuµ]?(?:m|g|s|A|K|mol|cd|N|J|W|V|F|H|C|T|Pa|Hz|L|eV|Wb|S|bar|atm|rad|sr|dB)|min|h|cm|mm|km|bits?|nats?)$/;

/** Words written in `\text{…}` after a number that are not units or counted things. */
const NOT_UNITS = new Set(
  [
    'and or for if iff with where when whenever since then so thus hence',
    'is are be of per times all any each every some as at in on by to',
  ]
    .join(' ')
    .split(' '),
);

const WORD = /^\\text\{\s*([A-Za-z]+)\s*\}$/;

function unitOf(n: Node): Unit | null {
  if (n.kind !== 'sym' || n.sub !== null) return null;
  const word = WORD.exec(n.name)?.[1];
  if (!word || NOT_UNITS.has(word.toLowerCase())) return null;
  const known = TABLE.get(word);
  if (known) return { word, ...known };
  if (PHYSICAL_UNIT.test(word)) return { word, kind: `unit:${word}`, factor: 1 };
  // A counted thing: `entries`, `parameters`, `tokens` (singular and plural alike). A capitalised
  // word or an acronym (`\text{MSE}`) is a name.
  return /^[a-z]{3,}$/.test(word) ? { word, kind: `count:${word.replace(/s$/, '')}`, factor: 1 } : null;
}

/** Units compared with themselves only, which a side without a unit may be in another prefix of. */
const physical = (u: Unit) => u.kind.startsWith('unit:');

interface Term {
  node: Node;
  unit: Unit | null;
  compound: boolean;
}

/** The terms of a side (split at + and −) with the unit each ends with, or null when not so read. */
function termsOf(n: Node, out: Term[]): void {
  if (n.kind === 'bin' && (n.op === '+' || n.op === '-')) {
    termsOf(n.left, out);
    termsOf(n.right, out);
    return;
  }
  if (n.kind === 'neg') {
    termsOf(n.operand, out);
    return;
  }
  // `2.5 \text{ mW}`: a unit follows at least one factor; a word alone (`\text{NPV} < 0`) is a name.
  const units = factorsOf(n)
    .slice(1)
    .flatMap((f) => {
      const u = unitOf(f);
      return u ? [u] : [];
    });
  // A product of two units (N m, GB s) is not one of the units read here.
  out.push({ node: n, unit: units.length === 1 ? units[0] : null, compound: units.length > 1 });
}

/** The factors of a product written with juxtaposition, \cdot or \times (a lone node: itself). */
function factorsOf(n: Node): Node[] {
  return n.kind === 'bin' && PRODUCTS.has(n.op) ? [...factorsOf(n.left), ...factorsOf(n.right)] : [n];
}

/** The side with each unit word replaced by its factor (1 for the word shared by every side). */
function converted(n: Node, factor: (u: Unit) => number): Node {
  if (n.kind === 'bin' && (n.op === '+' || n.op === '-'))
    return { ...n, left: converted(n.left, factor), right: converted(n.right, factor) };
  if (n.kind === 'neg') return { ...n, operand: converted(n.operand, factor) };
  return inProduct(n, factor);
}

/**
 * A product with its unit factor replaced by the number it stands for, or dropped when that is 1
 * (so `2494\ \text{J}` is the written number 2494 again, with its rounding).
 */
function inProduct(n: Node, factor: (u: Unit) => number): Node {
  if (n.kind !== 'bin' || !PRODUCTS.has(n.op)) return n;
  const unit = unitOf(n.right);
  if (unit) {
    const value = factor(unit);
    if (value === 1) return inProduct(n.left, factor);
    const num: Node = { kind: 'num', value, text: String(value), start: n.right.start, end: n.right.end };
    return { ...n, op: 'cdot', left: inProduct(n.left, factor), right: num };
  }
  return { ...n, left: inProduct(n.left, factor), right: inProduct(n.right, factor) };
}

export type Quantities =
  | { kind: 'none' }
  | {
      kind: 'compared';
      claim: Claim;
      note: string;
      /** The claim with kB, MB, GB, TB read as powers of 1024, as memory sizes are often written. */
      binary: Claim | null;
      /** `14 \times 10^9 = 14 \text{ GB}`: the sides without a unit read in the base unit (bytes). */
      inBase: { claim: Claim; note: string } | null;
    }
  | { kind: 'unchecked'; message: string };

/** Decimal prefixes that memory sizes often write for the binary ones (1 GB = 1024 MB). */
const BINARY = new Map([
  ['kB', 2 ** 10],
  ['KB', 2 ** 10],
  ['MB', 2 ** 20],
  ['GB', 2 ** 30],
  ['TB', 2 ** 40],
  ['PB', 2 ** 50],
]);

/** How the units written after numbers in a claim are read (module comment). */
export function quantities(claim: Claim): Quantities {
  // Most claims write no word at all: an iterative walk says so before any recursion (a 32,000-letter
  // product, a sum of thousands of terms).
  let words = false;
  for (const side of [claim.lhs, claim.rhs])
    walk(side, (x) => {
      if (!words && unitOf(x)) words = true;
    });
  if (!words) return { kind: 'none' };
  try {
    return unitsRead(claim);
  } catch (e) {
    // A tree too deep to walk with recursion keeps the ordinary reading.
    if (e instanceof RangeError) return { kind: 'none' };
    throw e;
  }
}

function unitsRead(claim: Claim): Quantities {
  const sides = [claim.lhs, claim.rhs].map((side) => {
    const terms: Term[] = [];
    termsOf(side, terms);
    return terms;
  });
  const units = sides.flat().flatMap((t) => (t.unit ? [t.unit] : []));
  if (sides.flat().some((t) => t.compound))
    return {
      kind: 'unchecked',
      message:
        'unchecked: a product of units (N m, GB s) is not converted, so the numbers are not compared; ' +
        'leave the units to the words around the math to have the numbers checked',
    };
  if (units.length === 0) return { kind: 'none' };
  const words = [...new Set(units.map((u) => u.word))];
  const kinds = [...new Set(units.map((u) => u.kind))];
  const partial = sides.some((terms) => terms.some((t) => t.unit) && terms.some((t) => !t.unit));
  if (partial)
    return {
      kind: 'unchecked',
      message:
        `unchecked: some terms carry a unit (${words.join(', ')}) and others none; write the unit ` +
        'after every term, or leave the units to the words around the math',
    };
  if (kinds.length > 1)
    return {
      kind: 'unchecked',
      message:
        `unchecked: the units ${words.join(', ')} measure different things, so the numbers are not ` +
        'compared; a rate or a product of units (GB/s, m/s) is not converted',
    };
  const bare = sides.some((terms) => terms.every((t) => !t.unit));
  // `25 / 10000 = 2.5\,\mathrm{mW}`: the bare side may be in watts; the unit reading says nothing.
  if (bare && units.some(physical)) return { kind: 'none' };
  const base = { information: 'bytes', time: 's', compute: 'FLOP' }[kinds[0]] ?? kinds[0];
  if (words.length === 1) {
    const strip = (n: Node) => converted(n, () => 1);
    const inBase = (n: Node) => converted(n, (u) => u.factor);
    return {
      kind: 'compared',
      claim: { ...claim, lhs: strip(claim.lhs), rhs: strip(claim.rhs) },
      note: `the numbers compared, every side in ${words[0]}`,
      binary: null,
      inBase:
        bare && units[0].factor !== 1
          ? {
              claim: { ...claim, lhs: inBase(claim.lhs), rhs: inBase(claim.rhs) },
              note: `the side without a unit read in ${base} (${words[0]}: ${units[0].factor} ${base})`,
            }
          : null,
    };
  }
  if (bare || units.some((u) => u.kind.startsWith('count:')))
    return {
      kind: 'unchecked',
      message:
        `unchecked: a side has no unit while the others are in ${words.join(', ')}, so it is not ` +
        'known which unit it is in; write the unit on every side',
    };
  const scale = (u: Unit) => u.factor;
  const binary = (u: Unit) => BINARY.get(u.word) ?? u.factor;
  return {
    kind: 'compared',
    claim: { ...claim, lhs: converted(claim.lhs, scale), rhs: converted(claim.rhs, scale) },
    binary: units.some((u) => BINARY.has(u.word))
      ? { ...claim, lhs: converted(claim.lhs, binary), rhs: converted(claim.rhs, binary) }
      : null,
    inBase: null,
    note: `compared in ${base} (${units
      .filter((u, k) => units.findIndex((v) => v.word === u.word) === k && u.factor !== 1)
      .map((u) => `${u.word}: ${u.factor} ${base}`)
      .join(', ')})`,
  };
}

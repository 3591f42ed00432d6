// "$4\,194\,304 \times 2 \text{ bytes} = 8 \text{ MiB}$", "$= 262\,144 \text{ entries}$": a word
// written after a number is its unit, or the things it counts. A careful reader compares such
// quantities as numbers when every side carries the same word, and converts between the units of
// one kind a budget calculation uses (bytes, seconds, floating-point operations) or a physics note
// uses (SI units with their prefixes and the units made of them: kJ and J, km/h and m/s); units of
// different kinds, or a side without a unit beside sides in different units, are not compared.
import type { Claim } from '../model/types';
import type { Node } from '../math/tree';
import { walk } from '../model/names';
import { BUDGET_UNITS as TABLE } from '../model/budgetUnits';

interface Unit {
  word: string;
  /** What it measures; words outside the table count things and are compared only with themselves. */
  kind: string;
  /** In the kind's base unit (bytes, seconds, floating-point operations, the coherent SI unit). */
  factor: number;
  /** Exponents of the SI base units (SI_BASE) for a physical unit, so units can be multiplied. */
  dims?: readonly number[];
}

const PRODUCTS = new Set(['juxt', 'cdot', 'times']);

/** The SI base units whose exponents say what a physical unit measures (kg: the gram has 10⁻³). */
const SI_BASE = ['m', 'kg', 's', 'A', 'K', 'mol'];
const dims = (m: number, kg = 0, s = 0, a = 0, k = 0, mol = 0) => [m, kg, s, a, k, mol];
const SECONDS = dims(0, 0, 1);
/** SI units and the few others physics and chemistry notes write, in coherent SI units. */
const SI = new Map<string, { factor: number; dims: readonly number[] }>([
  ['m', { factor: 1, dims: dims(1) }],
  ['g', { factor: 1e-3, dims: dims(0, 1) }],
  ['s', { factor: 1, dims: SECONDS }],
  ['A', { factor: 1, dims: dims(0, 0, 0, 1) }],
  ['K', { factor: 1, dims: dims(0, 0, 0, 0, 1) }],
  ['mol', { factor: 1, dims: dims(0, 0, 0, 0, 0, 1) }],
  ['N', { factor: 1, dims: dims(1, 1, -2) }],
  ['J', { factor: 1, dims: dims(2, 1, -2) }],
  ['eV', { factor: 1.602176634e-19, dims: dims(2, 1, -2) }],
  ['W', { factor: 1, dims: dims(2, 1, -3) }],
  ['Pa', { factor: 1, dims: dims(-1, 1, -2) }],
  ['Hz', { factor: 1, dims: dims(0, 0, -1) }],
  ['C', { factor: 1, dims: dims(0, 0, 1, 1) }],
  ['V', { factor: 1, dims: dims(2, 1, -3, -1) }],
  ['Ω', { factor: 1, dims: dims(2, 1, -3, -2) }],
  ['F', { factor: 1, dims: dims(-2, -1, 4, 2) }],
  ['H', { factor: 1, dims: dims(2, 1, -2, -2) }],
  ['T', { factor: 1, dims: dims(0, 1, -2, -1) }],
  ['Wb', { factor: 1, dims: dims(2, 1, -2, -1) }],
  ['L', { factor: 1e-3, dims: dims(3) }],
]);
/** Units written without a prefix: `min` is minutes, not milli-inches. */
const UNPREFIXED = new Map<string, { factor: number; dims: readonly number[] }>([
  ['min', { factor: 60, dims: SECONDS }],
  ['h', { factor: 3600, dims: SECONDS }],
  ['day', { factor: 86400, dims: SECONDS }],
  ['bar', { factor: 1e5, dims: dims(-1, 1, -2) }],
  ['atm', { factor: 101325, dims: dims(-1, 1, -2) }],
]);
const PREFIXES = new Map([
  ['p', 1e-12],
  ['n', 1e-9],
  ['u', 1e-6],
  ['µ', 1e-6],
  ['μ', 1e-6],
  ['m', 1e-3],
  ['c', 1e-2],
  ['k', 1e3],
  ['M', 1e6],
  ['G', 1e9],
  ['T', 1e12],
]);

/** `kJ`, `MPa`, `µF`, `kΩ`, `mol`: an SI unit with or without a prefix, in coherent SI units. */
function siUnit(word: string): { factor: number; dims: readonly number[] } | null {
  const whole = UNPREFIXED.get(word) ?? SI.get(word);
  if (whole) return whole;
  const prefix = [...PREFIXES.keys()].find((p) => word.startsWith(p));
  const unit = prefix ? SI.get(word.slice(prefix.length)) : undefined;
  return prefix && unit ? { factor: PREFIXES.get(prefix)! * unit.factor, dims: unit.dims } : null;
}

const siKind = (d: readonly number[]) => `si:${d.join(',')}`;

/** The coherent SI unit of a kind, as a note names it (`J`, `m/s`, `kg m^2 s^-2`). */
function siName(d: readonly number[]): string {
  for (const [word, u] of SI) if (u.factor === 1 && u.dims.every((x, k) => x === d[k])) return word;
  const up = SI_BASE.flatMap((b, k) => (d[k] > 0 ? [d[k] === 1 ? b : `${b}^${d[k]}`] : []));
  const down = SI_BASE.flatMap((b, k) => (d[k] < 0 ? [d[k] === -1 ? b : `${b}^${-d[k]}`] : []));
  const under = down.length > 1 ? `(${down.join(' ')})` : down[0];
  return `${up.join(' ') || '1'}${down.length ? `/${under}` : ''}`;
}

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
  // `18\,\mathrm{J}`: one upright letter after a number is a unit only when it is a physical one.
  const letter = n.upright ? uprightLetter(n.name) : null;
  const word = letter ?? WORD.exec(n.name)?.[1];
  if (!word || NOT_UNITS.has(word.toLowerCase())) return null;
  const known = TABLE.get(word);
  if (known?.kind === 'time') return { word, kind: siKind(SECONDS), factor: known.factor, dims: SECONDS };
  if (known) return { word, ...known };
  const si = siUnit(word);
  if (si) return { word, kind: siKind(si.dims), ...si };
  if (letter) return null;
  if (PHYSICAL_UNIT.test(word)) return { word, kind: `unit:${word}`, factor: 1 };
  // A counted thing: `entries`, `parameters`, `tokens` (singular and plural alike). A capitalised
  // word or an acronym (`\text{MSE}`) is a name.
  return /^[a-z]{3,}$/.test(word) ? { word, kind: `count:${word.replace(/s$/, '')}`, factor: 1 } : null;
}

/** The letter an upright name is, as unit symbols spell it (`\Omega` is Ω). */
function uprightLetter(name: string): string | null {
  if (/^[A-Za-z]$/.test(name)) return name;
  return { '\\Omega': 'Ω', '\\mu': 'µ' }[name] ?? null;
}

/**
 * The unit a factor written after a number spells: one unit symbol, or SI units multiplied, divided
 * and raised to whole powers (`\mathrm{m/s^2}`, `\mathrm{J/(kg\,K)}`, `\mathrm{k\Omega}`).
 */
function unitExpr(n: Node): Unit | null {
  if (n.kind === 'sym') return unitOf(n);
  if (n.kind === 'bin' && PRODUCTS.has(n.op)) {
    const prefixed = prefixedLetters(n);
    if (prefixed) return prefixed;
    return combined(unitExpr(n.left), unitExpr(n.right), 1);
  }
  if (n.kind === 'bin' && n.op === '/') return combined(unitExpr(n.left), unitExpr(n.right), -1);
  if (n.kind === 'pow') {
    const base = unitExpr(n.base);
    const k = wholeExponent(n.exponent);
    if (!base?.dims || k === null) return null;
    const d = base.dims.map((x) => x * k);
    return { word: `${base.word}^${k}`, factor: base.factor ** k, dims: d, kind: siKind(d) };
  }
  return null;
}

/** `\mathrm{k\Omega}`, `\mathrm{\mu F}`: an upright prefix letter and an upright unit letter. */
function prefixedLetters(n: Node): Unit | null {
  if (n.kind !== 'bin' || n.op !== 'juxt' || n.left.kind !== 'sym' || n.right.kind !== 'sym') return null;
  if (!n.left.upright || !n.right.upright || n.left.sub || n.right.sub) return null;
  const word = `${uprightLetter(n.left.name) ?? '?'}${uprightLetter(n.right.name) ?? '?'}`;
  const si = PREFIXES.has(word[0]) ? siUnit(word) : null;
  return si ? { word, kind: siKind(si.dims), ...si } : null;
}

function wholeExponent(n: Node): number | null {
  if (n.kind === 'num' && Number.isInteger(n.value)) return n.value;
  if (n.kind === 'neg' && n.operand.kind === 'num' && Number.isInteger(n.operand.value))
    return -n.operand.value;
  return null;
}

/** Two physical units multiplied (sign 1) or divided (sign −1); null when either is not one. */
function combined(a: Unit | null, b: Unit | null, sign: 1 | -1): Unit | null {
  if (!a?.dims || !b?.dims) return null;
  const d = a.dims.map((x, k) => x + sign * b.dims![k]);
  return {
    word: `${a.word}${sign === 1 ? ' ' : '/'}${b.word}`,
    factor: a.factor * b.factor ** sign,
    dims: d,
    kind: siKind(d),
  };
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
      const u = unitExpr(f);
      return u ? [u] : [];
    });
  // Physical units multiply (`3\,\mathrm{m} \times 2\,\mathrm{m}`); others (GB s) are not read here.
  const unit = units.slice(1).reduce<Unit | null>((a, u) => combined(a, u, 1), units[0] ?? null);
  out.push({ node: n, unit, compound: units.length > 1 && !unit });
}

/**
 * The factors of a product written with juxtaposition, \cdot or \times (a lone node: itself); a
 * unit made of several letters (`\mathrm{k\Omega}`, `\mathrm{N\,m}`) is one factor.
 */
function factorsOf(n: Node): Node[] {
  return n.kind === 'bin' && PRODUCTS.has(n.op) && !unitExpr(n)
    ? [...factorsOf(n.left), ...factorsOf(n.right)]
    : [n];
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
  const unit = unitExpr(n.right);
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
      /** A side without a unit beside a prefixed physical one, which neither reading may be in. */
      unsure: boolean;
    }
  | { kind: 'unchecked'; message: string };

/** The base unit of a unit's kind, as notes name it (bytes, s, FLOP, J, m/s). */
function baseName(u: Unit): string {
  if (u.dims) return siName(u.dims);
  return { information: 'bytes', compute: 'FLOP' }[u.kind] ?? u.kind;
}

/** ` (kJ: 1000 J, km/h: 0.277778 m/s)`: the units converted, each once; empty when none was. */
function conversions(units: Unit[], base: string): string {
  const shown = units
    .filter((u, k) => units.findIndex((v) => v.word === u.word) === k && u.factor !== 1)
    .map((u) => `${u.word}: ${Number(u.factor.toPrecision(6))} ${base}`);
  return shown.length ? ` (${shown.join(', ')})` : '';
}

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
        'compared; a rate or a product of units other than SI units (GB/s) is not converted',
    };
  const bare = sides.some((terms) => terms.every((t) => !t.unit));
  // `2 \cdot 3 = 6\,\mathrm{dB}`: a unit outside the SI table says nothing of the bare side's unit.
  if (bare && units.some(physical)) return { kind: 'none' };
  const base = baseName(units[0]);
  if (words.length === 1) {
    const strip = (n: Node) => converted(n, () => 1);
    const inBase = (n: Node) => converted(n, (u) => u.factor);
    return {
      kind: 'compared',
      claim: { ...claim, lhs: strip(claim.lhs), rhs: strip(claim.rhs) },
      note: `the numbers compared, every side in ${words[0]}`,
      binary: null,
      // `25 / 10000 = 2.5\,\mathrm{mW}`: the bare side may be in watts or in milliwatts.
      unsure: bare && units[0].dims !== undefined && units[0].factor !== 1,
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
    unsure: false,
    note: `compared in ${base}${conversions(units, base)}`,
  };
}

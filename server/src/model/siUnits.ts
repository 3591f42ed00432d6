// The units a physics note writes after a number (`9.8\,\mathrm{m/s^2}`, `4\,\mathrm{k\Omega}`) and
// the budget units (bytes, seconds, FLOP), read from the math: what each measures and its size in
// the coherent unit of its kind. Shared by the quantity check (check/quantities.ts) and by the
// definitions that give a letter a value in a unit (build.ts).
import type { Node } from '../math/tree';
import { SCALE_WORDS, BUDGET_UNITS as TABLE } from './budgetUnits';
import { isNumericFormula } from './names';

export interface Unit {
  word: string;
  /** What it measures; words outside the table count things and are compared only with themselves. */
  kind: string;
  /** In the kind's base unit (bytes, seconds, floating-point operations, the coherent SI unit). */
  factor: number;
  /** Exponents of the SI base units (SI_BASE) for a physical unit, so units can be multiplied. */
  dims?: readonly number[];
}

export const PRODUCTS = new Set(['juxt', 'cdot', 'times']);

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
  // Apparent and reactive power (`1440\ \mathrm{VA}`, `864\ \mathrm{var}`): watts by dimension.
  ['VA', { factor: 1, dims: dims(2, 1, -3) }],
  ['var', { factor: 1, dims: dims(2, 1, -3) }],
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
  // Molar, moles per litre: `0.10\ \mathrm{M}`, `\mathrm{mM}`, `\mathrm{M^{-1}\,s^{-1}}`.
  ['M', { factor: 1e3, dims: dims(-3, 0, 0, 0, 0, 1) }],
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
export function siUnit(word: string): { factor: number; dims: readonly number[] } | null {
  const whole = UNPREFIXED.get(word) ?? SI.get(word);
  if (whole) return whole;
  const prefix = [...PREFIXES.keys()].find((p) => word.startsWith(p));
  const unit = prefix ? SI.get(word.slice(prefix.length)) : undefined;
  return prefix && unit ? { factor: PREFIXES.get(prefix)! * unit.factor, dims: unit.dims } : null;
}

/** SI units spelled out, as the words after a number write them (`24 minutes`, `3.2 kilometres`). */
const SPELLED = new Map<string, string>([
  ['metre', 'm'],
  ['meter', 'm'],
  ['gram', 'g'],
  ['kelvin', 'K'],
  ['mole', 'mol'],
  ['newton', 'N'],
  ['joule', 'J'],
  ['watt', 'W'],
  ['pascal', 'Pa'],
  ['hertz', 'Hz'],
  ['volt', 'V'],
  ['ohm', 'Ω'],
  ['ampere', 'A'],
  ['amp', 'A'],
  ['coulomb', 'C'],
  ['farad', 'F'],
  ['litre', 'L'],
  ['liter', 'L'],
]);
const SPELLED_PREFIXES = new Map([
  ['pico', 'p'],
  ['nano', 'n'],
  ['micro', 'µ'],
  ['milli', 'm'],
  ['centi', 'c'],
  ['kilo', 'k'],
  ['mega', 'M'],
  ['giga', 'G'],
]);

/**
 * A unit a word names, in coherent SI units: a symbol (`kJ`, `min`), a unit of time of the budget
 * table (`hours`, `minutes`, `s`) or an SI unit spelled out, prefixed or not, singular or plural
 * (`kilometres`, `millilitres`, `joules`).
 */
export function physicalUnit(word: string): { factor: number; dims: readonly number[] } | null {
  const known = TABLE.get(word);
  if (known?.kind === 'time') return { factor: known.factor, dims: SECONDS };
  const si = siUnit(word);
  if (si) return si;
  const lower = word.toLowerCase();
  if (lower !== word && word.slice(1) !== lower.slice(1)) return null;
  const prefix = [...SPELLED_PREFIXES.keys()].find((p) => lower.startsWith(p)) ?? '';
  const rest = lower.slice(prefix.length);
  const symbol = SPELLED.get(rest) ?? (rest.endsWith('s') ? SPELLED.get(rest.slice(0, -1)) : undefined);
  if (!symbol) return null;
  return siUnit(`${SPELLED_PREFIXES.get(prefix) ?? ''}${symbol}`);
}

/** `s`, `ms`, `min`, `h`, `day`, `hours`: a unit of time, which budget notes write as physics notes do. */
export function isTimeUnit(word: string): boolean {
  return TABLE.get(word)?.kind === 'time' || siUnit(word)?.dims.every((x, k) => x === SECONDS[k]) === true;
}

export const siKind = (d: readonly number[]) => `si:${d.join(',')}`;

/** The coherent SI unit of a kind, as a note names it (`J`, `m/s`, `kg m^2 s^-2`). */
export function siName(d: readonly number[]): string {
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

/** Words that scale the number before them (`1.21 \text{ billion}`), each with its factor. */
const SCALES: Record<string, number> = Object.fromEntries(
  Object.entries(SCALE_WORDS).map(([power, word]) => [word, 10 ** Number(power)]),
);

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

export function unitOf(n: Node): Unit | null {
  if (n.kind === 'text') return textUnit(n.text);
  if (n.kind !== 'sym' || n.sub !== null) return null;
  // `18\,\mathrm{J}`: one upright letter after a number is a unit only when it is a physical one.
  const letter = n.upright ? uprightLetter(n.name) : null;
  const word = letter ?? WORD.exec(n.name)?.[1];
  if (!word || NOT_UNITS.has(word.toLowerCase())) return null;
  // `1.21 \text{ billion}`, and the scale letters read so (model/scaleLetters.ts): a number's size.
  const scale = SCALES[word];
  if (scale !== undefined) return { word, kind: 'scale', factor: scale };
  const known = TABLE.get(word);
  if (known?.kind === 'time') return { word, kind: siKind(SECONDS), factor: known.factor, dims: SECONDS };
  if (known) return { word, ...known };
  const si = physicalUnit(word);
  if (si) return { word, kind: siKind(si.dims), ...si };
  if (letter) return null;
  if (PHYSICAL_UNIT.test(word)) return { word, kind: `unit:${word}`, factor: 1 };
  // A counted thing: `entries`, `parameters`, `tokens` (singular and plural alike). A capitalised
  // word or an acronym (`\text{MSE}`) is a name.
  return /^[a-z]{3,}$/.test(word) ? { word, kind: `count:${word.replace(/s$/, '')}`, factor: 1 } : null;
}

/**
 * `\text{km/s}`, `\text{m/s^2}`, `\text{kg m^2}`: SI units written together in text font, multiplied
 * (a space between them), divided (after one slash) and raised to whole powers. Null for anything
 * else (`\text{TFLOP/s}`, words).
 */
function textUnit(text: string): Unit | null {
  const parts = text.split('/');
  if (parts.length > 2) return null;
  let unit: Unit | null = null;
  for (const [i, part] of parts.entries()) {
    const tokens = part
      .trim()
      .split(/\s+|\\[,;: ]/)
      .filter(Boolean);
    if (tokens.length === 0) return null;
    for (const token of tokens) {
      const m = /^([A-Za-zµΩ]+)(?:\^\{?(-?\d+)\}?)?$/.exec(token);
      const si = m ? physicalUnit(m[1]) : null;
      if (!m || !si) return null;
      const k = Number(m[2] ?? 1) * (i === 1 ? -1 : 1);
      const d = si.dims.map((x) => x * k);
      const u: Unit = { word: token, factor: si.factor ** k, dims: d, kind: siKind(d) };
      unit = unit ? combined(unit, u, 1) : u;
      if (!unit) return null;
    }
  }
  return unit && { ...unit, word: text };
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
export function unitExpr(n: Node): Unit | null {
  if (n.kind === 'sym' || n.kind === 'text') return unitOf(n);
  // `\mathrm{J/(kg\,K)}`: the units a slash divides by, in parentheses.
  if (n.kind === 'group' && n.open === '(' && n.close === ')' && n.items.length === 1) {
    const inner = unitExpr(n.items[0]);
    return inner?.dims ? { ...inner, word: `(${inner.word})` } : null;
  }
  if (n.kind === 'bin' && PRODUCTS.has(n.op)) {
    const slashed = slashedRun(n);
    if (slashed) return unitExpr(slashed);
    const prefixed = prefixedLetters(n);
    if (prefixed === 'ambiguous') return null;
    if (prefixed) return prefixed;
    return combined(unitExpr(n.left), unitExpr(n.right), 1);
  }
  if (n.kind === 'bin' && n.op === '/') return combined(unitExpr(n.left), unitExpr(n.right), -1);
  const raised = raisedFactor(n);
  // `\text{N m}^2` is typeset N m²: the power raises the last unit of the run only.
  if (raised && raised.base.kind === 'text' && /\s/.test(raised.base.text.trim()))
    return textUnit(`${raised.base.text.trim()}^${raised.power}`);
  if (raised) {
    const base = unitExpr(raised.base);
    const k = raised.power;
    if (!base?.dims) return null;
    const d = base.dims.map((x) => x * k);
    return { word: `${base.word}^${k}`, factor: base.factor ** k, dims: d, kind: siKind(d) };
  }
  return null;
}

/**
 * `\mathrm{k\Omega}`, `\mathrm{\mu F}`, the `mol` of `\mathrm{J/mol}`: upright letters written
 * together that spell one unit, prefixed or not (the parser reads `220\ \mu\mathrm{F}` so too). A
 * power on the last letter raises the whole unit (`kg^2`, `km^2`), as SI writes it; when the letters
 * before it are a unit of their own (`ms^{-1}`: metres per second, or per millisecond?) it is
 * 'ambiguous', and no unit is read.
 */
function prefixedLetters(n: Node): Unit | 'ambiguous' | null {
  if (n.kind !== 'bin' || n.op !== 'juxt') return null;
  const raised = raisedFactor(n.right);
  if (raised) {
    const power = raised.power;
    const run: Node = { ...n, right: raised.base, end: raised.base.end };
    // Apart (`\mathrm{m\,s^{-1}}`, `\mathrm{kg\ m^2}`) the letters are units multiplied.
    if (n.left.end < raised.base.start) return null;
    const unit = spelledUnit(run);
    if (!unit?.dims) return null;
    // `ms^{-1}` has two readings; `mm^2` one (metre times square metre is no one's unit).
    const head = unitExpr(n.left);
    if (head && unit.word !== head.word + head.word) return 'ambiguous';
    const d = unit.dims.map((x) => x * power);
    return { word: `${unit.word}^${power}`, factor: unit.factor ** power, dims: d, kind: siKind(d) };
  }
  return spelledUnit(n);
}

function spelledUnit(n: Node): Unit | null {
  const letters: string[] = [];
  // `\text{k}\Omega`, `\mu\text{F}`: a prefix or unit in text font beside a Greek letter spells one
  // unit too, when some part of the run is upright or in text font.
  let upright = false;
  const spell = (x: Node): boolean => {
    if (x.kind === 'bin' && x.op === 'juxt') return spell(x.left) && spell(x.right);
    if (x.kind !== 'sym' || x.sub) return false;
    const text = WORD.exec(x.name)?.[1];
    const greek = x.name === '\\Omega' || x.name === '\\mu';
    const letter = x.upright ? uprightLetter(x.name) : (text ?? (greek ? uprightLetter(x.name) : null));
    if (x.upright || text) upright = true;
    if (letter) letters.push(letter);
    return letter !== null;
  };
  if (n.kind !== 'bin' || n.op !== 'juxt' || !spell(n) || !upright || letters.length > 4) return null;
  const word = letters.join('');
  const si = word[0] === 'µ' || letters.length > 2 || PREFIXES.has(word[0]) ? siUnit(word) : null;
  return si ? { word, kind: siKind(si.dims), ...si } : null;
}

/**
 * `\mathrm{J/mol}`, `\mathrm{kJ/mol}`: in upright letters the slash divides by the whole run after it,
 * which the grammar reads as (J/m)·o·l; the run regrouped, or null when the product is no such run.
 */
function slashedRun(n: Node): Node | null {
  if (n.kind !== 'bin' || n.op !== 'juxt') return null;
  // `\mathrm{N\,m^2/kg^2}`: the run after the slash may end in a power.
  const last = raisedFactor(n.right)?.base ?? n.right;
  if (last.kind !== 'sym' || !last.upright) return null;
  const left = n.left.kind === 'bin' && n.left.op === 'juxt' ? (slashedRun(n.left) ?? n.left) : n.left;
  if (left.kind !== 'bin' || left.op !== '/') return null;
  const run: Node = { ...n, left: left.right, start: left.right.start };
  return { ...left, right: run, end: n.end };
}

/** `m^2`, `s^{-2}`, and `s^{-1}`, which the grammar reads as an inverse: a factor and its whole power. */
function raisedFactor(n: Node): { base: Node; power: number } | null {
  if (n.kind === 'post' && n.op === 'inv') return { base: n.operand, power: -1 };
  const power = n.kind === 'pow' ? wholeExponent(n.exponent) : null;
  return n.kind === 'pow' && power !== null ? { base: n.base, power } : null;
}

function wholeExponent(n: Node): number | null {
  if (n.kind === 'num' && Number.isInteger(n.value)) return n.value;
  if (n.kind === 'neg' && n.operand.kind === 'num' && Number.isInteger(n.operand.value))
    return -n.operand.value;
  return null;
}

/** Two physical units multiplied (sign 1) or divided (sign −1); null when either is not one. */
export function combined(a: Unit | null, b: Unit | null, sign: 1 | -1): Unit | null {
  if (!a?.dims || !b?.dims) return null;
  const d = a.dims.map((x, k) => x + sign * b.dims![k]);
  return {
    word: `${a.word}${sign === 1 ? ' ' : '/'}${b.word}`,
    factor: a.factor * b.factor ** sign,
    dims: d,
    kind: siKind(d),
  };
}

/** `6771\,\mathrm{km}`: the unit factor written after a number (a physical unit), or null. */
export function writtenUnitOf(n: Node): { node: Node; unit: Unit } | null {
  if (n.kind !== 'bin' || !PRODUCTS.has(n.op) || unitExpr(n) || !isNumericFormula(n.left)) return null;
  const unit = unitExpr(n.right);
  return unit?.dims ? { node: n.right, unit } : null;
}

/**
 * `R = 10\,\mathrm{k\Omega}`, `C = 4.7\,\mu\text{F}`, `m = 2\,\mathrm{kg}`: a value written in an SI
 * unit (prefixed or not), with its number (as written) and its unit; null for any other formula.
 */
export function valueInUnit(written: Node, ohm: boolean): { number: Node; unit: Unit } | null {
  const n = unitRegrouped(written);
  if (n.kind !== 'bin' || !PRODUCTS.has(n.op) || unitExpr(n)) return null;
  // `R_1 = 4\,\Omega`, as circuit notes write the ohm, when the document gives Ω no meaning (`ohm`).
  const plainOhm = ohm && n.right.kind === 'sym' && n.right.name === '\\Omega' && n.right.sub === null;
  const unit = plainOhm ? unitOf({ ...n.right, upright: true } as Node) : unitExpr(n.right);
  if (!unit?.dims) return null;
  return isNumericFormula(n.left) ? { number: n.left, unit } : null;
}

/**
 * The number of a value in an SI unit converted to the coherent unit (`10\,\mathrm{k\Omega}` is
 * 10 · 1000): the written number times the unit's factor.
 */
export function inCoherentUnit(number: Node, unit: Unit): Node {
  if (unit.factor === 1) return number;
  const factor: Node = {
    kind: 'num',
    value: unit.factor,
    text: String(unit.factor),
    start: number.end,
    end: number.end,
  };
  return { kind: 'bin', op: 'cdot', left: number, right: factor, start: number.start, end: number.end };
}

/**
 * `8.99\times10^9\,\text{N m}^2/\text{C}^2`, `9.8\,\text{m}/\text{s}^2`: the grammar divides the
 * number-with-unit by the unit after the slash; a reader divides the unit only. The number times the
 * whole unit, or the node itself when it is no such quotient.
 */
export function unitRegrouped(n: Node): Node {
  if (n.kind !== 'bin' || n.op !== '/' || !unitExpr(n.right)?.dims) return n;
  const left = n.left;
  if (left.kind !== 'bin' || !PRODUCTS.has(left.op) || unitExpr(left) || !unitExpr(left.right)?.dims)
    return n;
  if (!isNumericFormula(left.left)) return n;
  const unit: Node = {
    kind: 'bin',
    op: '/',
    left: left.right,
    right: n.right,
    start: left.right.start,
    end: n.end,
  };
  return { ...left, right: unit, end: n.end };
}

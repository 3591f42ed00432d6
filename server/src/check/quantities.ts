// "$4\,194\,304 \times 2 \text{ bytes} = 8 \text{ MiB}$", "$= 262\,144 \text{ entries}$": a word
// written after a number is its unit, or the things it counts. A careful reader compares such
// quantities as numbers when every side carries the same word, and converts between the units of
// one kind a budget calculation uses (bytes, seconds, floating-point operations) or a physics note
// uses (SI units with their prefixes and the units made of them: kJ and J, km/h and m/s); units of
// different kinds, or a side without a unit beside sides in different units, are not compared.
import type { Claim } from '../model/types';
import type { Node } from '../math/tree';
import { isNumericFormula, someNode, walk } from '../model/names';
import { combined, PRODUCTS, siName, type Unit, unitExpr, unitOf, unitRegrouped } from '../model/siUnits';

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
    // `7.67\,\text{km/s}` in m/s is 7.67e3, rounded like the number written.
    const power = Math.round(Math.log10(value));
    if (n.left.kind === 'num' && /^\d+(?:\.\d+)?$/.test(n.left.text) && 10 ** power === value)
      return { ...n.left, value: n.left.value * value, text: `${n.left.text}e${power}` };
    // `8.06\times10^{-4}\ \mathrm{mol/L}` in mol/m³ is 8.06e-1, rounded like the digits written.
    const sci = scientific(n.left);
    if (sci && 10 ** power === value)
      return {
        ...sci.digits,
        value: sci.digits.value * 10 ** (sci.power + power),
        text: `${sci.digits.text}e${sci.power + power}`,
        start: n.left.start,
        end: n.left.end,
      };
    const num: Node = { kind: 'num', value, text: String(value), start: n.right.start, end: n.right.end };
    return { ...n, op: 'cdot', left: inProduct(n.left, factor), right: num };
  }
  return { ...n, left: inProduct(n.left, factor), right: inProduct(n.right, factor) };
}

/** `8.06 \times 10^{-4}`: the digits and the whole power of ten of a number in scientific notation. */
function scientific(n: Node): { digits: Extract<Node, { kind: 'num' }>; power: number } | null {
  if (n.kind !== 'bin' || (n.op !== 'times' && n.op !== 'cdot')) return null;
  const { left, right } = n;
  if (left.kind !== 'num' || !/^\d+(?:\.\d+)?$/.test(left.text)) return null;
  if (right.kind !== 'pow' || right.base.kind !== 'num' || right.base.value !== 10) return null;
  const e = right.exponent;
  const power =
    e.kind === 'num' ? e.value : e.kind === 'neg' && e.operand.kind === 'num' ? -e.operand.value : Number.NaN;
  return Number.isInteger(power) ? { digits: left, power } : null;
}

/** The tree with every scale word (`\text{billion}`) applied to the number before it, other units kept. */
function scalesApplied(n: Node): Node {
  if (n.kind === 'bin') {
    const unit = PRODUCTS.has(n.op) ? unitExpr(n.right) : null;
    if (unit?.kind === 'scale') {
      const left = scalesApplied(n.left);
      const power = Math.round(Math.log10(unit.factor));
      if (left.kind === 'num' && /^\d+\.\d+$/.test(left.text))
        return { ...left, value: left.value * unit.factor, text: `${left.text}e${power}` };
      const num: Node = {
        kind: 'num',
        value: unit.factor,
        text: String(unit.factor),
        start: n.right.start,
        end: n.right.end,
      };
      return { ...n, op: 'cdot', left, right: num };
    }
    const left = scalesApplied(n.left);
    const right = scalesApplied(n.right);
    return left === n.left && right === n.right ? n : { ...n, left, right };
  }
  if (n.kind === 'neg') {
    const operand = scalesApplied(n.operand);
    return operand === n.operand ? n : { ...n, operand };
  }
  if (n.kind === 'group') {
    const items = n.items.map(scalesApplied);
    return items.some((x, k) => x !== n.items[k]) ? { ...n, items } : n;
  }
  if (n.kind === 'frac')
    return { ...n, numerator: scalesApplied(n.numerator), denominator: scalesApplied(n.denominator) };
  return n;
}

/**
 * `6.74 \times 10^9 \times 2\ \text{B} \approx 13.5\ \text{GB}` beside `N \approx 6.74\text{B}`: the letter B
 * after a number is a billion parameters in one place and a byte in the next (model/scaleLetters.ts
 * reads it as a billion). The claim with every B so read as a byte instead, or null when it writes
 * none (the word billion spelt out is no byte).
 */
export function lettersBAsBytes(claim: Claim, source: string): Claim | null {
  // Most claims write no B at all; a 32,000-letter product must not be walked recursively for one.
  if (!/B/.test(source.slice(claim.start, claim.end))) return null;
  let found = false;
  const swap = (n: Node): Node => {
    if (n.kind === 'sym' && n.name === '\\text{billion}' && /B\}?\s*$/.test(source.slice(n.start, n.end))) {
      found = true;
      return { ...n, name: '\\text{byte}', stem: '\\text{byte}', base: '\\text{byte}' };
    }
    let changed = false;
    const copy: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(n)) {
      const y = Array.isArray(x) ? x.map((e) => (isNode(e) ? swap(e) : e)) : isNode(x) ? swap(x) : x;
      if (y !== x && !(Array.isArray(x) && (y as unknown[]).every((e, i) => e === x[i]))) changed = true;
      copy[k] = y;
    }
    return changed ? (copy as unknown as Node) : n;
  };
  try {
    const lhs = swap(claim.lhs);
    const rhs = swap(claim.rhs);
    return found ? { ...claim, lhs, rhs } : null;
  } catch (e) {
    // A tree too deep to copy (a run of thousands of letters beside a B): the byte reading is not tried.
    if (e instanceof RangeError) return null;
    throw e;
  }
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && typeof (x as Node).kind === 'string';
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
      /**
       * `3.98\times10^{-19}\,\text{J} = 2.48\,\text{eV}`: the claim compared in each unit written whose
       * size is no power of ten of the base unit's, so that its number keeps the rounding of its
       * digits (2.48 eV is 3.97e-19 J only to its rounding).
       */
      inWritten?: { claim: Claim; note: string }[];
    }
  | { kind: 'unchecked'; message: string };

/** The base unit of a unit's kind, as notes name it (bytes, s, FLOP, J, m/s). */
function baseName(u: Unit): string {
  if (u.dims) return siName(u.dims);
  return { information: 'bytes', compute: 'FLOP', scale: 'ones' }[u.kind] ?? u.kind;
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
  // `70 \text{ billion} \times 1 = 70\ \text{GB}`: a scale word beside a unit is only a number's size.
  if (units.some((u) => u.kind === 'scale') && units.some((u) => u.kind !== 'scale')) {
    const scaled = { ...claim, lhs: scalesApplied(claim.lhs), rhs: scalesApplied(claim.rhs) };
    const read = unitsRead(scaled);
    if (read.kind !== 'none') return read;
    const note = 'the scale words read as numbers';
    return { kind: 'compared', claim: scaled, note, binary: null, inBase: null, unsure: false };
  }
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
  const decimal = (x: number) => Math.abs(Math.log10(x) - Math.round(Math.log10(x))) < 1e-9;
  const inWritten = units
    .filter((u, k) => units.findIndex((v) => v.word === u.word) === k && !decimal(u.factor))
    .map((w) => {
      const inW = (u: Unit) => u.factor / w.factor;
      return {
        claim: { ...claim, lhs: converted(claim.lhs, inW), rhs: converted(claim.rhs, inW) },
        note: `compared in ${w.word}`,
      };
    });
  return {
    kind: 'compared',
    ...(inWritten.length > 0 ? { inWritten } : {}),
    claim: { ...claim, lhs: converted(claim.lhs, scale), rhs: converted(claim.rhs, scale) },
    binary: units.some((u) => BINARY.has(u.word))
      ? { ...claim, lhs: converted(claim.lhs, binary), rhs: converted(claim.rhs, binary) }
      : null,
    inBase: null,
    unsure: false,
    note: `compared in ${base}${conversions(units, base)}`,
  };
}

/**
 * `4700\,\Omega`, `48.2\,\Omega`: as circuit notes write the ohm, a plain Ω right after a number is the
 * ohm when the document gives Ω no meaning of its own (as a value given in ohms is, model/build.ts).
 * And a number with a unit divided by a unit (`9.8\,\text{m}/\text{s}^2`) is the number times the
 * quotient of units (model/siUnits.ts unitRegrouped). The claim so read, or the claim itself.
 */
export function unitsAsWritten(claim: Claim): Claim {
  const ohms = !claim.env.lookup('\\Omega', claim.block);
  // The rewrite below recurses; most claims (a 5000-term sum among them) have nothing to rewrite,
  // and the walk that says so is iterative.
  const rewritten = (x: Node) =>
    unitRegrouped(x) !== x ||
    (ohms && x.kind === 'sym' && x.name === '\\Omega' && x.sub === null && !x.upright) ||
    quantityQuotient(x, ohms) !== null;
  if (!someNode(claim.lhs, rewritten) && !someNode(claim.rhs, rewritten)) return claim;
  let found = false;
  const mark = (written: Node): Node => {
    const quotient = quantityQuotient(written, ohms);
    if (quotient) {
      found = true;
      return quotient;
    }
    const n = unitRegrouped(written);
    if (n !== written) found = true;
    if (n.kind === 'bin' && PRODUCTS.has(n.op)) {
      const right = n.right;
      const ohm = right.kind === 'sym' && right.name === '\\Omega' && right.sub === null && !right.upright;
      if (ohms && ohm && isNumericFormula(n.left)) {
        found = true;
        return { ...n, right: { ...right, upright: true } };
      }
      const left = mark(n.left);
      const r = mark(n.right);
      return left === n.left && r === n.right ? n : { ...n, left, right: r };
    }
    if (n.kind === 'bin' || n.kind === 'neg' || n.kind === 'frac' || n.kind === 'group') {
      const copy: Record<string, unknown> = { ...n };
      let changed = false;
      for (const key of ['left', 'right', 'operand', 'numerator', 'denominator'] as const)
        if (key in n) {
          const x = (n as unknown as Record<string, Node>)[key];
          const y = mark(x);
          if (y !== x) changed = true;
          copy[key] = y;
        }
      if (n.kind === 'group') {
        const items = n.items.map(mark);
        if (items.some((x, k) => x !== n.items[k])) changed = true;
        copy.items = items;
      }
      return changed ? (copy as unknown as Node) : n;
    }
    return n;
  };
  const lhs = mark(claim.lhs);
  const rhs = mark(claim.rhs);
  return found ? { ...claim, lhs, rhs } : claim;
}

type Quantity = { numbers: Node[]; units: Node[] };

/**
 * `12\,\text{V}`, `(25.0\,\text{cm})(16.8\,\text{cm})`, `(5\ \text{V})^2`, `8.02 \times 86400\,\text{s}`: a
 * product of written numbers and units (each unit a factor, a bracket of such a product, or one raised
 * to a whole power), split into its numbers and its units; null for anything else.
 */
function quantityOf(n: Node, ohms: boolean): Quantity | null {
  const out: Quantity = { numbers: [], units: [] };
  for (const f of factorsOf(n)) {
    let x = f;
    while (x.kind === 'group' && x.open === '(' && x.items.length === 1) x = x.items[0];
    if (x !== f && x.kind === 'bin' && PRODUCTS.has(x.op)) {
      const inner = quantityOf(x, ohms);
      if (!inner) return null;
      out.numbers.push(...inner.numbers);
      out.units.push(...inner.units);
    } else if (unitExpr(x)?.dims || (ohms && x.kind === 'sym' && x.name === '\\Omega' && x.sub === null)) {
      out.units.push(x.kind === 'sym' && x.name === '\\Omega' ? { ...x, upright: true } : x);
    } else if (x.kind === 'pow' && x.exponent.kind === 'num' && Number.isInteger(x.exponent.value)) {
      let base = x.base;
      while (base.kind === 'group' && base.open === '(' && base.items.length === 1) base = base.items[0];
      const inner = base.kind === 'bin' && PRODUCTS.has(base.op) ? quantityOf(base, ohms) : null;
      if (!inner) {
        if (!isNumericFormula(x)) return null;
        out.numbers.push(x);
        continue;
      }
      const raise = (y: Node): Node => ({ ...x, base: grouped(y), exponent: x.exponent });
      out.numbers.push(...inner.numbers.map(raise));
      out.units.push(...inner.units.map(raise));
    } else if (isNumericFormula(x)) out.numbers.push(x);
    else return null;
  }
  return out;
}

const grouped = (n: Node): Node =>
  n.kind === 'num' || n.kind === 'sym' || n.kind === 'text'
    ? n
    : { kind: 'group', open: '(', close: ')', items: [n], start: n.start, end: n.end };

/** The factors multiplied, left to right (`times`), or 1 when there are none. */
function multiplied(factors: Node[], at: number): Node {
  if (factors.length === 0) return { kind: 'num', value: 1, text: '1', start: at, end: at };
  return factors
    .slice(1)
    .reduce<Node>(
      (a, f) => ({ kind: 'bin', op: 'cdot', left: a, right: f, start: a.start, end: f.end }),
      factors[0],
    );
}

/**
 * `\dfrac{12\,\text{V}}{13.3\,\text{k}\Omega}`, `\frac{1}{44.1\,\text{kHz}}`: a quotient of quantities,
 * each a product of written numbers and units, is the quotient of the numbers times the quotient of
 * the units, as a reader works it out (V/kΩ is a current in mA), so that the units are converted as
 * any unit after a number is. Null when the quotient writes no unit, or anything but numbers and
 * units.
 */
function quantityQuotient(n: Node, ohms: boolean): Node | null {
  const parts = n.kind === 'frac' ? [n.numerator, n.denominator] : null;
  if (!parts) return null;
  const up = quantityOf(parts[0], ohms);
  const down = up && quantityOf(parts[1], ohms);
  if (!up || !down || up.units.length + down.units.length === 0) return null;
  if (up.numbers.length === 0 && up.units.length > 0) return null;
  const numbers: Node = {
    kind: 'frac',
    numerator: multiplied(up.numbers, n.start),
    denominator: multiplied(down.numbers, n.end),
    start: n.start,
    end: n.end,
  };
  const above = up.units.length > 0 ? multiplied(up.units, n.start) : null;
  const below = down.units.length > 0 ? multiplied(down.units, n.end) : null;
  const minusOne: Node = {
    kind: 'neg',
    operand: { kind: 'num', value: 1, text: '1', start: n.end, end: n.end },
    start: n.end,
    end: n.end,
  };
  const unit: Node = below
    ? above
      ? { kind: 'bin', op: '/', left: above, right: below, start: above.start, end: below.end }
      : { kind: 'pow', base: below, exponent: minusOne, start: below.start, end: below.end }
    : (above as Node);
  const read = unitExpr(unit);
  if (!read?.dims) return null;
  return { kind: 'bin', op: 'cdot', left: numbers, right: unit, start: n.start, end: n.end };
}

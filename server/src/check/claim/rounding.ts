// Decimals written in the claim: the rounding they state, and whether the other side fits it.
import type Decimal from 'decimal.js';
import type { Trial } from '../trial';
import type { Node } from '../../math/tree';
import { decimalSides, literalCorner } from '../decimal';
import { isOutOfBudget } from './generic';
import type { Runner } from '../claim';
import type { TrialResult } from './results';
import { Tensor } from '../../engine';
import * as V from '../values';
import type { Claim } from '../../model/types';
import { onlyNumbers } from './values';
import { sumTerms, termRoundings } from './termRounding';
import { factorRoundings, substitutedRoundings } from './factorRounding';
import { walk } from '../../model/names';
import { children } from '../../math/walk';

export interface Literal {
  node: Extract<Node, { kind: 'num' }>;
  half: number;
  /** The half-width carried from the rounded numbers a chain computed it from (carriedSpread). */
  carried?: boolean;
  /** The other side's term it restates (termRounding.ts): when that term is exactly it, no rounding. */
  term?: Node;
  /**
   * The computation of the link before that it stands for (carriedRoundings): where that works out to
   * a value within the decimal's rounding, the decimal is that value, exactly (exactAt).
   */
  piece?: Node;
}

/**
 * The author's rounded results: a decimal that is a whole side, or the sole numeric coefficient
 * of a side (`3.16\check\Gamma`, `3.16 \times 10^{-3}`), or a term of a side that rounds the other
 * side's terms one by one (termRounding.ts). Decimals inside a computation
 * (`\sqrt{(1-0.1)/0.1}`) are given values and exact.
 */
/** Corners of the rounding box are evaluated one by one (2^k): entries beyond this are exact. */
export const MAX_ROUNDED_ENTRIES = 8;

export function decimalLiterals(claim: Claim): Literal[] {
  const out: Literal[] = [];
  const pairs = new Map<Extract<Node, { kind: 'num' }>, Node>();
  for (const [side, other] of [
    [claim.lhs, claim.rhs],
    [claim.rhs, claim.lhs],
  ]) {
    const rounded =
      givenCoefficients(side, other) || inputCoefficient(claim, side, other) ? [] : roundedResults(side);
    let terms = rounded.length > 0 ? rounded : termRoundings(side, other, roundedResult, onlyNumbers, pairs);
    if (terms.length === 0) terms = bodyTermRoundings(claim, side, other);
    let found = terms.length > 0 ? terms : factorRoundings(side, other, onlyNumbers);
    // `M = 200000 \cdot \frac{0.004 \cdot 4.2086}{3.2086}`: the numbers restate the formula that
    // defines the name, piece by piece; a decimal whose piece computes it exactly is no rounding.
    if (found.length === 0) found = factorRoundings(side, definedFormula(claim, other), onlyNumbers, pairs);
    // After ≈ the decimals may be a truncated series (`\log(1.1) \approx 0.1 - 0.005 + 0.000333`),
    // whose gap is no rounding of theirs; ≈ has its own allowance.
    if (found.length === 0 && claim.op === '=') found = substitutedRoundings(side, other, onlyNumbers);
    if (found.length === 0 && claim.op === '=') found = roundedWholeNumber(side, other, claim);
    const fromChain = side === claim.lhs ? carriedRoundings(claim, pairs) : [];
    found = [...fromChain, ...found];
    // The words say the numbers are rounded: every decimal the side writes is, each on its own.
    if (claim.roundedNumbers) found = [...new Set([...found, ...writtenDecimals(side)])];
    // A decimal an earlier claim computed and rounded (model/build.ts reusedRoundedResults).
    const carried = claim.carriedDecimals;
    // A whole number only after `=`: after ≈ its 1% already allows for it (roundedWholeNumber).
    if (carried)
      found = [
        ...new Set([
          ...found,
          ...writtenNumbers(side).filter(
            (n) => carried.includes(n.text) && (claim.op === '=' || halfUnit(n.text) !== null),
          ),
        ]),
      ];
    if (side === claim.rhs) found = [...found, ...measuredValues(claim)];
    for (const n of found) {
      if (out.length >= MAX_ROUNDED_ENTRIES) break;
      if (out.some((l) => l.node === n)) continue;
      const half = halfUnit(n.text) ?? wholeHalf(n.text);
      if (half === null) continue;
      const carried = side === claim.lhs ? carriedSpread(claim, n) : 0;
      const piece = fromChain.includes(n) ? pairs.get(n) : undefined;
      out.push(
        carried > half
          ? { node: n, half: carried, carried: true }
          : { node: n, half, term: pairs.get(n), ...(piece ? { piece } : {}) },
      );
    }
  }
  return out;
}

/**
 * `0.4\pi_1 = 0.2\pi_2 + 0.1\pi_3`: a decimal coefficient of names, where every term of the other
 * side is a decimal coefficient of names too, is a given number of a balance or a linear system (a
 * transition probability, a weight), not a rounded result. A decimal that is a whole side stays
 * one, and so does a coefficient against anything the other side computes (`e^{-1} \cdot 0.5 x`).
 */
function givenCoefficients(side: Node, other: Node): boolean {
  const coefficient = (n: Node) => !onlyNumbers(n) && roundedResult(n) !== null;
  return coefficient(side) && sumTerms(other).every(coefficient);
}

/**
 * `1.2m = 5.0` with `m = 4`: a decimal coefficient of names that all have values, against a side
 * that writes none of them, is a number the author multiplied (a rate, a factor, a price), and the
 * other side is the result: the coefficient is an input, exact, as any decimal inside a computation
 * is, and only the result keeps its rounding. A coefficient of a name without a value
 * (`y = 0.333x`) or of a name the other side also writes (`\sqrt{(1-p)/p}\,\check\Gamma =
 * 3.16\check\Gamma`, `\sqrt 2 k = 1.414k`) rounds the other side's factor, and stays a result.
 */
function inputCoefficient(claim: Claim, side: Node, other: Node): boolean {
  const coefficient = roundedResult(side);
  if (coefficient === null || coefficient === side || onlyNumbers(side)) return false;
  const names = new Set<string>();
  walk(side, (x) => {
    if (x.kind === 'sym' && !CONSTANTS.has(x.name)) names.add(x.name);
  });
  let shared = false;
  walk(other, (x) => {
    if (x.kind === 'sym' && names.has(x.name)) shared = true;
  });
  return !shared && names.size > 0 && [...names].every((n) => valuedName(claim, n, 0, new Set()));
}

/** A computation (not a lone name or number) of names that all have values. */
function valuedComputation(claim: Claim, piece: Node): boolean {
  let x = piece;
  while (x.kind === 'group' && x.open === '(' && x.items.length === 1) x = x.items[0];
  if (x.kind === 'sym' || isLiteral(x)) return false;
  const names = new Set<string>();
  walk(x, (y) => {
    if (y.kind === 'sym') names.add(y.name);
  });
  return names.size > 0 && [...names].every((n) => valuedName(claim, n, 0, new Set()));
}

/** `48.2^\\circ` is 48.2 · π/180: a coefficient of a constant alone is a number, not a name scaled. */
const CONSTANTS = new Set(['\\pi', 'e']);

/** A name whose value is a number: defined (no parameters, no indices) by a formula of numbers and such names. */
function valuedName(claim: Claim, name: string, depth: number, seen: Set<string>): boolean {
  if (CONSTANTS.has(name)) return true;
  // `seen` holds the names on the way here: a name met again on its own way is a cycle, one met
  // again beside itself (`m = a + a`) is not.
  if (seen.has(name) || depth >= VALUED_DEPTH) return false;
  const e = claim.env.lookup(name, claim.block);
  if (e?.kind !== 'def' || e.params !== null || e.indices !== null) return false;
  seen.add(name);
  let valued = true;
  walk(e.expr, (y) => {
    if (valued && y.kind === 'sym' && !valuedName(claim, y.name, depth + 1, seen)) valued = false;
  });
  seen.delete(name);
  return valued;
}

/** A whole number of three digits or more: precise enough to be a measured result rounded to units. */
const WHOLE_RESULT = /^[1-9]\d{2,}(?:e(\d+))?$/;

/**
 * Half a unit of a whole result (WHOLE_RESULT); `159e6` is 159 in a prefixed unit converted to the
 * coherent one (`159\ \mathrm{MPa}`, check/quantities.ts), rounded to units of the prefix.
 */
function wholeHalf(text: string): number | null {
  const m = WHOLE_RESULT.exec(text);
  return m ? 0.5 * 10 ** Number(m[1] ?? 0) : null;
}

/**
 * `25 / 0.01736 = 1440`, `2 \times 0.855 / 0.00499 = 343`: a whole number of three digits or more
 * computed from decimals (measured inputs, known to their digits) is that result rounded to units,
 * as a lab report writes it; the decimals stay inputs. So is one computed with a root or π
 * (irrational). Not a whole number computed from whole numbers by arithmetic (`6 \cdot 7 = 42`,
 * `2^{10} = 1024`, exact), not one of one or two digits (`0.3 \times 7
 * = 2` states 2), and not after ≈, whose 1% already allows for it.
 */
function roundedWholeNumber(side: Node, other: Node, claim: Claim): Extract<Node, { kind: 'num' }>[] {
  let x = side;
  while (x.kind === 'group' && x.items.length === 1 && x.open === '(') x = x.items[0];
  if (x.kind !== 'num' || !WHOLE_RESULT.test(x.text)) return [];
  if (onlyNumbers(other) && writtenDecimals(other).length > 0) return [x];
  if (measuredLogarithm(other)) return [x];
  return irrational(other) || valuedFromDecimals(claim, other) ? [x] : [];
}

/** Logarithms and exponentials, of written numbers in measuredLogarithm. */
const LOG_OR_EXP = new Set(['ln', 'log', 'exp', 'lg']);

/**
 * `2 \cdot 8.314 \cdot 350 \cdot \ln 3 = 6394`: a logarithm or an exponential of written numbers
 * times a decimal of three significant digits or more written outside it (a measured constant, the
 * gas constant 8.314) computes no whole number the author could mean exactly — the decimal is known
 * only to its digits — so the whole result is rounded to units, as from decimals alone. A logarithm
 * with no such decimal beside it may cancel as the author claims (`\log(e^{1000} + e^{999}) =
 * 1000`), and the rule leaves it out.
 */
function measuredLogarithm(side: Node): boolean {
  let functions = false;
  let other = false;
  const visit = (n: Node, inside: boolean): void => {
    if (n.kind === 'call' && LOG_OR_EXP.has(n.fn) && n.args.every((a) => onlyNumbers(a))) {
      functions = true;
      return;
    }
    if (n.kind === 'pow' && n.base.kind === 'sym' && n.base.name === 'e' && onlyNumbers(n.exponent)) {
      functions = true;
      return;
    }
    if (n.kind === 'num') {
      if (!inside && SIGNIFICANT_DECIMAL.test(n.text)) measured = true;
      return;
    }
    if (n.kind === 'sym' || n.kind === 'call' || n.kind === 'apply' || n.kind === 'deriv') other = true;
    for (const c of children(n)) visit(c, inside);
  };
  let measured = false;
  visit(side, false);
  return functions && measured && !other;
}

/** A decimal of three significant digits or more (`8.314`, `0.0821`, `9.81`). */
const SIGNIFICANT_DECIMAL = /^(?:0\.0*[1-9]\d{2,}|[1-9]\d*\.\d+)$/;

/** How deep valuedFromDecimals follows the formulas names are defined by. */
const VALUED_DEPTH = 4;

/**
 * `C_0 / AF = 25{,}046` with `C_0 = 100{,}000` and `AF = \frac{1 - (1+k)^{-5}}{k}`, `k = 8\%`: a side
 * of names that all have values, reached through their formulas, one of them a decimal, a percentage
 * or an irrational number — the same computation as one written in those numbers, whose whole
 * result of three digits or more is rounded to units (roundedWholeNumber). False when any name
 * is left without a value (sampled, a statement about every value).
 */
function valuedFromDecimals(claim: Claim, other: Node): boolean {
  let inexact = false;
  let valued = true;
  const seen = new Set<string>();
  // As in irrational(): a logarithm or an exponential may cancel, a sine's written angle is exact;
  // a root or π computes no whole number.
  const visit = (n: Node, depth: number) =>
    walk(n, (y) => {
      if (y.kind === 'num' && !Number.isInteger(y.value)) inexact = true;
      if (y.kind === 'pow' && y.exponent.kind === 'neg') inexact = true;
      if (y.kind === 'sqrt') inexact = true;
      if (y.kind !== 'sym' || seen.has(y.name)) return;
      if (y.name === '\\pi') {
        inexact = true;
        return;
      }
      if (y.name === 'e') return;
      seen.add(y.name);
      const e = claim.env.lookup(y.name, claim.block);
      if (depth >= VALUED_DEPTH || e?.kind !== 'def' || e.params !== null || e.indices !== null)
        valued = false;
      else visit(e.expr, depth + 1);
    });
  visit(other, 0);
  return valued && inexact && seen.size > 0;
}

/**
 * `480/\sqrt{3} = 277`, `100\pi = 314`: whole numbers under a root or with π compute a value no
 * author means as a whole number; the result written is it rounded, as from measured decimals. (A
 * root that comes out whole, `\sqrt{144} = 12`, holds exactly either way.) Not a logarithm or an
 * exponential, which may cancel (`\log(e^{1000} + e^{999}) = 1000` claims it does), nor a sine or
 * cosine, whose written angle is exact (`1440\cos 36.9^\circ = 1152`).
 */
function irrational(side: Node): boolean {
  let found = false;
  let names = false;
  walk(side, (x) => {
    const constant = x.kind === 'sym' && x.name === '\\pi';
    if (x.kind === 'sqrt' || constant) found = true;
    // `2\pi(60)` reads as π applied to 60 once a letter has a value: π times 60 all the same.
    const timesPi = x.kind === 'apply' && x.f.name === '\\pi';
    // A function (a logarithm, a cosine) or any other name leaves the rule out.
    if ((x.kind === 'sym' && !constant) || (x.kind === 'apply' && !timesPi) || x.kind === 'call')
      names = true;
  });
  return found && !names;
}

/**
 * "We measured $\theta_2 = 25.0^\circ$", then `\sin\theta_2 = \sin 40^\circ / 1.52`: a reading is known
 * to the digits written, so the decimal of a measured value the claim uses keeps its rounding there,
 * as a rounded result does (θ₂ = 25.017° reads 25.0°). Only values the words call readings
 * (model/prose.ts MEASURED_BEFORE, or written with ±); a given rate or index stays exact.
 */
function measuredValues(claim: Claim): Extract<Node, { kind: 'num' }>[] {
  const out: Extract<Node, { kind: 'num' }>[] = [];
  const names = new Set<string>();
  for (const side of [claim.lhs, claim.rhs])
    walk(side, (x) => {
      if (x.kind === 'sym') names.add(x.name);
    });
  for (const name of names) {
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind !== 'def' || !e.measured || e.params !== null || e.indices !== null) continue;
    const n = roundedResult(e.expr);
    if (n) out.push(n);
  }
  return out;
}

/** Half a unit of a decimal's last digit (`1.97e14`: of its mantissa's, scaled by the exponent). */
function halfUnit(text: string): number | null {
  const m = /^\d*\.(\d+)(?:[eE]([+-]?\d+))?$/.exec(text);
  return m ? 0.5 * 10 ** (Number(m[2] ?? 0) - m[1].length) : null;
}

/** The decimals and whole results (`239`, WHOLE_RESULT) a side writes, in order. */
function writtenNumbers(side: Node): Extract<Node, { kind: 'num' }>[] {
  const out: Extract<Node, { kind: 'num' }>[] = [];
  walk(side, (x) => {
    if (x.kind === 'num' && (halfUnit(x.text) !== null || WHOLE_RESULT.test(x.text))) out.push(x);
  });
  return out;
}

/** The decimals a side writes, in order. */
function writtenDecimals(side: Node): Extract<Node, { kind: 'num' }>[] {
  const out: Extract<Node, { kind: 'num' }>[] = [];
  walk(side, (x) => {
    if (x.kind === 'num' && halfUnit(x.text) !== null) out.push(x);
  });
  return out;
}

/**
 * `1 \cdot 0.513 + 2(-0.128) + 2(-0.128) = 0.001 \approx 0. Good (rounding).`: the words say the
 * numbers are rounded, so the value the chain computed (0.001) is known only as well as the numbers
 * it was computed from — here to ±0.0025 — and the next link compares that whole spread. Only a
 * chain start of numbers under + − × and negation is read; anything else carries nothing.
 */
function carriedSpread(claim: Claim, n: Extract<Node, { kind: 'num' }>): number {
  if (!claim.roundedNumbers || !claim.chainedFrom || roundedResult(claim.lhs) !== n) return 0;
  const range = roundedRange(claim.chainedFrom);
  return range ? (range[1] - range[0]) / 2 : 0;
}

/** The interval a sum or product of written numbers spans when each decimal is off by its rounding. */
function roundedRange(n: Node): [number, number] | null {
  switch (n.kind) {
    case 'num': {
      const h = halfUnit(n.text) ?? 0;
      return [n.value - h, n.value + h];
    }
    case 'neg': {
      const r = roundedRange(n.operand);
      return r ? [-r[1], -r[0]] : null;
    }
    case 'group':
      return n.open === '(' && n.items.length === 1 ? roundedRange(n.items[0]) : null;
    case 'bin': {
      const a = roundedRange(n.left);
      const b = roundedRange(n.right);
      if (!a || !b) return null;
      if (n.op === '+') return [a[0] + b[0], a[1] + b[1]];
      if (n.op === '-') return [a[0] - b[1], a[1] - b[0]];
      if (n.op === 'juxt' || n.op === 'cdot' || n.op === 'times') {
        const p = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]];
        return [Math.min(...p), Math.max(...p)];
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * `P_3(0.5) = 1 + 0.5 + 0.125 + 0.0208333` for `P_3(x) = 1 + x + \frac{x^2}{2} + \frac{x^3}{6}`: the
 * side restates, term by term, the body of the function the other side calls. A decimal standing
 * where the body computes (`\frac{x^3}{6}`) is that term's rounded value; one standing for a bare
 * parameter (`x`) is the argument substituted, exact, and so is every bare number of the body.
 */
function bodyTermRoundings(claim: Claim, side: Node, other: Node): Extract<Node, { kind: 'num' }>[] {
  if (other.kind !== 'apply') return [];
  const def = claim.env.lookup(other.f.name, claim.block);
  if (def?.kind !== 'def' || !def.params || def.params.length !== other.args.length) return [];
  const params = new Set(def.params.map((p) => p.name));
  const mine = sumTerms(side);
  const theirs = sumTerms(def.expr);
  const parameter = (n: Node) => n.kind === 'sym' && params.has(n.name);
  if (mine.length < 2 || mine.length !== theirs.length || !onlyNumbers(side)) return [];
  const out: Extract<Node, { kind: 'num' }>[] = [];
  for (let i = 0; i < mine.length; i++) {
    const r = roundedResult(mine[i]);
    if (r && !parameter(theirs[i]) && !onlyNumbers(theirs[i])) out.push(r);
  }
  return out;
}

/**
 * `L = 1.69 + \frac{406.4}{N^{0.34}} + \frac{410.7}{D^{0.28}} \approx 1.69 + 0.083 + 0.163 \approx 1.937`:
 * the link before showed 0.083 and 0.163 to be rounded terms, and the author's total adds the
 * unrounded ones. In the next approximate link the same side keeps those decimals rounded, so
 * the sum may be off by all their roundings together. An `=` after an approximate link is exact
 * arithmetic on the numbers as written (`1.69 + 0.083 + 0.163 = 1.937` is refuted); after a link
 * the author also wrote with `=` (`\frac{1}{96} + \frac{1}{300} = 0.0104 + 0.00333 = 0.0138`) their
 * `=` stood for equal to the digits shown all along, and the decimals stay rounded. A decimal whose
 * term computes it exactly (`\frac12` as 0.5) is no rounding (`pairs`, rounding's halfAt).
 */
function carriedRoundings(
  claim: Claim,
  pairs: Map<Extract<Node, { kind: 'num' }>, Node>,
): Extract<Node, { kind: 'num' }>[] {
  const from = claim.chainedFrom;
  const equals = claim.op === '=' && claim.chainedByEquals === true;
  if (!from || !(claim.op === '\\approx' || equals) || roundedResult(claim.lhs)) return [];
  const mine = new Map<Extract<Node, { kind: 'num' }>, Node>();
  const terms = termRoundings(claim.lhs, from, roundedResult, onlyNumbers, mine);
  const found =
    terms.length > 0
      ? terms
      : factorRoundings(claim.lhs, valuesTimesBrackets(claim, from), onlyNumbers, mine);
  for (const [n, piece] of mine) pairs.set(n, piece);
  // After `=`, a decimal standing for a name (`2pq = 2(0.65)(0.35)`) is the name's given value
  // substituted, exact; only one that a computation rounded is carried: of numbers (`\frac{1}{96}` as
  // 0.0104, `\ln\frac{275}{75}` as `\ln(3.667)`), or of names with values (an annuity factor
  // `\frac{1 - (1+i)^{-N}}{i}` as 4.4518, with i and N given).
  if (!equals) return found;
  return found.filter((n) => {
    const piece = mine.get(n);
    return piece !== undefined && (computedNumber(piece) || valuedComputation(claim, piece));
  });
}

/**
 * The formula a lone name is defined by (no parameters, no indices), or the node itself. Only the
 * name's own formula: the names in it keep their values when the claim is evaluated.
 */
function definedFormula(claim: Claim, n: Node): Node {
  if (n.kind !== 'sym') return n;
  const e = claim.env.lookup(n.name, claim.block);
  return e?.kind === 'def' && !e.params && !e.indices && !isLiteral(e.expr) ? e.expr : n;
}

const isLiteral = (n: Node): boolean => n.kind === 'num' || (n.kind === 'neg' && isLiteral(n.operand));

/**
 * `s(q - z) = 0.03137 \cdot 41`: a name with a value before a bracket multiplies it, so the link
 * before is the product s · (q − z) that the numbers restate factor by factor (0.03137 for s).
 */
function valuesTimesBrackets(claim: Claim, n: Node): Node {
  if (n.kind === 'bin') {
    const left = valuesTimesBrackets(claim, n.left);
    const right = valuesTimesBrackets(claim, n.right);
    return left === n.left && right === n.right ? n : { ...n, left, right };
  }
  if (n.kind !== 'apply' || n.args.length !== 1) return n;
  const e = claim.env.lookup(n.f.name, claim.block);
  if (!e || e.kind === 'fn' || (e.kind === 'def' && e.params)) return n;
  const group: Node = { kind: 'group', open: '(', close: ')', items: n.args, start: n.f.end, end: n.end };
  return { kind: 'bin', op: 'juxt', left: n.f, right: group, start: n.start, end: n.end };
}

/**
 * The author's rounded results on one side: the side's own rounded number, or every decimal entry
 * of a vector or matrix written out in numbers (`[1.65, 0.37, 1]`), each rounded on its own.
 */
function roundedResults(side: Node): Extract<Node, { kind: 'num' }>[] {
  const one = roundedResult(side);
  if (one) return [one];
  let x = side;
  if (x.kind === 'post' && x.op === 'T') x = x.operand;
  const entries =
    x.kind === 'group' && (x.open === '[' || x.open === '(') && x.items.length > 1
      ? x.items
      : x.kind === 'matrix'
        ? x.rows.flat()
        : null;
  if (!entries || !entries.every((e) => onlyNumbers(e))) return [];
  return entries.flatMap((e) => {
    const r = roundedResult(e);
    return r ? [r] : [];
  });
}

function roundedResult(side: Node): Extract<Node, { kind: 'num' }> | null {
  let x = side;
  while (x.kind === 'neg' || (x.kind === 'group' && x.items.length === 1 && x.open === '('))
    x = x.kind === 'neg' ? x.operand : x.items[0];
  const isDecimal = (n: Node): n is Extract<Node, { kind: 'num' }> =>
    n.kind === 'num' && /^\d*\.\d+(?:[eE][+-]?\d+)?$/.test(n.text);
  if (isDecimal(x)) return x;
  // `54.7^\circ`, read as 54.7 · π/180 (math/parser/scripts.ts): the degrees are the rounded number.
  if (x.kind === 'frac' && isDegreeDivisor(x.denominator)) x = x.numerator;
  if (x.kind !== 'bin' || !(x.op === 'juxt' || x.op === 'cdot' || x.op === 'times')) return null;
  const factors: Node[] = [];
  const flatten = (n: Node) => {
    if (n.kind === 'bin' && (n.op === 'juxt' || n.op === 'cdot' || n.op === 'times')) {
      flatten(n.left);
      flatten(n.right);
    } else factors.push(n);
  };
  flatten(x);
  const decimals = factors.filter(isDecimal);
  // Scientific notation keeps the coefficient's precision; any other number makes it an input.
  const powerOfTen = (n: Node) =>
    (n.kind === 'pow' &&
      n.base.kind === 'num' &&
      n.base.text === '10' &&
      (n.exponent.kind === 'num' || (n.exponent.kind === 'neg' && n.exponent.operand.kind === 'num'))) ||
    (n.kind === 'post' && n.op === 'inv' && n.operand.kind === 'num' && n.operand.text === '10');
  // `239.0 \ln(3.667)`: a function of numbers is a number the side computes, not a name scaled.
  const otherNumbers = factors.filter((f) => !isDecimal(f) && !powerOfTen(f) && computedNumber(f));
  return decimals.length === 1 && otherNumbers.length === 0 ? decimals[0] : null;
}

/** A number, or a function of numbers (`\ln(3.667)`, `\sin 40^\circ`), possibly raised to one. */
function computedNumber(n: Node): boolean {
  if (onlyNumbers(n)) return true;
  if (n.kind === 'call') return n.args.length > 0 && n.args.every(computedNumber);
  if (n.kind === 'group') return n.items.length === 1 && computedNumber(n.items[0]);
  if (n.kind === 'pow') return computedNumber(n.base) && computedNumber(n.exponent);
  return false;
}

/** The 180 a degree sign divides by: written by the parser, so it spans no source text. */
function isDegreeDivisor(n: Node): boolean {
  return n.kind === 'num' && n.value === 180 && n.start === n.end;
}

export function decimalFits(runner: Runner, trial: Trial, digits: number): boolean {
  const halves = runner.literals.map((l) => halfAt(runner, l, trial));
  // A carried decimal's own value, worked out in the same precision (exactAt; a double would break ties).
  const exact = runner.literals.map((l) => {
    if (exactAt(runner, l, trial) === null || !l.piece) return null;
    try {
      const zero = { kind: 'num', value: 0, text: '0', start: l.piece.start, end: l.piece.start } as Node;
      const v = decimalSides(
        { ...runner.claim, lhs: l.piece, rhs: zero },
        trial,
        digits,
        runner.deadline,
      ).left;
      return l.node.value < 0 ? v.abs().neg() : v.abs();
    } catch (err) {
      if (isOutOfBudget(err)) throw err;
      return null;
    }
  });
  return carriedReadings(exact).some((fixed) => decimalFitsAt(runner, trial, digits, halves, fixed));
}

/**
 * The readings of the decimals a link before rounded (exactAt): the author carried on the unrounded
 * values, or the decimals as written — each exact, not anywhere within its rounding, which would let
 * a slip between the two pass. Decimals with no such value keep their rounding in both.
 */
function carriedReadings<T>(exact: (T | null)[]): (T | 'written' | null)[][] {
  if (exact.every((e) => e === null)) return [exact];
  return [exact, exact.map((e) => (e === null ? null : 'written'))];
}

function decimalFitsAt(
  runner: Runner,
  trial: Trial,
  digits: number,
  halves: number[],
  fixed: (Decimal | 'written' | null)[],
): boolean {
  const k = runner.literals.length;
  let lo: Decimal | null = null,
    hi: Decimal | null = null;
  // A value exactly halfway between two roundings rounds away from zero as it is taught (1.25 is
  // 1.3), or to the even digit as NumPy, IEEE and many tables round (1.25 is 1.2, 0.12165 is
  // 0.1216): a tie either convention gives fits. A claim that holds only where a literal sits at
  // the end of its interval away from zero and whose last digit is odd is a tie written wrong.
  let tieGiven = false;
  for (let mask = 0; mask < 1 << k; mask++) {
    const overrides = new Map<Node, Decimal>();
    runner.literals.forEach((l, j) => {
      const f = fixed[j];
      const up = ((mask >> j) & 1) === 1;
      overrides.set(
        l.node,
        f === null
          ? literalCorner(l.node.text, halves[j], up, digits)
          : f === 'written'
            ? literalCorner(l.node.text, 0, up, digits)
            : f,
      );
    });
    let d: Decimal;
    try {
      const r = decimalSides(runner.claim, trial, digits, runner.deadline, overrides);
      d = r.left.minus(r.right);
    } catch (err) {
      if (isOutOfBudget(err)) throw err;
      return false;
    }
    if (d.isNaN()) return false;
    if (!lo || d.lt(lo)) lo = d;
    if (!hi || d.gt(hi)) hi = d;
    const given = (l: Literal, j: number) =>
      fixed[j] !== null || (((mask >> j) & 1) === 1) !== l.node.value > 0 || evenTie(l.node.text);
    if (d.isZero() && runner.literals.every(given)) tieGiven = true;
  }
  if (lo === null || hi === null) return false;
  if (lo.lt(0) && hi.gt(0)) return true;
  return (lo.isZero() || hi.isZero()) && tieGiven;
}

/**
 * Whether half-to-even may have given a written number at a tie: its last digit (of its mantissa) is
 * even, and it keeps three significant digits or more — the precision of tables and of NumPy output
 * (0.12165 is 0.1216). A short result (`1/0.8 = 1.2`, `0.5 \cdot 0.5 = 0.2`) drops the one digit its
 * exact value has: a reader takes it for a slip, not for a rounding convention.
 */
function evenTie(text: string): boolean {
  const digits = text
    .replace(/[eE].*$/, '')
    .replace(/\D/g, '')
    .replace(/^0+/, '');
  return digits.length >= 3 && Number(digits[digits.length - 1]) % 2 === 0;
}

/**
 * The rounding a literal may be off by at a trial: none when the term it restates computes exactly
 * the decimal written (`\tfrac12 e^0 + e^{0.25} = 0.5 + 1.284025`: the 0.5 is ½ itself, so it cannot
 * absorb an error of the 1.284025 next to it).
 */
function halfAt(runner: Runner, l: Literal, trial: Trial): number {
  if (!l.term) return l.half;
  const value = runner.termValue(l.term, trial);
  const written = Math.abs(l.node.value);
  return value !== null && Math.abs(Math.abs(value) - written) <= 1e-12 * Math.max(written, 1e-300)
    ? 0
    : l.half;
}

/**
 * `500 \cdot 4.4518 = 2225.91` after `C \cdot \frac{1 - (1+i)^{-N}}{i} = 500 \cdot 4.4518`: a decimal
 * a link before showed to be a computation rounded is that computation's value, which the author
 * carried on unrounded (500 × 4.451822 is 2225.91). Only where the value is within the decimal's
 * rounding — a wrong decimal stays as written — and the value keeps the written sign. Null where the
 * decimal keeps its rounding instead.
 */
function exactAt(runner: Runner, l: Literal, trial: Trial): number | null {
  if (!l.piece) return null;
  const value = runner.termValue(l.piece, trial);
  if (value === null) return null;
  const written = Math.abs(l.node.value);
  if (Math.abs(Math.abs(value) - written) > l.half * (1 + 1e-9)) return null;
  return Math.sign(l.node.value) * Math.abs(value);
}

export function fitsWithinRounding(runner: Runner, r: TrialResult, truncated = false): boolean {
  if (r.hp && !truncated) return r.hp.fits === true;
  const halves = runner.literals.map((l) => halfAt(runner, l, r.trial));
  const exact = runner.literals.map((l) => exactAt(runner, l, r.trial));
  return carriedReadings(exact).some((fixed) => fitsAt(runner, r, truncated, halves, fixed));
}

function fitsAt(
  runner: Runner,
  r: TrialResult,
  truncated: boolean,
  halves: number[],
  fixed: (number | 'written' | null)[],
): boolean {
  // Evaluate at the corners of the box of rounding intervals; a sign change of left − right
  // in every entry means some value within the rounding makes that entry hold.
  const k = runner.literals.length;
  const lo = new Float64Array(r.left.size).fill(Infinity);
  const hi = new Float64Array(r.left.size).fill(-Infinity);
  for (let mask = 0; mask < 1 << k; mask++) {
    const t = r.trial;
    runner.literals.forEach((l, j) => {
      const f = fixed[j];
      if (f !== null) {
        t.literalOverrides.set(l.node, { v: Tensor.scalar(f === 'written' ? l.node.value : f), d: null });
        return;
      }
      // Truncated, a written value may sit a whole unit of its last digit short of the true one
      // (2.718… written 2.71), toward zero; rounded, half a unit either way.
      const half = halves[j];
      const away = truncated ? half * Math.sign(l.node.value) : 0;
      const v =
        l.node.value +
        ((mask >> j) & 1 ? half : -half) +
        ((mask >> j) & 1 ? Math.max(away, 0) : Math.min(away, 0));
      t.literalOverrides.set(l.node, { v: Tensor.scalar(v), d: null });
    });
    let left: Tensor, right: Tensor;
    try {
      for (const [name, v] of r.index) t.bind(name, v);
      try {
        t.clearMemo();
        left = V.tensorOf(runner.lhs(t), runner.claim.lhs);
        right = V.tensorOf(runner.rhs(t), runner.claim.rhs);
      } finally {
        for (const name of r.index.keys()) t.unbind(name);
      }
    } catch (err) {
      if (isOutOfBudget(err)) throw err;
      return false;
    } finally {
      t.literalOverrides.clear();
      t.clearMemo();
    }
    if (left.size !== lo.length || (right.size !== lo.length && right.size !== 1)) return false;
    for (let i = 0; i < lo.length; i++) {
      const d = left.data[i] - (right.size === 1 ? right.data[0] : right.data[i]);
      lo[i] = Math.min(lo[i], d);
      hi[i] = Math.max(hi[i], d);
    }
  }
  const scale = Math.max(r.trial.scale, ...Array.from(r.left.data, Math.abs));
  const slack = runner.tolerance * scale;
  for (let i = 0; i < lo.length; i++) if (!(lo[i] <= slack && hi[i] >= -slack)) return false;
  return true;
}

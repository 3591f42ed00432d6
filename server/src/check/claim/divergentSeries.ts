// A series of numbers alone whose convergence the standard tests decide exactly. Summed term by term
// (series.ts), `\sum_{n \ge 1} \frac{n}{2n + 1}` never settles, so a claimed value was left unchecked;
// but a careful reader sees at once that its terms tend to 1/2, not 0, so it diverges and no finite
// value is right. When the term is, up to constant factors, a sign (−1)^{an + b}, a geometric factor
// q^{an + b} (q a rational number) and a rational function P(n)/Q(n) of the index, the tests are
// exact:
// - |q| > 1 (ratio test): the terms grow without bound, the series diverges;
// - |q| < 1: it converges;
// - otherwise, with d = deg P − deg Q: d ≥ 0, the terms do not tend to 0 (nth-term test), the series
//   diverges; d = −1, it diverges like the harmonic series if the terms keep one sign and converges if
//   they alternate (Leibniz); d ≤ −2, it converges absolutely (comparison with 1/n²).
// A series that diverges with terms of one sign goes to +∞ or −∞; one whose signs alternate has no
// limit. So, with nothing sampled, `= c` for a finite c is refuted when the series diverges, `= \infty`
// is verified when it goes to +∞ and refuted otherwise (a converging series is finite), and `< \infty`
// is verified when it converges. A converging series equal to a finite value is left to the summation
// (series.ts), which finds the value. A term with any other factor (a letter the document samples, a
// factorial, a logarithm) is not judged here.
import { Rational, type RationalFunction, TooManyTerms } from '../../engine';
import type { Node } from '../../math/tree';
import { freeNames, someNode } from '../../math/walk';
import type { Claim, Entry, Env } from '../../model/types';
import type { Outcome } from '../claim';
import { printNode as print } from '../../math/print';
import { rationalOf } from '../residual';
import { formatRational } from '../format';
import { uncheckedOutcome } from './outcomes';

type Behaviour = { kind: 'converges'; why: string } | { kind: 'diverges'; toward: 1 | -1 | 0; why: string };

/** The claim decided by the convergence tests, or null when they do not apply or say nothing. */
export function decideDivergentSeries(claim: Claim): Outcome | null {
  if (claim.condition || claim.assumptions.length > 0) return null;
  if (!['=', '<', '\\le'].includes(claim.op)) return null;
  for (const [side, other, seriesLeft] of [
    [claim.lhs, claim.rhs, true],
    [claim.rhs, claim.lhs, false],
  ] as const) {
    const series = unwrap(side);
    if (series.kind !== 'bigop' || series.op !== 'sum' || !toInfinity(series)) continue;
    const target = infinityOf(other);
    if (claim.op !== '=' && !(seriesLeft && target === 1)) continue;
    if (target === null && !finiteValue(other, claim)) continue;
    const behaviour = behaviourOf(series, claim);
    if (!behaviour) return null;
    return judged(claim, series, behaviour, target);
  }
  return null;
}

function judged(claim: Claim, series: Node, b: Behaviour, target: 1 | -1 | null): Outcome | null {
  const written = print(series);
  const said = b.kind === 'converges' ? `${written} converges (${b.why})` : `${written} diverges (${b.why})`;
  const limit =
    b.kind === 'converges'
      ? 'so its sum is a finite number'
      : b.toward === 0
        ? 'and its partial sums have no limit'
        : `and its partial sums go to ${b.toward > 0 ? '+∞' : '−∞'}`;
  const refuted = (why: string): Outcome => ({
    verdict: 'refuted',
    code: 'refuted',
    message: `refuted: ${said}, ${why}`,
    details: [`${written}: ${b.kind === 'converges' ? 'converges' : 'diverges'}`],
    trials: 1,
    maxError: Number.POSITIVE_INFINITY,
  });
  const verified = (): Outcome => ({
    verdict: 'verified',
    code: 'verified',
    message: `verified: ${said}, ${limit} (convergence tests, exact; nothing is sampled)`,
    details: [],
    trials: 1,
    maxError: 0,
  });
  if (claim.op !== '=') {
    // `\sum a_n < \infty`: the series converges.
    if (b.kind === 'converges') return verified();
    return b.toward === 1 ? refuted(`${limit}, not to a finite number`) : null;
  }
  // "$\sum n = -1/12$ in the ζ-regularised sense": the value is another method's, which the
  // divergence of the partial sums does not contradict.
  if (target === null && b.kind === 'diverges' && claim.otherSummation)
    return uncheckedOutcome(
      `unchecked: ${said}, ${limit}; the words name another summation method (regularised, Ramanujan, ` +
        'Cesàro, Abel), which is not evaluated',
      { details: [], trials: 1, maxError: 0 },
    );
  if (target === null) return b.kind === 'diverges' ? refuted(`${limit}: no finite value is its sum`) : null;
  if (b.kind === 'diverges' && b.toward === target) return verified();
  return refuted(`${limit}, not ${target > 0 ? '+∞' : '−∞'}`);
}

function unwrap(n: Node): Node {
  return n.kind === 'group' && n.items.length === 1 && n.open !== '|' ? unwrap(n.items[0]) : n;
}

function isInfinity(n: Node): boolean {
  return n.kind === 'sym' && n.name === '\\infty';
}

function toInfinity(n: Extract<Node, { kind: 'bigop' }>): boolean {
  return n.index?.to != null && isInfinity(unwrap(n.index.to)) && n.index.from != null && !n.index.set;
}

/** `\infty`, `+\infty`: 1; `-\infty`: −1; anything else null. */
function infinityOf(n: Node): 1 | -1 | null {
  const x = unwrap(n);
  if (isInfinity(x)) return 1;
  if (x.kind === 'neg' && isInfinity(unwrap(x.operand))) return -1;
  return null;
}

/** A number written with constants and defined names only, no ∞ and nothing that may be infinite. */
function finiteValue(n: Node, claim: Claim): boolean {
  if (someNode(n, (x) => isInfinity(x) || x.kind === 'bigop' || x.kind === 'integral' || x.kind === 'limit'))
    return false;
  return freeNames(n).every((name) => {
    if (name === '\\pi' || name === 'e') return true;
    const entry = claim.env.lookup(name, claim.block);
    return entry?.kind === 'def' && !entry.params && !entry.indices;
  });
}

interface Parts {
  sign: number;
  alternating: boolean;
  ratio: Rational;
  top: Node[];
  bottom: Node[];
}

/** What the tests say of the series, or null when its term is not of the form they decide. */
function behaviourOf(series: Extract<Node, { kind: 'bigop' }>, claim: Claim): Behaviour | null {
  const k = series.index?.name;
  if (!k || !series.index?.from) return null;
  // The index is the only letter: a series in a letter the document samples converges for some values.
  if (freeNames(series.body).some((name) => name !== k && name !== '\\pi' && name !== 'e')) return null;
  const constants = { env: claim.env, block: claim.block };
  const from = rationalOf(series.index.from, constants);
  const lo = from?.num.coefficientsIn(k);
  if (!from?.isConstant() || !lo || !(lo[0] ?? Rational.ZERO).isInteger()) return null;
  const start = (lo[0] ?? Rational.ZERO).toNumber();
  const parts: Parts = { sign: 1, alternating: false, ratio: Rational.ONE, top: [], bottom: [] };
  try {
    if (!factorsOf(series.body, k, false, parts, constants)) return null;
    const scope = { env: withIndex(claim.env, k), block: claim.block };
    let term: RationalFunction | null = rationalOf(numberNode(1, series.body), scope);
    for (const x of parts.top) term = term && mulBy(term, rationalOf(x, scope));
    for (const x of parts.bottom) {
      const d = term && rationalOf(x, scope);
      term = term && d ? term.div(d) : null;
    }
    if (!term) return null;
    const p = term.num.coefficientsIn(k);
    const q = term.den.coefficientsIn(k);
    if (!p || !q || p.length === 0 || q.length === 0) return null;
    // A term undefined at some index: the series is not defined at all.
    if (vanishesAtIndex(q, start)) return null;
    const lead = p[p.length - 1].div(q[q.length - 1]);
    return tested(parts, p.length - q.length, lead);
  } catch (err) {
    if (err instanceof TooManyTerms) return null;
    throw err;
  }
}

function tested(parts: Parts, d: number, lead: Rational): Behaviour {
  const sign = (lead.sign() * parts.sign) as 1 | -1;
  const toward = parts.alternating ? 0 : sign;
  const q = parts.ratio;
  const ratio = `the ratio of consecutive terms tends to ${parts.alternating ? '−' : ''}${formatRational(q)}`;
  if (q.compare(Rational.ONE) > 0) return { kind: 'diverges', toward, why: `${ratio}, above 1 in size` };
  if (q.compare(Rational.ONE) < 0) return { kind: 'converges', why: `${ratio}, below 1 in size` };
  if (d > 0) return { kind: 'diverges', toward, why: 'its terms grow without bound' };
  if (d === 0) {
    const limit = formatRational(lead.mul(Rational.fromInteger(parts.sign)));
    return {
      kind: 'diverges',
      toward,
      why: parts.alternating
        ? `its terms alternate in sign near ±${formatRational(lead.abs())}, so they do not tend to 0`
        : `its terms tend to ${limit}, not 0`,
    };
  }
  if (d === -1)
    return parts.alternating
      ? { kind: 'converges', why: 'its terms alternate in sign and fall to 0 like 1/n' }
      : { kind: 'diverges', toward, why: 'its terms fall like 1/n, as the harmonic series’ do' };
  return { kind: 'converges', why: `its terms fall like 1/n^${-d}` };
}

/**
 * Splits a term into its factors: signs (−1)^{…}, geometric factors q^{an + b} and the rest, whose
 * rational algebra follows; false when a factor is none of them.
 */
function factorsOf(x: Node, k: string, below: boolean, parts: Parts, constants: Scope): boolean {
  const mentions = freeNames(x).includes(k);
  switch (x.kind) {
    case 'group':
      if (x.items.length === 1 && (x.open === '(' || x.open === '[' || x.open === '{'))
        return factorsOf(x.items[0], k, below, parts, constants);
      break;
    case 'neg':
      parts.sign = -parts.sign;
      return factorsOf(x.operand, k, below, parts, constants);
    case 'frac':
      return (
        factorsOf(x.numerator, k, below, parts, constants) &&
        factorsOf(x.denominator, k, !below, parts, constants)
      );
    case 'bin':
      if (x.apply) break;
      if (x.op === 'juxt' || x.op === 'cdot' || x.op === 'times')
        return (
          factorsOf(x.left, k, below, parts, constants) && factorsOf(x.right, k, below, parts, constants)
        );
      if (x.op === '/')
        return (
          factorsOf(x.left, k, below, parts, constants) && factorsOf(x.right, k, !below, parts, constants)
        );
      break;
    case 'pow':
      if (freeNames(x.exponent).includes(k)) return geometric(x, k, below, parts, constants);
      break;
  }
  if (!mentions) {
    // A constant factor: a nonzero rational number, which scales the term's limit.
    const c = rationalOf(x, constants);
    if (!c?.isConstant() || c.isZero()) return false;
  }
  (below ? parts.bottom : parts.top).push(x);
  return true;
}

interface Scope {
  env: Env;
  block: number;
}

/** `(-1)^{n+1}`, `2^n`, `\left(\frac{3}{2}\right)^{2n - 1}`: a constant base to a power linear in n. */
function geometric(
  x: Extract<Node, { kind: 'pow' }>,
  k: string,
  below: boolean,
  parts: Parts,
  constants: Scope,
): boolean {
  if (freeNames(x.base).includes(k)) return false;
  const base = rationalOf(x.base, constants);
  const exponent = rationalOf(x.exponent, { env: withIndex(constants.env, k), block: constants.block });
  if (!base?.isConstant() || !exponent) return false;
  const e = exponent.num.coefficientsIn(k);
  const eDen = exponent.den.coefficientsIn(k);
  if (!e || !eDen || eDen.length !== 1 || e.length !== 2) return false;
  const slope = e[1].div(eDen[0]);
  const offset = e[0].div(eDen[0]);
  if (!slope.isInteger() || !offset.isInteger() || slope.isZero()) return false;
  const b = base.num.coefficientsIn(k)?.[0]?.div(base.den.coefficientsIn(k)?.[0] ?? Rational.ONE);
  if (!b || b.isZero()) return false;
  const a = Number(slope.toNumber());
  if (Math.abs(a) > 64) return false;
  const odd = (r: Rational) => Math.abs(r.toNumber()) % 2 === 1;
  if (b.sign() < 0) {
    if (odd(slope)) parts.alternating = !parts.alternating;
    if (odd(offset)) parts.sign = -parts.sign;
  }
  const size = b.abs().pow(Math.abs(a));
  const grows = a > 0 !== below;
  parts.ratio = parts.ratio.mul(grows ? size : Rational.ONE.div(size));
  return true;
}

function mulBy(a: RationalFunction, b: RationalFunction | null): RationalFunction | null {
  return b ? a.mul(b) : null;
}

function numberNode(value: number, at: Node): Node {
  return { kind: 'num', value, text: String(value), start: at.start, end: at.start } as Node;
}

/** The document's names, with the index a number to do algebra in. */
function withIndex(env: Env, k: string): Env {
  const index = { kind: 'decl', spec: { shape: [] } } as unknown as Entry;
  const wrapped = Object.create(env) as Env;
  wrapped.lookup = (name: string, block: number) => (name === k ? index : env.lookup(name, block));
  return wrapped;
}

/**
 * Whether the denominator, coefficients by power, is zero at a whole number from `start` on: its
 * roots lie within Cauchy's bound, 1 + max |q_i / q_top|.
 */
function vanishesAtIndex(q: Rational[], start: number): boolean {
  const top = q[q.length - 1];
  let bound = 1;
  for (let i = 0; i < q.length - 1; i++) bound = Math.max(bound, 1 + q[i].div(top).abs().toNumber());
  if (bound > 1e5) return true;
  for (let n = start; n <= bound; n++) {
    let v = Rational.ZERO;
    for (let i = q.length - 1; i >= 0; i--) v = v.mul(Rational.fromInteger(n)).add(q[i]);
    if (v.isZero()) return true;
  }
  return false;
}

// What is wrong with a refuted equation, when the answer is simple: the two sides' values at
// every sample are searched for one relation that holds at all of them (a constant factor, a
// transpose, a constant or identity term), and the relation is turned into a headline and,
// where the written claim says where to change it, into an edit that makes the claim hold.
//
// A relation found at one sample says nothing (any two numbers differ by a factor and by a
// term), so a relation is reported only when the values vary from sample to sample and the
// relation holds at every one of them.
import type { Tensor } from '../engine';
import type { Node } from '../math/tree';
import { formatNumber } from './format';

export interface SidePair {
  left: Tensor;
  right: Tensor;
}

/** Whether one side (`pick`) took the same value at every sample, to rounding. */
export function sameValueAtEverySample(
  pairs: SidePair[] | undefined,
  pick: (p: SidePair) => Tensor,
): boolean {
  if (!pairs || pairs.length < 2) return false;
  const first = pick(pairs[0]);
  return pairs.every((p) => {
    const v = pick(p);
    if (v.size !== first.size) return false;
    for (let i = 0; i < v.size; i++) {
      const [a, b] = [v.data[i], first.data[i]];
      if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) return false;
    }
    return true;
  });
}

export type Relation =
  /** left = c · right */
  | { kind: 'factor'; c: number }
  /** left = rightᵀ */
  | { kind: 'transpose' }
  /** left − right = c in every entry (identity false) or c·I (identity true) */
  | { kind: 'offset'; c: number; identity: boolean; entries: boolean };

/** An edit of the document (offsets) that makes the claim hold at every sample. */
export interface ClaimFix {
  title: string;
  start: number;
  end: number;
  newText: string;
}

export interface Diagnosis {
  relation: Relation;
  headline: string;
  fix: ClaimFix | null;
}

/** Relative agreement demanded of a relation at each sample: far above rounding, far below any real error. */
const REL = 1e-7;
/** Rounding of the sides, relative to their scale, below which two differences cannot be told apart. */
const NOISE = 64 * Number.EPSILON;

/** The one simple relation that holds between the sides at every sample, or null. */
export function relate(pairs: readonly SidePair[]): Relation | null {
  if (pairs.length < 2) return null;
  return transposeOf(pairs) ?? factorOf(pairs) ?? offsetOf(pairs);
}

function scaleOf(p: SidePair): number {
  let m = 0;
  for (const x of p.left.data) m = Math.max(m, Math.abs(x));
  for (const x of p.right.data) m = Math.max(m, Math.abs(x));
  return m;
}

function allFinite(pairs: readonly SidePair[]): boolean {
  return pairs.every((p) => p.left.data.every(Number.isFinite) && p.right.data.every(Number.isFinite));
}

/** True when some side differs between two samples (a relation between constants says nothing). */
function varies(pairs: readonly SidePair[], side: 'left' | 'right'): boolean {
  const first = pairs[0][side];
  return pairs.some((p) => {
    const t = p[side];
    if (t.size !== first.size) return true;
    const tol = REL * Math.max(scaleOf(p), scaleOf(pairs[0]), 1e-300);
    return t.data.some((x, i) => Math.abs(x - first.data[i]) > tol);
  });
}

function factorOf(pairs: readonly SidePair[]): Relation | null {
  if (!allFinite(pairs) || !varies(pairs, 'right') || !varies(pairs, 'left')) return null;
  let c0: number | null = null;
  for (const p of pairs) {
    const l = p.left.data;
    const r = p.right.data;
    if (l.length !== r.length) return null;
    let lr = 0;
    let rr = 0;
    for (let i = 0; i < l.length; i++) {
      lr += l[i] * r[i];
      rr += r[i] * r[i];
    }
    if (rr === 0) {
      // Both zero here is consistent with any factor; only left alone zero breaks it.
      if (l.some((x) => x !== 0)) return null;
      continue;
    }
    const c = lr / rr;
    const tol = REL * scaleOf(p);
    for (let i = 0; i < l.length; i++) if (Math.abs(l[i] - c * r[i]) > tol) return null;
    if (c0 === null) c0 = c;
    else if (Math.abs(c - c0) > 1e-6 * Math.max(Math.abs(c), Math.abs(c0))) return null;
  }
  if (c0 === null || Math.abs(c0) < 1e-9 || Math.abs(c0 - 1) < 1e-6) return null;
  return { kind: 'factor', c: c0 };
}

/** Rows and columns of a side read as a matrix (a vector is a column); null above rank 2. */
function dims2(t: Tensor): [number, number] | null {
  if (t.rank === 1) return [t.shape[0], 1];
  if (t.rank === 2) return [t.shape[0], t.shape[1]];
  return null;
}

function transposeOf(pairs: readonly SidePair[]): Relation | null {
  let differs = false;
  for (const p of pairs) {
    const a = dims2(p.left);
    const b = dims2(p.right);
    if (!a || !b || a[0] !== b[1] || a[1] !== b[0] || (a[0] === 1 && a[1] === 1)) return null;
    const [m, n] = a;
    const tol = REL * scaleOf(p);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const x = p.left.data[i * n + j];
        if (Math.abs(x - p.right.data[j * m + i]) > tol) return null;
        if (m === n && Math.abs(x - p.right.data[i * n + j]) > tol) differs = true;
      }
    }
    if (m !== n) differs = true;
  }
  return differs ? { kind: 'transpose' } : null;
}

function offsetOf(pairs: readonly SidePair[]): Relation | null {
  if (!allFinite(pairs) || !varies(pairs, 'left')) return null;
  let c0: number | null = null;
  let identity: boolean | null = null;
  for (const p of pairs) {
    const l = p.left.data;
    const r = p.right.data;
    if (l.length !== r.length) return null;
    const tol = REL * Math.max(scaleOf(p), 1e-300);
    const d = (i: number) => l[i] - r[i];
    const dm = dims2(p.left);
    const square = p.left.rank === 2 && dm !== null && dm[0] === dm[1] && dm[0] > 1;
    // Entrywise constant first; on a square matrix, a multiple of the identity.
    let c = d(0);
    let uniform = true;
    for (let i = 1; i < l.length; i++)
      if (Math.abs(d(i) - c) > tol) {
        uniform = false;
        break;
      }
    let isEye = false;
    if (!uniform) {
      if (!square) return null;
      const n = dm![0];
      c = d(0);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const want = i === j ? c : 0;
          if (Math.abs(d(i * n + j) - want) > tol) return null;
        }
      }
      isEye = true;
    }
    if (identity === null) identity = isEye;
    else if (identity !== isEye) return null;
    if (c0 === null) c0 = c;
    // Constant relative to the offset itself, down to the sides' rounding: 10⁻¹² x is not a constant
    // offset because it is small beside x.
    else if (Math.abs(c - c0) > Math.max(REL * Math.abs(c0), NOISE * scaleOf(p))) return null;
  }
  if (c0 === null || identity === null || c0 === 0) return null;
  return { kind: 'offset', c: c0, identity, entries: pairs[0].left.size > 1 };
}

// ---- explaining a relation -------------------------------------------------------------------

/** `p/q` with a small denominator close to x, or null. */
export function simpleFraction(x: number, maxDen = 12): [number, number] | null {
  for (let q = 1; q <= maxDen; q++) {
    const p = Math.round(x * q);
    // A value that is not 0 is never named 0 (a difference of 10⁻⁸ is not "off by 0", nor by √0).
    if (p === 0 && x !== 0) continue;
    if (Math.abs(p / q - x) <= 1e-9 * Math.max(1, Math.abs(x))) return [p, q];
  }
  return null;
}

/** A closed form for x when there is a short one: `1/2`, `√99`, `√(9/2)`. */
export function closedForm(x: number): string | null {
  const f = simpleFraction(x);
  if (f) return f[1] === 1 ? String(f[0]) : `${f[0]}/${f[1]}`;
  if (x > 0) {
    const s = simpleFraction(x * x, 12);
    if (s && s[0] <= 10_000) return s[1] === 1 ? `√${s[0]}` : `√(${s[0]}/${s[1]})`;
  }
  return null;
}

/** A decimal literal whose rounding covers the root of a whole number that is not a square. */
function looksLikeRoot(literal: string): boolean {
  const dot = literal.indexOf('.');
  if (dot < 0) return false;
  const v = Number(literal);
  const half = 0.5 * 10 ** -(literal.length - dot - 1);
  for (let k = 2; k <= 10_000; k++) {
    const r = Math.sqrt(k);
    if (r > v + half) return false;
    if (Number.isInteger(r)) continue;
    if (Math.abs(r - v) <= half) return true;
  }
  return false;
}

/** LaTeX for a number with an exact short form (integer or simple fraction), or null. */
function latexOf(x: number): string | null {
  const f = simpleFraction(x);
  if (!f) return null;
  const [p, q] = f;
  if (q === 1) return String(p);
  return `${p < 0 ? '-' : ''}\\frac{${Math.abs(p)}}{${q}}`;
}

/**
 * `value` as the author would write it in place of `literal`: with the literal's decimals (its
 * rounding then covers the value), more when that would repeat the literal or read as 0; an
 * integer literal is exact, so a value that is not whole gets three significant digits.
 */
export function inPrecisionOf(value: number, literal: string): string {
  const dot = literal.indexOf('.');
  const whole = Math.abs(value - Math.round(value)) <= 1e-9 * Math.max(1, Math.abs(value));
  if (dot < 0) {
    if (whole) return String(Math.round(value));
    for (let digits = 3; digits <= 12; digits++) {
      const out = formatNumber(value, digits);
      if (out.includes('.') && !out.includes('e')) return out;
    }
    return String(value);
  }
  let decimals = literal.length - dot - 1;
  let out = value.toFixed(decimals);
  while ((Number(out) === Number(literal) || (Number(out) === 0 && value !== 0)) && decimals < 12)
    out = value.toFixed(++decimals);
  return out.replace(/^-(0\.?0*)$/, '$1');
}

interface Sides {
  lhs: Node;
  rhs: Node;
  source: string;
}

/** The headline and fix for a relation found between the sides of `claim`. */
export function explain(rel: Relation, claim: Sides): Diagnosis {
  switch (rel.kind) {
    case 'transpose':
      return {
        relation: rel,
        headline: 'left equals the transpose of right at every sample',
        fix: transposeFix(claim),
      };
    case 'factor':
      return explainFactor(rel.c, claim);
    case 'offset':
      return explainOffset(rel, claim);
  }
}

/** Diagnoses a refuted equation from the sides' values at every sample, or returns null. */
export function diagnose(pairs: readonly SidePair[], claim: Sides): Diagnosis | null {
  const rel = relate(pairs);
  return rel ? explain(rel, claim) : null;
}

function text(claim: Sides, n: Node): string {
  return claim.source.slice(n.start, n.end);
}

/** An expression that a following `^\top` or a leading factor binds to as a whole. */
function isAtom(n: Node): boolean {
  return (
    n.kind === 'sym' ||
    (n.kind === 'num' && !n.text.startsWith('-')) ||
    n.kind === 'group' ||
    n.kind === 'matrix' ||
    n.kind === 'norm' ||
    n.kind === 'abs' ||
    (n.kind === 'call' && n.paren) ||
    n.kind === 'apply' ||
    n.kind === 'frac' ||
    n.kind === 'sqrt'
  );
}

function isSum(n: Node): boolean {
  return n.kind === 'neg' || (n.kind === 'bin' && (n.op === '+' || n.op === '-' || n.op === 'pm'));
}

function transposeFix(claim: Sides): ClaimFix | null {
  const r = claim.rhs;
  if (r.kind === 'post' && r.op === 'T') {
    return {
      title: 'Remove ^\\top from the right side',
      start: r.start,
      end: r.end,
      newText: text(claim, r.operand),
    };
  }
  const body = text(claim, r);
  return {
    title: 'Transpose the right side (add ^\\top)',
    start: r.start,
    end: r.end,
    newText: isAtom(r) ? `${body}^\\top` : `(${body})^\\top`,
  };
}

/** The factors of a product written at the top of a side. */
function factors(n: Node): Node[] {
  if (n.kind === 'bin' && (n.op === 'juxt' || n.op === 'cdot' || n.op === 'times'))
    return [...factors(n.left), ...factors(n.right)];
  return [n];
}

type NumNode = Extract<Node, { kind: 'num' }>;

/** The side's sole numeric coefficient (`3.16` in `3.16\check\Gamma`, or a side that is a number). */
function coefficient(side: Node): NumNode | null {
  const nums = factors(side).filter((f): f is NumNode => f.kind === 'num');
  return nums.length === 1 ? nums[0] : null;
}

function explainFactor(c: number, claim: Sides): Diagnosis {
  const rel: Relation = { kind: 'factor', c };
  if (Math.abs(c + 1) < 1e-6) {
    const r = claim.rhs;
    const fix: ClaimFix =
      r.kind === 'neg'
        ? {
            title: 'Remove the minus sign of the right side',
            start: r.start,
            end: r.end,
            newText: text(claim, r.operand),
          }
        : {
            title: 'Negate the right side',
            start: r.start,
            end: r.end,
            newText: isSum(r) ? `-(${text(claim, r)})` : `-${text(claim, r)}`,
          };
    return { relation: rel, headline: 'left = −right at every sample (a sign error)', fix };
  }
  const ratio = `left is ${formatNumber(c, 3)} × right at every sample`;
  // A written coefficient: left = c·(v·X) means v should be c·v; (v·X) = c·right means v/c.
  const onRight = coefficient(claim.rhs);
  const onLeft = onRight ? null : coefficient(claim.lhs);
  const lit = onRight ?? onLeft;
  if (lit && lit.value !== 0) {
    const want = onRight ? lit.value * c : lit.value / c;
    const written = inPrecisionOf(want, lit.text);
    const fix: ClaimFix = {
      title: `Write the coefficient ${written}`,
      start: lit.start,
      end: lit.end,
      newText: written,
    };
    const integerLiteral = !lit.text.includes('.');
    if (
      integerLiteral &&
      !Number.isInteger(Number(written)) &&
      Math.abs(want - lit.value) <= 0.01 * Math.abs(lit.value)
    ) {
      // Close to a whole number the author rounded to: say why that does not pass.
      const shown = written;
      return {
        relation: rel,
        headline:
          `${ratio}: ${lit.text} is taken as exact; the value is ${shown} — write ${shown} ` +
          `or \`\\approx\``,
        fix: { ...fix, title: `Write the coefficient ${shown}`, newText: shown },
      };
    }
    // An author who wrote a rounded root (3.16 for √10) reads the correction best as a root (√9).
    const root =
      looksLikeRoot(lit.text) && want > 0 && simpleFraction(want * want, 1)
        ? `√${Math.round(want * want)}`
        : null;
    const closed = root ?? closedForm(want);
    const note = closed && closed !== written && closed !== String(Number(written)) ? ` (${closed})` : '';
    return { relation: rel, headline: `${ratio}: the coefficient should be ${written}${note}`, fix };
  }
  // No coefficient written: a factor is missing on one side.
  const missing = latexOf(c);
  if (missing !== null) {
    const r = claim.rhs;
    const body = text(claim, r);
    const shown = closedForm(c) ?? formatNumber(c, 3);
    return {
      relation: rel,
      headline: `${ratio}: a factor ${shown} is missing on the right`,
      fix: {
        title: `Multiply the right side by ${shown}`,
        start: r.start,
        end: r.end,
        newText: isAtom(r) || (r.kind === 'bin' && !isSum(r)) ? `${missing} ${body}` : `${missing}(${body})`,
      },
    };
  }
  return { relation: rel, headline: ratio, fix: null };
}

function explainOffset(rel: Extract<Relation, { kind: 'offset' }>, claim: Sides): Diagnosis {
  const { c, identity } = rel;
  const shown = closedForm(c) ?? formatNumber(c, 4);
  if (identity) {
    const term = c === 1 ? 'I' : c === -1 ? '−I' : `${shown}I`;
    const l = latexOf(Math.abs(c));
    const fix =
      l === null
        ? null
        : appendTerm(
            claim,
            c < 0 ? '-' : '+',
            l === '1' ? 'I' : `${l} I`,
            `Add ${c < 0 ? '−' : ''}${l === '1' ? '' : l}I to the right side`,
          );
    return {
      relation: rel,
      headline: `left − right = ${term} at every sample: the right side misses that term`,
      fix,
    };
  }
  const r = claim.rhs;
  const headline = rel.entries
    ? `left − right = ${shown} in every entry at every sample`
    : `off by ${shown} at every sample (left − right = ${shown})`;
  // `n − k − 1` that should be `n − k + 1`: change the written constant.
  if (r.kind === 'bin' && (r.op === '+' || r.op === '-') && r.right.kind === 'num') {
    const old = r.op === '+' ? r.right.value : -r.right.value;
    const want = old + c;
    const lit = latexOf(want);
    if (lit !== null || r.right.text.includes('.')) {
      const written =
        lit !== null && !r.right.text.includes('.')
          ? lit.replace(/^-/, '')
          : inPrecisionOf(Math.abs(want), r.right.text);
      const tail = Math.abs(want) < 1e-12 ? '' : ` ${want < 0 ? '-' : '+'} ${written}`;
      return {
        relation: rel,
        headline,
        fix: {
          title: tail ? `Write ${tail.trim()}` : `Remove the constant ${text(claim, r.right)}`,
          start: r.left.end,
          end: r.right.end,
          newText: tail,
        },
      };
    }
  }
  const l = latexOf(Math.abs(c));
  return {
    relation: rel,
    headline,
    fix:
      l === null
        ? null
        : appendTerm(claim, c < 0 ? '-' : '+', l, `Add ${c < 0 ? '−' : '+'}${l} to the right side`),
  };
}

function appendTerm(claim: Sides, sign: '+' | '-', term: string, title: string): ClaimFix {
  const r = claim.rhs;
  return { title, start: r.end, end: r.end, newText: ` ${sign} ${term}` };
}

/**
 * A refutation's message led by the diagnosis: `refuted: sides differ by 5% at n = 2 — left …`
 * becomes `refuted: <headline> — at n = 2: left …`; the values stay, the percentage goes.
 */
export function withHeadline(message: string, headline: string): string {
  const m = /^(refuted[^:]*): (.*)$/s.exec(message);
  if (!m) return `${headline} — ${message}`;
  const differ = /^sides differ by \S+(?: at (.*?))? — (.*)$/s.exec(m[2]);
  if (differ) return `${m[1]}: ${headline} — ${differ[1] ? `at ${differ[1]}: ` : ''}${differ[2]}`;
  if (m[2].startsWith('the sides have different shapes')) return `${m[1]}: ${headline}; ${m[2]}`;
  return `${m[1]}: ${headline} — ${m[2]}`;
}

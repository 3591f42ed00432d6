// Recurrences: an indexed family defined by its earlier members plus initial values, as algorithm
// analysis and numerical methods write them: `a_n = 2a_{n-1} + 1`, `F_{n+1} = F_n + F_{n-1}`,
// `x_{k+1} = x_k - f(x_k)/f'(x_k)`, `T(n) = 2T(n/2) + n`, `C(n) = n - 1 + \frac{2}{n}\sum_{k=0}^{n-1}
// C(k)`. A rule is a recurrence when every member it refers to sits before the one it defines: at
// the index minus a whole number, at the index divided by a whole number (rounded or not), or at a
// summation index that stops before it. `\sigma(v) = 1 - \sigma(-v)` and `C(x) = 1 + x C(x)^2`
// refer to other arguments, so they stay equations the function satisfies.
import type { Node, SymNode } from '../math/tree';
import { children } from './names';
import type { DeclSpec, RecurrenceSpec } from './types';

/**
 * The name a recurrence is kept under: not the stem itself, so that the letter alone keeps its
 * other meanings (`w` the parameter of L(w) beside the iterates `w_t`).
 */
export function familyKey(stem: string): string {
  return `${stem}_{\\cdot}`;
}

/** A member written `a_{n-1}`, `T(n/2)`: the family's name and the one index. */
export interface Member {
  stem: string;
  index: Node;
}

/** The member `n` writes, or null. `F_{2k}` (read by the parser as two indices) is F at 2k. */
export function memberOf(n: Node): Member | null {
  if (n.kind === 'sym' && n.sub && n.sub.length > 0 && n.primes === 0) {
    const index = n.sub.length === 1 ? n.sub[0] : joined(n.sub, n);
    return index ? { stem: n.stem, index } : null;
  }
  if (n.kind === 'apply' && n.args.length === 1 && n.given === undefined && n.f.primes === 0)
    return { stem: n.f.name, index: n.args[0] };
  return null;
}

/** `2k` read by the parser as indices 2 and k: their product, when only numbers and letters. */
function joined(items: Node[], at: SymNode): Node | null {
  if (!items.every((x) => x.kind === 'num' || (x.kind === 'sym' && x.sub === null))) return null;
  if (items.filter((x) => x.kind === 'sym').length !== 1) return null;
  return items.reduce((left, right) => ({
    kind: 'bin',
    op: 'juxt',
    left,
    right,
    start: at.start,
    end: at.end,
  }));
}

/** `n + c`, `n - c`, `n`: the offset c from the letter, or null. */
export function offsetFrom(x: Node, letter: string): number | null {
  if (x.kind === 'sym') return x.sub === null && x.name === letter ? 0 : null;
  if (x.kind === 'bin' && (x.op === '+' || x.op === '-') && x.right.kind === 'num') {
    const inner = offsetFrom(x.left, letter);
    const c = x.right.value;
    if (inner === null || !Number.isInteger(c)) return null;
    return x.op === '+' ? inner + c : inner - c;
  }
  return null;
}

/** `n/2`, `\frac{n}{2}`, `\lfloor n/2 \rfloor`: the whole divisor and whether it rounds, or null. */
function divisionOf(x: Node, letter: string): { divisor: number; rounded: boolean } | null {
  if (x.kind === 'floor' || x.kind === 'ceil') {
    const inner = divisionOf(x.operand, letter);
    return inner ? { divisor: inner.divisor, rounded: true } : null;
  }
  const parts =
    x.kind === 'frac'
      ? { top: x.numerator, bottom: x.denominator }
      : x.kind === 'bin' && x.op === '/'
        ? { top: x.left, bottom: x.right }
        : null;
  if (parts?.bottom.kind !== 'num' || offsetFrom(parts.top, letter) !== 0) return null;
  const b = parts.bottom.value;
  return Number.isInteger(b) && b >= 2 ? { divisor: b, rounded: false } : null;
}

/** The rule `lhs = rhs` read as a recurrence for the family lhs names a member of, or null. */
export function readRecurrence(lhs: Node, rhs: Node): Omit<RecurrenceSpec, 'initial'> | null {
  const defined = memberOf(lhs);
  if (!defined || defined.index.kind === 'num') return null;
  const letters = defined.index.kind === 'sym' ? [defined.index] : lettersOf(defined.index);
  if (letters.length !== 1) return null;
  const index = letters[0].name;
  const offset = offsetFrom(defined.index, index);
  if (offset === null) return null;
  const form = lhs.kind === 'apply' ? 'call' : 'subscript';
  // `T(n)` counts; `\Gamma(x + 1) = x\Gamma(x)` and `f(x + 1) = …` are equations of functions of a
  // real variable: a call is a member only for a letter that names a whole number (a function the
  // checker knows keeps its meaning: check/recurrences.ts).
  if (form === 'call' && !/^[ijklmnt]$/.test(index)) return null;
  let reach = 0;
  let divisor: number | null = null;
  let rounded = false;
  let ok = true;
  let refs = 0;
  const visit = (x: Node, sums: Map<string, number>) => {
    if (!ok) return;
    const member = sameFamily(x, defined.stem, form) ? memberOf(x) : null;
    if (member) {
      refs++;
      const back = before(member.index, index, offset, sums);
      if (back === null) {
        const division = divisionOf(member.index, index);
        if (!division || offset !== 0 || (divisor !== null && divisor !== division.divisor)) ok = false;
        else {
          divisor = division.divisor;
          rounded ||= division.rounded;
        }
      } else reach = Math.max(reach, back);
      return;
    }
    // The family written alone (`T` without an index) is not a rule for its members.
    if (x.kind === 'sym' && x.name === defined.stem) ok = false;
    if (x.kind === 'bigop' && x.index?.to) {
      const upTo = offsetFrom(x.index.to, index);
      if (upTo !== null) {
        for (const ch of children(x)) visit(ch, new Map([...sums, [x.index.name, upTo]]));
        return;
      }
    }
    for (const ch of children(x)) visit(ch, sums);
  };
  visit(rhs, new Map());
  if (!ok || refs === 0 || (divisor !== null && reach > 0)) return null;
  return { stem: defined.stem, index, offset, reach: Math.max(reach, 1), divisor, rounded, form };
}

/** How far before the defined member (index + offset) the member at `x` sits, or null. */
function before(x: Node, letter: string, offset: number, sums: Map<string, number>): number | null {
  const c = offsetFrom(x, letter);
  if (c !== null) return c < offset ? offset - c : null;
  // `C(k)` under `\sum_{k=0}^{n-1}`: the summation index stops before the defined member.
  if (x.kind === 'sym' && x.sub === null && sums.has(x.name)) {
    const upTo = sums.get(x.name)!;
    return upTo < offset ? offset - upTo : null;
  }
  return null;
}

function sameFamily(x: Node, stem: string, form: 'call' | 'subscript'): boolean {
  if (form === 'call') return x.kind === 'apply' && x.f.name === stem;
  return x.kind === 'sym' && x.stem === stem && x.sub !== null;
}

function lettersOf(x: Node): SymNode[] {
  if (x.kind === 'sym') return x.sub === null && /^[a-zA-Z]$/.test(x.name) ? [x] : [];
  return children(x).flatMap(lettersOf);
}

/**
 * Whether a value the text gives at whole index k is an initial value of the rule rather than a
 * worked member: the rule at k would reach before the first index the text gives (k included).
 */
export function isInitialIndex(rule: RecurrenceSpec, k: number): boolean {
  const start = Math.min(k, ...rule.initial.map((g) => g.index));
  if (rule.initial.length === 0) return true;
  if (rule.divisor !== null) return k < start * rule.divisor;
  return k - rule.reach < start;
}

/** The whole number an index writes (`3`, `-1`), or null. */
export function wholeIndex(x: Node): number | null {
  if (x.kind === 'num' && Number.isInteger(x.value)) return x.value;
  if (x.kind === 'neg' && x.operand.kind === 'num' && Number.isInteger(x.operand.value))
    return -x.operand.value;
  return null;
}

/** Whether `n` writes a member of the family (or the family itself). */
export function writesFamily(n: Node, stem: string): boolean {
  if (n.kind === 'sym' && (n.name === stem || (n.sub !== null && n.stem === stem))) return true;
  if (n.kind === 'apply' && n.f.name === stem) return true;
  return children(n).some((ch) => writesFamily(ch, stem));
}

const GREEK_LETTER =
  /^\\(?:alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|rho|varrho|sigma|varsigma|tau|upsilon|phi|varphi|chi|psi|omega)$/;

/**
 * `w_\lambda` beside the iterates `w_t`: a Greek letter alone as the subscript names the parameter
 * the object is made with (the ridge solution at λ), not a step, unless it is one — the rule's own
 * index, a letter a sum or product binds (`g_\tau` under `\sum_{\tau=1}^{t}`), or one the text
 * declares a whole number (`\tau \in \mathbb{N}`), which `isStep` says. Returns that letter, or null
 * when the subscript may be a step.
 */
export function parameterSubscript(n: Node, isStep: (letter: string) => boolean): string | null {
  if (n.kind !== 'sym' || n.sub?.length !== 1 || n.primes !== 0) return null;
  const s = n.sub[0];
  if (s.kind !== 'sym' || s.sub !== null || s.primes !== 0 || !GREEK_LETTER.test(s.name)) return null;
  return isStep(s.name) ? null : s.name;
}

/** Whether a declaration makes its letter a whole number: ℕ, ℤ, or a set of whole numbers or a range. */
export function declaresWholeNumber(spec: DeclSpec): boolean {
  if (spec.shape.length > 0) return false;
  if (spec.set === 'natural' || spec.set === 'integer') return true;
  if (spec.set !== 'finite') return false;
  const values = spec.values ?? [];
  return values.some((x) => x.kind === 'dots') || values.every((x) => wholeIndex(x) !== null);
}

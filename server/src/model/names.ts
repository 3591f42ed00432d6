// Small questions about trees that the model and the checker both ask.
import type { Node, SymNode } from '../math/tree';
import { boundBody, boundName, children, freeNames, someNode, walk, walkFree } from '../math/walk';

export { boundBody, boundName, children, freeNames, someNode, walk, walkFree };

/** Names of all symbols in a tree (full names and, for subscripted ones, their stems). */
export function freeSymbols(n: Node): Set<string> {
  const out = new Set<string>();
  walk(n, (x) => {
    if (x.kind === 'sym') {
      out.add(x.name);
      if (x.subText !== null) out.add(x.stem);
    }
    if (x.kind === 'apply') out.add(x.f.name);
  });
  return out;
}

/**
 * A numeral of two or more digits that begins with 0 and has another digit besides (`01101`, `007`):
 * a string of digits — a binary word, a code, a label — not a number, which is never written with a
 * leading zero. (`000` is read as zero: a list split at commas, `\max(1,000, 2)`, leaves it.)
 */
export function isDigitString(n: Node): boolean {
  return n.kind === 'num' && /^0+[1-9]\d*$/.test(n.text);
}

/**
 * A number, possibly negated or a simple fraction of numbers: `0.1`, `-3`, `\frac{1}{2}`; brackets
 * around a number or its parts change nothing (`(1/2)`, `(1)/(2)`, as `\frac{a}{b}` prints as a slash).
 */
export function isNumericLiteral(n: Node): boolean {
  if (n.kind === 'num') return true;
  if (n.kind === 'group' && n.open === '(' && n.items.length === 1) return isNumericLiteral(n.items[0]);
  if (n.kind === 'neg') return isNumericLiteral(n.operand);
  if (n.kind === 'frac') return isNumericLiteral(n.numerator) && isNumericLiteral(n.denominator);
  if (n.kind === 'bin' && n.op === '/') return isNumericLiteral(n.left) && isNumericLiteral(n.right);
  return false;
}

/**
 * A value written out in numbers: `3`, `[1/2, 1, 1/2]^T`, a matrix of numbers. The entries of a list
 * or matrix may be numbers worked out from written numbers (`(0, \log 3)`, `(1/\sqrt 2, 1/\sqrt 2)`):
 * a worked example writes its vector so.
 */
export function isLiteralValue(n: Node): boolean {
  if (isNumericLiteral(n)) return true;
  if (n.kind === 'post' && n.op === 'T') return isLiteralValue(n.operand);
  if (n.kind === 'group' && (n.open === '(' || n.open === '[') && n.items.length > 0)
    return n.items.every(isNumberEntry);
  if (n.kind === 'matrix') return n.rows.every((r) => r.every(isNumberEntry));
  return false;
}

/** An entry of a list or matrix written out in numbers: a number, or arithmetic on numbers. */
function isNumberEntry(n: Node): boolean {
  if (isNumericLiteral(n)) return true;
  return isNumericFormula(n) && !(n.kind === 'group' && n.items.length !== 1);
}

/** The shape of a value written out in numbers (isLiteralValue): [] for a number, [n] for a list. */
export function literalShape(n: Node): number[] | null {
  if (isNumericLiteral(n)) return [];
  if (n.kind === 'post' && n.op === 'T') return literalShape(n.operand);
  if (n.kind === 'group' && (n.open === '(' || n.open === '[') && n.items.length > 0)
    return n.items.every(isNumberEntry) ? [n.items.length] : null;
  if (n.kind === 'matrix' && n.rows.length > 0 && n.rows.every((r) => r.length === n.rows[0].length))
    return n.rows.every((r) => r.every(isNumberEntry)) ? [n.rows.length, n.rows[0].length] : null;
  return null;
}

/**
 * Arithmetic on written numbers, `3 \times 10^{-4} \cdot 0.5` or `\frac{3}{2}(1 + \cos \pi)`: no
 * letter but the constants π and e, so its value is a number whatever the document defines.
 */
export function isNumericFormula(n: Node): boolean {
  let numeric = true;
  walk(n, (x) => {
    if (x.kind === 'sym' ? x.name !== '\\pi' && x.name !== 'e' : !NUMERIC_KINDS.has(x.kind)) numeric = false;
  });
  return numeric;
}

/** Node kinds of arithmetic on written numbers. */
export const NUMERIC_KINDS: ReadonlySet<string> = new Set([
  'num',
  'bin',
  'neg',
  'frac',
  'pow',
  'group',
  'sqrt',
  'call',
  'abs',
]);

/** Names whose meaning no document changes by giving them a value elsewhere: π, e, identities, 𝟏, 𝟎. */
const CONSTANT_SYMBOL = /^(?:\\pi|e|I|\\mathbb\{I\}|\\mathbf\{[01]\})(?:_\{?\d+\}?)?$/;

/**
 * A value made of constants alone — `\frac{\pi}{4}`, `\sqrt{2}/2`, `I_2`, `2 I_3 - \mathbf{1}` — no
 * letter a document gives a meaning: like a written number, a worked example's value.
 */
export function isConstantFormula(n: Node): boolean {
  let constant = true;
  walk(n, (x) => {
    if (x.kind === 'sym' ? !CONSTANT_SYMBOL.test(x.name) : !CONSTANT_KINDS.has(x.kind)) constant = false;
  });
  return constant;
}

const CONSTANT_KINDS = new Set([...NUMERIC_KINDS, 'post', 'matrix', 'sym']);

/** True when every leaf is an integer literal and only exact operations are used. */
export function isIntegerArithmetic(n: Node): boolean {
  switch (n.kind) {
    case 'num':
      return /^\d+$/.test(n.text);
    case 'neg':
      return isIntegerArithmetic(n.operand);
    case 'bin':
      return (
        ['+', '-', 'juxt', 'cdot', 'times', '/', 'ast'].includes(n.op) &&
        isIntegerArithmetic(n.left) &&
        isIntegerArithmetic(n.right)
      );
    case 'frac':
      return isIntegerArithmetic(n.numerator) && isIntegerArithmetic(n.denominator);
    case 'pow':
      return isIntegerArithmetic(n.base) && n.exponent.kind === 'num' && Number.isInteger(n.exponent.value);
    case 'group':
      return n.items.length === 1 && (n.open === '(' || n.open === '[') && isIntegerArithmetic(n.items[0]);
    case 'fact':
      return isIntegerArithmetic(n.operand);
    default:
      return false;
  }
}

/**
 * An index letter named with a word, as notes that name axes write it: `n_{\text{out}}` ranges
 * over `N_{\text{out}}`. A lowercase letter whose subscript is words only.
 */
export function isLabelledIndex(n: Node): boolean {
  return (
    n.kind === 'sym' &&
    n.primes === 0 &&
    /^[a-z]$/.test(n.base) &&
    !!n.sub?.length &&
    n.sub.every((x) => x.kind === 'sym' && /^\\(?:text|mathrm|textrm)\{[a-z]+\}$/.test(x.name))
  );
}

/**
 * `t_{1/2}` (a half-life, a median), `q_{0.975}`, `z_{\alpha/2}`: a subscript written as a fraction or
 * a decimal names the quantity, since no index is half a position. A fraction with letters can still
 * be an index of an array (`x_{(n+1)/2}`, the middle of a sorted sample), so it is a label only
 * when the stem holds no array.
 */
export function isFractionLabel(sub: Node[] | null, stemIsArray: boolean): boolean {
  if (!sub || sub.length !== 1) return false;
  const x = sub[0];
  if (x.kind === 'num') return !Number.isInteger(x.value);
  const fraction = x.kind === 'frac' || (x.kind === 'bin' && x.op === '/');
  if (!fraction) return false;
  return isNumericLiteral(x) || !stemIsArray;
}

/** A name marked as an optimum (`x^\star`, `p^*`, `\nu^\ast`): the solution of the problem at hand. */
export function isOptimumName(name: string): boolean {
  return /\^\{(?:\*|\\ast|\\star)\}$/.test(name);
}

/** The plain letters of an index written as a sum or difference (`t`, `t - 1`, `i + j`). */
export function indexLetters(n: Node): SymNode[] {
  if (n.kind === 'sym') return n.sub === null ? [n] : [];
  if (n.kind === 'bin') return [...indexLetters(n.left), ...indexLetters(n.right)];
  if (n.kind === 'neg') return indexLetters(n.operand);
  return [];
}

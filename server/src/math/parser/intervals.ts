// Intervals as French and Eastern European texts write them: the bracket turned outward at an open
// end (`]0;1[`, `]0, +\infty[`, `[1;+\infty[`, ISO 80000-2's notation) and the ends parted by a
// semicolon (`[a; b]`, `(0; \frac{\pi}{2})`), which a decimal-comma text needs. They become the
// intervals the rest of the reader knows, `(0, 1)`, `[1, +\infty)`, `[a, b]`.
import type { Token } from '../tokens';

/** What may stand right before an interval: the start of the math, membership, a set operation. */
const BEFORE_INTERVAL = new Set(['\\in', '\\notin', '\\subset', '\\subseteq', '\\cup', '\\cap', '=']);

const NESTING_OPEN = new Set(['{', '(', '\\{', '\\langle']);
const NESTING_CLOSE = new Set(['}', ')', '\\}', '\\rangle']);

/**
 * The separator and closing bracket of an interval opening at `i`: one `;` or `,` at the same depth,
 * then `[` or `]` (and, for a reversed opener, nothing else that closes), or null.
 */
function intervalEnd(toks: Token[], i: number): { sep: number; close: number } | null {
  let depth = 0;
  let sep = -1;
  for (let k = i + 1; k < toks.length && k < i + 200; k++) {
    const v = toks[k].text;
    if (toks[k].type === 'eof') return null;
    if (NESTING_OPEN.has(v)) depth++;
    else if (NESTING_CLOSE.has(v)) {
      if (depth === 0) return null;
      depth--;
    } else if (depth === 0 && (v === ';' || v === ',')) {
      if (sep >= 0) return null;
      sep = k;
    } else if (depth === 0 && (v === '[' || v === ']')) {
      const last = toks[k - 1]?.text === '\\right' ? k - 2 : k - 1;
      if (sep < 0 || last <= sep) return null;
      return { sep, close: k };
    }
  }
  return null;
}

function precededByIntervalSlot(toks: Token[], i: number, parenthesis: boolean): boolean {
  const before = toks[i - 1]?.text === '\\left' ? toks[i - 2] : toks[i - 1];
  if (parenthesis) return !!before && /^\\(?:in|notin|subset|subseteq)$/.test(before.text);
  return !before || BEFORE_INTERVAL.has(before.text);
}

/** Rewrites outward brackets and semicolon-parted ends to the usual interval notation. */
export function continentalIntervals(toks: Token[]): Token[] {
  let out: Token[] | null = null;
  const set = (k: number, text: string) => {
    out ??= toks.slice();
    out[k] = { ...toks[k], text };
  };
  for (let i = 0; i < toks.length; i++) {
    const v = toks[i].text;
    if (v !== ']' && v !== '[' && v !== '(') continue;
    if (!precededByIntervalSlot(toks, i, v === '(')) continue;
    if (v === '(') {
      // `(0; \frac{\pi}{2})`: only the semicolon says interval; the brackets stay.
      const sep = semicolonInParenthesis(toks, i);
      if (sep > 0) set(sep, ',');
      continue;
    }
    const end = intervalEnd(toks, i);
    if (!end) continue;
    const closer = toks[end.close].text;
    const reversedOpen = v === ']';
    const reversedClose = closer === '[';
    if (!reversedOpen && !reversedClose && toks[end.sep].text !== ';') continue;
    set(i, reversedOpen ? '(' : '[');
    set(end.sep, ',');
    set(end.close, reversedClose ? ')' : ']');
    i = end.close;
  }
  return out ?? toks;
}

/** `(0; 1)`: the semicolon that alone parts the two ends of a parenthesis opening at `i`, or -1. */
function semicolonInParenthesis(toks: Token[], i: number): number {
  let depth = 0;
  let sep = -1;
  for (let k = i + 1; k < toks.length && k < i + 200; k++) {
    const v = toks[k].text;
    if (toks[k].type === 'eof') return -1;
    if (v === ')' && depth === 0) return sep;
    if (v === '(' || v === '{' || v === '[' || v === '\\{') depth++;
    else if (v === ')' || v === '}' || v === ']' || v === '\\}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && v === ';') {
      if (sep >= 0) return -1;
      sep = k;
    } else if (depth === 0 && v === ',') return -1;
  }
  return -1;
}

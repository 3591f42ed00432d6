// Finding the symbol under the cursor in LaTeX source and matching it to the core's bindings.
// Font commands do not change a name (`\mathbf{w}` is `w`); accents do (`\hat x` is not `x`).
import type { SymbolBinding } from '../check/result';

const FONTS = ['mathbf', 'boldsymbol', 'bm', 'vec', 'mathrm', 'mathit', 'mathsf', 'mathnormal'];
const ACCENTS = [
  'hat',
  'tilde',
  'bar',
  'check',
  'dot',
  'ddot',
  'widehat',
  'widetilde',
  'overline',
  'breve',
  'acute',
  'grave',
  'mathcal',
  'mathbb',
  'mathfrak',
  'mathscr',
];
const WRAPPERS = [...FONTS, ...ACCENTS].join('|');
const ARG = String.raw`(?:\{[^{}]*\}|\s*\\[A-Za-z]+|\s*[A-Za-z0-9])`;
const BASE = String.raw`(?:\\(?:${WRAPPERS})\s*${ARG}|\\[A-Za-z]+|[A-Za-z])`;
const SUB = String.raw`(?:\s*_\s*(?:\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z0-9]))?`;
const SYMBOL = new RegExp(`${BASE}${SUB}`, 'g');

export interface SymbolOccurrence {
  start: number;
  end: number;
  /** Normalized name with its subscript, and without it. */
  name: string;
  base: string;
}

/** The symbol whose source covers `offset`, searching the line around it. */
export function symbolAt(text: string, offset: number): SymbolOccurrence | null {
  const from = Math.max(0, offset - 200);
  const to = Math.min(text.length, offset + 200);
  const slice = text.slice(from, to);
  SYMBOL.lastIndex = 0;
  for (let m = SYMBOL.exec(slice); m; m = SYMBOL.exec(slice)) {
    const start = from + m.index;
    const end = start + m[0].length;
    if (start <= offset && offset <= end && m[0].length > 0) {
      const underscore = subscriptStart(m[0]);
      const baseSource = underscore >= 0 ? m[0].slice(0, underscore) : m[0];
      return { start, end, name: normalizeName(m[0]), base: normalizeName(baseSource) };
    }
    if (start > offset) break;
  }
  return null;
}

/** The binding a symbol refers to at `offset`: the last one before it, else the first. */
export function bindingFor(
  bindings: SymbolBinding[],
  sym: SymbolOccurrence,
  offset: number,
): SymbolBinding | null {
  for (const key of [sym.name, sym.base]) {
    const same = bindings.filter((b) => normalizeName(b.name) === key);
    if (same.length === 0) continue;
    const before = same.filter((b) => b.start <= offset);
    return before.length ? before[before.length - 1] : same[0];
  }
  return null;
}

/** `\mathbf{W}_{1}` → `W_1`; `\hat{x}_{i}` → `\hat x_i`. */
export function normalizeName(source: string): string {
  let s = source;
  const font = new RegExp(
    String.raw`\\(?:${FONTS.join('|')})\s*(\{([^{}]*)\}|(\\[A-Za-z]+|[A-Za-z0-9]))`,
    'g',
  );
  s = s.replace(font, (_m, _a, braced: string | undefined, bare: string | undefined) => braced ?? bare ?? '');
  const accent = new RegExp(
    String.raw`\\(${ACCENTS.join('|')})\s*(?:\{([^{}]*)\}|(\\[A-Za-z]+|[A-Za-z0-9]))`,
    'g',
  );
  s = s.replace(
    accent,
    (_m, acc: string, braced: string | undefined, bare: string | undefined) =>
      `\\${acc} ${(braced ?? bare ?? '').trim()}`,
  );
  s = s.replace(/_\s*\{([^{}]*)\}/g, '_$1');
  return s
    .replace(/\s+/g, (_ws, i: number, all: string) => (/\\[A-Za-z]+$/.test(all.slice(0, i)) ? ' ' : ''))
    .trim();
}

function subscriptStart(source: string): number {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '_' && depth === 0) return i;
  }
  return -1;
}

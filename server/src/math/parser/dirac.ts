// Dirac notation written with bars and angle brackets, read as the commands of the braket and physics
// packages: `|0\rangle` is `\ket{0}`, `\langle\psi|` is `\bra{\psi}`, `\langle 0|\psi\rangle` is
// `\bra{0}\ket{\psi}`, `\langle a|H|b\rangle` is `\bra{a}{H}\ket{b}`. Bars that close no angle bracket
// stay absolute values and norms (`|\langle 0|\psi\rangle|^2`), and `\langle u, v \rangle` stays the
// inner product.
import type { Token } from '../tokens';

const BARS = new Set(['|', '\\vert', '\\lvert', '\\rvert', '\\mid']);
const OPEN = new Set(['{', '(', '[', '\\{', '\\lbrace', '\\lbrack', '\\langle']);
const CLOSE = new Set(['}', ')', ']', '\\}', '\\rbrace', '\\rbrack', '\\rangle']);
/** At most this many tokens in a ket's or bra's label (`\Phi^+`, `00`, `\psi_1`). */
const LABEL_LIMIT = 12;
/** How far an angle bracket is read for its bars and its `\rangle`: two labels and an operator. */
const SPAN_LIMIT = 64;

function command(text: string, at: Token): Token {
  return { type: 'cmd', text, start: at.start, end: at.start };
}

function brace(text: '{' | '}', at: number, end = at): Token {
  return { type: 'sym', text, start: at, end };
}

/** The tokens `\name{label}`, placed over the label's own offsets, the closing bar or bracket's last. */
function labelled(name: string, open: Token, label: Token[], close: Token): Token[] {
  return [command(name, open), brace('{', open.end), ...label, brace('}', close.start, close.end)];
}

/** A label: a few tokens with no bar, bracket, comma or relation at its top level. */
function isLabel(label: Token[]): boolean {
  if (label.length === 0 || label.length > LABEL_LIMIT) return false;
  let depth = 0;
  for (const t of label) {
    if (t.text === '{') depth++;
    else if (t.text === '}') depth--;
    else if (depth === 0 && (BARS.has(t.text) || OPEN.has(t.text) || CLOSE.has(t.text) || t.text === ','))
      return false;
    else if (depth === 0 && (t.text === '=' || t.text === '<' || t.text === '>' || t.text === '&'))
      return false;
  }
  return depth === 0;
}

/**
 * From `\langle` at i: the top-level bars before its `\rangle` and that `\rangle`'s index (-1 when
 * none comes before the next `\langle` at that level, the end, or SPAN_LIMIT tokens: the reading stays
 * linear in the math).
 */
function angleSpan(tokens: Token[], i: number): { bars: number[]; close: number } {
  const bars: number[] = [];
  let depth = 0;
  for (let j = i + 1; j < Math.min(tokens.length, i + 1 + SPAN_LIMIT); j++) {
    const v = tokens[j].text;
    if (depth === 0 && v === '\\rangle') return { bars, close: j };
    if (depth === 0 && v === '\\langle') return { bars, close: -1 };
    if (OPEN.has(v)) depth++;
    else if (CLOSE.has(v)) {
      if (depth === 0) return { bars, close: -1 };
      depth--;
    } else if (depth === 0 && BARS.has(v)) bars.push(j);
  }
  return { bars, close: -1 };
}

/** The tokens with Dirac notation written with bars read as `\ket`, `\bra` (see above). */
export function diracTokens(tokens: Token[]): Token[] {
  if (!tokens.some((t) => t.text === '\\rangle' || t.text === '\\langle')) return tokens;
  // First the angle brackets with bars inside: brackets, matrix elements and bras.
  const first: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.text !== '\\langle') {
      first.push(t);
      continue;
    }
    const { bars, close } = angleSpan(tokens, i);
    const part = (a: number, b: number) => tokens.slice(a + 1, b);
    if (close >= 0 && bars.length === 1 && isLabel(part(i, bars[0])) && isLabel(part(bars[0], close))) {
      first.push(
        ...labelled('\\bra', t, part(i, bars[0]), tokens[bars[0]]),
        ...labelled('\\ket', tokens[bars[0]], part(bars[0], close), tokens[close]),
      );
      i = close;
      continue;
    }
    if (close >= 0 && bars.length === 2 && isLabel(part(i, bars[0])) && isLabel(part(bars[1], close))) {
      const operator = part(bars[0], bars[1]);
      first.push(
        ...labelled('\\bra', t, part(i, bars[0]), tokens[bars[0]]),
        brace('{', tokens[bars[0]].end),
        ...operator,
        brace('}', tokens[bars[1]].start),
        ...labelled('\\ket', tokens[bars[1]], part(bars[1], close), tokens[close]),
      );
      i = close;
      continue;
    }
    // `\langle\psi|` with no `\rangle` after it: a bra, as in `|\psi\rangle\langle\psi|`.
    if (close < 0 && bars.length >= 1 && isLabel(part(i, bars[0]))) {
      first.push(...labelled('\\bra', t, part(i, bars[0]), tokens[bars[0]]));
      i = bars[0];
      continue;
    }
    first.push(t);
  }
  // Then kets: a bar, a label, `\rangle`.
  const out: Token[] = [];
  for (let i = 0; i < first.length; i++) {
    const t = first[i];
    if (BARS.has(t.text) && t.text !== '\\rvert') {
      let j = i + 1;
      while (j < first.length && j - i <= LABEL_LIMIT + 1 && first[j].text !== '\\rangle') j++;
      const label = first.slice(i + 1, j);
      if (first[j]?.text === '\\rangle' && isLabel(label)) {
        out.push(...labelled('\\ket', t, label, first[j]));
        i = j;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

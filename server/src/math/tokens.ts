// LaTeX math → tokens with offsets. Offsets are document offsets: the caller passes the offset of
// the span's first character, so every node built from these tokens points into the document.
import { unicodeToTex } from './unicode';
import { accentedLetter, scriptRun, subscriptRange } from './unicodeScripts';

export type TokenType = 'cmd' | 'letter' | 'num' | 'sym' | 'eof';

export interface Token {
  type: TokenType;
  /** `\frac`, `\,`, `a`, `0.33`, `+` … */
  text: string;
  start: number;
  end: number;
  /** A number written with thousands separators (`30{,}000`). */
  thousands?: boolean;
  /** A line break comes before this token. */
  lineBreakBefore?: boolean;
  /** A spacing command (`\,`, `\;`, `\:`, `\ `) comes right before this token (parser/prepare.ts). */
  spacedBefore?: boolean;
}

const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string) => c >= '0' && c <= '9';

/** Digits grouped in threes by two or more points (`1.500.000`), and no more digits after. */
const DOTTED_THOUSANDS = /^[1-9]\d{0,2}(?:\.\d{3}){2,}(?![\d.])/;
const DOTTED_ANYWHERE = /(?<![\d.])[1-9]\d{0,2}(?:\.\d{3}){2,}(?![\d.])/;
/** One group after a point, in math that writes two elsewhere (`500.000` beside `2.000.000`). */
const DOTTED_GROUP = /^[1-9]\d{0,2}(?:\.\d{3})+(?![\d.])/;

export function tokenize(text: string, base = 0): Token[] {
  const out: Token[] = [];
  scan(text, base, out, null);
  out.push({ type: 'eof', text: '', start: base + text.length, end: base + text.length });
  return out;
}

/**
 * A decimal whose last digits repeat, written with a bar or dots over them: `0.1\overline{6}`,
 * `1.41\overline{6}`, `0.\overline{142857}`, `0.\dot{3}`, `0.1\dot 6`. The number before must have
 * its decimal point (`2\overline{z}`, `(1\bar{1}0)` are no decimals); the repeating digits follow it
 * at once. The exact value as a fraction (numerator and denominator as digit strings) and where the
 * writing ends; null when the text is no such decimal or the fraction is too large to be exact.
 */
function repeatingDecimal(
  text: string,
  i: number,
  j: number,
): { numerator: string; denominator: string; end: number } | null {
  let written = text.slice(i, j);
  let k = j;
  if (!written.includes('.')) {
    if (text[k] !== '.') return null;
    written += '.';
    k++;
  }
  const m = /^\\(?:overline|bar)\s*\{\s*(\d{1,6})\s*\}|^\\dot\s*(?:\{\s*(\d)\s*\}|(\d))/.exec(text.slice(k));
  if (!m) return null;
  const repeated = m[1] ?? m[2] ?? m[3];
  const [whole, fraction] = written.split('.');
  const shift = 10 ** fraction.length;
  const cycle = 10 ** repeated.length - 1;
  const numerator = Number(`${whole || '0'}${fraction}`) * cycle + Number(repeated);
  const denominator = shift * cycle;
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) return null;
  return { numerator: String(numerator), denominator: String(denominator), end: k + m[0].length };
}

/** siunitx's `\ang{30}` (one angle in decimal degrees, no minutes or seconds). */
const SIUNITX_ANGLE = /^\\ang\s*\{\s*(-?\d+(?:\.\d+)?)\s*\}/;

/**
 * A degree sign written as a command outside a superscript: gensymb's and siunitx's `30\degree`,
 * textcomp's `30\textdegree`, and siunitx's `\ang{30}` — each is `30^{\circ}`, the degrees the
 * parser reads (parser/scripts.ts). Inside a superscript (`30^\degree`) the parser reads the mark.
 */
function degreeMark(text: string, i: number, j: number, out: Token[]): { tex: string; end: number } | null {
  const name = text.slice(i, j);
  if (name === '\\degree' || name === '\\textdegree') {
    const last = out[out.length - 1];
    const before = out[out.length - 2];
    if (last?.text === '^' || (last?.text === '{' && before?.text === '^')) return null;
    return { tex: '^{\\circ}', end: j };
  }
  if (name !== '\\ang') return null;
  const m = SIUNITX_ANGLE.exec(text.slice(i, i + 40));
  return m ? { tex: `{${m[1]}}^{\\circ}`, end: i + m[0].length } : null;
}

// `pin` fixes every token's range to one source character (used for Unicode replacements).
function scan(text: string, base: number, out: Token[], pin: [number, number] | null): void {
  let i = 0;
  let nl = false;
  const dotGroups = DOTTED_ANYWHERE.test(text);
  const push = (t: TokenType, v: string, s: number, e: number) => {
    out.push({
      type: t,
      text: v,
      start: pin ? pin[0] : base + s,
      end: pin ? pin[1] : base + e,
      ...(nl ? { lineBreakBefore: nl } : {}),
    });
    nl = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') nl = true;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '~') {
      i++;
      continue;
    }
    if (c === '%') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\') {
      let j = i + 1;
      if (j < text.length && isLetter(text[j])) {
        while (j < text.length && isLetter(text[j])) j++;
        const degrees = degreeMark(text, i, j, out);
        if (degrees) {
          scan(degrees.tex, 0, out, [base + i, base + degrees.end]);
          i = degrees.end;
          continue;
        }
        push('cmd', text.slice(i, j), i, j);
      } else if (j < text.length) {
        push('cmd', text.slice(i, j + 1), i, j + 1);
        j++;
      } else {
        push('sym', '\\', i, j);
      }
      i = j;
      continue;
    }
    const typed = pin ? null : (accentedLetter(text, i) ?? scriptRun(text, i));
    if (typed) {
      scan(typed.tex, 0, out, [base + i, base + i + typed.length]);
      i += typed.length;
      continue;
    }
    if (isLetter(c)) {
      push('letter', c, i, i + 1);
      i++;
      continue;
    }
    // `1.500.000`, `3.000.000`: Spanish, German and Italian texts group thousands with points. Two or
    // more points each before three digits make no decimal, so the numeral is one whole number.
    // In math that groups so, `500.000` beside `2.000.000` is five hundred thousand too.
    const grouping = dotGroups ? DOTTED_GROUP : DOTTED_THOUSANDS;
    const dotted =
      isDigit(c) && !/[\d.]/.test(text[i - 1] ?? '') ? grouping.exec(text.slice(i, i + 40)) : null;
    if (dotted) {
      push('num', dotted[0].replace(/\./g, ''), i, i + dotted[0].length);
      i += dotted[0].length;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      let j = i;
      while (j < text.length && isDigit(text[j])) j++;
      if (text[j] === '.' && isDigit(text[j + 1] ?? '')) {
        j++;
        while (j < text.length && isDigit(text[j])) j++;
      } else if (text[j] === '.' && text[j + 1] === '}' && isDigit(c)) {
        // `\frac{160.}{32.00}`: chemistry's significant-figure point after a whole number, closing a
        // brace group where no sentence ends. The number is the whole number; the point is skipped.
        push('num', text.slice(i, j), i, j);
        i = j + 1;
        continue;
      }
      // E-notation as engineers write it (`4.19e6`, `2.7E-3`): digits, then e or E against
      // them, then a whole number. `2e` and `2e^{x}` stay a product with Euler's e, and a script
      // takes one digit (`x_2e3` is x₂·e·3, as TeX sets it).
      const script = out.length > 0 && (out[out.length - 1].text === '_' || out[out.length - 1].text === '^');
      if (isDigit(c) && !script && (text[j] === 'e' || text[j] === 'E')) {
        let k = j + 1;
        if (text[k] === '+' || text[k] === '-') k++;
        if (isDigit(text[k] ?? '')) {
          while (k < text.length && isDigit(text[k])) k++;
          if (!isLetter(text[k] ?? '')) j = k;
        }
      }
      const repeating = repeatingDecimal(text, i, j);
      if (repeating) {
        // `0.1\overline{6}`, `0.\dot{3}`: the exact fraction the repeating digits write, as its tokens.
        const s = pin ? pin[0] : base + i;
        const e = pin ? pin[1] : base + repeating.end;
        const at = (type: TokenType, v: string) => out.push({ type, text: v, start: s, end: e });
        if (nl) out.push({ type: 'sym', text: '(', start: s, end: e, lineBreakBefore: true });
        else at('sym', '(');
        nl = false;
        at('num', repeating.numerator);
        at('sym', '/');
        at('num', repeating.denominator);
        at('sym', ')');
        i = repeating.end;
        continue;
      }
      push('num', text.slice(i, j), i, j);
      i = j;
      continue;
    }
    const code = text.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    // `Σᵢ₌₁ⁿ`: a capital sigma over a range is the sum; `Σᵢ` alone may be a covariance.
    const rep = ch === 'Σ' && subscriptRange(text, i + 1) ? '\\sum' : unicodeToTex(ch);
    if (rep !== undefined) {
      const s = pin ? pin[0] : base + i;
      const e = pin ? pin[1] : base + i + ch.length;
      scan(rep, 0, out, [s, e]);
      i += ch.length;
      continue;
    }
    push('sym', ch, i, i + ch.length);
    i += ch.length;
  }
}

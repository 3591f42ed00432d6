// Math typed with Unicode scripts and accents, as phones, Word and Notion produce it: `x²`, `A⁻¹`,
// `β₁ᵗ`, `Σᵢ₌₁ⁿ`, `ŷ`, `x̄`. A run of superscript (or subscript) characters is one script, as
// its reader sees it — `A⁻¹` is A^{-1}, not A^- then ^1 — and a letter carrying an accent,
// precomposed (`ŷ`) or combining (`x̄`), is the accented name (`\hat{y}`, `\bar{x}`).

const SUPERSCRIPTS: Record<string, string> = {
  '⁰': '0',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
  '⁺': '+',
  '⁻': '-',
  '⁼': '=',
  '⁽': '(',
  '⁾': ')',
  ᵀ: '\\top ',
  ⁿ: 'n',
  ⁱ: 'i',
  ʲ: 'j',
  ᵏ: 'k',
  ᵗ: 't',
  ˣ: 'x',
  ʸ: 'y',
  ᵐ: 'm',
  ᵃ: 'a',
  ᵇ: 'b',
  ᵈ: 'd',
  ᵉ: 'e',
  ᵖ: 'p',
  ʳ: 'r',
  ˢ: 's',
  ᵘ: 'u',
  ᵛ: 'v',
  ʷ: 'w',
  ᶻ: 'z',
};

const SUBSCRIPTS: Record<string, string> = {
  '₀': '0',
  '₁': '1',
  '₂': '2',
  '₃': '3',
  '₄': '4',
  '₅': '5',
  '₆': '6',
  '₇': '7',
  '₈': '8',
  '₉': '9',
  '₊': '+',
  '₋': '-',
  '₌': '=',
  '₍': '(',
  '₎': ')',
  ᵢ: 'i',
  ⱼ: 'j',
  ₖ: 'k',
  ₙ: 'n',
  ₜ: 't',
  ₐ: 'a',
  ₑ: 'e',
  ₒ: 'o',
  ₓ: 'x',
  ₕ: 'h',
  ₗ: 'l',
  ₘ: 'm',
  ₚ: 'p',
  ₛ: 's',
  ᵣ: 'r',
  ᵤ: 'u',
  ᵥ: 'v',
};

/** Combining marks over a letter and the accent command each stands for. */
const ACCENTS: Record<string, string> = {
  '\u0302': '\\hat',
  '\u0304': '\\bar',
  '\u0305': '\\bar',
  '\u0303': '\\tilde',
  '\u0307': '\\dot',
  '\u0308': '\\ddot',
  '\u20d7': '\\vec',
};

export interface UnicodeScript {
  /** The TeX it reads as. */
  tex: string;
  /** How many UTF-16 code units of the source it covers. */
  length: number;
}

/**
 * The script that starts at `i`: a run of superscript or subscript characters, `^{…}` or `_{…}`.
 * Null when `text[i]` is neither.
 */
export function scriptRun(text: string, i: number): UnicodeScript | null {
  for (const [table, mark] of [
    [SUPERSCRIPTS, '^'],
    [SUBSCRIPTS, '_'],
  ] as const) {
    let j = i;
    let body = '';
    while (j < text.length && table[text[j]] !== undefined) {
      body += table[text[j]];
      j++;
    }
    if (j > i) return { tex: `${mark}{${body}}`, length: j - i };
  }
  return null;
}

/** Whether a subscript run starting at `i` states a range (`ᵢ₌₁`): Σ before it is then a sum. */
export function subscriptRange(text: string, i: number): boolean {
  const run = scriptRun(text, i);
  return run !== null && run.tex.startsWith('_') && run.tex.includes('=');
}

/**
 * A letter with an accent at `i` — precomposed (`ŷ`, `ā`) or followed by a combining mark
 * (`x̄`, `y\u0302`) — as `\hat{y}`, `\bar{x}`. Null when there is none.
 */
export function accentedLetter(text: string, i: number): UnicodeScript | null {
  const c = text[i];
  const mark = text[i + 1];
  if (/[A-Za-z]/.test(c) && mark !== undefined && ACCENTS[mark]) {
    return { tex: `${ACCENTS[mark]}{${c}}`, length: 2 };
  }
  if (c.charCodeAt(0) < 0x80) return null;
  const parts = c.normalize('NFD');
  if (parts.length === 2 && /[A-Za-z]/.test(parts[0]) && ACCENTS[parts[1]]) {
    return { tex: `${ACCENTS[parts[1]]}{${parts[0]}}`, length: 1 };
  }
  return null;
}

// Arithmetic the words put modulo a number: coding-theory and cryptography notes compute over the
// field of two elements, "All arithmetic in this handout is over $\mathbb{F}_2$", "$G H^\top = 0$
// over GF(2)", "$1 + 1 = 0$ mod 2". Their vectors and matrices of whole numbers are residues, and a
// relation between them compares entries modulo that number (check/claim/modularArithmetic.ts).
//
// Each span reads the raw text of its own sentence (at most SENTENCE_REACH characters either side),
// so a field written as math (`$\mathbb{F}_2$`) is seen as written.

/** A field or ring of residues as written: `\mathbb{F}_2`, `\mathbb{F}_{2}`, `GF(2)`, `\mathbb{Z}_7`. */
const FIELD = [
  String.raw`(?:\\mathbb\s*\{?\s*[fz]\s*\}?|\\mathrm\s*\{\s*gf\s*\}|\\operatorname\s*\{\s*gf\s*\}|\bgf)`,
  String.raw`\s*(?:_\s*\{?\s*(\d+)\s*\}?|\(\s*(\d+)\s*\))`,
].join('');
/** "over $\mathbb{F}_2$", "in GF(2)", "modulo 2", "mod 2" in words (not `\bmod`, `\pmod`), "over the binary field". */
const MODULAR = [
  String.raw`(?:\b(?:over|in)\s+(?:the\s+(?:finite\s+)?field\s+)?${FIELD}`,
  String.raw`|(?<![\\a-z])mod(?:ulo)?\s+(\d+)\b|\bover\s+the\s+(binary)\s+field\b)`,
].join('');
/** The words after a span that put its own arithmetic modulo a number, before any other sentence. */
const AFTER = new RegExp(String.raw`^[^.;!?]*?${MODULAR}`, 'i');
/** Words before a span in its sentence that put it there ("Over $\mathbb{F}_2$, …", "in GF(2) we have"). */
const BEFORE = new RegExp(String.raw`\b(?:over|in)\s+(?:the\s+(?:finite\s+)?field\s+)?${FIELD}`, 'i');
/**
 * A sentence that sets the arithmetic for what follows: "all arithmetic is over $\mathbb{F}_2$",
 * "we work over GF(2)", "computations are mod 2", "everything is modulo 2".
 */
const SETTING = new RegExp(
  String.raw`\b(?:arithmetic|computations?|calculations?|operations|addition|we\s+(?:will\s+)?work|` +
    String.raw`working|everything|all\s+(?:vectors|matrices|codewords|sums|entries))\b[^.;!?]{0,80}?` +
    MODULAR,
  'i',
);
/** How far a span reads for its sentence's words, each way. */
const SENTENCE_REACH = 300;

function modulusOf(m: RegExpExecArray): number | null {
  const word = m.slice(1).find((x) => x !== undefined);
  const n = word === 'binary' ? 2 : Number(word);
  return Number.isInteger(n) && n >= 2 ? n : null;
}

/** The raw text of the sentence before a span, from its last sentence end or blank line. */
function sentenceBefore(source: string, start: number): string {
  const before = source.slice(Math.max(0, start - SENTENCE_REACH), start);
  let cut = -1;
  for (const m of before.matchAll(/[.!?](?=\s)|\n\s*\n/g)) cut = (m.index ?? 0) + m[0].length;
  return cut >= 0 ? before.slice(cut) : before;
}

/** The raw text after a span to its sentence's end (a full stop before white space, or a blank line). */
function sentenceAfter(source: string, end: number): string {
  const after = source.slice(end, end + SENTENCE_REACH);
  const m = /[.!?](?=\s|$)|\n\s*\n/.exec(after);
  return m ? after.slice(0, m.index) : after;
}

/**
 * The modulus the words of the span's own sentence put its arithmetic in (`… over GF(2)` after it,
 * "Over $\mathbb{F}_2$, …" before it), or null.
 */
export function sentenceModulus(source: string, start: number, end: number): number | null {
  const after = AFTER.exec(sentenceAfter(source, end).replace(/\$/g, ''));
  if (after) return modulusOf(after);
  const before = BEFORE.exec(sentenceBefore(source, start).replace(/\$/g, ''));
  return before ? modulusOf(before) : null;
}

/**
 * The modulus a sentence around the span, or in the prose before it, sets for what follows ("All
 * arithmetic in this handout is over $\mathbb{F}_2$"), or null.
 */
export function statedModulus(source: string, start: number, end: number, gap: string): number | null {
  const inGap = SETTING.exec(gap.replace(/\$/g, ''));
  if (inGap) return modulusOf(inGap);
  const around = `${sentenceBefore(source, start)}${source.slice(start, end)}${sentenceAfter(source, end)}`;
  const m = SETTING.exec(around.replace(/\$/g, ''));
  return m ? modulusOf(m) : null;
}

// Seeded randomness for the tests that compare incremental results with fresh ones: the same
// seed gives the same edit sequence on every machine.

/** A xorshift generator: numbers in [0, 1). */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/**
 * One random edit of the kinds an author makes: a digit changed, a character removed or typed, a
 * line removed, doubled or moved. `onlyLines` keeps to digits and whole lines, so that every
 * document stays well formed (claims change, move, appear and go, but nothing becomes unreadable).
 */
export function randomEdit(text: string, r: () => number, { onlyLines = false } = {}): string {
  const lines = text.split('\n');
  const n = Math.floor(r() * lines.length);
  const pick = r();
  if (pick < (onlyLines ? 0.5 : 0.3)) {
    const digits = [...text.matchAll(/\d/g)];
    if (digits.length === 0) return text;
    const at = digits[Math.floor(r() * digits.length)].index!;
    return text.slice(0, at) + String(Math.floor(r() * 10)) + text.slice(at + 1);
  }
  if (onlyLines) {
    if (pick < 0.75) lines.splice(n, 1);
    else lines.splice(n, 0, lines[n]);
    return lines.join('\n');
  }
  if (pick < 0.45) {
    const at = Math.floor(r() * text.length);
    return text.slice(0, at) + text.slice(at + 1);
  }
  if (pick < 0.55) {
    const at = Math.floor(r() * text.length);
    const inserted = ['x', ' ', '\n', '$', '}', 'A', '+ 1', '\n\n'][Math.floor(r() * 8)];
    return text.slice(0, at) + inserted + text.slice(at);
  }
  if (pick < 0.7) lines.splice(n, 1);
  else if (pick < 0.85) lines.splice(n, 0, lines[n]);
  else if (n + 1 < lines.length) [lines[n], lines[n + 1]] = [lines[n + 1], lines[n]];
  return lines.join('\n');
}

/** Paragraphs a random paragraph edit adds: words alone, and words with relations of their own. */
const PARAGRAPHS = [
  'A remark in passing, with no formula.',
  'We pause here. Nothing below depends on this line.',
  'Here $a = 2$, so $a + 1 = 3$.',
  '$$q = 4$$',
  // Claims alone, which move the builder's counters (scope ids, relation numbers) and nothing else.
  'Note that $2 + 2 = 4$.',
  'First a word. Then $3 \\cdot 3 = 10$, and $1 + 1 = 2$.',
  '$$5 - 2 = 3$$',
  // Headings, which renumber the sections below (model/renumber.ts sectionEdit), and values given in
  // passing, which enter the environment.
  '## An aside',
  '### A note in passing',
  'Take $m = 2$ for a moment.',
  'Here $a = 2$.',
];

/**
 * One random edit that renumbers what follows it (model/renumber.ts): a paragraph added or removed,
 * a paragraph split in two at a space (a blank line typed there) or two joined (a blank line
 * removed). The paragraphs added are plain words, carry relations of their own, give a value, or are
 * headings (and the paragraphs removed may be headings).
 */
export function randomParagraphEdit(text: string, r: () => number): string {
  const pick = r();
  if (pick < 0.3) {
    const breaks = [...text.matchAll(/\n\n/g)];
    if (breaks.length === 0) return text;
    const at = breaks[Math.floor(r() * breaks.length)].index! + 1;
    const added = PARAGRAPHS[Math.floor(r() * PARAGRAPHS.length)];
    return `${text.slice(0, at)}\n${added}\n${text.slice(at)}`;
  }
  if (pick < 0.5) {
    const paragraphs = text.split('\n\n');
    if (paragraphs.length < 2) return text;
    paragraphs.splice(1 + Math.floor(r() * (paragraphs.length - 1)), 1);
    return paragraphs.join('\n\n');
  }
  if (pick < 0.75) {
    // A space between two words of prose (not inside math: the split is of a paragraph).
    const spaces = [...text.matchAll(/(?<=[a-z,.]) (?=[A-Za-z])/g)].filter(
      (m) => (text.slice(0, m.index).match(/\$/g)?.length ?? 0) % 2 === 0,
    );
    if (spaces.length === 0) return text;
    const at = spaces[Math.floor(r() * spaces.length)].index!;
    return `${text.slice(0, at)}\n\n${text.slice(at + 1)}`;
  }
  const joins = [...text.matchAll(/(?<=[^\n])\n\n(?=[A-Za-z])/g)];
  if (joins.length === 0) return text;
  const at = joins[Math.floor(r() * joins.length)].index!;
  return `${text.slice(0, at)} ${text.slice(at + 2)}`;
}

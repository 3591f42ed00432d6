// Flashcards exported from Anki hide answers in cloze deletions, `{{c1::answer}}` or
// `{{c1::answer::hint}}`, also inside math: `$\sigma'(x) = {{c1::\sigma(x)(1 - \sigma(x))}}$`.
// The card's math is the answer in place: the markers (and the hint, which is not math of the
// card) become spaces, so every offset still points at what the author wrote.

const OPEN = /\{\{c\d+::/g;

/** The math with each cloze deletion replaced by its answer, blanks keeping the length. */
export function withoutClozeMarkers(math: string): string {
  if (!math.includes('{{c')) return math;
  const chars = math.split('');
  OPEN.lastIndex = 0;
  for (let m = OPEN.exec(math); m; m = OPEN.exec(math)) {
    const bodyStart = m.index + m[0].length;
    const close = closingOf(math, bodyStart);
    if (!close) continue;
    for (let i = m.index; i < bodyStart; i++) chars[i] = ' ';
    for (let i = close.hint ?? close.end; i < close.end + 2; i++) chars[i] = ' ';
    OPEN.lastIndex = close.end + 2;
  }
  return chars.join('');
}

/** Where the deletion's `}}` is (braces of the math inside counted), and its `::hint`, if any. */
function closingOf(s: string, from: number): { end: number; hint: number | null } | null {
  let depth = 0;
  let hint: number | null = null;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return s[i + 1] === '}' ? { end: i, hint } : null;
      depth--;
    } else if (depth === 0 && hint === null && c === ':' && s[i + 1] === ':') hint = i;
  }
  return null;
}

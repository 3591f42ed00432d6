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

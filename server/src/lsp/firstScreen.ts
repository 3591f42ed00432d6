// The top of a long document, checked on its own when the document is opened so that the first
// screen gets its diagnostics before the whole document is checked. The model is built front to
// back — a claim sees only what comes before it — and the cut falls where Markdown carries no
// state (a chunk start), so the claims of the top get exactly the verdicts the whole document
// gives them (test/protocol/firstScreen.test.ts compares them).
import { chunkStarts } from '../document/chunks';

const KEY_SUFFIX = '#first-screen';

/** The pool's key for the check of a document's first screen. */
export function firstScreenKey(uri: string): string {
  return `${uri}${KEY_SUFFIX}`;
}

export function isFirstScreenKey(key: string): boolean {
  return key.endsWith(KEY_SUFFIX);
}

/** About a screen of text; documents shorter than twice this are checked whole at once. */
export const FIRST_SCREEN_CHARS = 3000;

/** The source cut after its first screen, or null when a separate first pass would not pay. */
export function firstScreen<S extends { kind: string; composite?: unknown; text: string }>(
  source: S,
): S | null {
  if (source.kind !== 'markdown' || source.composite || source.text.length < 2 * FIRST_SCREEN_CHARS)
    return null;
  const cut = chunkStarts(source.text).find((s) => s >= FIRST_SCREEN_CHARS);
  if (cut === undefined || cut > source.text.length / 2) return null;
  return { ...source, text: source.text.slice(0, cut) };
}

// Which screen of a long document is checked before the rest, and when. A document just opened,
// or changed a lot (a paste, a replace-all) where the change reaches the screen, gets the claims
// of its screen checked on their own first (screen.ts says how their verdicts are kept exact), then
// the whole. The screen is what the editor shows (the client's `derivcheck/visibleRanges`
// notification, visibleRanges.ts) or, from a client that does not send it, the top.
import type { ScreenRange } from './screen';
import { commonEnds } from '../document/commonEnds';

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

interface Source {
  kind: string;
  composite?: unknown;
  text: string;
}

/**
 * The screens to check first, or null when the whole is checked at once: a short document, a
 * notebook or LaTeX project (read as a composite), or an edit that changed less than a screen's
 * worth of text or only text below the screens (whose verdicts it cannot change).
 * `previous`: the text of the last finished check, if any; `visible`: the editor's screens.
 */
export function screensFirst(
  source: Source,
  previous: string | undefined,
  visible: readonly ScreenRange[] | undefined,
): ScreenRange[] | null {
  if (source.kind !== 'markdown' || source.composite || source.text.length < 2 * FIRST_SCREEN_CHARS)
    return null;
  const screens = visible?.length ? [...visible] : [{ start: 0, end: FIRST_SCREEN_CHARS }];
  if (previous === undefined) return screens;
  const change = changedRange(previous, source.text);
  if (!change || Math.max(change.inserted, change.removed) < FIRST_SCREEN_CHARS) return null;
  return change.start < Math.max(...screens.map((s) => s.end)) ? screens : null;
}

/** Where two texts differ: from the first differing offset, how much was inserted and removed. */
function changedRange(
  before: string,
  after: string,
): { start: number; inserted: number; removed: number } | null {
  const { prefix: start, suffix } = commonEnds(before, after);
  if (start === before.length && start === after.length) return null;
  return { start, inserted: after.length - suffix - start, removed: before.length - suffix - start };
}

/** Whether every claim of `wanted` lies in ranges already checked (`done`). */
export function covered(wanted: readonly ScreenRange[], done: readonly ScreenRange[]): boolean {
  return wanted.every((w) => done.some((d) => d.start <= w.start && w.end <= d.end));
}

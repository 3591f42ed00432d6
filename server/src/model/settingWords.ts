// Where the words that can state a setting occur in a document. A sentence that gives `\log` a
// base names the logarithm, and one that gives angles a unit names angles (model/logBase.ts,
// model/angleUnit.ts): a window of prose with neither word states neither, and is not read. Each
// span reads the 2,000 characters before it for such a sentence, so a run-on paragraph of
// thousands of spans read its window once per span (issue 15's stress shapes).
//
// A build after an edit asks only about the few spans it walks: each window is searched on its own
// until the windows searched add up to the text's length, and only then is the whole text indexed
// once (a full build), so that an edit's build no longer scans the whole document (issue #14).
import { lowerBound } from '../document/sorted';

/** The words every stated log base or angle unit contains (either spelling's stem). */
const SETTING_WORDS = /log|angle|bearing|heading/gi;
/** The same words, for one window's search (no `lastIndex` shared with the index's). */
const SETTING_WORD = new RegExp(SETTING_WORDS.source, 'i');
/** The longest of those words, less one: how far a word starting in a window may run past it. */
const WORD_OVERHANG = 'bearing'.length - 1;

export class SettingWords {
  private at: number[] | undefined;
  /** Characters searched window by window so far. */
  private searched = 0;

  constructor(private readonly source: string) {}

  /** Whether such a word starts in [from, to). */
  within(from: number, to: number): boolean {
    from = Math.max(0, from);
    if (to <= from) return false;
    if (!this.at && this.searched + (to - from) <= this.source.length) {
      this.searched += to - from;
      // None of the words overlaps another, so the occurrences in the window are the matches of
      // the whole text that start in it.
      const m = SETTING_WORD.exec(this.source.slice(from, Math.min(this.source.length, to + WORD_OVERHANG)));
      return m !== null && m.index < to - from;
    }
    const at = this.index();
    const k = lowerBound(at, from);
    return k < at.length && at[k] < to;
  }

  private index(): number[] {
    if (!this.at) {
      this.at = [];
      for (const m of this.source.matchAll(SETTING_WORDS)) this.at.push(m.index ?? 0);
    }
    return this.at;
  }
}

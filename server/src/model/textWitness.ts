// A search of the whole text for one match that counts (a witness), kept across edits (issue #14):
// "does the document write an SI unit after a number anywhere?" was a scan of every character on
// every edit. Each attempt of such a search, at a start s, reads the character before s and then
// a run of characters forward; what it consumes is a few characters of the pattern's literals and
// classes (at most `reach`) and runs of `runs` characters (spaces, letters) of any length, and it
// may read one character more before it fails. So an attempt that reads a character an edit
// changed starts at most `reach` characters that are no such run before the edit, or inside it;
// every other attempt reads what it read before the edit, and finds what it found.
import type { Edit } from './splice';

export interface WitnessSearch {
  /** The start of the first witness at or after `from`, or -1. */
  first(text: string, from: number): number;
  /** Whether a witness starts at `at`. */
  at(text: string, at: number): boolean;
  /** Characters an attempt consumes outside runs of `run` characters, at most (its literals). */
  reach: number;
  /** The characters the pattern reads in runs of any length (every run class of the pattern). */
  run(code: number): boolean;
}

/**
 * A witness in `after`, given the one `before` had (`prior`, -1 for none) and the edit between
 * them: the prior one when no attempt that found it reads the edit, else the attempts that may
 * read it, else (a witness they read was lost) the whole text searched again.
 */
export function witnessAfterEdit(search: WitnessSearch, after: string, edit: Edit, prior: number): number {
  const newEnd = edit.oldEnd + edit.shift;
  // The earliest start whose attempt may read the edit: `reach` characters outside runs back.
  let lo = edit.cut;
  let outside = 0;
  while (lo > 0) {
    if (!search.run(after.charCodeAt(lo - 1)) && ++outside > search.reach) break;
    lo--;
  }
  if (prior >= 0) {
    if (prior < lo) return prior;
    // An attempt reads the character before its start: one after the edit's end reads none of it.
    if (prior - 1 >= edit.oldEnd) return prior + edit.shift;
    return search.first(after, 0);
  }
  // None before: any witness now is one of the attempts that read the edit.
  for (let s = lo; s <= newEnd && s <= after.length; s++) if (search.at(after, s)) return s;
  return -1;
}

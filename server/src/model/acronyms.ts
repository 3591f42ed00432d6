// Acronyms written as plain capitals: "$MSE = \frac{1}{n}\sum_i (y_i - \hat y_i)^2$", then
// "$RMSE = \sqrt{MSE}$". In math a run of letters is a product (`AB` is A times B), so MSE would be
// M·S·E, three unknown letters. A careful reader sees one name when the document defines the run
// itself — a span that begins with the run (perhaps with a subscript, `SNR_{dB}`, or as a function of
// its arguments, `FL(p_t)`) and `=` or `:=` —
// and the run is no product of names the document uses: at least one of its letters is never
// written alone in math or a directive (`AB = BA` beside `A, B \in \mathbb{R}^{n \times n}` stays a
// product). Such a run is one name wherever it is written whole, the same name as `\mathrm{MSE}`.
// So is a run given a number before any of its letters is written alone (`$FP = 15$`, then
// precision `P`): letters that are not yet quantities make no product.
import { perText } from '../document/itemReadings';
import type { ReadResult } from '../document/types';

/** A span that begins by defining a run of capitals: `MSE =`, `SNR_{dB} :=`. */
const DEFINED_RUN =
  /^\s*([A-Z]{2,})\s*(?:_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?\s*(?:(?:\\left)?\([^()]*\))?\s*:?=(?!=)/;

/** A capital written alone: no letter or backslash before it, no letter after it. */
const LONE_CAPITAL = /(?<![A-Za-z\\])[A-Z](?![A-Za-z])/g;

// Math spans and directive statements (`<!-- derive: A \in … -->`) alike: both are math. Both
// readings depend on the text alone, so they are kept per text: an item an edit moved is a new
// object with the very same string, and a table per object read every moved item again (and
// kept an entry each) on every edit that inserted a line (issue #14).
export const definedRun = perText((text) => DEFINED_RUN.exec(text)?.[1] ?? null);

export const loneCapitals = perText((text) => new Set(text.match(LONE_CAPITAL) ?? []));

/** The runs of capitals the document defines as names, sorted (a reading of every span). */
export function documentAcronyms(read: ReadResult): readonly string[] {
  const runs = new Set<string>();
  for (const item of read.items) {
    const run = definedRun(item.text);
    if (run) runs.add(run);
  }
  if (runs.size === 0) return [];
  const alone = new Set<string>();
  // A run given a number before its letters are quantities of their own is a count's name
  // (`$TP = 45$, $FP = 15$` in a confusion matrix, with precision `P` and `F_1` written later).
  const counts = new Set<string>();
  for (const item of read.items) {
    const run = valuedRun(item.text);
    if (run && [...run].some((c) => !alone.has(c))) counts.add(run);
    for (const c of loneCapitals(item.text)) alone.add(c);
  }
  const named = acronymsAmong(runs, (c) => alone.has(c));
  return counts.size === 0 ? named : [...new Set([...named, ...counts])].sort();
}

/** A span that gives a run of capitals a written number: `FP = 15`, `ROI = 0.12`. */
const VALUED_RUN = /^\s*([A-Z]{2,})\s*:?=\s*-?\d+(?:\.\d+)?\s*(?:\\?%)?\s*$/;
const valuedRun = perText((text) => VALUED_RUN.exec(text)?.[1] ?? null);

/** The defined runs that are acronyms: some letter of each is never written alone, sorted. */
export function acronymsAmong(runs: Iterable<string>, writtenAlone: (capital: string) => boolean): string[] {
  return [...runs].filter((run) => [...run].some((c) => !writtenAlone(c))).sort();
}

/** Whether some text may define an acronym: true for every text with a span that defines one. */
export function mayDefineAcronym(text: string): boolean {
  return /[A-Z]{2,}\s*(?:_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?\s*(?:(?:\\left)?\([^()]*\))?\s*:?=/.test(text);
}

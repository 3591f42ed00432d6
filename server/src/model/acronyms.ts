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
// Runs with small letters follow the same rule — statistics writes `df = n - 1`, `Se = 0.9`,
// `Sp = 0.95`, `Re = 2000` — in small letters or a capital and small ones (a small letter before
// a capital is physics' product, `pV = nRT`, `kT`), with two guards a product of letters never
// meets: the run is no function's word (`ln`, `exp`, `Var`, `Cov`: those are read as the
// function), and a run that begins with d is a differential unless the letters after the d are
// never written alone (`df` after `d_i` and no lone f is degrees of freedom; `dx = 2t\,dt` beside a
// lone x is a differential) and its formula writes no differential (`dS = \delta Q/T`).
import { perText } from '../document/itemReadings';
import { functionWord } from '../math/vocabulary';
import type { ReadResult } from '../document/types';

/** A span that begins by defining a run of capitals: `MSE =`, `SNR_{dB} :=`. */
const DEFINED_RUN =
  /^\s*([A-Za-z]{2,})\s*(?:_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?\s*(?:(?:\\left)?\([^()]*\))?\s*:?=(?!=)/;

/** A differential written in a formula: `dt`, `\mathrm{d}t`, `\,d`, δ or ∂. */
const DIFFERENTIAL = /(?<![A-Za-z\\])d[A-Za-z]|\\mathrm\s*\{?\s*d\b|\\delta|\\partial/;

/** A run of letters that no reading of a product takes: not a function's word, not `Var`/`Cov`. */
function runName(run: string, text: string): string | null {
  if (/^[A-Z]+$/.test(run)) return run;
  // A small letter before a capital is a product the sciences write (`pV = nRT`, `kT`, `mL`).
  if (!/^[A-Z]?[a-z]+$/.test(run)) return null;
  if (functionWord(run) || run === 'Var' || run === 'Cov' || /^(?:pH|pOH|pK)$/.test(run)) return null;
  if (run.startsWith('d') && DIFFERENTIAL.test(text.slice(text.indexOf('=') + 1))) return null;
  return run;
}

/** A capital written alone: no letter or backslash before it, no letter after it. */
const LONE_CAPITAL = /(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])/g;

// Math spans and directive statements (`<!-- derive: A \in … -->`) alike: both are math. Both
// readings depend on the text alone, so they are kept per text: an item an edit moved is a new
// object with the very same string, and a table per object read every moved item again (and
// kept an entry each) on every edit that inserted a line (issue #14).
export const definedRun = perText((text) => {
  const run = DEFINED_RUN.exec(text)?.[1];
  return run ? runName(run, text) : null;
});

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
    if (run && [...lettersThatName(run)].some((c) => !alone.has(c))) counts.add(run);
    for (const c of loneCapitals(item.text)) alone.add(c);
  }
  const named = acronymsAmong(runs, (c) => alone.has(c));
  return counts.size === 0 ? named : [...new Set([...named, ...counts])].sort();
}

/** A span that gives a run of capitals a written number: `FP = 15`, `ROI = 0.12`. */
const VALUED_RUN = /^\s*([A-Za-z]{2,})\s*:?=\s*-?\d+(?:\.\d+)?\s*(?:\\?%)?\s*$/;
const valuedRun = perText((text) => {
  const run = VALUED_RUN.exec(text)?.[1];
  return run ? runName(run, text) : null;
});

/** The defined runs that are acronyms: some letter of each is never written alone, sorted. */
export function acronymsAmong(runs: Iterable<string>, writtenAlone: (capital: string) => boolean): string[] {
  return [...runs].filter((run) => [...lettersThatName(run)].some((c) => !writtenAlone(c))).sort();
}

/** The letters of a run one of which must never stand alone: after the d of a small run (`df`). */
function lettersThatName(run: string): string {
  return /^d[a-z]/.test(run) ? run.slice(1) : run;
}

const MAY_DEFINE_RUN =
  /(?<![A-Za-z\\])[A-Za-z]{2,}\s*(?:_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?\s*(?:(?:\\left)?\([^()]*\))?\s*:?=/;
/** Whether some text may define an acronym: true for every text with a span that defines one. */
export function mayDefineAcronym(text: string): boolean {
  return MAY_DEFINE_RUN.test(text);
}

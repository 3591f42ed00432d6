// Changes written with Δ: physics and chemistry write the change of a quantity as Δ before its
// letter (`\Delta U = Q - W`, `\Delta T = 150\ \mathrm{K}`, `\Delta G^\circ`), one name, not Δ times U.
// A document may instead hold Δ as a value of its own — a step or a discriminant written alone
// (`h(t + \Delta)`, `\Delta \to 0`, `\Delta = b^2 - 4ac`, `\frac{\Delta}{2}`) — and then `\Delta A`
// is that value times A. The document decides: one that writes Δ alone anywhere means products.
import { perText } from '../document/itemReadings';
import type { ReadResult } from '../document/types';
import { GREEK } from '../math/vocabulary';

// A letter in a font or with an accent after Δ (`\Delta \mathbf{x}`) is no sign of Δ alone either.
const LETTER_COMMANDS = [
  ...GREEK,
  'math[a-z]+',
  'boldsymbol',
  'bm',
  'vec',
  'hat',
  'bar',
  'tilde',
  'dot',
].join('|');

/**
 * Δ with no letter after it: not a letter, Greek or Latin, and not a subscript (`\Delta_1` is its
 * own name). A spacing command after Δ (`\Delta\, t`) sets the letter apart, so Δ stands alone.
 */
const DELTA_ALONE = new RegExp(
  String.raw`(?:\\(?:var)?Delta(?![A-Za-z])|[Δ∆])(?!\s*(?:[A-Za-z_]|\\(?:${LETTER_COMMANDS})(?![A-Za-z])))`,
);

/** Kept per text: every build asks it of every span (document/itemReadings.ts). */
export const writesLoneDelta = perText((text) => DELTA_ALONE.test(text));

/** Whether the document writes Δ alone in its math, so that Δ before a letter is a factor. */
export function writesDeltaAlone(read: ReadResult): boolean {
  for (const item of read.items) if (writesLoneDelta(item.text)) return true;
  return false;
}

/** Whether some text may write Δ alone: true for every text whose math writes it. */
export function mayWriteDeltaAlone(text: string): boolean {
  return DELTA_ALONE.test(text);
}

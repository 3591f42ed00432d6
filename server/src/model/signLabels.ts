// Sign labels: Kalman filters and one-sided limits write the value before an update as `P^-` and
// the value after as `P^+`. A lone `+` raised on a letter is also the pseudo-inverse (`A^+`), so
// the document decides: one that writes a before-label anywhere means after-labels by `^+`.
import { perText } from '../document/itemReadings';
import type { ReadResult } from '../document/types';

// `^-` or `^{-}` with nothing raised after the sign: `x^-1`, `A^-T`, `x^{-n}` are exponents.
const BEFORE_LABEL = /\^\s*(?:\{\s*-\s*\}|-(?![\w\\{(]))/;

/** Kept per text: every build asks it of every span (document/itemReadings.ts). */
export const writesBeforeLabel = perText((text) => BEFORE_LABEL.test(text));

export function writesSignLabels(read: ReadResult): boolean {
  for (const item of read.items) if (item.kind === 'math' && writesBeforeLabel(item.text)) return true;
  return false;
}

/** Whether some text may write a before-label: true for every text whose math writes one. */
export function mayWriteSignLabels(text: string): boolean {
  return BEFORE_LABEL.test(text);
}

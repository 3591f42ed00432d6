// The line around an offset. Asked for every inline span of a build (is it in a table row?): a
// short scan finds it on the lines people write; a line longer than the scan (a paragraph of
// thousands of spans on one line) is found by bisection over the text's line breaks, so that such
// a document does not take quadratic time. The breaks are listed only when a scan runs out: on
// every edit of a long document a list of all of them was most of what a build allocated.
import { lowerBound } from '../document/sorted';

/** How far a scan looks for the line's end before the text's breaks are listed. */
const SCAN = 512;

let cached: { source: string; breaks: number[] } | undefined;

/** The offsets of `\n` in `source` (the last text asked for is kept: a build asks of one text). */
function breaksOf(source: string): number[] {
  if (cached?.source === source) return cached.breaks;
  const breaks: number[] = [];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) breaks.push(i);
  cached = { source, breaks };
  return breaks;
}

/** The start of the line holding `offset`: just after the last `\n` before it, or 0. */
export function lineStartAt(source: string, offset: number): number {
  const stop = Math.max(0, offset - SCAN);
  for (let i = Math.min(offset, source.length) - 1; i >= stop; i--)
    if (source.charCodeAt(i) === 10) return i + 1;
  if (stop === 0) return 0;
  const breaks = breaksOf(source);
  const k = lowerBound(breaks, offset);
  return k === 0 ? 0 : breaks[k - 1] + 1;
}

/** The end of the line holding `offset`: the first `\n` at or after it, or the text's end. */
export function lineEndAt(source: string, offset: number): number {
  const stop = Math.min(source.length, offset + SCAN);
  for (let i = Math.max(offset, 0); i < stop; i++) if (source.charCodeAt(i) === 10) return i;
  if (stop === source.length) return source.length;
  const breaks = breaksOf(source);
  const k = lowerBound(breaks, offset);
  return k < breaks.length ? breaks[k] : source.length;
}

// The line around an offset, found by bisection over the text's line breaks. Asked for every inline
// span of a build (is it in a table row?), a scan back to the line's start cost the length of the
// line, and a document of one long line (a paragraph of thousands of spans) took quadratic time.
import { lowerBound } from '../document/sorted';

let cached: { source: string; breaks: number[] } | undefined;

/** The offsets of `\n` in `source` (the last text asked for is kept: a build asks of one text). */
function breaksOf(source: string): number[] {
  if (cached?.source === source) return cached.breaks;
  const breaks: number[] = [];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) breaks.push(i);
  cached = { source, breaks };
  return breaks;
}

/** The number of line breaks before `offset`. */
function breaksBefore(breaks: number[], offset: number): number {
  return lowerBound(breaks, offset);
}

/** The start of the line holding `offset`: just after the last `\n` before it, or 0. */
export function lineStartAt(source: string, offset: number): number {
  const breaks = breaksOf(source);
  const k = breaksBefore(breaks, offset);
  return k === 0 ? 0 : breaks[k - 1] + 1;
}

/** The end of the line holding `offset`: the first `\n` at or after it, or the text's end. */
export function lineEndAt(source: string, offset: number): number {
  const breaks = breaksOf(source);
  const k = breaksBefore(breaks, offset);
  return k < breaks.length ? breaks[k] : source.length;
}

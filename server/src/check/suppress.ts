// Which findings a `derive-disable-next-line` comment silences. The rule, in offsets: a finding
// is on the comment's next line when its range touches that line, or when it lies in a display
// whose opening delimiter is on that line: a comment cannot go inside `$$ … $$`, so a display
// that starts with `$$` alone on its line is suppressed as a whole.
import type { DocumentResult } from './result';
import type { Suppression } from '../document';

export interface FindingRange {
  start: number;
  end: number;
  code: string;
}

export function suppressionFor(
  result: Pick<DocumentResult, 'suppressions' | 'mathSpans'>,
  f: FindingRange,
): Suppression | undefined {
  const list = result.suppressions;
  if (!list || list.length === 0) return undefined;
  return list.find((s) => (s.codes === null || s.codes.includes(f.code)) && onLine(result, s, f));
}

function onLine(result: Pick<DocumentResult, 'mathSpans'>, s: Suppression, f: FindingRange): boolean {
  if (touches(f.start, f.end, s.lineStart, s.lineEnd)) return true;
  return result.mathSpans.some(
    (m) =>
      m.display &&
      m.outerStart >= s.lineStart &&
      m.outerStart <= s.lineEnd &&
      f.start >= m.outerStart &&
      f.end <= m.outerEnd,
  );
}

/** The range `[a, b)` has a character on the line; an empty range counts at its offset. */
function touches(a: number, b: number, lineStart: number, lineEnd: number): boolean {
  if (b <= a) return a >= lineStart && a <= lineEnd;
  return a <= lineEnd && b > lineStart;
}

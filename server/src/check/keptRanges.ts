// The math spans' ranges of a check, kept from the previous check (issue #14). The reader hands
// back the very item objects for the chunks an edit did not touch (document/chunks.ts), and the
// worker's copy of what it sent and the server's lists hold the previous ranges: an item the
// previous check had at the same place counted from either end of the list takes its range object,
// found by identity, so an edit makes new ranges only for the items it changed or moved, and keeps
// no table entry per item (a table by item costs an entry for every moved item on every edit).
import type { DocItem } from '../document/types';
import type { MathRange } from './result';

/** A check's items and the range of each (null for a directive), for the next check. */
export interface RangeList {
  items: readonly DocItem[];
  ranges: readonly (MathRange | null)[];
}

/** The math items' ranges in order, and the list for the next check. */
export function keptRanges(
  items: readonly DocItem[],
  last: RangeList | undefined,
): { spans: MathRange[]; list: RangeList } {
  const n = items.length;
  const ranges: (MathRange | null)[] = new Array(n);
  let head = 0;
  let tail = 0;
  if (last) {
    const m = last.items.length;
    while (head < n && head < m && items[head] === last.items[head]) {
      ranges[head] = last.ranges[head];
      head++;
    }
    while (tail < n - head && tail < m - head && items[n - 1 - tail] === last.items[m - 1 - tail]) {
      ranges[n - 1 - tail] = last.ranges[m - 1 - tail];
      tail++;
    }
  }
  for (let k = head; k < n - tail; k++) ranges[k] = rangeOf(items[k]);
  const spans: MathRange[] = [];
  for (let k = 0; k < n; k++) {
    const r = ranges[k];
    if (r) spans.push(r);
  }
  return { spans, list: { items, ranges } };
}

function rangeOf(it: DocItem): MathRange | null {
  return it.kind === 'math'
    ? { start: it.start, end: it.end, outerStart: it.outerStart, outerEnd: it.outerEnd, display: it.display }
    : null;
}

// Bisection over a sorted list of numbers (offsets, line breaks, chunk starts): the reader and the
// model look positions up per span, where a scan would cost a pass over the document each time.

/** The number of entries of a sorted list that are less than `x` (where `x` would go). */
export function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

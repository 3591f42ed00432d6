// An inequality verified at its samples, followed from where its sides came closest.
//
// Samples land where they land: `\cos(x/7) > -0.99` fails only within 1 of x = 7π(2k + 1), a twentieth
// of each period, and `\log(e^x + e^y) \le \max(x, y) + 0.69` only within 0.003 of x = y; the usual
// and the wide samples miss both at most seeds. A careful reader who sees how close the sides come
// follows the gap to its smallest: from the samples where the slack (the amount by which the
// inequality holds) was least, a pattern search over the claim's scalars moves each one up or down,
// doubling a step that shrinks the slack and halving one that does not, inside the declared sets
// and the claim's conditions. A point where the inequality fails by more than the tolerance is a
// counterexample like any other (the judge then decides it, with its rules on rounding); reaching
// none keeps the verification. Only scalar letters over continuous sets are moved: whole numbers
// are dealt across their window, and vectors have too many directions for a cheap search.

/** Starts of the search: the samples with the least slack. */
export const APPROACH_STARTS = 3;
/** Evaluations per start. */
export const APPROACH_STEPS = 60;
/** No coordinate goes past this magnitude, where doubles lose the digits a claim turns on. */
const REACH = 1e4;

export interface Coordinate {
  name: string;
  lo: number;
  hi: number;
}

/**
 * Minimises `slack` from `start` by a pattern search; returns the first point where it is below
 * `-margin(point)`, or null. `slack` returns null where the claim is undefined or a condition fails.
 */
export function searchViolation(
  coords: readonly Coordinate[],
  start: readonly number[],
  slack: (x: readonly number[]) => number | null,
  fails: (x: readonly number[], s: number) => boolean,
  steps = APPROACH_STEPS,
): number[] | null {
  let x = [...start];
  let best = slack(x);
  if (best === null) return null;
  const h = x.map((v) => 0.1 * Math.max(1, Math.abs(v)));
  let used = 1;
  while (used < steps) {
    let moved = false;
    for (let i = 0; i < x.length && used < steps; i++) {
      for (const dir of [1, -1]) {
        if (used >= steps) break;
        const y = [...x];
        y[i] = x[i] + dir * h[i];
        const { lo, hi } = coords[i];
        if (!(y[i] > lo && y[i] < hi) || Math.abs(y[i]) > REACH) continue;
        used++;
        const s = slack(y);
        if (s === null || !(s < best)) continue;
        if (fails(y, s)) return y;
        x = y;
        best = s;
        h[i] *= 2;
        moved = true;
        break;
      }
    }
    if (!moved) {
      for (let i = 0; i < h.length; i++) h[i] /= 4;
      if (h.every((s, i) => s < 1e-12 * Math.max(1, Math.abs(x[i])))) return null;
    }
  }
  return null;
}

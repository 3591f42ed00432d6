// A map's entries as a list for the builder's state (build.ts snapshot), sharing what the list
// taken before still holds. States are taken at every passage and every 8th item, and the maps
// they list (the names declared in each sentence, the section each name was last used in, the
// names scoped to each passage) change far less often: fresh copies of every entry were ≈ 4 MB of
// a 4,000-claim document's live heap in the checker (bench/README.md, session 30). States are
// compared entry by entry and never changed once taken, so sharing them changes no comparison.

/**
 * `map`'s entries in order: `last` itself when it lists the same ones, else a new list that
 * reuses each entry of `last` still at its place. `value` gives the listed form of a value (a
 * copy of a set, say), or the one listed before (`was`) when that still stands for it.
 */
export function keptEntries<K, V, W = V>(
  map: ReadonlyMap<K, V>,
  last: readonly (readonly [K, W])[] | undefined,
  value: (v: V, was: W | undefined) => W = (v) => v as unknown as W,
): (readonly [K, W])[] {
  const out = new Array<readonly [K, W]>(map.size);
  let same = last !== undefined && last.length === map.size;
  let i = 0;
  map.forEach((v, k) => {
    const e = last?.[i];
    const was = e !== undefined && e[0] === k ? e[1] : undefined;
    const w = value(v, was);
    const entry = e !== undefined && e[0] === k && was === w ? e : ([k, w] as const);
    if (entry !== e) same = false;
    out[i++] = entry;
  });
  return same ? (last as (readonly [K, W])[]) : out;
}

/** A set's members as a list: `was` itself when it lists the same ones in the same order. */
export function keptMembers<T>(set: ReadonlySet<T>, was: readonly T[] | undefined): T[] {
  if (was !== undefined && was.length === set.size) {
    let i = 0;
    let same = true;
    set.forEach((x) => {
      if (x !== was[i++]) same = false;
    });
    if (same) return was as T[];
  }
  return [...set];
}

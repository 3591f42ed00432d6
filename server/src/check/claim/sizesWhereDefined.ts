// A claim whose sides exist only at some sizes: `(X^⊤X)^{-1}X^⊤ = X^⊤(XX^⊤)^{-1}` for X ∈ ℝ^{n×d}
// inverts a singular matrix unless n = d. The samples that count then all share that size, and a
// verification resting on them alone would say the identity holds for every n × d matrix, which is
// what the text denies or never meant. A careful reader says where it holds instead.

/** The sizes a trial dealt, by letter (Trial.drawnSizes). */
export type Sizes = ReadonlyMap<string, number>;

/** At least this many singular samples off the restriction before it counts as one. */
const SINGULAR_OFF_RESTRICTION = 3;

/**
 * The restriction every counted sample met and singular samples broke, in words (`n = d`, `n = 2`),
 * or null when the counted samples' sizes vary as freely as the singular ones'.
 */
export function sizesWhereDefined(counted: Sizes[], singular: Sizes[]): string | null {
  if (counted.length === 0 || singular.length < SINGULAR_OFF_RESTRICTION) return null;
  const letters = [...counted[0].keys()].filter((k) => counted.every((s) => s.has(k)));
  const restrictions: { letter: string; words: string; rel: (s: Sizes) => boolean }[] = [];
  for (let i = 0; i < letters.length; i++)
    for (let j = i + 1; j < letters.length; j++) {
      const [a, b] = [letters[i], letters[j]];
      restrictions.push({ letter: a, words: `${a} = ${b}`, rel: (s) => s.get(a) === s.get(b) });
    }
  for (const a of letters) {
    const value = counted[0].get(a);
    restrictions.push({ letter: a, words: `${a} = ${value}`, rel: (s) => s.get(a) === value });
  }
  for (const { letter, words, rel } of restrictions) {
    if (!counted.every(rel)) continue;
    const broken = singular.filter((s) => s.has(letter) && !rel(s)).length;
    if (broken >= SINGULAR_OFF_RESTRICTION) return words;
  }
  return null;
}

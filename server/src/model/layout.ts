// Which derivative layout a document states. Authors lay ∂Y/∂X out in two conventions
// (check/layout.ts); a document says which in a directive (`layout numerator`) or in a sentence.

export type Layout = 'numerator' | 'denominator';

/** A layout stated in prose: the last sentence that names one layout and not the other. */
export function statedLayout(prose: string): Layout | null {
  let found: Layout | null = null;
  for (const sentence of prose.split(/[.!?;](?:\s|$)/)) {
    const numerator = /\bnumerator[- ]layout\b/i.test(sentence);
    const denominator = /\bdenominator[- ]layout\b/i.test(sentence);
    if (numerator !== denominator) found = numerator ? 'numerator' : 'denominator';
  }
  return found;
}

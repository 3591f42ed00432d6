// The sides of a logical connective. In `x + \frac{1}{x} = 2 \iff x = 1` or a solving chain
// `3x - 7 = 2 \iff 3x = 9 \iff x = 3`, the relations are propositions about x: the author asserts
// that one follows from (or is equivalent to) the other, not that either holds, and `x = 1` there
// gives x no value. Such a relation is checked like a setting — verified when it holds at every
// sample, otherwise left unchecked, never refuted — and defines and declares nothing.

const LOGICAL = '\\iff';

/** Relations that can be checked at samples; any other (∈ a set, ≡) is only read. */
export const PROPOSITION_CHECKED = new Set(['=', '\\approx', '\\neq', '<', '>', '\\le', '\\ge']);

const REASON =
  'a side of ⟺ or ⟹, a proposition the argument need not assert on its own; to have it checked, ' +
  'state it in its own display';

/**
 * For the relation operators of one line, in order: the reason for each relation that stands
 * next to a logical connective (so is a proposition of it), or null. `:=` still defines.
 */
export function propositions(ops: readonly string[], connectiveAfter = false): (string | null)[] {
  const next = (k: number) => (k + 1 < ops.length ? ops[k + 1] : connectiveAfter ? LOGICAL : undefined);
  return ops.map((op, k) =>
    op !== LOGICAL && op !== ':=' && (ops[k - 1] === LOGICAL || next(k) === LOGICAL) ? REASON : null,
  );
}

/** Whether a line continues the one before with ⟺ (`\\ \iff 3x &= 9`): that line then ends in a side of it. */
export function continuedByConnective(
  next: { continued?: boolean; ops: readonly { op: string }[] } | undefined,
): boolean {
  return next?.continued === true && next.ops[0]?.op === LOGICAL;
}

// "Let $P = I - \frac{1}{d}\mathbf{1}\mathbf{1}^\top$" in notes where every vector is in ℝ^d: the
// definition alone cannot size its 𝟏, and nothing beside it does (I is unsized too), but a reader
// knows the length — the only one in play. When the names a claim reaches are declared with one size
// letter and no other size (counting the sizes it names itself, as the d of 1/d), an unsized 𝟏 that
// nothing closer sizes takes it. Tried only after the
// claim came out unchecked for an unsized 𝟏 (claim.ts), so that a shape error stays the author's.
import type { Node } from '../math/tree';
import type { Claim } from '../model/types';
import { walk } from '../model/names';
import { relevantNames } from './relevant';

/** While set, compileClaim sizes unsized 𝟏 by the claim's one size letter. */
export const onesLengthReading = { on: false };

/** The one size letter of the declarations the claim reaches, or null (none, several, or a number). */
export function soleSizeLetter(claim: Claim): string | null {
  const letters = new Set<string>();
  let numeric = false;
  for (const name of relevantNames(claim)) {
    const e = claim.env.lookup(name, claim.block);
    // A size the claim names itself (`\frac{1}{d}`) is in play too.
    if (e?.kind === 'dim' || (!e && claim.env.isDimension(name))) letters.add(name);
    const shape = e?.kind === 'decl' ? e.spec.shape : e?.kind === 'def' && e.declared ? e.declared.shape : [];
    for (const axis of shape)
      walk(axis, (x: Node) => {
        if (x.kind === 'sym') letters.add(x.name);
        else if (x.kind === 'num') numeric = true;
      });
  }
  return !numeric && letters.size === 1 ? [...letters][0] : null;
}

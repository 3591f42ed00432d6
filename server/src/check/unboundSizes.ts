// `\operatorname{vec}(AX) = (I_q \otimes A)\operatorname{vec} X` after a proposition whose "For
// $A \in \mathbb{R}^{m \times p}$, $X \in \mathbb{R}^{p \times q}$" held for its sentence only: A and
// X are the document's n×n matrices again, and q sizes nothing the claim uses. A shape error that an
// identity's (or a ones or zeros vector's) written size may cause, when that size is tied to no name
// of the claim, is the reader's choice of q, not the author's mistake (docs/language.md, Block
// matrices and sizes).
import type { Claim } from '../model/types';
import { freeSymbols, walk } from '../model/names';
import { relevantNames } from './relevant';

/** `I_q`, `\mathbf{1}_q`, `\mathbf{0}_q`: a constant whose size the subscript letter gives. */
const SIZED_CONSTANT = /^(?:I|\\mathbf\{[01]\}|\\mathbb\{1\}|\\boldsymbol\{[01]\})_\{?([A-Za-z])\}?$/;

/** The size letters of the claim's sized constants that no declared name it uses is shaped by. */
export function unboundSizes(claim: Claim): string[] {
  const letters = new Set<string>();
  const scan = (n: Claim['lhs']) =>
    walk(n, (x) => {
      if (x.kind !== 'sym') return;
      const m = SIZED_CONSTANT.exec(x.name);
      if (m) letters.add(m[1]);
    });
  scan(claim.lhs);
  scan(claim.rhs);
  if (letters.size === 0) return [];
  const bound = new Set<string>();
  for (const name of relevantNames(claim)) {
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind !== 'decl') continue;
    for (const axis of e.spec.shape) for (const s of freeSymbols(axis)) bound.add(s);
  }
  return [...letters].filter((l) => !bound.has(l));
}

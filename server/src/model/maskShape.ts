// A dropout mask written by its entries' law and used whole: "$\tilde h = \frac{m \odot h}{1 - p}$
// where $m_i \sim \mathrm{Bernoulli}(1 - p)$ independently". The law names the members m_i, the
// formula multiplies the whole m entry by entry with a declared vector: a careful reader takes m for
// the vector of those draws, shaped like its partner. Only an explicit entrywise product (⊙, ∘) says
// so; `m h` or `m + h` could be anything.
import type { Node } from '../math/tree';
import { walk } from '../math/walk';

type Shape = readonly unknown[];

/**
 * The shape of the declared array that `stem`, written bare, multiplies entry by entry in `expr`,
 * or null. `shapeOf` gives a name's declared shape (null for no declared array).
 */
export function entrywisePartnerShape<S extends Shape>(
  expr: Node,
  stem: string,
  shapeOf: (name: string) => S | null,
): S | null {
  let found: S | null = null;
  walk(expr, (x) => {
    if (found || x.kind !== 'bin' || x.op !== 'odot') return;
    const bare = (n: Node) => n.kind === 'sym' && n.name === stem && n.sub === null;
    const partner = bare(x.left) ? x.right : bare(x.right) ? x.left : null;
    if (partner?.kind === 'sym') found = shapeOf(partner.name);
  });
  return found;
}

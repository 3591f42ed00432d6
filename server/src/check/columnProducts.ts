// Which side-by-side products the entrywise reading may take (readingsLog.ts columnProductReading):
// those with an activation beside them — `\sigma(z)(1 - \sigma(z))`, `f'(z) \delta` — as
// machine-learning notes multiply such vectors entry by entry. Two vectors with none (`pq` of
// quaternions written as 4-vectors, pairs of complex numbers) have another product, which an
// entrywise reading would verify wrongly (`pq = qp`).
import type { Node } from '../math/tree';
import type { Claim } from '../model/types';
import { walk } from '../model/names';
import { functionNamed, functionOfSymbol, isElementwise } from '../functions/registry';

/** The claim's juxtapositions with an elementwise function applied in one of their factors. */
export function activationProducts(claim: Pick<Claim, 'lhs' | 'rhs'>): Set<Node> {
  const out = new Set<Node>();
  for (const side of [claim.lhs, claim.rhs])
    walk(side, (x) => {
      if (
        x.kind === 'bin' &&
        x.op === 'juxt' &&
        !x.apply &&
        (hasActivation(x.left) || hasActivation(x.right))
      )
        out.add(x);
    });
  return out;
}

function hasActivation(n: Node): boolean {
  let found = false;
  walk(n, (x) => {
    if (x.kind === 'call') {
      const f = functionNamed(x.fn);
      if (f && isElementwise(f)) found = true;
    } else if (x.kind === 'apply') {
      const f = functionOfSymbol(x.f.name);
      if (f && isElementwise(f)) found = true;
    } else if (x.kind === 'prime') found = true;
  });
  return found;
}

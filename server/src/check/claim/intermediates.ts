// A claim checked again with its intermediate definitions held fixed.
import type { Claim } from '../../model/types';
import type { Node } from '../../math/tree';
import { walk } from '../../model/names';

/** The definitions a partial derivative in the claim may hold fixed: those its target uses besides the variable itself. */
export function heldDefinitions(claim: Claim): string[] {
  const out = new Set<string>();
  const visit = (root: Node) =>
    walk(root, (d) => {
      if (d.kind !== 'deriv' || d.style !== 'partial' || !d.of || d.of.kind !== 'sym' || d.wrt.kind !== 'sym')
        return;
      const target = claim.env.lookup(d.of.name, claim.block) ?? claim.env.lookup(d.of.stem, claim.block);
      if (target?.kind !== 'def' || target.params) return;
      const wrt = d.wrt;
      let explicit = false;
      const used: string[] = [];
      walk(target.expr, (x) => {
        if (x.kind !== 'sym') return;
        if (x.name === wrt.name || x.stem === wrt.stem) explicit = true;
        else if (claim.env.lookup(x.name, claim.block)?.kind === 'def') used.push(x.name);
      });
      if (explicit) for (const u of used) out.add(u);
    });
  visit(claim.lhs);
  visit(claim.rhs);
  return [...out];
}

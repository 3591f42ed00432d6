// "Take $d = 1$, $H = 4$": a worked case in one dimension. With a size set to 1 the matrices of that
// size are 1×1, the identity is the 1×1 identity, and a 1×1 matrix equals its number, so
// `H + \lambda I = 5` and `w_\lambda = (H + \lambda I)^{-1} b = 2/5` hold where H and b were given
// numbers. Tried only after a shape refutation, and only when the text set a size the claim reaches
// to 1; elsewhere (`I + u^\top u = 6` with u of length 2) the identity beside a number stays a shape
// error.
import type { Node } from '../math/tree';
import type { Claim } from '../model/types';
import { walk } from '../model/names';
import { numberOf } from '../model/signConstraints';
import { relevantNames } from './relevant';

/** The size the claim reaches that the text set to 1 (`d = 1`), or null. */
export function sizeSetToOne(claim: Claim): string | null {
  const sizes = new Set<string>();
  for (const name of relevantNames(claim)) {
    sizes.add(name);
    // A declared matrix the text then gave a number (`H = 4`): its declared sizes are still in play.
    const e = claim.env.lookup(name, claim.block);
    if (e?.kind === 'def' && e.declared)
      for (const axis of e.declared.shape) walk(axis, (x: Node) => x.kind === 'sym' && sizes.add(x.name));
  }
  for (const name of sizes) {
    if (!claim.env.isDimension(name)) continue;
    const e = claim.env.lookup(name, claim.block);
    const value = e?.kind === 'case' || e?.kind === 'def' ? numberOf(e.expr) : null;
    if (value === 1) return name;
  }
  return null;
}

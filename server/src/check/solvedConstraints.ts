// "Let $X \in \mathbb{R}^{n \times n}$ and $X = U D V^\top$, where $U$ and $V$ are orthogonal": a
// constraint that solves for a sampled name (X = an expression of other names) is met by
// construction — read X as that expression — where random samples of X almost never meet it. A
// careful reader checks the claims under it that way instead of giving up on them.
import type { Node, SymNode } from '../math/tree';
import type { Claim } from '../model/types';
import { relevantNames } from './relevant';

function plainName(n: Node): SymNode | null {
  const u = n.kind === 'group' && n.items.length === 1 ? n.items[0] : n;
  return u.kind === 'sym' && u.primes === 0 ? u : null;
}

/**
 * The claim with each solved constraint's name defined by its expression, and the constraints left
 * to be met by drawing again. A name that is not a sampled declaration (a definition, a value of the
 * text), one not declared with the constraint (`claim.solvable`: "for $Z = XW$" on a Z declared
 * before may be another setting), or one its expression reaches (`x = x^2`, an equation to solve) is
 * not solved for. `supposed`: the constraints are the conditions the claim's own sentence supposes
 * (claim.assumptions), which may solve for any sampled declaration.
 */
export function solveConstraints(
  claim: Claim,
  constraints: Node[],
  supposed = false,
): { claim: Claim; rest: Node[]; solved: string[] } {
  let env = claim.env;
  const rest: Node[] = [];
  const solved = new Set<string>();
  for (const c of constraints) {
    if (c.kind !== 'cmp' || c.op !== '=') {
      rest.push(c);
      continue;
    }
    let done = false;
    for (const [side, other] of [
      [c.left, c.right],
      [c.right, c.left],
    ] as const) {
      const name = plainName(side);
      // A condition the claim's sentence supposes ("If $V = \mathbf{1} v^\top$, then …") may solve for any
      // sampled name: the author asks for the case where it holds.
      if (!name || solved.has(name.name) || !(supposed || claim.solvable?.includes(name.name))) continue;
      const entry = env.lookup(name.name, claim.block);
      if (entry?.kind !== 'decl' || entry.pattern) continue;
      const reached = relevantNames({ lhs: other, rhs: other, env, block: claim.block });
      if (reached.has(name.name) || [...solved].some((s) => reached.has(s))) continue;
      env = env.with({
        kind: 'def',
        name: name.name,
        expr: other,
        params: null,
        indices: null,
        diagonal: false,
        at: entry.at,
      });
      solved.add(name.name);
      done = true;
      break;
    }
    if (!done) rest.push(c);
  }
  return { claim: solved.size > 0 ? { ...claim, env } : claim, rest, solved: [...solved] };
}

// "Setting $A'(x) = 400 - 4x = 0$ gives $x = 100$", "$h'(c) = 2c = 4$ gives $c = 2$": the equation is
// one to solve, not an identity (model/prose.ts), and the next math is the author's solution. A
// careful reader puts the solution back in: the equation is verified when it holds there. When the
// solution is a whole number or a fraction and the equation then involves nothing sampled, a
// failure there is the author's slip (`400 - 4x = 0` gives `x = 10`) and is refuted, saying so. A
// decimal solution is rounded, so its failure is left as the condition it was.
import { parseMath } from '../math/parser';
import type { Node } from '../math/tree';
import type { Claim, Entry } from '../model/types';
import type { Outcome } from './claim';

/** The name the solution gives a value, its value, and whether the value is exact as written. */
export function solutionOf(claim: Claim): { name: string; value: Node; exact: boolean } | null {
  if (!claim.solvedAt) return null;
  let parsed: ReturnType<typeof parseMath>;
  try {
    parsed = parseMath(claim.solvedAt);
  } catch {
    return null;
  }
  const sides = parsed.statements[0]?.sides;
  if (parsed.statements.length !== 1 || sides?.length !== 2 || sides[0].kind !== 'sym') return null;
  return { name: sides[0].name, value: sides[1], exact: !/\d\.\d/.test(claim.solvedAt) };
}

/**
 * The claim's outcome at the solution the text gives it, or `first` when the solution decides
 * nothing (a decimal that fails, a sampled name left in it).
 */
export function atTheSolution(claim: Claim, first: Outcome, check: (c: Claim) => Outcome): Outcome {
  const solution = solutionOf(claim);
  if (!solution) return first;
  const entry: Entry = {
    kind: 'def',
    name: solution.name,
    expr: solution.value,
    params: null,
    indices: null,
    diagonal: false,
    at: claim.start,
  };
  const at = check({ ...claim, env: claim.env.with(entry), condition: undefined, solvedAt: undefined });
  const where = `at the solution the text gives, ${claim.solvedAt!.trim()}`;
  if (at.verdict === 'verified') return { ...at, message: `${at.message} (${where})` };
  // One evaluation decides only when nothing is sampled: the other names have their values here.
  if (at.verdict !== 'refuted' || !solution.exact || at.trials !== 1) return first;
  return { ...at, atSolution: true, message: `${at.message} (${where}, which does not satisfy it)` };
}

// A side that plugs numbers into a computation: `0.1 \cdot 1 + 0.2 \cdot 2`, `\sigma(0.5)`,
// `-0.4494 \cdot 0.6225 \cdot 0.3775`. Such a side is a step of a worked example, which no general
// statement about sampled names is. A single number (`k^2 = 9`, which may be an equation to solve,
// or a result the next example must state again) is not such a step, nor are 0 and 1 alone.
import type { Node } from '../../math/tree';
import { isLiteralValue, NUMERIC_KINDS, walk } from '../../model/names';
import { isScientific } from '../../model/scientificQuotient';
import { functionOfSymbol } from '../../functions/registry';

/** Arithmetic on written numbers, and the matrices, lists, factorials and binomials worked with them. */
const WORKED_KINDS: ReadonlySet<string> = new Set([
  ...NUMERIC_KINDS,
  'matrix',
  'post',
  'list',
  'fact',
  'binom',
]);

/** Whether the side computes with written numbers (and π, e): not one number, not 0s and 1s only. */
export function isWorkedStep(n: Node): boolean {
  const one = n.kind === 'neg' ? n.operand : n;
  if (isLiteralValue(n) || isScientific(one)) return false;
  let numbers = true;
  let telling = false;
  // `\sigma(0.5)`: a function the registry knows, applied to numbers, is a number.
  const known = new Set<Node>();
  walk(n, (x) => {
    if (x.kind === 'apply' && functionOfSymbol(x.f.name)) known.add(x.f);
    else if (x.kind === 'sym') numbers &&= known.has(x) || x.name === '\\pi' || x.name === 'e';
    else if (!WORKED_KINDS.has(x.kind)) numbers = false;
    if (x.kind === 'num' && x.value !== 0 && x.value !== 1) telling = true;
  });
  return numbers && telling;
}

// The variable of a Laplace transform that nothing declares. `\mathcal{L}\{e^{at}\} = \frac{1}{s-a}`
// holds for s beyond the growth of e^{at}, where the integral converges; a table never says so. A
// careful reader takes s as large enough: it is read, in that claim, as any number above 6, beyond
// the growth of the functions of a course's tables with the letters a reader samples (within a few
// units of 0). As for other letters the reader supplies, a claim that holds is verified and one that
// fails is unchecked, never refuted.
import type { Node } from '../math/tree';
import { type CompileEnv, lookupWithScope } from './compile/context';
import { walk } from '../model/names';

/** Where the reader starts an undeclared transform variable: above the growth of e^{at}, |a| ≲ 3. */
const LARGE_ENOUGH = 6;

export const TRANSFORM_VARIABLE_HOW =
  'as the variable of a Laplace transform, large enough for it to converge';

/** Registers in `c.variables` the undeclared variables of the Laplace transforms in `sides`. */
export function inferTransformVariables(sides: Node[], c: CompileEnv): void {
  for (const side of sides)
    walk(side, (x) => {
      if (x.kind !== 'integral' || !x.transform) return;
      const s = x.transform.name;
      if (lookupWithScope(c, s) || c.variables.has(s) || c.env.lookupPattern(s)) return;
      c.variables.set(s, {
        kind: 'decl',
        name: s,
        pattern: false,
        spec: { set: 'interval', shape: [], lo: LARGE_ENOUGH, hi: Number.POSITIVE_INFINITY },
        at: 0,
        inferred: {
          how: TRANSFORM_VARIABLE_HOW,
          kind: `any number above ${LARGE_ENOUGH}`,
          declare: `${s} > ${LARGE_ENOUGH}`,
        },
      });
    });
}

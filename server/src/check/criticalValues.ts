// The value of a critical value written with subscripts, `t_{0.025, 15}` (math/parser/criticalValues.ts).
// Tables and courses index it by the level two ways: as the probability above it (t_{α, ν} with
// P(T > t_{α, ν}) = α, most textbooks: t_{0.025, 15} = 2.131) or below it (the quantile, t_{0.975, 15}
// = 2.131, χ²_{0.95, 3} = 7.815); a χ² interval for a variance writes both tails of that
// convention side by side. Each is a careful reader's reading, so a claim is checked with the level
// above first and, when that refutes it, below (check/claim.ts); a claim of z or t that fails both
// is tried once more with the level split over both tails (t_{0.05, 15} = 2.131 from a two-sided
// table), and holding only there leaves it unchecked; not one whose level is written with α
// (model/criticalLevels.ts), which says its tails itself (`z_{\alpha/2}`). Before that, a claim
// failing both is tried with the value as a table prints it, to three decimals: `z_{0.05} = 1.65`
// rounds the printed 1.645 again (1.6449 itself rounds to 1.64), as courses do, and is verified,
// saying so.
import * as E from '../engine';
import type { Node } from '../math/tree';
import type { Dual } from '../engine';
import { Resample, Unsupported } from './errors';

export type CriticalLevel = 'above' | 'below' | 'two-sided';

/**
 * Set while a claim is checked: whether it met a critical value, of a symmetric law, one whose level
 * is written with a letter, and the reading.
 */
export const criticalReading = {
  met: false,
  symmetric: false,
  lettered: false,
  level: 'above' as CriticalLevel,
  printed: false,
};

/** Decimals a table prints a critical value to: `z_{0.05}` is 1.645, and courses round that to 1.65. */
const PRINTED_DECIMALS = 3;

const QUANTILES: Record<string, (p: number, df: number[]) => number> = {
  zcrit: (p) => E.normalQuantile(p),
  tcrit: (p, [nu]) => E.studentQuantile(p, nu),
  chi2crit: (p, [k]) => E.chiSquareQuantile(p, k),
  fcrit: (p, [d1, d2]) => E.fisherQuantile(p, d1, d2),
};

/** The critical value `name` of level args[0] and degrees of freedom args[1…], read as `criticalReading` says. */
export function criticalValueOf(name: string, args: Dual[], node: Node): Dual {
  criticalReading.met = true;
  const symmetric = name === 'zcrit' || name === 'tcrit';
  if (symmetric) criticalReading.symmetric = true;
  // `z_{\alpha/2}` splits the level itself and `z_\alpha` is one tail: a two-sided table's reading
  // would split it again.
  if (node.kind === 'call' && node.args[0]?.kind !== 'num') criticalReading.lettered = true;
  if (args.some((a) => a.v.size !== 1))
    throw new Unsupported('a critical value of a vector', node.start, node.end);
  const [level, ...df] = args.map((a) => a.v.data[0]);
  if (!(level > 0 && level < 1) || !df.every((d) => Number.isInteger(d) && d >= 1))
    throw new Resample('nan', 'a critical value needs a level in (0, 1) and whole degrees of freedom');
  const { level: reading } = criticalReading;
  const below = reading === 'above' ? 1 - level : reading === 'below' ? level : 1 - level / 2;
  if (reading === 'two-sided' && !symmetric)
    throw new Unsupported('a two-sided level of an asymmetric law', node.start, node.end);
  const q = QUANTILES[name](below, df);
  const scale = 10 ** PRINTED_DECIMALS;
  return { v: E.Tensor.scalar(criticalReading.printed ? Math.round(q * scale) / scale : q), d: null };
}

// A critical value of a law statistics tables print, written with its level and degrees of freedom
// as subscripts: `z_{0.025}`, `t_{0.025,15}` (also `t_{15, 0.975}`), `\chi^2_{0.05, 3}`,
// `F_{0.05; 2, 12}`. Written with numbers, it is a value a reader checks against the table, not a
// name: the letter (z, t, F, χ²) names the law, the subscript's number in (0, 1) written with a
// decimal point is the level and its whole numbers ≥ 1 are the degrees of freedom (a t or χ² takes
// one, an F two, in order; z none). Anything else under the letter (`t_{0.5}`, the median time of a
// survival note; `t_{1}`; `z_{\alpha/2}`, a letter) stays a name here: a level written with α is a
// value only where the text gave α one (model/criticalLevels.ts). Which tail the level is the
// probability of is the claim's reading (check/criticalValues.ts).
import type { Node } from '../tree';

/** The call each law's critical value becomes, by the letter that names the law. */
export const CRITICAL_VALUES = { z: 'zcrit', t: 'tcrit', '\\chi': 'chi2crit', F: 'fcrit' } as const;

/** How many degrees of freedom each law takes. */
const DEGREES: Record<string, number> = { zcrit: 0, tcrit: 1, chi2crit: 1, fcrit: 2 };

/** A level: a number literal written with a decimal point, strictly between 0 and 1. */
function isLevel(n: Node): boolean {
  return n.kind === 'num' && n.text.includes('.') && n.value > 0 && n.value < 1;
}

/** Degrees of freedom: a whole number literal, at least 1. */
function isDegrees(n: Node): boolean {
  return n.kind === 'num' && /^\d+$/.test(n.text) && n.value >= 1;
}

/** Which subscript entries are a level and which are degrees of freedom. */
export interface CriticalEntries {
  isLevel(n: Node): boolean;
  isDegrees(n: Node): boolean;
}

/** Entries written as numbers, which the parser reads on its own. */
const WRITTEN: CriticalEntries = { isLevel, isDegrees };

/**
 * The critical value `node` writes, as a call with the level first and then the degrees of freedom,
 * or null. `node` is a name with a subscript (z, t, F) or χ with a subscript raised to 2.
 */
export function criticalValue(node: Node, reads: CriticalEntries = WRITTEN): Node | null {
  const squared = node.kind === 'pow' && node.exponent.kind === 'num' && node.exponent.text === '2';
  const sym = squared ? node.base : node;
  if (sym.kind !== 'sym' || sym.sub === null || sym.primes !== 0) return null;
  if (sym.name !== `${sym.stem}_{${sym.subText}}`) return null;
  if ((sym.stem === '\\chi') !== squared) return null;
  const fn = (CRITICAL_VALUES as Record<string, string>)[sym.stem];
  if (fn === undefined) return null;
  const items = sym.sub;
  if (items.length !== DEGREES[fn] + 1) return null;
  // The level stands first or last (`t_{0.025,15}`, `t_{14,0.975}`); the rest are the degrees.
  const levelAt = reads.isLevel(items[0])
    ? 0
    : reads.isLevel(items[items.length - 1])
      ? items.length - 1
      : -1;
  if (levelAt < 0) return null;
  const degrees = items.filter((_, k) => k !== levelAt);
  if (!degrees.every(reads.isDegrees)) return null;
  return {
    kind: 'call',
    fn,
    args: [items[levelAt], ...degrees],
    sub: null,
    sup: null,
    paren: false,
    start: node.start,
    end: node.end,
  };
}

/** How a critical value prints: its letter with the level and the degrees of freedom below it. */
export function printCriticalValue(fn: string, args: string[]): string | null {
  const stem = Object.entries(CRITICAL_VALUES).find(([, f]) => f === fn)?.[0];
  if (stem === undefined) return null;
  const sub = fn === 'fcrit' ? `${args[0]}; ${args.slice(1).join(', ')}` : args.join(', ');
  return fn === 'chi2crit' ? `\\chi^2_{${sub}}` : `${stem}_{${sub}}`;
}

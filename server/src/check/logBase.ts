// The base of a logarithm written `\log` with no subscript. A document may state it ("Throughout,
// $\log$ is base 2", model/logBase.ts), and then that base holds; otherwise it is natural, and a
// claim refuted that way is tried again in base 2 and base 10 (check/claim/readings.ts): information
// theory writes `\log` for log₂ and computer science often for log₁₀, so holding in one of those
// bases leaves the claim unchecked, never verified, never refuted. `\ln` is always natural.
import type { Trial } from './trial';

/** Set while a claim is checked: whether it met a plain `\log` (or a divergence, whose unit is a base). */
export const logBaseReading = { met: false, base: null as number | null };

/** The base a plain `\log` takes in this trial, or null for the natural logarithm. */
export function plainLogBase(t: Trial): number | null {
  logBaseReading.met = true;
  return t.settings.logBase ?? logBaseReading.base;
}

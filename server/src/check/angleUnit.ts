// Angles in degrees where the document says so ("angles are measured in degrees",
// model/angleUnit.ts). Every function here takes radians, so a claim is checked that way first; when
// it fails and the document measures its angles in degrees, it is checked again with the argument
// of each sine, cosine and tangent read in degrees (and the inverse functions giving degrees). An
// argument written with π or a degree sign carries its own unit and is never converted.
import type { Node } from '../math/tree';
import { walk } from '../model/names';

/**
 * Set while a claim is checked: whether a bare angle met a trigonometric function, the unit tried,
 * and whether the claim writes an angle with a degree sign. Such an angle is in radians once read
 * (π/180 each), so an inverse function's angle compared with it stays in radians: given in degrees
 * it would set 41.8 against 0.841 for `\arcsin(1/1.5) = 48.2^\circ`.
 */
export const angleReading = { met: false, degrees: false, degreeSignWritten: false };

/** Whether a tree writes a degree sign (math/parser/scripts.ts: a 180 that spans no source text). */
export function writesDegreeSign(n: Node): boolean {
  let found = false;
  walk(n, (x) => {
    if (x.kind === 'frac' && x.denominator.kind === 'num' && x.denominator.value === 180)
      found ||= x.denominator.start === x.denominator.end;
  });
  return found;
}

const TAKES_ANGLE = new Set(['sin', 'cos', 'tan', 'cot', 'sec', 'csc']);
const GIVES_ANGLE = new Set(['asin', 'acos', 'atan', 'arccot', 'arcsec', 'arccsc']);

export type AngleRole = 'argument' | 'result' | null;

/** Whether the function named `fn` takes an angle, gives one, or neither. */
export function angleRole(fn: string): AngleRole {
  return TAKES_ANGLE.has(fn) ? 'argument' : GIVES_ANGLE.has(fn) ? 'result' : null;
}

/** Whether an argument states its unit: π (radians) or a degree sign, which the parser turns into π/180. */
export function statesItsUnit(args: readonly Node[]): boolean {
  let found = false;
  for (const a of args)
    walk(a, (n) => {
      if (n.kind === 'sym' && n.name === '\\pi') found = true;
    });
  return found;
}

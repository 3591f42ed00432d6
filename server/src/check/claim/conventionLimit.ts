// `0 \log 0 = 0`, `0^0 = 1`: information theory and combinatorics give an expression of numbers that
// has no value the value it tends to as its zeros shrink (x log x → 0, x^x → 1). A careful reader
// takes that as the usual convention, not as a false equation; a value it does not tend to
// (`\log 0 = 0`: log x → −∞) is still refuted for its undefined side.
import type { Node } from '../../math/tree';
import type { Fn } from '../compile/context';
import type { Trial } from '../trial';
import type { Val } from '../values';

/** How small the zeros are made, in turn: the values must settle on the other side's. */
const SHRINKING = [1e-6, 1e-9, 1e-12];
/** How close the last value must come to the other side, relative to its size. */
const CLOSE = 1e-6;

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && 'kind' in x && typeof (x as Node).kind === 'string';
}

/** The tree with every written 0 replaced by `eps`, and how many there were. */
function zerosReplaced(n: Node, eps: number): { node: Node; zeros: number } {
  let zeros = 0;
  const map = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(map);
    if (!isNode(x)) return x;
    if (x.kind === 'num' && x.value === 0) {
      zeros++;
      return { ...x, value: eps, text: String(eps) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = map(v);
    return out;
  };
  return { node: map(n) as Node, zeros };
}

function scalarOf(v: Val): number | null {
  const t = (v as { v?: { size: number; data: Float64Array } }).v;
  return t && t.size === 1 ? t.data[0] : null;
}

/**
 * The convention the claim states, when its undefined side (written with numbers only, at a trial
 * that drew nothing) tends to the other side's value as its zeros shrink; null otherwise.
 */
export function conventionByLimit(
  side: Node,
  other: Fn,
  trial: Trial,
  compileNode: (n: Node) => Fn,
): string | null {
  if (trial.drew) return null;
  let target: number | null;
  try {
    target = scalarOf(other(trial));
  } catch {
    return null;
  }
  if (target === null || !Number.isFinite(target)) return null;
  const gaps: number[] = [];
  for (const eps of SHRINKING) {
    const { node, zeros } = zerosReplaced(side, eps);
    if (zeros === 0) return null;
    let value: number | null;
    try {
      value = scalarOf(compileNode(node)(trial));
    } catch {
      return null;
    }
    if (value === null || !Number.isFinite(value)) return null;
    gaps.push(Math.abs(value - target));
  }
  const settles = gaps.every((g, i) => i === 0 || g <= gaps[i - 1]);
  if (!settles || gaps[gaps.length - 1] > CLOSE * Math.max(1, Math.abs(target))) return null;
  return (
    'unchecked: a convention, not a claim: the side written with 0 has no value, and this is the ' +
    'value it tends to as its zeros shrink (as x \\log x → 0); a claim that needs it holds by that ' +
    'convention'
  );
}

// "Use Euler's method on $y' = t + y$, $y(0) = 1$, with $h = 0.1$. Then $t_1 = t_0 + h$ and $y_1 =
// y_0 + h f(t_0, y_0)$": a numerical-methods text names the problem's parts by convention, not by
// definition — f(t, y) is the right side of y' = f(t, y), and t_0, y_0 are the initial point. A reader
// takes them so; unread, every step of the scheme is an unknown name.
import type { Node, Statement, SymNode } from '../math/tree';
import { parseMath } from '../math/parser';
import { makeSym } from '../math/parser/nodes';
import { walkFree } from '../math/walk';

/** A first-order equation solved for the derivative: y' = F (or dy/dt = F), in y and its variable. */
export interface FirstOrderEquation {
  y: string;
  /** The variable: the letter of dy/dt, or F's one letter besides y, or t when F has none. */
  variable: string;
  rule: Node;
}

/**
 * `y' = t + y`, `\frac{dy}{dt} = -2y`: the equation, when its unknown y has no meaning yet and its
 * variable is clear. `isKnown` says whether a letter has a meaning (a value, a declaration).
 */
export function readFirstOrderEquation(
  st: Statement,
  isKnown: (name: string) => boolean,
): FirstOrderEquation | null {
  if (st.ops.length !== 1 || st.ops[0].op !== '=' || st.sides.length !== 2) return null;
  const [lhs, rule] = st.sides;
  let y: string | null = null;
  let written: string | null = null;
  if (lhs.kind === 'sym' && lhs.primes === 1 && lhs.subText === null) y = lhs.name.replace(/'$/, '');
  else if (lhs.kind === 'post' && lhs.prime && lhs.operand.kind === 'sym' && lhs.operand.subText === null)
    y = lhs.operand.name;
  else if (
    lhs.kind === 'deriv' &&
    lhs.style === 'd' &&
    lhs.order === 1 &&
    !lhs.at &&
    lhs.of?.kind === 'sym' &&
    lhs.of.subText === null &&
    lhs.wrt.kind === 'sym'
  ) {
    y = lhs.of.name;
    written = lhs.wrt.name;
  }
  if (y === null || isKnown(y)) return null;
  const others = new Set<string>();
  let applied = false;
  walkFree(rule, (x) => {
    if (x.kind === 'apply' || x.kind === 'prime' || x.kind === 'deriv') applied = true;
    if (x.kind === 'sym' && x.name !== y && x.name !== 'e' && x.name !== '\\pi' && !isKnown(x.name))
      others.add(x.name);
  });
  // y' = f(t, y) itself, or y' + y = 1 unsolved, is no rule to take f from.
  if (applied) return null;
  if (written !== null) {
    for (const o of others) if (o !== written) return null;
    return { y, variable: written, rule };
  }
  if (others.size > 1) return null;
  return { y, variable: others.size === 1 ? [...others][0] : 't', rule };
}

/** The names a scheme writes for the problem, each with what it is: `f(t, y)`, `t_0`, `y_0`. */
export function stepNames(
  eq: FirstOrderEquation,
  start: { at: Node; value: Node },
): {
  f: { params: SymNode[]; rule: Node };
  t0: { name: string; value: Node };
  y0: { name: string; value: Node };
} {
  const { start: s, end: e } = eq.rule;
  return {
    f: { params: [makeSym(eq.variable, s, e), makeSym(eq.y, s, e)], rule: eq.rule },
    t0: { name: `${eq.variable}_{0}`, value: start.at },
    y0: { name: `${eq.y}_{0}`, value: start.value },
  };
}

/**
 * The grid a scheme steps along, `t_{n+1} = t_n + h` from t_0: "$y_2 = y_1 + h f(t_1, y_1)$" writes
 * t_1 without defining it, as every text on Euler's method does, the step being h by convention.
 * The rule at the offsets of the source's text (no position of its own), or null.
 */
export function timeGrid(variable: string, at: number): { lhs: Node; rhs: Node } | null {
  if (!/^[a-z]$/.test(variable)) return null;
  try {
    const [lhs, rhs] = parseMath(`${variable}_{n+1} = ${variable}_n + h`).statements[0]?.sides ?? [];
    const placed = (x: Node): Node =>
      JSON.parse(JSON.stringify(x), (k, v) => (k === 'start' || k === 'end' ? at : v));
    return lhs && rhs ? { lhs: placed(lhs), rhs: placed(rhs) } : null;
  } catch {
    return null;
  }
}

/**
 * The unknowns a relation writes differentiated (`y'`, `y''`, `\frac{dy}{dt}`) when they have no
 * meaning yet: "Solve $y' + y = 1$, $y(0) = 0$" states an equation for y, and the value beside it is
 * its initial condition, given whatever an earlier problem's y was.
 */
export function differentiatedUnknowns(st: Statement, isKnown: (name: string) => boolean): string[] {
  const out = new Set<string>();
  // `R'(2) = 4`, `y'(0) = 1`: a derivative's value at a point, not an equation the function solves.
  const atPoint = new Set<Node>();
  for (const side of st.sides)
    walkFree(side, (x) => {
      if (x.kind === 'prime') atPoint.add(x.f);
      if (x.kind === 'bin' && x.op === 'juxt' && x.right.kind === 'group' && x.right.open === '(') {
        let left = x.left;
        while (left.kind === 'bin' && left.op === 'juxt') left = left.right;
        atPoint.add(left);
      }
    });
  for (const side of st.sides)
    walkFree(side, (x) => {
      if (atPoint.has(x)) return;
      if (x.kind === 'sym' && x.primes > 0 && x.subText === null) out.add(x.name.replace(/'+$/, ''));
      if (x.kind === 'post' && x.prime && x.operand.kind === 'sym') out.add(x.operand.name);
      if (x.kind === 'deriv' && x.style === 'd' && x.of?.kind === 'sym' && !x.at) out.add(x.of.name);
    });
  return [...out].filter((name) => !isKnown(name));
}

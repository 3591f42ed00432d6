// `T(n) = O(n \log n)`, `\log n! = \Theta(n \log n)`: asymptotic notation states a bound as n grows,
// and an "equality" with it is one-way (n = O(n^2) but n^2 ≠ O(n)). It is not an equality of
// values, so such a relation is not checked, and the reason says what the author can write.
import type { Node } from '../math/tree';
import { walk } from './names';

const BOUNDS = new Set(['O', 'o', '\\Theta', '\\Omega', '\\omega']);

/** The bound letter applied in `n` (`O(…)`, `\Theta(…)`), when `isKnown` says the document gave it no meaning. */
export function asymptoticBound(n: Node, isKnown: (name: string) => boolean): string | null {
  const factors = plainFactors(n);
  let found: string | null = null;
  walk(n, (x) => {
    if (found) return;
    const [head, args] =
      x.kind === 'apply'
        ? [x.f, x.args]
        : x.kind === 'bin' && x.op === 'juxt' && x.right.kind === 'group' && x.right.open === '('
          ? [rightmostName(x.left), x.right.items]
          : [null, []];
    if (
      head &&
      head.kind === 'sym' &&
      head.sub === null &&
      BOUNDS.has(head.name) &&
      !isKnown(head.name) &&
      !factors.has(head.name) &&
      growing(args)
    )
      found = head.name;
  });
  return found;
}

/**
 * Bound letters the relation also writes as a plain factor, not followed by a parenthesis
 * (`\sin(\omega(p + k)) = \sin(\omega p)\cos(\omega k) + …`): there the letter is a number (a
 * frequency), and `\omega(p + k)` is a product; asymptotic notation never stands alone as a factor.
 */
function plainFactors(n: Node): Set<string> {
  const heads = new Set<Node>();
  walk(n, (x) => {
    if (x.kind === 'apply') heads.add(x.f);
    else if (x.kind === 'bin' && x.op === 'juxt' && x.right.kind === 'group' && x.right.open === '(') {
      const head = rightmostName(x.left);
      if (head) heads.add(head);
    }
  });
  const out = new Set<string>();
  walk(n, (x) => {
    if (x.kind === 'sym' && x.sub === null && BOUNDS.has(x.name) && !heads.has(x)) out.add(x.name);
  });
  return out;
}

/** A bound is of something that grows (`O(n^2)`), or the constant bound `O(1)`; `\Omega(0)` is a function's value. */
function growing(args: Node[]): boolean {
  if (args.length === 1 && args[0].kind === 'num' && args[0].text === '1') return true;
  let letter = false;
  for (const a of args)
    walk(a, (y) => {
      if (y.kind === 'sym') letter = true;
    });
  return letter;
}

function rightmostName(n: Node): Node | null {
  if (n.kind === 'sym') return n;
  if (n.kind === 'bin' && n.op === 'juxt') return rightmostName(n.right);
  return null;
}

export function asymptoticReason(bound: string): string {
  const letter = bound.replace('\\', '');
  return (
    `asymptotic notation (${letter}(…)) states a bound as the size grows, not an equality of values, ` +
    'so it is not checked; to check a step, write the exact count (T(n) = n \\log_2 n + n) or a ' +
    'bound with its constant (T(n) \\le 3 n \\log_2 n)'
  );
}

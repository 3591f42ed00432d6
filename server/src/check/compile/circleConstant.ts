// `\sqrt{2\pi}`, `(2\pi)^{d/2}`, `\log(2\pi\sigma^2)`: a document that gives π its own meaning —
// mixture weights `\pi = (0.5, 0.5)`, a stationary distribution, a policy — still writes the normal
// density's normaliser with the circle constant, and a careful reader reads 2π so there. Only a π
// that is itself a number leaves such a 2π with two readings, and then the claim says so instead of
// guessing. Elsewhere (`2\pi = (1, 1)`, twice the weights) the document's π stands.
import type { Node, SymNode } from '../../math/tree';
import { Unsupported } from '../errors';
import type { CompileEnv, Fn } from './context';
import { lookupWithScope } from './context';
import { walk } from '../../model/names';
import * as V from '../values';

const normaliser = new WeakSet<Node>();

/** Marks the 2π factors under a root, a power's base or a logarithm: the normaliser's places. */
export function markNormaliser(n: Node): void {
  const inside =
    n.kind === 'sqrt'
      ? [n.radicand]
      : n.kind === 'pow'
        ? [n.base]
        : n.kind === 'call' && (n.fn === 'log' || n.fn === 'ln')
          ? n.args
          : null;
  if (!inside) return;
  for (const x of inside)
    walk(x, (y) => {
      if (y.kind === 'bin' && isTwoPi(y)) normaliser.add(y);
    });
}

/** A 2π factor in a normaliser's place (markNormaliser). */
export function isNormaliserTwoPi(n: Extract<Node, { kind: 'bin' }>): boolean {
  return normaliser.has(n);
}

/** `2\pi`, `2 \cdot \pi`: the literal 2 times a bare π. */
function isTwoPi(n: Extract<Node, { kind: 'bin' }>): boolean {
  const { left, right } = n;
  return (
    (n.op === 'juxt' || n.op === 'cdot') &&
    !n.apply &&
    left.kind === 'num' &&
    left.value === 2 &&
    right.kind === 'sym' &&
    right.name === '\\pi' &&
    right.primes === 0
  );
}

/** The π of a 2π factor: the constant, unless the document's own π is a number here. */
export function compileCirclePi(pi: SymNode, c: CompileEnv, compileOwn: () => Fn): Fn {
  const constant = V.scalar(Math.PI);
  const found = lookupWithScope(c, pi.name);
  if (!found) return () => constant;
  const entry = found.entry;
  // A function (a policy π(a | s)) is no factor of a product: only the constant is.
  // The members of a family (`\pi_k = N_k / N`) are no number the bare letter names.
  if (entry.kind === 'fn' || (entry.kind === 'def' && (entry.params || entry.indices))) return () => constant;
  const own = compileOwn();
  return (t) => {
    const v = own(t);
    if (V.tensorOf(v, pi).size !== 1) return constant;
    throw new Unsupported(
      'π is a number of this document here, so this 2π has two readings: the circle constant (as ' +
        'in the normal density’s \\sqrt{2\\pi}) or twice that number; write the constant out ' +
        '(2 \\cdot 3.14159…) or rename the document’s π to have this checked',
      pi.start,
      pi.end,
    );
  };
}

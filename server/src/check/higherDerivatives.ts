// Derivatives of order 2 and more: ∂²f/∂x², d³y/dx³, and the Hessian ∇²f. Each is the first
// derivative of the derivative one order lower, so the innermost one is exact (forward mode) and
// the outer ones difference it (trial.ts, differences.ts). `\nabla^2 f` of a function of a vector
// reads as the Hessian or as the Laplacian (its trace): see `readings` and check/laplacian.ts.
import type { Node } from '../math/tree';
import { Unsupported } from './errors';
import type { CompileEnv, Fn } from './evaluate';
import * as V from './values';

/** Beyond this order differences of differences lose too many digits to judge by. */
const MAX_ORDER = 3;

type Derivative = Extract<Node, { kind: 'deriv' }>;

/** Which reading of ∇² the current check uses, and whether one was met (see check/laplacian.ts). */
export const nablaSquared = { asLaplacian: false, met: false };

export function compileHigherDerivative(
  n: Derivative,
  c: CompileEnv,
  compile: (n: Node, c: CompileEnv) => Fn,
): Fn {
  if (!Number.isInteger(n.order) || n.order < 1 || n.order > MAX_ORDER)
    throw new Unsupported(
      `derivatives of order ${n.order} are not evaluated (up to ${MAX_ORDER} are); write the derivative ` +
        'of a lower-order derivative you have defined',
      n.start,
      n.end,
    );
  if (n.style === 'nabla' && n.order !== 2)
    throw new Unsupported(
      `\\nabla^${n.order} is not evaluated: ∇² is the Hessian or the Laplacian`,
      n.start,
      n.end,
    );
  // The inner derivative keeps the written style (∇ of a vector-valued function stays unchecked);
  // the outer one lays out the Jacobian of the gradient, which is the Hessian.
  const inner: Derivative = { ...n, order: n.order - 1 };
  const outer = compile({ ...n, of: inner, order: 1, style: n.style === 'nabla' ? 'partial' : n.style }, c);
  if (n.style !== 'nabla') return outer;
  return (t) => {
    const H = V.dualOf(outer(t), n);
    const square = H.v.rank === 2 && H.v.shape[0] === H.v.shape[1];
    if (!square) return H;
    nablaSquared.met = true;
    return nablaSquared.asLaplacian ? V.call('tr', [H], n) : H;
  };
}

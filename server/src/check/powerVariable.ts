// A derivative with respect to a power of a name, `\frac{\partial f}{\partial \sigma^2}`: f seen as a
// function of u = v^k through v. Where v ≠ 0 the power is locally invertible, so by the chain rule
// ∂f/∂u = (∂f/∂v) / (k v^{k−1}), entry by entry of v.
import type { Node } from '../math/tree';
import { Tensor } from '../engine';
import { Resample, Unsupported } from './errors';
import * as V from './values';
import type { Fn } from './evaluate';

/** The exponent k of `v^k` when the derivative can be taken with respect to it: a number other than 0 and 1. */
export function powerOfName(wrt: Node): number | null {
  if (wrt.kind !== 'pow' || wrt.base.kind !== 'sym') return null;
  const b = wrt.exponent;
  const k =
    b.kind === 'num' ? b.value : b.kind === 'neg' && b.operand.kind === 'num' ? -b.operand.value : null;
  return k === null || k === 0 || k === 1 || !Number.isFinite(k) ? null : k;
}

/**
 * Divides the derivative with respect to v (laid out with v's axes last) by d(v^k)/dv = k v^{k−1}.
 */
export function perPower(byName: Fn, name: Fn, k: number, node: Node): Fn {
  return (t) => {
    const J = V.tensorOf(byName(t), node);
    const v = V.tensorOf(name(t), node);
    if (J.size % v.size !== 0)
      throw new Unsupported('this derivative is not laid out with the variable last', node.start, node.end);
    const out = new Float64Array(J.size);
    for (let j = 0; j < v.size; j++) {
      const slope = k * v.data[j] ** (k - 1);
      if (slope === 0 || !Number.isFinite(slope))
        throw new Resample('nan', 'the power is not invertible at this sample (its variable is 0)');
      for (let i = j; i < J.size; i += v.size) out[i] = J.data[i] / slope;
    }
    return { v: Tensor.from([...J.shape], out), d: null };
  };
}

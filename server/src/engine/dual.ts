// Forward-mode automatic differentiation: the public face of the dual-number ops, plus a dense
// Jacobian built from one forward pass per input element.
import { allocate } from './budget';
import { formatShape } from './errors';
import { Tensor } from './tensor';
import { AdContext, type Dual } from './dualCore';

export * from './dualCore';
export * from './dualElementwise';
export * from './dualLinalg';
export * from './dualReductions';
export * from './dualConv';
export * from './dualIndexing';
export { dExpm } from './matrixExponential';
export { dCross } from './cross';

/**
 * J with shape [...shape(f(x)), ...shape(x)]: J[o, i] = ∂f(x)ₒ/∂xᵢ, from n = size(x) forward
 * passes with unit tangents. Kink flags raised by any pass stay raised on ctx.
 */
export function jacobian(
  f: (x: Dual, ctx: AdContext) => Dual,
  x: Tensor,
  ctx: AdContext = new AdContext(),
): Tensor {
  const n = x.size;
  if (n === 0) {
    const r = f({ v: x, d: null }, ctx);
    return Tensor.zeros([...r.v.shape, ...x.shape]);
  }
  let out: Float64Array | null = null;
  let outShape: readonly number[] = [];
  let m = 0;
  const direction = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    direction.fill(0);
    direction[e] = 1;
    const r = f({ v: x, d: new Tensor(x.shape, direction.slice()) }, ctx);
    if (out === null) {
      outShape = r.v.shape;
      m = r.v.size;
      out = allocate(m * n, () => `a Jacobian of ${formatShape(outShape)} by ${formatShape(x.shape)}`);
    }
    if (r.d) for (let o = 0; o < m; o++) out[o * n + e] = r.d.data[o];
  }
  return new Tensor([...outShape, ...x.shape], out!);
}

// The cross product of two vectors of 3 entries (columns [3] or 3×1), as a vector [3], with its
// tangent d(a × b) = da × b + a × db.
import { ShapeError } from './errors';
import type { Dual } from './dualCore';
import { Tensor } from './tensor';

/** a × b of two vectors of 3 entries. */
export function cross(a: Tensor, b: Tensor): Tensor {
  if (a.size !== 3 || b.size !== 3) throw new ShapeError('the cross product needs two vectors of 3 entries');
  const [a1, a2, a3] = a.data;
  const [b1, b2, b3] = b.data;
  return Tensor.from([3], [a2 * b3 - a3 * b2, a3 * b1 - a1 * b3, a1 * b2 - a2 * b1]);
}

export function dCross(a: Dual, b: Dual): Dual {
  const v = cross(a.v, b.v);
  const left = a.d ? cross(a.d, b.v) : null;
  const right = b.d ? cross(a.v, b.d) : null;
  if (!left && !right) return { v, d: null };
  if (!left || !right) return { v, d: left ?? right };
  return {
    v,
    d: Tensor.from(
      [3],
      [0, 1, 2].map((i) => left.data[i] + right.data[i]),
    ),
  };
}

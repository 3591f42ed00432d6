// A matrix declared with one row or one column and then given a vector written out in numbers
// (`\Phi \in \mathbb{R}^{N \times M}`, M = 1, `\Phi = [1, 2]^\top`) keeps its declared shape: the
// author's N×1 design matrix stays a matrix, so `\Phi^\top \Phi` is 1×1 and `\alpha I + \beta
// \Phi^\top \Phi` can be formed, as it can on paper.
import { Tensor } from '../engine/tensor';
import type { DeclSpec } from '../model/types';
import type { Fn } from './evaluate';
import type { Trial } from './trial';
import { isIdentity } from './values';

/** `f`, with a vector value laid out in the declared one-row or one-column shape when that fits. */
export function asDeclared(f: Fn, declared: DeclSpec | undefined): Fn {
  if (!declared || declared.shape.length !== 2) return f;
  return (t: Trial) => {
    const value = f(t);
    if (isIdentity(value) || value.v.rank !== 1) return value;
    const shape = t.shapeOf(declared);
    if (shape[0] * shape[1] !== value.v.size || (shape[0] !== 1 && shape[1] !== 1)) return value;
    return { v: new Tensor(shape, value.v.data), d: value.d ? new Tensor(shape, value.d.data) : null };
  };
}

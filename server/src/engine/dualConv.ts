// Convolutions are bilinear in (input, kernel), so each tangent is the same op applied with one
// argument swapped for its tangent.
import { conv, convFull, convT } from './conv';
import type { Tensor } from './tensor';
import { type Dual, plus } from './dualCore';

type Bilinear = (x: Tensor, w: Tensor) => Tensor;

function bilinear(x: Dual, w: Dual, op: Bilinear): Dual {
  const v = op(x.v, w.v);
  return { v, d: plus(x.d ? op(x.d, w.v) : null, w.d ? op(x.v, w.d) : null, v.shape) };
}

export function dConv(x: Dual, w: Dual, stride = 1, pad = 0, dilation = 1): Dual {
  return bilinear(x, w, (a, b) => conv(a, b, stride, pad, dilation));
}

export function dConvT(x: Dual, w: Dual, stride = 1, pad = 0, dilation = 1): Dual {
  return bilinear(x, w, (a, b) => convT(a, b, stride, pad, dilation));
}

export function dConvFull(x: Dual, w: Dual): Dual {
  return bilinear(x, w, convFull);
}

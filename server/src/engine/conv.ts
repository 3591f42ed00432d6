// Convolution in the deep-learning convention: cross-correlation with zero padding, plus its exact
// adjoint (transposed convolution, PyTorch ConvTranspose semantics) and the mathematical full
// convolution of two sequences.
//
// Every rank combination is routed to one 2-D multi-channel kernel: 1-D data is a 1×n image whose
// height axis is never strided, padded or dilated; single-channel data has C = 1 and O = 1.
import { allocate, chargeWork } from './budget';
import { DomainError, ShapeError, formatShape } from './errors';
import { Tensor } from './tensor';

export function convOutputSize(n: number, k: number, s = 1, p = 0, d = 1): number {
  return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
}

export function convTOutputSize(n: number, k: number, s = 1, p = 0, d = 1): number {
  return s * (n - 1) + d * (k - 1) + 1 - 2 * p;
}

interface AxisParams {
  stride: number;
  pad: number;
  dilation: number;
}

/** Geometry of one call, after the ranks have been mapped onto C×H×W / O×C×KH×KW. */
interface Geometry {
  C: number;
  H: number;
  W: number;
  O: number;
  KH: number;
  KW: number;
  ah: AxisParams;
  aw: AxisParams;
  outShape: (oh: number, ow: number) => number[];
}

function checkParams(op: string, stride: number, pad: number, dilation: number): void {
  if (!Number.isInteger(stride) || stride < 1)
    throw new DomainError(`${op}: stride must be a positive integer, got ${stride}`);
  if (!Number.isInteger(pad) || pad < 0)
    throw new DomainError(`${op}: padding must be a non-negative integer, got ${pad}`);
  if (!Number.isInteger(dilation) || dilation < 1)
    throw new DomainError(`${op}: dilation must be a positive integer, got ${dilation}`);
}

const FLAT: AxisParams = { stride: 1, pad: 0, dilation: 1 };

/**
 * Maps the rank pair onto the general layout. `transposed` reads the weight as [C_in, C_out, …]
 * (PyTorch's ConvTranspose layout) instead of [C_out, C_in, …].
 */
function geometry(op: string, x: Tensor, w: Tensor, p: AxisParams, transposed: boolean): Geometry {
  const xs = x.shape,
    ws = w.shape;
  const mismatch = (): never => {
    throw new ShapeError(
      `${op} cannot combine input ${formatShape(xs)} with kernel ${formatShape(ws)}: channel ` +
        `counts ${transposed ? ws[0] : ws[1]} and ${xs[0]} differ`,
    );
  };
  const key = `${x.rank},${w.rank}`;
  switch (key) {
    case '1,1':
      return { C: 1, H: 1, W: xs[0], O: 1, KH: 1, KW: ws[0], ah: FLAT, aw: p, outShape: (_h, ow) => [ow] };
    case '2,2':
      return {
        C: 1,
        H: xs[0],
        W: xs[1],
        O: 1,
        KH: ws[0],
        KW: ws[1],
        ah: p,
        aw: p,
        outShape: (oh, ow) => [oh, ow],
      };
    case '2,3': {
      const [cIn, cOut] = transposed ? [ws[0], ws[1]] : [ws[1], ws[0]];
      if (cIn !== xs[0]) mismatch();
      return {
        C: xs[0],
        H: 1,
        W: xs[1],
        O: cOut,
        KH: 1,
        KW: ws[2],
        ah: FLAT,
        aw: p,
        outShape: (_h, ow) => [cOut, ow],
      };
    }
    case '3,3':
      if (!transposed) {
        if (ws[0] !== xs[0]) {
          throw new ShapeError(
            `${op} cannot combine input ${formatShape(xs)} with kernel ${formatShape(ws)}: channel ` +
              `counts ${ws[0]} and ${xs[0]} differ`,
          );
        }
        return {
          C: xs[0],
          H: xs[1],
          W: xs[2],
          O: 1,
          KH: ws[1],
          KW: ws[2],
          ah: p,
          aw: p,
          outShape: (oh, ow) => [oh, ow],
        };
      }
      break;
    case '3,4': {
      const [cIn, cOut] = transposed ? [ws[0], ws[1]] : [ws[1], ws[0]];
      if (cIn !== xs[0]) mismatch();
      return {
        C: xs[0],
        H: xs[1],
        W: xs[2],
        O: cOut,
        KH: ws[2],
        KW: ws[3],
        ah: p,
        aw: p,
        outShape: (oh, ow) => [cOut, oh, ow],
      };
    }
  }
  const accepted = transposed
    ? '[n]*[k], [h,w]*[kh,kw], [c,n]*[c,o,k] or [c,h,w]*[c,o,kh,kw]'
    : '[n]*[k], [h,w]*[kh,kw], [c,n]*[o,c,k], [c,h,w]*[c,kh,kw] or [c,h,w]*[o,c,kh,kw]';
  throw new ShapeError(
    `${op} cannot combine input ${formatShape(xs)} with kernel ${formatShape(ws)}; it takes ${accepted}`,
  );
}

function requirePositive(
  op: string,
  size: number,
  n: number,
  k: number,
  a: AxisParams,
  transposed: boolean,
): void {
  if (size > 0) return;
  const reach = a.dilation * (k - 1) + 1;
  const detail = transposed
    ? `stride ${a.stride}·(${n} − 1) + kernel reach ${reach} − 2·padding ${a.pad} = ${size}`
    : `input ${n} + 2·padding ${a.pad} − kernel reach ${reach} (kernel ${k}, dilation ` +
      `${a.dilation}), stride ${a.stride}, gives ${size}`;
  throw new ShapeError(`${op} output would be empty: ${detail}`);
}

/** First and last output index i with 0 ≤ i·s + off < n, clipped to [0, count). */
function validRange(off: number, s: number, n: number, count: number): [number, number] {
  const lo = Math.max(0, Math.ceil(-off / s));
  const hi = Math.min(count - 1, Math.floor((n - 1 - off) / s));
  return [lo, hi];
}

/** y[o,i,j] = Σ_c Σ_a Σ_b x[c, i·sh + a·dh − ph, j·sw + b·dw − pw] · w[o,c,a,b]. */
function correlate(
  X: Float64Array,
  Wt: Float64Array,
  g: Geometry,
  OH: number,
  OW: number,
  Y: Float64Array,
): void {
  const { C, H, W, O, KH, KW, ah, aw } = g;
  for (let o = 0; o < O; o++) {
    for (let c = 0; c < C; c++) {
      for (let a = 0; a < KH; a++) {
        const offH = a * ah.dilation - ah.pad;
        const [iLo, iHi] = validRange(offH, ah.stride, H, OH);
        for (let b = 0; b < KW; b++) {
          const wv = Wt[((o * C + c) * KH + a) * KW + b];
          if (wv === 0) continue;
          const offW = b * aw.dilation - aw.pad;
          const [jLo, jHi] = validRange(offW, aw.stride, W, OW);
          for (let i = iLo; i <= iHi; i++) {
            const xRow = (c * H + i * ah.stride + offH) * W + offW;
            const yRow = (o * OH + i) * OW;
            for (let j = jLo; j <= jHi; j++) Y[yRow + j] += wv * X[xRow + j * aw.stride];
          }
        }
      }
    }
  }
}

/** The adjoint scatter: y[o, i·sh + a·dh − ph, j·sw + b·dw − pw] += x[c,i,j] · w[c,o,a,b]. */
function scatter(
  X: Float64Array,
  Wt: Float64Array,
  g: Geometry,
  OH: number,
  OW: number,
  Y: Float64Array,
): void {
  const { C, H, W, O, KH, KW, ah, aw } = g;
  for (let c = 0; c < C; c++) {
    for (let o = 0; o < O; o++) {
      for (let a = 0; a < KH; a++) {
        const offH = a * ah.dilation - ah.pad;
        const [iLo, iHi] = validRange(offH, ah.stride, OH, H);
        for (let b = 0; b < KW; b++) {
          const wv = Wt[((c * O + o) * KH + a) * KW + b];
          if (wv === 0) continue;
          const offW = b * aw.dilation - aw.pad;
          const [jLo, jHi] = validRange(offW, aw.stride, OW, W);
          for (let i = iLo; i <= iHi; i++) {
            const yRow = (o * OH + i * ah.stride + offH) * OW + offW;
            const xRow = (c * H + i) * W;
            for (let j = jLo; j <= jHi; j++) Y[yRow + j * aw.stride] += wv * X[xRow + j];
          }
        }
      }
    }
  }
}

/** Cross-correlation with zero padding; see the module comment for the accepted rank pairs. */
export function conv(x: Tensor, w: Tensor, stride = 1, pad = 0, dilation = 1): Tensor {
  checkParams('conv', stride, pad, dilation);
  const g = geometry('conv', x, w, { stride, pad, dilation }, false);
  const OH = convOutputSize(g.H, g.KH, g.ah.stride, g.ah.pad, g.ah.dilation);
  const OW = convOutputSize(g.W, g.KW, g.aw.stride, g.aw.pad, g.aw.dilation);
  requirePositive('conv', OH, g.H, g.KH, g.ah, false);
  requirePositive('conv', OW, g.W, g.KW, g.aw, false);
  const Y = allocate(g.O * OH * OW, 'conv');
  chargeWork(g.O * OH * OW * g.C * g.KH * g.KW);
  correlate(x.data, w.data, g, OH, OW, Y);
  return new Tensor(g.outShape(OH, OW), Y);
}

/** Transposed convolution: the adjoint of `conv` with the same kernel, stride, padding and dilation. */
export function convT(x: Tensor, w: Tensor, stride = 1, pad = 0, dilation = 1): Tensor {
  checkParams('convT', stride, pad, dilation);
  const g = geometry('transposed conv', x, w, { stride, pad, dilation }, true);
  const OH = convTOutputSize(g.H, g.KH, g.ah.stride, g.ah.pad, g.ah.dilation);
  const OW = convTOutputSize(g.W, g.KW, g.aw.stride, g.aw.pad, g.aw.dilation);
  requirePositive('transposed conv', OH, g.H, g.KH, g.ah, true);
  requirePositive('transposed conv', OW, g.W, g.KW, g.aw, true);
  const Y = allocate(g.O * OH * OW, 'transposed conv');
  chargeWork(g.O * g.H * g.W * g.C * g.KH * g.KW);
  scatter(x.data, w.data, g, OH, OW, Y);
  return new Tensor(g.outShape(OH, OW), Y);
}

/** Full convolution of sequences: y[i] = Σ_j x[j]·w[i−j], length n + k − 1. */
export function convFull(x: Tensor, w: Tensor): Tensor {
  if (x.rank > 1 || w.rank > 1) {
    throw new ShapeError(
      `full convolution takes two sequences, got ${formatShape(x.shape)} and ${formatShape(w.shape)}`,
    );
  }
  const n = x.size,
    k = w.size;
  if (n === 0 || k === 0) throw new ShapeError(`full convolution of empty sequences (${n} and ${k})`);
  const Y = allocate(n + k - 1, 'full convolution');
  chargeWork(n * k);
  const X = x.data,
    K = w.data;
  for (let j = 0; j < n; j++) {
    const xj = X[j];
    for (let l = 0; l < k; l++) Y[j + l] += xj * K[l];
  }
  return new Tensor([n + k - 1], Y);
}

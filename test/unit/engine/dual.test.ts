import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../server/src/engine/index';
import { AdContext, type Dual, Rng, Tensor, jacobian } from '../../../server/src/engine/index';
import { assertClose, awayFromZero, checkDerivative, randomTensor, wellConditioned } from './helpers';

type Case = {
  /** Names of the dual ops exercised, for the coverage check at the end. */
  ops: string[];
  label?: string;
  f: (args: Dual[], ctx: AdContext) => Dual;
  inputs: (rng: Rng) => Tensor[];
  constant?: boolean[];
};

const rt = randomTensor;
const pos = (rng: Rng, shape: number[], lo = 0.3, hi = 2): Tensor => rt(rng, shape, lo, hi);
/** Values whose fractional part stays in [0.2, 0.8]: away from floor/ceil jumps. */
const offInteger = (rng: Rng, shape: number[]): Tensor =>
  E.add(E.floor(rt(rng, shape, -3, 3)), rt(rng, shape, 0.2, 0.8));
/** Two tensors that differ by at least 0.2 everywhere: away from max/min/comparison ties. */
const apart = (rng: Rng, shape: number[]): Tensor[] => {
  const a = rt(rng, shape);
  return [a, E.add(a, awayFromZero(rng, shape, 0.2, 1))];
};

const unary = (name: string, input: (rng: Rng) => Tensor): Case => ({
  ops: [name],
  f: ([a], ctx) => (E as unknown as Record<string, (a: Dual, ctx: AdContext) => Dual>)[name](a, ctx),
  inputs: (rng) => [input(rng)],
});

const cases: Case[] = [
  unary('dNeg', (r) => rt(r, [2, 3])),
  unary('dExp', (r) => rt(r, [4])),
  unary('dLog', (r) => pos(r, [2, 2])),
  unary('dLog2', (r) => pos(r, [3])),
  unary('dLog10', (r) => pos(r, [3])),
  unary('dSqrt', (r) => pos(r, [3])),
  unary('dSin', (r) => rt(r, [3])),
  unary('dCos', (r) => rt(r, [3])),
  unary('dTan', (r) => rt(r, [3], -1, 1)),
  unary('dCot', (r) => rt(r, [3], 0.3, 1.2)),
  unary('dSec', (r) => rt(r, [3], -1, 1)),
  unary('dCsc', (r) => rt(r, [3], 0.3, 2)),
  unary('dAsin', (r) => rt(r, [3], -0.8, 0.8)),
  unary('dAcos', (r) => rt(r, [3], -0.8, 0.8)),
  unary('dAtan', (r) => rt(r, [3])),
  unary('dSinh', (r) => rt(r, [3])),
  unary('dCosh', (r) => rt(r, [3])),
  unary('dAsinh', (r) => rt(r, [3], -3, 3)),
  unary('dAcosh', (r) => rt(r, [3], 1.2, 4)),
  unary('dAtanh', (r) => rt(r, [3], -0.8, 0.8)),
  unary('dCoth', (r) => awayFromZero(r, [3])),
  unary('dSech', (r) => rt(r, [3], -3, 3)),
  unary('dCsch', (r) => awayFromZero(r, [3])),
  unary('dErf', (r) => rt(r, [4], -3, 3)),
  unary('dErfc', (r) => rt(r, [4], -3, 4)),
  unary('dGamma', (r) => rt(r, [3], 0.2, 6)),
  {
    ops: ['dGamma'],
    label: 'gamma on the negative axis',
    f: ([a], ctx) => E.dGamma(a, ctx),
    inputs: (r) => [rt(r, [3], -2.8, -2.2)],
  },
  unary('dNormalCdf', (r) => rt(r, [4], -4, 4)),
  {
    ops: ['dMod'],
    label: 'mod with a/b away from whole numbers',
    f: ([a, b], ctx) => E.dMod(a, b, ctx),
    // a = b·(k + f) with f in [0.2, 0.8]: away from the jumps at whole a/b.
    inputs: (r) => {
      const b = awayFromZero(r, [3], 0.5, 3);
      return [E.mul(b, offInteger(r, [3])), b];
    },
  },
  unary('dTanh', (r) => rt(r, [2, 2])),
  unary('dSigmoid', (r) => rt(r, [4], -4, 4)),
  unary('dSoftplus', (r) => rt(r, [4], -4, 4)),
  unary('dAbs', (r) => awayFromZero(r, [5])),
  unary('dRelu', (r) => awayFromZero(r, [5])),
  unary('dSign', (r) => awayFromZero(r, [3])),
  unary('dFloor', (r) => offInteger(r, [3])),
  unary('dCeil', (r) => offInteger(r, [3])),
  // Off the half-integers, where round jumps: fractional parts in [0, 0.4] or [0.6, 1).
  unary('dRound', (r) => E.add(E.floor(rt(r, [3], -3, 3)), rt(r, [3], 0.6, 1.4))),
  { ops: ['dElu'], label: 'elu α=1', f: ([a], ctx) => E.dElu(a, ctx), inputs: (r) => [awayFromZero(r, [5])] },
  {
    ops: ['dElu'],
    label: 'elu α=0.5',
    f: ([a], ctx) => E.dElu(a, ctx, 0.5),
    inputs: (r) => [awayFromZero(r, [5])],
  },
  { ops: ['dLeakyRelu'], f: ([a], ctx) => E.dLeakyRelu(a, ctx, 0.1), inputs: (r) => [awayFromZero(r, [5])] },
  {
    ops: ['dFactorial'],
    f: ([a]) => E.dFactorial(a),
    inputs: () => [Tensor.fromNested([0, 3, 5])],
    constant: [true],
  },

  { ops: ['dAdd'], f: ([a, b], c) => E.dAdd(a, b, c), inputs: (r) => [rt(r, [2, 3]), rt(r, [2, 3])] },
  {
    ops: ['dAdd'],
    label: 'add broadcast',
    f: ([a, b], c) => E.dAdd(a, b, c),
    inputs: (r) => [rt(r, [2, 3]), rt(r, [3])],
  },
  {
    ops: ['dAdd'],
    label: 'add constant',
    f: ([a, b], c) => E.dAdd(a, b, c),
    inputs: (r) => [rt(r, []), rt(r, [3])],
    constant: [false, true],
  },
  { ops: ['dSub'], f: ([a, b], c) => E.dSub(a, b, c), inputs: (r) => [rt(r, [3, 1]), rt(r, [1, 2])] },
  {
    ops: ['dSub'],
    label: 'sub constant left',
    f: ([a, b], c) => E.dSub(a, b, c),
    inputs: (r) => [rt(r, [3]), rt(r, [3])],
    constant: [true, false],
  },
  { ops: ['dMul'], f: ([a, b], c) => E.dMul(a, b, c), inputs: (r) => [rt(r, [2, 3]), rt(r, [2, 3])] },
  {
    ops: ['dMul'],
    label: 'mul scalar',
    f: ([a, b], c) => E.dMul(a, b, c),
    inputs: (r) => [rt(r, []), rt(r, [2, 2])],
  },
  {
    ops: ['dDiv'],
    f: ([a, b], c) => E.dDiv(a, b, c),
    inputs: (r) => [rt(r, [3]), awayFromZero(r, [3], 0.5, 2)],
  },
  {
    ops: ['dDiv'],
    label: 'div broadcast',
    f: ([a, b], c) => E.dDiv(a, b, c),
    inputs: (r) => [rt(r, [2, 3]), awayFromZero(r, [], 0.5, 2)],
  },
  { ops: ['dPow'], f: ([a, b], c) => E.dPow(a, b, c), inputs: (r) => [pos(r, [3]), rt(r, [3])] },
  {
    ops: ['dPow'],
    label: 'pow constant integer exponent, negative base',
    f: ([a, b], c) => E.dPow(a, b, c),
    inputs: (r) => [rt(r, [3]), Tensor.scalar(3)],
    constant: [false, true],
  },
  {
    ops: ['dNthRoot'],
    f: ([a, b], c) => E.dNthRoot(a, b, c),
    inputs: (r) => [pos(r, [3]), rt(r, [3], 2, 4)],
  },
  {
    ops: ['dNthRoot'],
    label: 'odd root of negatives',
    f: ([a, b], c) => E.dNthRoot(a, b, c),
    inputs: (r) => [rt(r, [3], -3, -0.3), Tensor.scalar(3)],
    constant: [false, true],
  },
  { ops: ['dMaximum'], f: ([a, b], c) => E.dMaximum(a, b, c), inputs: (r) => apart(r, [4]) },
  { ops: ['dMinimum'], f: ([a, b], c) => E.dMinimum(a, b, c), inputs: (r) => apart(r, [2, 2]) },
  ...['dGt', 'dGe', 'dLt', 'dLe', 'dEq', 'dNe'].map(
    (name): Case => ({
      ops: [name],
      f: ([a, b], c) => (E as unknown as Record<string, E.DualBinary>)[name](a, b, c),
      inputs: (r) => apart(r, [3]),
    }),
  ),
  {
    ops: ['dBinom'],
    f: ([n, k], c) => E.dBinom(n, k, c),
    inputs: (r) => [rt(r, [3], 2.2, 2.8), Tensor.fromNested([0, 2, 3])],
    constant: [false, true],
  },

  {
    ops: ['dMatmul'],
    label: 'matrix·matrix',
    f: ([a, b]) => E.dMatmul(a, b),
    inputs: (r) => [rt(r, [2, 3]), rt(r, [3, 4])],
  },
  {
    ops: ['dMatmul'],
    label: 'matrix·vector',
    f: ([a, b]) => E.dMatmul(a, b),
    inputs: (r) => [rt(r, [3, 2]), rt(r, [2])],
  },
  {
    ops: ['dMatmul'],
    label: 'row·column',
    f: ([a, b]) => E.dMatmul(a, b),
    inputs: (r) => [rt(r, [1, 3]), rt(r, [3])],
  },
  {
    ops: ['dMatmul'],
    label: 'outer',
    f: ([a, b]) => E.dMatmul(a, b),
    inputs: (r) => [rt(r, [3]), rt(r, [1, 2])],
  },
  {
    ops: ['dMatmul'],
    label: 'scalar·matrix',
    f: ([a, b]) => E.dMatmul(a, b),
    inputs: (r) => [rt(r, []), rt(r, [2, 2])],
  },
  {
    ops: ['dMatmul', 'dTranspose'],
    label: 'xᵀAx',
    f: ([x, A]) => E.dMatmul(E.dTranspose(x), E.dMatmul(A, x)),
    inputs: (r) => [rt(r, [3]), rt(r, [3, 3])],
  },
  { ops: ['dTranspose'], f: ([a]) => E.dTranspose(a), inputs: (r) => [rt(r, [2, 3])] },
  { ops: ['dInv'], f: ([a]) => E.dInv(a), inputs: (r) => [wellConditioned(r, 3)] },
  { ops: ['dInv'], label: 'inv scalar', f: ([a]) => E.dInv(a), inputs: (r) => [pos(r, [])] },
  { ops: ['dDet'], f: ([a]) => E.dDet(a), inputs: (r) => [rt(r, [3, 3])] },
  { ops: ['dExpm'], f: ([a]) => E.dExpm(a), inputs: (r) => [rt(r, [3, 3])] },
  {
    ops: ['dExpm'],
    label: 'expm of a large matrix',
    f: ([a]) => E.dExpm(a),
    inputs: (r) => [rt(r, [2, 2], -4, 4)],
  },
  { ops: ['dCross'], f: ([a, b]) => E.dCross(a, b), inputs: (r) => [rt(r, [3]), rt(r, [3])] },
  {
    ops: ['dDet'],
    label: 'det at a singular matrix',
    f: ([a]) => E.dDet(a),
    inputs: (r) => [E.add(E.outer(rt(r, [3]), rt(r, [3])), E.outer(rt(r, [3]), rt(r, [3])))],
  },
  { ops: ['dLogdet'], f: ([a]) => E.dLogdet(a), inputs: (r) => [wellConditioned(r, 3)] },
  {
    ops: ['dSolve'],
    label: 'solve vector',
    f: ([a, b]) => E.dSolve(a, b),
    inputs: (r) => [wellConditioned(r, 3), rt(r, [3])],
  },
  {
    ops: ['dSolve'],
    label: 'solve matrix',
    f: ([a, b]) => E.dSolve(a, b),
    inputs: (r) => [wellConditioned(r, 3), rt(r, [3, 2])],
  },
  {
    ops: ['dSolve'],
    label: 'solve 1×1',
    f: ([a, b]) => E.dSolve(a, b),
    inputs: (r) => [pos(r, [1, 1]), rt(r, [1])],
  },
  { ops: ['dPinv'], label: 'pinv tall', f: ([a], c) => E.dPinv(a, c), inputs: (r) => [rt(r, [4, 2])] },
  { ops: ['dPinv'], label: 'pinv wide', f: ([a], c) => E.dPinv(a, c), inputs: (r) => [rt(r, [2, 4])] },
  {
    ops: ['dPinv'],
    label: 'pinv square',
    f: ([a], c) => E.dPinv(a, c),
    inputs: (r) => [wellConditioned(r, 3)],
  },
  { ops: ['dPinv'], label: 'pinv column', f: ([a], c) => E.dPinv(a, c), inputs: (r) => [rt(r, [3])] },
  {
    ops: ['dPinv'],
    label: 'pinv of constant rank 2 (4×3 = L·R)',
    f: ([L, R], c) => E.dPinv(E.dMatmul(L, R), c),
    inputs: (r) => [rt(r, [4, 2]), rt(r, [2, 3])],
  },
  { ops: ['dTrace'], f: ([a]) => E.dTrace(a), inputs: (r) => [rt(r, [3, 3])] },
  { ops: ['dKron'], f: ([a, b]) => E.dKron(a, b), inputs: (r) => [rt(r, [2, 2]), rt(r, [2, 3])] },
  {
    ops: ['dKron'],
    label: 'kron vectors',
    f: ([a, b]) => E.dKron(a, b),
    inputs: (r) => [rt(r, [2]), rt(r, [3])],
  },
  { ops: ['dOuter'], f: ([a, b]) => E.dOuter(a, b), inputs: (r) => [rt(r, [2]), rt(r, [3])] },
  { ops: ['dVec'], f: ([a]) => E.dVec(a), inputs: (r) => [rt(r, [2, 3])] },
  { ops: ['dUnvec'], f: ([a]) => E.dUnvec(a, 2, 3), inputs: (r) => [rt(r, [6])] },
  { ops: ['dDiag'], label: 'diag of vector', f: ([a]) => E.dDiag(a), inputs: (r) => [rt(r, [3])] },
  { ops: ['dDiag'], label: 'diag of matrix', f: ([a]) => E.dDiag(a), inputs: (r) => [rt(r, [3, 2])] },
  { ops: ['dRank'], f: ([a]) => E.dRank(a), inputs: (r) => [rt(r, [3, 2])] },
  { ops: ['dScale'], f: ([a]) => E.dScale(a, -2.5), inputs: (r) => [rt(r, [3])] },
  { ops: ['dNormSpectral'], f: ([a], c) => E.dNormSpectral(a, c), inputs: (r) => [rt(r, [3, 2])] },
  {
    ops: ['dSingularValue'],
    label: 'largest and smallest singular value',
    f: ([a], c) => E.dAdd(E.dSingularValue(a, 'largest', c), E.dSingularValue(a, 'smallest', c), c),
    inputs: (r) => [rt(r, [3, 2])],
  },
  {
    // Of the symmetric part, so that every direction the differences take keeps the matrix symmetric.
    ops: ['dEigenvalueExtreme'],
    label: 'largest and smallest eigenvalue of a symmetric matrix',
    f: ([a], c) => {
      const s = E.dScale(E.dAdd(a, E.dTranspose(a), c), 0.5);
      return E.dAdd(
        E.dEigenvalueExtreme(s, 'largest', c),
        E.dScale(E.dEigenvalueExtreme(s, 'smallest', c), 3),
        c,
      );
    },
    inputs: (r) => [rt(r, [3, 3])],
  },
  {
    ops: ['dSpectrum'],
    label: 'singular values of a wide matrix, in both orders (the padded zeros carry no tangent)',
    f: ([a], c) => E.dAdd(E.dSpectrum(a, 'singular', false, c), E.dSpectrum(a, 'singular', true, c), c),
    inputs: (r) => [rt(r, [3, 2])],
  },
  {
    ops: ['dSpectrum'],
    label: 'eigenvalues of a symmetric matrix',
    f: ([a], c) => E.dSpectrum(E.dScale(E.dAdd(a, E.dTranspose(a), c), 0.5), 'eigen', false, c),
    inputs: (r) => [rt(r, [3, 3])],
  },

  { ops: ['dNorm2'], label: 'norm2 vector', f: ([a], c) => E.dNorm2(a, c), inputs: (r) => [rt(r, [4])] },
  {
    ops: ['dNorm2'],
    label: 'norm2 matrix (spectral)',
    f: ([a], c) => E.dNorm2(a, c),
    inputs: (r) => [rt(r, [3, 3])],
  },
  { ops: ['dNormFro'], f: ([a], c) => E.dNormFro(a, c), inputs: (r) => [rt(r, [2, 3])] },
  { ops: ['dNormP'], label: 'p = 3', f: ([a], c) => E.dNormP(a, 3, c), inputs: (r) => [rt(r, [4])] },
  {
    ops: ['dNormP'],
    label: 'p = 1',
    f: ([a], c) => E.dNormP(a, 1, c),
    inputs: (r) => [awayFromZero(r, [4])],
  },
  {
    ops: ['dNormP'],
    label: 'p = 1.5',
    f: ([a], c) => E.dNormP(a, 1.5, c),
    inputs: (r) => [awayFromZero(r, [4])],
  },
  {
    ops: ['dNormP', 'dNormMax'],
    label: 'p = ∞',
    f: ([a], c) => E.dNormP(a, Infinity, c),
    inputs: () => [Tensor.fromNested([0.5, -2, 1])],
  },
  {
    ops: ['dNormInf'],
    label: 'normInf vector',
    f: ([a], c) => E.dNormInf(a, c),
    inputs: () => [Tensor.fromNested([0.5, -2, 1])],
  },
  {
    ops: ['dNormInf'],
    label: 'normInf matrix',
    f: ([a], c) => E.dNormInf(a, c),
    inputs: () => [
      Tensor.fromNested([
        [1, -2],
        [0.5, 0.7],
      ]),
    ],
  },
  {
    ops: ['dNorm1'],
    label: 'norm1 vector',
    f: ([a], c) => E.dNorm1(a, c),
    inputs: (r) => [awayFromZero(r, [4])],
  },
  {
    ops: ['dNorm1'],
    label: 'norm1 matrix',
    f: ([a], c) => E.dNorm1(a, c),
    inputs: () => [
      Tensor.fromNested([
        [1, -2],
        [0.5, 0.7],
      ]),
    ],
  },

  { ops: ['dSum'], f: ([a]) => E.dSum(a), inputs: (r) => [rt(r, [2, 3])] },
  { ops: ['dSum'], label: 'sum axis 1', f: ([a]) => E.dSum(a, 1), inputs: (r) => [rt(r, [2, 3])] },
  { ops: ['dMean'], f: ([a]) => E.dMean(a, 0), inputs: (r) => [rt(r, [2, 3])] },
  { ops: ['dProd'], f: ([a]) => E.dProd(a), inputs: (r) => [rt(r, [4])] },
  {
    ops: ['dProd'],
    label: 'prod with a zero factor',
    f: ([a]) => E.dProd(a),
    inputs: (r) => [E.mul(rt(r, [4]), Tensor.fromNested([1, 0, 1, 1]))],
  },
  { ops: ['dProd'], label: 'prod axis 0', f: ([a]) => E.dProd(a, 0), inputs: (r) => [rt(r, [3, 2])] },
  { ops: ['dMax'], f: ([a], c) => E.dMax(a, c), inputs: () => [Tensor.fromNested([0.1, 2, -1, 1.4])] },
  {
    ops: ['dMax'],
    label: 'max axis 1',
    f: ([a], c) => E.dMax(a, c, 1),
    inputs: () => [
      Tensor.fromNested([
        [0.1, 2, -1],
        [3, 1, 0],
      ]),
    ],
  },
  { ops: ['dMin'], f: ([a], c) => E.dMin(a, c), inputs: () => [Tensor.fromNested([0.1, 2, -1, 1.4])] },
  { ops: ['dSoftmax'], label: 'softmax vector', f: ([a]) => E.dSoftmax(a), inputs: (r) => [rt(r, [4])] },
  { ops: ['dSoftmax'], label: 'softmax columns', f: ([a]) => E.dSoftmax(a), inputs: (r) => [rt(r, [3, 2])] },
  { ops: ['dSoftmax'], label: 'softmax rows', f: ([a]) => E.dSoftmax(a, 1), inputs: (r) => [rt(r, [3, 2])] },
  { ops: ['dLogsumexp'], f: ([a]) => E.dLogsumexp(a), inputs: (r) => [rt(r, [4])] },
  {
    ops: ['dLogsumexp'],
    label: 'logsumexp axis 0',
    f: ([a]) => E.dLogsumexp(a, 0),
    inputs: (r) => [rt(r, [3, 2])],
  },
  {
    ops: ['dLogsumexp'],
    label: 'logsumexp axis 1',
    f: ([a]) => E.dLogsumexp(a, 1),
    inputs: (r) => [rt(r, [2, 3, 2])],
  },

  {
    ops: ['dConv'],
    label: 'conv 1-D strided, padded, dilated',
    f: ([x, w]) => E.dConv(x, w, 2, 1, 2),
    inputs: (r) => [rt(r, [7]), rt(r, [3])],
  },
  {
    ops: ['dConv'],
    label: 'conv 2-D',
    f: ([x, w]) => E.dConv(x, w, 1, 1),
    inputs: (r) => [rt(r, [4, 4]), rt(r, [2, 3])],
  },
  {
    ops: ['dConv'],
    label: 'conv [c,n]·[o,c,k]',
    f: ([x, w]) => E.dConv(x, w),
    inputs: (r) => [rt(r, [2, 5]), rt(r, [3, 2, 2])],
  },
  {
    ops: ['dConv'],
    label: 'conv [c,h,w]·[o,c,kh,kw]',
    f: ([x, w]) => E.dConv(x, w, 2),
    inputs: (r) => [rt(r, [2, 5, 5]), rt(r, [2, 2, 3, 3])],
  },
  {
    ops: ['dConvT'],
    label: 'convT 1-D',
    f: ([x, w]) => E.dConvT(x, w, 2, 1),
    inputs: (r) => [rt(r, [4]), rt(r, [3])],
  },
  {
    ops: ['dConvT'],
    label: 'convT [c,h,w]·[c,o,kh,kw]',
    f: ([x, w]) => E.dConvT(x, w, 2),
    inputs: (r) => [rt(r, [2, 3, 3]), rt(r, [2, 3, 2, 2])],
  },
  { ops: ['dConvFull'], f: ([x, w]) => E.dConvFull(x, w), inputs: (r) => [rt(r, [5]), rt(r, [3])] },

  { ops: ['dIndex'], f: ([a]) => E.dIndex(a, [1, 2]), inputs: (r) => [rt(r, [2, 3])] },
  { ops: ['dSlice'], f: ([a]) => E.dSlice(a, 1, 1, 3), inputs: (r) => [rt(r, [2, 3])] },
  { ops: ['dTake'], f: ([a]) => E.dTake(a, 0, 1), inputs: (r) => [rt(r, [2, 3])] },
  { ops: ['dRow'], f: ([a]) => E.dRow(a, 1), inputs: (r) => [rt(r, [2, 3])] },
  { ops: ['dCol'], f: ([a]) => E.dCol(a, 2), inputs: (r) => [rt(r, [2, 3])] },
  { ops: ['dReshape'], f: ([a]) => E.dReshape(a, [3, 2]), inputs: (r) => [rt(r, [2, 3])] },
  {
    ops: ['dStack'],
    f: ([a, b]) => E.dStack([a, b]),
    inputs: (r) => [rt(r, [2]), rt(r, [2])],
    constant: [false, true],
  },
  { ops: ['dConcat'], f: ([a, b]) => E.dConcat([a, b], 1), inputs: (r) => [rt(r, [2, 1]), rt(r, [2, 2])] },
  {
    ops: ['dVectorOf'],
    f: ([a, b]) => E.dVectorOf([a, b, { v: Tensor.scalar(1), d: null }]),
    inputs: (r) => [rt(r, []), rt(r, [])],
  },
  {
    ops: ['dAssemble'],
    label: 'assemble [[a, b], [b, a·b]]',
    f: ([a, b], c) =>
      E.dAssemble([
        [a, b],
        [b, E.dMul(a, b, c)],
      ]),
    inputs: (r) => [rt(r, []), rt(r, [])],
  },
];

test('every dual op agrees with central finite differences', () => {
  const rng = new Rng(20240601);
  for (const c of cases) {
    for (let trial = 0; trial < 3; trial++) {
      checkDerivative(c.label ?? c.ops.join('+'), c.f, c.inputs(rng), rng, c.constant);
    }
  }
});

test('every exported dual op is covered by the finite-difference table', () => {
  const covered = new Set(cases.flatMap((c) => c.ops));
  const exported = Object.keys(E).filter(
    (k) => /^d[A-Z]/.test(k) && typeof (E as Record<string, unknown>)[k] === 'function',
  );
  const notDifferentiable = new Set(['dSvd']);
  const missing = exported.filter((k) => !covered.has(k) && !notDifferentiable.has(k));
  assert.deepEqual(missing, []);
});

test('constants carry no tangent and cost no derivative work', () => {
  const ctx = new AdContext();
  const r = E.dMatmul(E.constant(Tensor.eye(2)), E.constant(Tensor.fromNested([1, 2])));
  assert.equal(r.d, null);
  assert.equal(E.dExp(E.constant(Tensor.scalar(1)), ctx).d, null);
  assert.equal(E.dRelu(E.constant(Tensor.scalar(0)), ctx).d, null);
  assert.equal(ctx.kink, false, 'a constant sitting on a kink does not ask for resampling');
});

test('kink flag: relu, abs and sign at 0', () => {
  for (const op of [E.dRelu, E.dAbs, E.dSign]) {
    const ctx = new AdContext();
    op(E.variable(Tensor.fromNested([1, 0]), Tensor.fromNested([0, 1])), ctx);
    assert.equal(ctx.kink, true);
  }
  const near = new AdContext();
  E.dRelu(E.variable(Tensor.scalar(1e-12), Tensor.scalar(1)), near);
  assert.equal(near.kink, true, 'within 1e-9·(1+|x|) counts as the kink');
  const far = new AdContext();
  const r = E.dRelu(E.variable(Tensor.fromNested([-1, 2]), Tensor.fromNested([5, 7])), far);
  assert.equal(far.kink, false);
  assert.deepEqual(r.d!.toNested(), [0, 7]);
});

test('kink flag: ties, integers and zero norms', () => {
  const x = (vals: number[]): Dual =>
    E.variable(Tensor.fromNested(vals), Tensor.fromNested(vals.map(() => 1)));
  const flagged = (run: (ctx: AdContext) => void): boolean => {
    const ctx = new AdContext();
    run(ctx);
    return ctx.kink;
  };
  assert.ok(flagged((c) => E.dMaximum(x([1, 2]), x([1, 3]), c)));
  assert.ok(!flagged((c) => E.dMaximum(x([1, 2]), x([0, 3]), c)));
  assert.ok(flagged((c) => E.dMinimum(x([5]), E.constant(Tensor.fromNested([5])), c)));
  assert.ok(flagged((c) => E.dFloor(x([2, 0.5]), c)));
  assert.ok(flagged((c) => E.dCeil(x([-3]), c)));
  assert.ok(!flagged((c) => E.dFloor(x([2.5]), c)));
  assert.ok(flagged((c) => E.dRound(x([2.5]), c)));
  assert.ok(!flagged((c) => E.dRound(x([2.2]), c)));
  assert.ok(flagged((c) => E.dGt(x([1]), x([1]), c)));
  assert.ok(flagged((c) => E.dMax(x([3, 1, 3]), c)));
  assert.ok(flagged((c) => E.dNorm2(x([0, 0]), c)));
  assert.ok(flagged((c) => E.dNormP(x([0, 1]), 1, c)));
  assert.ok(flagged((c) => E.dLeakyRelu(x([0]), c)));
  assert.ok(!flagged((c) => E.dElu(x([0]), c)), 'elu with α = 1 is smooth at 0');
  assert.ok(
    flagged((c) => E.dNormSpectral(E.variable(Tensor.eye(2), Tensor.eye(2)), c)),
    'repeated top singular value',
  );
});

test('non-differentiable uses are domain errors', () => {
  const isDomain = (e: unknown): boolean => e instanceof E.EngineError && e.code === 'domain';
  assert.throws(() => E.dFactorial(E.variable(Tensor.scalar(3), Tensor.scalar(1))), isDomain);
  assert.throws(
    () =>
      E.dBinom(E.constant(Tensor.scalar(5)), E.variable(Tensor.scalar(2), Tensor.scalar(1)), new AdContext()),
    isDomain,
  );
  assert.throws(() => E.dSvd(), isDomain);
  assert.throws(
    () => E.variable(Tensor.zeros([2]), Tensor.zeros([3])),
    /tangent must have the shape of its value/,
  );
});

test('hand-checked derivatives', () => {
  const ctx = new AdContext();
  // d det(A)[dA] = det(A) tr(A⁻¹ dA); for A = diag(2,3), dA = I: 6·(1/2 + 1/3) = 5.
  assertClose(E.dDet(E.variable(E.diag(Tensor.fromNested([2, 3])), Tensor.eye(2))).d!.item(), 5);
  // d(A⁻¹) for A = 2I, dA = I is −I/4.
  assertClose(E.dInv(E.variable(E.mul(Tensor.eye(2), Tensor.scalar(2)), Tensor.eye(2))).d!, [
    [-0.25, 0],
    [0, -0.25],
  ]);
  // d/dx x³ at 2 is 12.
  assertClose(
    E.dPow(E.variable(Tensor.scalar(2), Tensor.scalar(1)), E.constant(Tensor.scalar(3)), ctx).d!.item(),
    12,
  );
  // d/dy 2^y at y = 3 is 8 ln 2.
  assertClose(
    E.dPow(E.constant(Tensor.scalar(2)), E.variable(Tensor.scalar(3), Tensor.scalar(1)), ctx).d!.item(),
    8 * Math.LN2,
  );
  // d/dx sqrt(x) at 0 along a zero direction stays 0 rather than NaN.
  assert.equal(E.dSqrt(E.variable(Tensor.fromNested([0, 4]), Tensor.fromNested([0, 1])), ctx).d!.get(0), 0);
  // d det at the singular matrix [[1,2],[2,4]] along E₁₁ is the cofactor 4.
  assertClose(
    E.dDet(
      E.variable(
        Tensor.fromNested([
          [1, 2],
          [2, 4],
        ]),
        Tensor.fromNested([
          [1, 0],
          [0, 0],
        ]),
      ),
    ).d!.item(),
    4,
  );
});

test('jacobian has shape [...out, ...in]', () => {
  const rng = new Rng(12);
  const A = rt(rng, [2, 3]);
  const J = jacobian((x) => E.dMatmul(E.constant(A), x), rt(rng, [3]));
  assert.deepEqual(J.shape, [2, 3]);
  assertClose(J, A, 1e-15);

  // softmax: J = diag(s) − s sᵀ.
  const x = rt(rng, [3]);
  const s = E.softmax(x);
  assertClose(
    jacobian((v) => E.dSoftmax(v), x),
    E.sub(E.diag(s), E.outer(s, s)),
    1e-14,
  );

  // Scalar of a matrix: ∂ tr(X)/∂X = I, shape [2,2].
  const Jt = jacobian((X) => E.dTrace(X), rt(rng, [2, 2]));
  assert.deepEqual(Jt.shape, [2, 2]);
  assertClose(Jt, Tensor.eye(2));

  // Matrix of a matrix: ∂X⁻¹ has shape [2,2,2,2] and J[i,j,k,l] = −(X⁻¹)ᵢₖ (X⁻¹)ₗⱼ.
  const X = wellConditioned(rng, 2);
  const Xi = E.inv(X);
  const Ji = jacobian((m) => E.dInv(m), X);
  assert.deepEqual(Ji.shape, [2, 2, 2, 2]);
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 2; j++)
      for (let k = 0; k < 2; k++)
        for (let l = 0; l < 2; l++) {
          assertClose(Ji.get(i, j, k, l), -Xi.get(i, k) * Xi.get(l, j), 1e-12);
        }

  // The kink flag survives across passes.
  const ctx = new AdContext();
  jacobian((v, c) => E.dRelu(v, c), Tensor.fromNested([1, 0]), ctx);
  assert.equal(ctx.kink, true);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../server/src/engine/index';
import { Tensor } from '../../../server/src/engine/index';
import { assertClose } from './helpers';

const T = Tensor.fromNested;

test('arithmetic on equal shapes', () => {
  const a = T([
      [1, 2],
      [3, 4],
    ]),
    b = T([
      [5, 6],
      [7, 8],
    ]);
  assert.deepEqual(E.add(a, b).toNested(), [
    [6, 8],
    [10, 12],
  ]);
  assert.deepEqual(E.sub(a, b).toNested(), [
    [-4, -4],
    [-4, -4],
  ]);
  assert.deepEqual(E.mul(a, b).toNested(), [
    [5, 12],
    [21, 32],
  ]);
  assert.deepEqual(E.div(b, a).toNested(), [
    [5, 3],
    [7 / 3, 2],
  ]);
  assert.deepEqual(E.neg(a).toNested(), [
    [-1, -2],
    [-3, -4],
  ]);
  assert.deepEqual(E.pow(a, b).toNested(), [
    [1, 64],
    [2187, 65536],
  ]);
});

test('scalar operands broadcast on either side', () => {
  const v = T([1, 2, 3]);
  assert.deepEqual(E.mul(Tensor.scalar(2), v).toNested(), [2, 4, 6]);
  assert.deepEqual(E.sub(v, Tensor.scalar(1)).toNested(), [0, 1, 2]);
  assert.deepEqual(E.pow(v, Tensor.scalar(2)).toNested(), [1, 4, 9]);
  assert.deepEqual(E.div(Tensor.scalar(6), v).toNested(), [6, 3, 2]);
  // A one-element tensor of higher rank lifts the result's rank, as in numpy.
  assert.deepEqual(E.add(v, T([[10]])).shape, [1, 3]);
});

test('numpy broadcasting between rows and columns', () => {
  const col = T([[1], [2], [3]]); // 3×1
  const row = T([10, 20]); // [2] aligns with the last axis
  assert.deepEqual(E.add(col, row).toNested(), [
    [11, 21],
    [12, 22],
    [13, 23],
  ]);
  const m = T([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  assert.deepEqual(E.mul(m, T([[2], [0], [1]])).toNested(), [
    [2, 4],
    [0, 0],
    [5, 6],
  ]);
  const cube = Tensor.from([2, 1, 3], [1, 2, 3, 4, 5, 6]);
  const r = E.add(
    cube,
    T([
      [0, 0, 0],
      [10, 10, 10],
    ]),
  );
  assert.deepEqual(r.shape, [2, 2, 3]);
  assert.deepEqual(r.toNested(), [
    [
      [1, 2, 3],
      [11, 12, 13],
    ],
    [
      [4, 5, 6],
      [14, 15, 16],
    ],
  ]);
  assert.throws(
    () => E.add(T([1, 2, 3]), T([1, 2])),
    (e: unknown) =>
      e instanceof E.EngineError &&
      e.code === 'shape' &&
      /cannot add 3 and 2: sizes 3 and 2 differ/.test(e.message),
  );
});

test('transcendental functions', () => {
  const x = T([0, 1, -2]);
  assertClose(E.exp(x), [1, Math.E, Math.exp(-2)]);
  assertClose(E.log(T([1, Math.E, 0.5])), [0, 1, Math.log(0.5)]);
  assertClose(E.sqrt(T([4, 2])), [2, Math.SQRT2]);
  assert.ok(Number.isNaN(E.log(T([-1])).item()), 'log of a negative is NaN, not an exception');
  assertClose(E.sin(T([Math.PI / 2])), [1]);
  assertClose(E.cos(T([Math.PI])), [-1]);
  assertClose(E.tan(T([Math.PI / 4])), [1]);
  assertClose(E.tanh(T([0, 1])), [0, Math.tanh(1)]);
  assertClose(E.sinh(T([1])), [Math.sinh(1)]);
  assertClose(E.cosh(T([1])), [Math.cosh(1)]);
  assertClose(E.atan(T([1])), [Math.PI / 4]);
  assertClose(E.asin(T([1])), [Math.PI / 2]);
  assertClose(E.acos(T([0])), [Math.PI / 2]);
  assertClose(E.cot(T([Math.PI / 4])), [1]);
  assertClose(E.sec(T([0])), [1]);
  assertClose(E.csc(T([Math.PI / 2])), [1]);
  assertClose(E.log2(T([8])), [3]);
  assertClose(E.log10(T([1000])), [3]);
});

test('piecewise functions', () => {
  const x = T([-1.5, -0, 0, 2.5]);
  assert.deepEqual(E.abs(x).toNested(), [1.5, 0, 0, 2.5]);
  assert.deepEqual(E.sign(x).toNested(), [-1, 0, 0, 1]);
  assert.ok(Object.is(E.sign(T([-0])).item(), 0), 'sign(−0) is +0');
  assert.deepEqual(E.floor(x).toNested(), [-2, -0, 0, 2]);
  assert.deepEqual(E.ceil(T([-1.5, 2.1])).toNested(), [-1, 3]);
  assert.deepEqual(E.relu(T([-1, 0, 3])).toNested(), [0, 0, 3]);
  assertClose(E.sigmoid(T([0, 2, -800, 800])), [0.5, 1 / (1 + Math.exp(-2)), 0, 1]);
  assertClose(E.softplus(T([0, 50, -50])), [Math.LN2, 50, Math.exp(-50)]);
  assertClose(E.elu(T([-1, 2])), [Math.exp(-1) - 1, 2]);
  assertClose(E.leakyRelu(T([-2, 3]), 0.1), [-0.2, 3]);
  assert.deepEqual(E.maximum(T([1, 5]), T([3, 2])).toNested(), [3, 5]);
  assert.deepEqual(E.minimum(T([1, 5]), Tensor.scalar(2)).toNested(), [1, 2]);
});

test('comparisons return 0/1 tensors', () => {
  const a = T([1, 2, 3]),
    b = T([2, 2, 2]);
  assert.deepEqual(E.gt(a, b).toNested(), [0, 0, 1]);
  assert.deepEqual(E.ge(a, b).toNested(), [0, 1, 1]);
  assert.deepEqual(E.lt(a, b).toNested(), [1, 0, 0]);
  assert.deepEqual(E.le(a, b).toNested(), [1, 1, 0]);
  assert.deepEqual(E.eq(a, b).toNested(), [0, 1, 0]);
  assert.deepEqual(E.ne(a, b).toNested(), [1, 0, 1]);
});

test('nthRoot takes real odd roots of negatives', () => {
  assertClose(E.nthRoot(T([27, -8, 16]), T([3, 3, 4])), [3, -2, 2]);
  assert.ok(Number.isNaN(E.nthRoot(T([-16]), Tensor.scalar(4)).item()));
  assertClose(E.nthRoot(T([2]), Tensor.scalar(2)), [Math.SQRT2]);
});

test('factorial on non-negative integers, domain error otherwise', () => {
  assert.deepEqual(E.factorial(T([0, 1, 5, 10])).toNested(), [1, 1, 120, 3628800]);
  assert.equal(E.factorial(T([3 * (1 / 3) * 4])).item(), 24, 'near-integers count');
  assert.equal(E.factorial(Tensor.scalar(171)).item(), Infinity);
  assert.throws(
    () => E.factorial(T([2.5])),
    (e: unknown) => e instanceof E.EngineError && e.code === 'domain',
  );
  assert.throws(() => E.factorial(T([-1])), /non-negative integer/);
});

test('binomial coefficients', () => {
  assert.deepEqual(E.binom(T([5, 5, 5, 5, 10]), T([0, 2, 5, 6, 3])).toNested(), [1, 10, 1, 0, 120]);
  assert.equal(E.binom(Tensor.scalar(52), Tensor.scalar(5)).item(), 2598960);
  assert.equal(E.binom(Tensor.scalar(4), Tensor.scalar(-1)).item(), 0);
  // Generalised: (−1 choose k) = (−1)^k, (1/2 choose 2) = −1/8.
  assertClose(E.binom(T([-1, -1, 0.5]), T([3, 4, 2])), [-1, 1, -0.125]);
  assert.throws(() => E.binom(Tensor.scalar(4), Tensor.scalar(1.5)), /integer k/);
});

test('special functions match reference values (Python math, mpmath) to a relative 1e-13', () => {
  // erf, erfc and Φ at points on both sides of the series/continued-fraction switch at 2.5.
  const erf: [number, number][] = [
    [0.5, 0.5204998778130465],
    [-0.3, -0.3286267594591274],
    [1, 0.8427007929497149],
    [2.4, 0.999311486103355],
    [2.6, 0.9997639655834707],
    [4, 0.9999999845827421],
  ];
  for (const [x, y] of erf) assertClose(E.erfScalar(x), y, 1e-14, `erf(${x})`);
  const erfc: [number, number][] = [
    [0.5, 0.4795001221869535],
    [2.4, 0.0006885138966450789],
    [3, 2.2090496998585438e-5],
    [6, 2.1519736712498916e-17],
    [-3, 1.9999779095030015],
  ];
  for (const [x, y] of erfc)
    assert.ok(
      Math.abs(E.erfcScalar(x) - y) <= 1e-12 * Math.abs(y),
      `erfc(${x}) = ${E.erfcScalar(x)}, expected ${y}`,
    );
  assertClose(E.normalCdfScalar(-3), 0.0013498980316300957, 1e-15);
  assertClose(E.normalCdfScalar(1), 0.8413447460685429, 1e-14);
  const gamma: [number, number][] = [
    [0.1, 9.513507698668732],
    [0.5, Math.sqrt(Math.PI)],
    [3.7, 4.170651783796603],
    [5, 24],
    [10.3, 716430.6890623765],
    [-0.5, -3.544907701811032],
    [-2.5, -0.9453087204829417],
  ];
  for (const [x, y] of gamma)
    assert.ok(
      Math.abs(E.gammaScalar(x) - y) <= 1e-13 * Math.abs(y),
      `Γ(${x}) = ${E.gammaScalar(x)}, expected ${y}`,
    );
  // ψ(1) = −γ (Euler–Mascheroni), ψ(1.5) = 2 − γ − 2 ln 2.
  assertClose(E.digammaScalar(1), -0.5772156649015329, 1e-13);
  assertClose(E.digammaScalar(1.5), 0.03648997397857652, 1e-13);
});

test('special functions are undefined (NaN) off their domain, and mod is floored', () => {
  for (const x of [0, -1, -7]) {
    assert.ok(Number.isNaN(E.gammaScalar(x)), `Γ has a pole at ${x}`);
    assert.ok(Number.isNaN(E.digammaScalar(x)), `ψ has a pole at ${x}`);
  }
  assert.ok(Number.isNaN(E.acosh(Tensor.scalar(0.5)).data[0]));
  assert.ok(Number.isNaN(E.atanh(Tensor.scalar(1.5)).data[0]));
  assert.deepEqual(E.mod(T([7, -7, 7, 5.5]), T([3, 3, -3, 2])).toNested(), [1, 2, -2, 1.5]);
  assert.ok(Number.isNaN(E.mod(Tensor.scalar(1), Tensor.scalar(0)).data[0]), 'x mod 0 is undefined');
  assert.equal(E.erfScalar(-1.7), -E.erfScalar(1.7), 'erf is odd exactly');
});

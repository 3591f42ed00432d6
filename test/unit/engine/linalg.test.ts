import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as math from 'mathjs';
import * as E from '../../../server/src/engine/index';
import { Rng, Tensor } from '../../../server/src/engine/index';
import { assertClose, randomTensor, wellConditioned } from './helpers';
import { cpuMs } from '../../support/cpuTime';

const T = Tensor.fromNested;
const nested = (t: Tensor): number[][] => t.toNested() as number[][];
const isCode =
  (code: string, pattern?: RegExp) =>
  (e: unknown): boolean =>
    e instanceof E.EngineError && e.code === code && (!pattern || pattern.test(e.message));

test('matmul shape rules under the column-vector convention', () => {
  const A = T([
    [1, 2, 3],
    [4, 5, 6],
  ]); // 2×3
  const B = T([
    [1, 0],
    [0, 1],
    [1, 1],
  ]); // 3×2
  assert.deepEqual(E.matmul(A, B).toNested(), [
    [4, 5],
    [10, 11],
  ]);
  // Matrix times column → column.
  const x = T([1, 1, 1]);
  const Ax = E.matmul(A, x);
  assert.deepEqual(Ax.shape, [2]);
  assert.deepEqual(Ax.toNested(), [6, 15]);
  // Row times column → number.
  const xt = E.transpose(x);
  assert.deepEqual(xt.shape, [1, 3]);
  const dot = E.matmul(xt, T([1, 2, 3]));
  assert.deepEqual(dot.shape, []);
  assert.equal(dot.item(), 6);
  // Column times row → outer product.
  const outer = E.matmul(T([1, 2]), T([[3, 4, 5]]));
  assert.deepEqual(outer.toNested(), [
    [3, 4, 5],
    [6, 8, 10],
  ]);
  // Scalars scale.
  assert.deepEqual(E.matmul(Tensor.scalar(2), A).toNested(), [
    [2, 4, 6],
    [8, 10, 12],
  ]);
  assert.deepEqual(E.matmul(x, Tensor.scalar(3)).toNested(), [3, 3, 3]);
  // 1-vectors.
  assert.deepEqual(E.matmul(T([2]), T([3])).shape, []);
  assert.deepEqual(E.matmul(T([1, 2]), T([3])).toNested(), [3, 6]);
});

test('matmul shape errors name both shapes', () => {
  assert.throws(
    () => E.matmul(Tensor.zeros([3, 4]), Tensor.zeros([5, 2])),
    isCode('shape', /cannot multiply 3×4 by 5×2: inner sizes 4 and 5 differ/),
  );
  assert.throws(
    () => E.matmul(T([1, 2, 3]), T([1, 2, 3])),
    isCode('shape', /cannot multiply 3 by 3: inner sizes 1 and 3 differ/),
  );
  assert.throws(() => E.matmul(T([1, 2]), Tensor.zeros([2, 2])), isCode('shape'));
  assert.throws(() => E.matmul(Tensor.zeros([2, 2, 2]), Tensor.zeros([2, 2])), isCode('shape', /rank-3/));
});

test('transpose', () => {
  assert.deepEqual(
    E.transpose(
      T([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toNested(),
    [
      [1, 4],
      [2, 5],
      [3, 6],
    ],
  );
  assert.deepEqual(E.transpose(T([1, 2])).shape, [1, 2]);
  assert.deepEqual(E.transpose(T([[1, 2]])).shape, [2]);
  assert.deepEqual(E.transpose(T([[1], [2]])).shape, [1, 2]);
  assert.equal(E.transpose(Tensor.scalar(4)).item(), 4);
  assert.throws(() => E.transpose(Tensor.zeros([1, 1, 1])), isCode('shape'));
});

test('matmul, inv, det, solve, pinv and kron agree with mathjs on random matrices', () => {
  const rng = new Rng(42);
  for (let trial = 0; trial < 20; trial++) {
    const n = rng.int(1, 6),
      m = rng.int(1, 6),
      k = rng.int(1, 6);
    const A = randomTensor(rng, [m, k]),
      B = randomTensor(rng, [k, n]);
    assertClose(E.matmul(A, B), math.multiply(nested(A), nested(B)) as number[][], 1e-12, 'matmul');

    const S = randomTensor(rng, [n, n]);
    assertClose(E.det(S).item(), math.det(nested(S)), 1e-9, 'det');
    const W = wellConditioned(rng, n);
    assertClose(E.inv(W), math.inv(nested(W)), 1e-9, 'inv');
    const b = randomTensor(rng, [n]);
    const x = E.solve(W, b);
    assert.deepEqual(x.shape, [n]);
    assertClose(x, (math.lusolve(nested(W), Array.from(b.data)) as number[][]).flat(), 1e-9, 'solve vector');
    const Bm = randomTensor(rng, [n, 3]);
    // mathjs's lusolve takes one right-hand side at a time.
    const X = E.solve(W, Bm);
    for (let c = 0; c < 3; c++) {
      const col = nested(Bm).map((r) => r[c]);
      assertClose(E.col(X, c), (math.lusolve(nested(W), col) as number[][]).flat(), 1e-9, 'solve matrix');
    }

    const R = randomTensor(rng, [m, k]);
    assertClose(E.pinv(R), math.pinv(nested(R)) as number[][], 1e-8, 'pinv');
    const K1 = randomTensor(rng, [rng.int(1, 3), rng.int(1, 3)]),
      K2 = randomTensor(rng, [rng.int(1, 3), rng.int(1, 3)]);
    assertClose(E.kron(K1, K2), math.kron(nested(K1), nested(K2)) as unknown as number[][], 1e-12, 'kron');
  }
});

test('hand-computed inverse, determinant and solve', () => {
  const A = T([
    [4, 7],
    [2, 6],
  ]);
  assertClose(E.det(A).item(), 10);
  assertClose(E.inv(A), [
    [0.6, -0.7],
    [-0.2, 0.4],
  ]);
  assertClose(E.solve(A, T([1, 2])), [-0.8, 0.6]);
  assertClose(
    E.det(
      T([
        [0, 1],
        [1, 0],
      ]),
    ).item(),
    -1,
    1e-15,
    'a row swap flips the sign',
  );
  assertClose(
    E.logdet(
      T([
        [2, 0],
        [0, 3],
      ]),
    ).item(),
    Math.log(6),
  );
  assert.ok(
    Number.isNaN(
      E.logdet(
        T([
          [0, 1],
          [1, 0],
        ]),
      ).item(),
    ),
  );
  assert.equal(
    E.trace(
      T([
        [1, 2],
        [3, 4],
      ]),
    ).item(),
    5,
  );
  assert.equal(E.det(Tensor.scalar(3)).item(), 3);
  assert.equal(E.inv(Tensor.scalar(4)).item(), 0.25);
  // logdet stays finite where det under- or overflows.
  const big = E.mul(Tensor.eye(200), Tensor.scalar(1e10));
  assert.equal(E.det(big).item(), Infinity);
  assertClose(E.logdet(big).item(), 200 * Math.log(1e10));
});

test('det of whole numbers is exact: singular integer matrices give 0, not rounding', () => {
  // LU leaves 6.7e-16 here; the fraction-free elimination keeps every step a whole minor.
  assert.equal(
    E.det(
      T([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ]),
    ).item(),
    0,
  );
  assert.equal(
    E.det(
      T([
        [0, 2],
        [3, 5],
      ]),
    ).item(),
    -6,
  );
  assert.equal(
    E.det(
      T([
        [2, 1, 3],
        [0, -1, 4],
        [1, 2, 0],
      ]),
    ).item(),
    -9,
  );
  assert.equal(
    E.det(
      T([
        [0, 0, 1],
        [0, 1, 0],
        [1, 0, 0],
      ]),
    ).item(),
    -1,
  );
  assert.equal(
    E.det(
      T([
        [1, 2],
        [3, 4],
      ]),
    ).item(),
    -2,
  );
  // Not whole: LU as before, within rounding.
  assertClose(
    E.det(
      T([
        [0.5, 1],
        [1, 3],
      ]),
    ).item(),
    0.5,
  );
});

test('singular matrices throw singular, det returns 0', () => {
  const S = T([
    [1, 2],
    [2, 4],
  ]);
  assert.ok(E.det(S).item() === 0);
  assert.throws(() => E.inv(S), isCode('singular', /singular/));
  assert.throws(() => E.solve(S, T([1, 1])), isCode('singular'));
  assert.throws(() => E.inv(Tensor.zeros([3, 3])), isCode('singular', /zero/));
  // Scale invariance: a tiny but regular matrix is not singular.
  assertClose(
    E.inv(
      T([
        [1e-20, 0],
        [0, 2e-20],
      ]),
    ),
    [
      [1e20, 0],
      [0, 5e19],
    ],
  );
  assert.throws(
    () =>
      E.inv(
        T([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ]),
      ),
    isCode('singular'),
  );
  assert.throws(() => E.det(Tensor.zeros([2, 3])), isCode('shape', /square matrix, got 2×3/));
  assert.throws(
    () => E.solve(Tensor.eye(2), T([1, 2, 3])),
    isCode('shape', /2×2 system with right-hand side 3/),
  );
});

test('svd reconstructs A and gives rank', () => {
  const rng = new Rng(7);
  for (const [m, n] of [
    [4, 3],
    [3, 5],
    [1, 4],
    [5, 1],
    [6, 6],
  ]) {
    const A = randomTensor(rng, [m, n]);
    const { u, s, v } = E.svd(A);
    const r = Math.min(m, n);
    assert.deepEqual(u.shape, [m, r]);
    assert.deepEqual(v.shape, [n, r]);
    for (let i = 1; i < r; i++) assert.ok(s.data[i] <= s.data[i - 1], 'descending');
    const rebuilt = E.matmul(
      E.matmul(u, E.diag(s)),
      E.transpose(v).rank === 1 ? E.reshape(E.transpose(v), [1, n]) : E.transpose(v),
    );
    assertClose(rebuilt, Array.from(A.data), 1e-12, `svd ${m}×${n}`);
    assertClose(
      E.matmul(E.transpose(u).rank === 2 ? E.transpose(u) : E.reshape(E.transpose(u), [1, m]), u),
      Tensor.eye(r),
      1e-12,
      'orthonormal U',
    );
  }
  assertClose(
    E.singularValues(
      T([
        [3, 0],
        [0, -4],
      ]),
    ),
    [4, 3],
  );
  assert.equal(
    E.rank(
      T([
        [1, 2],
        [2, 4],
      ]),
    ).item(),
    1,
  );
  assert.equal(
    E.rank(
      T([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ]),
    ).item(),
    2,
  );
  assert.equal(E.rank(Tensor.eye(4)).item(), 4);
  assert.equal(E.rank(Tensor.zeros([3, 2])).item(), 0);
  assert.equal(E.rank(E.outer(T([1, 2, 3]), T([4, 5]))).item(), 1);
});

test('pinv of rank-deficient and vector inputs', () => {
  // pinv(x) for a column x is xᵀ/‖x‖².
  const p = E.pinv(T([3, 4]));
  assert.deepEqual(p.shape, [1, 2]);
  assertClose(p, [[3 / 25, 4 / 25]]);
  const S = T([
    [1, 2],
    [2, 4],
  ]);
  assertClose(
    E.pinv(S),
    math.pinv([
      [1, 2],
      [2, 4],
    ]) as number[][],
    1e-12,
  );
  assert.equal(E.pinv(Tensor.scalar(0)).item(), 0);
  // Penrose conditions on a random rank-2 4×3.
  const rng = new Rng(3);
  const L = randomTensor(rng, [4, 2]),
    R = randomTensor(rng, [2, 3]);
  const A = E.matmul(L, R);
  const P = E.pinv(A);
  assertClose(E.matmul(E.matmul(A, P), A), A, 1e-10);
  assertClose(E.matmul(E.matmul(P, A), P), P, 1e-10);
});

test('kron, vec, diag, outer by hand', () => {
  assert.deepEqual(
    E.kron(
      T([
        [1, 2],
        [3, 4],
      ]),
      T([
        [0, 1],
        [1, 0],
      ]),
    ).toNested(),
    [
      [0, 1, 0, 2],
      [1, 0, 2, 0],
      [0, 3, 0, 4],
      [3, 0, 4, 0],
    ],
  );
  assert.deepEqual(E.kron(T([1, 2]), T([3, 4])).toNested(), [3, 4, 6, 8]);
  assert.deepEqual(E.kron(T([1, 2]), T([[1, 1]])).toNested(), [
    [1, 1],
    [2, 2],
  ]);
  // vec stacks columns: vec([[1,2],[3,4]]) = [1,3,2,4].
  assert.deepEqual(
    E.vec(
      T([
        [1, 2],
        [3, 4],
      ]),
    ).toNested(),
    [1, 3, 2, 4],
  );
  // vec(A X B) = (Bᵀ ⊗ A) vec(X).
  const rng = new Rng(11);
  const A = randomTensor(rng, [2, 3]),
    X = randomTensor(rng, [3, 4]),
    B = randomTensor(rng, [4, 2]);
  assertClose(E.vec(E.matmul(E.matmul(A, X), B)), E.matmul(E.kron(E.transpose(B), A), E.vec(X)), 1e-12);
  assert.deepEqual(E.unvec(E.vec(X), 3, 4).toNested(), X.toNested());
  assert.deepEqual(E.diag(T([1, 2])).toNested(), [
    [1, 0],
    [0, 2],
  ]);
  assert.deepEqual(
    E.diag(
      T([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toNested(),
    [1, 5],
  );
  assert.deepEqual(E.outer(T([1, 2]), T([3, 4, 5])).toNested(), [
    [3, 4, 5],
    [6, 8, 10],
  ]);
  assert.throws(() => E.outer(Tensor.zeros([2, 2]), T([1])), isCode('shape'));
});

test('norms', () => {
  assert.equal(E.norm2(T([3, 4])).item(), 5);
  assert.equal(E.norm2(T([[3, 4]])).item(), 5);
  assertClose(E.norm2(T([1e200, 1e200])).item(), Math.SQRT2 * 1e200, 1e-12, 'no overflow');
  assertClose(
    E.norm2(
      T([
        [3, 0],
        [0, -4],
      ]),
    ).item(),
    4,
    1e-12,
    'spectral for matrices',
  );
  assertClose(
    E.normSpectral(
      T([
        [1, 2],
        [3, 4],
      ]),
    ).item(),
    math.norm(
      [
        [1, 2],
        [3, 4],
      ],
      2,
    ) as number,
    1e-12,
  );
  assertClose(
    E.normFro(
      T([
        [1, 2],
        [3, 4],
      ]),
    ).item(),
    Math.sqrt(30),
  );
  assertClose(E.normP(T([1, -2, 3]), 1).item(), 6);
  assertClose(E.normP(T([1, -2, 3]), 3).item(), Math.cbrt(36));
  assert.equal(E.normP(T([1, -2, 3]), Infinity).item(), 3);
  assert.equal(E.normInf(T([1, -5, 3])).item(), 5);
  assert.equal(
    E.normInf(
      T([
        [1, -2],
        [3, 4],
      ]),
    ).item(),
    7,
    'max row sum',
  );
  assert.equal(
    E.norm1(
      T([
        [1, -2],
        [3, 4],
      ]),
    ).item(),
    6,
    'max column sum',
  );
  assert.equal(
    E.normMax(
      T([
        [1, -9],
        [3, 4],
      ]),
    ).item(),
    9,
  );
});

test('256×256 matmul: right entries within a CPU-time hang guard (speed: npm run bench)', () => {
  const rng = new Rng(1);
  const A = randomTensor(rng, [256, 256]),
    B = randomTensor(rng, [256, 256]);
  const t0 = cpuMs();
  const C = E.matmul(A, B);
  const ms = cpuMs() - t0;
  let ref = 0;
  for (let k = 0; k < 256; k++) ref += A.get(17, k) * B.get(k, 200);
  assertClose(C.get(17, 200), ref, 1e-12);
  assert.ok(ms < 500, `took ${ms} ms`);
});

test('matmul skips the terms of zero columns and gets the same bits (masks, ReLU slopes)', () => {
  // The plain i-k-j sum over every p, the reference the kernel must match to the last bit.
  const reference = (a: Tensor, b: Tensor): Float64Array => {
    const [m, k] = a.shape;
    const n = b.shape[1];
    const out = new Float64Array(m * n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a.data[i * k + p] * b.data[p * n + j];
        out[i * n + j] = s;
      }
    return out;
  };
  const rng = new Rng(14);
  for (const [m, k, n] of [
    [64, 64, 64],
    [17, 33, 9],
    [16, 16, 16],
    [3, 40, 50],
  ]) {
    const a = randomTensor(rng, [m, k]);
    const b = randomTensor(rng, [k, n]);
    // Half the columns of A zero, as diag(W x > 0) or a ReLU's slopes leave them; some −0.
    for (let p = 0; p < k; p += 2) for (let i = 0; i < m; i++) a.data[i * k + p] = i % 3 === 0 ? -0 : 0;
    const got = E.matmul(a, b).data;
    const want = reference(a, b);
    for (let i = 0; i < want.length; i++)
      assert.ok(Object.is(got[i], want[i]), `entry ${i} of ${m}×${k}·${k}×${n}`);
  }
  // A zero column against a row of B with an infinity keeps its terms: 0·∞ is NaN, as written.
  const masked = new Tensor([16, 16], new Float64Array(256).fill(1));
  for (let p = 0; p < 16; p += 2) for (let i = 0; i < 16; i++) masked.data[i * 16 + p] = 0;
  const infinite = new Tensor([16, 16], new Float64Array(256).fill(2));
  infinite.data[3] = Infinity;
  const product = E.matmul(masked, infinite);
  for (let i = 0; i < 16; i++) assert.ok(Number.isNaN(product.data[i * 16 + 3]));
  assert.equal(product.data[4], 16);
  // Every column zero: a zero product.
  const zeros = E.matmul(new Tensor([16, 16], new Float64Array(256)), randomTensor(rng, [16, 16]));
  assert.ok(zeros.data.every((x) => Object.is(x, 0)));
});

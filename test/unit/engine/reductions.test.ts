import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../server/src/engine/index';
import { Tensor } from '../../../server/src/engine/index';
import { assertClose } from './helpers';

const T = Tensor.fromNested;
const M = T([
  [1, 2, 3],
  [4, 5, 6],
]);

test('reductions over all elements', () => {
  assert.equal(E.sum(M).item(), 21);
  assert.equal(E.prod(M).item(), 720);
  assert.equal(E.max(M).item(), 6);
  assert.equal(E.min(M).item(), 1);
  assert.equal(E.mean(M).item(), 3.5);
  assert.equal(E.argmax(T([3, 9, 9, 1])), 1);
  assert.equal(E.argmin(T([3, 0, 9, 0])), 1);
  assert.ok(Number.isNaN(E.max(T([1, NaN, 3])).item()), 'NaN is not silently dropped');
});

test('reductions along an axis drop that axis', () => {
  assert.deepEqual(E.sum(M, 0).toNested(), [5, 7, 9]);
  assert.deepEqual(E.sum(M, 1).toNested(), [6, 15]);
  assert.deepEqual(E.sum(M, -1).toNested(), [6, 15]);
  assert.deepEqual(E.prod(M, 1).toNested(), [6, 120]);
  assert.deepEqual(E.max(M, 0).toNested(), [4, 5, 6]);
  assert.deepEqual(E.min(M, 1).toNested(), [1, 4]);
  assert.deepEqual(E.mean(M, 0).toNested(), [2.5, 3.5, 4.5]);
  const cube = Tensor.from([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(E.sum(cube, 1).toNested(), [
    [4, 6],
    [12, 14],
  ]);
  assert.throws(() => E.sum(M, 2), /axis 2 is out of range/);
});

test('softmax: vectors, matrices column-wise, stable for large inputs', () => {
  const s = E.softmax(T([1, 2, 3]));
  const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
  const z = e[0] + e[1] + e[2];
  assertClose(
    s,
    e.map((x) => x / z),
  );
  assertClose(
    E.softmax(T([1000, 1001, 1002])),
    e.map((x) => x / z),
    1e-12,
    'shift invariance, no overflow',
  );
  const m = E.softmax(
    T([
      [1, 0],
      [2, 0],
      [3, 0],
    ]),
  );
  assertClose(E.sum(m, 0), [1, 1], 1e-12, 'each column sums to 1');
  assertClose(
    E.take(m, 1, 0),
    e.map((x) => x / z),
  );
  assertClose(E.take(m, 1, 1), [1 / 3, 1 / 3, 1 / 3]);
  assert.equal(E.softmax(Tensor.scalar(5)).item(), 1);
});

test('logsumexp', () => {
  assertClose(E.logsumexp(T([1, 2, 3])).item(), Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)));
  assertClose(E.logsumexp(T([1000, 1000])).item(), 1000 + Math.LN2, 1e-15);
  assert.equal(E.logsumexp(T([-Infinity, -Infinity])).item(), -Infinity);
  assertClose(
    E.logsumexp(
      T([
        [0, 1],
        [0, 1],
      ]),
      0,
    ),
    [Math.LN2, 1 + Math.LN2],
  );
  // softmax = exp(x − lse(x))
  const x = T([0.3, -1.2, 2.5]);
  assertClose(E.softmax(x), E.exp(E.sub(x, E.logsumexp(x))), 1e-14);
});

test('indexing: index, slice, take, row, col', () => {
  assert.equal(E.index(M, [1, 2]).item(), 6);
  assert.deepEqual(E.index(M, [0, 0]).shape, []);
  assert.throws(() => E.index(M, [2, 0]), /index 2 is out of range for axis 0 \(size 2\) of a 2×3 tensor/);
  assert.throws(() => E.index(M, [0]), /takes 2 indices, got 1/);
  assert.deepEqual(E.slice(M, 1, 1, 3).toNested(), [
    [2, 3],
    [5, 6],
  ]);
  assert.deepEqual(E.slice(M, 0, 1, 2).toNested(), [[4, 5, 6]]);
  assert.deepEqual(E.take(M, 0, 1).toNested(), [4, 5, 6]);
  assert.deepEqual(E.row(M, 1).shape, [1, 3]);
  assert.deepEqual(E.col(M, 2).toNested(), [3, 6]);
  assert.deepEqual(E.reshape(M, [3, 2]).toNested(), [
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
});

test('assembly: stack, concat, vectorOf, assemble', () => {
  const s = E.stack([T([1, 2]), T([3, 4]), T([5, 6])]);
  assert.deepEqual(s.shape, [3, 2]);
  assert.deepEqual(s.toNested(), [
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  assert.throws(() => E.stack([T([1, 2]), T([1])]), /cannot stack 2 with 1/);
  assert.deepEqual(E.concat([T([1, 2]), T([3])]).toNested(), [1, 2, 3]);
  assert.deepEqual(E.concat([M, T([[7], [8]])], 1).toNested(), [
    [1, 2, 3, 7],
    [4, 5, 6, 8],
  ]);
  assert.deepEqual(E.vectorOf([Tensor.scalar(1), Tensor.scalar(2)]).toNested(), [1, 2]);
  const S = (v: number): Tensor => Tensor.scalar(v);
  assert.deepEqual(
    E.assemble([
      [S(1), S(2)],
      [S(3), S(4)],
    ]).toNested(),
    [
      [1, 2],
      [3, 4],
    ],
  );
  // Block matrix [[A, b], [cᵀ, d]].
  const blocks = E.assemble([
    [Tensor.eye(2), T([5, 6])],
    [T([[7, 8]]), S(9)],
  ]);
  assert.deepEqual(blocks.toNested(), [
    [1, 0, 5],
    [0, 1, 6],
    [7, 8, 9],
  ]);
  assert.throws(() => E.assemble([[S(1), S(2)], [S(3)]]), /row 2 has 1 entries, row 1 has 2/);
  assert.throws(() => E.assemble([[Tensor.eye(2), S(1)]]), /block \(1,2\) is 1×1/);
});

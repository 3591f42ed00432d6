import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Tensor,
  EngineError,
  ShapeError,
  formatShape,
  setElementBudget,
  getElementBudget,
  withElementBudget,
  add,
  matmul,
  reshape,
} from '../../../server/src/engine/index';

test('constructors build row-major tensors', () => {
  const s = Tensor.scalar(3);
  assert.deepEqual(s.shape, []);
  assert.equal(s.rank, 0);
  assert.equal(s.size, 1);
  assert.equal(s.item(), 3);

  const m = Tensor.from([2, 3], [1, 2, 3, 4, 5, 6]);
  assert.equal(m.get(1, 0), 4);
  assert.equal(m.get(0, 2), 3);
  assert.deepEqual(m.toNested(), [
    [1, 2, 3],
    [4, 5, 6],
  ]);

  assert.deepEqual(Tensor.zeros([2]).toNested(), [0, 0]);
  assert.deepEqual(Tensor.ones([2, 1]).toNested(), [[1], [1]]);
  assert.deepEqual(Tensor.eye(2).toNested(), [
    [1, 0],
    [0, 1],
  ]);
  assert.deepEqual(
    Tensor.fromNested([
      [1, 2],
      [3, 4],
    ]).shape,
    [2, 2],
  );
  assert.deepEqual(Tensor.fromNested([1, 2, 3]).shape, [3]);
  assert.equal(Tensor.fromNested(7).item(), 7);
  assert.deepEqual(
    Tensor.fromNested([
      [[1], [2]],
      [[3], [4]],
    ]).shape,
    [2, 2, 1],
  );
});

test('from copies its input', () => {
  const src = [1, 2];
  const t = Tensor.from([2], src);
  src[0] = 99;
  assert.equal(t.get(0), 1);
});

test('shape errors are EngineErrors with code shape', () => {
  assert.throws(
    () => Tensor.fromNested([[1, 2], [3]]),
    (e: unknown) => e instanceof ShapeError && (e as EngineError).code === 'shape',
  );
  assert.throws(() => Tensor.from([2, 2], [1, 2, 3]), /needs 4 elements, got 3/);
  assert.throws(() => Tensor.from([2], [1, 2]).get(2), /index 2 is out of range for axis 0 of size 2/);
  assert.throws(() => Tensor.from([2], [1, 2]).item(), /expected a single number, got a 2 tensor/);
  assert.throws(() => reshape(Tensor.zeros([2, 3]), [4]), /cannot reshape 2×3 \(6 elements\) into 4/);
});

test('formatShape prints shapes as written', () => {
  assert.equal(formatShape([]), 'scalar');
  assert.equal(formatShape([3]), '3');
  assert.equal(formatShape([3, 4]), '3×4');
});

test('element budget caps allocations per op', () => {
  assert.equal(getElementBudget(), 1e6);
  withElementBudget(10, () => {
    assert.throws(
      () => Tensor.zeros([11]),
      (e: unknown) => e instanceof EngineError && e.code === 'budget',
    );
    const v = Tensor.from([3], [1, 2, 3]);
    assert.equal(add(v, v).size, 3);
    // An outer product of 3 and 4 would need 12 elements.
    assert.throws(
      () => matmul(Tensor.from([4], [1, 2, 3, 4]), Tensor.from([1, 3], [1, 2, 3])),
      /over the budget of 10/,
    );
  });
  assert.equal(getElementBudget(), 1e6);
  setElementBudget(5e5);
  assert.equal(getElementBudget(), 5e5);
  setElementBudget(1e6);
});

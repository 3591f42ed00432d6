import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as math from 'mathjs';
import * as E from '../../../server/src/engine/index';
import { Rng, Tensor } from '../../../server/src/engine/index';

const T = Tensor.fromNested;

function maxRelative(a: Tensor, b: number[][]): number {
  const flat = b.flat();
  const scale = Math.max(...flat.map(Math.abs), 1e-300);
  return Math.max(...Array.from(a.data, (x, i) => Math.abs(x - flat[i]))) / scale;
}

test('expm agrees with mathjs on random matrices of every size up to 5, small and large norms', () => {
  const rng = new Rng(7);
  for (let n = 1; n <= 5; n++)
    for (const scale of [0.01, 1, 6]) {
      const data = Array.from({ length: n * n }, () => scale * rng.normal());
      const a = Tensor.from([n, n], data);
      const rows = Array.from({ length: n }, (_, i) => data.slice(i * n, i * n + n));
      const expected = math.expm(math.matrix(rows)).toArray() as number[][];
      assert.ok(maxRelative(E.expm(a), expected) < 1e-11, `n = ${n}, scale ${scale}`);
    }
});

test('expm of a nilpotent matrix is I + N, and of a diagonal one the exponentials of the diagonal', () => {
  assert.deepEqual(
    E.expm(
      T([
        [0, 3],
        [0, 0],
      ]),
    ).toNested(),
    [
      [1, 3],
      [0, 1],
    ],
  );
  const d = E.expm(
    T([
      [1, 0],
      [0, -2],
    ]),
  ).toNested() as number[][];
  assert.ok(Math.abs(d[0][0] - Math.E) < 1e-14 && Math.abs(d[1][1] - Math.exp(-2)) < 1e-15);
  assert.equal(d[0][1], 0);
  assert.throws(() => E.expm(T([1, 2, 3])), /square matrix/);
});

test('the tangent of expm is its Fréchet derivative: d/dt e^{At} = A e^{At}', () => {
  const a = T([
    [0.3, -1.2],
    [0.7, 0.1],
  ]);
  const t = 0.8;
  const at = Tensor.from(
    [2, 2],
    Array.from(a.data, (x) => x * t),
  );
  const r = E.dExpm({ v: at, d: a });
  const expected = E.matmul(a, E.expm(at));
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(r.d!.data[i] - expected.data[i]) < 1e-13);
  assert.equal(E.dExpm({ v: at, d: null }).d, null);
});

test('cross product: the basis, antisymmetry and the tangent rule', () => {
  assert.deepEqual(Array.from(E.cross(T([1, 0, 0]), T([0, 1, 0])).data), [0, 0, 1]);
  assert.deepEqual(Array.from(E.cross(T([1, 2, 3]), T([4, 5, 6])).data), [-3, 6, -3]);
  const r = E.dCross({ v: T([1, 2, 3]), d: T([0, 1, 0]) }, { v: T([4, 5, 6]), d: T([1, 0, 0]) });
  // da × b + a × db = (0,1,0)×(4,5,6) + (1,2,3)×(1,0,0) = (6,0,-4) + (0,3,-2)
  assert.deepEqual(Array.from(r.d!.data), [6, 3, -6]);
  assert.throws(() => E.cross(T([1, 2]), T([3, 4])), /3 entries/);
});

// Property-based checks of algebraic identities the checker relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as E from '../../../server/src/engine/index';
import { Rational, Rng, Tensor } from '../../../server/src/engine/index';
import { assertClose, randomTensor } from './helpers';

const rational = fc
  .tuple(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: 1n, max: 1000n }))
  .map(([n, d]) => Rational.of(n, d));

test('rationals form a field', () => {
  fc.assert(
    fc.property(rational, rational, rational, (a, b, c) => {
      assert.ok(
        a
          .add(b)
          .add(c)
          .equals(a.add(b.add(c))),
      );
      assert.ok(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c))));
      assert.ok(a.sub(a).isZero());
      if (!b.isZero()) assert.ok(a.div(b).mul(b).equals(a));
      assert.ok(Math.abs(a.add(b).toNumber() - (a.toNumber() + b.toNumber())) < 1e-9);
      assert.equal(a.compare(b), Math.sign(a.toNumber() - b.toNumber()));
    }),
    { numRuns: 300, seed: 1 },
  );
});

test('decimal strings round-trip through toNumber', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 6 }), (n, places) => {
      const text = (n / 10 ** places).toFixed(places);
      assert.equal(Rational.fromDecimalString(text).toNumber(), Number(text));
    }),
    { numRuns: 300, seed: 2 },
  );
});

const dims = fc.integer({ min: 1, max: 5 });

test('matrix identities: (AB)ᵀ = BᵀAᵀ, (AB)C = A(BC), A A⁻¹ = I, det(AB) = det A det B', () => {
  fc.assert(
    fc.property(dims, dims, dims, dims, fc.integer({ min: 0, max: 2 ** 31 }), (m, k, n, p, seed) => {
      const rng = new Rng(seed);
      const A = randomTensor(rng, [m, k]),
        B = randomTensor(rng, [k, n]),
        C = randomTensor(rng, [n, p]);
      const AB = E.matmul(A, B);
      const lhs = E.transpose(AB),
        rhs = E.matmul(E.transpose(B), E.transpose(A));
      assertClose(E.reshape(lhs, [n, m]), E.reshape(rhs, [n, m]), 1e-12);
      assertClose(E.matmul(AB, C), E.matmul(A, E.matmul(B, C)), 1e-10);
      const S = randomTensor(rng, [m, m]),
        T2 = randomTensor(rng, [m, m]);
      assertClose(E.det(E.matmul(S, T2)).item(), E.det(S).item() * E.det(T2).item(), 1e-9);
      const W = E.add(S, E.mul(Tensor.eye(m), Tensor.scalar(2 * m)));
      assertClose(E.matmul(W, E.inv(W)), Tensor.eye(m), 1e-10);
    }),
    { numRuns: 150, seed: 3 },
  );
});

test('broadcast add is commutative and matches explicit expansion', () => {
  fc.assert(
    fc.property(dims, dims, fc.integer({ min: 0, max: 2 ** 31 }), (m, n, seed) => {
      const rng = new Rng(seed);
      const M = randomTensor(rng, [m, n]),
        r = randomTensor(rng, [n]),
        c = randomTensor(rng, [m, 1]);
      assert.deepEqual(E.add(M, r).toNested(), E.add(r, M).toNested());
      const viaBroadcast = E.add(c, r);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) assert.equal(viaBroadcast.get(i, j), c.get(i, 0) + r.get(j));
      assert.deepEqual(
        E.broadcastTo(r, [m, n]).toNested(),
        Array.from({ length: m }, () => Array.from(r.data)),
      );
    }),
    { numRuns: 150, seed: 4 },
  );
});

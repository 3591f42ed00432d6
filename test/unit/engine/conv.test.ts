import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../server/src/engine/index';
import {
  Rng,
  Tensor,
  conv,
  convT,
  convFull,
  convOutputSize,
  convTOutputSize,
} from '../../../server/src/engine/index';
import { assertClose, randomTensor } from './helpers';

const T = Tensor.fromNested;

function dot(a: Tensor, b: Tensor): number {
  assert.deepEqual(a.shape, b.shape);
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i] * b.data[i];
  return s;
}

/** Straight from the definition, with explicit bounds checks: the oracle for the fast kernel. */
function referenceConv(x: number[][][], w: number[][][][], s: number, p: number, d: number): number[][][] {
  const C = x.length,
    H = x[0].length,
    W = x[0][0].length;
  const O = w.length,
    KH = w[0][0].length,
    KW = w[0][0][0].length;
  const oh = Math.floor((H + 2 * p - d * (KH - 1) - 1) / s) + 1;
  const ow = Math.floor((W + 2 * p - d * (KW - 1) - 1) / s) + 1;
  const y: number[][][] = [];
  for (let o = 0; o < O; o++) {
    y.push([]);
    for (let i = 0; i < oh; i++) {
      y[o].push([]);
      for (let j = 0; j < ow; j++) {
        let acc = 0;
        for (let c = 0; c < C; c++)
          for (let a = 0; a < KH; a++)
            for (let b = 0; b < KW; b++) {
              const r = i * s + a * d - p,
                q = j * s + b * d - p;
              if (r >= 0 && r < H && q >= 0 && q < W) acc += x[c][r][q] * w[o][c][a][b];
            }
        y[o][i].push(acc);
      }
    }
  }
  return y;
}

test('1-D hand-computed cases', () => {
  const x = T([1, 2, 3, 4, 5]);
  assert.deepEqual(conv(x, T([1, 0, -1])).toNested(), [-2, -2, -2]);
  assert.deepEqual(conv(x, T([1, 0, -1]), 2, 1).toNested(), [-2, -2, 4]);
  assert.deepEqual(conv(x, T([1, 1]), 1, 0, 2).toNested(), [4, 6, 8]);
  assert.deepEqual(conv(x, T([1]), 1, 1).toNested(), [0, 1, 2, 3, 4, 5, 0]);
});

test('2-D and multi-channel hand-computed cases', () => {
  const img = T([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  assert.deepEqual(
    conv(
      img,
      T([
        [1, 0],
        [0, 1],
      ]),
    ).toNested(),
    [
      [6, 8],
      [12, 14],
    ],
  );
  assert.deepEqual(conv(img, T([[1]]), 2).toNested(), [
    [1, 3],
    [7, 9],
  ]);
  // 1-D multi-channel: x[c,n], w[o,c,k] → [o,n'].
  assert.deepEqual(
    conv(
      T([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      T([
        [
          [1, 1],
          [1, -1],
        ],
      ]),
    ).toNested(),
    [[2, 4]],
  );
  // 2-D, one filter over channels: x[c,h,w], w[c,kh,kw] → [h',w'].
  const x3 = T([
    [
      [1, 2],
      [3, 4],
    ],
    [
      [5, 6],
      [7, 8],
    ],
  ]);
  assert.deepEqual(conv(x3, T([[[2]], [[-1]]])).toNested(), [
    [-3, -2],
    [-1, 0],
  ]);
  // 2-D multi-channel: w[o,c,kh,kw] → [o,h',w'].
  assert.deepEqual(
    conv(
      x3,
      T([
        [[[2]], [[-1]]],
        [[[0]], [[1]]],
      ]),
    ).toNested(),
    [
      [
        [-3, -2],
        [-1, 0],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ],
  );
});

test('conv matches the definition on random inputs of every rank pair', () => {
  const rng = new Rng(5);
  for (let trial = 0; trial < 40; trial++) {
    const s = rng.int(1, 3),
      p = rng.int(0, 2),
      d = rng.int(1, 2);
    const C = rng.int(1, 3),
      O = rng.int(1, 3),
      KH = rng.int(1, 3),
      KW = rng.int(1, 3);
    const H = rng.int(d * (KH - 1) + 1, 7),
      W = rng.int(d * (KW - 1) + 1, 7);
    const x = randomTensor(rng, [C, H, W]),
      w = randomTensor(rng, [O, C, KH, KW]);
    const ref = referenceConv(x.toNested() as number[][][], w.toNested() as number[][][][], s, p, d);
    const oh = ref[0].length,
      ow = ref[0][0].length;
    assertClose(conv(x, w, s, p, d), ref.flat(2), 1e-12, '(3,4)');
    // One filter: (3,3).
    const w1 = E.take(w, 0, 0);
    assertClose(conv(x, w1, s, p, d), ref[0].flat(), 1e-12, '(3,3)');
    assert.deepEqual(conv(x, w1, s, p, d).shape, [oh, ow]);
    // Single channel 2-D: (2,2).
    const x0 = E.take(x, 0, 0),
      w00 = E.take(w1, 0, 0);
    const ref2 = referenceConv([x0.toNested() as number[][]], [[w00.toNested() as number[][]]], s, p, d);
    assertClose(conv(x0, w00, s, p, d), ref2.flat(2), 1e-12, '(2,2)');
    // 1-D: rows of the data with a 1-row kernel; (2,3) and (1,1).
    const xr = E.take(x, 1, 0); // [C, W]
    const wr = E.take(w, 2, 0); // [O, C, KW]
    assertClose(conv(xr, wr, s, p, d), referenceRows(xr, wr, s, p, d), 1e-12, '(2,3)');
    assertClose(
      conv(E.take(xr, 0, 0), E.take(E.take(wr, 0, 0), 0, 0), s, p, d),
      referenceRows(
        E.reshape(E.take(xr, 0, 0), [1, W]),
        E.reshape(E.take(E.take(wr, 0, 0), 0, 0), [1, 1, KW]),
        s,
        p,
        d,
      ),
      1e-12,
      '(1,1)',
    );
  }
});

/** 1-D multi-channel reference: y[o,i] = Σ_c Σ_j x[c, i·s + j·d − p] w[o,c,j]. */
function referenceRows(x: Tensor, w: Tensor, s: number, p: number, d: number): number[] {
  const [C, n] = x.shape,
    [O, , k] = w.shape;
  const out = convOutputSize(n, k, s, p, d);
  const y: number[] = [];
  for (let o = 0; o < O; o++)
    for (let i = 0; i < out; i++) {
      let acc = 0;
      for (let c = 0; c < C; c++)
        for (let j = 0; j < k; j++) {
          const at = i * s + j * d - p;
          if (at >= 0 && at < n) acc += x.get(c, at) * w.get(o, c, j);
        }
      y.push(acc);
    }
  return y;
}

test('transposed convolution by hand', () => {
  // y[i·s + j − p] += x[i]·w[j]
  assert.deepEqual(convT(T([1, 2]), T([1, 1, 1]), 2).toNested(), [1, 1, 3, 2, 2]);
  assert.deepEqual(convT(T([1, 2]), T([1, 1, 1]), 2, 1).toNested(), [1, 3, 2]);
  assert.deepEqual(convT(T([1, 2, 3]), T([1, -1])).toNested(), [1, 1, 1, -3]);
  assert.deepEqual(
    convT(
      T([
        [1, 2],
        [3, 4],
      ]),
      T([
        [1, 1],
        [1, 1],
      ]),
    ).toNested(),
    [
      [1, 3, 2],
      [4, 10, 6],
      [3, 7, 4],
    ],
  );
  // Multi-channel: x[c,n], w[c,o,k] → [o,n'].
  assert.deepEqual(
    convT(
      T([
        [1, 2],
        [3, 4],
      ]),
      T([
        [[1], [0]],
        [[1], [1]],
      ]),
    ).toNested(),
    [
      [4, 6],
      [3, 4],
    ],
  );
});

test('convT is the exact adjoint of conv for every rank pair', () => {
  const rng = new Rng(9);
  for (let trial = 0; trial < 30; trial++) {
    const s = rng.int(1, 3),
      p = rng.int(0, 2),
      d = rng.int(1, 2);
    const k = rng.int(1, 3),
      kh = rng.int(1, 3),
      C = rng.int(1, 3),
      O = rng.int(1, 3);
    // Pick sizes with (n + 2p − d(k−1) − 1) divisible by s so convT lands back on n.
    const fit = (kk: number): number => {
      const lower = Math.max(1, Math.ceil((2 * p - d * (kk - 1)) / s) + 1);
      const out = rng.int(lower, Math.max(lower, 5));
      return (out - 1) * s + d * (kk - 1) + 1 - 2 * p;
    };
    const n = fit(k),
      h = fit(kh);
    const cases: [Tensor, Tensor][] = [
      [randomTensor(rng, [n]), randomTensor(rng, [k])],
      [randomTensor(rng, [h, n]), randomTensor(rng, [kh, k])],
      [randomTensor(rng, [C, n]), randomTensor(rng, [O, C, k])],
      [randomTensor(rng, [C, h, n]), randomTensor(rng, [O, C, kh, k])],
    ];
    for (const [x, w] of cases) {
      const y = conv(x, w, s, p, d);
      const r = randomTensor(rng, [...y.shape]);
      const back = convT(r, w, s, p, d);
      assert.deepEqual(back.shape, x.shape, `convT lands on the input shape for ${x.shape} * ${w.shape}`);
      assertClose(
        dot(y, r),
        dot(x, back),
        1e-12,
        `⟨conv x, y⟩ = ⟨x, convT y⟩ for ${x.shape} * ${w.shape}, s=${s} p=${p} d=${d}`,
      );
    }
  }
});

test('output sizes follow the convolution arithmetic guide', () => {
  const rng = new Rng(2);
  for (let t = 0; t < 30; t++) {
    const i = rng.int(4, 12),
      k = rng.int(1, 4),
      s = rng.int(1, 3),
      d = rng.int(1, 3),
      p = rng.int(0, 3);
    // No padding, unit stride: o = i − k + 1.
    assert.equal(conv(Tensor.zeros([i]), Tensor.zeros([k])).size, i - k + 1);
    assert.equal(convOutputSize(i, k), i - k + 1);
    // Half padding (k = 2p + 1): o = i.
    const kOdd = 2 * p + 1;
    if (kOdd <= i + 2 * p) assert.equal(conv(Tensor.zeros([i]), Tensor.zeros([kOdd]), 1, p).size, i);
    // Full padding (p = k − 1): o = i + k − 1.
    assert.equal(conv(Tensor.zeros([i]), Tensor.zeros([k]), 1, k - 1).size, i + k - 1);
    // Strided: o = ⌊(i + 2p − k)/s⌋ + 1.
    assert.equal(conv(Tensor.zeros([i]), Tensor.zeros([k]), s, p).size, Math.floor((i + 2 * p - k) / s) + 1);
    // Dilated: effective kernel k̂ = k + (k − 1)(d − 1).
    const kHat = k + (k - 1) * (d - 1);
    if (kHat <= i + 2 * p) {
      assert.equal(
        conv(Tensor.zeros([i]), Tensor.zeros([k]), s, p, d).size,
        Math.floor((i + 2 * p - kHat) / s) + 1,
      );
    }
    // Transposed: o' = s(i' − 1) + k − 2p.
    if (s * (i - 1) + k - 2 * p > 0) {
      assert.equal(convT(Tensor.zeros([i]), Tensor.zeros([k]), s, p).size, s * (i - 1) + k - 2 * p);
      assert.equal(convTOutputSize(i, k, s, p), s * (i - 1) + k - 2 * p);
    }
    // 2-D: the formula applies per axis.
    assert.deepEqual(conv(Tensor.zeros([i, i + 1]), Tensor.zeros([k, k]), s, p).shape, [
      convOutputSize(i, k, s, p),
      convOutputSize(i + 1, k, s, p),
    ]);
  }
});

test('full convolution of sequences', () => {
  assert.deepEqual(convFull(T([1, 2, 3]), T([0, 1, 0.5])).toNested(), [0, 1, 2.5, 4, 1.5]);
  // (1 + x)(1 + x) = 1 + 2x + x²: convolution multiplies polynomials.
  assert.deepEqual(convFull(T([1, 1]), T([1, 1])).toNested(), [1, 2, 1]);
  // Full convolution = cross-correlation with the flipped kernel and full padding.
  const rng = new Rng(4);
  const x = randomTensor(rng, [6]),
    w = randomTensor(rng, [3]);
  const flipped = Tensor.from([3], Array.from(w.data).reverse());
  assertClose(convFull(x, w), conv(x, flipped, 1, 2), 1e-14);
});

test('conv errors', () => {
  const isShape =
    (pattern: RegExp) =>
    (e: unknown): boolean =>
      e instanceof E.EngineError && e.code === 'shape' && pattern.test(e.message);
  assert.throws(
    () => conv(T([1, 2]), T([1, 1, 1])),
    isShape(/conv output would be empty: input 2 \+ 2·padding 0 − kernel reach 3/),
  );
  assert.throws(
    () => conv(T([[1, 2, 3]]), Tensor.zeros([2, 3, 2])),
    isShape(/channel counts 3 and 1 differ/),
  );
  assert.throws(
    () => conv(Tensor.zeros([2, 2, 2, 2]), Tensor.zeros([2])),
    isShape(/cannot combine input 2×2×2×2 with kernel 2/),
  );
  assert.throws(() => convT(T([1]), T([1, 1]), 1, 2), isShape(/transposed conv output would be empty/));
  assert.throws(
    () => conv(T([1, 2]), T([1]), 0),
    (e: unknown) => e instanceof E.EngineError && e.code === 'domain',
  );
});

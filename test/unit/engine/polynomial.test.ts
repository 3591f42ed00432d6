import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Polynomial, Rational, RationalFunction, TooManyTerms } from '../../../server/src/engine';

const v = (n: string) => RationalFunction.variable(n);
const c = (n: number, d = 1) => RationalFunction.constant(Rational.of(n, d));

test('(a + b)^2 − (a^2 + b^2) is 2ab', () => {
  const a = v('a');
  const b = v('b');
  const r = a
    .add(b)
    .pow(2)!
    .sub(a.pow(2)!.add(b.pow(2)!));
  assert.equal(r.format(), '2ab');
});

test('identities cancel to zero, quotients included', () => {
  const a = v('a');
  const b = v('b');
  assert.ok(
    a
      .add(b)
      .mul(a.sub(b))
      .sub(a.pow(2)!.sub(b.pow(2)!))
      .isZero(),
  );
  assert.ok(a.div(b)!.add(c(1)).sub(a.add(b).div(b)!).isZero());
  assert.ok(c(1, 2).add(c(1, 3)).sub(c(5, 6)).isZero());
});

test('format: fractions, long names, powers, positive terms first, quotients bracketed', () => {
  const x2 = v('x_2');
  const x3 = v('x_3');
  assert.equal(
    x3
      .mul(c(1, 2))
      .sub(x2.mul(c(1, 2)))
      .format(),
    'x_3/2 − x_2/2',
  );
  assert.equal(x2.sub(x3).format(), 'x_2 − x_3');
  assert.equal(c(0).sub(x2).format(), '−x_2');
  assert.equal(x2.mul(x3).mul(c(3)).format(), '3·x_2·x_3');
  assert.equal(v('b').pow(2)!.mul(c(2)).format(), '2b^2');
  assert.equal(v('b').sub(c(1)).div(v('b'))!.format(), '(b − 1)/b');
  assert.equal(c(7, 3).format(), '7/3');
  assert.equal(c(0).format(), '0');
});

test('division by the zero function and negative powers of zero give null', () => {
  assert.equal(v('a').div(c(0)), null);
  assert.equal(c(0).pow(-1), null);
  assert.equal(v('a').pow(-2)!.format(), '1/a^2');
});

test('evaluate at a point; a missing variable or a zero denominator gives null', () => {
  const r = v('a').add(c(1)).div(v('b'))!;
  assert.equal(
    r.evaluate((n) => ({ a: 2, b: 4 })[n]),
    0.75,
  );
  assert.equal(
    r.evaluate((n) => ({ a: 2 })[n]),
    null,
  );
  assert.equal(
    r.evaluate((n) => ({ a: 2, b: 0 })[n]),
    null,
  );
});

test('growth past the term limit is refused, not computed', () => {
  let p = Polynomial.constant(Rational.ONE);
  for (let i = 0; i < 12; i++) p = p.add(Polynomial.variable(`x_${i}`));
  assert.throws(() => p.pow(6), TooManyTerms);
});

test('exact evaluation sees a term below the rounding of doubles', () => {
  const x = RationalFunction.variable('x');
  const tiny = RationalFunction.constant(Rational.of(1n, 10n ** 16n));
  const one = RationalFunction.constant(Rational.ONE);
  // (1 + 10⁻⁸x)² − (1 + 2·10⁻⁸x) = 10⁻¹⁶x²
  const e = RationalFunction.constant(Rational.of(1n, 10n ** 8n));
  const left = one.add(e.mul(x)).pow(2)!;
  const right = one.add(e.mul(x).mul(RationalFunction.constant(Rational.of(2))));
  const residual = left.sub(right);
  const at = Rational.fromDouble(0.75);
  assert.equal(
    left.evaluate(() => 0.75),
    right.evaluate(() => 0.75),
  );
  assert.ok(residual.evaluateExactly(() => at)!.equals(tiny.evaluateExactly(() => at)!.mul(at.pow(2))));
  assert.equal(
    residual.evaluateExactly(() => undefined),
    null,
  );
});

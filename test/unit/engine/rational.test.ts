import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError, Rational } from '../../../server/src/engine/index';

const R = (n: number, d = 1): Rational => Rational.of(n, d);
const D = Rational.fromDecimalString;

test('normalised on construction', () => {
  assert.equal(R(6, 8).toString(), '3/4');
  assert.equal(R(3, -4).toString(), '-3/4');
  assert.equal(R(-10, -5).toString(), '2');
  assert.equal(R(0, 7).toString(), '0');
  assert.ok(R(2, 4).equals(R(1, 2)));
  assert.throws(
    () => R(1, 0),
    (e: unknown) => e instanceof EngineError && e.code === 'domain',
  );
});

test('field operations', () => {
  assert.equal(R(1, 2).add(R(1, 3)).toString(), '5/6');
  assert.equal(R(1, 2).sub(R(3, 4)).toString(), '-1/4');
  assert.equal(R(2, 3).mul(R(9, 4)).toString(), '3/2');
  assert.equal(R(2, 3).div(R(4, 9)).toString(), '3/2');
  assert.equal(R(5).neg().toString(), '-5');
  assert.throws(
    () => R(1).div(R(0)),
    (e: unknown) => e instanceof EngineError && e.code === 'domain',
  );
  // 1/3 + 1/3 + 1/3 is exactly 1 (unlike in floating point, where 0.1 + 0.2 ≠ 0.3).
  assert.ok(R(1, 3).add(R(1, 3)).add(R(1, 3)).equals(Rational.ONE));
  assert.ok(D('0.1').add(D('0.2')).equals(D('0.3')));
});

test('integer powers, negative exponents invert', () => {
  assert.equal(R(2, 3).pow(3).toString(), '8/27');
  assert.equal(R(2, 3).pow(-2).toString(), '9/4');
  assert.equal(R(-2).pow(-3).toString(), '-1/8');
  assert.equal(R(7, 5).pow(0).toString(), '1');
  assert.equal(R(2).pow(100).toString(), (2n ** 100n).toString());
  assert.throws(() => R(0).pow(-1), /negative power/);
  assert.throws(() => R(2).pow(0.5), /integer exponent/);
});

test('comparison and predicates', () => {
  assert.equal(R(1, 3).compare(R(1, 2)), -1);
  assert.equal(R(-1, 2).compare(R(-2, 3)), 1);
  assert.equal(R(2, 4).compare(R(1, 2)), 0);
  assert.ok(R(4, 2).isInteger());
  assert.ok(!R(1, 2).isInteger());
  assert.equal(R(-3, 4).sign(), -1);
  assert.ok(R(0).isZero());
});

test('decimal strings are read exactly', () => {
  assert.equal(D('0.25').toString(), '1/4');
  assert.equal(D('-1.5').toString(), '-3/2');
  assert.equal(D('42').toString(), '42');
  assert.equal(D('1e3').toString(), '1000');
  assert.equal(D('2.5e-3').toString(), '1/400');
  assert.equal(D('.5').toString(), '1/2');
  assert.equal(D('3/6').toString(), '1/2');
  assert.throws(() => D('abc'), /not a decimal number/);
  assert.throws(() => D('.'), /not a decimal number/);
  assert.equal(Rational.fromInteger(-7).toString(), '-7');
  assert.equal(Rational.fromInteger(12345678901234567890n).toString(), '12345678901234567890');
});

test('toNumber, including huge numerators and denominators', () => {
  assert.equal(R(1, 4).toNumber(), 0.25);
  assert.equal(R(-3, 4).toNumber(), -0.75);
  const big = Rational.of(10n ** 400n + 1n, 3n * 10n ** 400n);
  assert.ok(Math.abs(big.toNumber() - 1 / 3) < 1e-15);
  const huge = Rational.of(10n ** 310n, 1n);
  assert.equal(huge.toNumber(), Infinity);
  const tiny = Rational.of(1n, 10n ** 300n);
  assert.ok(Math.abs(tiny.toNumber() / 1e-300 - 1) < 1e-12);
});

test('a double is read as the exact fraction it stores', () => {
  assert.equal(Rational.fromDouble(0.5).toString(), '1/2');
  assert.equal(Rational.fromDouble(-3).toString(), '-3');
  // 0.1 is not 1/10 in binary: its exact value has a power of two below.
  const tenth = Rational.fromDouble(0.1);
  assert.ok(!tenth.equals(R(1, 10)));
  assert.equal(tenth.toNumber(), 0.1);
  assert.throws(() => Rational.fromDouble(Number.NaN));
});

// The complex arithmetic of check/complexClaim.ts: powers, roots and branches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as C from '../../../server/src/check/complexValues';

const near = (a: C.Complex, re: number, im: number) =>
  assert.ok(Math.abs(a.re - re) < 1e-12 && Math.abs(a.im - im) < 1e-12, `${C.format(a)} ≠ ${re} + ${im}i`);

test('whole powers of complex values and e to a complex power have no branch', () => {
  near(C.pow(C.cx(1, 1), C.cx(2)), 0, 2);
  near(C.pow(C.cx(0, 1), C.cx(-1)), 0, -1);
  near(C.exp(C.cx(0, Math.PI)), -1, 0);
  near(C.pow(C.cx(4), C.cx(0.5)), 2, 0);
});

test('a root or a non-whole power of a negative or complex value declines (its branch is a choice)', () => {
  assert.throws(() => C.sqrt(C.cx(-1)), C.ComplexDeclined);
  assert.throws(() => C.sqrt(C.cx(1, 1)), C.ComplexDeclined);
  assert.throws(() => C.pow(C.cx(-1), C.cx(1 / 3)), C.ComplexDeclined);
  assert.throws(() => C.pow(C.cx(0, 1), C.cx(0.5)), C.ComplexDeclined);
});

test('division by zero is undefined, not infinite; the principal argument lies in (−π, π]', () => {
  assert.ok(Number.isNaN(C.div(C.cx(1), C.cx(0)).re));
  assert.equal(C.arg(C.cx(-1, 0)), Math.PI);
  near(C.cos(C.cx(0, 1)), Math.cosh(1), 0);
  near(C.sinh(C.cx(0, 1)), 0, Math.sin(1));
});

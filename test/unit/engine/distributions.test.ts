import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../server/src/engine/index';

// Reference values (to double precision), from the regularized incomplete beta and gamma functions in
// 30-digit arithmetic (mpmath); the three- and four-figure values printed in statistics tables
// (t 2.131, χ² 7.815, F 3.885) round from them.
const close = (got: number, want: number, what: string, rel = 1e-12) =>
  assert.ok(Math.abs(got - want) <= rel * Math.abs(want), `${what}: ${got} ≠ ${want}`);

test('normal quantile', () => {
  close(E.normalQuantile(0.975), 1.9599639845400543, 'z 0.975');
  close(E.normalQuantile(0.025), -1.9599639845400543, 'z 0.025');
  assert.equal(Math.abs(E.normalQuantile(0.5)) < 1e-15, true);
});

test('Student t distribution function and quantiles', () => {
  close(E.studentCdf(2.1, 15), 0.9734723719239786, 'T_15(2.1)');
  close(E.studentQuantile(0.975, 10), 2.228138851986275, 't 0.975, 10');
  close(E.studentQuantile(0.975, 1), 12.706204736174705, 't 0.975, 1');
  close(E.studentQuantile(0.975, 15), 2.1314495455597755, 't 0.975, 15');
  close(E.studentQuantile(0.975, 14), 2.144786687917804, 't 0.975, 14');
  close(E.studentQuantile(0.995, 30), 2.7499956535672254, 't 0.995, 30');
  close(E.studentQuantile(0.9995, 1), 636.6192487687197, 't 0.9995, 1');
  close(E.studentQuantile(0.95, 120), 1.6576508993552357, 't 0.95, 120');
  close(E.studentQuantile(0.025, 15), -2.1314495455597755, 't 0.025, 15');
});

test('chi-square distribution function and quantiles', () => {
  close(E.chiSquareCdf(3, 2), 0.7768698398515702, 'χ²_2(3)');
  close(E.chiSquareQuantile(0.95, 1), 3.841458820694126, 'χ² 0.95, 1');
  close(E.chiSquareQuantile(0.95, 3), 7.81472790325118, 'χ² 0.95, 3');
  close(E.chiSquareQuantile(0.05, 3), 0.3518463177492714, 'χ² 0.05, 3');
  close(E.chiSquareQuantile(0.95, 10), 18.307038053275146, 'χ² 0.95, 10');
  close(E.chiSquareQuantile(0.975, 15), 27.488392863442982, 'χ² 0.975, 15');
  close(E.chiSquareQuantile(0.025, 15), 6.262137795043251, 'χ² 0.025, 15');
  close(E.chiSquareQuantile(0.99, 100), 135.8067231710268, 'χ² 0.99, 100');
});

test('F distribution function and quantiles', () => {
  close(E.fisherCdf(2, 3, 10), 0.8219925926248246, 'F_{3,10}(2)');
  close(E.fisherQuantile(0.95, 2, 12), 3.885293834652394, 'F 0.95; 2, 12');
  close(E.fisherQuantile(0.95, 1, 1), 161.4476387975885, 'F 0.95; 1, 1');
  close(E.fisherQuantile(0.99, 3, 20), 4.938193382310539, 'F 0.99; 3, 20');
  close(E.fisherQuantile(0.05, 2, 12), 0.05151317067720151, 'F 0.05; 2, 12');
  close(E.fisherQuantile(0.95, 4, 30), 2.6896275736914186, 'F 0.95; 4, 30');
});

test('outside the domain: NaN', () => {
  assert.ok(Number.isNaN(E.studentQuantile(1.2, 5)));
  assert.ok(Number.isNaN(E.studentQuantile(0.5, 0)));
  assert.ok(Number.isNaN(E.chiSquareQuantile(0, 3)));
  assert.ok(Number.isNaN(E.fisherQuantile(0.95, -1, 3)));
});

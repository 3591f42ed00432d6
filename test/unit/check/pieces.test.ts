// Equations looked at again on more of their pieces (pieces.ts, claim.ts beyondTheWindow), and the
// rounding a sum of large terms leaves (precision.ts termsRounding), which keeps that look honest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../server/src/check';
import { PrecisionLog } from '../../../server/src/check/precision';

const verdicts = (text: string, seed?: number) =>
  checkText(seed === undefined ? text : `<!-- derive: seed ${seed} -->\n\n${text}`, 'markdown').claims.map(
    (c) => c.verdict,
  );

test('the rounding of a sum of large terms counts as a cancellation only beyond the tolerance', () => {
  const small = new PrecisionLog(1e-9);
  small.termsRounding(10, 20, 55);
  assert.equal(small.cancelled, false);

  const cancelled = new PrecisionLog(1e-9);
  cancelled.termsRounding(1e22, 80, 0);
  assert.equal(cancelled.cancelled, true);
  assert.equal(cancelled.cancelledSum, 1e22);
  assert.equal(cancelled.lost, null, 'a cancellation loses nothing by itself');
});

test('a false equation on pieces is refuted at every seed; its true neighbour stays verified', () => {
  const doc = (claim: string) => `Let $x > 0$ and $n \\in \\mathbb{N}$.\n\n$$${claim}$$\n`;
  for (let seed = 0; seed < 8; seed++) {
    assert.deepEqual(verdicts(doc('\\arcsin(\\sin(x/4)) = x/4'), seed), ['refuted'], `seed ${seed}`);
    assert.deepEqual(verdicts(doc('\\min(x, 8) = x'), seed), ['refuted'], `seed ${seed}`);
    assert.deepEqual(verdicts(doc('\\lfloor n/9 \\rfloor = 0'), seed), ['refuted'], `seed ${seed}`);
    assert.deepEqual(verdicts(doc('\\sqrt{x^2} = x'), seed), ['verified'], `seed ${seed}`);
    assert.deepEqual(verdicts(doc('\\lfloor n/2 \\rfloor + \\lceil n/2 \\rceil = n'), seed), ['verified']);
  }
});

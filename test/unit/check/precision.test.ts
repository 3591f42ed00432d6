// What double precision loses (precision.ts), what the decimal re-check says (decimal.ts), how
// undefined sides are reported, and that every printed value stays short (issues 15.1, 15.4, 9.3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Decimal from 'decimal.js';
import { checkText } from '../../../server/src/check';
import { PrecisionLog } from '../../../server/src/check/precision';
import { capText, formatDecimal, formatRational, MAX_TEXT } from '../../../server/src/check/format';
import { Rational } from '../../../server/src/engine';
import { cpuMs } from '../../support/cpuTime';

const md = (s: string) => checkText(s, 'markdown');
const f64 = (...xs: number[]) => Float64Array.from(xs);

test('the precision log: a term below the tolerance, a cancellation, an overflow, an underflow', () => {
  const absorbed = new PrecisionLog(1e-9);
  absorbed.sum(f64(Math.exp(30)), f64(1), f64(Math.exp(30) + 1));
  assert.match(absorbed.absorbed ?? '', /a term 1 is below the tolerance against 1\.07e13/);
  assert.equal(absorbed.lost, absorbed.absorbed);

  const fine = new PrecisionLog(1e-9);
  fine.sum(f64(1.5, 0, -2), f64(2.5, 3, 0), f64(4, 3, -2));
  assert.equal(fine.lost, null);
  assert.equal(fine.cancelled, false);

  const cancel = new PrecisionLog(1e-9);
  cancel.sum(f64(1), f64(-1), f64(0));
  assert.equal(cancel.cancelled, true);
  assert.equal(cancel.lost, null, 'an exact cancellation loses nothing by itself');

  const over = new PrecisionLog(1e-9);
  over.result(f64(Infinity, 2), (i) => (i === 0 ? '1e200 · 1e200' : null));
  assert.match(over.overflow ?? '', /1e200 · 1e200 exceeds the double range/);

  const under = new PrecisionLog(1e-9);
  under.result(f64(0, 5e-324, 1), () => '0.5^16384');
  assert.match(under.underflow ?? '', /0\.5\^16384 is below the double range \(it became 0\)/);

  // A loosened tolerance does not make every small term a hazard.
  const loose = new PrecisionLog(1e-3);
  loose.sum(f64(1), f64(1e-6), f64(1 + 1e-6));
  assert.equal(loose.absorbed, null);
});

test('beyond double precision: decimal arithmetic decides, and says so', () => {
  const r = md(
    '<!-- derive: x \\in \\mathbb{R} -->\n\n$$x^{16384} = 0$$\n\n$$e^{30} = e^{30} + ' +
      '1$$\n\n$$x^{16384} = x^{8192} x^{8192}$$\n',
  );
  const [zero, plusOne, square] = r.claims;
  assert.equal(zero.verdict, 'refuted');
  assert.match(zero.message, /in 80-digit arithmetic\) at x = -?[\d.]+ — left [\d.]+e-\d+, right 0/);
  assert.ok(zero.maxError >= 1);
  assert.equal(plusOne.verdict, 'refuted');
  // The digits shown are enough to see the difference.
  assert.match(
    plusOne.message,
    /doubles cannot tell the sides apart\) — left 10686474581524\.46\d*, right 10686474581525\.46\d*/,
  );
  assert.equal(square.verdict, 'verified');
  assert.match(square.message, /re-checked with 80 digits/);
});

test(
  'a value that changes with the precision carried, or a term lost even in decimals, is ' +
    'unchecked with the magnitudes',
  () => {
    const r = md('$$\\tan(\\pi/2) = \\tan(\\pi/2) + 1$$\n\n$$e^{1000} = e^{1000} + 1$$\n');
    assert.deepEqual(
      r.claims.map((c) => c.verdict),
      ['unchecked', 'unchecked'],
    );
    assert.match(
      r.claims[0].message,
      /^unchecked: beyond double precision .*changes with the precision carried \(7\.071e24 with 40 digits/,
    );
    assert.match(
      r.claims[1].message,
      /^unchecked: beyond double precision .*a term 1 is lost against 1\.97e434 even with 80 digits/,
    );
  },
);

test(
  'one side undefined where the other is defined is a counterexample with its sample; both ' +
    'undefined are counted',
  () => {
    const r = md(
      '<!-- derive: x \\in \\mathbb{R} -->\n\n$$\\log(x^2) = 2\\log x$$\n\n$$\\log x + \\log x = 2 ' +
        '\\log x$$\n',
    );
    const [one, both] = r.claims;
    assert.equal(one.verdict, 'refuted');
    assert.match(
      one.message,
      /^refuted: the right side is undefined at x = -[\d.]+ \(\\log of -[\d.]+: it needs x > 0\) while the left side is -?[\d.]+/,
    );
    assert.ok(one.details.includes('sample:'));
    assert.ok(
      one.details.some((d) => /^ {2}x = -[\d.]+$/.test(d)),
      one.details.join('\n'),
    );
    assert.equal(both.verdict, 'verified');
    const m = /both sides undefined at (\d+) other samples, left out/.exec(both.message);
    assert.ok(m && Number(m[1]) > 0, both.message);
    assert.equal(both.trials, 20);
  },
);

test(
  'printed values are capped: huge exact numbers by magnitude, decimals by digits, lines by ' + 'length',
  () => {
    assert.equal(formatRational(Rational.of(3n, 4n)), '3/4');
    const huge = Rational.fromInteger(10n ** 4096n + 1n);
    assert.equal(formatRational(huge), '≈1e4096 (4097 digits)');
    assert.equal(formatRational(huge.neg()), '−≈1e4096 (4097 digits)');
    assert.equal(formatDecimal(new Decimal('1e16777216')), '1e16777216');
    assert.equal(formatDecimal(new Decimal('10686474581524.4621'), 16), '10686474581524.46');
    assert.equal(formatDecimal(new Decimal(NaN)), 'NaN');
    const long = 'x'.repeat(5000);
    assert.ok(capText(long).length <= MAX_TEXT);
    assert.match(capText(long), /more characters\)$/);
    assert.equal(capText('short'), 'short');
  },
);

test('(10^{4096})^{4096} + 1 and 10^{4096} + 1: short messages, quickly', () => {
  const t0 = cpuMs();
  const r = md(
    '$$(10^{4096})^{4096} = (10^{4096})^{4096} + 1$$\n\n$$10^{4096} + 1 = ' +
      '10^{4096}$$\n\n$$(10^{4096})^{4096} = (10^{4096})^{4096}$$\n',
  );
  const ms = cpuMs() - t0;
  assert.deepEqual(
    r.claims.map((c) => c.verdict),
    ['unchecked', 'refuted', 'verified'],
  );
  assert.match(
    r.claims[1].message,
    /^refuted: left is ≈1e4096 \(4097 digits\), right is ≈1e4096 \(4097 digits\) \(exact arithmetic; they differ by 1\)$/,
  );
  for (const c of r.claims) {
    assert.ok(c.message.length <= MAX_TEXT, c.message.slice(0, 100));
    for (const d of c.details) assert.ok(d.length <= MAX_TEXT, d.slice(0, 100));
  }
  assert.ok(ms < 20_000, `took ${ms} ms`);
});

test('many unknown names: the message lists a few and counts the rest', () => {
  const names = Array.from({ length: 30 }, (_, i) => `a_{${i}}`);
  const r = md(`$$${names.join(' + ')} = 0$$\n`);
  assert.equal(r.claims[0].verdict, 'unchecked');
  assert.match(r.claims[0].message, /… \(22 more\)$/);
});

test('rounding noise: what a cancelling sum leaves is not a term lost, a small quantity is', () => {
  const log = new PrecisionLog(1e-9);
  const [a, b, c] = [0.7, -0.3, -0.4];
  const partial = f64(a + b);
  log.sum(f64(a), f64(b), partial);
  const residue = f64(partial[0] + c);
  log.sum(partial, f64(c), residue);
  assert.ok(residue[0] !== 0 && Math.abs(residue[0]) < 1e-15, 'the sum cancels to its last bits');
  // Scaled, and then added to a larger term: nothing is reported lost.
  const scaled = f64(residue[0] * 3);
  log.scaled(residue, f64(3), scaled, 'mul');
  log.sum(f64(2.5), scaled, f64(2.5 + scaled[0]));
  assert.equal(log.absorbed, null);
  // A term small in its own right is reported, noise or not around it.
  log.sum(f64(2.5), f64(1e-20), f64(2.5));
  assert.match(log.absorbed ?? '', /a term 1e-20 is lost against 2\.5/);
  assert.equal(log.absorbedRatio, 1e-20 / 2.5);
});

test('rounding noise through a chain rule and into a copy', () => {
  const log = new PrecisionLog(1e-9);
  const t = f64(1e-17);
  log.sum(f64(0.5), f64(-0.5 + 1e-17), t);
  const through = f64(t[0] * 4);
  log.chain(t, through);
  const copy = new Float64Array(1);
  copy[0] = through[0];
  log.carry(through, copy);
  log.sum(f64(1), copy, f64(1 + copy[0]));
  assert.equal(log.absorbed, null);
  // A tangent that is not noise stays a term.
  const plain = f64(1e-17);
  log.chain(f64(1), plain);
  log.sum(f64(1), plain, f64(1));
  assert.match(log.absorbed ?? '', /lost/);
});

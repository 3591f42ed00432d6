// diagnose.ts: the relation between the sides must hold at every sample, be reported only when
// the samples vary, and its fix must make the claim hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Tensor } from '../../../server/src/engine';
import { checkText, CheckCache } from '../../../server/src/check';
import { closedForm, inPrecisionOf, relate, withHeadline } from '../../../server/src/check/diagnose';

const v = (...xs: number[]) => Tensor.from([xs.length], xs);
const m = (rows: number[][]) => Tensor.from([rows.length, rows[0].length], rows.flat());

test('a constant factor at every sample, not at one', () => {
  assert.deepEqual(
    relate([
      { left: v(2, 4), right: v(1, 2) },
      { left: v(-6, 1), right: v(-3, 0.5) },
    ]),
    { kind: 'factor', c: 2 },
  );
  assert.equal(relate([{ left: v(2, 4), right: v(1, 2) }]), null, 'one sample says nothing');
  assert.equal(
    relate([
      { left: v(2, 4), right: v(1, 2) },
      { left: v(-6, 1), right: v(-3, 0.6) },
    ]),
    null,
    'fails at the second sample',
  );
  // Both sides the same constants at every sample: no relation is informative.
  assert.equal(
    relate([
      { left: v(2), right: v(1) },
      { left: v(2), right: v(1) },
    ]),
    null,
  );
  // A left side that is zero where the right is not is no factor.
  assert.equal(
    relate([
      { left: v(0), right: v(1) },
      { left: v(2), right: v(2) },
    ]),
    null,
  );
});

test('a sign is the factor −1', () => {
  assert.deepEqual(
    relate([
      { left: v(1, -2), right: v(-1, 2) },
      { left: v(3, 5), right: v(-3, -5) },
    ]),
    { kind: 'factor', c: -1 },
  );
});

test('a transpose, but not of a symmetric matrix', () => {
  const a = m([
    [1, 2],
    [3, 4],
  ]);
  const at = m([
    [1, 3],
    [2, 4],
  ]);
  const b = m([
    [0, -1],
    [5, 2],
  ]);
  const bt = m([
    [0, 5],
    [-1, 2],
  ]);
  assert.deepEqual(
    relate([
      { left: a, right: at },
      { left: b, right: bt },
    ]),
    { kind: 'transpose' },
  );
  const s = m([
    [1, 2],
    [2, 1],
  ]);
  assert.notEqual(
    relate([
      { left: s, right: s },
      { left: s, right: s },
    ])?.kind,
    'transpose',
  );
  // A row against a column.
  assert.deepEqual(
    relate([
      { left: m([[1, 2, 3]]), right: v(1, 2, 3) },
      { left: m([[4, 5, 6]]), right: v(4, 5, 6) },
    ]),
    { kind: 'transpose' },
  );
});

test('a constant term or a multiple of the identity', () => {
  assert.deepEqual(
    relate([
      { left: v(3), right: v(1) },
      { left: v(7), right: v(5) },
    ]),
    { kind: 'offset', c: 2, identity: false, entries: false },
  );
  assert.deepEqual(
    relate([
      {
        left: m([
          [2, 2],
          [3, 5],
        ]),
        right: m([
          [1, 2],
          [3, 4],
        ]),
      },
      {
        left: m([
          [1, 1],
          [0, 1],
        ]),
        right: m([
          [0, 1],
          [0, 0],
        ]),
      },
    ]),
    { kind: 'offset', c: 1, identity: true, entries: true },
  );
  assert.equal(
    relate([
      {
        left: m([
          [2, 2],
          [3, 5],
        ]),
        right: m([
          [1, 2],
          [3, 4],
        ]),
      },
      {
        left: m([
          [2, 1],
          [0, 1],
        ]),
        right: m([
          [0, 1],
          [0, 0],
        ]),
      },
    ]),
    null,
    'a different multiple at each sample',
  );
});

test("closed forms and the author's precision", () => {
  assert.equal(closedForm(0.5), '1/2');
  assert.equal(closedForm(Math.sqrt(99)), '√99');
  assert.equal(closedForm(Math.sqrt(4.5)), '√(9/2)');
  assert.equal(closedForm(Math.PI), null);
  assert.equal(inPrecisionOf(3, '3.16'), '3.00');
  assert.equal(
    inPrecisionOf(Math.sqrt(99), '10'),
    '9.95',
    'an integer literal is exact: the value needs decimals',
  );
  assert.equal(inPrecisionOf(3, '12'), '3');
  assert.equal(inPrecisionOf(0.001, '0.5'), '0.001', 'never 0.0 for a value that is not 0');
});

test('the headline replaces the percentage and keeps the values', () => {
  assert.equal(
    withHeadline('refuted: sides differ by 5.06% at n = 2 — left 1, right 2', 'H'),
    'refuted: H — at n = 2: left 1, right 2',
  );
  assert.equal(
    withHeadline('refuted: sides differ by 5% — left 1, right 2', 'H'),
    'refuted: H — left 1, right 2',
  );
});

test('every fix in the diagnosis fixture makes its claim hold', () => {
  const text = readFileSync(new URL('../../fixtures/diagnose.md', import.meta.url), 'utf8');
  const before = checkText(text, 'markdown');
  const fixed = before.claims.filter((c) => c.fix);
  assert.ok(fixed.length >= 12, `only ${fixed.length} fixes`);
  for (const c of fixed) {
    const f = c.fix!;
    const edited = text.slice(0, f.start) + f.newText + text.slice(f.end);
    const after = checkText(edited, 'markdown');
    const line = text.slice(0, c.opStart).split('\n').length;
    const same = after.claims.find(
      (x) =>
        x.opStart === (c.opStart < f.start ? c.opStart : c.opStart + f.newText.length - (f.end - f.start)),
    );
    assert.ok(same, `line ${line}: the claim is gone after ${f.title}`);
    assert.equal(same.verdict, 'verified', `line ${line}: ${f.title} → ${same.message}`);
  }
  // Only refuted claims carry a diagnosis.
  for (const c of before.claims) if (c.verdict !== 'refuted') assert.equal(c.diagnosis, undefined);
});

test('a cached diagnosis moves its fix with the claim', () => {
  const text = 'Let $x \\in \\mathbb{R}^{n}$. <!-- derive: u := 3x -->\n\n$$u = 3.16 x$$\n';
  const cache = new CheckCache();
  checkText(text, 'markdown', { cache });
  const moved = `Some words first.\n\n${text}`;
  const cached = checkText(moved, 'markdown', { cache }).claims[0];
  const fresh = checkText(moved, 'markdown').claims[0];
  assert.ok(cache.hits > 0);
  assert.deepEqual(cached.fix, fresh.fix);
  assert.equal(moved.slice(fresh.fix!.start, fresh.fix!.end), '3.16');
});

test('a transpose across shapes keeps the shapes', () => {
  assert.equal(
    withHeadline(
      'refuted: the sides have different shapes — left is a vector of 2, right is a 1×2 matrix',
      'H',
    ),
    'refuted: H; the sides have different shapes — left is a vector of 2, right is a 1×2 matrix',
  );
});

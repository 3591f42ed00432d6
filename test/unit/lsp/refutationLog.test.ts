// The refutations logged at the debug level (lsp/refutationLog.ts): every one at a document's first
// check, then only those new or changed since its last check — a result not seen before, a result
// whose place or message reads otherwise. Near misses: the very result object whose claim kept its
// offset while an edit moved its line (logged again), a verified result (never logged), a closed
// document (everything again), a workspace run (everything, kept nowhere).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClaimResult } from '../../../server/src/check/result';
import { RefutationLog } from '../../../server/src/lsp/refutationLog';
import { snapshots } from '../../../server/src/lsp/snapshot';

const URI = 'file:///log.md';

function result(opStart: number, verdict: ClaimResult['verdict'], message: string): ClaimResult {
  return {
    opStart,
    opEnd: opStart + 1,
    start: opStart - 2,
    end: opStart + 3,
    relation: '=',
    text: 'x',
    verdict,
    code: verdict === 'refuted' ? 'refuted' : verdict === 'verified' ? 'verified' : 'unchecked',
    message,
    details: [],
    trials: 1,
    maxError: 0,
    tag: null,
  } as ClaimResult;
}

test('a refutation is logged when it appears and when it moves, not on every check', () => {
  const log = new RefutationLog();
  const v1 = snapshots.create(URI, 'markdown', 1, 'aaaa\nbbbb\ncccc\n');
  const a = result(1, 'refuted', 'refuted: a');
  const b = result(6, 'refuted', 'refuted: b');
  const ok = result(11, 'verified', 'verified');
  assert.deepEqual(log.lines(URI, 'log.md', v1, [a, b, ok]), [
    '  log.md:1:2: refuted: a',
    '  log.md:2:2: refuted: b',
  ]);
  // The same results again: nothing new to log.
  const v2 = v1.updated(
    [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, text: 'C' }],
    2,
  );
  assert.deepEqual(log.lines(URI, 'log.md', v2, [a, b, ok]), []);
  // A new result for b (its claim edited), the same message: logged, since it is another check's.
  const b2 = result(6, 'refuted', 'refuted: b, again');
  assert.deepEqual(log.lines(URI, 'log.md', v2, [a, b2, ok]), ['  log.md:2:2: refuted: b, again']);
  // Near miss: a's offset kept, its line moved by an edit of the same length above it.
  const v3 = v2.updated(
    [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '\n' }],
    3,
  );
  assert.deepEqual(log.lines(URI, 'log.md', v3, [a, b2, ok]), [
    '  log.md:2:1: refuted: a',
    '  log.md:3:2: refuted: b, again',
  ]);
  // A result that stopped being refuted and came back: logged again when it comes back.
  assert.deepEqual(log.lines(URI, 'log.md', v3, [b2, ok]), []);
  assert.deepEqual(log.lines(URI, 'log.md', v3, [a, b2, ok]), ['  log.md:2:1: refuted: a']);
  // A closed document starts again; other documents are apart.
  assert.deepEqual(log.lines('file:///other.md', 'other.md', v3, [a]), ['  other.md:2:1: refuted: a']);
  log.forget(URI);
  assert.equal(log.lines(URI, 'log.md', v3, [a, b2, ok]).length, 2);
});

test('a workspace run logs every refutation', () => {
  const doc = snapshots.create(URI, 'markdown', 1, 'aaaa\nbbbb\n');
  const a = result(1, 'refuted', 'refuted: a');
  assert.deepEqual(RefutationLog.every('log.md', doc, [a, result(6, 'unchecked', 'u'), a]), [
    '  log.md:1:2: refuted: a',
    '  log.md:1:2: refuted: a',
  ]);
});

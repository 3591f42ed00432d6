// The worker's warm-up (server/src/lsp/warmUp.ts): its pieces take the checking paths (every claim
// read and verified, none left unchecked by a misreading that would warm the wrong code), one piece
// per task, and it stops as soon as a job comes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPiece, WARM_UP_PIECES, warmUp } from '../../../server/src/lsp/warmUp';

test('every warm-up piece has claims, and every claim is verified', () => {
  for (const piece of WARM_UP_PIECES) {
    const claims = checkPiece(piece).result.claims;
    assert.ok(claims.length > 0, piece);
    for (const c of claims) assert.equal(c.verdict, 'verified', `${piece}\n→ ${JSON.stringify(c)}`);
  }
});

test('one piece per task, done at the end', () => {
  const tasks: (() => void)[] = [];
  let done = 0;
  warmUp(
    () => false,
    () => done++,
    (run) => tasks.push(run),
  );
  let ran = 0;
  while (tasks.length > 0) {
    tasks.shift()?.();
    ran++;
  }
  assert.equal(ran, WARM_UP_PIECES.length + 1);
  assert.equal(done, 1);
});

test('a job stops the warm-up before its next piece, and it is never done', () => {
  const tasks: (() => void)[] = [];
  let stop = false;
  let done = 0;
  warmUp(
    () => stop,
    () => done++,
    (run) => tasks.push(run),
  );
  tasks.shift()?.();
  assert.equal(tasks.length, 1, 'the first piece schedules the next');
  stop = true;
  tasks.shift()?.();
  assert.equal(tasks.length, 0);
  assert.equal(done, 0);
});

// Files that bite (issue 15 items 8-9): symbolic-link loops, FIFOs, devices and huge files end
// with a clear message naming the file, in bounded time, through the one finder and reader that
// the CLI and the server share.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDerivationPaths } from '../../../server/src/files/find';
import { readDocumentFile, readDocumentFileSync } from '../../../server/src/files/read';
import { CliSandbox } from '../cli/helpers';

let box: CliSandbox;
let dir = '';
before(() => {
  box = new CliSandbox();
  dir = join(box.dir, 'tree');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'a.md'), '$2 + 2 = 5$\n');
  writeFileSync(join(dir, 'sub', 'b.tex'), '$1 + 1 = 2$\n');
  // Two links back to the directory itself: 2^depth paths for a walker that follows names.
  symlinkSync('.', join(dir, 'x'));
  symlinkSync('..', join(dir, 'sub', 'up'));
  symlinkSync('a.md', join(dir, 'alias.md'));
  symlinkSync('nowhere.md', join(dir, 'broken.md'));
});
after(() => box?.dispose());

test('symbolic-link loops end, and every real file is found once', { timeout: 60_000 }, async () => {
  const found = await findDerivationPaths([dir]);
  assert.deepEqual(
    found.files.map((f) => f.slice(dir.length + 1)),
    ['a.md', 'sub/b.tex'],
  );
  assert.deepEqual(found.errors, []);
  assert.deepEqual(found.notes, [`${join(dir, 'broken.md')}: skipped, a symbolic link to nothing`]);
  // Given twice, by two spellings: still once.
  assert.equal((await findDerivationPaths([dir, join(dir, 'x', 'x')])).files.length, 2);
});

test('the CLI on a looping tree: each file once, in bounded time', { timeout: 60_000 }, () => {
  const r = box.run(['--format', 'json', 'tree'], box.dir, 30_000);
  assert.equal(r.code, 1, r.err);
  assert.deepEqual(
    JSON.parse(r.out).files.map((f: { path: string }) => f.path),
    ['tree/a.md', 'tree/sub/b.tex'],
  );
});

test('a FIFO named x.md and a link to /dev/zero are passed over with a message naming them', {
  timeout: 60_000,
}, async () => {
  const fifoDir = join(box.dir, 'pipes');
  mkdirSync(fifoDir);
  writeFileSync(join(fifoDir, 'ok.md'), '$1 + 1 = 2$\n');
  execFileSync('mkfifo', [join(fifoDir, 'x.md')]);
  symlinkSync('/dev/zero', join(fifoDir, 'zero.md'));
  const found = await findDerivationPaths([fifoDir]);
  assert.deepEqual(found.files, [join(fifoDir, 'ok.md')]);
  assert.deepEqual(found.notes, [
    `${join(fifoDir, 'x.md')}: skipped, it is a named pipe (FIFO), not a regular file; derivcheck ` +
      `reads regular files only`,
    `${join(fifoDir, 'zero.md')}: skipped, it is a character device, not a regular file; ` +
      `derivcheck reads regular files only`,
  ]);
  // Walking past them is not an error; naming one is.
  const walked = box.run(['pipes'], box.dir, 30_000);
  assert.equal(walked.code, 0, walked.err);
  assert.match(walked.err, /pipes\/x\.md: skipped, it is a named pipe \(FIFO\)/);
  assert.match(walked.out, /1 file: 1 verified/);
  const named = box.run(['pipes/x.md', 'pipes/zero.md', 'pipes/ok.md'], box.dir, 30_000);
  assert.equal(named.code, 2);
  assert.match(named.err, /pipes\/x\.md: skipped, it is a named pipe \(FIFO\)/);
  assert.match(named.err, /pipes\/zero\.md: skipped, it is a character device/);
  // The reader itself never blocks on them either (a path can change between finding and reading).
  for (const p of [join(fifoDir, 'x.md'), join(fifoDir, 'zero.md')]) {
    assert.match((readDocumentFileSync(p) as { error: string }).error, /not a regular file/);
    assert.match(((await readDocumentFile(p)) as { error: string }).error, /not a regular file/);
  }
});

test('a file over the size limit is an error naming it, the size and the limit', {
  timeout: 60_000,
}, async () => {
  const big = join(box.dir, 'big.md');
  writeFileSync(big, '');
  truncateSync(big, 100 * 1024 * 1024); // sparse: no disk, no time
  const r = box.run(['big.md', 'tree/a.md'], box.dir, 30_000);
  assert.equal(r.code, 2);
  assert.match(
    r.err,
    /big\.md: file too large \(100 MB; limit 16 MB\); split it, or raise the limit with --max-file-size/,
  );
  assert.match(r.out, /a\.md:1:8: refuted/, 'the other files are still checked');
  const small = join(box.dir, 'small.md');
  writeFileSync(small, '$1 + 1 = 2$\n'.repeat(20000));
  assert.match(
    (readDocumentFileSync(small, 100_000) as { error: string }).error,
    /file too large \(0\.2 MB; limit 0\.1 MB\)/,
  );
  assert.ok('text' in (await readDocumentFile(small)));
  assert.match(box.run(['--max-file-size', '0.1', 'small.md']).err, /small\.md: file too large/);
});

test('the spelling shown for a file reached several ways does not depend on the order of the paths', {
  timeout: 60_000,
}, async () => {
  const a = await findDerivationPaths([join(dir, 'x'), dir, join(dir, 'alias.md')]);
  const b = await findDerivationPaths([join(dir, 'alias.md'), dir, join(dir, 'x')]);
  assert.deepEqual(a, b);
  assert.deepEqual(
    a.files.map((f) => f.slice(dir.length + 1)),
    ['a.md', 'sub/b.tex'],
  );
});

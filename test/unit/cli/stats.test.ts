// `--stats` (issue #14 item 5): the CLI itself reports what a run over a book cost, on stderr and
// in the JSON summary, and only when asked, so that the findings' output stays deterministic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runStats, SLOWEST_LISTED, statsLines } from '../../../server/src/cli/stats';
import { sandboxForTheseTests } from './helpers';

const cli = sandboxForTheseTests('sandbox');

const ONE = '# One\n\n$2 + 2 = 4$ and $3 + 3 = 7$.\n';
const TWO = '# Two\n\nLet $x \\in \\mathbb{R}$. Then $(x + 1)^2 = x^2 + 2x + 1$.\n';

function book(): string {
  const dir = join(cli.dir(), 'book');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'one.md'), ONE);
  writeFileSync(join(dir, 'two.md'), TWO);
  return 'book';
}

test('--stats adds files, bytes, claims, times, throughput and the slowest files to the JSON summary', () => {
  const r = cli.run(['--format', 'json', '--stats', '--exit-zero', book()]);
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out).summary.stats;
  assert.deepEqual(Object.keys(s).sort(), [
    'bytes',
    'claims',
    'claimsPerSecond',
    'cpuMs',
    'files',
    'kbPerSecond',
    'slowest',
    'wallMs',
  ]);
  assert.equal(s.files, 2);
  assert.equal(s.bytes, Buffer.byteLength(ONE) + Buffer.byteLength(TWO));
  assert.equal(s.claims, 3);
  assert.ok(s.wallMs > 0 && s.cpuMs > 0, JSON.stringify(s));
  assert.ok(s.kbPerSecond > 0 && s.claimsPerSecond > 0, JSON.stringify(s));
  assert.deepEqual(s.slowest.map((f: { path: string }) => f.path).sort(), ['book/one.md', 'book/two.md']);
  for (const f of s.slowest) assert.ok(f.ms >= 0 && f.claims > 0 && f.bytes > 0, JSON.stringify(f));
  assert.ok(s.slowest[0].ms >= s.slowest[1].ms);
  assert.match(r.err, /^derivcheck: 2 files, 0\.1 KB, 3 claims in [\d.]+ s wall, [\d.]+ s CPU/m);
  assert.match(r.err, /KB\/s, \d+ claims\/s$/m);
  assert.match(r.err, /^derivcheck: slowest:$/m);
  assert.match(r.err, /^derivcheck: +[\d.]+ s +book\/(one|two)\.md \(\d claims?, 0\.\d KB\)$/m);
});

test('without --stats the output has no times and stderr stays quiet', () => {
  const dir = book();
  for (const format of ['json', 'text']) {
    const plain = cli.run(['--format', format, '--exit-zero', dir]);
    assert.equal(plain.err, '');
    assert.doesNotMatch(plain.out, /stats|wallMs|KB\/s/);
  }
  // The text output itself is the same with --stats: the figures go to stderr.
  const a = cli.run(['--exit-zero', dir]);
  const b = cli.run(['--exit-zero', '--stats', dir]);
  assert.equal(b.out, a.out);
  assert.match(b.err, /claims\/s/);
});

test('runStats: throughput from the wall time, the slowest files first and at most five listed', () => {
  const inputs = Array.from({ length: 7 }, (_, k) => ({
    path: `c${k}.md`,
    bytes: 1024,
    claims: 10,
    ms: 100 * ((k * 3) % 7),
  }));
  const s = runStats(7, inputs, 2000, 3500);
  assert.equal(s.bytes, 7 * 1024);
  assert.equal(s.claims, 70);
  assert.equal(s.kbPerSecond, 3.5);
  assert.equal(s.claimsPerSecond, 35);
  assert.equal(s.slowest.length, SLOWEST_LISTED);
  assert.deepEqual(
    s.slowest.map((i) => i.ms),
    [600, 500, 400, 300, 200],
  );
  const lines = statsLines(s);
  assert.equal(
    lines[0],
    "7 files, 7.0 KB, 70 claims in 2.00 s wall, 3.50 s CPU (from Node's start): 4 KB/s, 35 claims/s",
  );
  assert.equal(lines.length, 2 + SLOWEST_LISTED);
});

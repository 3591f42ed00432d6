// The checker worker's code cache (server/src/workers/codeCache.ts): a bundle runs whether or not a
// cache is there, matches or is damaged; a cache is written once the code has warmed, and used by
// the next run of the same bundle only. Each run is a process of its own (codeCacheRun.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheDirectory } from '../../../server/src/workers/codeCache';

const RUNNER = new URL('./codeCacheRun.ts', import.meta.url).pathname;

function run(file: string, cache: string | null, warm = true): { used: boolean; runs: number } {
  const args = ['--import', 'tsx', RUNNER, file, cache ?? '-', warm ? 'warm' : 'cold'];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }));
}

/** A bundle that counts its runs and uses the CommonJS names the wrapper gives it. */
function bundle(dir: string, name: string, extra = ''): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    [
      "const { join } = require('node:path');",
      'globalThis.__codeCacheRuns = (globalThis.__codeCacheRuns ?? 0) + 1;',
      "module.exports.where = join(__dirname, 'x');",
      'function square(x) { return x * x; }',
      `square(3);\n${extra}`,
    ].join('\n'),
  );
  return file;
}

test('without a directory the bundle runs and nothing is written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-cc-'));
  assert.deepEqual(run(bundle(dir, 'a.js'), null), { used: false, runs: 1 });
  assert.deepEqual(readdirSync(dir), ['a.js']);
});

test('a cache is written once warm and used by the next run of the same bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-cc-'));
  const cache = join(dir, 'cache');
  const file = bundle(dir, 'a.js');
  assert.deepEqual(run(file, cache, false), { used: false, runs: 1 });
  assert.throws(() => readdirSync(cache), /ENOENT/, 'nothing is written before the code is warm');
  assert.deepEqual(run(file, cache), { used: false, runs: 1 });
  const written = readdirSync(cache);
  assert.equal(written.length, 1);
  assert.match(written[0], /^[0-9a-f]{24}\.bin$/);
  assert.deepEqual(run(file, cache), { used: true, runs: 1 });
  assert.deepEqual(readdirSync(cache), written, 'a run that used the cache leaves it as it is');
  // Another bundle never meets that cache, nor the same bundle rebuilt: each has a name of its own.
  const other = bundle(dir, 'b.js', 'square(4);\n');
  assert.deepEqual(run(other, cache), { used: false, runs: 1 });
  assert.equal(readdirSync(cache).length, 2);
  bundle(dir, 'a.js', 'square(5);\n');
  assert.deepEqual(run(file, cache), { used: false, runs: 1 });
  assert.deepEqual(run(file, cache), { used: true, runs: 1 });
});

test('a damaged cache is refused, the bundle runs, and the cache is written again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-cc-'));
  const cache = join(dir, 'cache');
  const file = bundle(dir, 'a.js');
  run(file, cache);
  const [name] = readdirSync(cache);
  writeFileSync(join(cache, name), 'not a code cache');
  assert.deepEqual(run(file, cache), { used: false, runs: 1 });
  assert.deepEqual(run(file, cache), { used: true, runs: 1 });
});

test('DERIVCHECK_CODE_CACHE: off, a directory, or the temporary directory', () => {
  assert.equal(codeCacheDirectory({ DERIVCHECK_CODE_CACHE: 'off' }), null);
  assert.equal(codeCacheDirectory({ DERIVCHECK_CODE_CACHE: '0' }), null);
  assert.equal(codeCacheDirectory({ DERIVCHECK_CODE_CACHE: '/some/where' }), '/some/where');
  assert.equal(codeCacheDirectory({}), join(tmpdir(), 'derivcheck-code-cache'));
});

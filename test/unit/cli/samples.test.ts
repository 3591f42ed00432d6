// npm run samples exits 0 when the verdicts are those samples/README.md lists, while printing
// every (seeded) refutation, and fails when they drift (issue 11 item 9).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error -- a plain .mjs script without type declarations
import { compareWithReadme } from '../../../scripts/samples-compare.mjs';
import { CliSandbox, repo } from './helpers';

const README = [
  'Current totals: **3 verified, 1 refuted, 0 unchecked**.',
  '',
  '| File | Seed | verified | refuted | unchecked | What |',
  '|---|---|--:|--:|--:|---|',
  '| `a.md` | 000 | 2 | 1 | 0 | one |',
  '| `b.tex` | — | 1 | 0 | 0 | two |',
].join('\n');

const report = (bVerdict: string) => ({
  files: [
    {
      path: 'samples/a.md',
      claims: [{ verdict: 'verified' }, { verdict: 'verified' }, { verdict: 'refuted' }],
    },
    { path: 'samples/b.tex', claims: [{ verdict: bVerdict }] },
    { path: 'samples/README.md', claims: [] },
  ],
  summary:
    bVerdict === 'verified'
      ? { verified: 3, refuted: 1, unchecked: 0 }
      : { verified: 2, refuted: 2, unchecked: 0 },
});

test('the comparison: agreement is no problem; a drifted file and the totals are named', () => {
  assert.deepEqual(compareWithReadme(report('verified'), README), []);
  assert.deepEqual(compareWithReadme(report('refuted'), README), [
    'b.tex: expected 1 verified, 0 refuted, 0 unchecked, found 0 verified, 1 refuted, 0 unchecked',
    'totals: samples/README.md says 3 verified, 1 refuted, 0 unchecked; found 2 verified, 2 ' +
      'refuted, 0 unchecked',
  ]);
  assert.match(compareWithReadme(report('verified'), 'no table')[0], /no table/);
});

test('npm run samples on the real samples: exit 0, every refutation printed', () => {
  const box = new CliSandbox();
  try {
    const r = spawnSync(process.execPath, [join(repo, 'scripts/samples.mjs')], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, DERIVCHECK_CLI: box.cli },
    });
    assert.equal(r.status, 0, r.stderr + r.stdout.slice(-2000));
    const refutations = r.stdout
      .split('\n')
      .filter((l) => /^samples\/[^:]+:\d+:\d+: (refuted|shape error):/.test(l));
    const totals = /Current totals: \*\*\d+ verified, (\d+) refuted/.exec(
      readFileSync(join(repo, 'samples/README.md'), 'utf8'),
    )!;
    assert.equal(refutations.length, Number(totals[1]));
  } finally {
    box.dispose();
  }
});

// The shared corpus (../shared/corpus beside the checkout; never copied into the repo): every
// document is read AND checked without a crash, at most 5% of math spans are unreadable (a span
// is unreadable when it produced a 'syntax' problem), and the whole corpus takes under 30 s.
// Run: npm run corpus. The table: node --import tsx scripts/corpus-report.mjs --details
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
// @ts-expect-error — a plain .mjs script, loaded through tsx
import { defaultCorpus, formatDetails, formatTable, runCorpus } from '../../scripts/corpus-report.mjs';

const present = existsSync(defaultCorpus);
if (!present)
  console.log(`corpus test skipped: no corpus at ${defaultCorpus} (CI has ../shared beside the checkout)`);

test('corpus: read and check everything — no crash, ≤ 5% unreadable spans, < 30 s', {
  skip: present ? false : `no corpus at ${defaultCorpus}`,
}, () => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const report = runCorpus(defaultCorpus);
  const ms = performance.now() - t0;
  // CPU time bounds it: other programs' load on a shared machine does not add to it.
  const used = process.cpuUsage(c0);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(formatTable(report));
  console.log(
    `wall ${Math.round(ms)} ms, CPU ${Math.round(cpuMs)} ms; ${report.refuted.length} refuted claims ` +
      `(node --import tsx scripts/corpus-report.mjs --details lists them)`,
  );
  assert.deepEqual(report.crashes, [], formatDetails(report));
  for (const group of ['d2l', 'conv_arithmetic', 'cs231n']) {
    assert.ok(report.groups[group]?.files > 0, `${group} documents were checked`);
    assert.ok(report.groups[group].spans > 0, `${group} has math spans`);
  }
  const t = report.total;
  assert.ok(t.verified + t.refuted + t.unchecked > 0, 'claims were checked');
  const share = t.unreadable / t.spans;
  assert.ok(
    share <= 0.05,
    `${t.unreadable} of ${t.spans} spans unreadable (${(100 * share).toFixed(1)}%, limit 5%)`,
  );
  assert.ok(cpuMs < 30_000, `corpus checked in ${Math.round(cpuMs)} ms of CPU (limit 30 s)`);
});

// npm run samples: check every sample document, print each refutation, and compare the verdict
// counts with the ones samples/README.md lists. The samples hold errors on purpose, so the
// demo succeeds (exit 0) when the verdicts are the expected ones, and fails when they drift.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareWithReadme, fmt } from './samples-compare.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// DERIVCHECK_CLI: another build of the CLI (the tests use one bundled from the sources).
const cli = spawnSync(
  process.execPath,
  [process.env.DERIVCHECK_CLI ?? join(root, 'dist/cli.js'), '--format', 'json', 'samples'],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
process.stderr.write(cli.stderr);
if (cli.status !== 0 && cli.status !== 1) {
  console.error(`samples: derivcheck exited with status ${cli.status}`);
  process.exit(2);
}
const report = JSON.parse(cli.stdout);
for (const f of report.files) {
  for (const c of f.claims) {
    if (c.verdict === 'refuted')
      console.log(
        `${f.path}:${c.line}:${c.column}: ${c.message}  [${c.text.replace(/\s+/g, ' ').slice(0, 80)}]`,
      );
  }
}
const problems = compareWithReadme(report, readFileSync(join(root, 'samples/README.md'), 'utf8'));
if (problems.length) {
  console.error(
    `\nsamples: the verdicts differ from samples/README.md:\n  ${problems.join('\n  ')}\nIf the ` +
      `change is intended, update the table in samples/README.md.`,
  );
  process.exit(1);
}
console.log(
  `\nsamples: ${report.files.length} files, ${fmt(report.summary)}: as samples/README.md expects ` +
    `(the refutations above are the seeded errors).`,
);

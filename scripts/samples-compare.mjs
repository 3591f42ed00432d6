// The comparison behind npm run samples: the verdict counts of a `derivcheck --format json`
// report against the table and the totals line of samples/README.md.

/** Verdict counts per file (path without the leading samples/). */
export function countsByFile(report) {
  const actual = new Map();
  for (const f of report.files) {
    const counts = { verified: 0, refuted: 0, unchecked: 0 };
    for (const c of f.claims) counts[c.verdict]++;
    actual.set(f.path.replace(/^samples\//, ''), counts);
  }
  return actual;
}

/** What differs between the report and samples/README.md, one line each (none when they agree). */
export function compareWithReadme(report, readme) {
  const actual = countsByFile(report);
  // The table rows: | `file` | seed | verified | refuted | unchecked | what it exercises |
  const expected = new Map();
  for (const m of readme.matchAll(/^\| `([^`]+)` \|[^|]*\| (\d+) \| (\d+) \| (\d+) \|/gm)) {
    expected.set(m[1], { verified: +m[2], refuted: +m[3], unchecked: +m[4] });
  }
  const problems = [];
  if (expected.size === 0)
    problems.push(
      'samples/README.md has no table of files with their verified, refuted and unchecked counts',
    );
  for (const [file, want] of expected) {
    const got = actual.get(file);
    if (!got) problems.push(`${file}: listed in samples/README.md but not checked`);
    else if (JSON.stringify(got) !== JSON.stringify(want))
      problems.push(`${file}: expected ${fmt(want)}, found ${fmt(got)}`);
  }
  for (const [file, got] of actual) {
    if (!expected.has(file) && got.verified + got.refuted + got.unchecked > 0)
      problems.push(`${file}: has claims (${fmt(got)}) but no row in samples/README.md`);
  }
  const totals = /Current totals: \*\*(\d+) verified, (\d+) refuted, (\d+) unchecked\*\*/.exec(readme);
  const s = report.summary;
  if (!totals)
    problems.push('samples/README.md has no "Current totals: **N verified, N refuted, N unchecked**" line');
  else if (+totals[1] !== s.verified || +totals[2] !== s.refuted || +totals[3] !== s.unchecked)
    problems.push(
      `totals: samples/README.md says ${totals[1]} verified, ${totals[2]} refuted, ${totals[3]} ` +
        `unchecked; found ${fmt(s)}`,
    );
  return problems;
}

export function fmt(c) {
  return `${c.verified} verified, ${c.refuted} refuted, ${c.unchecked} unchecked`;
}

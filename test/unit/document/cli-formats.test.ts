// The CLI on the formats of test/fixtures/formats/: notebook positions as cell + line/column in
// text and JSON and as a region of the .ipynb file in SARIF; a LaTeX project checked once from
// its root, each verdict in the file where it is written; a malformed notebook names the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo, sandboxForTheseTests } from '../cli/helpers';

const fixtures = 'test/fixtures/formats';
const { dir, run } = sandboxForTheseTests('repo');

test('notebook in text and JSON: the cell number and the line and column in the cell', () => {
  const t = run([`${fixtures}/notebook.ipynb`]);
  assert.equal(t.code, 1, t.err);
  assert.match(
    t.out,
    /^test\/fixtures\/formats\/notebook\.ipynb#cell3:7:14: refuted: (left equals the transpose of right at every sample(; | — ))?the sides have different shapes/m,
  );
  assert.match(
    t.out,
    /^test\/fixtures\/formats\/notebook\.ipynb#cell5:2:16: refuted: left is 9, right is 10/m,
  );
  // Code and raw cells and outputs are never read.
  assert.doesNotMatch(t.out, /2 \+ 2 = 5|1 \+ 1 = 3/);
  const j = JSON.parse(run(['--format', 'json', `${fixtures}/notebook.ipynb`]).out);
  const refuted = j.files[0].claims.filter((c: { verdict: string }) => c.verdict === 'refuted');
  assert.deepEqual(
    refuted.map((c: { cell: number; line: number; column: number }) => [c.cell, c.line, c.column]),
    [
      [3, 7, 14],
      [5, 2, 16],
    ],
  );
});

test('notebook in SARIF: a region of the .ipynb file as stored, and the cell as a logical location', () => {
  const s = JSON.parse(run(['--format', 'sarif', `${fixtures}/notebook.ipynb`]).out);
  const results = s.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'refuted');
  assert.equal(results.length, 2);
  const loc = results[0].locations[0];
  assert.equal(loc.physicalLocation.artifactLocation.uri, 'test/fixtures/formats/notebook.ipynb');
  assert.deepEqual(loc.logicalLocations, [
    { name: 'cell 3', fullyQualifiedName: 'cells[2]', kind: 'element' },
  ]);
  assert.equal(loc.properties.cell, 3);
  const region = loc.physicalLocation.region;
  const line = readFileSync(join(repo, fixtures, 'notebook.ipynb'), 'utf8').split('\n')[region.startLine - 1];
  // The region starts at the claim's left side as it is written in the JSON (a backslash escaped).
  assert.equal(line.slice(region.startColumn - 1, region.startColumn - 1 + 13), '\\\\nabla_w L =');
});

test(
  'a LaTeX project: checked once from its root, verdicts and problems in the file where they ' +
    'are written',
  () => {
    const r = run([`${fixtures}/latex`]);
    assert.equal(r.code, 1, r.err);
    const lines = r.out.trim().split('\n');
    assert.deepEqual(
      lines.map((l) => l.replace(/: .*/, '')),
      [
        'test/fixtures/formats/latex/chapters/appendix.tex:1:27',
        'test/fixtures/formats/latex/chapters/results.tex:8:33',
        'test/fixtures/formats/latex/chapters/results.tex:10:30',
        '5 files',
      ],
    );
    assert.match(lines[2], /already being read \(main\.tex → results\.tex → main\.tex\)/);
    assert.equal(lines[3], '5 files: 5 verified, 1 refuted, 0 unchecked');
    // An included file given alone: checked in the context of its root, only its own verdicts.
    const one = run(['--verbose', `${fixtures}/latex/chapters/results.tex`]);
    assert.match(one.out, /results\.tex:5:33: verified/);
    assert.doesNotMatch(one.out, /definitions\.tex|appendix\.tex/);
    assert.match(one.out, /1 file: 2 verified, 1 refuted/);
  },
);

test('a malformed notebook: exit 2, the message names the file and where the JSON breaks', () => {
  writeFileSync(
    join(dir(), 'bad.ipynb'),
    '{"cells": [\n  {"cell_type": "markdown", "source": ["$1+1=2$"]}\n  {"x": 1}\n]}\n',
  );
  writeFileSync(join(dir(), 'good.qmd'), '---\ntitle: "$5"\n---\n$1 + 1 = 2$\n');
  const r = run(['bad.ipynb', 'good.qmd'], dir());
  assert.equal(r.code, 2);
  assert.match(r.err, /^derivcheck: bad\.ipynb:3:3: not a valid notebook: the JSON is malformed/m);
  assert.match(r.out, /1 file: 1 verified/);
});

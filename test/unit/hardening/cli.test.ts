// The CLI on bad files (binary, invalid UTF-8, empty, BOM) and determinism (issue §2, §5): the same
// input gives byte-identical `--format json` output whatever the order of the files and however
// often it runs. The CLI is bundled afresh from server/src into a temporary directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo, sandboxForTheseTests } from '../cli/helpers';

const { dir, run } = sandboxForTheseTests('sandbox');

test('a binary file given to the CLI: exit 2 with a message naming the file', () => {
  writeFileSync(
    join(dir(), 'binary.md'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0x24, 0x24]),
  );
  const r = run(['binary.md']);
  assert.equal(r.code, 2);
  assert.match(r.err, /binary\.md/);
});

test('invalid UTF-8: exit 2 with a message naming the file; other files are still reported', () => {
  writeFileSync(join(dir(), 'latin1.md'), Buffer.from('caf\xe9 $1 + 1 = 2$\n', 'latin1'));
  writeFileSync(join(dir(), 'good.md'), '$1 + 1 = 2$\n');
  const r = run(['--format', 'json', 'latin1.md', 'good.md']);
  assert.equal(r.code, 2);
  assert.match(r.err, /latin1\.md.*UTF-8/);
  const json = JSON.parse(r.out);
  assert.deepEqual(
    json.files.map((f: { path: string }) => f.path),
    ['good.md'],
  );
  assert.equal(json.summary.verified, 1);
});

test('an empty file and a file with a BOM: exit 0/1 as usual, positions counted without the BOM', () => {
  writeFileSync(join(dir(), 'empty.md'), '');
  writeFileSync(join(dir(), 'bom.md'), '\ufeffX $2 + 2 = 5$\n');
  const r = run(['--format', 'json', 'empty.md', 'bom.md']);
  assert.equal(r.code, 1, r.err);
  const json = JSON.parse(r.out);
  const bom = json.files.find((f: { path: string }) => f.path === 'bom.md');
  assert.equal(bom.claims[0].verdict, 'refuted');
  assert.deepEqual([bom.claims[0].line, bom.claims[0].column], [1, 10]);
  const empty = json.files.find((f: { path: string }) => f.path === 'empty.md');
  assert.deepEqual([empty.spans, empty.claims.length], [0, 0]);
});

test('a missing file and an unsupported extension: exit 2 naming them', () => {
  writeFileSync(join(dir(), 'notes.txt'), '$1 = 1$');
  const r = run(['nope.md', 'notes.txt']);
  assert.equal(r.code, 2);
  assert.match(r.err, /nope\.md/);
  assert.match(r.err, /notes\.txt/);
});

test('determinism: byte-identical JSON whatever the file order and however often it runs', () => {
  const names = ['cnn-batchnorm-relu.md', 'midterm-ryu.md', 'conv-arithmetic.tex', 'trainability-ttic.md'];
  for (const n of names) copyFileSync(join(repo, 'samples', n), join(dir(), n));
  for (const n of ['arithmetic.md', 'calculus.md', 'linear-algebra.md'])
    copyFileSync(join(repo, 'test/fixtures', n), join(dir(), `fx-${n}`));
  const all = [...names, 'fx-arithmetic.md', 'fx-calculus.md', 'fx-linear-algebra.md'];
  const first = run(['--format', 'json', ...all]);
  assert.ok(first.code === 0 || first.code === 1, first.err);
  assert.ok(JSON.parse(first.out).files.length === all.length);
  const orders = [[...all].reverse(), [all[3], all[0], all[5], all[1], all[6], all[2], all[4]], all];
  for (const order of orders) {
    const r = run(['--format', 'json', ...order]);
    assert.equal(r.out, first.out, `same bytes for order ${order.join(' ')}`);
    assert.equal(r.code, first.code);
  }
  // Text and SARIF too.
  for (const format of ['text', 'sarif']) {
    const a = run(['--format', format, ...all]);
    const b = run(['--format', format, ...[...all].reverse()]);
    assert.equal(b.out, a.out, `${format} output is order-independent`);
  }
});

test('block quotes 4,000 deep: the rest is checked, the cut is placed, and the run exits 2', () => {
  // Once "Maximum call stack size exceeded" and nothing read (issue 15, item 7).
  writeFileSync(
    join(dir(), 'deep.md'),
    `$$2 + 2 = 4$$\n\n${'> '.repeat(4000)}$1 + 1 = 5$\n\nThen $$1 + 1 = 3$$\n`,
  );
  const r = run(['deep.md']);
  assert.equal(r.code, 2, r.out + r.err);
  // The cut comes right after the 100th marker (column 200 of line 3).
  assert.match(r.out, /^deep\.md:3:200: warning\[input\]: document partly read: block quotes and lists/m);
  assert.match(r.out, /^deep\.md:5:14: refuted: left is 2, right is 3/m);
  assert.doesNotMatch(r.out, /1 \+ 1 = 5/, 'the math past the cut is not read');
  assert.match(r.out, /1 file: 1 verified, 1 refuted, 0 unchecked/);
  assert.match(r.err, /derivcheck: deep\.md: document partly read/);
});

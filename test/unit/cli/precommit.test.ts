// The pre-commit hook (issue 16 item 11): a node hook whose entry is the package's bin, run on
// Markdown and LaTeX files, and a package that carries the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo } from './helpers';

test(
  '.pre-commit-hooks.yaml: one node hook running the derivcheck bin on .md, .markdown and .tex ' + 'files',
  () => {
    const yaml = readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8');
    const field = (name: string) => new RegExp(`^ {2}${name}: (.+)$`, 'm').exec(yaml)?.[1];
    assert.match(yaml, /^- id: derivcheck$/m);
    assert.equal(field('language'), 'node');
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    assert.ok(pkg.bin[field('entry')!], `entry ${field('entry')} is a bin of package.json`);
    assert.equal(pkg.scripts.prepack, 'npm run build', 'npm pack (which pre-commit runs) builds the CLI');
    const files = new RegExp(field('files')!);
    for (const name of ['notes.md', 'docs/a.markdown', 'paper.tex']) assert.ok(files.test(name), name);
    for (const name of ['notes.txt', 'a.md.bak', 'tex']) assert.ok(!files.test(name), name);
  },
);

test('the packed package holds the bundled CLI, not the test suite', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const paths: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  assert.ok(paths.includes(pkg.bin.derivcheck), `${pkg.bin.derivcheck} in ${paths.join(', ')}`);
  assert.ok(!paths.some((p) => p.startsWith('test/') || p.startsWith('node_modules/')));
});

// The diagnostic code table (issue 16 item 9): every code the checker can emit is listed, each
// example really gets its code, and docs/codes.md is generated from the same table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkText } from '../../../server/src/check/index';
import { CODES, codeInfo, codesMarkdown, explainText, FINDING_CODES } from '../../../server/src/codes';
import { repo } from './helpers';

function sources(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
    });
}

test('every code literal of the reader, the model and the checker is in the table', () => {
  const found = new Set<string>();
  for (const part of ['document', 'math', 'model', 'check']) {
    for (const file of sources(join(repo, 'server/src', part))) {
      const text = readFileSync(file, 'utf8');
      // `code: 'x'`, `code: 'x' | 'y'` (the types of problems and results) and `problem(a, b, 'x', …)`.
      for (const m of text.matchAll(/code\??: ('[a-z-]+'(?:\s*\|\s*'[a-z-]+')*)/g))
        for (const c of m[1].matchAll(/'([a-z-]+)'/g)) found.add(c[1]);
      for (const m of text.matchAll(/\.problem\([^,]+,[^,]+,\s*'([a-z-]+)'/g)) found.add(m[1]);
    }
  }
  assert.ok(
    found.has('refuted') && found.has('unclosed-math'),
    `the scan finds codes: ${[...found].join(', ')}`,
  );
  const missing = [...found].filter((c) => !codeInfo(c));
  assert.deepEqual(
    missing,
    [],
    `add these codes to server/src/codes.ts (with an example) and run npm run docs:codes`,
  );
});

test('each example gets its code', () => {
  for (const info of CODES) {
    if (!info.example) continue;
    const r = checkText(info.example.text, info.example.kind);
    const codes = [...r.claims.map((c) => c.code), ...r.problems.map((p) => p.code)];
    assert.ok(codes.includes(info.code as never), `${info.code}: the example gives ${JSON.stringify(codes)}`);
  }
  assert.ok(CODES.every((c) => c.title && c.meaning && c.action));
  assert.deepEqual(FINDING_CODES.includes('verified'), false);
});

test('docs/codes.md is generated from the table', () => {
  const doc = readFileSync(join(repo, 'docs/codes.md'), 'utf8');
  assert.equal(doc, codesMarkdown(), 'docs/codes.md is out of date: run npm run docs:codes');
  for (const c of CODES) assert.match(doc, new RegExp(`^## ${c.code}$`, 'm'));
});

test('explain prints the meaning, the example and what to do', () => {
  const t = explainText(codeInfo('shape')!);
  assert.match(t, /^shape: An expression cannot be formed\n/);
  assert.match(t, /Example \(Markdown\):\n\n {4}<!-- derive: A/);
  assert.match(t, /What to do: Check the declared shapes/);
});

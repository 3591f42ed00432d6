// Trust (issue §6): the code never evaluates text from a document. Scans server/src and client/src
// for eval, new Function, non-literal require()/import(), and mathjs evaluate/parse/compile;
// and checks what package.json declares for untrusted workspaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : sources(p);
      return /\.(ts|mts|cts|js|mjs|cjs)$/.test(name) ? [p] : [];
    });
}

/** Source text with comments and string/template contents blanked (offsets and lines kept). */
export function code(text: string): string {
  let out = '';
  let i = 0;
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  while (i < text.length) {
    const c = text[i];
    const n = text[i + 1];
    if (c === '/' && n === '/') {
      const j = text.indexOf('\n', i);
      const e = j < 0 ? text.length : j;
      out += blank(text.slice(i, e));
      i = e;
      continue;
    }
    if (c === '/' && n === '*') {
      const j = text.indexOf('*/', i + 2);
      const e = j < 0 ? text.length : j + 2;
      out += blank(text.slice(i, e));
      i = e;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\') j++;
        j++;
      }
      // Keep the quotes so that `require('x')` still reads as a literal argument; a template with
      // an interpolation is not a literal, so it becomes a name.
      const body = text.slice(i + 1, j);
      if (c === '`' && body.includes('${')) out += `x${blank(body)}${j < text.length ? ' ' : ''}`;
      else out += c + blank(body) + (j < text.length ? c : '');
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

const RULES: { what: string; re: RegExp }[] = [
  { what: 'eval(', re: /(?<![\w$.])eval\s*\(/ },
  { what: 'new Function', re: /\bnew\s+Function\b/ },
  { what: 'Function( constructor', re: /(?<![\w$.])Function\s*\(/ },
  { what: 'require() of a non-literal name', re: /(?<![\w$.])require\s*\(\s*(?!['"`][^'"`]*['"`]\s*\))/ },
  { what: 'import() of a non-literal name', re: /(?<![\w$.])import\s*\(\s*(?!['"`][^'"`]*['"`]\s*\))/ },
  {
    what: 'mathjs evaluate/parse/compile',
    re: /\b(?:math|mathjs)\s*\.\s*(?:evaluate|parse|compile)\b|\bimport\s*\{[^}]*\b(?:evaluate|parse|compile)\b[^}]*\}\s*from\s*['"]mathjs['"]/,
  },
  { what: 'vm module', re: /from\s*['"](?:node:)?vm['"]|require\s*\(\s*['"](?:node:)?vm['"]\s*\)/ },
];

/**
 * The one place the scan allows: the checker worker's entry compiles the project's own bundle
 * (dist/checker-core.js) with V8's code cache, which only `vm.Script` takes (workers/codeCache.ts).
 * Never text from a document: the next test pins that its only caller names that file.
 */
const ALLOWED = new Map([['server/src/workers/codeCache.ts', 'vm module']]);
const allowed = (file: string, what: string) => ALLOWED.get(file) === what;

test('the vm module compiles only the checker bundle beside the worker entry', () => {
  const callers: string[] = [];
  for (const f of sources(join(repo, 'server/src'))) {
    const raw = readFileSync(f, 'utf8');
    // Calls in code (not comments or strings), read back from the raw text to the end of their line.
    for (const m of code(raw).matchAll(/(?<!function\s+)\brunWithCodeCache\s*\(/g)) {
      const end = raw.indexOf('\n', m.index);
      callers.push(`${relative(repo, f)}: ${raw.slice(m.index, end < 0 ? raw.length : end).trim()}`);
    }
  }
  assert.deepEqual(callers, [
    'server/src/workers/cachedEntry.ts: ' +
      "runWithCodeCache(join(__dirname, 'checker-core.js'), codeCacheDirectory());",
  ]);
});

test('the trust scanner itself: it flags each construct and ignores strings and comments', () => {
  const flagged = (src: string) =>
    RULES.filter((r) => r.re.test(code(src)) || (r.what.startsWith('mathjs') && r.re.test(src))).map(
      (r) => r.what,
    );
  assert.deepEqual(flagged('eval(x)'), ['eval(']);
  assert.deepEqual(flagged('const f = new Function("a", b)'), ['new Function', 'Function( constructor']);
  assert.deepEqual(flagged('require(name)'), ['require() of a non-literal name']);
  assert.deepEqual(flagged("require('fs')"), []);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the scanned source text holds a template.
  assert.deepEqual(flagged('await import(`./${x}`)'), ['import() of a non-literal name']);
  assert.deepEqual(flagged("await import('node:fs')"), []);
  assert.deepEqual(flagged("import { evaluate } from 'mathjs'"), ['mathjs evaluate/parse/compile']);
  assert.deepEqual(flagged('math.evaluate(s)'), ['mathjs evaluate/parse/compile']);
  assert.deepEqual(flagged("// eval(x)\nconst s = 'new Function()';"), []);
  assert.deepEqual(flagged('x.evaluate(y); parseMath(t); retrieval(a)'), []);
});

test(
  'server/src and client/src never evaluate text (eval, new Function, dynamic require/import, ' +
    'mathjs evaluate/parse/compile)',
  () => {
    const found: string[] = [];
    const files = [...sources(join(repo, 'server/src')), ...sources(join(repo, 'client/src'))];
    assert.ok(files.length > 10, 'found the sources');
    for (const f of files) {
      const raw = readFileSync(f, 'utf8');
      const text = code(raw);
      const lines = text.split('\n');
      const rawLines = raw.split('\n');
      lines.forEach((line, i) => {
        for (const r of RULES) {
          // mathjs imports carry the module name in a string: test those on the raw line.
          const hit =
            r.what.startsWith('mathjs') || r.what === 'vm module'
              ? r.re.test(rawLines[i]) && !/^\s*\/\//.test(rawLines[i])
              : r.re.test(line);
          if (hit && !allowed(relative(repo, f), r.what))
            found.push(`${relative(repo, f)}:${i + 1}: ${r.what}: ${rawLines[i].trim()}`);
        }
      });
      // Multi-line `import { … evaluate … } from 'mathjs'`.
      if (/import\s*\{[^}]*\b(?:evaluate|parse|compile)\b[^}]*\}\s*from\s*['"]mathjs['"]/s.test(raw))
        found.push(`${relative(repo, f)}: imports evaluate/parse/compile from mathjs`);
      if (/import\s+\*\s+as\s+(\w+)\s+from\s*['"]mathjs['"]/.test(raw)) {
        const ns = /import\s+\*\s+as\s+(\w+)\s+from\s*['"]mathjs['"]/.exec(raw)![1];
        if (new RegExp(`\\b${ns}\\s*\\.\\s*(?:evaluate|parse|compile)\\b`).test(text))
          found.push(`${relative(repo, f)}: ${ns}.evaluate/parse/compile`);
      }
    }
    assert.deepEqual([...new Set(found)], []);
  },
);

test('untrusted workspaces are supported, without control of the worker count and budgets', () => {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const untrusted = pkg.capabilities?.untrustedWorkspaces;
  assert.equal(untrusted?.supported, 'limited');
  assert.deepEqual(untrusted?.restrictedConfigurations, ['derivcheck.maxWorkers', 'derivcheck.budgets']);
});

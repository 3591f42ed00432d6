// The architecture's invariants, read from the import statements of server/src: no module
// imports itself back through others (at run time), the engine and the function registry stand
// alone, the data flows one way, and only the language server knows the protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('../../server/src', import.meta.url).pathname);

interface Import {
  target: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return sourceFiles(p);
      return name.endsWith('.ts') ? [p] : [];
    });
}

/** Every `import … from`, `export … from` and bare `import '…'` of a file, in order. */
export function importsOf(text: string): Import[] {
  const out: Import[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const re =
    /^\s*(import|export)\s+(type\s+)?([\s\S]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    if (m[5]) {
      out.push({ target: m[5], typeOnly: false });
      continue;
    }
    const clause = m[3];
    // `import { type A, type B } from` is erased as completely as `import type`.
    const names = /^\{([\s\S]*)\}$/.exec(clause.trim());
    const allTypes = names?.[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .every((s) => s.startsWith('type '));
    out.push({ target: m[4], typeOnly: Boolean(m[2]) || allTypes === true });
  }
  return out;
}

function resolveModule(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${relative(root, from)} imports ${spec}, which does not resolve to a file`);
}

const files = sourceFiles(root);
const graph = new Map<string, { runtime: string[]; packages: string[]; all: string[] }>();
for (const f of files) {
  const imports = importsOf(readFileSync(f, 'utf8'));
  const runtime: string[] = [];
  const packages: string[] = [];
  const all: string[] = [];
  for (const i of imports) {
    const target = resolveModule(f, i.target);
    if (target === null) {
      packages.push(i.target);
      continue;
    }
    all.push(target);
    if (!i.typeOnly) runtime.push(target);
  }
  graph.set(f, { runtime, packages, all });
}

const rel = (p: string) => relative(root, p);
const area = (p: string) => rel(p).split('/')[0];

/** The first cycle found by depth-first search, as a path that ends where it starts, or null. */
export function findCycle(edges: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      if (state.get(m) === 'open') return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of edges.keys()) {
    if (state.has(n)) continue;
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

test('the import reader sees every form of import and tells type-only ones apart', () => {
  const got = importsOf(
    [
      "import * as E from '../engine';",
      "import type { Node } from '../math/tree';",
      "import { type A, type B } from './a';",
      "import { type A, b } from './b';",
      'import {\n  x,\n  y,\n} from "./c";',
      "export * from './d';",
      "export type { T } from './e';",
      "import './f';",
      "// import { no } from './commented';",
    ].join('\n'),
  );
  assert.deepEqual(got, [
    { target: '../engine', typeOnly: false },
    { target: '../math/tree', typeOnly: true },
    { target: './a', typeOnly: true },
    { target: './b', typeOnly: false },
    { target: './c', typeOnly: false },
    { target: './d', typeOnly: false },
    { target: './e', typeOnly: true },
    { target: './f', typeOnly: false },
  ]);
});

test('the cycle finder finds a cycle and accepts a graph without one', () => {
  assert.deepEqual(
    findCycle(
      new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', ['a']],
      ]),
    ),
    ['a', 'b', 'c', 'a'],
  );
  assert.equal(
    findCycle(
      new Map([
        ['a', ['b', 'c']],
        ['b', ['c']],
        ['c', []],
      ]),
    ),
    null,
  );
});

test('no run-time import cycle among server/src modules', () => {
  assert.ok(graph.size > 50, `read ${graph.size} modules`);
  const cycle = findCycle(new Map([...graph].map(([f, g]) => [f, g.runtime])));
  assert.equal(cycle, null, `import cycle: ${cycle?.map(rel).join(' → ')}`);
});

test('the engine imports nothing outside engine/, and the function registry only the engine', () => {
  const offenders: string[] = [];
  for (const [f, g] of graph) {
    if (area(f) === 'engine') {
      for (const t of g.all) if (area(t) !== 'engine') offenders.push(`${rel(f)} → ${rel(t)}`);
      for (const p of g.packages) offenders.push(`${rel(f)} → ${p}`);
    }
    if (area(f) === 'functions') {
      for (const t of g.all)
        if (!['engine', 'functions'].includes(area(t))) offenders.push(`${rel(f)} → ${rel(t)}`);
      for (const p of g.packages) offenders.push(`${rel(f)} → ${p}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('data flows one way: text → math → model → check → lsp', () => {
  // Each area may import the areas listed for it, and itself.
  // codes.ts is the table of diagnostic codes: plain data that imports nothing, readable by all.
  const allowed: Record<string, string[]> = {
    'codes.ts': [],
    engine: [],
    // The worker pool is generic: the server and the CLI give it their jobs.
    workers: [],
    functions: ['engine'],
    document: ['codes.ts'],
    math: ['functions'],
    model: ['math', 'document', 'codes.ts'],
    check: ['engine', 'functions', 'math', 'model', 'document', 'codes.ts'],
  };
  const offenders: string[] = [];
  for (const [f, g] of graph) {
    const from = area(f);
    const ok = allowed[from];
    if (!ok) continue;
    for (const t of g.all)
      if (area(t) !== from && !ok.includes(area(t))) offenders.push(`${rel(f)} → ${rel(t)}`);
  }
  assert.deepEqual(offenders, []);
});

test('only lsp/ and server.ts import vscode-languageserver', () => {
  const offenders = [...graph]
    .filter(
      ([f, g]) =>
        g.packages.some((p) => p.startsWith('vscode-languageserver')) &&
        area(f) !== 'lsp' &&
        rel(f) !== 'server.ts',
    )
    .map(([f]) => rel(f));
  assert.deepEqual(offenders, []);
});

test('offsets become line/character positions only in lsp/positions.ts', () => {
  // lsp/snapshot.ts is the open document itself (the library's TextDocument, immutable): the
  // conversions positions.ts calls are its own methods.
  const offenders = files
    .filter((f) => rel(f) !== 'lsp/positions.ts' && rel(f) !== 'lsp/snapshot.ts')
    .filter((f) => /\.(?:positionAt|offsetAt)\(/.test(readFileSync(f, 'utf8')))
    .map(rel);
  assert.deepEqual(offenders, []);
});

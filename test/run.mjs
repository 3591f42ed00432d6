// Runs the test suites with node's own runner. TypeScript tests load through tsx.
// Usage: node test/run.mjs [suite…]   suites: unit, fixtures, oracle, protocol, e2e, corpus, fuzz (default:
// all but fuzz)
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('.', import.meta.url).pathname;
const wanted = process.argv.slice(2);
const suites = wanted.length ? wanted : ['unit', 'fixtures', 'oracle', 'protocol', 'e2e', 'corpus'];

function collect(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...collect(p));
    else if (/\.test\.(ts|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

const files = suites.flatMap((s) => collect(join(root, s)));
if (files.length === 0) {
  console.error(`no test files found for suites: ${suites.join(', ')}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);

// Fails when a source line is wider than the formatter's line width. Biome wraps code but leaves
// long comments and string literals alone; this catches those.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const width = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')).formatter.lineWidth;
const folders = ['server/src', 'client/src', 'test', 'bench', 'scripts'];
const skip = new Set(['node_modules', 'dist', 'out']);
const sources = /\.(ts|mts|js|mjs|cjs)$/;

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (sources.test(name)) yield path;
  }
}

const wide = [];
for (const folder of folders) {
  for (const file of walk(join(root, folder))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // Columns as an editor counts them: code points, not UTF-16 units.
        const columns = [...line].length;
        if (columns > width)
          wide.push(`${relative(root, file)}:${i + 1}: ${columns} columns (limit ${width})`);
      });
  }
}
if (wide.length) {
  console.error(`${wide.join('\n')}\n${wide.length} line(s) wider than ${width} columns: wrap them.`);
  process.exit(1);
}
console.log(`line width: every source line fits in ${width} columns`);

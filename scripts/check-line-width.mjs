// Fails when a source line is wider than the formatter's line width. Biome wraps code but leaves
// long comments and string literals alone; this catches those. Two kinds of line are data and
// keep their width, since wrapping would change them: a line of a document written inside a
// multi-line template literal (test documents), and a line that is one regular-expression literal.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const width = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')).formatter.lineWidth;
const folders = ['server/src', 'client/src', 'test', 'bench', 'scripts'];
// Build output and what `npm run bench` writes (bench/.out, bench/profiles) are generated, not source.
const skip = new Set(['node_modules', 'dist', 'out', '.out', 'profiles']);
const sources = /\.(ts|mts|js|mjs|cjs)$/;
const regexLine = /^\s*(?:[a-z]+: )?\/.*\/[a-z]*[,;]?$/;

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (sources.test(name)) yield path;
  }
}

/** The wide lines of one file, with the data lines left out. */
function wideLines(text) {
  const out = [];
  let inTemplate = false;
  text.split('\n').forEach((line, i) => {
    const startsInside = inTemplate;
    // An unescaped backtick opens or closes a template literal.
    const ticks = (line.replace(/\\./g, '').match(/`/g) ?? []).length;
    if (ticks % 2 === 1) inTemplate = !inTemplate;
    // Columns as an editor counts them: code points, not UTF-16 units.
    const columns = [...line].length;
    if (columns <= width) return;
    if (startsInside || (inTemplate && ticks % 2 === 1)) return;
    if (regexLine.test(line)) return;
    out.push({ line: i + 1, columns });
  });
  return out;
}

const wide = [];
for (const folder of folders) {
  for (const file of walk(join(root, folder))) {
    for (const w of wideLines(readFileSync(file, 'utf8'))) {
      wide.push(`${relative(root, file)}:${w.line}: ${w.columns} columns (limit ${width})`);
    }
  }
}
if (wide.length) {
  console.error(`${wide.join('\n')}\n${wide.length} line(s) wider than ${width} columns: wrap them.`);
  process.exit(1);
}
console.log(`line width: every source line fits in ${width} columns`);

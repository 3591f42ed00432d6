// Macros declared in a Markdown document's front matter, as MyST (`math:`) and Quarto/Pandoc
// style tools write them: one `'\name': 'body'` per indented line under the key. The number of
// parameters is the highest `#n` in the body, as MyST infers it.
import { frontMatterEnd } from '../document/frontMatter';
import type { MacroDefinition } from '../math/macroDefinitions';

const KEY = /^(math|macros):[ \t]*$/;
const ENTRY =
  /^[ \t]+(?:'((?:[^']|'')*)'|"((?:[^"\\]|\\.)*)"|(\\[^\s:]+))[ \t]*:[ \t]*(?:'((?:[^']|'')*)'|"((?:[^"\\]|\\.)*)"|(.*?))[ \t]*$/;

export function frontMatterMacros(source: string): MacroDefinition[] {
  const end = frontMatterEnd(source);
  if (end === 0) return [];
  const out: MacroDefinition[] = [];
  let inside = false;
  let at = 0;
  for (const line of source.slice(0, end).split('\n')) {
    const start = at;
    at += line.length + 1;
    const text = line.replace(/\r$/, '');
    if (KEY.test(text)) {
      inside = true;
      continue;
    }
    if (!/^[ \t]/.test(text)) {
      inside = false;
      continue;
    }
    const m = inside ? ENTRY.exec(text) : null;
    if (!m) continue;
    const name = yaml(m[1], m[2], m[3]);
    const body = yaml(m[4], m[5], m[6]);
    if (!/^\\(?:[A-Za-z]+|[^A-Za-z\s])$/.test(name)) continue;
    const params = Math.max(0, ...[...body.matchAll(/#([1-9])/g)].map((p) => Number(p[1])));
    out.push({ name, params, optional: null, body, start, end: start + text.length, fresh: true });
  }
  return out;
}

/** A YAML scalar: single-quoted, double-quoted or plain. */
function yaml(single: string | undefined, double: string | undefined, plain: string | undefined): string {
  if (single !== undefined) return single.replace(/''/g, "'");
  if (double !== undefined) return double.replace(/\\(.)/g, '$1');
  return plain ?? '';
}

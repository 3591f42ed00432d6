// Containers that publishing tools add to Markdown, opened so that their bodies are read as the
// Markdown they are. Each rewrite keeps the text's length and line breaks, so every offset stays.
//
// - MkDocs (Python-Markdown): an admonition `!!! note "Title"`, a collapsible `??? tip` or
//   `???+ tip`, a content tab `=== "Tab"`, whose body is indented by four spaces. To CommonMark a
//   body after a blank line is an indented code block; the header becomes a list item's marker
//   (`-   .`), so the body is that item's content, as MkDocs renders it.
// - MyST (Sphinx, Jupyter Book): a directive fence whose body is Markdown (```` ```{note} ````,
//   ```` ```{prf:theorem} ````, ```` ```{admonition} Title ````). Its fence lines and its options
//   (`:label: thm-1`, or a `---` block of them) are blanked; the body is read in place. Other
//   directives (`{code-cell}`, `{literalinclude}`) stay code, and `{math}` is read as a display.

const MKDOCS_HEADER = /^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+.*$|^([ \t]*)===\+?[ \t]+".*$/;

// MyST directives whose body is Markdown (admonitions, proofs and theorems, layout).
const MARKDOWN_DIRECTIVES = new Set([
  'admonition',
  'attention',
  'caution',
  'danger',
  'error',
  'hint',
  'important',
  'note',
  'seealso',
  'tip',
  'warning',
  'todo',
  'dropdown',
  'topic',
  'sidebar',
  'margin',
  'epigraph',
  'pull-quote',
  'highlights',
  'card',
  'grid',
  'grid-item',
  'grid-item-card',
  'tab-set',
  'tab-item',
  'div',
  'container',
  'exercise',
  'solution',
  'proof',
]);

const FENCE = /^([ \t]*)(`{3,}|~{3,})(.*)$/;

interface Fence {
  char: string;
  size: number;
  /** A MyST directive with a Markdown body: its lines are read. */
  open: boolean;
}

// A fence whose info string starts with a brace: the only fence that can open a MyST directive.
const BRACED_FENCE = /^[ \t]*(?:`{3,}|~{3,})[ \t]*\{/m;

export function openContainers(text: string): string {
  // Nothing to open (the common case, read again on every edit): no header and no braced fence.
  // The fence's marks are looked for before the expression that tries every line start.
  if (
    !text.includes('!!!') &&
    !text.includes('???') &&
    !text.includes('===') &&
    !((text.includes('```') || text.includes('~~~')) && BRACED_FENCE.test(text))
  )
    return text;
  const lines = splitLines(text);
  const out: string[] = [];
  const fences: Fence[] = [];
  let changed = false;
  for (let k = 0; k < lines.length; k++) {
    const { body, end } = lines[k];
    const inCode = fences.length > 0 && !fences[fences.length - 1].open;
    const f = FENCE.exec(body);
    if (f && fences.length > 0) {
      const top = fences[fences.length - 1];
      if (f[2][0] === top.char && f[2].length >= top.size && f[3].trim() === '') {
        fences.pop();
        out.push((top.open ? blank(body) : body) + end);
        changed ||= top.open;
        continue;
      }
    }
    if (f && !inCode) {
      const directive = /^\{([\w:-]+)\}/.exec(f[3].trim());
      const name = directive?.[1] ?? '';
      const open = MARKDOWN_DIRECTIVES.has(name) || name.startsWith('prf:');
      fences.push({ char: f[2][0], size: f[2].length, open });
      if (open) {
        out.push(blank(body) + end);
        k = blankOptions(lines, k + 1, out) - 1;
        changed = true;
      } else out.push(body + end);
      continue;
    }
    if (!inCode) {
      const h = MKDOCS_HEADER.exec(body);
      const indent = h ? (h[1] ?? h[2]) : '';
      if (h && bodyFollows(lines, k + 1, width(indent) + 4)) {
        // The list marker at the header's indentation; content starts four columns in.
        const marker = `${indent}-   .`;
        out.push(marker + ' '.repeat(Math.max(0, body.length - marker.length)) + end);
        changed = true;
        continue;
      }
    }
    out.push(body + end);
  }
  return changed ? out.join('') : text;
}

/** The option lines at the top of a directive's body, blanked; returns the first body line. */
function blankOptions(lines: { body: string; end: string }[], k: number, out: string[]): number {
  if (lines[k] && /^\s*---\s*$/.test(lines[k].body)) {
    // A YAML block of options, closed by another `---`.
    let j = k + 1;
    while (j < lines.length && !/^\s*---\s*$/.test(lines[j].body)) j++;
    if (j < lines.length) {
      for (let i = k; i <= j; i++) out.push(blank(lines[i].body) + lines[i].end);
      return j + 1;
    }
  }
  while (k < lines.length && /^\s*:[\w-]+:/.test(lines[k].body)) {
    out.push(blank(lines[k].body) + lines[k].end);
    k++;
  }
  return k;
}

/** Whether the next non-blank line is indented by at least `column` columns. */
function bodyFollows(lines: { body: string }[], k: number, column: number): boolean {
  while (k < lines.length && lines[k].body.trim() === '') k++;
  if (k >= lines.length) return false;
  const indent = /^[ \t]*/.exec(lines[k].body)![0];
  return width(indent) >= column;
}

function width(indent: string): number {
  let w = 0;
  for (const c of indent) w = c === '\t' ? w + 4 - (w % 4) : w + 1;
  return w;
}

function blank(line: string): string {
  return ' '.repeat(line.length);
}

function splitLines(text: string): { body: string; end: string }[] {
  const out: { body: string; end: string }[] = [];
  const re = /\r\n|\n|\r/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ body: text.slice(from, m.index), end: m[0] });
    from = m.index + m[0].length;
  }
  out.push({ body: text.slice(from), end: '' });
  return out;
}

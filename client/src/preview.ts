// The Markdown preview's verdict marks: a markdown-it plugin (VS Code's `extendMarkdownIt`)
// that puts ✓ / ✗ / ? beside each checked display, and at the end of each paragraph or heading
// with checked inline math, the message as the mark's tooltip. The verdicts are the ones the
// server sent for the document (the same results as the diagnostics); blocks are matched by
// their source lines (markdown-it's `map`). Imports nothing from vscode, so it is tested with
// markdown-it alone.

export interface PreviewClaim {
  verdict: 'verified' | 'refuted' | 'unchecked';
  message: string;
  /** 0-based line of the claim's start in the document. */
  line: number;
}

// The few parts of markdown-it's API the plugin uses.
interface Token {
  type: string;
  map: [number, number] | null;
  children: Token[] | null;
  content: string;
  block: boolean;
}
interface TokenConstructor {
  new (type: string, tag: string, nesting: number): Token;
}
interface CoreState {
  tokens: Token[];
  env: unknown;
  Token: TokenConstructor;
}
export interface MarkdownItLike {
  core: { ruler: { push(name: string, rule: (state: CoreState) => void): void } };
}

const MARK = { verified: '✓', refuted: '✗', unchecked: '?' } as const;

/** Blocks a mark may sit beside: displays (the math plugins' tokens), paragraphs, headings. */
function isTarget(t: Token): boolean {
  return (
    t.map !== null &&
    (t.type.startsWith('math_block') || t.type === 'paragraph_open' || t.type === 'heading_open')
  );
}

export function verdictMarks(
  md: MarkdownItLike,
  claimsFor: (env: unknown) => PreviewClaim[] | undefined,
): void {
  md.core.ruler.push('derivcheck_verdicts', (state) => {
    const claims = claimsFor(state.env);
    if (!claims || claims.length === 0) return;
    // Each claim goes to the smallest block whose lines hold its first line.
    const byToken = new Map<number, PreviewClaim[]>();
    for (const claim of claims) {
      let best = -1;
      let size = Infinity;
      state.tokens.forEach((t, i) => {
        if (!isTarget(t)) return;
        const [a, b] = t.map!;
        if (a <= claim.line && claim.line < Math.max(b, a + 1) && b - a < size) {
          best = i;
          size = b - a;
        }
      });
      if (best >= 0) byToken.set(best, [...(byToken.get(best) ?? []), claim]);
    }
    // Insert from the end so earlier indices stay valid.
    for (const i of [...byToken.keys()].sort((a, b) => b - a)) {
      const t = state.tokens[i];
      const html = marks(byToken.get(i)!);
      if (t.type.startsWith('math_block')) {
        const block = new state.Token('html_block', '', 0);
        block.content = `<div class="derivcheck-marks">${html}</div>\n`;
        block.block = true;
        state.tokens.splice(i + 1, 0, block);
      } else {
        const inline = state.tokens[i + 1];
        if (inline?.type !== 'inline') continue;
        const mark = new state.Token('html_inline', '', 0);
        mark.content = ` <span class="derivcheck-marks">${html}</span>`;
        (inline.children ??= []).push(mark);
      }
    }
  });
}

function marks(claims: PreviewClaim[]): string {
  return claims
    .map(
      (c) =>
        `<span class="derivcheck-mark derivcheck-${c.verdict}" ` +
        `title="${escapeHtml(c.message)}">${MARK[c.verdict]}</span>`,
    )
    .join(' ');
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

/** The document a render is for: VS Code's preview passes it as `env.currentDocument`. */
export function renderedDocument(env: unknown): string | undefined {
  if (typeof env !== 'object' || env === null) return undefined;
  const doc = (env as { currentDocument?: unknown }).currentDocument;
  return doc === undefined || doc === null ? undefined : String(doc);
}

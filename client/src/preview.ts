// The Markdown preview's verdict marks: a markdown-it plugin (VS Code's `extendMarkdownIt`)
// that puts ✓ / ✗ / ? beside each checked display, and at the end of each paragraph or heading
// with checked inline math, the message as the mark's tooltip. The verdicts are the ones the
// server sent for the document (the same results as the diagnostics); blocks are matched by
// their source lines (markdown-it's `map`). Imports nothing from vscode, so it is tested with
// markdown-it alone.
//
// Two halves, because VS Code's preview parses without saying which document it parses (its
// parse env has no `currentDocument`; only the render env has it) and caches the tokens of a
// document version: parsing places an empty slot after each block that can hold marks, with the
// lines it answers for; rendering fills each slot with the verdicts of the document rendered,
// as they are then — so a re-check shows on the next render without a new parse.

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
  meta: unknown;
}
interface TokenConstructor {
  new (type: string, tag: string, nesting: number): Token;
}
interface CoreState {
  tokens: Token[];
  env: unknown;
  Token: TokenConstructor;
}
type RenderRule = (tokens: Token[], idx: number, options: unknown, env: unknown) => string;
export interface MarkdownItLike {
  core: { ruler: { push(name: string, rule: (state: CoreState) => void): void } };
  renderer: { rules: Record<string, RenderRule | undefined> };
}

const MARK = { verified: '✓', refuted: '✗', unchecked: '?' } as const;
const SLOT = 'derivcheck_marks';

/** What a slot answers for: the lines whose smallest enclosing block is the slot's block. */
interface SlotMeta {
  lines: number[];
}

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
    // Each line belongs to the smallest block that holds it (a claim goes where its first line is).
    const owner = new Map<number, { index: number; size: number }>();
    state.tokens.forEach((t, index) => {
      if (!isTarget(t)) return;
      const [a, b] = t.map!;
      const size = b - a;
      for (let line = a; line < Math.max(b, a + 1); line++) {
        const best = owner.get(line);
        if (!best || size < best.size) owner.set(line, { index, size });
      }
    });
    const lines = new Map<number, number[]>();
    for (const [line, { index }] of owner) lines.set(index, [...(lines.get(index) ?? []), line]);
    // Insert from the end so earlier indices stay valid.
    for (const i of [...lines.keys()].sort((a, b) => b - a)) {
      const t = state.tokens[i];
      const slot = new state.Token(SLOT, '', 0);
      slot.meta = { lines: lines.get(i)! } satisfies SlotMeta;
      if (t.type.startsWith('math_block')) {
        slot.block = true;
        state.tokens.splice(i + 1, 0, slot);
      } else {
        const inline = state.tokens[i + 1];
        if (inline?.type !== 'inline') continue;
        (inline.children ??= []).push(slot);
      }
    }
  });
  md.renderer.rules[SLOT] = (tokens, idx, _options, env) => {
    const claims = claimsFor(env);
    const meta = tokens[idx].meta as SlotMeta | undefined;
    if (!claims || claims.length === 0 || !meta) return '';
    const mine = claims.filter((c) => meta.lines.includes(c.line));
    if (mine.length === 0) return '';
    return tokens[idx].block
      ? `<div class="derivcheck-marks">${marks(mine)}</div>\n`
      : ` <span class="derivcheck-marks">${marks(mine)}</span>`;
  };
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

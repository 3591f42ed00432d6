// Markdown → math spans and directive statements.
//
// The CommonMark parser (micromark through mdast-util-from-markdown, with the math and GFM
// table extensions) finds the structure: paragraphs, headings, list items, block quotes, table
// cells, code, HTML and `$$` display blocks. Inside the text regions it identifies, a small
// character scanner over the raw source finds the math delimiters (`$`, `$$`, `\(`, `\[`, and
// kramdown's `\\(`, `\\[`), skipping code spans and inline HTML that the parser found.
//
// One disagreement between micromark and how authors write Markdown math is repaired here:
// micromark opens a `$$` display block at a line such as `$$\begin{aligned}` and then looks
// for a closing line that is exactly `$$`; when the author closes with `…\end{aligned}$$`,
// the block would run to the end of its container. Such an opening `$$` is masked (replaced by
// letters of the same length in a private copy of the source) and the document re-parsed, so
// the display is read from its paragraph like any other `$$ … $$`.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { math } from 'micromark-extension-math';
import { mathFromMarkdown } from 'mdast-util-math';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { Collector, DISABLE_NEXT_LINE, isBlank, isSpace } from './common';
import { MAX_CONTAINER_DEPTH, tooDeepMessage } from './readLimits';
import { cutDeepNesting } from './deepNesting';
import { htmlHoldsMath, htmlPieces } from './htmlMath';
import { rawMathEnvironment } from './rawEnvironments';
import { withoutClozeMarkers } from './cloze';

interface MdPoint {
  offset?: number;
}
interface MdNode {
  type: string;
  /** A fenced code block's info string's first word (`math`, `{math}`). */
  lang?: string | null;
  children?: MdNode[];
  position?: { start: MdPoint; end: MdPoint };
}

interface Ctx {
  /** Block-quote depth: how many `>` markers a continuation line may carry. */
  qd: number;
  /** Whether we are inside a list item (continuation lines are indented). */
  inList: boolean;
  /** The enclosing container's block (0 = document, or a block quote / list item). */
  block: number;
  /** When the parent is a list item: its block, shared by its paragraphs. */
  itemBlock: number | undefined;
  /** Block quotes and list items around this node. */
  depth: number;
}

interface Range {
  start: number;
  end: number;
  html: boolean;
}

// Re-parses allowed after the first parse (each masks one runaway `$$` opener that the
// pre-pass did not catch; real documents need none).
const MAX_PASSES = 8;

const mdExtensions = [math({ singleDollarTextMath: false }), gfmTable()];
const mdastExtensions = [mathFromMarkdown(), gfmTableFromMarkdown()];

function parse(src: string): MdNode {
  return fromMarkdown(src, { extensions: mdExtensions, mdastExtensions }) as unknown as MdNode;
}

export interface MarkdownOptions {
  /** Mask runaway `$$` openers before the first parse (a speed-up; on by default). */
  preMask?: boolean;
}

export function readMarkdown(text: string, out: Collector, options: MarkdownOptions = {}): void {
  // micromark drops a leading BOM and would shift every offset by one: parse a copy where it
  // is a space (same length).
  let src = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  if (options.preMask !== false) src = preMask(src);
  const nesting = cutDeepNesting(src);
  src = nesting.src;
  for (const p of nesting.problems) out.problems.push(p);
  for (let pass = 0; ; pass++) {
    const tree = parse(src);
    const reader = new MarkdownPass(text);
    reader.root(tree);
    if (reader.masks.length === 0 || pass >= MAX_PASSES) {
      // A loop, not push(...items): a 10 MB document has more items than the stack allows.
      for (const item of reader.out.items) out.items.push(item);
      for (const p of reader.out.problems) out.problems.push(p);
      out.reserveBlocks(reader.out.blockCount);
      return;
    }
    const chars = src.split('');
    for (const m of reader.masks) for (let i = m.at; i < m.at + m.len; i++) chars[i] = 'M';
    src = chars.join('');
  }
}

class MarkdownPass {
  readonly out: Collector;
  readonly masks: { at: number; len: number }[] = [];
  private readonly t: string;

  constructor(text: string) {
    this.t = text;
    this.out = new Collector(text);
  }

  root(tree: MdNode): void {
    this.children(tree, { qd: 0, inList: false, block: 0, itemBlock: undefined, depth: 0 });
  }

  private children(node: MdNode, ctx: Ctx): void {
    const kids = node.children ?? [];
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i];
      if (child.type === 'math' && ctx.itemBlock === undefined) {
        this.displayInParagraph(child, kids[i - 1], kids[i + 1], ctx);
        continue;
      }
      this.node(child, ctx);
    }
  }

  /** The block a paragraph was read into, and the block a paragraph after a display goes on. */
  private readonly paragraphBlocks = new WeakMap<MdNode, number>();
  private readonly continuedParagraphs = new WeakMap<MdNode, number>();

  /**
   * A `$$` display with no blank line before or after it sits inside its paragraph, as `\[…\]`
   * does and as TeX reads it (no blank line, no new paragraph): CommonMark's math block interrupts
   * the paragraph, but the words after the display go on with the same passage and sentence.
   */
  private displayInParagraph(
    math: MdNode,
    prev: MdNode | undefined,
    next: MdNode | undefined,
    ctx: Ctx,
  ): void {
    // A blank line between them, whatever the line endings (CRLF writes \r before each \n).
    const adjacent = (a: MdNode, b: MdNode) =>
      !/\n[ \t>\r]*\n|\r[ \t>]*\r/.test(this.t.slice(end(a), start(b)));
    const before =
      prev?.type === 'paragraph' && adjacent(prev, math) ? this.paragraphBlocks.get(prev) : undefined;
    const after = next?.type === 'paragraph' && adjacent(math, next);
    if (before === undefined && !after) {
      this.node(math, ctx);
      return;
    }
    const block = before ?? this.out.newBlock();
    if (after && next) this.continuedParagraphs.set(next, block);
    this.node(math, { ...ctx, block });
  }

  private node(node: MdNode, ctx: Ctx): void {
    if ((node.type === 'blockquote' || node.type === 'listItem') && ctx.depth >= MAX_CONTAINER_DEPTH) {
      // The walk recurses once per container: past the limit the rest of this container is
      // reported once, at its start, and the document around it is read as usual.
      this.out.problem(start(node), end(node), 'input', tooDeepMessage());
      return;
    }
    switch (node.type) {
      case 'blockquote': {
        const block = this.out.newBlock();
        const depth = ctx.depth + 1;
        this.children(node, { qd: ctx.qd + 1, inList: ctx.inList, block, itemBlock: undefined, depth });
        return;
      }
      case 'list':
        this.children(node, { ...ctx, itemBlock: undefined });
        return;
      case 'listItem': {
        const block = this.out.newBlock();
        this.children(node, { qd: ctx.qd, inList: true, block, itemBlock: block, depth: ctx.depth + 1 });
        return;
      }
      case 'paragraph': {
        const block = ctx.itemBlock ?? this.continuedParagraphs.get(node) ?? this.out.newBlock();
        this.paragraphBlocks.set(node, block);
        this.inline(node, block, ctx);
        return;
      }
      case 'heading':
      case 'tableCell':
        this.inline(node, this.out.newBlock(), ctx);
        return;
      case 'table':
      case 'tableRow':
        this.children(node, { ...ctx, itemBlock: undefined });
        return;
      case 'math':
        this.flowMath(node, ctx);
        return;
      case 'html':
        if (htmlHoldsMath(this.t, start(node), end(node))) this.htmlBlock(node, ctx);
        else this.comments(start(node), end(node), ctx.block, ctx);
        return;
      case 'code':
        // ```` ```math ```` (GitHub, GitLab) and MyST's ```` ```{math} ```` are display math.
        if (node.lang === 'math' || node.lang === '{math}') this.fencedMath(node, ctx);
        return;
      case 'definition':
      case 'thematicBreak':
        return;
      default:
        if (node.children) this.children(node, { ...ctx, itemBlock: undefined });
    }
  }

  /** An HTML block with math in its text: each passage between block-level tags as a paragraph. */
  private htmlBlock(node: MdNode, ctx: Ctx): void {
    const at = (offset: number): MdPoint => ({ offset });
    const span = (a: number, b: number) => ({ start: at(a), end: at(b) });
    for (const piece of htmlPieces(this.t, start(node), end(node))) {
      const children = piece.skips.map((x) => ({
        type: x.kind === 'code' ? 'inlineCode' : 'html',
        position: span(x.start, x.end),
      }));
      const paragraph: MdNode = { type: 'paragraph', position: span(piece.start, piece.end), children };
      this.inline(paragraph, this.out.newBlock(), ctx);
    }
  }

  // ── `$$` display blocks ──────────────────────────────────────────────────────────────

  private flowMath(node: MdNode, ctx: Ctx): void {
    const t = this.t;
    let s = start(node);
    const e = end(node);
    while (s < e && t.charCodeAt(s) !== 36) s++;
    if (s >= e) return;
    let k = 0;
    while (s + k < e && t.charCodeAt(s + k) === 36) k++;
    // Is the last line a closing fence (at least as many `$` as the opening, nothing else)?
    let closeAt = -1;
    let closeLen = 0;
    const last = lastLineStart(t, s, e);
    if (last > s) {
      const c = this.contentStart(last, e, ctx.qd);
      let j = c;
      while (j < e && t.charCodeAt(j) === 36) j++;
      let m = j;
      while (m < e && isBlank(t.charCodeAt(m))) m++;
      if (j - c >= k && m === e) {
        closeAt = c;
        closeLen = j - c;
      }
    }
    if (closeAt >= 0 && findDoubleDollar(t, s + k, e) === closeAt) {
      const block = this.out.newBlock();
      this.out.math({
        start: s + k,
        end: closeAt,
        outerStart: s,
        outerEnd: closeAt + closeLen,
        text: this.extract(s + k, closeAt, ctx),
        display: true,
        block,
        parentBlock: ctx.block,
      });
      return;
    }
    // Opened with content on its line and/or closed inside a line: read it from its paragraph.
    // Everything the parser built after this block is out of step, so only the first such
    // opener of a pass is masked.
    if (this.masks.length === 0) this.masks.push({ at: s, len: k });
  }

  /** The body of a math code fence: between the fence lines, after MyST options (`:label: eq`). */
  private fencedMath(node: MdNode, ctx: Ctx): void {
    const t = this.t;
    const s0 = start(node);
    const e0 = end(node);
    const firstEnd = Math.min(lineEndAt(t, s0), e0);
    if (firstEnd >= e0) return;
    let s = firstEnd + 1;
    let e = e0;
    const last = lastLineStart(t, s0, e0);
    if (last > s0 && /^\s*(?:`{3,}|~{3,})\s*$/.test(t.slice(this.contentStart(last, e0, ctx.qd), e0)))
      e = last;
    while (s < e) {
      const end = Math.min(lineEndAt(t, s), e);
      const line = t.slice(this.contentStart(s, end, ctx.qd), end);
      if (!/^\s*:[\w-]+:/.test(line)) break;
      s = Math.min(end + 1, e);
    }
    if (s < e) s = this.contentStart(s, Math.min(lineEndAt(t, s), e), ctx.qd);
    if (s >= e) return;
    this.out.math({
      start: s,
      end: e,
      outerStart: s0,
      outerEnd: e0,
      text: this.extract(s, e, ctx),
      display: true,
      block: this.out.newBlock(),
      parentBlock: ctx.block,
    });
  }

  /**
   * MyST's math role, ``{math}`a^2 + b^2 = c^2` ``: the code span right after `{math}` is inline
   * math; with `closer` 1, GitHub's `` $`a^2`$ ``, whose dollars are one character each side.
   */
  /** Inline math between single dollars at `open` and `close`; returns where reading goes on. */
  private inlineDollar(open: number, close: number, block: number, ctx: Ctx): number {
    this.out.math({
      start: open + 1,
      end: close,
      outerStart: open,
      outerEnd: close + 1,
      text: this.extract(open + 1, close, ctx),
      display: false,
      block,
    });
    return close + 1;
  }

  private roleMath(code: Range, block: number, ctx: Ctx, closer = 0): void {
    const t = this.t;
    let ticks = 0;
    while (t.charCodeAt(code.start + ticks) === 96 /* ` */) ticks++;
    const s = code.start + ticks;
    const e = code.end - ticks;
    if (e <= s) return;
    this.out.math({
      start: s,
      end: e,
      outerStart: code.start - (closer ? 1 : 6),
      outerEnd: code.end + closer,
      text: this.extract(s, e, ctx),
      display: false,
      block,
    });
  }

  // ── paragraphs, headings, table cells ────────────────────────────────────────────────

  private inline(node: MdNode, block: number, ctx: Ctx): void {
    const t = this.t;
    const a = start(node);
    const b = end(node);
    const excl: Range[] = [];
    collectExclusions(node, excl);
    excl.sort((x, y) => x.start - y.start);
    const skipExcl = (j: number, x: { i: number }): number => {
      while (x.i < excl.length && excl[x.i].end <= j) x.i++;
      if (x.i < excl.length && excl[x.i].start <= j) return excl[x.i].end;
      return j;
    };
    const top = { i: 0 };
    const unmatched: number[] = [];
    // Closers already searched for in vain up to the end of this region: a later opener of the
    // same kind cannot find one either (keeps the scan linear on pathological input).
    const failed = new Set<string>();
    let i = a;
    while (i < b) {
      while (top.i < excl.length && excl[top.i].end <= i) top.i++;
      if (top.i < excl.length && excl[top.i].start <= i) {
        const r = excl[top.i];
        if (r.html) this.comments(r.start, r.end, block, ctx);
        else if (t.startsWith('{math}', r.start - 6)) this.roleMath(r, block, ctx);
        i = r.end;
        top.i++;
        continue;
      }
      const c = t.charCodeAt(i);
      if (c === 92 /* \ */) {
        const n1 = t.charCodeAt(i + 1);
        const n2 = t.charCodeAt(i + 2);
        if (n1 === 92 && (n2 === 40 || n2 === 91) && i + 2 < b) {
          i = this.backslashMath(i, 3, n2 === 91, b, block, ctx, (j, x) => skipExcl(j, x), top.i, failed);
        } else if ((n1 === 40 || n1 === 91) && i + 1 < b) {
          i = this.backslashMath(i, 2, n1 === 91, b, block, ctx, (j, x) => skipExcl(j, x), top.i, failed);
        } else if (n1 === 98 /* b */ && t.startsWith('\\begin{', i)) {
          i = this.rawEnvironment(i, b, block, ctx);
        } else i += 2;
        continue;
      }
      if (c === 36 /* $ */) {
        // GitHub's inline math, $`a^2`$: a code span between two dollars.
        const code = excl[top.i];
        if (code && !code.html && code.start === i + 1 && t.charCodeAt(code.end) === 36 && code.end < b) {
          this.roleMath(code, block, ctx, 1);
          i = code.end + 1;
          top.i++;
          continue;
        }
        if (t.charCodeAt(i + 1) === 36 && i + 1 < b) {
          const x = { i: top.i };
          const close = findDoubleDollar(t, i + 2, b, (j) => skipExcl(j, x));
          if (close < 0) {
            this.out.problem(
              i,
              i + 2,
              'unclosed-math',
              'display math opened here is never closed: add a closing $$',
            );
            i += 2;
            continue;
          }
          this.out.math({
            start: i + 2,
            end: close,
            outerStart: i,
            outerEnd: close + 2,
            text: this.extract(i + 2, close, ctx),
            display: true,
            block: this.out.newBlock(),
            parentBlock: block,
          });
          i = close + 2;
          continue;
        }
        // Single `$`: the opener is followed by a non-space; the closer is the next unescaped
        // `$`, and it must be preceded by a non-space and not followed by a digit (pandoc's
        // rule, made stricter as in TeX: inline math ends at its next `$`, so in
        // "costs $5 and $10" neither `$` opens math).
        if (i + 1 >= b || isSpace(t.charCodeAt(i + 1))) {
          const close = i + 1 < b ? spacedInlineClose(t, i, b, (j) => skipExcl(j, { i: top.i })) : -1;
          if (close < 0) {
            i++;
            continue;
          }
          i = this.inlineDollar(i, close, block, ctx);
          continue;
        }
        const x = { i: top.i };
        let j = i + 1;
        let close = -1;
        while (j < b) {
          const jj = skipExcl(j, x);
          if (jj !== j) {
            j = jj;
            continue;
          }
          const cj = t.charCodeAt(j);
          if (cj === 92) {
            j += 2;
            continue;
          }
          if (cj === 36) {
            if (!isSpace(t.charCodeAt(j - 1)) && !isDigit(t.charCodeAt(j + 1))) close = j;
            break;
          }
          j++;
        }
        if (close < 0) {
          if (!isDigit(t.charCodeAt(i + 1))) unmatched.push(i);
          i++;
          continue;
        }
        i = this.inlineDollar(i, close, block, ctx);
        continue;
      }
      if (c === 60 /* < */ && t.startsWith('<!--', i)) {
        // A comment the parser did not take as HTML: it is never closed.
        const kw = deriveKeyword(t, i + 4, b);
        if (kw >= 0) {
          this.out.problem(i, kw, 'directive', 'directive comment opened here is never closed: add -->');
        }
        i += 4;
        continue;
      }
      i++;
    }
    if (unmatched.length % 2 === 1) {
      const at = unmatched[0];
      this.out.problem(
        at,
        at + 1,
        'unclosed-math',
        'inline math opened here is never closed: add a closing $ (write \\$ for a dollar sign)',
      );
    }
  }

  /** `\(`, `\[`, `\\(`, `\\[` at `i` (delimiter of length `len`); returns where to continue. */
  private backslashMath(
    i: number,
    len: number,
    display: boolean,
    b: number,
    block: number,
    ctx: Ctx,
    skipExcl: (j: number, x: { i: number }) => number,
    cursor: number,
    failed: Set<string>,
  ): number {
    const t = this.t;
    const bracket = display ? 93 /* ] */ : 41; /* ) */
    const double = len === 3;
    const key = `${len}${display ? ']' : ')'}`;
    const x = { i: cursor };
    let j = failed.has(key) ? b : i + len;
    let close = -1;
    while (j < b) {
      const jj = skipExcl(j, x);
      if (jj !== j) {
        j = jj;
        continue;
      }
      if (t.charCodeAt(j) === 92) {
        if (
          double
            ? t.charCodeAt(j + 1) === 92 && t.charCodeAt(j + 2) === bracket
            : t.charCodeAt(j + 1) === bracket
        ) {
          if (j + len <= b) close = j;
          break;
        }
        j += 2;
        continue;
      }
      j++;
    }
    if (close < 0) {
      failed.add(key);
      // An unclosed `\[` in a sentence of words is CommonMark's escaped bracket, not math; one
      // that starts its line, or is followed by a formula on its line, was meant as a display.
      if (display && (startsLine(t, i) || /[=\\^_<>]/.test(t.slice(i + len, lineEndAt(t, i))))) {
        const open = t.slice(i, i + len);
        const closer = `${open.slice(0, -1)}]`;
        this.out.problem(
          i,
          i + len,
          'unclosed-math',
          `display math opened here is never closed: add a closing ${closer}`,
        );
      }
      return i + len;
    }
    this.out.math({
      start: i + len,
      end: close,
      outerStart: i,
      outerEnd: close + len,
      text: this.extract(i + len, close, ctx),
      display,
      block: display ? this.out.newBlock() : block,
      parentBlock: display ? block : undefined,
    });
    return close + len;
  }

  /** `\begin{equation} … \end{equation}` in a paragraph: a display (see rawEnvironments.ts). */
  private rawEnvironment(i: number, b: number, block: number, ctx: Ctx): number {
    const env = rawMathEnvironment(this.t, i, b);
    if (!env) return i + 2;
    if ('unclosed' in env) {
      this.out.problem(
        i,
        env.openEnd,
        'unclosed-math',
        `the ${env.name} environment opened here is not closed in its paragraph: add \\end{${env.name}} ` +
          'before the next blank line',
      );
      return env.openEnd;
    }
    this.out.math({
      start: env.bodyStart,
      end: env.bodyEnd,
      outerStart: i,
      outerEnd: env.end,
      text: this.extract(env.bodyStart, env.bodyEnd, ctx),
      display: true,
      block: this.out.newBlock(),
      parentBlock: block,
    });
    return env.end;
  }

  // ── HTML comments and directives ─────────────────────────────────────────────────────

  private comments(a: number, b: number, block: number, ctx: Ctx): void {
    const t = this.t;
    let i = a;
    while (i < b) {
      const c = t.indexOf('<!--', i);
      if (c < 0 || c + 4 > b) return;
      // CommonMark also ends a comment at `<!-->` and `<!--->`: nothing to read in those.
      if (t.startsWith('>', c + 4) || t.startsWith('->', c + 4)) {
        i = c + (t.startsWith('>', c + 4) ? 5 : 6);
        continue;
      }
      let close = t.indexOf('-->', c + 4);
      if (close + 3 > b) close = -1;
      const kw = deriveKeyword(t, c + 4, close < 0 ? b : close);
      if (kw >= 0) {
        if (close < 0) {
          this.out.problem(c, kw, 'directive', 'directive comment opened here is never closed: add -->');
          return;
        }
        if (t.startsWith(DISABLE_NEXT_LINE, kw - 6)) this.out.suppression(kw - 6, close, block);
        else {
          const body = t.charCodeAt(kw) === 58 /* : */ ? kw + 1 : kw;
          this.out.statements(body, close, block, (ls, lim) => this.contentStart(ls, lim, ctx.qd));
        }
      }
      if (close < 0) return;
      i = close + 3;
    }
  }

  // ── structural characters ────────────────────────────────────────────────────────────

  /** First content character of a continuation line: after indentation and `>` markers. */
  private contentStart(lineStart: number, limit: number, qd: number): number {
    const t = this.t;
    let j = lineStart;
    let markers = qd;
    while (j < limit) {
      const c = t.charCodeAt(j);
      if (isBlank(c)) j++;
      else if (c === 62 /* > */ && markers > 0) {
        markers--;
        j++;
      } else break;
    }
    return j;
  }

  /** The source slice with block-quote markers and container indentation turned into spaces. */
  private extract(a: number, b: number, ctx: Ctx): string {
    return withoutClozeMarkers(this.extractLines(a, b, ctx));
  }

  private extractLines(a: number, b: number, ctx: Ctx): string {
    const t = this.t;
    const raw = t.slice(a, b);
    if (ctx.qd === 0 && !ctx.inList) return raw;
    let chars: string[] | null = null;
    for (let i = a; i < b; i++) {
      const c = t.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && t.charCodeAt(i + 1) === 10) i++;
      const ls = i + 1;
      const cs = this.contentStart(ls, b, ctx.qd);
      for (let j = ls; j < cs; j++) {
        if (t.charCodeAt(j) !== 32) {
          chars ??= raw.split('');
          chars[j - a] = ' ';
        }
      }
    }
    return chars ? chars.join('') : raw;
  }
}

/**
 * A speed-up only (the result is the same without it): mask in advance the `$$` openers that
 * the loop in `readMarkdown` would mask one re-parse at a time. A candidate is a line whose
 * content (after indentation and `>` markers) starts with `$$` and has no other `$`, and whose
 * next `$$` is not a closing-fence line. The parser still decides all structure: a masked
 * opener inside a code block or HTML changes nothing there, and any opener this misses is
 * found by the parse loop.
 */
function preMask(src: string): string {
  const n = src.length;
  let chars: string[] | null = null;
  let i = 0;
  while (i < n) {
    // i is a line start
    let j = i;
    while (j < n) {
      const c = src.charCodeAt(j);
      if (c === 32 || c === 9 || c === 62) j++;
      else break;
    }
    const lineStop = lineEndAt(src, j);
    if (src.charCodeAt(j) === 36 && src.charCodeAt(j + 1) === 36) {
      let k = j;
      while (k < lineStop && src.charCodeAt(k) === 36) k++;
      const size = k - j;
      const dollar = src.indexOf('$', k);
      if (dollar < 0 || dollar >= lineStop) {
        const f = findDoubleDollar(src, k, n);
        if (f < 0 || !isFenceLine(src, f, size)) {
          chars ??= src.split('');
          for (let m = j; m < k; m++) chars[m] = 'M';
          // A closer that starts a line and has text after it would open a block of its own.
          if (f >= 0 && startsLine(src, f)) {
            const fe = lineEndAt(src, f);
            let g = f;
            while (g < fe && src.charCodeAt(g) === 36) g++;
            const more = src.indexOf('$', g);
            if (more < 0 || more >= fe) for (let m = f; m < g; m++) chars[m] = 'M';
          }
        }
        // The closing `$$` belongs to this display: go on after its line.
        if (f >= 0) {
          i = lineEndAt(src, f + 2);
          if (i < n) i += src.charCodeAt(i) === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
          continue;
        }
      }
    }
    i = lineStop;
    if (i < n) i += src.charCodeAt(i) === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
  }
  return chars ? chars.join('') : src;
}

function lineEndAt(t: string, i: number): number {
  const n = t.length;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    i++;
  }
  return n;
}

/** Whether only indentation and `>` markers precede offset `f` on its line. */
function startsLine(t: string, f: number): boolean {
  for (let a = f; a > 0; a--) {
    const c = t.charCodeAt(a - 1);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 62) return false;
  }
  return true;
}

/** Whether the `$`-run at `f` is alone on its line (after indentation and `>` markers). */
function isFenceLine(t: string, f: number, size: number): boolean {
  let a = f;
  while (a > 0) {
    const c = t.charCodeAt(a - 1);
    if (c === 10 || c === 13) break;
    if (c !== 32 && c !== 9 && c !== 62) return false;
    a--;
  }
  let k = f;
  while (k < t.length && t.charCodeAt(k) === 36) k++;
  if (k - f < size) return false;
  const e = lineEndAt(t, k);
  for (let m = k; m < e; m++) if (!isBlank(t.charCodeAt(m))) return false;
  return true;
}

function start(node: MdNode): number {
  return node.position?.start.offset ?? 0;
}

function end(node: MdNode): number {
  return node.position?.end.offset ?? start(node);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function collectExclusions(node: MdNode, out: Range[]): void {
  for (const child of node.children ?? []) {
    if (child.type === 'inlineCode') out.push({ start: start(child), end: end(child), html: false });
    else if (child.type === 'html') out.push({ start: start(child), end: end(child), html: true });
    else if (child.children) collectExclusions(child, out);
  }
}

/** Start of the last line that begins inside `(s, e]`, or `s` when the range is one line. */
function lastLineStart(t: string, s: number, e: number): number {
  for (let i = e - 1; i >= s; i--) {
    const c = t.charCodeAt(i);
    if (c === 10 || c === 13) return i + 1;
  }
  return s;
}

/** First unescaped `$$` in `[from, to)`, or -1. `skip(j)` jumps over excluded ranges. */
function findDoubleDollar(t: string, from: number, to: number, skip?: (j: number) => number): number {
  let j = from;
  while (j + 1 < to) {
    if (skip) {
      const jj = skip(j);
      if (jj !== j) {
        j = jj;
        continue;
      }
    }
    const c = t.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === 36 && t.charCodeAt(j + 1) === 36) return j;
    else j++;
  }
  return -1;
}

/**
 * When the comment body starting at `p` opens with the `derive` keyword (optionally followed by
 * `:`), the offset just after `derive`; otherwise -1.
 */
function deriveKeyword(t: string, p: number, limit: number): number {
  while (p < limit && isSpace(t.charCodeAt(p))) p++;
  if (!t.startsWith('derive', p)) return -1;
  const q = p + 6;
  if (q > limit) return -1;
  if (q === limit) return q;
  const c = t.charCodeAt(q);
  if (c === 58 /* : */ || isSpace(c) || c === 45 /* - */) return q;
  return -1;
}

/**
 * `$ \sum_{k=0}^{n} r^k = 2^{n+1} - 1 $`: inline math with a space inside each dollar, as MathJax,
 * KaTeX and Typst authors write it. Pandoc's rule refuses it (so that "costs $ 5 and $ 10" stays
 * prose); it is read as math when the space is there on both sides and what it holds is plainly
 * math — a command (`\sum`, `\frac`), a braced script (`x^{2}`) or a relation with a letter in it
 * (`$ |x| < 1 $`) — with no run of words outside `\text{…}`, and no digit right after the closing
 * `$`. The closing `$` is the next unescaped one. Returns its index, or -1.
 */
export function spacedInlineClose(t: string, i: number, b: number, skipExcl: (j: number) => number): number {
  let j = i + 1;
  while (j < b) {
    const jj = skipExcl(j);
    if (jj !== j) return -1;
    const c = t.charCodeAt(j);
    if (c === 92) {
      j += 2;
      continue;
    }
    if (c === 10 && /^\n[ \t]*\n/.test(t.slice(j, j + 64))) return -1;
    if (c === 36) break;
    j++;
  }
  if (j >= b || t.charCodeAt(j) !== 36 || !isSpace(t.charCodeAt(j - 1))) return -1;
  if (t.charCodeAt(j + 1) === 36 || isDigit(t.charCodeAt(j + 1))) return -1;
  const body = t.slice(i + 1, j);
  const relation = /[\w)|}]\s*(?:=|<|>|\\le|\\ge|\\neq?)\s*[-\w(|\\]/.test(body) && /[A-Za-z]/.test(body);
  if (!/\\[A-Za-z]|[\^_]\{/.test(body) && !relation) return -1;
  const bare = body
    .replace(/\\(?:text|mathrm|textrm|operatorname|mbox)\s*\{[^{}]*\}/g, ' ')
    .replace(/\\[A-Za-z]+/g, ' ');
  if (/[A-Za-z]{3,}\s+[A-Za-z]{3,}/.test(bare)) return -1;
  return j;
}

// Pieces shared by the Markdown and LaTeX readers: the output collector, directive statement
// splitting, and the `skip` / `off` / `on` directives that the reader itself obeys.
import type { DirectiveStatement, DocItem, MathSpan, ReadProblem } from './types';

/** A script alone: `^{-1}`, `^2`, `_{2}`, `^\circ`. */
const SCRIPT_ONLY = /^\s*[\^_]\s*(?:\{[^{}]*\}|\\?[\w+-]+)\s*$/;

export class Collector {
  readonly items: DocItem[] = [];
  readonly problems: ReadProblem[] = [];
  /** Block 0 is the document itself; every other block gets the next id in document order. */
  private nextBlock = 1;

  constructor(readonly text: string) {}

  newBlock(): number {
    return this.nextBlock++;
  }

  /** How many blocks (besides the document) were handed out. */
  get blockCount(): number {
    return this.nextBlock - 1;
  }

  /** Skip ids already used by items added from elsewhere (chunked reading). */
  reserveBlocks(n: number): void {
    this.nextBlock = Math.max(this.nextBlock, n + 1);
  }

  problem(start: number, end: number, code: ReadProblem['code'], message: string): void {
    this.problems.push({ start, end, code, message });
  }

  math(span: Omit<MathSpan, 'kind'>): void {
    // `3.2 K$^{-1}$`, `9.81 m s$^{-2}$`, `CO$_2$`: inline math that is only a superscript or a
    // subscript against the word before it is typography of that word (a unit's power, a formula's
    // count), not math of its own.
    if (
      !span.display &&
      SCRIPT_ONLY.test(span.text) &&
      /[\p{L}\d)]/u.test(this.text[span.outerStart - 1] ?? '')
    )
      return;
    const item: MathSpan = { kind: 'math', ...span };
    if (item.env === undefined) delete item.env;
    if (item.parentBlock === undefined) delete item.parentBlock;
    this.items.push(item);
  }

  directive(start: number, end: number, block: number): void {
    const item: DirectiveStatement = {
      kind: 'directive',
      start,
      end,
      text: this.text.slice(start, end),
      block,
    };
    this.items.push(item);
  }

  /** A suppression comment's body `[start, end)`, kept whole as one statement. */
  suppression(start: number, end: number, block: number): void {
    const t = this.text;
    while (end > start && isSpace(t.charCodeAt(end - 1))) end--;
    this.directive(start, end, block);
  }

  /**
   * Split `[start, end)` into statements at line ends and `;`, trim each, drop empty ones.
   * `linePrefix(lineStart)` tells where the content of a continuation line begins (after
   * block-quote markers and the like).
   */
  statements(
    start: number,
    end: number,
    block: number,
    linePrefix?: (lineStart: number, limit: number) => number,
  ): void {
    const t = this.text;
    let pieceStart = start;
    let i = start;
    const flush = (pieceEnd: number) => {
      let a = pieceStart;
      let b = pieceEnd;
      while (a < b && isSpace(t.charCodeAt(a))) a++;
      while (b > a && isSpace(t.charCodeAt(b - 1))) b--;
      if (b > a) this.directive(a, b, block);
    };
    while (i < end) {
      const c = t.charCodeAt(i);
      if (c === 59 /* ; */) {
        flush(i);
        pieceStart = i + 1;
        i++;
      } else if (c === 10 || c === 13) {
        flush(i);
        if (c === 13 && t.charCodeAt(i + 1) === 10) i++;
        i++;
        pieceStart = linePrefix ? Math.min(linePrefix(i, end), end) : i;
        i = Math.max(i, pieceStart);
      } else i++;
    }
    flush(end);
  }
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Index just after the line containing `i` (after its terminator), or `limit`. */
export function nextLineStart(text: string, i: number, limit: number): number {
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    i++;
  }
  return limit;
}

/** Index of the end of the line content containing `i` (before its terminator), or `limit`. */
export function lineEnd(text: string, i: number, limit: number): number {
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    i++;
  }
  return limit;
}

/** The keyword of a suppression comment; the reader hands it on as one directive statement. */
export const DISABLE_NEXT_LINE = 'derive-disable-next-line';

function itemAt(item: DocItem): number {
  return item.kind === 'math' ? item.outerStart : item.start;
}

/** Whether the items are already in order (readers emit them so): the sort is then skipped. */
function inOrder(items: readonly DocItem[]): boolean {
  for (let k = 1; k < items.length; k++) if (itemAt(items[k]) < itemAt(items[k - 1])) return false;
  return true;
}

/**
 * Apply the reader's own directives in document order and drop them from the output:
 * `skip` — the next math span is not read; `off` / `on` — stop / resume reading math;
 * suppression comments go to `onSuppression`.
 */
export function applyReaderDirectives(
  items: DocItem[],
  onSuppression?: (d: DirectiveStatement) => void,
): DocItem[] {
  const sorted = inOrder(items)
    ? items
    : items
        .map((item, index) => ({ item, index, at: itemAt(item) }))
        .sort((a, b) => a.at - b.at || a.index - b.index)
        .map((x) => x.item);
  // Without a directive every item stays: the list itself, not a copy of it per edit.
  if (!sorted.some((item) => item.kind === 'directive')) return sorted;
  const out: DocItem[] = [];
  let off = false;
  let skipNext = false;
  for (const item of sorted) {
    if (item.kind === 'directive') {
      const word = item.text.trim().toLowerCase();
      if (word.startsWith(DISABLE_NEXT_LINE) && onSuppression) onSuppression(item);
      else if (word === 'skip') skipNext = true;
      else if (word === 'off') off = true;
      else if (word === 'on') off = false;
      else out.push(item);
      continue;
    }
    if (skipNext) {
      skipNext = false;
      continue;
    }
    if (off) continue;
    out.push(item);
  }
  return out;
}

/** LaTeX environments that are display math on their own (`aligned`, `cases`… need math around them). */
export const DISPLAY_MATH_ENVIRONMENTS: readonly string[] = [
  'equation',
  'align',
  'gather',
  'multline',
  'flalign',
  'eqnarray',
  'alignat',
  'displaymath',
  // IEEEtran's alignment (`\begin{IEEEeqnarray}{rCl} a & = & b`), as journals typeset it.
  'IEEEeqnarray',
];

// The reader's output: where math and directives sit in a document, by plain offsets.
// Invariant: every `text` below has exactly the length of its source range, so offset
// `start + i` in the document is character `i` of `text`. Characters that belong to the
// document's structure rather than to the math (block-quote markers `>`, list indentation,
// the `%` of a LaTeX comment line, `<!--`/`-->`) are replaced by spaces.

export type DocumentKind = 'markdown' | 'latex';

export interface MathSpan {
  kind: 'math';
  /** Offset of the first character of the math content (after the opening delimiter). */
  start: number;
  /** Offset just after the math content (before the closing delimiter). */
  end: number;
  /** Offsets of the whole span including delimiters (for `skip`, ranges of problems). */
  outerStart: number;
  outerEnd: number;
  text: string;
  display: boolean;
  /** LaTeX environment name for `\begin{align}`… spans (starred name kept, e.g. `align*`). */
  env?: string;
  /** Innermost enclosing block: paragraph, list item, table cell, or the display itself. */
  block: number;
  /**
   * For a display that sits inside a paragraph, list item, block quote or table cell: the id of
   * that enclosing block (0 = the document itself). Absent for inline spans.
   */
  parentBlock?: number;
}

export interface DirectiveStatement {
  kind: 'directive';
  /** Offset of the statement's first character. */
  start: number;
  end: number;
  text: string;
  block: number;
}

export type DocItem = MathSpan | DirectiveStatement;

export interface ReadProblem {
  start: number;
  end: number;
  code: 'syntax' | 'unclosed-math' | 'directive' | 'input';
  message: string;
}

/**
 * A `derive-disable-next-line [CODE…]` comment: findings of those codes (all, when `codes` is
 * null) on the line after the comment are suppressed (see check/suppress.ts).
 */
export interface Suppression {
  /** The comment's statement. */
  start: number;
  end: number;
  codes: string[] | null;
  /** The next line, from its first character to its end (before the line break). */
  lineStart: number;
  lineEnd: number;
}

export interface ReadResult {
  kind: DocumentKind;
  /** Math spans and directive statements, in document order. */
  items: DocItem[];
  problems: ReadProblem[];
  suppressions?: Suppression[];
}

// The document reader: Markdown and LaTeX → math spans and directive statements with exact
// offsets. Reading never throws: whatever goes wrong is returned as a problem.
import { applyReaderDirectives, Collector } from './common';
import { readLatex } from './latex';
import { readMarkdown } from './markdown';
import { ReadCache, readMarkdownChunked } from './chunks';
import { blankFrontMatter } from './frontMatter';
import { readPieces } from './pieces';

export { ReadCache } from './chunks';
import type { DocumentKind, ReadResult } from './types';
import { formatFromPath } from './formats';

export type { DocumentKind, DocItem, DirectiveStatement, MathSpan, ReadProblem, ReadResult } from './types';
export { LineIndex } from './lineIndex';
export { formatFromPath } from './formats';
export type { Format } from './formats';
export type { LineColumn } from './lineIndex';

/** Read every math span and directive statement of a document, in document order. */
export function readDocument(text: string, kind: DocumentKind, cache?: ReadCache, pieces?: readonly { start: number; end: number }[]): ReadResult {
  const safeKind: DocumentKind = kind === 'latex' ? 'latex' : 'markdown';
  if (typeof text !== 'string') {
    return { kind: safeKind, items: [], problems: [{ start: 0, end: 0, code: 'input', message: 'the document is not text' }] };
  }
  // Front matter is metadata, never math; blanking keeps every offset.
  if (safeKind === 'markdown') text = blankFrontMatter(text);
  const out = new Collector(text);
  const readAll = (t: string, into: Collector, c?: ReadCache) => {
    try {
      if (safeKind === 'latex') readLatex(t, into);
      else if (c) readMarkdownChunked(t, into, c);
      else readMarkdown(t, into);
    } catch (err) {
      into.problem(0, 0, 'input', `the document could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  if (pieces && pieces.length > 0) readPieces(text, pieces, out, (t, into) => readAll(t, into));
  else readAll(text, out, cache);
  let items = out.items;
  try {
    items = applyReaderDirectives(out.items);
  } catch {
    // keep the unfiltered items
  }
  const problems = out.problems.slice().sort((a, b) => a.start - b.start || a.end - b.end);
  return { kind: safeKind, items, problems };
}

/**
 * The reader for a text file: Markdown (`.md`, `.markdown`, Quarto `.qmd`, R Markdown `.Rmd`)
 * or LaTeX (`.tex`); anything else (a notebook included: see formats.ts) → null.
 */
export function kindFromPath(path: string): DocumentKind | null {
  const f = formatFromPath(path);
  return f === 'markdown' || f === 'latex' ? f : null;
}

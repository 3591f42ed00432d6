// The document reader: Markdown and LaTeX → math spans and directive statements with exact
// offsets. Reading never throws: whatever goes wrong is returned as a problem.
import { applyReaderDirectives, Collector } from './common';
import { readLatex } from './latex';
import { readMarkdown } from './markdown';
import { ReadCache, readMarkdownChunked } from './chunks';

export { ReadCache } from './chunks';
import type { DocumentKind, ReadResult } from './types';

export type { DocumentKind, DocItem, DirectiveStatement, MathSpan, ReadProblem, ReadResult } from './types';
export { LineIndex } from './lineIndex';
export type { LineColumn } from './lineIndex';

/** Read every math span and directive statement of a document, in document order. */
export function readDocument(text: string, kind: DocumentKind, cache?: ReadCache): ReadResult {
  const safeKind: DocumentKind = kind === 'latex' ? 'latex' : 'markdown';
  if (typeof text !== 'string') {
    return { kind: safeKind, items: [], problems: [{ start: 0, end: 0, code: 'input', message: 'the document is not text' }] };
  }
  const out = new Collector(text);
  try {
    if (safeKind === 'latex') readLatex(text, out);
    else if (cache) readMarkdownChunked(text, out, cache);
    else readMarkdown(text, out);
  } catch (err) {
    out.problem(0, 0, 'input', `the document could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  let items = out.items;
  try {
    items = applyReaderDirectives(out.items);
  } catch {
    // keep the unfiltered items
  }
  const problems = out.problems.slice().sort((a, b) => a.start - b.start || a.end - b.end);
  return { kind: safeKind, items, problems };
}

/** `.md` / `.markdown` → markdown, `.tex` → latex, anything else → null. */
export function kindFromPath(path: string): DocumentKind | null {
  if (typeof path !== 'string') return null;
  const clean = path;
  const slash = Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\'));
  const name = clean.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 && !(dot === 0 && name.length > 1)) return null;
  const ext = name.slice(dot + 1).toLowerCase();
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'tex') return 'latex';
  return null;
}

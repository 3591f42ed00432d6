// The document reader: Markdown and LaTeX → math spans and directive statements with exact
// offsets. Reading never throws: whatever goes wrong is returned as a problem.
import { FINDING_CODES } from '../codes';
import { applyReaderDirectives, Collector, DISABLE_NEXT_LINE, lineEnd, nextLineStart } from './common';
import { readLatex } from './latex';
import { readMarkdown } from './markdown';
import { ReadCache, readMarkdownChunked } from './chunks';

export { ReadCache } from './chunks';
import type { DirectiveStatement, DocumentKind, ReadProblem, ReadResult, Suppression } from './types';

export type { DocumentKind, DocItem, DirectiveStatement, MathSpan, ReadProblem, ReadResult, Suppression } from './types';
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
  const suppressions: Suppression[] = [];
  try {
    items = applyReaderDirectives(out.items, (d) => {
      const s = readSuppression(text, d, out.problems);
      if (s) suppressions.push(s);
    });
  } catch {
    // keep the unfiltered items
  }
  const problems = out.problems.slice().sort((a, b) => a.start - b.start || a.end - b.end);
  return { kind: safeKind, items, problems, ...(suppressions.length ? { suppressions } : {}) };
}

/**
 * `derive-disable-next-line` followed by nothing (every code) or by codes separated by spaces
 * or commas. A code derivcheck does not report is a problem, and the comment then suppresses
 * nothing: a misspelt code must not silence more than its author meant, nor less in silence.
 */
function readSuppression(text: string, d: DirectiveStatement, problems: ReadProblem[]): Suppression | null {
  const rest = d.text.slice(DISABLE_NEXT_LINE.length);
  if (rest !== '' && !/^[\s,]/.test(rest)) {
    problems.push({ start: d.start, end: d.end, code: 'directive', message: `'${d.text.split(/\s/)[0]}' is not a directive; write ${DISABLE_NEXT_LINE} followed by codes such as refuted` });
    return null;
  }
  const words = rest.split(/[\s,]+/).filter((w) => w !== '');
  const unknown = words.filter((w) => !FINDING_CODES.includes(w));
  if (unknown.length) {
    problems.push({ start: d.start, end: d.end, code: 'directive', message: `${DISABLE_NEXT_LINE}: unknown code${unknown.length > 1 ? 's' : ''} ${unknown.map((w) => `'${w}'`).join(', ')}; the codes are ${FINDING_CODES.join(', ')} (see derivcheck explain)` });
    return null;
  }
  const lineStart = nextLineStart(text, d.end, text.length);
  return { start: d.start, end: d.end, codes: words.length ? words : null, lineStart, lineEnd: lineEnd(text, lineStart, text.length) };
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

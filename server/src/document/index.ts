// The document reader: Markdown and LaTeX → math spans and directive statements with exact
// offsets. Reading never throws: whatever goes wrong is returned as a problem.
import { FINDING_CODES } from '../codes';
import { applyReaderDirectives, Collector, DISABLE_NEXT_LINE, lineEnd, nextLineStart } from './common';
import { readLatex } from './latex';
import { ReadCache, readMarkdownChunked } from './chunks';
import { DEFAULT_MAX_READ_BYTES, tooLargeMessage } from './readLimits';
import { blankFrontMatter } from './frontMatter';
import { openContainers } from './containers';
import { readPieces } from './pieces';

export { ReadCache } from './chunks';
export { DEFAULT_MAX_READ_BYTES } from './readLimits';
import type { DirectiveStatement, DocumentKind, ReadProblem, ReadResult, Suppression } from './types';
import { formatFromPath } from './formats';

export type {
  DocumentKind,
  DocItem,
  DirectiveStatement,
  MathSpan,
  ReadProblem,
  ReadResult,
  Suppression,
} from './types';
export { LineIndex } from './lineIndex';
export { formatFromPath } from './formats';
export { PARTLY_READ } from './readLimits';
export type { Format } from './formats';
export type { LineColumn } from './lineIndex';

/** How a problem starts when the reader gave up on the document as a whole. */
export const UNREADABLE = 'the document could not be read';

export interface ReadBounds {
  /** Larger documents are not read (default DEFAULT_MAX_READ_BYTES). */
  maxBytes?: number;
  /** Asked between chunks: true ends the reading early (the caller drops the result). */
  shouldStop?: () => boolean;
}

/** Read every math span and directive statement of a document, in document order. */
export function readDocument(
  text: string,
  kind: DocumentKind,
  cache?: ReadCache,
  pieces?: readonly { start: number; end: number }[],
  bounds: ReadBounds = {},
): ReadResult {
  const safeKind: DocumentKind = kind === 'latex' ? 'latex' : 'markdown';
  if (typeof text !== 'string') {
    return {
      kind: safeKind,
      items: [],
      problems: [{ start: 0, end: 0, code: 'input', message: 'the document is not text' }],
    };
  }
  const maxBytes = bounds.maxBytes ?? DEFAULT_MAX_READ_BYTES;
  // UTF-8 takes at most 3 bytes per UTF-16 unit: count bytes only when it could matter.
  const bytes = text.length * 3 > maxBytes ? Buffer.byteLength(text, 'utf8') : text.length;
  if (bytes > maxBytes) {
    const message = `${UNREADABLE}: ${tooLargeMessage(bytes, maxBytes)}`;
    return { kind: safeKind, items: [], problems: [{ start: 0, end: 0, code: 'input', message }] };
  }
  // Front matter is metadata, never math; blanking keeps every offset.
  // MkDocs admonitions and tabs, MyST directives: their bodies are Markdown (containers.ts).
  if (safeKind === 'markdown') text = openContainers(blankFrontMatter(text));
  const out = new Collector(text);
  const readAll = (t: string, into: Collector, c?: ReadCache) => {
    try {
      if (safeKind === 'latex') readLatex(t, into);
      // Always in chunks, so that no single parse sees more than one passage (readLimits.ts).
      else readMarkdownChunked(t, into, c ?? new ReadCache(), bounds.shouldStop);
    } catch (err) {
      into.problem(0, 0, 'input', `${UNREADABLE}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  if (pieces && pieces.length > 0) readPieces(text, pieces, out, (t, into) => readAll(t, into));
  else readAll(text, out, cache);
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
    problems.push({
      start: d.start,
      end: d.end,
      code: 'directive',
      message:
        `'${d.text.split(/\s/)[0]}' is not a directive; write ${DISABLE_NEXT_LINE} followed ` +
        `by codes such as refuted`,
    });
    return null;
  }
  const words = rest.split(/[\s,]+/).filter((w) => w !== '');
  const unknown = words.filter((w) => !FINDING_CODES.includes(w));
  if (unknown.length) {
    problems.push({
      start: d.start,
      end: d.end,
      code: 'directive',
      message:
        `${DISABLE_NEXT_LINE}: unknown code${unknown.length > 1 ? 's' : ''} ` +
        `${unknown.map((w) => `'${w}'`).join(', ')}; the codes are ${FINDING_CODES.join(', ')} ` +
        `(see derivcheck explain)`,
    });
    return null;
  }
  const lineStart = nextLineStart(text, d.end, text.length);
  return {
    start: d.start,
    end: d.end,
    codes: words.length ? words : null,
    lineStart,
    lineEnd: lineEnd(text, lineStart, text.length),
  };
}

/**
 * The reader for a text file: Markdown (`.md`, `.markdown`, Quarto `.qmd`, R Markdown `.Rmd`)
 * or LaTeX (`.tex`); anything else (a notebook included: see formats.ts) → null.
 */
export function kindFromPath(path: string): DocumentKind | null {
  const f = formatFromPath(path);
  return f === 'markdown' || f === 'latex' ? f : null;
}

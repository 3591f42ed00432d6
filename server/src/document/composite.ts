// A derivation written across several texts — the Markdown cells of a notebook, the files of a
// LaTeX project — is checked as one text, so that what an earlier part declares or defines is
// known in later ones, exactly as in a single document. The composite is that text plus a map
// from each of its offsets back to the part (file, cell) and the offset there, where a verdict
// must be reported. Plain data, so it can cross to worker threads.
import { LineIndex } from './lineIndex';
import type { DocumentKind } from './types';

export interface CompositeFile {
  /** Path (CLI) or URI (language server) of a file on disk or in the editor. */
  path: string;
  /** The file's own text: for a notebook, its JSON. */
  text: string;
}

export interface CompositePart {
  /** Index into `files`. */
  file: number;
  /** 1-based cell number, for a notebook cell. */
  cell?: number;
  /** The text local offsets refer to: the cell's source, or the whole file. */
  text: string;
  /** Offset in the file's own text of each character of `text` (a notebook cell), else absent. */
  raw?: number[];
}

/** `[start, end)` of the composite text is `[local, local + end - start)` of part `part`. */
export interface Segment {
  start: number;
  end: number;
  part: number;
  local: number;
}

export interface CompositeProblem {
  /** Offsets in the composite text. */
  start: number;
  end: number;
  code: 'input';
  message: string;
  /** Where the problem sits when it is in no part (malformed notebook JSON): an offset of a file's own text.
   * */
  at?: { file: number; offset: number };
}

export interface Composite {
  kind: DocumentKind;
  text: string;
  files: CompositeFile[];
  parts: CompositePart[];
  /** In composite order; the gaps between them are separators that belong to no part. */
  segments: Segment[];
  /** Ranges read each on its own (notebook cells: an unclosed `$$` must not swallow the next cell). */
  pieces?: { start: number; end: number }[];
  /** What went wrong while putting the parts together (a missing or cyclic `\input`). */
  problems: CompositeProblem[];
  /** Report only these files (a file checked in the context of its LaTeX root); absent: all. */
  focus?: number[];
}

export interface Located {
  part: number;
  file: number;
  cell?: number;
  /** Offset in the part's text. */
  offset: number;
}

/** Builds the composite text part by part. */
export class CompositeBuilder {
  text = '';
  readonly files: CompositeFile[] = [];
  readonly parts: CompositePart[] = [];
  readonly segments: Segment[] = [];
  readonly problems: CompositeProblem[] = [];

  addFile(path: string, text: string): number {
    this.files.push({ path, text });
    return this.files.length - 1;
  }

  addPart(part: CompositePart): number {
    this.parts.push(part);
    return this.parts.length - 1;
  }

  /** Append `[from, to)` of part `part`'s text. */
  append(part: number, from: number, to: number): void {
    if (to <= from) return;
    const start = this.text.length;
    this.text += this.parts[part].text.slice(from, to);
    const last = this.segments[this.segments.length - 1];
    if (last && last.part === part && last.end === start && last.local + (last.end - last.start) === from)
      last.end = this.text.length;
    else this.segments.push({ start, end: this.text.length, part, local: from });
  }

  separator(s: string): void {
    this.text += s;
  }
}

/** The part and local offset of a composite offset; an offset in a separator goes to the end of the part
 * before it. */
export function locate(c: Composite, offset: number): Located {
  const segs = c.segments;
  if (segs.length === 0) return { part: 0, file: 0, offset: 0 };
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const s = segs[lo];
  const local = s.local + Math.max(0, Math.min(offset, s.end) - s.start);
  const part = c.parts[s.part];
  const out: Located = { part: s.part, file: part.file, offset: local };
  if (part.cell !== undefined) out.cell = part.cell;
  return out;
}

/** The composite offset of a local offset in a part, or null when that text is not in the composite. */
export function toComposite(c: Composite, part: number, local: number): number | null {
  let best: number | null = null;
  for (const s of c.segments) {
    if (s.part !== part) continue;
    const len = s.end - s.start;
    if (local >= s.local && local <= s.local + len) {
      best = s.start + (local - s.local);
      if (local < s.local + len) return best;
    }
  }
  return best;
}

/** The offset in the file's own text (for a notebook: in its JSON) of a local offset of a part. */
export function fileOffset(c: Composite, part: number, local: number): number {
  const p = c.parts[part];
  if (!p.raw) return local;
  return p.raw[Math.max(0, Math.min(local, p.raw.length - 1))] ?? 0;
}

/** A composite holding one text as it is. */
export function single(path: string, text: string, kind: DocumentKind): Composite {
  const b = new CompositeBuilder();
  const file = b.addFile(path, text);
  const part = b.addPart({ file, text });
  b.append(part, 0, text.length);
  return finish(b, kind);
}

export function finish(
  b: CompositeBuilder,
  kind: DocumentKind,
  pieces?: { start: number; end: number }[],
): Composite {
  const c: Composite = {
    kind,
    text: b.text,
    files: b.files,
    parts: b.parts,
    segments: b.segments,
    problems: b.problems,
  };
  if (pieces) c.pieces = pieces;
  return c;
}

/**
 * The Markdown cells of a notebook as one Markdown text, cell after cell, each cell read on
 * its own. Cells are given in notebook order; `raw` maps back into the .ipynb file.
 */
export function notebookComposite(
  path: string,
  fileText: string,
  cells: { cell: number; text: string; raw?: number[]; uri?: string }[],
): Composite {
  const b = new CompositeBuilder();
  // In an editor every cell is a document of its own (its `uri`): then each cell is a file.
  const whole = cells.some((c) => c.uri === undefined) || cells.length === 0 ? b.addFile(path, fileText) : -1;
  const pieces: { start: number; end: number }[] = [];
  for (const c of cells) {
    if (b.text.length > 0) b.separator('\n\n');
    const file = c.uri !== undefined && whole < 0 ? b.addFile(c.uri, c.text) : whole;
    const part = b.addPart(
      c.raw ? { file, cell: c.cell, text: c.text, raw: c.raw } : { file, cell: c.cell, text: c.text },
    );
    const start = b.text.length;
    b.append(part, 0, c.text.length);
    pieces.push({ start, end: b.text.length });
  }
  return finish(b, 'markdown', pieces);
}

export interface Place {
  file: number;
  path: string;
  cell?: number;
  /** 0-based line and UTF-16 column in the part's text (in the cell, for a notebook). */
  line: number;
  column: number;
  /** 0-based line and column in the file's own text (for a notebook: in its JSON). */
  fileLine: number;
  fileColumn: number;
}

/** Composite offsets → places in files and cells, with the line tables built once. */
export class Placer {
  private readonly partLines = new Map<number, LineIndex>();
  private readonly fileLines = new Map<number, LineIndex>();

  constructor(readonly composite: Composite) {}

  place(offset: number): Place {
    const c = this.composite;
    if (c.parts.length === 0)
      return { file: 0, path: c.files[0]?.path ?? '', line: 0, column: 0, fileLine: 0, fileColumn: 0 };
    const at = locate(c, offset);
    return this.placeLocal(at.part, at.offset);
  }

  placeLocal(part: number, local: number): Place {
    const c = this.composite;
    const p = c.parts[part];
    const lc = this.lines(this.partLines, part, p.text).position(local);
    const fc = p.raw
      ? this.lines(this.fileLines, p.file, c.files[p.file].text).position(fileOffset(c, part, local))
      : lc;
    const out: Place = {
      file: p.file,
      path: c.files[p.file].path,
      line: lc.line,
      column: lc.column,
      fileLine: fc.line,
      fileColumn: fc.column,
    };
    if (p.cell !== undefined) out.cell = p.cell;
    return out;
  }

  /** A place given directly in a file's own text (a problem that sits in no part). */
  placeInFile(file: number, offset: number): Place {
    const f = this.composite.files[file];
    const lc = this.lines(this.fileLines, file, f.text).position(offset);
    return { file, path: f.path, line: lc.line, column: lc.column, fileLine: lc.line, fileColumn: lc.column };
  }

  private lines(cache: Map<number, LineIndex>, key: number, text: string): LineIndex {
    let li = cache.get(key);
    if (!li) cache.set(key, (li = new LineIndex(text)));
    return li;
  }
}

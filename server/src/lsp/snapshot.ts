// Open documents as immutable versions. Each change makes a new `Snapshot` whose line starts are
// the previous version's moved by the change (the library's own document updates them in place,
// so a check had to take a copy of the text and find every line start again: ≈ 0.7 ms of the
// server's thread per edit at 350 KB). A check keeps the snapshot of the version it checked, and
// the positions of its diagnostics come from it, whatever the editor has typed since.
// Positions follow vscode-languageserver-textdocument's rules exactly (test/unit/lsp/snapshot.test.ts).
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export class Snapshot implements TextDocument {
  /**
   * The offset each line starts at; found from the text on first use when no version gave it. A
   * typed array: a change copies it whole (the starts after the change move), and a copy outside
   * the JavaScript heap costs no collection (issue #14).
   */
  private starts: Int32Array | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    private readonly text: string,
    starts?: Int32Array,
  ) {
    this.starts = starts;
  }

  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.text.length), 0);
    const starts = this.lineStarts();
    const line = lineOf(starts, at);
    return { line, character: this.beforeEol(at, starts[line]) - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = starts[position.line];
    if (position.character <= 0) return start;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return this.beforeEol(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    const starts = this.lineStarts();
    if (line >= starts.length) {
      const last = starts.length - 1;
      return {
        start: { line: last, character: 0 },
        end: { line: last, character: this.text.length - starts[last] },
      };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = starts[line];
    const next = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.lineStarts();
    if (line >= starts.length || line < 0) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return this.text.substring(this.beforeEol(next, starts[line]), next);
  }

  /** The next version: `changes` applied in order, as the protocol sends them. */
  updated(changes: readonly TextDocumentContentChangeEvent[], version: number): Snapshot {
    let text = this.text;
    let starts = this.starts;
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        text = change.text;
        starts = undefined;
        continue;
      }
      const current = new Snapshot(this.uri, this.languageId, version, text, starts);
      const [from, to] = ordered(change.range);
      const start = current.offsetAt(from);
      const end = current.offsetAt(to);
      starts = current.lineStarts();
      text = text.substring(0, start) + change.text + text.substring(end);
      const insertedEnd = start + change.text.length;
      // A CR and an LF that meet at an edge of the change make one line break the moved starts
      // would count twice: the next use finds the starts from the text instead.
      if (
        (text.charCodeAt(start - 1) === CR && text.charCodeAt(start) === LF) ||
        (text.charCodeAt(insertedEnd - 1) === CR && text.charCodeAt(insertedEnd) === LF)
      ) {
        starts = undefined;
        continue;
      }
      starts = moved(
        starts,
        lineOf(starts, start),
        lineOf(starts, end),
        change.text,
        start,
        change.text.length - (end - start),
      );
    }
    return new Snapshot(this.uri, this.languageId, version, text, starts);
  }

  private lineStarts(): Int32Array {
    this.starts ??= lineStartsOf(this.text);
    return this.starts;
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/** What `TextDocuments` makes of an opened document and of each change (a new version each). */
export const snapshots = {
  create: (uri: string, languageId: string, version: number, text: string): Snapshot =>
    new Snapshot(uri, languageId, version, text),
  update: (doc: Snapshot, changes: TextDocumentContentChangeEvent[], version: number): Snapshot =>
    doc.updated(changes, version),
};

const CR = 13;
const LF = 10;

function isEol(c: number): boolean {
  return c === CR || c === LF;
}

/**
 * The line starts after replacing lines `first`…`last` (those of the replaced range's ends) with
 * `inserted` at `at`: the starts up to `first` kept, those of the inserted text, the rest moved
 * by `delta`. The same array when none of them changes (a character replaced within a line); a new
 * one otherwise: the previous version's starts belong to its snapshot, and none is ever written
 * after it is made.
 */
function moved(
  starts: Int32Array,
  first: number,
  last: number,
  inserted: string,
  at: number,
  delta: number,
): Int32Array {
  const added = lineStartsIn(inserted, at, null);
  if (delta === 0 && added === 0 && first === last) return starts;
  const out = new Int32Array(first + 1 + added + (starts.length - last - 1));
  out.set(starts.subarray(0, first + 1));
  lineStartsIn(inserted, at, out, first + 1);
  let k = first + 1 + added;
  for (let i = last + 1; i < starts.length; i++) out[k++] = starts[i] + delta;
  return out;
}

/** The line starts of a whole text. */
function lineStartsOf(text: string): Int32Array {
  const out = new Int32Array(1 + lineStartsIn(text, 0, null));
  lineStartsIn(text, 0, out, 1);
  return out;
}

/**
 * The starts of the lines that begin within `text`, placed at `base`: how many, and written into
 * `out` from `from` on when it is given.
 */
function lineStartsIn(text: string, base: number, out: Int32Array | null, from = 0): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isEol(c)) continue;
    if (c === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
    if (out) out[from + n] = base + i + 1;
    n++;
  }
  return n;
}

/** The line holding `offset`: the last whose start is at or before it. */
function lineOf(starts: Int32Array, offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid] > offset) high = mid;
    else low = mid + 1;
  }
  return Math.max(0, low - 1);
}

function ordered(range: Range): [Position, Position] {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character)
    ? [end, start]
    : [start, end];
}

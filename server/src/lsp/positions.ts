// Core offsets (UTF-16 code units, as in JS strings) ↔ LSP positions. The only place where
// offsets become line/character.
import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LineIndex } from '../document/lineIndex';

export function toPosition(doc: TextDocument, offset: number): Position {
  return doc.positionAt(offset);
}

export function toOffset(doc: TextDocument, position: Position): number {
  return doc.offsetAt(position);
}

export function toRange(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(Math.max(start, end)) };
}

/** Lines first…last (zero-based, last included) → the offsets they span in the document. */
export function linesToOffsets(
  doc: TextDocument,
  first: number,
  last: number,
): { start: number; end: number } {
  return {
    start: doc.offsetAt({ line: first, character: 0 }),
    end: doc.offsetAt({ line: last + 1, character: 0 }),
  };
}

/** An offset of a text that is not an open document (a notebook cell, an included file) → its position. */
export function positionIn(lines: LineIndex, offset: number): Position {
  const p = lines.position(offset);
  return { line: p.line, character: p.column };
}

/** A position → the offset in a text that is not an open document. */
export function offsetIn(lines: LineIndex, position: Position): number {
  return lines.offset(position.line, position.character);
}

/** Start offset of the line containing `offset`. */
export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The line terminator the document uses. */
export function eol(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

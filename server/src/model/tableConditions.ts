// A cheat sheet's table gives each identity its own assumptions, in a column the header names so:
//
//   | identity                                       | condition     |
//   | $\frac{\partial x^\top A x}{\partial x} = 2Ax$ | $A$ symmetric |
//
// The cell in that column qualifies the math of its row's earlier cells, and nothing else: the next
// row, which states no condition, is about any A (docs/language.md, "Conditions in a table row").

import { lineEndAt, lineStartAt } from './lineBreaks';

/** Header words that name a column of conditions. */
const CONDITION_HEADER =
  /^(?:conditions?|assumptions?|assuming|hypothes[ie]s|requires?|requirements?|constraints?|restrictions?|domain|valid(?:\s+(?:when|for|if))?|holds?\s+(?:when|for|if)|when|if|for)\b/i;

/** Where a position stands in a Markdown table: its row (the line's start) and its cell. */
export interface TableCell {
  row: number;
  cell: number;
  /** The header of the cell's column names conditions. */
  conditionColumn: boolean;
}

const lineStart = lineStartAt;
const lineEnd = lineEndAt;

// A table quoted in a block quote (a chat answer pasted as `> ` lines) is a table too.
const ROW = /^[ \t]*(?:>[ \t]?)*\|/;
const DELIMITER = /^[ \t]*(?:>[ \t]?)*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** The cells of a row, split at pipes that are not escaped (`\|` is a norm's bar in a cell). */
function cells(line: string): string[] {
  const out: string[] = [];
  let from = line.indexOf('|') + 1;
  for (let i = from; i < line.length; i++) {
    if (line[i] === '|' && line[i - 1] !== '\\') {
      out.push(line.slice(from, i).trim());
      from = i + 1;
    }
  }
  if (line.slice(from).trim()) out.push(line.slice(from).trim());
  return out;
}

/** The cell of a Markdown table row that `offset` stands in, or null outside a table body. */
export function tableCellAt(source: string, offset: number): TableCell | null {
  const start = lineStart(source, offset);
  const line = source.slice(start, lineEnd(source, offset));
  if (!ROW.test(line)) return null;
  // The header is the first of the contiguous rows; the delimiter row follows it.
  let header = start;
  while (header > 0) {
    const prev = lineStart(source, header - 1);
    if (!ROW.test(source.slice(prev, header - 1))) break;
    header = prev;
  }
  const headerLine = source.slice(header, lineEnd(source, header));
  const delimiterStart = lineEnd(source, header) + 1;
  if (delimiterStart > start) return null;
  if (!DELIMITER.test(source.slice(delimiterStart, lineEnd(source, delimiterStart)))) return null;
  if (start === delimiterStart) return null;
  const before = line.slice(0, offset - start);
  let cell = -1;
  for (let i = 0; i < before.length; i++) if (before[i] === '|' && before[i - 1] !== '\\') cell++;
  if (cell < 0) return null;
  const title = cells(headerLine)[cell] ?? '';
  return {
    row: start,
    cell,
    conditionColumn: cell > 0 && CONDITION_HEADER.test(title.replace(/[*_`]/g, '')),
  };
}

/**
 * Whether the span at `offset` stands in a condition column after another span of its row: the
 * cell qualifies that span's math.
 */
export function qualifiesItsRow(source: string, offset: number, earlier: number): boolean {
  const here = tableCellAt(source, offset);
  if (!here?.conditionColumn) return false;
  const there = tableCellAt(source, earlier);
  return there !== null && there.row === here.row && there.cell < here.cell;
}

/** Words of a condition cell that random samples meet almost surely: nothing to impose. */
export const GENERIC_CONDITION =
  /^\s*(?:is\s+|are\s+)?(?:invertible|nonsingular|non-singular|of\s+full\s+rank|full[- ]rank|square)\s*(?:\||$)/i;

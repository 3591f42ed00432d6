// A table that lists symbols with their values — `| model width | $d$ | 2048 |` — is a declaration
// of those values, as a careful reader of a configuration table takes it: the symbol has that number
// wherever the document uses it, until the document gives it another meaning. Only a lone symbol in
// its cell, with a plain number in the next cell of the row, counts; a table that gives the same
// symbol several numbers lists cases, not a declaration, and gives none.

import type { DocItem } from '../document/types';
import type { ProseContext } from './prose';
import { lineEndAt, lineStartAt } from './lineBreaks';
import { lowerBound } from '../document/sorted';

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
/** A number in a later cell of the row: plain, signed with a minus sign, or a fraction (`−1/3`, `3/2`). */
const ROW_NUMBER = /^[+\-\u2212]?\$?[+-]?\d+(?:\.\d+)?(?:\/\d+(?:\.\d+)?)?\$?$/;
/** A line that starts with a bar after blanks, matched at the line's start in the whole text. */
const TABLE_ROW = /[^\S\n]*\|/y;
/** `$…$` or `\(…\)` alone in a cell: the name it holds, as written. */
const LONE_MATH = /^\$([^$]+)\$$|^\\\((.+)\\\)$/;

/** The text of the number the cell after a span gives it, with its offsets, or null. */
export interface TableValue {
  text: string;
  value: number;
  start: number;
  end: number;
}

/**
 * The number in the next cell of the table row that holds the span `[outerStart, outerEnd)` alone
 * in its cell, when that span is a name (`nameText`) no other row of the table gives another
 * number; null otherwise.
 */
export function tableValue(source: string, outerStart: number, outerEnd: number): TableValue | null {
  const lineStart = lineStartAt(source, outerStart);
  const lineEnd = lineEndAt(source, outerEnd);
  // Asked of every inline span on every build: a table row is recognized in place, without
  // copying the line (`^\s*\|` on the line; the line holds no line break).
  TABLE_ROW.lastIndex = lineStart;
  if (!TABLE_ROW.test(source)) return null;
  const before = source.slice(lineStart, outerStart);
  const bar = before.lastIndexOf('|');
  if (bar < 0 || before.slice(bar + 1).trim() !== '') return null;
  const after = source.slice(outerEnd, lineEnd);
  const close = after.indexOf('|');
  if (close < 0 || after.slice(0, close).trim() !== '') return null;
  const rest = after.slice(close + 1);
  const nextBar = rest.indexOf('|');
  const cell = nextBar < 0 ? rest : rest.slice(0, nextBar);
  const text = cell.trim();
  if (!NUMBER.test(text)) return null;
  // `| $z$ | 0 | 0 | 3/2 | 36 |`, a simplex tableau's or a payoff matrix's row: the name labels a row
  // of numbers, one per column, and the cell after it is the first column's entry, not its value.
  if (
    nextBar >= 0 &&
    rest
      .slice(nextBar + 1)
      .split('|')
      .some((c) => ROW_NUMBER.test(c.trim()))
  )
    return null;
  const name = source.slice(outerStart, outerEnd).trim();
  if (valuesInTable(source, lineStart, name) > 1) return null;
  const start = outerEnd + close + 1 + cell.indexOf(text);
  return { text, value: Number(text), start, end: start + text.length };
}

/** How many rows of the table around the line at `lineStart` give `name` (as written) a number. */
function valuesInTable(source: string, lineStart: number, name: string): number {
  const lines: string[] = [];
  let from = lineStart;
  // The table's lines before this one, then this one and those after: contiguous lines that start with a bar.
  while (from > 0) {
    const prevStart = source.lastIndexOf('\n', from - 2) + 1;
    const prev = source.slice(prevStart, from - 1);
    if (!/^\s*\|/.test(prev)) break;
    lines.push(prev);
    from = prevStart;
  }
  let at = lineStart;
  while (at < source.length) {
    const nl = source.indexOf('\n', at);
    const line = source.slice(at, nl < 0 ? source.length : nl);
    if (!/^\s*\|/.test(line)) break;
    lines.push(line);
    if (nl < 0) break;
    at = nl + 1;
  }
  // The span's math without its delimiters, `$n$` or `\(n\)` alike.
  const written = LONE_MATH.exec(name);
  const inner = (written ? (written[1] ?? written[2]) : name).trim();
  let count = 0;
  for (const line of lines) {
    const cells = line.split('|').map((c) => c.trim());
    for (let k = 0; k + 1 < cells.length; k++) {
      const m = LONE_MATH.exec(cells[k]);
      if (m && (m[1] ?? m[2]).trim() === inner && NUMBER.test(cells[k + 1])) count++;
    }
  }
  return count;
}

/** The contexts of the items, each span alone in a table cell given the number of the next cell. */
export function withTableValues(
  contexts: ProseContext[],
  items: readonly DocItem[],
  source: string,
): ProseContext[] {
  // Only a span on a table row can take a value: the rows are found first, in one search of the
  // text, and a span is asked about only when its line is one of them. Asking every inline span
  // for its line cost a scan per span on every edit, and most documents have no table at all.
  const rows = tableRows(source);
  if (rows.starts.length === 0) return contexts;
  // Copied only when a span gets a value.
  let out = contexts;
  for (let k = 0; k < contexts.length; k++) {
    const item = items[k];
    if (item.kind !== 'math' || item.display || !onRow(rows, item.outerStart)) continue;
    const cell = tableValue(source, item.outerStart, item.outerEnd);
    if (!cell) continue;
    if (out === contexts) out = contexts.slice();
    out[k] = { ...contexts[k], cellValue: cell.text, cellValueAt: cell.start };
  }
  return out;
}

/** A line break followed by a table row's start (`TABLE_ROW` at the next line's start). */
const ROW_AFTER_BREAK = /\n[^\S\n]*\|/g;

/** The lines that begin as table rows (what `tableValue` tests first): their starts and ends, in order. */
interface Rows {
  starts: number[];
  ends: number[];
}

function tableRows(source: string): Rows {
  const rows: Rows = { starts: [], ends: [] };
  const add = (start: number) => {
    const nl = source.indexOf('\n', start);
    rows.starts.push(start);
    rows.ends.push(nl < 0 ? source.length : nl);
  };
  TABLE_ROW.lastIndex = 0;
  if (TABLE_ROW.test(source)) add(0);
  ROW_AFTER_BREAK.lastIndex = 0;
  for (let m = ROW_AFTER_BREAK.exec(source); m; m = ROW_AFTER_BREAK.exec(source)) {
    add(m.index + 1);
    // The next row starts on a later line: search on from this row's line break.
    ROW_AFTER_BREAK.lastIndex = rows.ends[rows.ends.length - 1];
  }
  return rows;
}

/**
 * Whether the line holding `offset` (from the line break before it to the one at or after it) is
 * a row: the last row starting at or before it reaches it.
 */
function onRow(rows: Rows, offset: number): boolean {
  const k = lowerBound(rows.starts, offset + 1) - 1;
  return k >= 0 && offset <= rows.ends[k];
}

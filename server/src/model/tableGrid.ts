// A Markdown table that lays out a function of two arguments — the corner cell names it, `$p(x,y)$`,
// the header cells give the second argument (`$y = 0$`), the first cell of each row the first
// (`$x = 1$`), and the other cells its values — is the table of that function's values, as a
// careful reader takes a joint pmf written so: `p(1, 0)` is the number in row x = 1, column y = 0.
// Read from the source around the corner cell; every cell must be a number for the grid to count.
import { lineEndAt, lineStartAt } from './lineBreaks';

/** One value of the grid: the point's two atoms and the number's text. */
export interface GridValue {
  atoms: [string, string];
  value: number;
}

const ROW = /^\s*\|/;
const DELIMITER = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** The cells of a table row, without the outer bars. */
function cellsOf(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim());
}

/** `$…$` or `\(…\)` around a cell's text taken off. */
function unwrapped(cell: string): string {
  const m = /^\$([^$]*)\$$|^\\\((.*)\\\)$/.exec(cell);
  return (m ? (m[1] ?? m[2]) : cell).trim();
}

/** `0.25`, `1/4`, `\frac{1}{4}`, `-0.5`: the number a cell holds, else null. */
function cellNumber(cell: string): number | null {
  const t = unwrapped(cell).replace(/\s+/g, '');
  if (/^[+-]?\d+(?:\.\d+)?$/.test(t)) return Number(t);
  const q = /^([+-]?\d+)\/(\d+)$/.exec(t) ?? /^\\[dt]?frac\{?(\d+)\}?\{?(\d+)\}?$/.exec(t);
  if (q && Number(q[2]) !== 0) return Number(q[1]) / Number(q[2]);
  return null;
}

/** `$y = 0$`, `y=1`: the number a header cell sets `letter` to, as its atom, else null. */
function headerAtom(cell: string, letter: string): string | null {
  const m = /^(\\?[A-Za-z]+)\s*=\s*([+-]?\d+(?:\.\d+)?)$/.exec(unwrapped(cell));
  if (!m || m[1] !== letter) return null;
  return String(Number(m[2]));
}

/**
 * The grid of values when the math span at `[start, end)` stands alone in the first cell of a
 * table's header row and names f applied to the letters `first` and `second`; null otherwise.
 */
export function gridValues(
  source: string,
  start: number,
  end: number,
  first: string,
  second: string,
): GridValue[] | null {
  const lineStart = lineStartAt(source, start);
  const line = source.slice(lineStart, lineEndAt(source, end));
  if (!ROW.test(line)) return null;
  const header = cellsOf(line);
  const corner = source.slice(lineStart, start).replace(/^\s*\|/, '');
  if (corner.replace(/\$|\\\(/g, '').trim() !== '') return null;
  const next = lineEndAt(source, end) + 1;
  if (next >= source.length) return null;
  const delimiter = source.slice(next, lineEndAt(source, next));
  if (!DELIMITER.test(delimiter)) return null;
  const columns = header.slice(1).map((c) => headerAtom(c, second));
  if (columns.length === 0 || columns.some((c) => c === null)) return null;
  const out: GridValue[] = [];
  let at = lineEndAt(source, next) + 1;
  while (at < source.length) {
    const rowLine = source.slice(at, lineEndAt(source, at));
    if (!ROW.test(rowLine)) break;
    const row = cellsOf(rowLine);
    const a = headerAtom(row[0] ?? '', first);
    if (a === null || row.length - 1 !== columns.length) return null;
    for (let k = 0; k < columns.length; k++) {
      const v = cellNumber(row[k + 1]);
      if (v === null) return null;
      out.push({ atoms: [a, columns[k] as string], value: v });
    }
    at = lineEndAt(source, at) + 1;
  }
  return out.length > 0 ? out : null;
}

// A joint pmf given cell by cell in running text: "$P(X = 0, Y = 0) = 0.1$, $P(X = 0, Y = 1) = 0.2$,
// …". A reader takes the cells, once their probabilities add up to 1, as the law of the pair: the
// marginals, E[XY] and Cov(X, Y) the text works out next are about it. Read as claims, each cell
// was refuted against an earlier problem's law of X, or left unchecked with no law at all. The
// cells are read from the source, ahead of the builder, since whether they make a law depends on
// the ones still to come. Pure functions of text.

/** The joint law the cells give: the letters, each cell's values and probability, where it ends. */
export interface JointCells {
  names: [string, string];
  cells: { values: [number, number]; weight: number }[];
  /** Offsets of the first cell's start and of the last cell's end. */
  start: number;
  end: number;
}

const PROBABILITY =
  String.raw`(?:\\Pr|\\mathbb\s*\{\s*P\s*\}|\\mathrm\s*\{\s*P\s*\}|` +
  String.raw`\\operatorname\s*\{\s*P\s*\}|P)`;
const NUMBER = String.raw`[+-]?\d+(?:\.\d+)?`;
const VALUE = String.raw`\d*\.?\d+|\\[dt]?frac\s*\{\s*\d+\s*\}\s*\{\s*\d+\s*\}|\d+\s*/\s*\d+`;
const CELL_SOURCE =
  String.raw`${PROBABILITY}\s*(?:\\left\s*)?[([]\s*([A-Z])\s*=\s*(${NUMBER})\s*(?:,|\\cap|\\wedge)\s*` +
  String.raw`([A-Z])\s*=\s*(${NUMBER})\s*(?:\\right\s*)?[)\]]\s*=\s*(${VALUE})` +
  String.raw`(?![\d.]|\s*(?:[+\-*/^(]|\\cdot|\\times))`;
/** A cell exactly where the relation starts (sticky: nothing past it is searched). */
const CELL_HERE = new RegExp(CELL_SOURCE, 'y');
/** The next cell within a window after the last one. */
const CELL_NEXT = new RegExp(CELL_SOURCE, 'g');
/** Cells further apart than this, or with a paragraph break between them, are not one table. */
const GAP = 300;

/** A cell's probability as a number, with the half unit of its last digit (its rounding). */
function probabilityOf(text: string): { value: number; rounding: number } | null {
  const t = text.replace(/\s+/g, '');
  const q = /^\\[dt]?frac\{(\d+)\}\{(\d+)\}$/.exec(t) ?? /^(\d+)\/(\d+)$/.exec(t);
  if (q) return Number(q[2]) > 0 ? { value: Number(q[1]) / Number(q[2]), rounding: 0 } : null;
  const digits = t.includes('.') ? t.length - t.indexOf('.') - 1 : 0;
  return { value: Number(t), rounding: digits > 0 ? 0.5 * 10 ** -digits : 0 };
}

/**
 * The table whose first cell starts at `at` in `source`: the cells that follow on the same two
 * letters, each within a short gap of the one before in the same paragraph (a later paragraph's
 * `P(W = 0, Z = 0) = 0` is a claim about the law), when there are at least two, no two of them on
 * one pair of values, and their probabilities add up to 1 to the rounding of their decimals; null
 * otherwise.
 */
export function jointCellsAt(source: string, at: number): JointCells | null {
  const cells: JointCells['cells'] = [];
  let names: [string, string] | null = null;
  let end = at;
  let total = 0;
  let rounding = 0;
  const seen = new Set<string>();
  CELL_HERE.lastIndex = at;
  for (let m = CELL_HERE.exec(source); m; ) {
    const pair: [string, string] = [m[1], m[3]];
    if (pair[0] === pair[1]) return null;
    if (names && (names[0] !== pair[0] || names[1] !== pair[1])) break;
    names = pair;
    const v = probabilityOf(m[5]);
    const values: [number, number] = [Number(m[2]), Number(m[4])];
    const key = values.join(',');
    if (!v || v.value < 0 || v.value > 1 || seen.has(key)) return null;
    seen.add(key);
    cells.push({ values, weight: v.value });
    total += v.value;
    rounding += v.rounding;
    end = m.index + m[0].length;
    // The next cell, searched only a short way on.
    const ahead = source.slice(end, end + GAP + 200);
    CELL_NEXT.lastIndex = 0;
    const next = CELL_NEXT.exec(ahead);
    if (!next || next.index > GAP || /\n[ \t]*\n/.test(ahead.slice(0, next.index))) break;
    next.index += end;
    m = next;
  }
  if (!names || cells.length < 2 || Math.abs(total - 1) > rounding + 1e-9) return null;
  return { names, cells, start: at, end };
}

/** The two letters of the cell written at `at` in `source`, or null when no cell starts there. */
export function cellLettersAt(source: string, at: number): [string, string] | null {
  CELL_HERE.lastIndex = at;
  const m = CELL_HERE.exec(source);
  return m ? [m[1], m[3]] : null;
}

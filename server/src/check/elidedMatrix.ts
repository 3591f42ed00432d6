// A diagonal matrix written with dots, as textbooks print it:
//   \begin{bmatrix} a_1 & 0 & \dots & 0 \\ 0 & a_2 & \dots & 0 \\
//     & & \ddots & \\ 0 & 0 & \dots & a_n \end{bmatrix}
// Every row has the same columns (some written, dots, the last), a row of dots stands for the rows
// left out, every written entry off the diagonal is 0, and the diagonal entries follow one elided
// pattern (a_1, a_2, …, a_n): the matrix is diag(a_1, …, a_n) — at n = 2 too, as a list
// (a_1, a_2, \dots, a_n) has two entries then, however many columns were printed. Any other
// matrix with dots (a band, a full pattern) is not read this way, and says so.
import type { Node } from '../math/tree';
import { Unsupported } from './errors';
import type { CompileEnv, Fn } from './evaluate';
import * as V from './values';

type Matrix = Extract<Node, { kind: 'matrix' }>;

/** The diagonal as a list with dots (`a_1, a_2, \dots, a_n`) and the number of columns written. */
export function readElidedDiagonal(rows: Node[][]): { diagonal: Node[] } | null {
  const isDots = (x: Node) => x.kind === 'dots';
  const isZero = (x: Node) => x.kind === 'num' && x.value === 0;
  const gap = rows.findIndex((r) => r.length > 0 && r.every(isDots));
  if (gap < 1 || gap !== rows.length - 2) return null;
  const full = [...rows.slice(0, gap), rows[rows.length - 1]];
  // Columns written before the dots; the dots stand one place before the last column.
  const written = full[0].length - 2;
  if (written < 1 || gap > written) return null;
  const layoutOk = full.every(
    (r) => r.length === written + 2 && r.findIndex(isDots) === written && r.filter(isDots).length === 1,
  );
  if (!layoutOk) return null;
  const diagonal: Node[] = [];
  for (let i = 0; i < gap; i++) {
    const row = rows[i];
    if (!row.every((x, j) => j === i || j === written || isZero(x)) || !isZero(row[written + 1])) return null;
    diagonal.push(row[i]);
  }
  const last = rows[rows.length - 1];
  if (!last.slice(0, written).every(isZero)) return null;
  const dots = rows[0][written];
  diagonal.push(dots, last[written + 1]);
  return { diagonal };
}

/** `compile` is passed in, as in integral.ts: evaluate.ts calls this. Null when not such a matrix. */
export function compileElidedDiagonal(
  n: Matrix,
  c: CompileEnv,
  compile: (n: Node, c: CompileEnv) => Fn,
): Fn | null {
  if (!n.rows.some((r) => r.some((x) => x.kind === 'dots'))) return null;
  const read = readElidedDiagonal(n.rows);
  if (!read)
    throw new Unsupported(
      'a matrix with dots is evaluated when it is diagonal (the written entries off the diagonal 0, a ' +
        'row of dots before the last row, the diagonal one pattern a_1, a_2, \\dots, a_n); write other ' +
        'matrices with an elementwise definition, A_{ij} := …',
      n.start,
      n.end,
    );
  const list: Node = {
    kind: 'group',
    open: '(',
    close: ')',
    items: read.diagonal,
    start: n.start,
    end: n.end,
  };
  const values = compile(list, c);
  return (t) => {
    const v = values(t);
    return V.call('diag', [v], n);
  };
}

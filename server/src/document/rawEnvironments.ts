// A LaTeX math environment written straight into Markdown (`\begin{equation} … \end{equation}`),
// as Pandoc's raw TeX and MathJax's environment processing both typeset it.
import { DISPLAY_MATH_ENVIRONMENTS } from './common';

const DISPLAY_ENVS = new Set(DISPLAY_MATH_ENVIRONMENTS);
const BEGIN = /\\begin\{([A-Za-z]+)(\*?)\}/y;

export type RawEnvironment =
  | { name: string; bodyStart: number; bodyEnd: number; end: number }
  | { name: string; unclosed: true; openEnd: number };

/** The display environment that `\begin{…}` at `i` opens, closed before `b`; null if none opens there. */
export function rawMathEnvironment(t: string, i: number, b: number): RawEnvironment | null {
  BEGIN.lastIndex = i;
  const m = BEGIN.exec(t);
  if (!m || !DISPLAY_ENVS.has(m[1]) || BEGIN.lastIndex > b) return null;
  const name = m[1] + m[2];
  let bodyStart = BEGIN.lastIndex;
  // `\begin{alignat}{2}`: the column count is not math.
  const columns = m[1] === 'alignat' ? /^\s*\{\d+\}/.exec(t.slice(bodyStart, bodyStart + 16)) : null;
  if (columns) bodyStart += columns[0].length;
  const close = t.indexOf(`\\end{${name}}`, bodyStart);
  if (close < 0 || close + name.length + 6 > b) return { name, unclosed: true, openEnd: BEGIN.lastIndex };
  return { name, bodyStart, bodyEnd: close, end: close + name.length + 6 };
}

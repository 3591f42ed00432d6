// A long side broken over rows of an alignment, as journals and theses typeset it:
//
//   a & = & b + c \nonumber \\
//     &   & +\: d                    (IEEEeqnarray, eqnarray)
//   a &= b + c \\ &\quad + d          (align)
//
// A row whose first content (after its `&` and `\quad`) is a binary operator (+, −, ±, ·, ×) and
// that holds no relation of its own carries on the side the row before it ended with: its `\\`,
// `&` and leading spacing are removed, so the rows read as one side. A row that begins with an
// operator but states a relation (`-a &= -b`) is a new line, as before. Rows inside a matrix or
// `cases` (any environment still there once layout environments are removed) are its rows.
import type { Token } from '../tokens';
import { RELATION_COMMANDS } from '../vocabulary';
import { CLOSERS, OPENERS, RELATION_SYMBOLS } from './tokenSets';

const OPERATORS = new Set(['+', '-', '\\pm', '\\mp', '\\cdot', '\\times']);
const LEADING_SPACE = new Set(['&', '\\quad', '\\qquad']);

export function joinContinuedRows(tokens: Token[]): Token[] {
  const drop = new Set<number>();
  let environments = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].text === '\\begin') environments++;
    else if (tokens[i].text === '\\end') environments = Math.max(0, environments - 1);
    if (tokens[i].text !== '\\\\' || environments > 0) continue;
    let j = afterSpacing(tokens, i + 1);
    while (j < tokens.length && LEADING_SPACE.has(tokens[j].text)) j++;
    // `{}` before the operator keeps it binary in TeX (`& {} + d`).
    if (tokens[j]?.text === '{' && tokens[j + 1]?.text === '}') j += 2;
    if (!OPERATORS.has(tokens[j]?.text ?? '') || hasRelation(tokens, j) || !sideBefore(tokens, i)) continue;
    for (let k = i; k < j; k++) drop.add(k);
  }
  return drop.size === 0 ? tokens : tokens.filter((_, k) => !drop.has(k));
}

/** After `\\[2pt]`'s spacing argument at j, if there is one. */
function afterSpacing(tokens: Token[], j: number): number {
  if (tokens[j]?.text !== '[' || tokens[j + 1]?.type !== 'num') return j;
  for (let k = j + 2; k < tokens.length && k < j + 6; k++) if (tokens[k].text === ']') return k + 1;
  return j;
}

/** Whether the row from j to its end states a relation at its top level. */
function hasRelation(tokens: Token[], j: number): boolean {
  let depth = 0;
  for (let k = j; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type === 'eof' || (depth === 0 && (t.text === '\\\\' || t.text === '\\newline'))) return false;
    if (t.text === '{' || t.text in OPENERS) depth++;
    else if (t.text === '}' || CLOSERS.has(t.text)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (RELATION_SYMBOLS[t.text] || (t.type === 'cmd' && RELATION_COMMANDS[t.text])))
      return true;
  }
  return false;
}

/** Whether the row ending at the `\\` at i ends in a side (not in a relation or an empty row). */
function sideBefore(tokens: Token[], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && tokens[k].text === '&') k--;
  if (k < 0 || tokens[k].text === '\\\\') return false;
  const t = tokens[k];
  return !(RELATION_SYMBOLS[t.text] || (t.type === 'cmd' && RELATION_COMMANDS[t.text]));
}

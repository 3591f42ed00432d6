// Typesetting that changes how math looks, never what it means, beyond the commands the
// vocabulary drops by name: TeX's explicit kerns with a dimension (`^{\mkern-1.5mu\mathsf{T}}`, the
// thesis transpose), beamer's overlays and highlights (`\only<2>{x}`, `\alert{x}`, `\pause`) and
// colour (`\textcolor{red}{x}`). Each is recognised here and removed before the grammar reads.
import type { Token } from '../tokens';

/** Kerns and skips followed by a TeX dimension: `\mkern-1.5mu`, `\kern3pt`, `\mskip 2mu`. */
const KERNS = new Set(['\\mkern', '\\kern', '\\mskip', '\\hskip']);
const UNITS = new Set(['mu', 'pt', 'em', 'ex', 'cm', 'mm', 'in', 'bp', 'pc', 'dd', 'sp']);

/** beamer's overlay commands: an optional `<2->` specification, then a group whose content stays. */
const OVERLAYS = new Set(['\\only', '\\onslide', '\\uncover', '\\visible', '\\invisible', '\\alt']);
/** Highlights whose group's content stays: beamer's `\alert`, `\structure`, and overlay-free forms. */
const HIGHLIGHTS = new Set(['\\alert', '\\structure', '\\emph']);
/** Commands that are dropped alone: a pause between overlays. */
const DROPPED = new Set(['\\pause']);

/**
 * What to do with the command at `i`: skip the tokens up to `next` (exclusive) and, when
 * `unwrapClose` is set, drop the closing brace at that index later (the group's content stays).
 * Null when the command is not typesetting of this kind.
 */
export function typesetting(
  tokens: Token[],
  i: number,
  skipGroup: (tokens: Token[], i: number) => number,
): { next: number; unwrapClose?: number } | null {
  const t = tokens[i];
  if (t.type !== 'cmd') return null;
  if (DROPPED.has(t.text)) return { next: i + 1 };
  if (KERNS.has(t.text)) return { next: afterDimension(tokens, i + 1) };
  if (t.text === '\\textcolor' && tokens[i + 1]?.text === '{') {
    const second = skipGroup(tokens, i + 1);
    if (tokens[second]?.text !== '{') return null;
    return { next: second + 1, unwrapClose: skipGroup(tokens, second) - 1 };
  }
  let j = i + 1;
  if (OVERLAYS.has(t.text) || HIGHLIGHTS.has(t.text)) j = afterOverlaySpec(tokens, j);
  else return null;
  if (tokens[j]?.text !== '{') return OVERLAYS.has(t.text) && j > i + 1 ? { next: j } : null;
  return { next: j + 1, unwrapClose: skipGroup(tokens, j) - 1 };
}

/** After `<2->`, `<1,3>` or `<+->` at j; j itself when there is none. */
function afterOverlaySpec(tokens: Token[], j: number): number {
  if (tokens[j]?.text !== '<') return j;
  for (let k = j + 1; k < tokens.length && k < j + 12; k++) {
    const v = tokens[k].text;
    if (v === '>') return k + 1;
    if (!(tokens[k].type === 'num' || v === '-' || v === ',' || v === '+' || v === '|' || v === '.'))
      return j;
  }
  return j;
}

/** After an optional sign, a number and a unit (`-1.5mu`) at j; j when no dimension is there. */
function afterDimension(tokens: Token[], j: number): number {
  let k = j;
  if (tokens[k]?.text === '-' || tokens[k]?.text === '+') k++;
  if (tokens[k]?.type !== 'num') return j;
  k++;
  const unit = `${tokens[k]?.text ?? ''}${tokens[k + 1]?.text ?? ''}`;
  if (tokens[k]?.type === 'letter' && tokens[k + 1]?.type === 'letter' && UNITS.has(unit)) return k + 2;
  return j;
}

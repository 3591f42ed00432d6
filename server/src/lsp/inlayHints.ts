// Inlay hints: `= value` after a side of a purely numeric claim when that side is not already
// a plain number (e.g. `2(3-1) + 3 - 2(1)` shows `= 5`).
import { InlayHintKind } from 'vscode-languageserver';
import type { InlayHint, Range } from 'vscode-languageserver';
import { detailValue, sides } from './claims';
import type { Checked } from './documentChecks';
import type { ClaimResult } from '../check/result';
import { renderSample } from '../check/format';
import { toPosition, toOffset } from './positions';

/** LaTeX commands that do not make an expression symbolic. */
const NUMERIC_COMMANDS = /\\(?:frac|dfrac|tfrac|cdot|times|div|sqrt|left|right|big|Big|bigg|Bigg|,|;|!| )/g;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

export function inlayHints(c: Checked, range: Range): InlayHint[] {
  const text = c.doc.getText();
  const from = toOffset(c.doc, range.start);
  const to = toOffset(c.doc, range.end);
  const hints: InlayHint[] = [];
  // In `a = b = 5` the middle side ends two claims: one hint for it.
  const placed = new Set<number>();
  for (const claim of c.result.claims) {
    if (claim.end < from || claim.start > to || claim.verdict === 'unchecked') continue;
    if (!isNumeric(text.slice(claim.start, claim.end), claim.relation)) continue;
    const s = sides(text, claim);
    for (const side of ['left', 'right'] as const) {
      const [a, b] = s[side];
      if (b <= a || PLAIN_NUMBER.test(text.slice(a, b))) continue;
      const value = sideValue(claim, side, a, b);
      if (value === null || placed.has(b) || statesValue(text.slice(b, b + 40), value)) continue;
      placed.add(b);
      hints.push({
        position: toPosition(c.doc, b),
        label: `= ${value}`,
        kind: InlayHintKind.Type,
        paddingLeft: true,
        paddingRight: side === 'left',
      });
    }
  }
  return hints;
}

/** True when the text after a side already says `= value` (`… = 5` needs no hint `= 5`). */
function statesValue(after: string, value: string): boolean {
  const m = /^\s*(?:&\s*)?=\s*([+-]?(?:\d+\.?\d*|\.\d+))/.exec(after);
  return m !== null && Number(m[1]) === Number(value);
}

function isNumeric(source: string, relation: string): boolean {
  return !/[A-Za-z]/.test(source.replace(relation, ' ').replace(NUMERIC_COMMANDS, ' '));
}

function sideValue(claim: ClaimResult, side: 'left' | 'right', a: number, b: number): string | null {
  const exact = claim.sample?.find((s) => s.start === a - claim.start && s.end === b - claim.start);
  if (exact && exact.shape === 'scalar') return renderSample(exact.dims, exact.values).plain;
  const v = detailValue(claim, side);
  return v === null ? null : String(Number(v.toPrecision(6)));
}

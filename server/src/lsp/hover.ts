// Hover in math: the value of the sub-expression under the cursor (at the first sample), the
// verdict of the claim under the cursor, and the binding of the symbol under the cursor.
import { MarkupKind } from 'vscode-languageserver';
import type { Hover } from 'vscode-languageserver';
import { renderSample } from '../check/format';
import { claimAt, sampleAt, spanAt, VERDICT_MARK } from './claims';
import { bindingFor, symbolAt } from './names';
import { toPosition, toRange } from './positions';
import type { Checked } from './documentChecks';

/** `where(offset)` names a place for the binding's line (a cell or another file in a composite). */
export function hover(
  c: Checked,
  offset: number,
  where: (offset: number) => string = (o) => `line ${toPosition(c.doc, o).line + 1}`,
): Hover | null {
  const text = c.doc.getText();
  const claim = claimAt(c, offset);
  const span = spanAt(c, offset);
  const sym = symbolAt(text, offset);
  const binding = sym ? bindingFor(c.result.bindings, sym, offset) : null;
  if (!span && !claim && !binding) return null;

  const parts: string[] = [];
  let range = claim ? toRange(c.doc, claim.start, claim.end) : undefined;

  const sample = sampleAt(c, offset, claim);
  if (sample) {
    const source = abbreviate(text.slice(sample.start, sample.end));
    parts.push(`${code(source)} — ${sample.shape}\n\n${renderSample(sample.dims, sample.values).markdown}`);
    range = toRange(c.doc, sample.start, sample.end);
  }
  if (claim) {
    const { qualifier, body } = splitVerdict(claim.verdict, claim.message);
    const head =
      `${VERDICT_MARK[claim.verdict]} ` +
      `**${claim.verdict}**${qualifier ? ` ${qualifier}` : ''}` +
      `${claim.tag ? ` (${claim.tag})` : ''} — ${body}`;
    const details = claim.details.length ? `\n\n\`\`\`text\n${claim.details.join('\n')}\n\`\`\`` : '';
    parts.push(head + details);
  }
  if (binding && sym) {
    parts.push(
      `${code(text.slice(sym.start, sym.end))} — ${binding.kind} (${where(binding.start)}): ` +
        `${code(abbreviate(binding.text))}`,
    );
    if (!range) range = toRange(c.doc, sym.start, sym.end);
  }
  if (parts.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}

/**
 * A message without its leading verdict word, which the hover already shows in bold:
 * `verified within the rounding of 0.33: 20 trials` → qualifier `within the rounding of 0.33`.
 */
export function splitVerdict(verdict: string, message: string): { qualifier: string; body: string } {
  const m = new RegExp(`^${verdict}\\b([^:]*):\\s*`).exec(message);
  if (!m) return { qualifier: '', body: message };
  return { qualifier: m[1].trim(), body: message.slice(m[0].length) };
}

function abbreviate(s: string, max = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function code(s: string): string {
  const fence = s.includes('`') ? '``' : '`';
  return `${fence}${s}${fence}`;
}

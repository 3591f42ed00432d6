// Go to definition (a symbol → its declaration or definition) and the document outline
// (claims with their verdicts, and bindings).
import { SymbolKind } from 'vscode-languageserver';
import type { DocumentSymbol, Location } from 'vscode-languageserver';
import { VERDICT_MARK } from './claims';
import { bindingFor, symbolAt } from './names';
import { toRange } from './positions';
import type { Checked } from './documentChecks';
import type { SymbolBinding } from '../check/result';

export function definition(c: Checked, offset: number): Location | null {
  const sym = symbolAt(c.doc.getText(), offset);
  const b = sym ? bindingFor(c.result.bindings, sym, offset) : null;
  return b ? { uri: c.uri, range: toRange(c.doc, b.start, b.end) } : null;
}

export function documentSymbols(c: Checked): DocumentSymbol[] {
  const items: { at: number; symbol: DocumentSymbol }[] = [];
  for (const claim of c.result.claims) {
    const range = toRange(c.doc, claim.start, claim.end);
    items.push({
      at: claim.start,
      symbol: {
        name: `${VERDICT_MARK[claim.verdict]} ${oneLine(claim.text) || claim.relation}`,
        detail: claim.verdict === 'verified' ? 'verified' : claim.message,
        kind: SymbolKind.Boolean,
        range,
        selectionRange: toRange(c.doc, claim.opStart, claim.opEnd),
      },
    });
  }
  for (const b of c.result.bindings) {
    const range = toRange(c.doc, b.start, b.end);
    items.push({
      at: b.start,
      symbol: {
        name: b.name || '?',
        detail: `${b.kind}: ${oneLine(b.text)}`,
        kind: bindingKind(b),
        range,
        selectionRange: range,
      },
    });
  }
  return items.sort((a, b) => a.at - b.at).map((x) => x.symbol);
}

function bindingKind(b: SymbolBinding): SymbolKind {
  if (b.kind === 'definition')
    return /\(/.test(b.text.split(/:=|=/)[0] ?? '') ? SymbolKind.Function : SymbolKind.Variable;
  if (b.kind === 'case') return SymbolKind.Constant;
  return SymbolKind.Variable;
}

function oneLine(s: string, max = 100): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

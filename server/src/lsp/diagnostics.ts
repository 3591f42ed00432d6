// Check results → LSP diagnostics. Verified claims produce none.
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver';
import { toRange } from './positions';
import type { Checked } from './documentChecks';
import type { ClaimResult } from '../check/result';
import { suppressionFor } from '../check/suppress';
import type { UncheckedSeverity } from './settings';

export const SOURCE = 'derivcheck';

export function toDiagnostics(c: Checked, uncheckedSeverity: UncheckedSeverity): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const claim of c.result.claims) {
    const severity = claimSeverity(claim, uncheckedSeverity);
    // A derive-disable-next-line comment silences the editor as it silences the CLI.
    if (severity === null || suppressionFor(c.result, claim)) continue;
    const range = toRange(c.doc, claim.start, claim.end);
    const d: Diagnostic = { range, severity, source: SOURCE, code: claim.code, message: claim.message };
    if (claim.details.length > 0) {
      d.relatedInformation = claim.details.map((line) => ({ location: { uri: c.uri, range }, message: line }));
    }
    out.push(d);
  }
  for (const p of c.result.problems) {
    if (suppressionFor(c.result, p)) continue;
    out.push({ range: toRange(c.doc, p.start, p.end), severity: DiagnosticSeverity.Warning, source: SOURCE, code: p.code, message: p.message });
  }
  return out;
}

export function claimSeverity(claim: ClaimResult, unchecked: UncheckedSeverity): DiagnosticSeverity | null {
  switch (claim.verdict) {
    case 'verified':
      return null;
    case 'refuted':
      return DiagnosticSeverity.Error;
    case 'unchecked':
      if (claim.code === 'shape') return DiagnosticSeverity.Error;
      return unchecked === 'off' ? null : unchecked === 'hint' ? DiagnosticSeverity.Hint : DiagnosticSeverity.Information;
  }
}

/** The diagnostic a failed check leaves on the document's first line. */
export function failureDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: SOURCE,
    code: 'internal',
    message: `derivcheck could not check this document: ${message.split('\n')[0]}`,
  };
}

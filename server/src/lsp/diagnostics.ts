// Check results → LSP diagnostics. Verified claims produce none.
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic, Range } from 'vscode-languageserver';
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
    out.push(claimDiagnostic(c, claim, severity));
  }
  for (const p of c.result.problems) {
    if (suppressionFor(c.result, p)) continue;
    out.push({
      range: toRange(c.doc, p.start, p.end),
      severity: DiagnosticSeverity.Warning,
      source: SOURCE,
      code: p.code,
      message: p.message,
    });
  }
  return out;
}

/**
 * Each claim result's last diagnostic. The results an edit did not touch come back from the
 * worker as the same objects (resultDiff.ts), so their diagnostics are the same objects too when
 * their place reads the same in the new version: every publish rebuilds only what moved.
 */
const kept = new WeakMap<ClaimResult, Diagnostic>();
/** The related lines of a claim's details (shared by a result and its copies moved by an edit). */
const relatedKept = new WeakMap<readonly string[], string[]>();

function claimDiagnostic(c: Checked, claim: ClaimResult, severity: DiagnosticSeverity): Diagnostic {
  // The range is found again in this version: an edit before the claim that kept its offset may
  // still have moved it to another line.
  const range = toRange(c.doc, claim.start, claim.end);
  const last = kept.get(claim);
  if (
    last &&
    last.severity === severity &&
    samePlace(last.range, range) &&
    (last.relatedInformation?.[0]?.location.uri ?? c.uri) === c.uri
  )
    return last;
  const d: Diagnostic = { range, severity, source: SOURCE, code: claim.code, message: claim.message };
  let related = relatedKept.get(claim.details);
  if (!related) {
    related = relatedLines(claim.details);
    relatedKept.set(claim.details, related);
  }
  if (related.length > 0)
    d.relatedInformation = related.map((line) => ({ location: { uri: c.uri, range }, message: line }));
  kept.set(claim, frozen(d));
  return d;
}

/** Frozen whole: it is published again as it is, and its bytes are kept too (keptJson.ts). */
function frozen(d: Diagnostic): Diagnostic {
  Object.freeze(d.range.start);
  Object.freeze(d.range.end);
  Object.freeze(d.range);
  for (const r of d.relatedInformation ?? []) Object.freeze(Object.freeze(r).location);
  if (d.relatedInformation) Object.freeze(d.relatedInformation);
  return Object.freeze(d);
}

function samePlace(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** Entries of related information: at most a few short lines. */
export const MAX_RELATED = 3;
const MAX_RELATED_CHARS = 80;

/**
 * The few lines worth a row in the Problems panel: both values and the sample on one line (the
 * hover has every detail). Each related entry is also repeated as a `file(line, col):` line in
 * the editor's hover, so more would push derivcheck's own hover out of sight.
 */
export function relatedLines(details: readonly string[]): string[] {
  const short = (s: string) => (s.length > MAX_RELATED_CHARS ? `${s.slice(0, MAX_RELATED_CHARS - 1)}…` : s);
  const values = details.filter((l) => /^(left|right) = /.test(l));
  const at = details.indexOf('sample:');
  const sample =
    at >= 0
      ? details
          .slice(at + 1)
          .filter((l) => /^\s/.test(l))
          .map((l) => l.trim())
      : [];
  const out = values.length
    ? values.map(short)
    : details
        .filter((l) => l !== 'sample:' && !/^\s/.test(l))
        .slice(0, 1)
        .map(short);
  if (sample.length) out.push(short(`at ${sample.join(', ')}`));
  return out.slice(0, MAX_RELATED);
}

export function claimSeverity(claim: ClaimResult, unchecked: UncheckedSeverity): DiagnosticSeverity | null {
  switch (claim.verdict) {
    case 'verified':
      return null;
    case 'refuted':
      return DiagnosticSeverity.Error;
    case 'unchecked':
      if (claim.code === 'shape') return DiagnosticSeverity.Error;
      return unchecked === 'off'
        ? null
        : unchecked === 'hint'
          ? DiagnosticSeverity.Hint
          : DiagnosticSeverity.Information;
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

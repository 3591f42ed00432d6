// Code lenses: one summary line above each display (or each line of inline claims), e.g.
// "✓ 3 verified · ✗ 1 refuted · ? 1 unchecked"; the command lists the claims.
import type { CodeLens } from 'vscode-languageserver';
import { Commands } from './protocol';
import type { ClaimsLensArgs } from './protocol';
import type { Checked } from './documentChecks';
import type { ClaimResult } from '../check/result';
import { toPosition } from './positions';

export function codeLenses(c: Checked): CodeLens[] {
  const groups = new Map<number, ClaimResult[]>();
  for (const claim of c.result.claims) {
    const display = c.spans.find(
      (s) => s.display && s.outerStart <= claim.opStart && claim.opStart <= s.outerEnd,
    );
    const line = toPosition(c.doc, display ? display.outerStart : claim.start).line;
    const group = groups.get(line);
    if (group) group.push(claim);
    else groups.set(line, [claim]);
  }
  const lenses: CodeLens[] = [];
  for (const [line, claims] of [...groups].sort((a, b) => a[0] - b[0])) {
    const args: ClaimsLensArgs = {
      uri: c.uri,
      claims: claims.map((x) => {
        const p = toPosition(c.doc, x.opStart);
        return { verdict: x.verdict, text: x.text, message: x.message, line: p.line, character: p.character };
      }),
    };
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    lenses.push({
      range,
      command: { title: lensTitle(claims), command: Commands.showClaims, arguments: [args] },
    });
  }
  return lenses;
}

export function lensTitle(claims: ClaimResult[]): string {
  const n = { verified: 0, refuted: 0, unchecked: 0 };
  for (const x of claims) n[x.verdict]++;
  const parts: string[] = [];
  if (n.verified) parts.push(`✓ ${n.verified} verified`);
  if (n.refuted) parts.push(`✗ ${n.refuted} refuted`);
  if (n.unchecked) parts.push(`? ${n.unchecked} unchecked`);
  const tags = [...new Set(claims.map((x) => x.tag).filter(Boolean))];
  return (tags.length === 1 ? `(${tags[0]}) ` : '') + parts.join(' · ');
}

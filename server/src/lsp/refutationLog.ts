// The refutations a document's checks log at the debug level: each when it first appears, and again
// when its place or message changes. Every refutation of a long document logged again after every
// edit was one message of tens of kilobytes per keystroke at 4,000 claims (issue #14): work that
// grew with the document, for lines the Output channel already shows.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClaimResult } from '../check/result';
import { toPosition } from './positions';

export class RefutationLog {
  /** For each document, the line logged for each refuted result of its last check. */
  private readonly logged = new Map<string, Map<ClaimResult, string>>();

  /** The lines to log for a check of `uri`: its refutations not logged, as they read now, before. */
  lines(uri: string, name: string, doc: TextDocument, claims: readonly ClaimResult[]): string[] {
    const before = this.logged.get(uri);
    const now = new Map<ClaimResult, string>();
    const out: string[] = [];
    for (const c of claims) {
      if (c.verdict !== 'refuted') continue;
      const line = logLine(name, doc, c);
      now.set(c, line);
      if (before?.get(c) !== line) out.push(line);
    }
    this.logged.set(uri, now);
    return out;
  }

  /** Every refutation of a check, kept nowhere (a workspace run's files). */
  static every(name: string, doc: TextDocument, claims: readonly ClaimResult[]): string[] {
    return claims.filter((c) => c.verdict === 'refuted').map((c) => logLine(name, doc, c));
  }

  /** A closed document: its next check logs every refutation again. */
  forget(uri: string): void {
    this.logged.delete(uri);
  }
}

function logLine(name: string, doc: TextDocument, c: ClaimResult): string {
  const p = toPosition(doc, c.opStart);
  return `  ${name}:${p.line + 1}:${p.character + 1}: ${c.message}`;
}

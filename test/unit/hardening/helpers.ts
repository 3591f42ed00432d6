// Shared helpers for the hardening tests.
import { checkText } from '../../../server/src/check/index';
import type { CheckOptions, DocumentResult } from '../../../server/src/check/result';
import { LineIndex } from '../../../server/src/document/index';
import type { DocumentKind } from '../../../server/src/document/types';

export interface Timed {
  result: DocumentResult;
  ms: number;
  /** CPU time of this process (user + system): unlike wall time, other programs' load does not add. */
  cpuMs: number;
}

export function check(text: string, kind: DocumentKind = 'markdown', options: CheckOptions = {}): Timed {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = checkText(text, kind, options);
  const c = process.cpuUsage(c0);
  return { result, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

/** `line:column` (both 0-based) of an offset. */
export function at(text: string, offset: number): string {
  const p = new LineIndex(text).position(offset);
  return `${p.line}:${p.column}`;
}

/** The claim whose text is `text` (first match). */
export function claim(r: DocumentResult, text: string) {
  const c = r.claims.find((x) => x.text === text);
  if (!c) throw new Error(`no claim '${text}' among ${JSON.stringify(r.claims.map((x) => x.text))}`);
  return c;
}

export const describeResult = (r: DocumentResult) =>
  JSON.stringify({
    claims: r.claims.map((c) => [c.text.slice(0, 60), c.verdict, c.message.slice(0, 160)]),
    problems: r.problems.map((p) => [p.code, p.message]),
  });

// A whole document: read → parse → model → check every claim. Pure: text in, data out.
import { readDocument, type DocumentKind } from '../document';
import { buildModel } from '../model/build';
import { checkClaim } from './claim';
import type { CheckOptions, DocumentResult } from './result';

export function checkText(text: string, kind: DocumentKind, options: CheckOptions = {}): DocumentResult {
  // A byte-order mark is not part of the document's text.
  const read = readDocument(text, kind);
  const model = buildModel(read, text, {
    ...(options.trials !== undefined ? { trials: options.trials } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
  });
  const claimOptions = { timeBudgetMs: options.timeBudgetMs ?? 250, collectSamples: options.collectSamples ?? false };
  const claims = model.claims.map((c) => checkClaim(c, text, claimOptions));
  const summary = { verified: 0, refuted: 0, unchecked: 0 };
  for (const c of claims) summary[c.verdict]++;
  const problems = model.problems
    .map((p) => ({ start: p.start, end: p.end, code: p.code, message: p.message }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  return { spans: model.spans, claims, problems, bindings: model.bindings, summary };
}

// A whole document: read → parse → model → check every claim. Pure: text in, data out.
import { readDocument, type DocumentKind } from '../document';
import { withElementBudget } from '../engine';
import { buildModel } from '../model/build';
import { DEFAULT_TIME_LIMIT_MS, DEFAULT_WORK_BUDGET } from './budgets';
import { claimKey } from './cache';
import { checkClaim } from './claim';
import type { CheckOptions, ClaimResult, DocumentResult } from './result';
import { isPending } from '../model/splice';
import type { Claim } from '../model/types';
import { keptResults } from './keptResults';
import { keptRanges } from './keptRanges';

/** Thrown by checkText when options.shouldStop says a newer version made this check stale. */
export class CheckCancelled extends Error {
  constructor() {
    super('check cancelled');
  }
}

export function checkText(text: string, kind: DocumentKind, options: CheckOptions = {}): DocumentResult {
  // No single tensor of a claim may exceed the element budget (default 10^6).
  return withElementBudget(options.elementBudget ?? 1e6, () => checkWithinBudget(text, kind, options));
}

/** A spliced model's moved claim missed the claim cache: its trees carry an older text's offsets. */
class PendingClaim extends Error {}

function checkWithinBudget(text: string, kind: DocumentKind, options: CheckOptions): DocumentResult {
  const read = readDocument(text, kind, options.pieces ? undefined : options.readCache, options.pieces, {
    ...(options.maxReadBytes !== undefined ? { maxBytes: options.maxReadBytes } : {}),
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
  });
  // Reading stops early when asked to; what it returned is then incomplete and is dropped.
  if (options.shouldStop?.()) throw new CheckCancelled();
  const build = (splice: boolean) =>
    buildModel(
      read,
      text,
      {
        ...(options.trials !== undefined ? { trials: options.trials } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
      },
      options.parseCache,
      options.modelCache,
      // A spliced model's moved claims are served by the claim cache only (model/splice.ts).
      splice && options.cache !== undefined,
    );
  let model = build(true);
  options.parseCache?.settle();
  const claimOptions = {
    workBudget: options.workBudget ?? DEFAULT_WORK_BUDGET,
    timeBudgetMs: options.timeBudgetMs ?? DEFAULT_TIME_LIMIT_MS,
    collectSamples: options.collectSamples ?? false,
  };
  const optionsKey = `${claimOptions.workBudget}:${claimOptions.timeBudgetMs}:${claimOptions.collectSamples}`;
  const cache = options.cache;
  const within = options.claimsWithin;
  const modelCache = options.modelCache;
  let current: Claim;
  const keyOf = () => claimKey(current, text.slice(current.start, current.end), optionsKey);
  const checkAll = () => {
    // A screen's check (lsp/screen.ts) takes only the claims that start within it.
    const claims = within
      ? model.claims.filter((c) => within.some((r) => c.start >= r.start && c.start < r.end))
      : model.claims;
    // Claims the model kept take the previous check's results (keptResults.ts); a screen's partial
    // list is neither served from nor recorded as the last whole check.
    const kept = cache && !within ? keptResults(claims, cache.last, optionsKey) : [];
    const out: ClaimResult[] = new Array(claims.length);
    for (let i = 0; i < claims.length; i++) {
      const c = claims[i];
      if (options.shouldStop?.()) throw new CheckCancelled();
      if (!cache) {
        out[i] = checkClaim(c, text, claimOptions);
        continue;
      }
      const before = kept[i];
      if (before) {
        out[i] = cache.reuse(before, c.start);
        continue;
      }
      current = c;
      // A claim the model kept from the previous build has the same key (model/resume.ts).
      const key = modelCache ? modelCache.claimKey(c, optionsKey, keyOf) : keyOf();
      const hit = cache.get(key, c);
      if (hit) {
        out[i] = hit;
        continue;
      }
      if (isPending(c)) throw new PendingClaim();
      const r = checkClaim(c, text, claimOptions);
      cache.set(key, r);
      out[i] = r;
    }
    if (cache && !within) cache.last = { claims, results: out, options: optionsKey };
    return out;
  };
  let claims: ClaimResult[];
  try {
    claims = checkAll();
  } catch (e) {
    if (!(e instanceof PendingClaim)) throw e;
    // A kept claim the cache no longer holds: build the model after the edit again (rare).
    model = build(false);
    options.parseCache?.settle();
    claims = checkAll();
  }
  const summary = { verified: 0, refuted: 0, unchecked: 0 };
  for (const c of claims) summary[c.verdict]++;
  // Loops rather than map, sort and flatMap with closures: these run over the whole document on
  // every edit (the sort only when the problems are out of order).
  const problems: DocumentResult['problems'] = [];
  for (const p of model.problems)
    problems.push({ start: p.start, end: p.end, code: p.code, message: p.message });
  if (!inOrder(problems)) problems.sort(byPlace);
  // Ranges kept by identity from the last whole check with the cache (keptRanges.ts).
  const ranges = keptRanges(read.items, cache && !within ? cache.lastRanges : undefined);
  if (cache && !within) cache.lastRanges = ranges.list;
  const mathSpans = ranges.spans;
  return {
    spans: model.spans,
    mathSpans,
    claims,
    problems,
    bindings: model.bindings,
    summary,
    ...(read.suppressions ? { suppressions: read.suppressions } : {}),
  };
}

function byPlace(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || a.end - b.end;
}

function inOrder(list: readonly { start: number; end: number }[]): boolean {
  for (let k = 1; k < list.length; k++) if (byPlace(list[k - 1], list[k]) > 0) return false;
  return true;
}

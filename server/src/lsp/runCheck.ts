// One check of one document text, as run inside a worker thread (or in-process as a fallback):
// the core's result plus the math spans, which the editor features need (hover, code lenses,
// "Skip this math span").
import { checkText } from '../check';
import type { DocumentKind } from '../document';
import type {
  CheckOptions,
  DocumentProblem,
  DocumentResult,
  MathRange,
  SymbolBinding,
} from '../check/result';
import type { SentClaim } from './resultDiff';
import type { SentRecords } from './recordDiff';
import { keepRecordAround, type ScreenRange, screenCut } from './screen';

export type { MathRange };

export interface CheckJob {
  text: string;
  kind: DocumentKind;
  options: CheckOptions;
  /** Report claims and problems inside inline math. */
  inlineMath: boolean;
  /** Ranges read each on its own (notebook cells). */
  pieces?: { start: number; end: number }[];
  /** Problems found before reading (a missing `\input`), with offsets in `text`. */
  problems?: DocumentProblem[];
  /**
   * Check only the claims of these ranges (an editor's screen), on as much of the text as their
   * verdicts need (screen.ts); the output then holds those claims and no problems.
   */
  screen?: ScreenRange[];
}

export interface CheckOutput {
  result: DocumentResult;
  spans: MathRange[];
  elapsedMs: number;
  /** Claims evaluated by this check (the rest came from the claim cache): what an edit cost. */
  rechecked: number;
  /**
   * From a worker: the claim results as differences from the previous check of the document
   * (resultDiff.ts), with `result.claims` left empty; the pool rebuilds the list.
   */
  sentClaims?: SentClaim[];
  /**
   * With `sentClaims`: the math spans and the bindings as differences too (recordDiff.ts), with
   * `spans`, `result.mathSpans` and `result.bindings` left empty.
   */
  sentRecords?: { spans: SentRecords<MathRange>; bindings: SentRecords<SymbolBinding> };
  /** A screen that cannot be checked apart from the rest of the text, and why (nothing checked). */
  declined?: string;
}

export function runCheck(
  job: CheckJob,
  context: Pick<CheckOptions, 'cache' | 'readCache' | 'parseCache' | 'modelCache' | 'shouldStop'> = {},
): CheckOutput {
  const began = performance.now();
  const missesBefore = context.cache?.misses ?? 0;
  const options: CheckOptions = { ...job.options, ...context, ...(job.pieces ? { pieces: job.pieces } : {}) };
  let result: DocumentResult;
  if (job.screen) {
    // A screen reads through a view of the read cache that drops nothing the whole check needs.
    const readCache = context.readCache?.forPart();
    const cut = screenCut(job.text, job.screen, readCache);
    if ('declined' in cut) return { ...declinedOutput(cut.declined), elapsedMs: performance.now() - began };
    const screen = { ...options, readCache, claimsWithin: job.screen };
    result = keepRecordAround(context.modelCache, job.text, cut.cut, () =>
      checkText(job.text.slice(0, cut.cut), job.kind, screen),
    );
  } else {
    // The core reports where the math is, so the document is read once.
    result = checkText(job.text, job.kind, options);
  }
  if (job.problems?.length)
    result = {
      ...result,
      problems: [...job.problems, ...result.problems].sort((a, b) => a.start - b.start || a.end - b.end),
    };
  const spans = result.mathSpans;
  if (!job.inlineMath) result = withoutInline(result, spans);
  const rechecked = context.cache ? context.cache.misses - missesBefore : result.claims.length;
  return { result, spans, elapsedMs: performance.now() - began, rechecked };
}

function declinedOutput(why: string): CheckOutput {
  const summary = { verified: 0, refuted: 0, unchecked: 0 };
  const result = { spans: 0, mathSpans: [], claims: [], problems: [], bindings: [], summary };
  return { result, spans: [], elapsedMs: 0, rechecked: 0, declined: why };
}

/** Drop what lies in inline math; definitions made there still count (the core has used them). */
function withoutInline(result: DocumentResult, spans: MathRange[]): DocumentResult {
  // Inline spans never overlap: bisection keeps this linear in the claims. Their bounds go to
  // typed arrays counted first: this runs on every edit, and a list of span objects grown by
  // pushes was a tenth of what an edit of a long document allocated (issue #14).
  let count = 0;
  for (const s of spans) if (!s.display) count++;
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  let sorted = true;
  count = 0;
  for (const s of spans) {
    if (s.display) continue;
    if (count > 0 && s.start < starts[count - 1]) sorted = false;
    starts[count] = s.start;
    ends[count++] = s.end;
  }
  // Spans come in document order; sorting them anyway cost a pass with a closure per edit.
  if (!sorted) {
    const order = Array.from(starts.keys()).sort((a, b) => starts[a] - starts[b]);
    const s0 = Float64Array.from(order, (k) => starts[k]);
    const e0 = Float64Array.from(order, (k) => ends[k]);
    starts.set(s0);
    ends.set(e0);
  }
  // The offsets asked come mostly in document order: the answer is searched from the last one's
  // place onwards (a step or two per claim), and by bisection when an offset goes back.
  let lo = 0;
  let last = -1;
  const inInline = (offset: number) => {
    if (offset < last) lo = 0;
    last = offset;
    let hi = count;
    if (lo < hi && starts[lo] <= offset) {
      // Gallop from the previous place; in order, the next spans are the likely ones.
      let step = 1;
      while (lo + step < hi && starts[lo + step] <= offset) step *= 2;
      hi = Math.min(hi, lo + step);
      lo = lo + (step >> 1);
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    const inside = lo > 0 && offset <= ends[lo - 1];
    // Next search starts at the last span at or before this offset.
    if (lo > 0) lo--;
    return inside;
  };
  const claims = outside(result.claims, (c) => inInline(c.opStart));
  const problems = outside(result.problems, (p) => inInline(p.start));
  if (claims === result.claims && problems === result.problems) return result;
  const summary = { verified: 0, refuted: 0, unchecked: 0 };
  for (const c of claims) summary[c.verdict]++;
  return { ...result, claims, problems, summary };
}

/** The entries `inside` does not hold, in order: the list itself when it holds none of them. */
function outside<T>(list: T[], inside: (x: T) => boolean): T[] {
  let out: T[] | undefined;
  for (let k = 0; k < list.length; k++) {
    const x = list[k];
    if (inside(x)) out ??= list.slice(0, k);
    else out?.push(x);
  }
  return out ?? list;
}

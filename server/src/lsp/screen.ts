// The claims of one screen of a long Markdown document, checked before the rest (issue #14): the
// screen an editor shows (lsp/visibleRanges.ts) or, without one, the top. A claim's verdict
// depends only on what comes before it, with three exceptions, and the cut keeps all three:
// - a span's reading looks at the span after it (a condition after a claim, `… for $x > 0$`,
//   qualifies it; that condition's own role looks one span further), so the text runs on past the
//   second math span after the screen, to the next chunk start, where the Markdown above reads the
//   same on its own as within the whole (document/chunks.ts);
// - a few readings are the whole document's (the summation convention stated anywhere, sign labels,
//   products of words, macros defined further down, front matter): the rest of the text is tested
//   for them — exactly where it is cheap, by a raw test that never misses one otherwise, and when
//   that test fires the whole document is read (its chunks are the whole check's anyway) and the
//   readings compared. A screen whose readings the rest would change is declined: its claims wait
//   for the whole check, and nothing is published early.
import { type ReadCache, readDocument } from '../document';
import { chunkStartAtOrAfter } from '../document/chunks';
import { frontMatterEnd } from '../document/frontMatter';
import type { ReadResult } from '../document/types';
import { readDefinitions } from '../math/macroDefinitions';
import { mayWriteWordProducts, writesWordProducts } from '../model/build';
import type { ModelCache } from '../model/resume';
import { mayWriteSignLabels, writesSignLabels } from '../model/signLabels';
import { documentAcronyms, mayDefineAcronym } from '../model/acronyms';
import { mayWriteDeltaAlone, writesDeltaAlone } from '../model/deltaChanges';
import { statesSummationConvention } from '../model/summationConvention';
import { firstDifference } from '../model/resume';

export interface ScreenRange {
  start: number;
  end: number;
}

/** Math spans after the screen that its claims' readings may look at (see above). */
const SPANS_AFTER = 2;

/** Where the screen's text ends, or why the screen cannot be checked on its own. */
export type ScreenCut = { cut: number } | { declined: string };

/**
 * The end of the text the claims of `screens` need, read with `cache` (which the whole check then
 * reuses). `screens` are offsets in `text`, in any order.
 */
export function screenCut(text: string, screens: readonly ScreenRange[], cache?: ReadCache): ScreenCut {
  if (screens.length === 0) return { declined: 'no screen' };
  const end = Math.max(...screens.map((s) => s.end));
  let cut = chunkStartAtOrAfter(text, end);
  let read = readDocument(text.slice(0, cut), 'markdown', cache);
  // The last item that starts inside the screens may end after them; the spans after it count.
  for (;;) {
    const after = spansAfter(read, end);
    if (after >= SPANS_AFTER || cut >= text.length) break;
    const last = read.items[read.items.length - 1];
    const from = Math.max(cut + 1, last ? itemEnd(last) : cut + 1);
    cut = chunkStartAtOrAfter(text, from);
    read = readDocument(text.slice(0, cut), 'markdown', cache);
  }
  if (cut >= text.length) return { cut };
  const prefix = text.slice(0, cut);
  const why = readingsChangedBy(text, prefix, read, cache);
  return why ? { declined: why } : { cut };
}

function spansAfter(read: ReadResult, end: number): number {
  let lastInside = -1;
  for (const it of read.items) if (it.start < end) lastInside = Math.max(lastInside, itemEnd(it));
  let n = 0;
  for (const it of read.items) if (it.kind === 'math' && it.start >= Math.max(end, lastInside)) n++;
  return n;
}

function itemEnd(it: ReadResult['items'][number]): number {
  return it.kind === 'math' ? Math.max(it.end, it.outerEnd) : it.end;
}

/** Why the rest of `text` after `prefix` would read the prefix's claims otherwise, or null. */
function readingsChangedBy(text: string, prefix: string, read: ReadResult, cache?: ReadCache): string | null {
  const rest = text.slice(prefix.length);
  if (frontMatterEnd(text) !== frontMatterEnd(prefix)) return 'the front matter runs past the screen';
  if (statesSummationConvention(text) !== statesSummationConvention(prefix))
    return 'the summation convention is stated further down';
  const defined = readDefinitions(rest, prefix.length);
  if (defined.definitions.length > 0 || defined.problems.length > 0) return 'a macro is defined further down';
  // Quote markers and indentation may sit inside a span that runs over lines: a raw test of the
  // text without them sees what the reader hands the model.
  const plain = rest.replace(/^[ \t>]+/gm, '');
  const words = !writesWordProducts(read) && mayWriteWordProducts(plain);
  const signs = !writesSignLabels(read) && mayWriteSignLabels(plain);
  const deltas = !writesDeltaAlone(read) && mayWriteDeltaAlone(plain);
  // A letter of an acronym written alone further down makes it a product again, so any math there
  // may change the reading of a document that defines one.
  const acronyms = documentAcronyms(read).length > 0 || mayDefineAcronym(plain);
  if (!words && !signs && !deltas && !acronyms) return null;
  const whole = readDocument(text, 'markdown', cache);
  if (writesWordProducts(whole) !== writesWordProducts(read))
    return 'a product of words further down makes words names';
  if (writesSignLabels(whole) !== writesSignLabels(read)) return 'sign labels are written further down';
  if (writesDeltaAlone(whole) !== writesDeltaAlone(read)) return 'Δ is written alone further down';
  if (acronymsDiffer(documentAcronyms(whole), documentAcronyms(read), read))
    return 'an acronym is defined further down, or a letter of one is written alone';
  return null;
}

/**
 * Whether a run of capitals that is a name in one reading and a product in the other is written in
 * the screen's text: a run its math never writes reads the same either way (the samples define
 * `ELU` far below their top, which declined every first screen of them).
 */
function acronymsDiffer(whole: readonly string[], prefix: readonly string[], read: ReadResult): boolean {
  const changed = [...whole.filter((r) => !prefix.includes(r)), ...prefix.filter((r) => !whole.includes(r))];
  return changed.some((run) => read.items.some((it) => it.text.includes(run)));
}

/**
 * The worker's model record is the previous build of a document; a screen's build replaces it with
 * the model of its text. That serves the whole check that follows when it builds from the top (a
 * document just opened), but not when the previous record already covers the screen's text (the
 * same version, whose whole check a scroll interrupted; an edit below): the record is then kept,
 * so that the whole resumes from it, and past the edit splices the model it has.
 */
export function keepRecordAround<T>(
  cache: ModelCache | undefined,
  text: string,
  cut: number,
  run: () => T,
): T {
  const held = cache?.record && { record: cache.record, prose: cache.prose };
  try {
    return run();
  } finally {
    if (cache && held && firstDifference(held.record.source, text) >= cut) {
      cache.record = held.record;
      cache.prose = held.prose;
    }
  }
}

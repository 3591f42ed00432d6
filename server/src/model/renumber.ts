// Numbers that count from the top, read through an edit (issue #14, the renumbering edit). Blocks
// and passages are numbered by counting (the reader's `item.block`, prose.ts `passage`), so a
// paragraph added, removed or split above renumbers everything below it although nothing there
// changed. A splice (splice.ts) compares such numbers as it compares offsets: a number of the old
// text before the edit is the same number now, one after it is moved by how many the edit added,
// one inside it equals nothing. The kept model after a splice holds the old numbers: they are only
// compared with one another there (a claim's block with its own environment's entries), never with
// a number of the new text, so they are never moved.
//
// Sentences (`ProseContext.sentence`) are renumbered in the prose contexts. The builder's own
// counters — scope ids, which count the passages and sentences that hold math, and relation
// numbers — move when a paragraph with a relation of its own is added or removed above; they are
// renumbered at each boundary the splice compares (`withCounters`), from the two builds' counters
// there and this build's before the first item after the edit. Sections are counted from the top too
// (prose.ts, one id per heading): a heading added or removed above moves the ids of the sections after
// it, which reach the state as numbers (a context's and an entry's `section`), as the ids in the
// strings of open sections (`sectionPath`) and as the negative scope ids made from them (build.ts
// sectionScope); all three are read through the one edit of section ids.
import type { DocItem } from '../document/types';
import type { ProseContext } from './prose';
import { type Edit, countedThrough } from './splice';

/** How the numbers of each kind counted from the top moved, as edits of numbers (mapOffset). */
export interface Renumbering {
  block: readonly Edit[];
  passage: readonly Edit[];
  sentence: readonly Edit[];
  /** The builder's scope ids (`nextScope`), which count passages and sentences that hold math. */
  scope: readonly Edit[];
  /** The builder's relation numbers (`at`, an entry's `at`), which count relations. */
  relation: readonly Edit[];
  /**
   * Section ids (prose.ts, one per heading), which also make the negative scope ids of sections
   * (build.ts sectionScope: a scope id below 0 is read through this edit, splice.ts countedThrough).
   */
  section: readonly Edit[];
}

export const NO_RENUMBERING: Renumbering = {
  block: [],
  passage: [],
  sentence: [],
  scope: [],
  relation: [],
  section: [],
};

const KINDS = ['block', 'passage', 'sentence', 'scope', 'relation', 'section'] as const;

export function isRenumbering(r: Renumbering): boolean {
  return KINDS.some((kind) => r[kind].length > 0);
}

/** `r` then `next`, as carried by a recorded state kept through several splices. */
export function thenRenumbering(r: Renumbering | undefined, next: Renumbering): Renumbering {
  if (!r || !isRenumbering(r)) return next;
  if (!isRenumbering(next)) return r;
  return {
    block: [...r.block, ...next.block],
    passage: [...r.passage, ...next.passage],
    sentence: [...r.sentence, ...next.sentence],
    scope: [...r.scope, ...next.scope],
    relation: [...r.relation, ...next.relation],
    section: [...r.section, ...next.section],
  };
}

/**
 * The builder's counters that a splice compares through the edit (Splicer in build.ts): the next
 * number each gives. (An `end` layer made before a passage's first relation carries the number of
 * the relation before it, which an edit above leaves where it was.)
 */
export interface Counters {
  scope: number;
  relation: number;
}

/**
 * `r` with the builder's counters renumbered, at a recorded boundary after the edit: `now` and `old`
 * are the two builds' counters there (`old` already read through `r`), `after` this build's counters
 * before the first item after the edit. Each counter that moved by Δ maps the old numbers from where
 * the old build stood at that item (`after` − Δ) on by Δ; below it they are kept, and when Δ < 0 the
 * numbers the edit removed equal nothing. That map is strictly increasing, so the builder, which
 * only compares these numbers with one another (equal, or which is older), reads the states alike
 * when they are equal through it, and the numbers it gives from there on (the counters moved by Δ)
 * are mapped too. Undefined when the counters cannot be moved so (a count that went backwards).
 */
export function withCounters(
  r: Renumbering,
  now: Counters,
  old: Counters,
  after: Counters | undefined,
): Renumbering | undefined {
  let out = r;
  for (const kind of ['scope', 'relation'] as const) {
    const delta = now[kind] - old[kind];
    if (delta === 0) continue;
    if (!after) return undefined;
    const from = after[kind] - delta;
    if (from > old[kind] || from + Math.min(delta, 0) < 0) return undefined;
    out = { ...out, [kind]: [...out[kind], { cut: from + Math.min(delta, 0), oldEnd: from, shift: delta }] };
  }
  return out;
}

/** An optional number (`listLead`, `leadPassage`) of `kind` through `r`. */
export function sameNumber(now: unknown, old: unknown, r: Renumbering, kind: keyof Renumbering): boolean {
  if (typeof now !== 'number' || typeof old !== 'number') return now === old;
  return now === countedThrough(r, kind, old);
}

/**
 * The renumbering between two lists of items and their prose contexts, one edit apart: `cut` is
 * where the texts first differ and `oldEnd` where the old text is the same again (old offsets), and
 * `itemShift` how many items the edit added. The numbers of the items before the edit are kept; the
 * first item after it, moved, gives each kind's shift. Sections likewise: a heading added or removed
 * above moves the ids after it, and only when the first item after the edit lies in a section opened
 * after it (a heading added inside a section's text ends that section early: no renumbering). No
 * renumbering when an item before the edit and one after it share a number that moved (a paragraph
 * split between them: that number means two things now).
 */
export function renumberingBetween(
  oldItems: readonly DocItem[],
  oldContexts: readonly ProseContext[],
  items: readonly DocItem[],
  contexts: readonly ProseContext[],
  cut: number,
  oldEnd: number,
  itemShift: number,
): Renumbering {
  // Where the edit lies among the old items, found once for every kind: the items are of many
  // shapes, and walking them once per kind was most of an edit's renumbering (session 31).
  const at = { oldItems, items, cut, oldEnd, itemShift, around: itemsAround(oldItems, cut, oldEnd) };
  const block = blockEdit(at);
  const passage = countedEdit(
    at,
    (k) => oldContexts[k].passage,
    (k) => contexts[k].passage,
    false,
  );
  const sentence = countedEdit(
    at,
    (k) => oldContexts[k].sentence,
    (k) => contexts[k].sentence,
    false,
  );
  const section = sectionEdit(at, oldContexts, contexts);
  if (!block || !passage || !sentence || !section) return NO_RENUMBERING;
  return { block, passage, sentence, scope: [], relation: [], section };
}

/**
 * The edit of section ids (prose.ts counts one per heading): the first item after the edit, moved,
 * gives the shift Δ (the headings added, or removed when negative), and the old ids from its
 * section's (less the removed ones) on move by it. Sections are opened in the order of the text, so
 * ids below that are the same sections in both; but only when no item before the edit lies in a
 * section from there on (a heading added inside a section's text ends that section early: the
 * numbers would mean two things), and never for the top (0) or the first heading (1), which the
 * prose walk tells apart by their ids (the document's opening). Undefined when no such edit fits.
 */
function sectionEdit(
  { items, itemShift, around }: EditPlace,
  oldContexts: readonly ProseContext[],
  contexts: readonly ProseContext[],
): Edit[] | undefined {
  const after = around.after;
  const kept = largestBefore(around, (k) => oldContexts[k].section, 0, false);
  const now = after + itemShift;
  if (after < 0 || now < 0 || now >= items.length) return undefined;
  const from = oldContexts[after].section;
  const delta = contexts[now].section - from;
  if (delta === 0) return [];
  const at = from + Math.min(delta, 0);
  if (at < 2 || at <= kept) return undefined;
  return [{ cut: at, oldEnd: from, shift: delta }];
}

/**
 * The blocks alone (what the prose walk, proseKept.ts, compares): the edits of block numbers between
 * two lists of items one edit apart, or undefined when no renumbering maps one onto the other.
 */
export function blockRenumbering(
  oldItems: readonly DocItem[],
  items: readonly DocItem[],
  cut: number,
  oldEnd: number,
  itemShift: number,
): readonly Edit[] | undefined {
  return blockEdit({ oldItems, items, cut, oldEnd, itemShift, around: itemsAround(oldItems, cut, oldEnd) });
}

function blockEdit(at: EditPlace): readonly Edit[] | undefined {
  // Directives have block 0, the reader's "no block": never moved, and not a block's number.
  return countedEdit(
    at,
    (k) => at.oldItems[k].block,
    (k) => at.items[k].block,
    true,
  );
}

interface EditPlace {
  oldItems: readonly DocItem[];
  items: readonly DocItem[];
  cut: number;
  oldEnd: number;
  itemShift: number;
  around: ItemsAround;
}

/**
 * The old items around the edit: `after` is the first that ends at or after the cut and starts
 * where the old text is the same again (-1: none), and `inside` the ones before it that reach into
 * the edit; every other item before `after` ends before the cut.
 */
interface ItemsAround {
  after: number;
  inside: readonly number[];
}

function itemsAround(oldItems: readonly DocItem[], cut: number, oldEnd: number): ItemsAround {
  const inside: number[] = [];
  for (let k = 0; k < oldItems.length; k++) {
    const item = oldItems[k];
    if (itemEnd(item) < cut) continue;
    if (itemStart(item) >= oldEnd) return { after: k, inside };
    inside.push(k);
  }
  return { after: -1, inside };
}

/** The largest of `number` over the items before `around.after` that end before the cut. */
function largestBefore(around: ItemsAround, number: (k: number) => number, from: number, skipZero: boolean) {
  let kept = from;
  let j = 0;
  for (let k = 0; k < around.after; k++) {
    if (j < around.inside.length && around.inside[j] === k) {
      j++;
      continue;
    }
    const n = number(k);
    if (skipZero && n === 0) continue;
    kept = Math.max(kept, n);
  }
  return kept;
}

/**
 * One kind's edit of numbers: the largest number of the items before the edit is kept, the first
 * item after it (its number not 0 when `skipZero`) gives the shift. Undefined when the numbers
 * before and after it overlap (a number that moved would mean two things).
 */
function countedEdit(
  { oldItems, items, cut, oldEnd, itemShift, around }: EditPlace,
  oldNumber: (k: number) => number,
  newNumber: (k: number) => number,
  skipZero: boolean,
): Edit[] | undefined {
  if (around.after < 0) return undefined;
  let kept = largestBefore(around, oldNumber, skipZero ? 0 : -1, skipZero);
  let after = -1;
  // From the first item after the edit on, as before: one numbered 0 is passed over when `skipZero`.
  for (let k = around.after; k < oldItems.length && after < 0; k++) {
    const n = oldNumber(k);
    if (skipZero && n === 0) continue;
    if (itemEnd(oldItems[k]) < cut) kept = Math.max(kept, n);
    else if (itemStart(oldItems[k]) >= oldEnd) after = k;
  }
  const now = after + itemShift;
  if (after < 0 || now < 0 || now >= items.length) return undefined;
  const old = oldNumber(after);
  const shift = newNumber(now) - old;
  if (shift === 0) return [];
  if (kept + 1 > old || kept + 1 > old + shift) return undefined;
  return [{ cut: kept + 1, oldEnd: old, shift }];
}

function itemStart(item: DocItem): number {
  return item.kind === 'math' ? Math.min(item.start, item.outerStart) : item.start;
}

function itemEnd(item: DocItem): number {
  return item.kind === 'math' ? Math.max(item.end, item.outerEnd) : item.end;
}

/**
 * An old prose context with its passage, list lead, sentence and sections read through `r` (a copy
 * when they move).
 */
export function renumberedContext(c: ProseContext, r: Renumbering): ProseContext {
  const passage = countedThrough(r, 'passage', c.passage);
  const sentence = countedThrough(r, 'sentence', c.sentence);
  const listLead = c.listLead === undefined ? undefined : countedThrough(r, 'passage', c.listLead);
  const section = countedThrough(r, 'section', c.section);
  const sectionPath = r.section.length > 0 ? pathThrough(r, c.sectionPath) : c.sectionPath;
  if (
    passage === c.passage &&
    sentence === c.sentence &&
    listLead === c.listLead &&
    section === c.section &&
    sectionPath === c.sectionPath
  )
    return c;
  return { ...c, passage, sentence, section, sectionPath, ...(listLead === undefined ? {} : { listLead }) };
}

/** An old `sectionPath` (section ids joined by dots) with each id read through `r`. */
export function pathThrough(r: Renumbering, path: string): string {
  if (r.section.length === 0) return path;
  return path
    .split('.')
    .map((id) => String(countedThrough(r, 'section', Number(id))))
    .join('.');
}

/** Whether two prose contexts are equal through `r`: counted numbers moved, everything else equal. */
export function sameContextRenumbered(a: ProseContext, b: ProseContext, r: Renumbering): boolean {
  // Contexts hold no block numbers: the same object is equal unless passages, sentences or sections moved.
  if (a === b && r.passage.length === 0 && r.sentence.length === 0 && r.section.length === 0) return true;
  for (const key of Object.keys(a) as (keyof ProseContext)[]) if (!(key in b)) return false;
  for (const key of Object.keys(b) as (keyof ProseContext)[]) {
    if (!(key in a)) return false;
    const x = a[key];
    const y = b[key];
    if (key === 'passage' || key === 'listLead') {
      if (!sameNumber(x, y, r, 'passage')) return false;
    } else if (key === 'sentence') {
      if (!sameNumber(x, y, r, 'sentence')) return false;
    } else if (key === 'section') {
      if (!sameNumber(x, y, r, 'section')) return false;
    } else if (key === 'sectionPath') {
      if (typeof x !== 'string' || typeof y !== 'string' || x !== pathThrough(r, y)) return false;
    } else if (x !== y) return false;
  }
  return true;
}

// Numbers that count from the top, read through an edit (issue #14, the renumbering edit). Blocks
// and passages are numbered by counting (the reader's `item.block`, prose.ts `passage`), so a
// paragraph added, removed or split above renumbers everything below it although nothing there
// changed. A splice (splice.ts) compares such numbers as it compares offsets: a number of the old
// text before the edit is the same number now, one after it is moved by how many the edit added,
// one inside it equals nothing. The kept model after a splice holds the old numbers: they are only
// compared with one another there (a claim's block with its own environment's entries), never with
// a number of the new text, so they are never moved.
//
// Sentences (`ProseContext.sentence`) are renumbered in the prose contexts; in the builder's own
// state they appear only as scope ids, which count items, not text, and stay plain numbers (a
// paragraph with a relation of its own shifts them: no splice). Sections reach the state as strings
// (`sectionPath`) and scope ids derived from them, so an edit that adds or removes a heading keeps no
// renumbering (the build goes on to the end, as before).
import type { DocItem } from '../document/types';
import type { ProseContext } from './prose';
import { type Edit, countedThrough } from './splice';

/** How the numbers of each kind counted from the top moved, as edits of numbers (mapOffset). */
export interface Renumbering {
  block: readonly Edit[];
  passage: readonly Edit[];
  sentence: readonly Edit[];
}

export const NO_RENUMBERING: Renumbering = { block: [], passage: [], sentence: [] };

export function isRenumbering(r: Renumbering): boolean {
  return r.block.length > 0 || r.passage.length > 0 || r.sentence.length > 0;
}

/** `r` then `next`, as carried by a recorded state kept through several splices. */
export function thenRenumbering(r: Renumbering | undefined, next: Renumbering): Renumbering {
  if (!r || !isRenumbering(r)) return next;
  if (!isRenumbering(next)) return r;
  return {
    block: [...r.block, ...next.block],
    passage: [...r.passage, ...next.passage],
    sentence: [...r.sentence, ...next.sentence],
  };
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
 * first item after it, moved, gives each kind's shift. No renumbering when the edit adds or removes
 * a section, or when an item before it and one after it share a number that moved (a paragraph split
 * between them: that number means two things now).
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
  const at = { oldItems, items, cut, oldEnd, itemShift };
  const block = blockRenumbering(oldItems, items, cut, oldEnd, itemShift);
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
  if (!block || !passage || !sentence) return NO_RENUMBERING;
  // The first item after the edit is in the same section in both, or the edit renumbered sections.
  const after = firstAfter(oldItems, oldEnd);
  if (after < 0 || oldContexts[after]?.section !== contexts[after + itemShift]?.section)
    return NO_RENUMBERING;
  return { block, passage, sentence };
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
  // Directives have block 0, the reader's "no block": never moved, and not a block's number.
  const at = { oldItems, items, cut, oldEnd, itemShift };
  return countedEdit(
    at,
    (k) => oldItems[k].block,
    (k) => items[k].block,
    true,
  );
}

interface EditPlace {
  oldItems: readonly DocItem[];
  items: readonly DocItem[];
  cut: number;
  oldEnd: number;
  itemShift: number;
}

/**
 * One kind's edit of numbers: the largest number of the items before the edit is kept, the first
 * item after it (its number not 0 when `skipZero`) gives the shift. Undefined when the numbers
 * before and after it overlap (a number that moved would mean two things).
 */
function countedEdit(
  { oldItems, items, cut, oldEnd, itemShift }: EditPlace,
  oldNumber: (k: number) => number,
  newNumber: (k: number) => number,
  skipZero: boolean,
): Edit[] | undefined {
  let kept = skipZero ? 0 : -1;
  let after = -1;
  for (let k = 0; k < oldItems.length && after < 0; k++) {
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

function firstAfter(items: readonly DocItem[], oldEnd: number): number {
  for (let k = 0; k < items.length; k++) if (itemStart(items[k]) >= oldEnd) return k;
  return -1;
}

function itemStart(item: DocItem): number {
  return item.kind === 'math' ? Math.min(item.start, item.outerStart) : item.start;
}

function itemEnd(item: DocItem): number {
  return item.kind === 'math' ? Math.max(item.end, item.outerEnd) : item.end;
}

/** Whether two prose contexts are equal through `r`: counted numbers moved, everything else equal. */
export function sameContextRenumbered(a: ProseContext, b: ProseContext, r: Renumbering): boolean {
  // Contexts hold no block numbers: the same object is equal unless passages or sentences moved.
  if (a === b && r.passage.length === 0 && r.sentence.length === 0) return true;
  for (const key of Object.keys(a) as (keyof ProseContext)[]) if (!(key in b)) return false;
  for (const key of Object.keys(b) as (keyof ProseContext)[]) {
    if (!(key in a)) return false;
    const x = a[key];
    const y = b[key];
    if (key === 'passage' || key === 'listLead') {
      if (!sameNumber(x, y, r, 'passage')) return false;
    } else if (key === 'sentence') {
      if (!sameNumber(x, y, r, 'sentence')) return false;
    } else if (x !== y) return false;
  }
  return true;
}

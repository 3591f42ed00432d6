// Prose contexts read again only around an edit (issue #14). Reading the prose is a walk from the
// top of the document (sections, passages and sentences are counted), so the contexts of a new
// version equal the previous version's before the first item whose reading reaches the edit, and
// after it from the first recorded item where the walk's state equals the previous walk's there
// (counters, the open sections, the words of the sentence so far) with the text after it unchanged.
// Contexts carry no offsets: kept ones are the same objects, which later comparisons recognise.
import type { DocItem, DocumentKind } from '../document/types';
import { type ProseContext, type ProseState, READS_AFTER, readContexts, startState } from './prose';
import { firstDifference, recordAt, sameContext, sameItemThrough } from './resume';
import { blockRenumbering, NO_RENUMBERING, type Renumbering } from './renumber';
import { type Edit, countedThrough, editBetween } from './splice';

/** The contexts of the last version read, and the walk's state before some items. */
export interface ProseRecord {
  kind: DocumentKind;
  source: string;
  items: readonly DocItem[];
  contexts: readonly ProseContext[];
  /** States before items, by increasing item index. */
  states: readonly { item: number; state: ProseState }[];
}

/** Items between recorded states. */
const EVERY = 16;

export function keptContexts(
  items: readonly DocItem[],
  source: string,
  kind: DocumentKind,
  prior: ProseRecord | undefined,
): { contexts: ProseContext[]; record: ProseRecord } {
  const usable = prior && prior.kind === kind ? prior : undefined;
  const edit = usable
    ? editBetween(usable.source, source, firstDifference(usable.source, source))
    : undefined;
  const states: { item: number; state: ProseState }[] = [];
  let from = 0;
  let state = startState();
  // The previous walk's contexts kept before the items walked again (`from` of them).
  let head: readonly ProseContext[] = [];
  if (usable && edit) {
    // The contexts of the items whose reading ends before the edit (the next item's included).
    const limit = Math.min(items.length, usable.items.length);
    const edits = [edit];
    let p = 0;
    while (
      p < limit &&
      sameItemThrough(items[p], usable.items[p], edits) &&
      itemEnd(items[p]) + READS_AFTER < edit.cut
    )
      p++;
    for (const s of usable.states) {
      if (s.item >= p) break;
      states.push(s);
    }
    const resumed = states[states.length - 1];
    if (resumed) {
      from = resumed.item;
      state = copy(resumed.state);
      head = usable.contexts;
    }
  }
  const itemShift = usable ? items.length - usable.items.length : 0;
  // A paragraph added, removed, split or joined renumbers the blocks after it (renumber.ts): the walk's
  // block numbers are compared through that, and its kept contexts hold none.
  const blocks =
    usable && edit ? blockRenumbering(usable.items, items, edit.cut, edit.oldEnd, itemShift) : [];
  const numbers: Renumbering = blocks ? { ...NO_RENUMBERING, block: blocks } : NO_RENUMBERING;
  const tailFrom = usable && edit ? equalItemsFrom(usable.items, items, edit, numbers) : items.length;
  const textFrom = edit ? edit.oldEnd + edit.shift : Number.POSITIVE_INFINITY;
  // The previous walk's state at an item, found by bisection (its states are by increasing item):
  // a table of every state built on every edit would cost a pass over the document.
  const oldStates = usable?.states ?? [];
  let last = from;
  let keptFrom = -1;
  const read = readContexts(items, source, kind, state, from, (k, now) => {
    if (usable && edit && k >= tailFrom && now.prevEnd >= textFrom && itemStart(items[k]) >= textFrom) {
      const was = stateAt(oldStates, k - itemShift);
      if (was && sameState(now, was, edit, numbers)) {
        keptFrom = k - itemShift;
        states.push({ item: k, state: copy(now) });
        return true;
      }
    }
    if (k - last >= EVERY) {
      states.push({ item: k, state: copy(now) });
      last = k;
    }
    return false;
  });
  const tail = usable && edit && keptFrom >= 0 ? usable.contexts : [];
  const contexts = joined(head, from, read.contexts, tail, keptFrom < 0 ? tail.length : keptFrom);
  if (usable && edit && keptFrom >= 0) {
    // An edit that moved nothing (a digit changed) keeps the later states as they were: the same
    // objects (states are never changed once recorded), rather than a copy of each per edit.
    const unmoved = itemShift === 0 && edit.shift === 0 && numbers.block.length === 0;
    for (const s of usable.states) {
      if (s.item <= keptFrom) continue;
      if (unmoved) {
        states.push(s);
        continue;
      }
      const state = { ...s.state, prevEnd: s.state.prevEnd + edit.shift };
      state.prevBlock = countedThrough(numbers, 'block', s.state.prevBlock);
      state.passageBlock = countedThrough(numbers, 'block', s.state.passageBlock);
      // A block the edit replaced: no later walk may start from a state that names it.
      if (Number.isNaN(state.prevBlock) || Number.isNaN(state.passageBlock)) break;
      states.push({ item: s.item + itemShift, state });
    }
  }
  return { contexts, record: { kind, source, items, contexts, states } };
}

/**
 * `head`'s first `headCount`, then `middle`, then `tail` from `tailFrom`: one array filled once
 * (slices and concatenations of them copied the document's contexts two or three times per edit).
 */
const FILLED_MAX = 50_000;

function joined<T>(
  head: readonly T[],
  headCount: number,
  middle: readonly T[],
  tail: readonly T[],
  tailFrom: number,
): T[] {
  const total = headCount + middle.length + (tail.length - tailFrom);
  // Past V8's bound for a preallocated array of fast elements, the concatenations as before.
  if (total > FILLED_MAX) return head.slice(0, headCount).concat(middle, tail.slice(tailFrom));
  const out: T[] = new Array(total);
  let n = 0;
  for (let i = 0; i < headCount; i++) out[n++] = head[i];
  for (let i = 0; i < middle.length; i++) out[n++] = middle[i];
  for (let i = tailFrom; i < tail.length; i++) out[n++] = tail[i];
  return out;
}

/** The first item from which the new items equal the old ones through the edit, aligned from the end. */
function equalItemsFrom(
  oldItems: readonly DocItem[],
  items: readonly DocItem[],
  edit: Edit,
  numbers: Renumbering,
): number {
  const shift = items.length - oldItems.length;
  const edits = [edit];
  let j = items.length - 1;
  while (j >= 0 && j - shift >= 0 && sameItemThrough(items[j], oldItems[j - shift], edits, numbers)) j--;
  return j + 1;
}

/** The walk's state now equals the recorded one read through the edit (its prevEnd and blocks moved). */
function sameState(now: ProseState, was: ProseState, edit: Edit, numbers: Renumbering): boolean {
  if (was.prevEnd < edit.oldEnd || now.prevEnd !== was.prevEnd + edit.shift) return false;
  if (
    now.lastSection !== was.lastSection ||
    now.section !== was.section ||
    now.passage !== was.passage ||
    now.sentence !== was.sentence ||
    now.passageBlock !== countedThrough(numbers, 'block', was.passageBlock) ||
    now.listLead !== was.listLead ||
    now.prevBlock !== countedThrough(numbers, 'block', was.prevBlock) ||
    now.lead !== was.lead ||
    now.previousRestated !== was.previousRestated ||
    now.struck !== was.struck ||
    now.pendingLabel !== was.pendingLabel ||
    now.pendingPassage !== was.pendingPassage ||
    now.labelSentence !== was.labelSentence ||
    now.labelWords !== was.labelWords ||
    now.listLabel !== was.listLabel
  )
    return false;
  if (now.sections.length !== was.sections.length) return false;
  for (let i = 0; i < now.sections.length; i++)
    if (now.sections[i].id !== was.sections[i].id || now.sections[i].level !== was.sections[i].level)
      return false;
  if (now.previous === null || was.previous === null) return now.previous === was.previous;
  return sameContext(now.previous, was.previous);
}

function stateAt(
  states: readonly { item: number; state: ProseState }[],
  item: number,
): ProseState | undefined {
  return recordAt(states, item)?.state;
}

function copy(s: ProseState): ProseState {
  return { ...s, sections: [...s.sections] };
}

function itemStart(item: DocItem): number {
  return item.kind === 'math' ? item.outerStart : item.start;
}

function itemEnd(item: DocItem): number {
  return item.kind === 'math' ? Math.max(item.end, item.outerEnd) : item.end;
}

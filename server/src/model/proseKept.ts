// Prose contexts read again only around an edit (issue #14). Reading the prose is a walk from the
// top of the document (sections, passages and sentences are counted), so the contexts of a new
// version equal the previous version's before the first item whose reading reaches the edit, and
// after it from the first recorded item where the walk's state equals the previous walk's there
// (counters, the open sections, the words of the sentence so far) with the text after it unchanged.
// Contexts carry no offsets: kept ones are the same objects, which later comparisons recognise.
import type { DocItem, DocumentKind } from '../document/types';
import { type ProseContext, type ProseState, READS_AFTER, readContexts, startState } from './prose';
import { firstDifference, recordAt, sameItemThrough } from './resume';
import {
  blockRenumbering,
  NO_RENUMBERING,
  type Renumbering,
  renumberedContext,
  sameContextRenumbered,
  sameNumber,
} from './renumber';
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
  const blockNumbers: Renumbering = blocks ? { ...NO_RENUMBERING, block: blocks } : NO_RENUMBERING;
  let numbers = blockNumbers;
  // The passage and sentence of the first item after the edit in the previous walk: a paragraph or
  // sentence with math added or removed above moves the numbers from there on (countersAt).
  const firstAfter = usable && edit ? usable.items.findIndex((item) => itemStart(item) >= edit.oldEnd) : -1;
  const counted = firstAfter >= 0 && usable ? usable.contexts[firstAfter] : undefined;
  // The largest section id of the items before the edit: a heading added or removed above moves only
  // the ids after it (countersAt), found once, when a state's section counter moved.
  let before: number | undefined;
  const sectionsBefore = () => {
    if (before === undefined && usable && edit) {
      before = 0;
      for (let k = 0; k < usable.items.length && itemEnd(usable.items[k]) < edit.cut; k++)
        before = Math.max(before, usable.contexts[k].section);
    }
    return before ?? 0;
  };
  const tailFrom = usable && edit ? equalItemsFrom(usable.items, items, edit, numbers) : items.length;
  const textFrom = edit ? edit.oldEnd + edit.shift : Number.POSITIVE_INFINITY;
  // The previous walk's state at an item, found by bisection (its states are by increasing item):
  // a table of every state built on every edit would cost a pass over the document.
  const oldStates = usable?.states ?? [];
  let last = from;
  let keptFrom = -1;
  // Where the previous walk's states after the edit lie now: items added or removed above moved them.
  const movedState = firstAfter >= 0 ? oldStates.find((s) => s.item >= firstAfter) : undefined;
  const phase = movedState ? movedState.item + itemShift : 0;
  const read = readContexts(
    items,
    source,
    kind,
    state,
    from,
    (k, now) => {
      if (usable && edit && k >= tailFrom && now.prevEnd >= textFrom && itemStart(items[k]) >= textFrom) {
        const was = stateAt(oldStates, k - itemShift);
        const through = was && countersAt(blockNumbers, now, was, counted, sectionsBefore);
        if (was && through && sameState(now, was, edit, through)) {
          numbers = through;
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
    },
    phase,
  );
  const moved = numbers.passage.length > 0 || numbers.sentence.length > 0 || numbers.section.length > 0;
  const tail =
    usable && edit && keptFrom >= 0
      ? moved
        ? usable.contexts.map((c, i) => (i < keptFrom ? c : renumberedContext(c, numbers)))
        : usable.contexts
      : [];
  const contexts = joined(head, from, read.contexts, tail, keptFrom < 0 ? tail.length : keptFrom);
  if (usable && edit && keptFrom >= 0) {
    // An edit that moved nothing (a digit changed) keeps the later states as they were: the same
    // objects (states are never changed once recorded), rather than a copy of each per edit.
    const unmoved = itemShift === 0 && edit.shift === 0 && numbers.block.length === 0 && !moved;
    for (const s of usable.states) {
      if (s.item <= keptFrom) continue;
      if (unmoved) {
        states.push(s);
        continue;
      }
      const state = { ...s.state, prevEnd: s.state.prevEnd + edit.shift };
      state.prevBlock = countedThrough(numbers, 'block', s.state.prevBlock);
      state.passageBlock = countedThrough(numbers, 'block', s.state.passageBlock);
      if (moved) {
        state.passage = countedThrough(numbers, 'passage', s.state.passage);
        state.listLead = countedThrough(numbers, 'passage', s.state.listLead);
        state.pendingPassage = countedThrough(numbers, 'passage', s.state.pendingPassage);
        state.sentence = countedThrough(numbers, 'sentence', s.state.sentence);
        state.labelSentence = countedThrough(numbers, 'sentence', s.state.labelSentence);
        state.previous = s.state.previous && renumberedContext(s.state.previous, numbers);
        state.section = countedThrough(numbers, 'section', s.state.section);
        state.lastSection = countedThrough(numbers, 'section', s.state.lastSection);
        state.mistakeSection = countedThrough(numbers, 'section', s.state.mistakeSection);
        state.modularSection = countedThrough(numbers, 'section', s.state.modularSection);
        state.contradictionPassage = countedThrough(numbers, 'passage', s.state.contradictionPassage);
        // -1 with a quotation open marks a block quotation, which no passage ends.
        state.quotePassage =
          s.state.quotePassage < 0
            ? s.state.quotePassage
            : countedThrough(numbers, 'passage', s.state.quotePassage);
        state.sections = s.state.sections.map((x) => ({
          ...x,
          id: countedThrough(numbers, 'section', x.id),
        }));
      }
      // A block, passage, sentence or section the edit replaced: no later walk may start from a state
      // that names it.
      const named = [state.prevBlock, state.passageBlock, state.passage, state.sentence, state.listLead];
      named.push(state.section, state.lastSection, ...state.sections.map((x) => x.id));
      if (
        named.some(Number.isNaN) ||
        (state.pendingLabel && Number.isNaN(state.pendingPassage)) ||
        (state.quoteBy && Number.isNaN(state.quotePassage))
      )
        break;
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

/**
 * `numbers` with the walk's passages, sentences and sections renumbered at a state it compares: each
 * counter that moved by Δ between the recorded state and this one maps the old numbers from the first
 * item after the edit's on (`counted`, its old context) by Δ, keeps those below and lets those the
 * edit removed equal nothing (renumber.ts withCounters does the same for the builder's counters: a
 * strictly increasing map, under which a walk that compares these numbers with one another reads
 * alike, and the numbers it counts from there on are mapped too). A section's id moves only when no
 * item before the edit lies in it or after it (`sectionsBefore`, the largest such id: a heading added
 * inside a section's text ends that section early), and never the top (0) or the first heading (1),
 * which the walk tells apart by their ids (the document's opening). Undefined when they moved and no
 * such map fits.
 */
function countersAt(
  numbers: Renumbering,
  now: ProseState,
  was: ProseState,
  counted: ProseContext | undefined,
  sectionsBefore: () => number,
): Renumbering | undefined {
  let out = numbers;
  for (const kind of ['passage', 'sentence'] as const) {
    const delta = now[kind] - was[kind];
    if (delta === 0) continue;
    const from = counted?.[kind];
    if (from === undefined || from > was[kind] || from + Math.min(delta, 0) < 0) return undefined;
    out = { ...out, [kind]: [{ cut: from + Math.min(delta, 0), oldEnd: from, shift: delta }] };
  }
  const delta = now.lastSection - was.lastSection;
  if (delta !== 0) {
    const from = counted?.section;
    if (from === undefined || from > was.lastSection) return undefined;
    const cut = from + Math.min(delta, 0);
    if (cut < 2 || cut <= sectionsBefore()) return undefined;
    out = { ...out, section: [{ cut, oldEnd: from, shift: delta }] };
  }
  return out;
}

/**
 * The walk's state now equals the recorded one read through the edit (its prevEnd moved, its
 * blocks, passages and sentences renumbered).
 */
function sameState(now: ProseState, was: ProseState, edit: Edit, numbers: Renumbering): boolean {
  if (was.prevEnd < edit.oldEnd || now.prevEnd !== was.prevEnd + edit.shift) return false;
  // A pending label reaches the next passage (`passage - pendingPassage <= 1`): a difference.
  if (now.pendingLabel && now.passage - now.pendingPassage !== was.passage - was.pendingPassage) return false;
  if (
    !sameNumber(now.lastSection, was.lastSection, numbers, 'section') ||
    !sameNumber(now.section, was.section, numbers, 'section') ||
    !sameNumber(now.passage, was.passage, numbers, 'passage') ||
    !sameNumber(now.sentence, was.sentence, numbers, 'sentence') ||
    now.passageBlock !== countedThrough(numbers, 'block', was.passageBlock) ||
    !sameNumber(now.listLead, was.listLead, numbers, 'passage') ||
    now.prevBlock !== countedThrough(numbers, 'block', was.prevBlock) ||
    now.lead !== was.lead ||
    now.previousRestated !== was.previousRestated ||
    now.struck !== was.struck ||
    now.pendingLabel !== was.pendingLabel ||
    (now.pendingLabel !== '' && !sameNumber(now.pendingPassage, was.pendingPassage, numbers, 'passage')) ||
    // Compared only with the current sentence, whose number is always new: any other is spent.
    (now.labelSentence === now.sentence) !== (was.labelSentence === was.sentence) ||
    now.labelWords !== was.labelWords ||
    now.listLabel !== was.listLabel ||
    !sameNumber(now.mistakeSection, was.mistakeSection, numbers, 'section') ||
    !sameNumber(now.modularSection, was.modularSection, numbers, 'section') ||
    !sameNumber(now.contradictionPassage, was.contradictionPassage, numbers, 'passage') ||
    now.contradictionWords !== was.contradictionWords ||
    now.quoteBy !== was.quoteBy ||
    now.quoteLabel !== was.quoteLabel ||
    (now.quoteBy !== '' && !sameNumber(now.quotePassage, was.quotePassage, numbers, 'passage')) ||
    now.modulus !== was.modulus ||
    now.labelledPassage !== was.labelledPassage
  )
    return false;
  if (now.sections.length !== was.sections.length) return false;
  for (let i = 0; i < now.sections.length; i++)
    if (
      now.sections[i].id !== countedThrough(numbers, 'section', was.sections[i].id) ||
      now.sections[i].level !== was.sections[i].level ||
      now.sections[i].problem !== was.sections[i].problem
    )
      return false;
  if (now.previous === null || was.previous === null) return now.previous === was.previous;
  return sameContextRenumbered(now.previous, was.previous, numbers);
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

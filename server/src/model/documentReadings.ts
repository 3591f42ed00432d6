// Readings of the whole document that the model takes on every build (issue #14): whether it
// states the summation convention, writes products of words or sign labels, and which runs of
// capitals it defines as acronyms. Each was a pass over every span or the whole text per edit.
// The span readings are tallies over the spans' texts, kept with the last build's items: the
// items an edit left alone are the same objects (document/chunks.ts) or, moved, carry the very
// same text, so the tallies change only by the spans between the equal head and the equal tail.
// The convention is a search of the text for a few words: a text where none occurs keeps none
// after an edit whose changed text, with a word's length either side, holds none. Whether the text
// measures physical quantities (scaleLetters.ts) is a search kept by where it found its witness
// (textWitness.ts).
import type { DocItem } from '../document/types';
import { acronymsAmong, definedRun, loneCapitals } from './acronyms';
import { firstDifference } from './resume';
import { writesBeforeLabel } from './signLabels';
import { writesLoneDelta } from './deltaChanges';
import { type Edit, editBetween } from './splice';
import { PHYSICAL_UNITS } from './scaleLetters';
import { witnessAfterEdit } from './textWitness';
import { ANY_STATEMENT, ANY_STATEMENT_LENGTH, statesSummationConvention } from './summationConvention';

/** The span readings of a list of items, as counts. */
interface Tally {
  words: number;
  signLabels: number;
  /** Spans that write Δ alone (deltaChanges.ts). */
  deltaAlone: number;
  /** Defined runs of capitals, and capitals written alone, with the number of spans of each. */
  runs: Map<string, number>;
  alone: Map<string, number>;
}

export interface ReadingsRecord {
  items: readonly DocItem[];
  source: string;
  tally: Tally;
  /** Whether the text holds one of the convention's words at all (ANY_STATEMENT). */
  conventionWords: boolean;
  indexSums: boolean;
  /** Where the text first says it measures physical quantities (scaleLetters.ts), or -1. */
  physicalAt: number;
}

export interface DocumentReadings {
  indexSums: boolean;
  physicalUnits: boolean;
  words: boolean;
  signLabels: boolean;
  deltaFactor: boolean;
  acronyms: readonly string[];
  record: ReadingsRecord;
}

/**
 * The readings of a document, kept from `prior` (the last build's record) where it can be.
 * `wordProducts` is build.ts's reading of one span's text (passed in: build.ts imports this).
 */
export function documentReadings(
  items: readonly DocItem[],
  source: string,
  prior: ReadingsRecord | undefined,
  wordProducts: (text: string) => boolean,
): DocumentReadings {
  const count = counter(wordProducts);
  const tally = prior ? retallied(prior, items, count) : tallied(items, count);
  const edit =
    prior && prior.source !== source
      ? editBetween(prior.source, source, firstDifference(prior.source, source))
      : undefined;
  const conventionWords =
    prior && !prior.conventionWords
      ? edit !== undefined && wordsAfterEdit(source, edit)
      : ANY_STATEMENT.test(source);
  const indexSums = conventionWords && statesSummationConvention(source);
  const physicalAt = !prior
    ? PHYSICAL_UNITS.first(source, 0)
    : edit
      ? witnessAfterEdit(PHYSICAL_UNITS, source, edit, prior.physicalAt)
      : prior.physicalAt;
  const acronyms = tally.runs.size === 0 ? [] : acronymsAmong(tally.runs.keys(), (c) => tally.alone.has(c));
  return {
    indexSums,
    physicalUnits: physicalAt >= 0,
    words: tally.words > 0,
    signLabels: tally.signLabels > 0,
    deltaFactor: tally.deltaAlone > 0,
    acronyms,
    record: { items, source, tally, conventionWords, indexSums, physicalAt },
  };
}

type Count = (t: Tally, item: DocItem, by: 1 | -1) => void;

function tallied(items: readonly DocItem[], count: Count): Tally {
  const t: Tally = { words: 0, signLabels: 0, deltaAlone: 0, runs: new Map(), alone: new Map() };
  for (const item of items) count(t, item, 1);
  return t;
}

/** The prior tally with the spans between the equal head and tail taken out and the new ones in. */
function retallied(prior: ReadingsRecord, items: readonly DocItem[], count: Count): Tally {
  const old = prior.items;
  let head = 0;
  const n = Math.min(items.length, old.length);
  while (head < n && items[head] === old[head]) head++;
  let j = items.length - 1;
  let k = old.length - 1;
  while (j >= head && k >= head && sameText(items[j], old[k])) {
    j--;
    k--;
  }
  // A copy: the prior record must stay what it was should this build not become the record.
  const t: Tally = {
    words: prior.tally.words,
    signLabels: prior.tally.signLabels,
    deltaAlone: prior.tally.deltaAlone,
    runs: new Map(prior.tally.runs),
    alone: new Map(prior.tally.alone),
  };
  for (let i = head; i <= k; i++) count(t, old[i], -1);
  for (let i = head; i <= j; i++) count(t, items[i], 1);
  return t;
}

/** Every reading here is of the item's kind and text alone. */
function sameText(a: DocItem, b: DocItem): boolean {
  return a === b || (a.kind === b.kind && a.text === b.text);
}

/** One item's part of the tally, added or taken out. */
function counter(wordProducts: (text: string) => boolean): Count {
  return (t, item, by) => {
    const text = item.text;
    if (wordProducts(text)) t.words += by;
    if (item.kind === 'math' && writesBeforeLabel(text)) t.signLabels += by;
    if (writesLoneDelta(text)) t.deltaAlone += by;
    const run = definedRun(text);
    if (run) add(t.runs, run, by);
    for (const c of loneCapitals(text)) add(t.alone, c, by);
  };
}

function add(map: Map<string, number>, key: string, by: 1 | -1): void {
  const n = (map.get(key) ?? 0) + by;
  if (n === 0) map.delete(key);
  else map.set(key, n);
}

/**
 * Whether the new text holds a convention word, the old one holding none: only a word that
 * overlaps the changed text, or spans where text was removed, can be new.
 */
function wordsAfterEdit(after: string, edit: Edit): boolean {
  const from = Math.max(0, edit.cut - ANY_STATEMENT_LENGTH);
  const to = edit.oldEnd + edit.shift + ANY_STATEMENT_LENGTH;
  return ANY_STATEMENT.test(after.slice(from, to));
}

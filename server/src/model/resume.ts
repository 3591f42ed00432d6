// Model building resumed after an edit (issue #14). The builder reads a document front to back,
// so its state before an item depends only on what came before: the items, the words around
// them (prose contexts), the macros in force there, the document-wide `words` reading and the
// base settings. A build records its state at item boundaries; the next build of an edited text
// keeps the model of every item before the first one whose inputs changed and builds only from
// there. The kept claims are the same objects, so their claim keys are kept too.
import type { Constraint } from './constraint';
import type { DirectiveStatement, DocItem, DocumentKind, MathSpan } from '../document/types';
import type { MacroDefinition, MacroProblem } from '../math/macroDefinitions';
import type { ProseContext } from './prose';
import type { ProseRecord } from './proseKept';
import type { ReadingsRecord } from './documentReadings';
import type { Renumbering } from './renumber';
import { type Edit, countedThrough, mapOffset, pendingBase } from './splice';
import type { Binding, Claim, Entry, Env, ModelProblem, Settings } from './types';

/** What a build recorded, for the next build of the same document (one record per cache). */
export interface BuildRecord<State> {
  kind: DocumentKind;
  source: string;
  base: Settings;
  words: boolean;
  /** Whether the document writes sign labels (`P^-`, signLabels.ts), a reading of every span. */
  signLabels?: boolean;
  /** Whether the document writes Δ alone (deltaChanges.ts), a reading of every span. */
  deltaFactor?: boolean;
  /** The runs of capitals the document defines as names (acronyms.ts), a reading of every span. */
  acronyms?: readonly string[];
  items: readonly DocItem[];
  contexts: readonly ProseContext[];
  macros: readonly MacroDefinition[];
  /** The macro problems known before any span was parsed (definitions that could not be read). */
  unreadMacros: readonly MacroProblem[];
  /** Every macro problem of the build, those found while expanding spans after the first ones. */
  macroProblems: readonly MacroProblem[];
  /** Builder states before some items, by increasing item index. */
  states: readonly RecordedState<State>[];
  /** What the states' counts of claims, problems… refer to: the lists of the latest build. */
  lists: Lists;
  /** The builder's environment and span count at the end, for a later build that splices. */
  final: { env: Env; spans: number };
}

/** The builder's state before an item, and what a splice compares besides it. */
export interface RecordedState<State> {
  item: number;
  state: State;
  macroProblems: number;
  /** Where the prose read before the item starts (the end of the items before it). */
  proseFrom: number;
  /**
   * Set when the state was kept by a splice (splice.ts) that moved text: the edits it was carried
   * through, which map its offsets to the latest text. No build resumes from such a state.
   */
  edits?: readonly Edit[];
  /** Set with `edits` when a splice renumbered blocks or passages: the old numbers' way to the latest. */
  numbers?: Renumbering;
}

/** The builder's append-only lists and its marks on entries, shared by resumed builds. */
export interface Lists {
  claims: Claim[];
  problems: ModelProblem[];
  bindings: Binding[];
  constraints: Constraint[];
  /** The block each entry was made in. */
  blockOf: WeakMap<Entry, number>;
  /** The passage each entry made in running text was made in. */
  passageOf: WeakMap<Entry, number>;
  /** Entries made in running text (inline math), as opposed to displays and directives. */
  inlineEntries: WeakSet<Entry>;
}

/**
 * Per worker: the last build of a model (its recorded states) and the claim keys computed for
 * its claims. A build of another document finds nothing to keep and replaces the record.
 */
export class ModelCache<State = unknown> {
  record: BuildRecord<State> | undefined;
  /** Builds that kept a prefix, and the items they built again: what an edit cost the builder. */
  resumed = 0;
  itemsBuilt = 0;
  /** Builds that kept the model after the edit too (splice.ts). */
  spliced = 0;
  /** The prose contexts of the last build, read again only around an edit (proseKept.ts). */
  prose: ProseRecord | undefined;
  /** The document-wide readings of the last build, tallied again only around an edit. */
  readings: ReadingsRecord | undefined;
  private readonly keys = new WeakMap<Claim, { options: string; key: string }>();

  /** Drops the last build (its record, prose contexts and readings): its document was closed. */
  forgetLast(): void {
    this.record = undefined;
    this.prose = undefined;
    this.readings = undefined;
  }

  /** The claim key of a kept claim (same object, same offsets, same text), or computes it. */
  claimKey(claim: Claim, options: string, compute: () => string): string {
    // A kept claim moved by a splice has the key of the claim it was moved from.
    const base = pendingBase(claim);
    const held = this.keys.get(claim) ?? (base && this.keys.get(base));
    if (held && held.options === options) return held.key;
    const key = compute();
    this.keys.set(claim, { options, key });
    return key;
  }
}

/** The inputs of a build that decide whether a recorded state can be kept. */
export interface BuildInputs {
  kind: DocumentKind;
  source: string;
  base: Settings;
  words: boolean;
  /** Whether the document writes sign labels (`P^-`, signLabels.ts), a reading of every span. */
  signLabels?: boolean;
  /** Whether the document writes Δ alone (deltaChanges.ts), a reading of every span. */
  deltaFactor?: boolean;
  /** The runs of capitals the document defines as names (acronyms.ts), a reading of every span. */
  acronyms?: readonly string[];
  items: readonly DocItem[];
  contexts: readonly ProseContext[];
  macros: readonly MacroDefinition[];
  unreadMacros: readonly MacroProblem[];
}

/**
 * The recorded state to resume from: the latest one before every item whose inputs differ
 * from the recorded build's, or undefined when nothing can be kept.
 */
export function resumePoint<State>(
  record: BuildRecord<State> | undefined,
  now: BuildInputs,
): BuildRecord<State>['states'][number] | undefined {
  if (!record || record.kind !== now.kind || record.words !== now.words) return undefined;
  if (record.signLabels !== now.signLabels || record.deltaFactor !== now.deltaFactor) return undefined;
  if ((record.acronyms ?? []).join(',') !== (now.acronyms ?? []).join(',')) return undefined;
  if (!sameSettings(record.base, now.base)) return undefined;
  const cut = firstDifference(record.source, now.source);
  // Macros after the cut moved with the text; only what they define (and whether they exist)
  // can reach an item before it (a macro used before its definition is reported).
  if (macroSignature(record.macros, cut) !== macroSignature(now.macros, cut)) return undefined;
  if (macroSignature(record.unreadMacros, cut) !== macroSignature(now.unreadMacros, cut)) return undefined;
  const limit = Math.min(record.items.length, now.items.length);
  let k = 0;
  while (
    k < limit &&
    itemEnd(now.items[k]) < cut &&
    sameItem(record.items[k], now.items[k]) &&
    sameContext(record.contexts[k], now.contexts[k])
  )
    k++;
  let best: BuildRecord<State>['states'][number] | undefined;
  for (const s of record.states) {
    if (s.item > k) break;
    if (!s.edits) best = s;
  }
  // The state before the first item too: resuming there builds what a fresh build would, but a
  // resumed build may splice (splice.ts), so an edit of the title or the first passage keeps the
  // model after it instead of building the whole document again (issue #14, the moving edit).
  return best;
}

function itemEnd(item: DocItem): number {
  return item.kind === 'math' ? Math.max(item.end, item.outerEnd) : item.end;
}

/** The first offset where two texts differ (the shorter one's length if one extends the other). */
export function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let k = 0;
  // Compare in slices first: a long equal prefix costs a few string comparisons, not a loop.
  for (let step = 4096; step >= 1; step = step >> 4 || (step > 1 ? 1 : 0)) {
    while (k + step <= n && a.slice(k, k + step) === b.slice(k, k + step)) k += step;
    if (step === 1) break;
  }
  return k;
}

// Every field of the types, field by field (these run for every item before an edit); the
// `satisfies` makes a field added to a type a compile error here until it is compared (in
// sameItemThrough too, which spells the fields out).
const MATH_FIELDS = Object.keys({
  kind: 1,
  start: 1,
  end: 1,
  outerStart: 1,
  outerEnd: 1,
  text: 1,
  display: 1,
  env: 1,
  block: 1,
  parentBlock: 1,
} satisfies Record<keyof MathSpan, 1>) as (keyof MathSpan)[];
const DIRECTIVE_FIELDS = Object.keys({
  kind: 1,
  start: 1,
  end: 1,
  text: 1,
  block: 1,
} satisfies Record<keyof DirectiveStatement, 1>) as (keyof DirectiveStatement)[];
const CONTEXT_FIELDS = Object.keys({
  section: 1,
  sectionPath: 1,
  problemDepth: 1,
  statement: 1,
  resultStatement: 1,
  opening: 1,
  sectionOpening: 1,
  dataSection: 1,
  passage: 1,
  listLead: 1,
  sentence: 1,
  role: 1,
  why: 1,
  keyword: 1,
  fresh: 1,
  qualifiedByNext: 1,
  fact: 1,
  rowCondition: 1,
  listedValue: 1,
  evaluatedAt: 1,
  restrictedTo: 1,
  kindInWords: 1,
  quoted: 1,
  denied: 1,
  attributed: 1,
  askedWhether: 1,
  neglected: 1,
  recalled: 1,
  recallsUnit: 1,
  supposedInWords: 1,
  heldFixed: 1,
  oneHot: 1,
  model: 1,
  cellValue: 1,
  cellValueAt: 1,
  scalarWords: 1,
  lawsNamed: 1,
  geometricCount: 1,
  lasting: 1,
  independence: 1,
  example: 1,
  locatesPoint: 1,
  universal: 1,
  roundedWords: 1,
  measured: 1,
  otherSummation: 1,
  setsUp: 1,
  struck: 1,
  fromZero: 1,
  modulus: 1,
  contradiction: 1,
  modulusReach: 1,
  solvedAt: 1,
  pointOfSentence: 1,
} satisfies Record<keyof ProseContext, 1>) as (keyof ProseContext)[];

/**
 * Whether an item of the new text equals one of the old text read through the edits of one change
 * (splice.ts editsBetween, in order; one edit for most changes): offsets after an edited range moved
 * by its shift, inside it never equal, every other field strictly equal. Field by field in code, not
 * by a loop over MATH_FIELDS (a field added there must be added here): this runs for every item
 * after an edit, and keyed reads in a loop cost several times more.
 */
export function sameItemThrough(
  now: DocItem,
  old: DocItem,
  edits: readonly Edit[],
  numbers?: Renumbering,
): boolean {
  // The reader's very object (a chunk the edits left alone) whose offsets no edit moved: equal
  // without mapping each offset (these walks pass every item before or after an edit).
  if (now === old && !numbers?.block.length) {
    const math = now.kind === 'math';
    const lo = math ? Math.min(now.start, now.outerStart) : now.start;
    const hi = math ? Math.max(now.end, now.outerEnd) : now.end;
    if (unmovedThrough(edits, lo, hi)) return true;
  }
  if (now.kind === 'math') {
    if (old.kind !== 'math') return false;
    return (
      now.start === mapOffset(edits, old.start) &&
      now.end === mapOffset(edits, old.end) &&
      now.outerStart === mapOffset(edits, old.outerStart) &&
      now.outerEnd === mapOffset(edits, old.outerEnd) &&
      now.text === old.text &&
      now.display === old.display &&
      now.env === old.env &&
      now.block === countedThrough(numbers, 'block', old.block) &&
      sameParentBlock(now.parentBlock, old.parentBlock, numbers)
    );
  }
  if (old.kind !== 'directive') return false;
  return (
    now.start === mapOffset(edits, old.start) &&
    now.end === mapOffset(edits, old.end) &&
    now.text === old.text &&
    now.block === countedThrough(numbers, 'block', old.block)
  );
}

function sameParentBlock(now: number | undefined, old: number | undefined, numbers?: Renumbering): boolean {
  return now === undefined || old === undefined ? now === old : now === countedThrough(numbers, 'block', old);
}

/**
 * Whether every offset from `lo` to `hi` lies now where it lay (mapOffset gives each back): each
 * edit ends before it with no change in length, or begins after it. False is only "not known".
 */
function unmovedThrough(edits: readonly Edit[], lo: number, hi: number): boolean {
  for (const e of edits) {
    if (hi < e.cut) continue;
    if (lo >= e.oldEnd && e.shift === 0) continue;
    return false;
  }
  return true;
}

/** The record of `item` in a list sorted by item (recorded states), found by bisection. */
export function recordAt<T extends { item: number }>(list: readonly T[], item: number): T | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].item < item) lo = mid + 1;
    else hi = mid;
  }
  return list[lo]?.item === item ? list[lo] : undefined;
}

function sameItem(a: DocItem, b: DocItem): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  const fields: readonly string[] = a.kind === 'math' ? MATH_FIELDS : DIRECTIVE_FIELDS;
  return sameFields(a, b, fields);
}

export function sameContext(a: ProseContext, b: ProseContext): boolean {
  return a === b || sameFields(a, b, CONTEXT_FIELDS);
}

function sameFields(a: object, b: object, fields: readonly string[]): boolean {
  for (const f of fields)
    if ((a as Record<string, unknown>)[f] !== (b as Record<string, unknown>)[f]) return false;
  return true;
}

function sameShallow(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const key of ka)
    if ((a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false;
  return true;
}

function sameSettings(a: Settings, b: Settings): boolean {
  return sameShallow(a, b);
}

/** What macros mean before `cut`: their definitions in order, with offsets only where they lie before it. */
function macroSignature(list: readonly { start: number; end: number }[], cut: number): string {
  return JSON.stringify(
    list.map((d) => ({ ...d, start: d.start < cut ? d.start : -1, end: d.end < cut ? d.end : -1 })),
  );
}

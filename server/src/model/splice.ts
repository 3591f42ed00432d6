// The model after an edit reused (issue #14, the "splice"). A build resumed before an edit
// (resume.ts) stops at the first recorded item boundary after it where everything the builder
// carries equals what the previous build carried there, read through the edit: the rest of the
// document then reads as it did, and the previous build's claims, problems and bindings are kept
// with their offsets moved. "Equal through the edit" compares offsets (`start`, `end`) as the
// edit moved them and every other number as a number, so `x = 5` never equals `x = 6`.
//
// Kept claims are not copied deeply: a claim whose offsets moved is a shallow copy with its own
// offsets moved and its trees and environment as they were ("pending"). Its claim key and a
// cached result serve it; checking it afresh would read trees at stale offsets, so a check that
// misses the claim cache on a pending claim builds the model again without the splice
// (check/document.ts). Recorded states after the splice keep the edits they were carried through,
// so a later edit can compare against them too; no build resumes from such a state.
import type { DocItem } from '../document/types';
import type { ProseContext } from './prose';
import type { Renumbering } from './renumber';
import type { Claim, Env, Layer } from './types';

/** One edit in the coordinates of the text before it: [cut, oldEnd) became `shift` longer. */
export interface Edit {
  cut: number;
  oldEnd: number;
  shift: number;
}

/** A recorded state carried through more edits than this is dropped: its offsets cost more to map. */
export const MAX_CARRIED_EDITS = 16;

/** Where an offset of an older build lies now, through the edits since; NaN inside an edited range. */
export function mapOffset(edits: readonly Edit[], offset: number): number {
  let o = offset;
  for (const e of edits) {
    if (o < e.cut) continue;
    if (o < e.oldEnd) return Number.NaN;
    o += e.shift;
  }
  return o;
}

/** The edit between two texts: their common prefix and suffix, and the change in length. */
export function editBetween(before: string, after: string, cut: number): Edit {
  const room = Math.min(before.length, after.length) - cut;
  let suffix = 0;
  // Slices first, as firstDifference does: a long equal tail costs a few comparisons.
  for (let step = 4096; step >= 1; step = step === 1 ? 0 : step >> 4 || 1) {
    while (
      suffix + step <= room &&
      before.slice(before.length - suffix - step, before.length - suffix) ===
        after.slice(after.length - suffix - step, after.length - suffix)
    )
      suffix += step;
  }
  return { cut, oldEnd: before.length - suffix, shift: after.length - before.length };
}

/**
 * The edits between two texts as one or more disjoint edits, in order, each in the coordinates of
 * the text after the ones before it (as `mapOffset` reads a list). One change has one edit; a
 * notification of several changes (a line inserted above a claim and the claim edited, a
 * replace-all) makes one range from the first change to the last, and the text between them,
 * unchanged but moved, would be read as edited: the builder's state there compares as different
 * and nothing after it is kept. So a range longer than `LINE_DIFF_FROM` is compared line by line
 * (fewest lines inserted or removed, at most `MAX_LINE_EDITS`) and split where whole lines are
 * equal; otherwise, or past that bound, it stays one edit.
 */
export function editsBetween(before: string, after: string, cut: number): Edit[] {
  const whole = editBetween(before, after, cut);
  const newEnd = whole.oldEnd + whole.shift;
  if (whole.oldEnd - cut < LINE_DIFF_FROM && newEnd - cut < LINE_DIFF_FROM) return [whole];
  const a = linesOf(before, cut, whole.oldEnd);
  const b = linesOf(after, cut, newEnd);
  const hunks = lineHunks(a.lines, b.lines, MAX_LINE_EDITS);
  if (!hunks || hunks.length < 2) return [whole];
  const edits: Edit[] = [];
  let moved = 0;
  for (const h of hunks) {
    const start = cut + a.starts[h.a0];
    const end = cut + a.starts[h.a1];
    const shift = b.starts[h.b1] - b.starts[h.b0] - (a.starts[h.a1] - a.starts[h.a0]);
    edits.push({ cut: start + moved, oldEnd: end + moved, shift });
    moved += shift;
  }
  return edits;
}

/** Ranges this long (in either text) between the first and last change are compared line by line. */
const LINE_DIFF_FROM = 512;
/** Lines inserted or removed beyond which a multi-change range stays one edit. */
const MAX_LINE_EDITS = 32;

/** The lines of text[from, to), each with its line break, and their starts relative to `from` (one more: the end). */
function linesOf(text: string, from: number, to: number): { lines: string[]; starts: number[] } {
  const lines: string[] = [];
  const starts: number[] = [0];
  let at = from;
  while (at < to) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 || nl >= to ? to : nl + 1;
    lines.push(text.slice(at, end));
    starts.push(end - from);
    at = end;
  }
  return { lines, starts };
}

/** Lines a[a0, a1) replaced by b[b0, b1). */
interface Hunk {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/**
 * The changed runs of lines between `a` and `b` (Myers' shortest edit script), or undefined when
 * it needs more than `maxD` lines inserted or removed.
 */
export function lineHunks(a: readonly string[], b: readonly string[], maxD: number): Hunk[] | undefined {
  const n = a.length;
  const m = b.length;
  const offset = maxD + 1;
  let v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= maxD && found < 0; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
          ? v[offset + k + 1]
          : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  if (found < 0) return undefined;
  // Walk back from the end through the rounds: each step is one line inserted or removed after a
  // run of equal lines.
  const hunks: Hunk[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && prev[offset + k - 1] < prev[offset + k + 1]);
    const pk = down ? k + 1 : k - 1;
    const px = prev[offset + pk];
    const py = px - pk;
    // The equal run after the step, back to the step itself.
    while (x > px && y > py) {
      x--;
      y--;
    }
    addHunk(hunks, px, x, py, y);
    x = px;
    y = py;
  }
  hunks.reverse();
  return hunks;
}

/** Adds the step a[px, x) → b[py, y) to the hunks being collected backwards, merging touching ones. */
function addHunk(hunks: Hunk[], px: number, x: number, py: number, y: number): void {
  const last = hunks[hunks.length - 1];
  if (last && last.a0 === x && last.b0 === y) {
    last.a0 = px;
    last.b0 = py;
  } else hunks.push({ a0: px, a1: x, b0: py, b1: y });
}

const OFFSET_KEYS = new Set(['start', 'end', 'outerStart', 'outerEnd', 'opStart', 'opEnd']);

/**
 * Fields that hold a number counted from the top (renumber.ts), by kind: a case's block, a
 * constraint's passage, the passage of a recurrence's given value; an entry's or a constraint's
 * `sentence`, an entry's `scope` and `framedIn` and an `end` layer's `closes` hold the builder's
 * scope ids (a section's below 0), an entry's or a layer's `at` its relation number, and an entry's
 * or a recurrence's `section` the section it was made in.
 */
const COUNTED_KEYS: Record<string, keyof Renumbering> = {
  block: 'block',
  passage: 'passage',
  section: 'section',
  sentence: 'scope',
  scope: 'scope',
  framedIn: 'scope',
  closes: 'scope',
  at: 'relation',
};

/**
 * Whether `now` (of this build) equals `old` (of an older build) read through `edits`: plain
 * objects and arrays field by field, offsets mapped, numbers counted from the top moved by
 * `numbers` (renumber.ts), every other value strictly equal. The same object is equal to itself (a
 * build shares what lies before its edit). Anything else (a class instance, a map) is not
 * comparable and counts as different.
 */
export function sameThrough(
  now: unknown,
  old: unknown,
  edits: readonly Edit[],
  numbers?: Renumbering,
): boolean {
  if (now === old) return true;
  if (typeof now !== 'object' || typeof old !== 'object' || now === null || old === null) return false;
  if (Array.isArray(now) || Array.isArray(old)) {
    if (!Array.isArray(now) || !Array.isArray(old) || now.length !== old.length) return false;
    for (let i = 0; i < now.length; i++) if (!sameThrough(now[i], old[i], edits, numbers)) return false;
    return true;
  }
  if (Object.getPrototypeOf(now) !== Object.prototype || Object.getPrototypeOf(old) !== Object.prototype)
    return false;
  const a = now as Record<string, unknown>;
  const b = old as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!(key in b)) return false;
    const x = a[key];
    const y = b[key];
    if (OFFSET_KEYS.has(key) && typeof x === 'number' && typeof y === 'number') {
      if (mapOffset(edits, y) !== x) return false;
    } else if (numbers && key in COUNTED_KEYS && typeof x === 'number' && typeof y === 'number') {
      if (countedThrough(numbers, COUNTED_KEYS[key], y) !== x) return false;
    } else if (!sameThrough(x, y, edits, numbers)) return false;
  }
  return true;
}

/**
 * An old number of `kind` through `numbers` (renumber.ts renumbered; here to keep imports one-way). A
 * scope id below 0 is a section's (build.ts sectionScope: −(section + 1)), read through the sections'.
 */
export function countedThrough(numbers: Renumbering | undefined, kind: keyof Renumbering, n: number): number {
  if (kind === 'scope' && n < 0) {
    const sections = numbers?.section;
    return sections && sections.length > 0 ? -(mapOffset(sections, -n - 1) + 1) : n;
  }
  const edits = numbers?.[kind];
  return edits && edits.length > 0 ? mapOffset(edits, n) : n;
}

/** The marks a builder keeps on entries (resume.ts Lists), compared for each layer. */
export interface EntryMarks {
  blockOf: WeakMap<object, number>;
  passageOf: WeakMap<object, number>;
  inlineEntries: WeakSet<object>;
}

/**
 * Whether two environments hold the same layers through `edits`: walked back layer by layer until
 * they meet (the layers before the build resumed are shared), at most `limit` layers.
 */
export function sameEnvThrough(
  now: Env,
  old: Env,
  edits: readonly Edit[],
  marks: EntryMarks,
  limit: number,
  numbers?: Renumbering,
  /**
   * Names whose layers are passed over on both sides (no other item of the document writes them:
   * Splicer.unwritten in build.ts); the layers passed over in `now` are added to `skipped`, newest first.
   */
  skip?: { names: ReadonlySet<string>; skipped: Layer[] },
): boolean {
  let a: Env | null = now;
  let b: Env | null = old;
  for (let n = 0; a !== b; n++) {
    if (skip && a?.entry && skip.names.has(a.entry.name)) {
      skip.skipped.push(a.entry);
      a = a.parent;
      continue;
    }
    if (skip && b?.entry && skip.names.has(b.entry.name)) {
      b = b.parent;
      continue;
    }
    if (!a || !b || (!skip && a.seq !== b.seq) || n >= limit) return false;
    const x = a.entry as object | null;
    const y = b.entry as object | null;
    if (!x || !y) return false;
    if (!sameThrough(x, y, edits, numbers)) return false;
    if (!sameMark(marks.blockOf.get(x), marks.blockOf.get(y), numbers, 'block')) return false;
    if (!sameMark(marks.passageOf.get(x), marks.passageOf.get(y), numbers, 'passage')) return false;
    if (marks.inlineEntries.has(x) !== marks.inlineEntries.has(y)) return false;
    a = a.parent;
    b = b.parent;
  }
  return true;
}

function sameMark(
  now: number | undefined,
  old: number | undefined,
  numbers: Renumbering | undefined,
  kind: keyof Renumbering,
): boolean {
  if (now === undefined || old === undefined) return now === old;
  return now === countedThrough(numbers, kind, old);
}

/**
 * The first item from which the new items (and their prose contexts) equal the old ones through
 * the edit, aligned from the end of the document: the only items a splice may keep.
 */
export function equalTail<E>(
  oldItems: readonly DocItem[],
  oldContexts: readonly ProseContext[],
  items: readonly DocItem[],
  contexts: readonly ProseContext[],
  edit: E,
  sameItem: (now: DocItem, old: DocItem, edit: E) => boolean,
  sameContext: (a: ProseContext, b: ProseContext) => boolean,
): number {
  const shift = items.length - oldItems.length;
  let j = items.length - 1;
  while (
    j >= 0 &&
    j - shift >= 0 &&
    sameItem(items[j], oldItems[j - shift], edit) &&
    sameContext(contexts[j], oldContexts[j - shift])
  )
    j--;
  return j + 1;
}

const pending = new WeakMap<Claim, { base: Claim; shift: number; from: Claim }>();

/** A kept claim moved by `shift`: its own offsets moved, its trees and environment pending. */
export function movedClaim(claim: Claim, shift: number): Claim {
  if (shift === 0) return claim;
  const prior = pending.get(claim);
  const base = prior?.base ?? claim;
  const total = (prior?.shift ?? 0) + shift;
  const moved: Claim = {
    ...base,
    start: base.start + total,
    end: base.end + total,
    opStart: base.opStart + total,
    opEnd: base.opEnd + total,
  };
  pending.set(moved, { base, shift: total, from: claim });
  return moved;
}

/** The claim of the previous build that a kept claim was moved from, or undefined for a built one. */
export function movedFrom(claim: Claim): Claim | undefined {
  return pending.get(claim)?.from;
}

/** The claim a pending claim was moved from (its key is the same), or undefined for a built one. */
export function pendingBase(claim: Claim): Claim | undefined {
  return pending.get(claim)?.base;
}

/** A kept claim whose trees and environment still carry the offsets of an older text. */
export function isPending(claim: Claim): boolean {
  return pending.has(claim);
}

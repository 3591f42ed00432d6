// Reading a long Markdown document again after a one-line edit should not cost a full parse.
// The text is cut into top-level chunks at places where CommonMark cannot carry state across
// (a blank line followed by a line that starts in column 0, outside fences, `$$` displays,
// `\[…\]` and HTML comments); each chunk is read on its own and remembered by its text.
// Offsets and block ids are then moved into place, so the result equals a whole-document read.
import { Collector } from './common';
import { readMarkdown } from './markdown';
import { MAX_PASSAGE_CHARS, passageTooLongMessage, tooDeepMessage } from './readLimits';
import type { DocItem, ReadProblem } from './types';
import { commonEnds } from './commonEnds';
import { lowerBound } from './sorted';

interface ChunkResult {
  items: DocItem[];
  problems: ReadProblem[];
  blocks: number;
}

/** A chunk's items and problems moved to their place in one text (ReadCache.placed). */
interface Placed {
  chunk: ChunkResult;
  blockBase: number;
  /** Where the chunk ends in that text. */
  end: number;
  items: DocItem[];
  problems: ReadProblem[];
}

/**
 * The chunks of one read as placed in its text, in order: `chunks[k]` starts at `starts[k]`
 * (undefined for a passage too long to read). Arrays rather than a map by offset: a map of every
 * chunk was built again on every edit.
 */
interface Placements {
  text: string;
  starts: readonly number[];
  chunks: readonly (Placed | undefined)[];
  /** What the read gave, in order, and how much of it came before each chunk (one more: the end). */
  items: readonly DocItem[];
  problems: readonly ReadProblem[];
  // Counts per chunk in typed arrays: made on every edit for every chunk, and outside the
  // JavaScript heap they cost the collector nothing (issue #14).
  itemsAt: Float64Array;
  problemsAt: Float64Array;
  blocksAt: Float64Array;
}

const NO_PLACEMENTS: Placements = {
  text: '',
  starts: [],
  chunks: [],
  items: [],
  problems: [],
  itemsAt: Float64Array.of(0),
  problemsAt: Float64Array.of(0),
  blocksAt: Float64Array.of(0),
};

/**
 * The placed chunk starting at `offset`, if any. The offsets asked come in increasing order
 * within a read, so the search goes on from the last answer (`from`, returned with it), stepping
 * forwards, and bisects only when an offset lies far ahead or goes back.
 */
function placedAt(p: Placements, offset: number, from: { k: number }): Placed | undefined {
  const starts = p.starts;
  let k = from.k;
  if (k >= starts.length || starts[k] > offset) k = 0;
  let steps = 0;
  while (k < starts.length && starts[k] < offset && steps < 8) {
    k++;
    steps++;
  }
  if (k < starts.length && starts[k] < offset) {
    let lo = k;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    k = lo;
  }
  from.k = k;
  return k < starts.length && starts[k] === offset ? p.chunks[k] : undefined;
}

const LIMIT = 4000;
/** Chunks no longer in the latest document kept past the limit (about one per edit). */
const STALE_CHUNKS = 256;

// A chunk is also cut after a block that leaves nothing open (see `closesAll`), once it is
// this long: one passage with no blank line (a run of setext headings) then never reaches
// the parser whole, while ordinary documents keep their chunks.
const FINE_CUT_AFTER = 4096;

// Lines that can only start or continue a top-level paragraph (or close it, below).
const PLAIN_LINE = /^[\p{L}\p{N}]/u;
const ORDERED_ITEM = /^\d{1,9}[.)](\s|$)/;
const ATX_HEADING = /^ {0,3}#{1,6}(\s|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const DISPLAY_LINE = /^\$\$[^$]*\$\$[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/;

// CommonMark's HTML blocks of the first kind run to their closing tag, across blank lines.
const RAW_HTML_START = /^ {0,3}<(pre|script|style|textarea)(?=[\s>]|$)/i;

// A list item opened in column 0 with text after its marker. Such a line closes whatever the item
// before it held (continuing an item needs indentation) and starts an item of its own: a chunk cut
// before it reads the same items in the same blocks (a list itself makes no block). Only `1.`
// among numbers: another number cannot interrupt a paragraph, so `2. x` may be a lazy line.
const ITEM_START = /^(?:[-+*]|1[.)])[ \t]+\S/;
const ANY_ITEM_START = /^(?:[-+*]|\d{1,9}[.)])[ \t]+\S/;

/**
 * What is open after a line, as far as a line-by-line look can tell: `lists` is top-level list
 * items, whose lines are markers in column 0, indented lines and lazy continuations.
 */
type Open = 'nothing' | 'paragraph' | 'lists' | 'unknown';

/**
 * What is open after `line`, given what was open before it: a heading or a thematic break
 * closes everything; a setext underline closes the paragraph it underlines; a plain line starts
 * or continues a top-level paragraph; a blank line ends one. Anything else (containers, HTML,
 * tables) is unknown, and then only the blank-line rule of chunkStarts cuts.
 */
function openAfter(before: Open, line: string, blank: boolean): Open {
  if (before === 'unknown') return 'unknown';
  if (before === 'lists') return listsAfter(line, blank);
  if (blank) return 'nothing';
  if (ATX_HEADING.test(line) || THEMATIC_BREAK.test(line)) return 'nothing';
  if (before === 'nothing' ? ANY_ITEM_START.test(line) : ITEM_START.test(line)) return 'lists';
  if (before === 'paragraph' && SETEXT_UNDERLINE.test(line)) return 'nothing';
  // A display on a line of its own, `$$…$$`, is read from a paragraph (markdown.ts).
  if (DISPLAY_LINE.test(line)) return 'paragraph';
  // A pipe may make the paragraph a table's header row.
  if (PLAIN_LINE.test(line) && !ORDERED_ITEM.test(line) && !line.includes('|')) return 'paragraph';
  return 'unknown';
}

/**
 * After a line of a top-level list: a heading or a thematic break in column 0 closes it; a quote, an
 * HTML block or a table row may hold what follows, so those are unknown; anything else (a blank,
 * an indented line, a marker, a lazy continuation) keeps to the list's items.
 */
function listsAfter(line: string, blank: boolean): Open {
  if (blank || /^\s/.test(line)) return 'lists';
  if (ATX_HEADING.test(line) || THEMATIC_BREAK.test(line)) return 'nothing';
  if (/^[<>]/.test(line) || line.includes('|')) return 'unknown';
  return 'lists';
}

export class ReadCache {
  /** The last text read and its chunk starts (chunkStartsAfterEdit). */
  last: { text: string; starts: readonly number[] } | undefined;
  /**
   * The last read's chunks as placed in its text, by start offset: a chunk of the same text at the
   * same place after the same blocks reads as the very same items (before an edit, or after one
   * that did not change the length), so they are not copied again.
   */
  placed: Placements = NO_PLACEMENTS;

  constructor(
    private readonly chunks = new Map<string, ChunkResult>(),
    /** Chunks no longer in the latest document kept past the limit (a test sets few). */
    private readonly stale = STALE_CHUNKS,
  ) {}

  /** Drops the last text read and its placed chunks (the chunks stay, bounded): its document was closed. */
  forgetLast(): void {
    this.last = undefined;
    this.placed = NO_PLACEMENTS;
  }

  /**
   * A cache for reading part of a document just before the whole is read (an editor's screen,
   * lsp/screen.ts): it finds and adds chunks here, but drops none and leaves `last` alone, so the
   * whole read that follows finds every chunk it had.
   */
  forPart(): ReadCache {
    return new PartReadCache(this.chunks);
  }

  get(text: string): ChunkResult | undefined {
    return this.chunks.get(text);
  }

  set(text: string, r: ChunkResult): void {
    this.chunks.set(text, r);
  }

  /**
   * After reading one document (its chunks as placed): past the limit, only that document's
   * chunks stay. Clearing everything instead would make a document of more chunks than the limit
   * (a 4,000-claim book) be read whole again on every edit. A document larger than the limit
   * drops the chunks its edits left behind once STALE_CHUNKS have gathered, not after every edit:
   * the pass over every entry is then paid once per that many edits.
   */
  keepOnly(placed: readonly (Placed | undefined)[]): void {
    if (this.chunks.size <= Math.max(LIMIT, placed.length + this.stale)) return;
    const used = new Set<ChunkResult>();
    for (const p of placed) if (p) used.add(p.chunk);
    for (const [text, r] of this.chunks) if (!used.has(r)) this.chunks.delete(text);
  }

  get size(): number {
    return this.chunks.size;
  }
}

class PartReadCache extends ReadCache {
  override keepOnly(): void {}
}

/** Start offsets of the chunks (the first is 0). */
export function chunkStarts(text: string): number[] {
  return scanStarts(text, [0], 0);
}

/**
 * The first chunk start at or after `offset` (the text's length when none follows): a place where
 * the text before it reads the same on its own as within the whole. The scan stops there, so a
 * cut near the top of a long document costs only the lines above it.
 */
export function chunkStartAtOrAfter(text: string, offset: number): number {
  if (offset <= 0) return 0;
  let found = text.length;
  scanStarts(text, [0], 0, (s) => {
    if (s < offset) return false;
    found = s;
    return true;
  });
  return found;
}

/**
 * The chunk starts of a new version of a text, from those of the previous version: the starts
 * before the line of the first changed character are kept, the scan resumes at the last of them
 * (a chunk starts where nothing is open), and it stops at the first start after the changed text
 * that was a start before too (the scan from a start depends only on the text after it), where
 * the previous starts follow, moved.
 */
export function chunkStartsAfterEdit(
  text: string,
  prior: { text: string; starts: readonly number[] },
): number[] {
  return startsAfterEdit(text, prior).starts;
}

/** Where two versions of a text differ: [cut, from) of the new one replaced the old, `shift` longer. */
interface TextEdit {
  cut: number;
  from: number;
  shift: number;
}

/** chunkStartsAfterEdit, with the edit it found. */
function startsAfterEdit(
  text: string,
  prior: { text: string; starts: readonly number[] },
): { starts: number[]; edit: TextEdit } {
  const before = prior.text;
  const { prefix: cut, suffix } = commonEnds(before, text);
  if (cut === before.length && cut === text.length)
    return { starts: [...prior.starts], edit: { cut, from: cut, shift: 0 } };
  const shift = text.length - before.length;
  const textFrom = text.length - suffix;
  const edit = { cut, from: textFrom, shift };
  // A start before the line of the cut: its line and those before it are unchanged.
  const lineStart = text.lastIndexOf('\n', cut - 1) + 1;
  let k = prior.starts.length - 1;
  while (k > 0 && prior.starts[k] >= lineStart) k--;
  let tail = -1;
  const starts = scanStarts(text, prior.starts.slice(0, k + 1), prior.starts[k], (i) => {
    if (i < textFrom || !sortedHas(prior.starts, i - shift)) return false;
    tail = i - shift;
    return true;
  });
  if (tail < 0) return { starts, edit };
  for (const s of prior.starts) if (s > tail) starts.push(s + shift);
  return { starts, edit };
}

/** Whether a sorted list holds `x` (bisection: a set of every start cost more than the scan). */
function sortedHas(list: readonly number[], x: number): boolean {
  return list[lowerBound(list, x)] === x;
}

/**
 * Scans lines from `from`, the last of `starts` (a start: nothing open there), adding starts;
 * stops after adding one for which `stop` says so.
 */
function scanStarts(
  text: string,
  starts: number[],
  from: number,
  stop?: (start: number) => boolean,
): number[] {
  let fence: { ch: string; len: number } | null = null;
  let dollar = false;
  let comment = false;
  let bracket = false;
  // The closing tag of an HTML block that blank lines do not end (`<pre>`, `<script>`, …).
  let raw: string | null = null;
  let prevBlank = false;
  let state: Open = 'nothing';
  let i = from;
  while (i < text.length) {
    let j = text.indexOf('\n', i);
    if (j < 0) j = text.length;
    const line = text.slice(i, j).replace(/\r$/, '');
    const blank = line.trim() === '';
    const open = fence !== null || dollar || comment || bracket || raw !== null;
    // A blank line then a line in column 0 closes every block before it, a list item and a quote
    // included (a new item or quote starts there; continuing one needs indentation), so a long
    // loose list is read item by item.
    const fresh = !open && prevBlank && !blank && i > 0 && !/^\s/.test(line);
    // After a blank line that ended everything, even a list or a quote starts afresh.
    const afterNothing = !open && !blank && state === 'nothing' && i > 0;
    const last = starts[starts.length - 1];
    // In a long list with no blank line, each item in column 0 starts afresh (ITEM_START).
    const nextItem = !open && state === 'lists' && ITEM_START.test(line) && i - last >= FINE_CUT_AFTER;
    // The line a resumed scan starts at is a start already.
    if (
      last !== i &&
      (fresh || (afterNothing && prevBlank) || (afterNothing && i - last >= FINE_CUT_AFTER) || nextItem)
    ) {
      starts.push(i);
      if (stop?.(i)) return starts;
    }
    if (fresh || starts[starts.length - 1] === i) state = 'nothing';
    state = open ? 'unknown' : openAfter(state, line, blank);
    // Update the state with this line.
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && f[1][0] === fence.ch && f[1].length >= fence.len && line.slice(f[0].length).trim() === '')
        fence = null;
    } else if (f) {
      fence = { ch: f[1][0], len: f[1].length };
    } else if (comment) {
      if (line.includes('-->')) comment = false;
    } else if (raw) {
      if (line.toLowerCase().includes(raw)) raw = null;
    } else if (RAW_HTML_START.test(line)) {
      const tag = `</${(RAW_HTML_START.exec(line) as RegExpExecArray)[1].toLowerCase()}>`;
      if (!line.toLowerCase().includes(tag)) raw = tag;
    } else {
      const c = line.lastIndexOf('<!--');
      if (c >= 0 && line.indexOf('-->', c) < 0) comment = true;
      const dollars = (line.replace(/\\\$/g, '').match(/\$\$/g) ?? []).length;
      if (dollars % 2 === 1) dollar = !dollar;
      if (bracket) {
        if (/\\\]/.test(line)) bracket = false;
      } else if (/\\\[/.test(line) && line.lastIndexOf('\\]') < line.lastIndexOf('\\[')) bracket = true;
    }
    if (fence !== null || dollar || comment || bracket || raw !== null) state = 'unknown';
    prevBlank = blank;
    i = j + 1;
  }
  return starts;
}

/**
 * Reads Markdown chunk by chunk, reusing chunks whose text did not change. A chunk longer than
 * MAX_PASSAGE_CHARS is not handed to the parser (a problem says so); `shouldStop` is asked
 * between chunks, and a true answer ends the reading there (the caller drops the result).
 */
export function readMarkdownChunked(
  text: string,
  out: Collector,
  cache: ReadCache,
  shouldStop?: () => boolean,
): void {
  const prior = cache.last;
  const after = prior ? startsAfterEdit(text, prior) : undefined;
  const starts = after ? after.starts : chunkStarts(text);
  // Placements of a read that stopped early belong to an older text than `prior`: none then.
  const before: Placements = prior && cache.placed.text === prior.text ? cache.placed : NO_PLACEMENTS;
  const wasFrom = { k: 0 };
  const hereFrom = { k: 0 };
  const edit = after?.edit;
  cache.last = { text, starts };
  const n = starts.length;
  const placed: (Placed | undefined)[] = new Array(n).fill(undefined);
  const itemBase = out.items.length;
  const problemBase = out.problems.length;
  const itemsAt = new Float64Array(n + 1);
  const problemsAt = new Float64Array(n + 1);
  const blocksAt = new Float64Array(n + 1);
  const endOf = (list: readonly number[], k: number, length: number) =>
    k + 1 < list.length ? list[k + 1] : length;
  let blockBase = 0;
  let k = 0;
  // The chunks before the edit with the bounds they had: what the last read gave for them is taken
  // as it was, items, problems and placements together, instead of a step per chunk (issue #14).
  if (edit) {
    let head = 0;
    const most = Math.min(n, before.starts.length);
    while (
      head < most &&
      starts[head] === before.starts[head] &&
      endOf(starts, head, text.length) <= edit.cut &&
      endOf(starts, head, text.length) === endOf(before.starts, head, before.text.length)
    )
      head++;
    if (head > 0) {
      takeFrom(before, 0, head, 0);
      k = head;
      blockBase = before.blocksAt[head];
    }
  }
  for (; k < n; k++) {
    const a = starts[k];
    const b = k + 1 < n ? starts[k + 1] : text.length;
    if (shouldStop?.()) return;
    // After an edit that kept the length, a chunk the last read placed at this offset after as
    // many blocks begins a tail the last read gave whole (the starts after the edit are its own).
    if (edit && edit.shift === 0 && a >= edit.from) {
      const j = indexOf(before.starts, a);
      if (j >= 0 && before.blocksAt[j] === blockBase && before.starts.length - j === n - k) {
        takeFrom(before, j, before.starts.length, k);
        blockBase = before.blocksAt[before.starts.length];
        k = n;
        break;
      }
    }
    itemsAt[k] = out.items.length - itemBase;
    problemsAt[k] = out.problems.length - problemBase;
    blocksAt[k] = blockBase;
    if (b - a > MAX_PASSAGE_CHARS) {
      const end = trimTrailingBlank(text, a, b);
      out.problem(a, end, 'input', passageTooLongMessage(end - a, lineCount(text, a, end)));
      continue;
    }
    // A chunk wholly before the edit, or after it, is the text of a chunk the last read placed
    // (at the same offset, or moved by the edit): its result is known without slicing the text
    // and looking it up, which hashes every chunk's text on every edit.
    const was = !edit ? -1 : b <= edit.cut ? a : a >= edit.from ? a - edit.shift : -1;
    const old = was >= 0 ? placedAt(before, was, wasFrom) : undefined;
    let r: ChunkResult | undefined = old && old.end - was === b - a ? old.chunk : undefined;
    if (!r) {
      const piece = text.slice(a, b);
      r = cache.get(piece);
      if (!r) {
        const c = new Collector(piece);
        readMarkdown(piece, c);
        r = { items: c.items, problems: c.problems, blocks: c.blockCount };
        cache.set(piece, r);
      }
    }
    let here = placedAt(before, a, hereFrom);
    if (!here || here.chunk !== r || here.blockBase !== blockBase || here.end !== b) {
      here = { chunk: r, blockBase, end: b, items: [], problems: [] };
      for (const item of r.items) here.items.push(moveItem(item, a, blockBase));
      for (const p of r.problems) here.problems.push({ ...p, start: p.start + a, end: p.end + a });
    }
    placed[k] = here;
    for (const item of here.items) out.items.push(item);
    for (const p of here.problems) {
      const last = out.problems.length - 1;
      if (p === here.problems[0] && last >= 0 && continuesCut(text, out.problems[last], p, a))
        out.problems[last] = { ...out.problems[last], end: p.end };
      else out.problems.push(p);
    }
    blockBase += r.blocks;
  }
  itemsAt[n] = out.items.length - itemBase;
  problemsAt[n] = out.problems.length - problemBase;
  blocksAt[n] = blockBase;
  // Only a read to the end leaves its placements (a stopped read's result is dropped).
  cache.placed = {
    text,
    starts,
    chunks: placed,
    items: out.items.slice(itemBase),
    problems: out.problems.slice(problemBase),
    itemsAt,
    problemsAt,
    blocksAt,
  };
  cache.keepOnly(placed);
  out.reserveBlocks(blockBase);

  /** The last read's chunks [from, to) as the chunks from `at` on: what they gave and where. */
  function takeFrom(p: Placements, from: number, to: number, at: number): void {
    const items0 = p.itemsAt[from];
    const problems0 = p.problemsAt[from];
    const itemShift = out.items.length - itemBase - items0;
    const problemShift = out.problems.length - problemBase - problems0;
    for (let i = items0; i < p.itemsAt[to]; i++) out.items.push(p.items[i]);
    for (let i = problems0; i < p.problemsAt[to]; i++) out.problems.push(p.problems[i]);
    for (let j = from; j < to; j++) {
      const k2 = at + j - from;
      placed[k2] = p.chunks[j];
      itemsAt[k2] = p.itemsAt[j] + itemShift;
      problemsAt[k2] = p.problemsAt[j] + problemShift;
      blocksAt[k2] = p.blocksAt[j];
    }
  }
}

/** The position of `x` in a sorted list, or -1. */
function indexOf(list: readonly number[], x: number): number {
  const at = lowerBound(list, x);
  return at < list.length && list[at] === x ? at : -1;
}

/**
 * Lines cut for nesting too deep one after another are one region, reported once (deepNesting.ts):
 * so too when a chunk starts at the second of them (a long list is cut before each item).
 */
function continuesCut(text: string, before: ReadProblem, p: ReadProblem, chunkStart: number): boolean {
  const deep = tooDeepMessage();
  return (
    before.message === deep &&
    p.message === deep &&
    /^\r?\n$/.test(text.slice(before.end, chunkStart)) &&
    !text.slice(chunkStart, p.start).includes('\n')
  );
}

function moveItem(item: DocItem, shift: number, blockBase: number): DocItem {
  const block = item.block === 0 ? 0 : item.block + blockBase;
  if (item.kind === 'directive') return { ...item, start: item.start + shift, end: item.end + shift, block };
  const moved = {
    ...item,
    start: item.start + shift,
    end: item.end + shift,
    outerStart: item.outerStart + shift,
    outerEnd: item.outerEnd + shift,
    block,
  };
  if (item.parentBlock !== undefined)
    moved.parentBlock = item.parentBlock === 0 ? 0 : item.parentBlock + blockBase;
  return moved;
}

/** The passage without the blank lines that end it (they are not part of what was left unread). */
function trimTrailingBlank(text: string, a: number, b: number): number {
  let e = b;
  while (e > a && /\s/.test(text[e - 1])) e--;
  return e;
}

function lineCount(text: string, a: number, b: number): number {
  let n = 1;
  for (let i = text.indexOf('\n', a); i >= 0 && i < b; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

// Claim results reused across edits. A claim's verdict depends only on its own text, its
// settings, and the entries (declarations, definitions, cases) it reaches through names; the
// key is exactly that, so an edit re-checks the edited claim and what depends on the edit,
// nothing else. Seeds come from the claim's text, so a cached result equals a fresh one.
import type { Node } from '../math/tree';
import { printNode } from '../math/print';
import { walk } from '../model/names';
import type { Claim, Entry } from '../model/types';
import type { ClaimResult } from './result';
import { entryNodes } from './relevant';
import type { ResultList } from './keptResults';
import type { RangeList } from './keptRanges';

const LIMIT = 20_000;

/** Bytes of results the cache may hold (an estimate: strings at 2 bytes a character, samples' data). */
export const DEFAULT_CACHE_BYTES = 64 * 2 ** 20;
/** Of those, bytes of hover samples: only recently used results keep theirs. */
export const DEFAULT_SAMPLE_BYTES = 16 * 2 ** 20;

interface Held {
  result: ClaimResult;
  bytes: number;
  sampleBytes: number;
  /** When it was last used and when it took its place in the map's order (the cache's clock). */
  used: number;
  placed: number;
}

/**
 * Least recently used first. A Map keeps insertion order; a hit only stamps its entry with the
 * time, and an entry used since it took its place is moved to the end when eviction reaches it
 * (a "second chance"): moving every hit to the end cost a delete and an insertion per claim per
 * edit, most of an unchanged document's check. Two bounds by bytes: past the sample bound the
 * oldest results lose their hover samples (edited-away claims, which no hover reaches), past the
 * total bound the oldest results go.
 */
/** The result the cache holds, on a result a hit returned moved (see `origin`). */
const HELD = Symbol('held result');
type Moved = ClaimResult & { [HELD]?: ClaimResult };

export class CheckCache {
  private entries = new Map<string, Held>();
  /** The entry of each result held, for a use that comes without its key (`reuse`). */
  private readonly heldOf = new WeakMap<ClaimResult, Held>();
  private totalBytes = 0;
  private totalSampleBytes = 0;
  private clock = 0;
  hits = 0;
  misses = 0;
  /** The latest check's claims and results, reused as a list by the next check (keptResults.ts). */
  last: ResultList | undefined;
  /** The latest whole check's math items and their ranges, kept by the next check (keptRanges.ts). */
  lastRanges: RangeList | undefined;

  constructor(
    private readonly maxBytes = DEFAULT_CACHE_BYTES,
    private readonly maxSampleBytes = DEFAULT_SAMPLE_BYTES,
  ) {}

  /** Drops the latest check's lists (`last`, `lastRanges`): its document was closed. */
  forgetLast(): void {
    this.last = undefined;
    this.lastRanges = undefined;
  }

  /** The cached result moved to the claim's current position, or undefined. */
  get(key: string, claim: Claim): ClaimResult | undefined {
    const held = this.entries.get(key);
    if (!held) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    held.used = ++this.clock;
    return this.movedTo(held.result, claim.start);
  }

  /** A result this cache returned, reused for the same claim at `start`: counted as a hit. */
  reuse(returned: ClaimResult, start: number): ClaimResult {
    this.hits++;
    const held = this.origin(returned);
    // Still a use: the entry keeps its place (an entry evicted meanwhile is stamped for nothing).
    const entry = this.heldOf.get(held);
    if (entry) entry.used = ++this.clock;
    // The claim did not move since: the very result returned last time.
    if (returned.start === start) return returned;
    return this.movedTo(held, start);
  }

  private movedTo(r: ClaimResult, start: number): ClaimResult {
    const shift = start - r.start;
    if (shift === 0) return r;
    const out = rebase(r, shift);
    // A property the result carries rather than a WeakMap entry: a moving edit moves every result
    // below it, and a WeakMap entry per moved result per edit was a sixth of such an edit's CPU
    // (bench/README.md, sixteenth pass). Not enumerable, so a copy (spread, JSON, a message to
    // the main thread) never carries it and is never taken for the result it was copied from.
    Object.defineProperty(out, HELD, { value: r });
    return out;
  }

  /**
   * The result this cache holds for a result it returned: the same object for every check that
   * reused it, wherever the claim moved. The language server sends a check's results as
   * differences from the previous check (lsp/resultDiff.ts) and recognises reused ones by it.
   */
  origin(r: ClaimResult): ClaimResult {
    return (r as Moved)[HELD] ?? r;
  }

  set(key: string, result: ClaimResult): void {
    if (this.entries.size >= LIMIT) this.evictOldest();
    this.remove(key);
    const sampleBytes = samplesBytes(result);
    const now = ++this.clock;
    const held = { result, bytes: resultBytes(result) + sampleBytes, sampleBytes, used: now, placed: now };
    this.entries.set(key, held);
    this.heldOf.set(result, held);
    this.totalBytes += held.bytes;
    this.totalSampleBytes += sampleBytes;
    this.bound(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The bytes the cache accounts for: results and the samples they still hold. */
  get bytes(): { total: number; samples: number } {
    return { total: this.totalBytes, samples: this.totalSampleBytes };
  }

  private bound(newest: string): void {
    for (const [key, held] of this.entries) {
      if (this.totalSampleBytes <= this.maxSampleBytes) break;
      if (key === newest || held.sampleBytes === 0) continue;
      // Used since it took its place: its second chance (met again at the end of the iteration).
      if (this.secondChance(key, held)) continue;
      // A result without its samples would show a hover without values: a later hit must check
      // afresh, so the result is dropped, not kept stripped (a hit equals a fresh check).
      this.remove(key);
    }
    while (this.totalBytes > this.maxBytes && this.entries.size > 1) this.evictOldest();
  }

  private evictOldest(): void {
    for (const [key, held] of this.entries) {
      if (this.secondChance(key, held)) continue;
      this.remove(key);
      return;
    }
  }

  /** Moves an entry used since it took its place to the end of the order; false if it was not. */
  private secondChance(key: string, held: Held): boolean {
    if (held.used === held.placed) return false;
    this.entries.delete(key);
    this.entries.set(key, held);
    held.placed = held.used;
    return true;
  }

  private remove(key: string): void {
    const held = this.entries.get(key);
    if (!held) return;
    this.entries.delete(key);
    this.totalBytes -= held.bytes;
    this.totalSampleBytes -= held.sampleBytes;
  }
}

/** Estimated bytes of a result without its samples: its strings and a fixed cost per object. */
function resultBytes(r: ClaimResult): number {
  let chars = r.text.length + r.message.length + r.relation.length + (r.diagnosis?.length ?? 0);
  for (const d of r.details) chars += d.length;
  for (const d of r.declarations ?? []) chars += d.length;
  if (r.fix) chars += JSON.stringify(r.fix).length;
  return 2 * chars + 256;
}

function samplesBytes(r: ClaimResult): number {
  let bytes = 0;
  for (const s of r.sample ?? []) bytes += s.values.byteLength + 8 * s.dims.length + 2 * s.shape.length + 96;
  return bytes;
}

/** The result of a claim that moved by `shift` characters (nothing else changed). */
export function rebase(r: ClaimResult, shift: number): ClaimResult {
  return {
    ...r,
    opStart: r.opStart + shift,
    opEnd: r.opEnd + shift,
    start: r.start + shift,
    end: r.end + shift,
    // The samples' offsets are the claim's own (placedSamples.ts): they move with it, uncopied.
    ...(r.fix ? { fix: { ...r.fix, start: r.fix.start + shift, end: r.fix.end + shift } } : {}),
  };
}

/** Everything a claim's verdict depends on, as text. */
export function claimKey(claim: Claim, text: string, options: string): string {
  const parts: string[] = [
    text,
    options,
    settingsText(claim.settings),
    claim.op,
    claim.skipReason ?? '',
    claim.condition ?? '',
    claim.workedValue ? `worked ${claim.workedValue}` : '',
    claim.solvedAt ? `solved at ${claim.solvedAt}` : '',
    claim.pointOfSentence ? `at the point ${claim.pointOfSentence}` : '',
    claim.sameSetting ? 'same setting' : '',
    claim.earlierFormulas ? `earlier formulas ${claim.earlierFormulas.join(' ')}` : '',
    claim.liveFunctions ? `live functions ${claim.liveFunctions.join(' ')}` : '',
    claim.otherSummation ? 'other summation' : '',
    claim.declaredInEndedSection
      ? `declared in an ended section ${claim.declaredInEndedSection.join(' ')}`
      : '',
    // The sides as read, not only as written: the document's macros may change under them.
    nodeText(claim.lhs),
    nodeText(claim.rhs),
    ...claim.assumptions.map(nodeText),
    ...(claim.constraints ?? []).map((c) => `constraint ${nodeText(c)}`),
    claim.solvable ? `solvable ${claim.solvable.join(' ')}` : '',
    // The link before in the chain says which decimals of the left side are rounded (rounding.ts).
    claim.chainedFrom ? `chained from ${nodeText(claim.chainedFrom)}` : '',
    claim.chainedByEquals ? 'chained by =' : '',
    claim.roundedNumbers ? 'rounded numbers' : '',
    // Decimals an earlier claim computed and rounded keep their rounding here (model/build.ts).
    claim.carriedDecimals ? `carried ${claim.carriedDecimals.join(' ')}` : '',
    claim.standIns ? `stand-ins ${claim.standIns.map((s) => `${s.key}=${s.value}`).join(' ')}` : '',
    // Values the words named again (model/build.ts recall): the verdict's message names them.
    claim.recalled ? `recalled ${claim.recalled.join(' ')}` : '',
    claim.arithmeticModulus ? `modulo ${claim.arithmeticModulus.n} ${claim.arithmeticModulus.reach}` : '',
    // A formula in a worked example's names is checked again with them read generally (atExample.ts).
    claim.atExample ? `at example ${claim.atExample.names.join(' ')} ${claim.atExample.formula}` : '',
  ];
  const seen = new Set<Entry>();
  const queue: Node[] = [claim.lhs, claim.rhs, ...claim.assumptions, ...(claim.constraints ?? [])];
  const names = new Set<string>();
  const visitNames = (n: Node) =>
    walk(n, (x) => {
      if (x.kind === 'sym') {
        names.add(x.name);
        if (x.subText !== null) names.add(x.stem);
      }
      if (x.kind === 'apply') names.add(x.f.name);
    });
  while (queue.length) {
    visitNames(queue.pop()!);
    for (const name of names) {
      names.delete(name);
      const entry = claim.env.lookup(name, claim.block);
      const found = [
        entry,
        claim.env.lookupPattern(name),
        entry ? null : claim.env.lookupGeneric(name, claim.block),
      ];
      for (const e of found) {
        if (!e || seen.has(e)) continue;
        seen.add(e);
        // An inferred object (model/types.ts) is never refuted: how it was inferred is part of the verdict.
        const inferred = e.kind === 'decl' && e.inferred ? `:inferred ${e.inferred.how}` : '';
        // A reading keeps its rounding, and a stated value may carry a claim (claim/rounding.ts,
        // claim/endedValues.ts heldByStatedValues): both are part of the verdict.
        const measured = e.measured ? ':measured' : '';
        const stated = e.kind === 'def' && e.stated ? `:stated ${nodeText(e.stated)}` : '';
        parts.push(`${e.kind}:${e.name}:${e.text ?? ''}${inferred}${measured}${stated}`);
        for (const n of entryNodes(e)) queue.push(n);
      }
      if (claim.env.isDimension(name))
        parts.push(`dim:${name}${claim.env.dimensionEntry(name)?.inferred ? ':inferred' : ''}`);
      // A refutation that an ended example value would turn into a verification is left unchecked
      // (claim/endedValues.ts): those values, the earlier ones too, are part of the verdict.
      for (const ended of claim.env.endedValues(name, claim.block, true)) {
        if (seen.has(ended)) continue;
        seen.add(ended);
        parts.push(`ended ${ended.kind}:${ended.name}:${ended.text ?? ''}`);
        for (const n of entryNodes(ended)) queue.push(n);
      }
    }
  }
  return parts.join('\u0001');
}

// Trees and settings are shared and never changed after they are made (the parse cache hands the
// same tree to every check of an unmoved span), so their texts are kept with them.
const printed = new WeakMap<Node, string>();
const settingsTexts = new WeakMap<Claim['settings'], string>();

function nodeText(n: Node): string {
  let t = printed.get(n);
  if (t === undefined) {
    t = printNode(n);
    printed.set(n, t);
  }
  return t;
}

function settingsText(s: Claim['settings']): string {
  let t = settingsTexts.get(s);
  if (t === undefined) {
    t = JSON.stringify(s);
    settingsTexts.set(s, t);
  }
  return t;
}

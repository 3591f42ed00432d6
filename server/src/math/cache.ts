// Parsed math remembered by its text and place: after an edit most spans are unchanged, in place
// (before the edit) or moved (after it), so a cached tree is reused as it is or copied with its
// offsets moved instead of parsed again. The same text at several places (a document that writes
// `$x \in \mathbb{R}^n$` in every section) keeps one tree per place, so an edit copies only the
// trees that moved, not every occurrence of a repeated text. Trees are plain data that nothing
// mutates after parsing.
import { parseMath, type ParseOptions } from './parser';
import type { ParsedMath } from './tree';

/** Trees held at most; past it the cache starts again. */
const LIMIT = 50_000;

interface Placed {
  parsed: ParsedMath;
  /** The pass (see `settle`) that last used this tree. */
  used: number;
}

export class ParseCache {
  /** Per text (with the options that change its reading), its trees by start offset. */
  private readonly trees = new Map<string, Map<number, Placed>>();
  private held = 0;
  private pass = 0;

  parse(text: string, base: number, options: ParseOptions = {}): ParsedMath {
    const unexpanded = options.unexpanded ? JSON.stringify([...options.unexpanded]) : '';
    const flags =
      `${options.display ? 'd' : 'i'}${options.words ? 'w' : ''}${options.signLabels ? 's' : ''}` +
      (options.deltaFactor ? 'D' : '') +
      (options.expanded ? 'x' : '') +
      (options.decimalComma === 'unbraced' ? ';' : options.decimalComma ? ',' : '') +
      (options.acronyms?.length ? `a${options.acronyms.join(',')}` : '');
    const key = `${flags}${unexpanded}\u0001${text}`;
    let places = this.trees.get(key);
    const hit = places?.get(base);
    if (hit) {
      hit.used = this.pass;
      return hit.parsed;
    }
    let parsed: ParsedMath;
    if (places) {
      const [from, any] = places.entries().next().value as [number, Placed];
      parsed = moved(any.parsed, base - from);
    } else {
      parsed = parseMath(text, base, options);
      if (this.held >= LIMIT) this.clear();
      places = new Map();
      this.trees.set(key, places);
    }
    places.set(base, { parsed, used: this.pass });
    this.held++;
    return parsed;
  }

  /**
   * The end of one document's reading: trees at places neither this pass nor the one before used
   * are dropped (one tree per text stays, to be moved). Two passes, because a document just
   * opened is read twice (its first screen, then the whole).
   */
  settle(): void {
    for (const places of this.trees.values()) {
      if (places.size < 2) continue;
      for (const [base, p] of places) {
        if (places.size < 2) break;
        if (p.used < this.pass - 1) {
          places.delete(base);
          this.held--;
        }
      }
    }
    this.pass++;
  }

  /** Trees held (for the tests). */
  get size(): number {
    return this.held;
  }

  private clear(): void {
    this.trees.clear();
    this.held = 0;
  }
}

/** A deep copy with every `start`/`end` offset moved by `by`, in one pass. */
function moved<T>(value: T, by: number): T {
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      out[i] = v !== null && typeof v === 'object' ? moved(v, by) : v;
    }
    return out as T;
  }
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const v = o[k];
    out[k] =
      (k === 'start' || k === 'end') && typeof v === 'number'
        ? v + by
        : v !== null && typeof v === 'object'
          ? moved(v, by)
          : v;
  }
  return out as T;
}

// Parsed math remembered by its text: after an edit most spans are unchanged but moved, so a
// cached tree is reused (same place) or copied with its offsets moved instead of parsed again.
// Trees are plain data that nothing mutates after parsing.
import { parseMath, type ParseOptions } from './parser';
import type { ParsedMath } from './tree';

const LIMIT = 50_000;

export class ParseCache {
  private readonly trees = new Map<string, { base: number; parsed: ParsedMath }>();

  parse(text: string, base: number, options: ParseOptions = {}): ParsedMath {
    const unexpanded = options.unexpanded ? JSON.stringify([...options.unexpanded]) : '';
    const key = `${options.display ? 'd' : 'i'}${options.words ? 'w' : ''}${unexpanded}\u0001${text}`;
    const hit = this.trees.get(key);
    if (hit && hit.base === base) return hit.parsed;
    const parsed = hit ? moved(hit.parsed, base - hit.base) : parseMath(text, base, options);
    if (this.trees.size >= LIMIT) this.trees.clear();
    this.trees.set(key, { base, parsed });
    return parsed;
  }
}

/** A deep copy with every `s`/`e` offset moved by `by`, in one pass. */
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

// Parsed math remembered by its text: after an edit most spans are unchanged but moved, so a
// cached tree is copied with its offsets moved instead of parsing the span again.
import { parseMath, type ParseOptions } from './parser';
import type { ParsedMath } from './tree';

const LIMIT = 50_000;

export class ParseCache {
  private readonly trees = new Map<string, ParsedMath>();

  parse(text: string, base: number, options: ParseOptions = {}): ParsedMath {
    const key = `${options.display ? 'd' : 'i'}\u0001${text}`;
    let atZero = this.trees.get(key);
    if (!atZero) {
      atZero = parseMath(text, 0, options);
      if (this.trees.size >= LIMIT) this.trees.clear();
      this.trees.set(key, atZero);
    }
    return moved(atZero, base);
  }
}

/** A deep copy with every `s`/`e` offset moved by `by` (trees are plain data). */
function moved<T>(value: T, by: number): T {
  if (Array.isArray(value)) return value.map((v) => moved(v, by)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = (k === 's' || k === 'e') && typeof v === 'number' ? v + by : moved(v, by);
  }
  return out as T;
}

// Lists of flat records that cover the whole document (math spans, bindings) sent from the
// checker worker as differences from the previous check of the same document: an edit changes
// the records around it and moves the ones after it by the same amount, so only those around it
// are sent, with how many records before and after are the previous ones (the latter moved).
// Sent whole, these lists cost every edit a copy of the document's records between threads.
import type { MathRange, SymbolBinding } from '../check/result';

/** Records of one kind: flat objects of these fields, the `offsets` among them places in the document. */
export interface RecordKind<T> {
  offsets: readonly (keyof T & string)[];
  others: readonly (keyof T & string)[];
  /**
   * Equal field by field, the offsets of `a` being those of `b` moved by `shift`: written out,
   * since a loop over the field names costs every edit a keyed read per field and record; the
   * test holds it to the fields listed (a field it forgets fails there).
   */
  same(a: T, b: T, shift: number): boolean;
}

// Every field of the types (the `satisfies` makes a field added to a type a compile error here).
export const MATH_RANGES: RecordKind<MathRange> = kind<MathRange>(
  {
    start: 'offset',
    end: 'offset',
    outerStart: 'offset',
    outerEnd: 'offset',
    display: 'other',
  } satisfies Record<keyof MathRange, 'offset' | 'other'>,
  (a, b, shift) =>
    a.start === b.start + shift &&
    a.end === b.end + shift &&
    a.outerStart === b.outerStart + shift &&
    a.outerEnd === b.outerEnd + shift &&
    a.display === b.display,
);
export const BINDINGS: RecordKind<SymbolBinding> = kind<SymbolBinding>(
  {
    name: 'other',
    kind: 'other',
    start: 'offset',
    end: 'offset',
    text: 'other',
  } satisfies Record<keyof SymbolBinding, 'offset' | 'other'>,
  (a, b, shift) =>
    a.start === b.start + shift &&
    a.end === b.end + shift &&
    a.name === b.name &&
    a.kind === b.kind &&
    a.text === b.text,
);

function kind<T>(
  fields: Record<keyof T & string, 'offset' | 'other'>,
  same: (a: T, b: T, shift: number) => boolean,
): RecordKind<T> {
  const names = Object.keys(fields) as (keyof T & string)[];
  return {
    offsets: names.filter((f) => fields[f] === 'offset'),
    others: names.filter((f) => fields[f] === 'other'),
    same,
  };
}

/** A list sent as the previous one's first `keep` records, `middle`, and its last `tail` moved by `shift`. */
export interface SentRecords<T> {
  keep: number;
  middle: T[];
  tail: number;
  shift: number;
}

/** `now` as differences from `before` (the list the receiver holds), or whole without one. */
export function encodeRecords<T extends object>(
  now: readonly T[],
  before: readonly T[] | undefined,
  kind: RecordKind<T>,
): SentRecords<T> {
  if (!before) return { keep: 0, middle: [...now], tail: 0, shift: 0 };
  const limit = Math.min(now.length, before.length);
  let keep = 0;
  // The records an edit did not touch are mostly the previous objects: identity first.
  while (keep < limit && (now[keep] === before[keep] || kind.same(now[keep], before[keep], 0))) keep++;
  // Everything after the edit moved by one amount: the last records' difference, if any.
  const shift =
    keep < limit && kind.offsets.length > 0
      ? (num(now[now.length - 1], kind.offsets[0]) ?? 0) -
        (num(before[before.length - 1], kind.offsets[0]) ?? 0)
      : 0;
  let tail = 0;
  while (tail < limit - keep) {
    const a = now[now.length - 1 - tail];
    const b = before[before.length - 1 - tail];
    if (!((shift === 0 && a === b) || kind.same(a, b, shift))) break;
    tail++;
  }
  return { keep, middle: now.slice(keep, now.length - tail), tail, shift: tail > 0 ? shift : 0 };
}

/** The list rebuilt from what was sent and the list the receiver holds. */
export function decodeRecords<T extends object>(
  sent: SentRecords<T>,
  before: readonly T[] | undefined,
  kind: RecordKind<T>,
): T[] {
  if (sent.keep + sent.tail > 0 && (!before || before.length < sent.keep + sent.tail))
    throw new Error(`the previous check's ${sent.keep + sent.tail} records are missing`);
  const held = before ?? [];
  const tail = held.slice(held.length - sent.tail);
  return [
    ...held.slice(0, sent.keep),
    ...sent.middle,
    ...(sent.shift === 0 ? tail : tail.map((r) => moved(r, sent.shift, kind))),
  ];
}

function num(r: object, field: string): number | undefined {
  const v = (r as Record<string, unknown>)[field];
  return typeof v === 'number' ? v : undefined;
}

function moved<T extends object>(r: T, shift: number, kind: RecordKind<T>): T {
  const out = { ...r } as Record<string, unknown>;
  for (const f of kind.offsets) if (typeof out[f] === 'number') out[f] = (out[f] as number) + shift;
  return out as T;
}

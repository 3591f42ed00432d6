// Readings of one item that the model takes on every build (issue #14): a document's items are the
// reader's objects, and the reader hands back the very same objects for the chunks an edit did not
// touch (document/chunks.ts). A reading that depends only on the item itself is therefore kept per
// object, so an edit pays it for the items it changed (or moved: a moved item is a new object) and
// a table lookup for the rest. Items are never changed after reading, which is what makes this exact.
// A reading of the item's text alone is kept per text instead (perText): moved items share it.
import type { DocItem } from './types';

/** `read` of an item, computed once per item object; `read` must depend on nothing but the item. */
export function perItem<T>(read: (item: DocItem) => T): (item: DocItem) => T {
  const kept = new WeakMap<DocItem, T>();
  return (item) => {
    const known = kept.get(item);
    // A reading may itself be undefined.
    if (known !== undefined || kept.has(item)) return known as T;
    const value = read(item);
    kept.set(item, value);
    return value;
  };
}

/**
 * `read` of a text, computed once per distinct text; `read` must depend on nothing but the text.
 * For readings of an item's text alone: an item an edit moved is a new object with the same text
 * (the very string), so its reading is found here where `perItem` would read it again and keep one
 * more entry per moved item. Past `limit` texts the table starts again (a reading is only ever
 * recomputed, never stale).
 */
export function perText<T>(read: (text: string) => T, limit = 1 << 15): (text: string) => T {
  let kept = new Map<string, T>();
  return (text) => {
    const known = kept.get(text);
    if (known !== undefined || kept.has(text)) return known as T;
    const value = read(text);
    if (kept.size >= limit) kept = new Map();
    kept.set(text, value);
    return value;
  };
}

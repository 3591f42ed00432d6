// Readings of one item that the model takes on every build (issue #14): a document's items are the
// reader's objects, and the reader hands back the very same objects for the chunks an edit did not
// touch (document/chunks.ts). A reading that depends only on the item itself is therefore kept per
// object, so an edit pays it for the items it changed (or moved: a moved item is a new object) and
// a table lookup for the rest. Items are never changed after reading, which is what makes this exact.
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

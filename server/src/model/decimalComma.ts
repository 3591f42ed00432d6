// Whether a document writes TeX's decimal comma: a comma braced between digits that cannot be a
// thousands separator — `0{,}5`, `3{,}14`, `2{,}5` — the way German, French and most European
// texts write decimals. In such a document every braced comma between digits is a decimal comma,
// `2{,}918` included (math/parser/prepare.ts); elsewhere `2{,}918` is two thousand nine hundred
// and eighteen.
import type { DocItem } from '../document/types';

const DECIMAL_COMMA = /(?<![\d.])0\{,\}\d|\d\{,\}(?:\d{1,2}|\d{4,})(?![\d{])/;

/** Whether the math of the document writes such a comma (words and code spans do not count). */
export function writesDecimalComma(items: readonly DocItem[]): boolean {
  return items.some((it) => it.kind === 'math' && it.text.includes('{,}') && DECIMAL_COMMA.test(it.text));
}

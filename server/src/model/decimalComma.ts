// Whether a document writes TeX's decimal comma: a comma braced between digits that cannot be a
// thousands separator — `0{,}5`, `3{,}14`, `2{,}5` — the way German, French and most European
// texts write decimals. In such a document every braced comma between digits is a decimal comma,
// `2{,}918` included (math/parser/prepare.ts); elsewhere `2{,}918` is two thousand nine hundred
// and eighteen.
import type { DocItem } from '../document/types';
import { writesCommaLanguage } from './proseLanguage';

const DECIMAL_COMMA = /(?<![\d.])0\{,\}\d|\d\{,\}(?:\d{1,2}|\d{4,})(?![\d{])/;

/** Whether the math of the document writes such a comma (words and code spans do not count). */
export function writesDecimalComma(items: readonly DocItem[]): boolean {
  return items.some((it) => it.kind === 'math' && it.text.includes('{,}') && DECIMAL_COMMA.test(it.text));
}

/**
 * A comma between digits without braces or spaces that cannot separate thousands or list items:
 * two or more digits after it but not three (`3,1416`, `19,63`), or a lone 0 before it (`0,614`),
 * and no other comma against the digits (`1,25,3` is a list).
 */
const UNBRACED_DECIMAL_COMMA = /(?<![\d.,])(?:0,\d{2,}|\d+,(?:\d{2}|\d{4,}))(?![\d,])/;

/**
 * Whether the document writes decimals with a bare comma, `3,14` (`'unbraced'`): its prose is in a
 * language that writes decimal commas (model/proseLanguage.ts) and its math writes such a comma.
 * A braced one alone (`0{,}5`) is `true`. Else false: `3,14` is then a list of two numbers.
 */
export function decimalCommaOf(items: readonly DocItem[], source: string): boolean | 'unbraced' {
  const unbraced = items.some((it) => it.kind === 'math' && UNBRACED_DECIMAL_COMMA.test(it.text));
  if (unbraced && writesCommaLanguage(source)) return 'unbraced';
  return writesDecimalComma(items);
}

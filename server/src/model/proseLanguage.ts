// Whether a document's prose is in a language that writes decimals with a comma — French, German,
// Spanish, Portuguese, Italian, Dutch, Russian and their neighbours — rather than English. A comma
// written between digits without braces (`3,14`) is then a decimal comma, as the text's own
// convention has it (model/decimalComma.ts); in English prose it separates thousands or items.

/** Short words frequent in running prose of each decimal-comma language, none of them English. */
const COMMA_LANGUAGE_WORDS = new Set(
  [
    // French
    'de la le du et en est les des une pour dans sur avec donc soit nous par sont qui pas aussi ainsi alors',
    // German
    'und ist der die das mit für nicht wir ein eine sich auch dann gilt wenn oder aus',
    // Spanish, Portuguese, Italian
    'el los las que es una del por con para como pero son entonces não uma com os sua il della che',
    'sono di per gli nel anche quindi dove sia',
    // Dutch
    'het een van en zijn niet ook dus waarbij zij',
  ]
    .join(' ')
    .split(' '),
);

/** Short words frequent in English running prose. */
const ENGLISH_WORDS = new Set(
  'the and of is to in that we for with this are be it by as from on so then which let'.split(' '),
);

/** Cyrillic letters: Russian, Ukrainian, Bulgarian and Serbian texts write the decimal comma too. */
const CYRILLIC = /[\u0400-\u04ff]/g;

/**
 * Whether the words outside the math are mostly of a decimal-comma language: more of its frequent
 * words (or Cyrillic words) than English ones, and at least a handful, so that a stray "die" or
 * "con" in an English note decides nothing.
 */
export function writesCommaLanguage(source: string): boolean {
  const prose = source.replace(/\$\$[\s\S]*?\$\$|\$[^$\n]*\$|\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]/g, ' ');
  let comma = 0;
  let english = 0;
  for (const word of prose.toLowerCase().match(/[\p{L}]+/gu) ?? []) {
    if (COMMA_LANGUAGE_WORDS.has(word)) comma++;
    else if (ENGLISH_WORDS.has(word)) english++;
    else if (word.length > 1 && (word.match(CYRILLIC)?.length ?? 0) === word.length) comma++;
  }
  return comma >= 5 && comma > 2 * english;
}

// How far reading goes. CommonMark's parser is superlinear on some shapes (a run of setext
// headings, a nested list with no blank line) and our tree walk recurses once per container, so
// reading is bounded three ways: the document's size, the length of one passage handed to the
// parser, and the depth of nested block quotes and lists. Past a bound the reader
// says where it stopped and why, and checks everything else.

/** Documents larger than this are not read at all (the CLI's --max-file-size raises it). */
export const DEFAULT_MAX_READ_BYTES = 16 * 2 ** 20;

/**
 * One passage (text with no place where Markdown carries no state: see chunks.ts) longer than
 * this is not handed to the parser. The limit bounds the parser's work, not the document: a long
 * document of ordinary passages is read in full, and the longest passage of the shared corpus
 * is 7 KB (a paragraph, a list, an aligned display). A passage costs the parser time in
 * proportion to its length (seconds per megabyte), more on nested lists; one display written
 * out on a single line (a generated claim of 800 KB) is still read.
 */
export const MAX_PASSAGE_CHARS = 2 ** 20;

/** Block quotes and list items nested deeper than this are not read. */
export const MAX_CONTAINER_DEPTH = 100;

/** How a problem starts when part of the document was not read (the CLI exits 2). */
export const PARTLY_READ = 'document partly read';

export function megabytes(n: number): string {
  const mb = n / 2 ** 20;
  return mb >= 10 ? String(Math.round(mb)) : String(Math.round(mb * 10) / 10);
}

export function tooLargeMessage(bytes: number, limit: number): string {
  return (
    `document too large to read (${megabytes(bytes)} MB; limit ${megabytes(limit)} MB): split it into ` +
    'smaller files (on the command line, --max-file-size raises the limit)'
  );
}

export function passageTooLongMessage(chars: number, lines: number): string {
  const size = chars >= 2 ** 20 ? `${megabytes(chars)} MB` : `${Math.ceil(chars / 1024)} KB`;
  const which = lines === 1 ? 'the line from here' : `the ${lines.toLocaleString('en-US')} lines from here`;
  return (
    `${PARTLY_READ}: ${which} (${size} with no blank line between its blocks; limit ` +
    `${megabytes(MAX_PASSAGE_CHARS)} MB per passage) ${lines === 1 ? 'is' : 'are'} not read, so the math ` +
    'in them is not checked; put blank lines between its paragraphs, list items or quotes, or split ' +
    'the file'
  );
}

export function tooDeepMessage(): string {
  return (
    `${PARTLY_READ}: block quotes and lists are nested more than ${MAX_CONTAINER_DEPTH} deep here, ` +
    'so the math inside is not read; nest them less deeply'
  );
}

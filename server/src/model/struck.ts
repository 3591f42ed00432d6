// Struck-through text: `~~ … ~~` (GFM), `<del>`, `<s>`, `<strike>` in Markdown; `\sout{…}`,
// `\xout{…}` (ulem) and `\st{…}` (soul) in LaTeX. An author strikes out a step they found wrong
// and keeps it for the record: it is neither a claim nor a definition, and the values it gives are
// not given. (`\cancel` inside math is a cancellation in a computation, not a deletion: it is math.)
import type { DocumentKind } from '../document/types';

const MARKDOWN_MARK = /~~|<\s*(\/?)\s*(?:del|s|strike)\b[^>]*>|\n[ \t>]*\n/gi;
const LATEX_MARK = /\\(?:sout|xout|st)\s*\{|\{|\}/g;

/**
 * How deep inside struck-through text the prose is after reading `words` (the prose between two math
 * spans, code and comments removed: model/prose.ts `prose`), starting at `depth`; 0 when not struck.
 * In Markdown a blank line ends the paragraph and any strike left open; in LaTeX the depth counts
 * the braces of the struck argument.
 */
export function struckDepthAfter(words: string, depth: number, kind: DocumentKind): number {
  let d = depth;
  if (kind === 'markdown') {
    if (d === 0 && !words.includes('~') && !words.includes('<')) return 0;
    for (const m of words.matchAll(MARKDOWN_MARK)) {
      if (m[0].startsWith('\n')) d = 0;
      else if (m[0] === '~~') d = d > 0 ? d - 1 : 1;
      else d = m[1] ? Math.max(0, d - 1) : d + 1;
    }
    return d;
  }
  if (d === 0 && !/\\(?:sout|xout|st)\b/.test(words)) return 0;
  for (const m of words.matchAll(LATEX_MARK)) {
    if (m[0] === '}') d = Math.max(0, d - 1);
    else if (m[0] === '{') d = d > 0 ? d + 1 : 0;
    else d = d > 0 ? d + 1 : 1;
  }
  return d;
}

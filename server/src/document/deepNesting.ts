// Markdown's parser slows down (quadratically, for lists) and our tree walk recurses with each
// container a line opens, so a line that opens more than MAX_CONTAINER_DEPTH block quotes and
// list items (`>>>>…`, `- - - …`) is cut at the limit before parsing: in the parser's private
// copy the rest of the line becomes spaces (offsets are kept), and a problem marks what was
// not read. Everything before and after is read as usual.
import { MAX_CONTAINER_DEPTH, tooDeepMessage } from './readLimits';
import type { ReadProblem } from './types';

export interface NestingCut {
  src: string;
  problems: ReadProblem[];
}

// A container marker at the current position: `>`, or a bullet or ordered-list marker
// followed by a space, a tab or the end of the line.
const MARKER = /[ \t]*(?:>|[-+*](?=[ \t\r\n]|$)|\d{1,9}[.)](?=[ \t\r\n]|$))/y;

export function cutDeepNesting(src: string): NestingCut {
  const problems: ReadProblem[] = [];
  let chars: string[] | null = null;
  let lastCutLine = -2;
  let i = 0;
  while (i < src.length) {
    let lineEnd = src.indexOf('\n', i);
    if (lineEnd < 0) lineEnd = src.length;
    let depth = 0;
    let at = i;
    MARKER.lastIndex = i;
    // Only lines with at least the limit's worth of characters can nest past it.
    while (lineEnd - i > MAX_CONTAINER_DEPTH && depth <= MAX_CONTAINER_DEPTH && MARKER.exec(src)) {
      if (MARKER.lastIndex > lineEnd) break;
      depth++;
      if (depth === MAX_CONTAINER_DEPTH) at = MARKER.lastIndex;
    }
    if (depth > MAX_CONTAINER_DEPTH) {
      chars ??= src.split('');
      let end = lineEnd;
      if (end > at && src.charCodeAt(end - 1) === 13) end--;
      for (let k = at; k < end; k++) chars[k] = ' ';
      // Consecutive cut lines are one region, reported once at its start.
      if (lastCutLine === i - 1) problems[problems.length - 1].end = end;
      else problems.push({ start: at, end, code: 'input', message: tooDeepMessage() });
      lastCutLine = lineEnd;
    }
    i = lineEnd + 1;
  }
  return { src: chars ? chars.join('') : src, problems };
}

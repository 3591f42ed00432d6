// Math inside an HTML block of a Markdown file. MathJax and KaTeX typeset the text of a page, not
// only its Markdown, so a blog post's `<p>… $x$ …</p>` is math its reader sees. An HTML block is
// cut into passages at its block-level tags (`<p>`, `<li>`, `<div>`…); the other tags are left
// out of the text, and what code, scripts and styles hold is never read.

import { DISPLAY_MATH_ENVIRONMENTS } from './common';

const DISPLAY_ENVS = new Set(DISPLAY_MATH_ENVIRONMENTS);

export interface HtmlPiece {
  start: number;
  end: number;
  /** Ranges inside the piece that are not text: tags (`tag`), code and comments (`code`, `comment`). */
  skips: { start: number; end: number; kind: 'tag' | 'code' | 'comment' }[];
}

const BLOCK_TAGS = new Set(
  (
    'address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure ' +
    'footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p section summary table tbody td tfoot ' +
    'th thead tr ul'
  ).split(' '),
);
/** Elements whose content is code or markup of another language, never prose. */
const RAW_TAGS = new Set(['code', 'pre', 'script', 'style', 'kbd', 'samp', 'textarea', 'svg', 'math']);
const TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>/y;

/**
 * Does the HTML block hold math a page would typeset (outside its comments)? MathJax typesets a
 * display environment written straight into the page (`<div>\begin{equation} … \end{equation}</div>`)
 * as it does `\[ … \]`.
 */
export function htmlHoldsMath(t: string, a: number, b: number): boolean {
  const text = t.slice(a, b).replace(/<!--[\s\S]*?(-->|$)/g, '');
  if (/\$|\\\(|\\\[/.test(text)) return true;
  for (const m of text.matchAll(/\\begin\{([A-Za-z]+)\*?\}/g)) if (DISPLAY_ENVS.has(m[1])) return true;
  return false;
}

/** The passages of text in the HTML block `[a, b)`, in order. */
export function htmlPieces(t: string, a: number, b: number): HtmlPiece[] {
  const pieces: HtmlPiece[] = [];
  let piece: HtmlPiece = { start: a, end: a, skips: [] };
  const cut = (at: number, next: number) => {
    piece.end = at;
    if (t.slice(piece.start, piece.end).trim() !== '') pieces.push(piece);
    piece = { start: next, end: next, skips: [] };
  };
  let i = a;
  while (i < b) {
    const lt = t.indexOf('<', i);
    if (lt < 0 || lt >= b) break;
    if (t.startsWith('<!--', lt)) {
      const close = t.indexOf('-->', lt + 4);
      const e = close < 0 || close + 3 > b ? b : close + 3;
      piece.skips.push({ start: lt, end: e, kind: 'comment' });
      i = e;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(t);
    if (!m || TAG.lastIndex > b) {
      i = lt + 1;
      continue;
    }
    const name = m[1].toLowerCase();
    const tagEnd = TAG.lastIndex;
    const closing = t.charCodeAt(lt + 1) === 47; /* / */
    if (RAW_TAGS.has(name) && !closing) {
      const close = t.toLowerCase().indexOf(`</${name}`, tagEnd);
      const gt = close < 0 || close >= b ? -1 : t.indexOf('>', close);
      const e = gt < 0 || gt >= b ? b : gt + 1;
      piece.skips.push({ start: lt, end: e, kind: 'code' });
      i = e;
    } else if (BLOCK_TAGS.has(name)) {
      cut(lt, tagEnd);
      i = tagEnd;
    } else {
      piece.skips.push({ start: lt, end: tagEnd, kind: 'tag' });
      i = tagEnd;
    }
  }
  cut(b, b);
  return pieces;
}

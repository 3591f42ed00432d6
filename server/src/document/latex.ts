// LaTeX → math spans and directive statements, by a hand-written scanner.
//
// Skipped: comments (`%` to the end of the line; `\%` is a literal), except a comment whose
// text starts with `derive:` (a directive); `verbatim`, `lstlisting`, `minted`, `comment`
// environments; `\verb|…|` with any delimiter; `\iffalse … \fi`; the preamble before
// `\begin{document}` (directives in it are still read) and everything after `\end{document}`.
// Math: `$…$`, `\(…\)`, `$$…$$`, `\[…\]` and the display environments below.
// knitr and Sweave (.Rnw): a code chunk, from a line `<<label, options>>=` to a line that starts
// with `@`, is R code, and `\Sexpr{…}` in running text is R code too: neither is read.
// Blocks: paragraphs separated by blank lines (`\item` and sectioning commands also start a
// new one); each display is its own block.
import {
  type Collector,
  DISABLE_NEXT_LINE,
  DISPLAY_MATH_ENVIRONMENTS,
  isBlank,
  lineEnd,
  nextLineStart,
} from './common';

const MATH_ENVS = new Set([...DISPLAY_MATH_ENVIRONMENTS, 'math']);
const VERBATIM_ENVS = new Set(['verbatim', 'Verbatim', 'lstlisting', 'minted', 'comment', 'alltt']);
const NEW_BLOCK_COMMANDS = new Set([
  'item',
  'part',
  'chapter',
  'section',
  'subsection',
  'subsubsection',
  'paragraph',
  'subparagraph',
  'par',
  // The exam class: a question, the parts of a question, the choices of a multiple choice.
  'question',
  'titledquestion',
  'subpart',
  'subsubpart',
  'choice',
  'CorrectChoice',
]);

const TEX_CONDITIONALS = new Set(
  'if ifx ifnum ifdim ifodd ifcase ifdefined ifcsname iftrue iffalse ifmmode ifvmode ifhmode ' +
    'ifinner ifvoid ifhbox ifvbox ifeof ifcat'.split(' '),
);

type Closer = '$' | '$$' | '\\)' | '\\]';

export function readLatex(text: string, out: Collector): void {
  new LatexScanner(text, out).run();
}

class LatexScanner {
  private readonly t: string;
  private readonly n: number;
  private paragraph: number | undefined;
  /**
   * Closers searched for in vain: the offset where that search stopped. An opener of the same
   * kind before that offset cannot find one either (keeps the scan linear on bad input).
   */
  private readonly failedUntil = new Map<string, number>();

  constructor(
    text: string,
    private readonly out: Collector,
  ) {
    this.t = text;
    this.n = text.length;
  }

  private block(): number {
    this.paragraph ??= this.out.newBlock();
    return this.paragraph;
  }

  run(): void {
    const t = this.t;
    let preamble = this.findBeginDocument() >= 0;
    let i = 0;
    while (i < this.n) {
      const c = t.charCodeAt(i);
      if (c === 37 /* % */) {
        i = this.comment(i);
        continue;
      }
      if (c === 10 || c === 13) {
        i = this.newline(i);
        continue;
      }
      if (c === 60 /* < */ && (i === 0 || t.charCodeAt(i - 1) === 10 || t.charCodeAt(i - 1) === 13)) {
        const chunkEnd = this.skipCodeChunk(i);
        if (chunkEnd > i) {
          this.paragraph = undefined;
          i = chunkEnd;
          continue;
        }
      }
      if (c === 92 /* \ */) {
        const next = t.charCodeAt(i + 1);
        if (!isLetter(next)) {
          if (!preamble && (next === 40 /* ( */ || next === 91) /* [ */) {
            i = this.delimited(i, 2, next === 40 ? '\\)' : '\\]');
            continue;
          }
          i += 2;
          continue;
        }
        let j = i + 1;
        while (j < this.n && isLetter(t.charCodeAt(j))) j++;
        const name = t.slice(i + 1, j);
        if (name === 'begin' || name === 'end') {
          const arg = this.braceArg(j);
          if (!arg) {
            i = j;
            continue;
          }
          if (name === 'end') {
            if (arg.name === 'document' && !preamble) return;
            i = arg.end;
            continue;
          }
          if (arg.name === 'document') {
            preamble = false;
            i = arg.end;
            continue;
          }
          if (preamble) {
            i = arg.end;
            continue;
          }
          const base = arg.name.endsWith('*') ? arg.name.slice(0, -1) : arg.name;
          if (VERBATIM_ENVS.has(base)) {
            i = this.skipVerbatim(i, arg.name, arg.end);
            continue;
          }
          if (MATH_ENVS.has(base)) {
            i = this.environment(i, arg.name, base, arg.end);
            continue;
          }
          i = arg.end;
          continue;
        }
        if (name === 'verb') {
          i = this.skipVerb(j);
          continue;
        }
        if (name === 'Sexpr' && t.charCodeAt(j) === 123) {
          const close = closingBrace(t, j);
          i = close < 0 ? j : close + 1;
          continue;
        }
        if (name === 'iffalse') {
          const fi = this.skipIffalse(j);
          i = fi < 0 ? j : fi;
          continue;
        }
        if (NEW_BLOCK_COMMANDS.has(name)) this.paragraph = undefined;
        i = j;
        continue;
      }
      if (c === 36 /* $ */ && !preamble) {
        if (t.charCodeAt(i + 1) === 36) i = this.delimited(i, 2, '$$');
        else i = this.delimited(i, 1, '$');
        continue;
      }
      i++;
    }
  }

  /** Offset of a `\begin{document}` outside comments, or -1. */
  private findBeginDocument(): number {
    const begin = /\\begin\s*\{document\}/g;
    for (let m = begin.exec(this.t); m; m = begin.exec(this.t)) if (!this.inComment(m.index)) return m.index;
    return -1;
  }

  private inComment(at: number): boolean {
    const t = this.t;
    let j = at;
    while (j > 0 && t.charCodeAt(j - 1) !== 10 && t.charCodeAt(j - 1) !== 13) j--;
    while (j < at) {
      const c = t.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === 37) return true;
      else j++;
    }
    return false;
  }

  /** At a line terminator: a blank line after it ends the paragraph. Returns the next line start. */
  private newline(i: number): number {
    const t = this.t;
    const next = nextLineStart(t, i, this.n);
    let j = next;
    while (j < this.n && isBlank(t.charCodeAt(j))) j++;
    if (j >= this.n || t.charCodeAt(j) === 10 || t.charCodeAt(j) === 13) this.paragraph = undefined;
    return next;
  }

  /** A comment at `i`: read a `derive:` directive; returns the end of the line. */
  private comment(i: number): number {
    const t = this.t;
    const end = lineEnd(t, i, this.n);
    let p = i;
    while (p < end && t.charCodeAt(p) === 37) p++;
    while (p < end && isBlank(t.charCodeAt(p))) p++;
    if (t.startsWith('derive:', p) && p + 7 <= end) {
      this.out.statements(p + 7, end, this.block());
    } else if (t.startsWith(DISABLE_NEXT_LINE, p)) {
      this.out.suppression(p, end, this.block());
    }
    return end;
  }

  /**
   * A knitr or Sweave code chunk whose header `<<…>>=` is the line at `i`: the offset after the
   * line that closes it (`@`, alone or followed by a space and text), or `i` when this is no chunk
   * header. An unclosed chunk runs to the end of the file, as knitr reads it.
   */
  private skipCodeChunk(i: number): number {
    const t = this.t;
    const end = lineEnd(t, i, this.n);
    if (!/^<<[^\n]*>>=[ \t]*$/.test(t.slice(i, end))) return i;
    let line = nextLineStart(t, end, this.n);
    while (line < this.n) {
      const e = lineEnd(t, line, this.n);
      if (t.charCodeAt(line) === 64 /* @ */ && (e === line + 1 || isBlank(t.charCodeAt(line + 1))))
        return nextLineStart(t, e, this.n);
      line = nextLineStart(t, e, this.n);
    }
    return this.n;
  }

  /** `\verb` (or `\verb*`) with its delimiter, ending at the next delimiter on the line. */
  private skipVerb(j: number): number {
    const t = this.t;
    if (t.charCodeAt(j) === 42 /* * */) j++;
    if (j >= this.n) return j;
    const delim = t[j];
    const end = lineEnd(t, j, this.n);
    if (j >= end) return j;
    const close = t.indexOf(delim, j + 1);
    return close < 0 || close >= end ? end : close + 1;
  }

  /** After `\iffalse`: skip to just after the matching `\fi` (nested `\if…` counted). */
  private skipIffalse(j: number): number {
    const t = this.t;
    let depth = 1;
    while (j < this.n) {
      const c = t.charCodeAt(j);
      if (c === 37) {
        j = lineEnd(t, j, this.n);
        continue;
      }
      if (c !== 92) {
        j++;
        continue;
      }
      let k = j + 1;
      while (k < this.n && isLetter(t.charCodeAt(k))) k++;
      if (k === j + 1) {
        j += 2;
        continue;
      }
      const name = t.slice(j + 1, k);
      if (name === 'fi') {
        if (--depth === 0) return k;
      } else if (TEX_CONDITIONALS.has(name)) depth++;
      j = k;
    }
    return -1;
  }

  private skipVerbatim(open: number, name: string, bodyStart: number): number {
    const endTag = `\\end{${name}}`;
    const at = this.t.indexOf(endTag, bodyStart);
    if (at < 0) {
      this.out.problem(
        open,
        bodyStart,
        'syntax',
        `the ${name} environment opened here is never closed: add ${endTag}`,
      );
      return this.n;
    }
    return at + endTag.length;
  }

  /** `{name}` after `\begin`/`\end` (spaces allowed before it). */
  private braceArg(j: number): { name: string; end: number } | null {
    const t = this.t;
    while (j < this.n && isBlank(t.charCodeAt(j))) j++;
    if (t.charCodeAt(j) !== 123 /* { */) return null;
    let close = j + 1;
    while (close < this.n && close - j <= 64 && t.charCodeAt(close) !== 125) close++;
    if (t.charCodeAt(close) !== 125) return null;
    const name = t.slice(j + 1, close).trim();
    if (!/^[A-Za-z]+\*?$/.test(name)) return null;
    return { name, end: close + 1 };
  }

  /** A math environment opened at `open`; its body starts at `bodyStart`. */
  private environment(open: number, name: string, base: string, bodyStart: number): number {
    const t = this.t;
    let s = bodyStart;
    if (base === 'alignat' || base === 'IEEEeqnarray') {
      // `\begin{alignat}{2}`, `\begin{IEEEeqnarray}[\IEEEeqnarraystrutmode]{rCl}`: the column
      // count or specification (and IEEEeqnarray's optional settings) is not math.
      let j = s;
      while (j < this.n && isBlank(t.charCodeAt(j))) j++;
      if (base === 'IEEEeqnarray' && t.charCodeAt(j) === 91 /* [ */) {
        const close = t.indexOf(']', j);
        if (close > 0 && close - j < 200) j = close + 1;
        s = j;
        while (j < this.n && isBlank(t.charCodeAt(j))) j++;
      }
      if (t.charCodeAt(j) === 123) {
        const close = t.indexOf('}', j);
        if (close > 0 && close - j < 16) s = close + 1;
      }
    }
    const endTag = `\\end{${name}}`;
    const comments: [number, number][] = [];
    let j = s < (this.failedUntil.get(endTag) ?? -1) ? this.n : s;
    let close = -1;
    let closeEnd = -1;
    while (j < this.n) {
      const c = t.charCodeAt(j);
      if (c === 92) {
        // `\end{equation}`, also written `\end {equation}` (TeX allows the space).
        const arg = t.startsWith('\\end', j) ? this.braceArg(j + 4) : null;
        if (arg && arg.name === name) {
          close = j;
          closeEnd = arg.end;
          break;
        }
        j += 2;
      } else if (c === 37) {
        const e = lineEnd(t, j, this.n);
        comments.push([j, e]);
        j = e;
      } else j++;
    }
    if (close < 0) {
      this.failedUntil.set(endTag, this.n);
      this.out.problem(
        open,
        bodyStart,
        'unclosed-math',
        `the ${name} environment opened here is never closed: add ${endTag}`,
      );
      return bodyStart;
    }
    const display = base !== 'math';
    const parent = this.block();
    this.out.math({
      start: s,
      end: close,
      outerStart: open,
      outerEnd: closeEnd,
      text: blankRanges(t, s, close, comments),
      display,
      env: name,
      block: display ? this.out.newBlock() : parent,
      parentBlock: display ? parent : undefined,
    });
    return closeEnd;
  }

  /** `$`, `$$`, `\(` or `\[` at `open` (delimiter of length `len`). Returns where to continue. */
  private delimited(open: number, len: number, closer: Closer): number {
    const t = this.t;
    const s = open + len;
    const comments: [number, number][] = [];
    let depth = 0;
    let close = -1;
    let anyDepth = -1; // first single `$` closer regardless of brace depth (fallback)
    const stop = this.failedUntil.get(closer) ?? -1;
    let j = Math.max(s, stop);
    let gaveUp = false;
    while (j < this.n) {
      const c = t.charCodeAt(j);
      if (c === 92) {
        const n1 = t.charCodeAt(j + 1);
        if ((closer === '\\)' && n1 === 41) || (closer === '\\]' && n1 === 93)) {
          close = j;
          break;
        }
        j += 2;
        continue;
      }
      if (c === 37) {
        const e = lineEnd(t, j, this.n);
        comments.push([j, e]);
        j = e;
        continue;
      }
      if (c === 10 || c === 13) {
        // Math cannot run past a blank line.
        let k = nextLineStart(t, j, this.n);
        while (k < this.n && isBlank(t.charCodeAt(k))) k++;
        if (k >= this.n || t.charCodeAt(k) === 10 || t.charCodeAt(k) === 13) {
          gaveUp = true;
          break;
        }
        j++;
        continue;
      }
      if (c === 123) depth++;
      else if (c === 125) depth = Math.max(0, depth - 1);
      else if (c === 36) {
        if (closer === '$$') {
          if (t.charCodeAt(j + 1) === 36) {
            close = j;
            break;
          }
        } else if (closer === '$') {
          if (anyDepth < 0) anyDepth = j;
          if (depth === 0) {
            close = j;
            break;
          }
        }
      }
      j++;
    }
    if (close < 0 && closer === '$' && anyDepth >= 0) close = anyDepth;
    if (close < 0) {
      this.failedUntil.set(closer, gaveUp ? j : this.n);
      const what = closer === '$' ? 'inline math' : closer === '\\)' ? 'inline math' : 'display math';
      this.out.problem(
        open,
        s,
        'unclosed-math',
        `${what} opened here is never closed: add a closing ${closer} (math cannot run past a blank line)`,
      );
      return s;
    }
    const display = closer === '$$' || closer === '\\]';
    const parent = this.block();
    this.out.math({
      start: s,
      end: close,
      outerStart: open,
      outerEnd: close + closer.length,
      text: blankRanges(
        t,
        s,
        close,
        comments.filter(([a]) => a < close),
      ),
      display,
      block: display ? this.out.newBlock() : parent,
      parentBlock: display ? parent : undefined,
    });
    return close + closer.length;
  }
}

/** The `}` that closes the `{` at `open` (braces nested, `\{` and `\}` skipped), or -1. */
function closingBrace(t: string, open: number): number {
  let depth = 0;
  for (let k = open; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return k;
  }
  return -1;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The slice `[a, b)` with the given ranges (comments) replaced by spaces. */
function blankRanges(t: string, a: number, b: number, ranges: [number, number][]): string {
  if (ranges.length === 0) return t.slice(a, b);
  let out = '';
  let at = a;
  for (const [s, e0] of ranges) {
    const e = Math.min(e0, b);
    if (s < at || s >= b) continue;
    out += t.slice(at, s) + ' '.repeat(e - s);
    at = e;
  }
  return out + t.slice(at, b);
}

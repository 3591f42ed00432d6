// Offset ↔ (line, column) conversion. Lines end at `\n`, `\r\n` or a lone `\r` (as in LSP);
// columns count UTF-16 code units, both 0-based.

export interface LineColumn {
  line: number;
  column: number;
}

export class LineIndex {
  private readonly starts: number[];
  private readonly length: number;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset → 0-based line and UTF-16 column. Offsets outside the text are clamped. */
  position(offset: number): LineColumn {
    const off = clamp(Math.floor(Number.isFinite(offset) ? offset : 0), 0, this.length);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: off - this.starts[lo] };
  }

  /** 0-based line and column → offset. The column is clamped to the line's content. */
  offset(line: number, column: number): number {
    if (!Number.isFinite(line) || line < 0) return 0;
    if (line >= this.starts.length) return this.length;
    const start = this.starts[line];
    const end = this.lineContentEnd(line);
    const col = Number.isFinite(column) ? Math.floor(column) : 0;
    return clamp(start + col, start, end);
  }

  /** Offset of the end of a line's content (before its line terminator). */
  lineContentEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.length;
    let end = this.starts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : Math.min(x, hi);
}

// What the editors show of each document, told to the server (`derivcheck/visibleRanges`), which
// checks and publishes those lines first when a document is opened or changed a lot. No `vscode`
// import: extension.ts hands in the editors as plain data, so the unit tests drive this directly.
import type { VisibleRangesParams } from '../../server/src/lsp/protocol';

/** One editor: its document and the lines it shows (zero-based, `end` inclusive). */
export interface ShownEditor {
  uri: string;
  ranges: { start: number; end: number }[];
}

/** A scroll sends once, this long after it stops; a newly shown editor is sent at once. */
export const SCROLL_PAUSE_MS = 100;

export class VisibleRangesReporter {
  /** What the server was last told, per document (JSON of the ranges). */
  private readonly told = new Map<string, string>();
  private latest: ShownEditor[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (p: VisibleRangesParams) => void,
    private readonly pauseMs = SCROLL_PAUSE_MS,
  ) {}

  /** The editors shown now; `scrolled`: sent after a pause (a scroll is many events). */
  update(editors: ShownEditor[], scrolled = false): void {
    this.latest = editors;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (scrolled) this.timer = setTimeout(() => this.flush(), this.pauseMs);
    else this.flush();
  }

  /** Tells the server what changed since it was last told; a document no longer shown, none. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = new Map<string, { start: number; end: number }[]>();
    for (const e of this.latest) now.set(e.uri, [...(now.get(e.uri) ?? []), ...e.ranges]);
    for (const uri of this.told.keys()) if (!now.has(uri)) now.set(uri, []);
    for (const [uri, ranges] of now) {
      const lines = joined(ranges);
      const json = JSON.stringify(lines);
      if (this.told.get(uri) === json) continue;
      if (lines.length === 0) this.told.delete(uri);
      else this.told.set(uri, json);
      this.send({ uri, ranges: lines });
    }
  }

  /** A new server knows nothing: tell it everything again. */
  reset(): void {
    this.told.clear();
    this.flush();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/** Ranges of lines in order, overlapping or adjacent ones joined (two editors on one document). */
function joined(ranges: { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

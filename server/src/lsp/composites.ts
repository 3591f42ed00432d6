// A check of a composite (the Markdown cells of a notebook, a LaTeX file read within its
// project) serves documents that are each one part of it. The editor features work on the
// composite text; this module moves positions and ranges between a part's own document (a
// cell, an included file) and the composite, so every feature answers in the document asked.
import type {
  CodeAction,
  CodeLens,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InlayHint,
  Location,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver';
import { LineIndex } from '../document/lineIndex';
import { fileOffset, locate, toComposite } from '../document/composite';
import type { Composite } from '../document/composite';
import type { Checked } from './documentChecks';
import { offsetIn, positionIn, toOffset, toPosition } from './positions';
import type { ClaimsLensArgs } from './protocol';
import { uriKey } from './workspace';

export class CompositeMap {
  private readonly lines = new Map<number, LineIndex>();
  private readonly fileLines = new Map<number, LineIndex>();

  constructor(
    readonly checked: Checked,
    readonly composite: Composite,
  ) {}

  /** The part whose document is `uri`, or -1. */
  partOf(uri: string): number {
    const key = uriKey(uri);
    const file = this.composite.files.findIndex((f) => uriKey(f.path) === key);
    return file < 0 ? -1 : this.composite.parts.findIndex((p) => p.file === file);
  }

  uriOfPart(part: number): string {
    return this.composite.files[this.composite.parts[part].file].path;
  }

  /** A position in a part's document → a composite offset (null: that text is not in the composite). */
  toOffset(part: number, pos: Position): number | null {
    const local = offsetIn(this.index(part), pos);
    return toComposite(this.composite, part, local);
  }

  /** A composite offset → the part it is in and the position there. */
  fromOffset(offset: number): { part: number; uri: string; position: Position } {
    if (this.composite.parts.length === 0)
      return {
        part: -1,
        uri: this.composite.files[0]?.path ?? this.checked.uri,
        position: { line: 0, character: 0 },
      };
    const at = locate(this.composite, offset);
    return { part: at.part, uri: this.uriOfPart(at.part), position: this.localPosition(at.part, at.offset) };
  }

  /** A composite range → the range in the part where it starts (clamped to that part). */
  fromRange(range: Range): { part: number; uri: string; range: Range } {
    const a = toOffset(this.checked.doc, range.start);
    const b = toOffset(this.checked.doc, range.end);
    const s = this.fromOffset(a);
    const e = this.fromOffset(b);
    const end = e.part === s.part || s.part < 0 ? e.position : this.endOf(s.part);
    return { part: s.part, uri: s.uri, range: { start: s.position, end } };
  }

  /** A range of a part's document → the composite range (null when it is not in the composite). */
  toRange(part: number, range: Range): Range | null {
    const a = this.toOffset(part, range.start);
    const b = this.toOffset(part, range.end);
    if (a === null || b === null) return null;
    return { start: toPosition(this.checked.doc, a), end: toPosition(this.checked.doc, b) };
  }

  private endOf(part: number): Position {
    const text = this.composite.parts[part].text;
    return this.localPosition(part, text.length);
  }

  /** Where a part's offset is in its document: a notebook read from disk is its JSON. */
  private localPosition(part: number, local: number): Position {
    const p = this.composite.parts[part];
    if (!p.raw) return positionIn(this.index(part), local);
    let li = this.fileLines.get(p.file);
    if (!li) this.fileLines.set(p.file, (li = new LineIndex(this.composite.files[p.file].text)));
    return positionIn(li, fileOffset(this.composite, part, local));
  }

  private index(part: number): LineIndex {
    let li = this.lines.get(part);
    if (!li) this.lines.set(part, (li = new LineIndex(this.composite.parts[part]?.text ?? '')));
    return li;
  }

  // ── features ───────────────────────────────────────────────────────────────────────────

  /** Diagnostics of the composite, by the document they belong to (only documents in focus). */
  diagnostics(all: Diagnostic[]): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>();
    const focus = this.composite.focus;
    this.composite.files.forEach((f, i) => {
      if (!focus || focus.includes(i)) out.set(f.path, []);
    });
    for (const d of all) {
      const m = this.fromRange(d.range);
      const list = out.get(m.uri);
      if (!list) continue;
      const moved: Diagnostic = { ...d, range: m.range };
      if (d.relatedInformation)
        moved.relatedInformation = d.relatedInformation.map((r) => ({
          ...r,
          location: this.location(r.location),
        }));
      list.push(moved);
    }
    return out;
  }

  location(loc: Location): Location {
    if (uriKey(loc.uri) !== uriKey(this.checked.uri)) return loc;
    const m = this.fromRange(loc.range);
    return { uri: m.uri, range: m.range };
  }

  /** A place named for a reader: the line, with the cell or the file when it is another part. */
  placeName(offset: number, from: number): string {
    if (this.composite.parts.length === 0) return 'line 1';
    const at = this.fromOffset(offset);
    const p = this.composite.parts[at.part];
    const line = `line ${at.position.line + 1}`;
    if (at.part === from) return line;
    // The editor may send only the Markdown cells, so a cell's number here is not the one shown.
    if (p.cell !== undefined) return `${at.part < from ? 'an earlier' : 'a later'} cell, ${line}`;
    const path = this.composite.files[p.file].path;
    return `${decodeURIComponent(path.slice(path.lastIndexOf('/') + 1))}, ${line}`;
  }

  hover(h: Hover | null, part: number): Hover | null {
    if (!h) return null;
    if (!h.range) return h;
    const m = this.fromRange(h.range);
    return m.part === part ? { ...h, range: m.range } : { contents: h.contents };
  }

  codeLenses(lenses: CodeLens[], part: number): CodeLens[] {
    const out: CodeLens[] = [];
    for (const lens of lenses) {
      const m = this.fromRange(lens.range);
      if (m.part !== part) continue;
      const moved: CodeLens = { ...lens, range: m.range };
      const args = lens.command?.arguments?.[0] as ClaimsLensArgs | undefined;
      if (lens.command && args && Array.isArray(args.claims)) {
        const claims = args.claims.map((c) => {
          const at = this.fromOffset(toOffset(this.checked.doc, { line: c.line, character: c.character }));
          return { ...c, line: at.position.line, character: at.position.character };
        });
        moved.command = { ...lens.command, arguments: [{ ...args, uri: m.uri, claims }] };
      }
      out.push(moved);
    }
    return out;
  }

  symbols(symbols: DocumentSymbol[], part: number): DocumentSymbol[] {
    return symbols.flatMap((s) => {
      const r = this.fromRange(s.range);
      if (r.part !== part) return [];
      const sel = this.fromRange(s.selectionRange);
      return [{ ...s, range: r.range, selectionRange: sel.part === part ? sel.range : r.range }];
    });
  }

  inlayHints(hints: InlayHint[], part: number): InlayHint[] {
    return hints.flatMap((h) => {
      const at = this.fromOffset(toOffset(this.checked.doc, h.position));
      return at.part === part ? [{ ...h, position: at.position }] : [];
    });
  }

  /** Code actions: their edits move to the documents they fall in. */
  codeActions(actions: CodeAction[]): CodeAction[] {
    return actions.map((a) => {
      const changes = a.edit?.changes?.[this.checked.uri];
      if (!a.edit || !changes) return a;
      const moved: Record<string, TextEdit[]> = {};
      for (const e of changes) {
        const m = this.fromRange(e.range);
        (moved[m.uri] ??= []).push({ ...e, range: m.range });
      }
      const diagnostics = a.diagnostics?.map((d) => ({ ...d, range: this.fromRange(d.range).range }));
      return { ...a, ...(diagnostics ? { diagnostics } : {}), edit: { ...a.edit, changes: moved } };
    });
  }
}

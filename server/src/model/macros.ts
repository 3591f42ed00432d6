// The document's macros for the model: definitions collected from where the document's
// renderer reads them — a LaTeX file's whole text (preamble, body, included files), a Markdown
// document's math (MathJax and KaTeX keep a macro defined in one math block for the rest of the
// page; MyST's front matter `math:`) — and each math span parsed with them expanded.
import { perItem, perText } from '../document/itemReadings';
import type { DocItem, ReadResult } from '../document/types';
import type { ParseCache } from '../math/cache';
import {
  MacroBook,
  type MacroDefinition,
  type MacroProblem,
  readDefinitions,
} from '../math/macroDefinitions';
import { expandMacros, remapParsed } from '../math/macroExpansion';
import { parseMath, type ParseOptions } from '../math/parser';
import { frontMatterMacros } from './frontMatterMacros';
import type { ParsedMath } from '../math/tree';

export class DocumentMacros {
  readonly problems: MacroProblem[] = [];
  private readonly reported = new Set<number>();

  constructor(readonly book: MacroBook) {}

  /** The span's statements with the macros in force at each use expanded. */
  parse(text: string, start: number, options: ParseOptions, parses?: ParseCache): ParsedMath {
    const parse = (t: string, base: number, o: ParseOptions) =>
      parses ? parses.parse(t, base, o) : parseMath(t, base, o);
    const x = expandMacros(text, start, this.book);
    if (!x) return parse(text, start, options);
    for (const p of x.problems) this.report(p);
    return remapParsed(parse(x.text, 0, { ...options, unexpanded: x.unexpanded, expanded: true }), x);
  }

  report(p: MacroProblem): void {
    if (this.reported.has(p.start)) return;
    this.reported.add(p.start);
    this.problems.push(p);
  }
}

/**
 * A span's definitions, kept per item (document/itemReadings.ts): every build reads every span,
 * and a kept item has the offsets its definitions were read at. Null for a span that defines nothing.
 */
const definitionsAt = perItem((item) => {
  const r = readDefinitions(item.text, item.start);
  return r.definitions.length > 0 || r.problems.length > 0 ? r : null;
});
/** Whether a text defines a macro or holds a malformed definition: per text, so moved spans share it. */
const definesAny = perText((text) => {
  if (!text.includes('\\')) return false;
  const r = readDefinitions(text, 0);
  return r.definitions.length > 0 || r.problems.length > 0;
});
const spanDefinitions = (item: DocItem) =>
  item.kind === 'math' && definesAny(item.text) ? definitionsAt(item) : null;

export function documentMacros(read: ReadResult, source: string): DocumentMacros {
  const definitions: MacroDefinition[] = [];
  const problems: MacroProblem[] = [];
  // Indexed loops: asked of every span on every edit, where most spans define nothing.
  const take = (r: ReturnType<typeof readDefinitions>) => {
    for (let k = 0; k < r.definitions.length; k++) definitions.push(r.definitions[k]);
    for (let k = 0; k < r.problems.length; k++) problems.push(r.problems[k]);
  };
  if (read.kind === 'latex') take(readDefinitions(source, 0));
  else definitions.push(...frontMatterMacros(source));
  if (read.kind === 'markdown')
    for (const item of read.items) {
      const r = spanDefinitions(item);
      if (r) take(r);
    }
  const macros = new DocumentMacros(new MacroBook(definitions, problems));
  for (const p of problems) macros.report(p);
  return macros;
}

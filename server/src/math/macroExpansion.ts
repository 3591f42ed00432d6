// Expands the document's macros in a math span before it is parsed, remembering for every
// character of the expanded text the document range it came from: a character of an argument
// keeps its own place, a character a macro body produced takes the range of the macro's use. The
// parse of the expanded text is then moved back onto the author's text, so a claim written inside
// a macro argument is reported on the author's characters.
import { closingBracket, type MacroBook, type MacroDefinition, type MacroProblem } from './macroDefinitions';
import type { ParsedMath } from './tree';

/** Stands for a use of a macro that is not expanded; the parser reads it as an error with the reason. */
export const UNEXPANDED = '\\derivcheckUnexpanded';

/** Expansions nested deeper than this, or output beyond OUTPUT_LIMIT, are runaway definitions. */
const DEPTH_LIMIT = 32;
const OUTPUT_LIMIT = 200_000;
/** Expansions of one span: bodies that expand to nothing can multiply without growing the output. */
const STEP_LIMIT = 50_000;

export interface Expansion {
  text: string;
  /** For character k of `text`: the document range [from[k], to[k]) it came from. */
  from: number[];
  to: number[];
  /** Offsets in `text` of UNEXPANDED placeholders, with the reason the use was not expanded. */
  unexpanded: Map<number, string>;
  /** Problems at definitions (a definition that expands without end). */
  problems: MacroProblem[];
}

/** Text with the document range of each character. */
class Traced {
  text = '';
  from: number[] = [];
  to: number[] = [];

  push(text: string, from: number, to: number): void {
    this.text += text;
    for (let k = 0; k < text.length; k++) {
      this.from.push(from);
      this.to.push(to);
    }
  }

  truncate(length: number): void {
    this.text = this.text.slice(0, length);
    this.from.length = length;
    this.to.length = length;
  }

  pushFrom(src: Traced, a: number, b: number): void {
    this.text += src.text.slice(a, b);
    for (let k = a; k < b; k++) {
      this.from.push(src.from[k]);
      this.to.push(src.to[k]);
    }
  }
}

const isLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

/**
 * The span `text` at document offset `base` with the book's macros expanded and the
 * definitions it holds removed, or null when it uses no macro and defines none.
 */
export function expandMacros(text: string, base: number, book: MacroBook): Expansion | null {
  if (book.empty) return null;
  const input = new Traced();
  for (let k = 0; k < text.length; k++) {
    input.text += text[k];
    input.from.push(base + k);
    input.to.push(base + k + 1);
  }
  const run = new Run(book);
  run.expand(input, 0, run.out);
  return run.changed
    ? {
        text: run.out.text,
        from: run.out.from,
        to: run.out.to,
        unexpanded: run.unexpanded,
        problems: run.problems,
      }
    : null;
}

class Run {
  out = new Traced();
  unexpanded = new Map<number, string>();
  problems: MacroProblem[] = [];
  changed = false;
  private runaway = false;
  private steps = 0;

  constructor(private readonly book: MacroBook) {}

  expand(input: Traced, depth: number, out: Traced): void {
    const t = input.text;
    let i = 0;
    while (i < t.length) {
      const c = t[i];
      if (c === '%') {
        const j = t.indexOf('\n', i);
        const end = j < 0 ? t.length : j;
        out.pushFrom(input, i, end);
        i = end;
        continue;
      }
      if (c !== '\\' || i + 1 >= t.length) {
        out.pushFrom(input, i, i + 1);
        i++;
        continue;
      }
      let j = i + 1;
      if (isLetter(t[j])) while (isLetter(t[j])) j++;
      else j++;
      const name = t.slice(i, j);
      const at = input.from[i];
      const definitionEnd = depth === 0 ? this.book.definitionEndingAt(at) : -1;
      if (definitionEnd >= 0) {
        // A definition is not math: it leaves a space behind.
        this.changed = true;
        let k = i;
        while (k < t.length && input.from[k] < definitionEnd) k++;
        out.push(' ', at, at + 1);
        i = k;
        continue;
      }
      const def = this.book.lookup(name, at);
      if (!def) {
        const later = this.book.later(name, at);
        if (later?.fresh) {
          this.opaque(
            out,
            `${name} is used before its definition further down; TeX reads a macro only after it ` +
              `is defined: move the definition above this line`,
            at,
            input.to[j - 1],
          );
        } else out.pushFrom(input, i, j);
        i = j;
        continue;
      }
      this.changed = true;
      if (def.unsupported) {
        this.opaque(out, def.unsupported, at, input.to[j - 1]);
        i = j;
        continue;
      }
      const call = readArguments(input, j, def);
      const callEnd = input.to[call.end - 1];
      if (call.args === null) {
        this.opaque(
          out,
          `${name} takes ${def.params} argument${def.params === 1 ? '' : 's'} and ${call.missing}; ` +
            `write them in braces after ${name}`,
          at,
          callEnd,
        );
        i = call.end;
        continue;
      }
      if (
        depth >= DEPTH_LIMIT ||
        out.text.length > OUTPUT_LIMIT ||
        ++this.steps > STEP_LIMIT ||
        this.runaway
      ) {
        this.runaway = true;
        this.reportRunaway(def);
        this.opaque(out, this.runawayReason(name), at, callEnd);
        i = call.end;
        continue;
      }
      const body = substitute(def, call.args, at, callEnd);
      const mark = out.text.length;
      this.expand(body, depth + 1, out);
      if (depth === 0 && this.runaway) {
        // A runaway leaves no half-expanded text behind: the whole use stands unexpanded.
        out.truncate(mark);
        for (const k of [...this.unexpanded.keys()]) if (k >= mark) this.unexpanded.delete(k);
        this.opaque(out, this.runawayReason(name), at, callEnd);
        this.runaway = false;
        this.steps = 0;
      }
      // `\R x` must not become `\mathbb{R}x` glued to a control word: keep a space after it.
      if (isLetter(t[call.end])) out.push(' ', callEnd - 1, callEnd);
      i = call.end;
    }
  }

  private opaque(out: Traced, reason: string, from: number, to: number): void {
    this.changed = true;
    out.push(' ', from, to);
    this.unexpanded.set(out.text.length, reason);
    out.push(UNEXPANDED, from, to);
    out.push(' ', from, to);
  }

  private runawayReason(name: string): string {
    return (
      `${name} is not expanded: its expansion does not end (a definition uses itself, ` +
      `directly or through other macros); fix the definition`
    );
  }

  private reportRunaway(def: MacroDefinition): void {
    if (this.problems.some((p) => p.start === def.start)) return;
    this.problems.push({
      start: def.start,
      end: def.end,
      message:
        `${def.name} expands without end: its body uses ${def.name} again (directly or through ` +
        `other macros); derivcheck stops after ${DEPTH_LIMIT} nested expansions and leaves its uses ` +
        'unchecked',
    });
  }
}

/** The arguments of a use of `def` whose name ends at `i`, or why they are missing. */
function readArguments(
  input: Traced,
  i: number,
  def: MacroDefinition,
): { args: Traced[] | null; end: number; missing?: string } {
  const t = input.text;
  const args: Traced[] = [];
  const slice = (a: number, b: number) => {
    const s = new Traced();
    s.pushFrom(input, a, b);
    return s;
  };
  const skipSpaces = () => {
    while (i < t.length && /\s/.test(t[i])) i++;
  };
  let k = 0;
  if (def.starred && t[i] === '*') i++;
  if (def.optional !== null) {
    skipSpaces();
    const close = t[i] === '[' ? closingBracket(t, i, '[', ']') : -1;
    if (close >= 0) {
      args.push(slice(i + 1, close));
      i = close + 1;
    } else {
      const d = new Traced();
      d.push(def.optional, input.from[i - 1], input.to[i - 1]);
      args.push(d);
    }
    k = 1;
  }
  for (; k < def.params; k++) {
    skipSpaces();
    if (i >= t.length || t[i] === '}' || t[i] === '&')
      return { args: null, end: i, missing: `only ${k} ${k === 1 ? 'follows' : 'follow'}` };
    if (t[i] === '{') {
      const close = closingBracket(t, i, '{', '}');
      if (close < 0) return { args: null, end: t.length, missing: 'an argument is not closed' };
      args.push(slice(i + 1, close));
      i = close + 1;
    } else if (t[i] === '\\') {
      let j = i + 1;
      if (isLetter(t[j])) while (isLetter(t[j])) j++;
      else j++;
      args.push(slice(i, j));
      i = j;
    } else {
      const n = String.fromCodePoint(t.codePointAt(i)!).length;
      args.push(slice(i, i + n));
      i += n;
    }
  }
  return { args, end: i };
}

/** The body with `#n` replaced by argument n (which keeps its own places); the rest at the call. */
function substitute(def: MacroDefinition, args: Traced[], from: number, to: number): Traced {
  const out = new Traced();
  const b = def.body;
  for (let k = 0; k < b.length; k++) {
    if (b[k] === '#' && b[k + 1] === '#') {
      out.push('#', from, to);
      k++;
    } else if (b[k] === '#' && /[1-9]/.test(b[k + 1] ?? '')) {
      // TeX substitutes the argument's tokens as they are: `#1^2` applied to `a+b` sets a + b².
      const arg = args[Number(b[k + 1]) - 1];
      if (arg) out.pushFrom(arg, 0, arg.text.length);
      k++;
    } else out.push(b[k], from, to);
  }
  return out;
}

/**
 * Moves every range of a parse of the expanded text back onto the document: a node covers the
 * document characters its own characters came from.
 */
export function remapParsed(parsed: ParsedMath, x: Expansion): ParsedMath {
  return remap(parsed, x) as ParsedMath;
}

function remap(value: unknown, x: Expansion): unknown {
  if (Array.isArray(value)) return value.map((v) => (v !== null && typeof v === 'object' ? remap(v, x) : v));
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const v = o[k];
    out[k] = v !== null && typeof v === 'object' ? remap(v, x) : v;
  }
  if (typeof o.start === 'number' && typeof o.end === 'number') {
    const [start, end] = documentRange(o.start, o.end, x);
    out.start = start;
    out.end = end;
  }
  return out;
}

function documentRange(s: number, e: number, x: Expansion): [number, number] {
  const n = x.text.length;
  if (n === 0) return [0, 0];
  if (e <= s) {
    const p = s < n ? x.from[s] : x.to[n - 1];
    return [p, p];
  }
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (let k = Math.max(0, s); k < Math.min(e, n); k++) {
    if (/\s/.test(x.text[k])) continue;
    if (x.from[k] < from) from = x.from[k];
    if (x.to[k] > to) to = x.to[k];
  }
  if (from > to) return [x.from[Math.min(s, n - 1)], x.to[Math.min(e, n) - 1]];
  return [from, to];
}

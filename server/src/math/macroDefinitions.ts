// The document's own macros: `\newcommand`, `\renewcommand`, `\providecommand`, `\def`,
// `\DeclareMathOperator` and `\let`, read from text with their offsets. A definition holds from
// its end onward, as in TeX, so a macro used before its definition is not expanded. What cannot
// be expanded faithfully (a `\def` with delimited parameters) is kept with the reason, so that a
// use of it is unchecked with that reason instead of being misread.

export interface MacroDefinition {
  /** The control sequence, backslash included: `\R`, `\norm`. */
  name: string;
  /** Number of parameters, 0–9. */
  params: number;
  /** `\newcommand{\f}[2][1]{…}`: the default of the optional first parameter. */
  optional: string | null;
  body: string;
  /** The whole definition's offsets, from its backslash to its closing brace. */
  start: number;
  end: number;
  /** Made by a command that introduces a new name (`\newcommand`), not one that redefines. */
  fresh: boolean;
  /** Why uses of this macro are not expanded, or undefined when they are. */
  unsupported?: string;
  /** A `*` right after the name is part of the use and dropped (`\norm*{x}` of mathtools). */
  starred?: boolean;
}

export interface MacroProblem {
  start: number;
  end: number;
  message: string;
}

/** Where a definition command was seen: the definition read, or why it could not be read. */
interface Read {
  definition: MacroDefinition | null;
  end: number;
  problem?: string;
}

const DEFINERS =
  /\\(newcommand|renewcommand|providecommand|DeclareRobustCommand|DeclareMathOperator|DeclarePairedDelimiter(?:XPP|X)?|def|let)(?![A-Za-z])/y;
/** The same anywhere in a text: a text it does not match defines nothing (most spans, every edit). */
const ANY_DEFINER = new RegExp(DEFINERS.source);

/**
 * TeX programming in a body (`\renewcommand{\left}{\mathopen{}\mathclose\bgroup\originalleft}`,
 * `\makeatletter` internals) is typesetting machinery, not notation: such a definition is passed
 * over and the command keeps its usual meaning.
 */
const MACHINERY =
  /\\(?:bgroup|egroup|begingroup|endgroup|aftergroup|expandafter|noexpand|csname|endcsname|if(?!f(?![A-Za-z]))[a-z]*|fi|else|or)(?![A-Za-z])|@/;

const FRESH = new Set([
  'newcommand',
  'providecommand',
  'DeclareMathOperator',
  'DeclarePairedDelimiter',
  'DeclarePairedDelimiterX',
  'DeclarePairedDelimiterXPP',
]);

/** The definitions in `text` (offset `base` in the document), with the commands it could not read. */
export function readDefinitions(
  text: string,
  base: number,
): { definitions: MacroDefinition[]; problems: MacroProblem[] } {
  const definitions: MacroDefinition[] = [];
  const problems: MacroProblem[] = [];
  if (!ANY_DEFINER.test(text)) return { definitions, problems };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '%') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c !== '\\') {
      i++;
      continue;
    }
    DEFINERS.lastIndex = i;
    const m = DEFINERS.exec(text);
    if (!m) {
      i += 2;
      continue;
    }
    const r = readOne(text, i, m[1], m[0].length, definitions);
    if (r.definition && !MACHINERY.test(r.definition.body))
      definitions.push({ ...r.definition, start: base + i, end: base + r.end });
    if (r.problem) problems.push({ start: base + i, end: base + r.end, message: r.problem });
    i = Math.max(r.end, i + m[0].length);
  }
  return { definitions, problems };
}

function readOne(
  text: string,
  at: number,
  command: string,
  length: number,
  earlier: MacroDefinition[],
): Read {
  const src = new Source(text, at + length);
  const fail = (what: string): Read => ({
    definition: null,
    end: src.i,
    problem:
      `could not read this \\${command}: expected ${what}; the macro is not defined ` +
      `(write it as \\newcommand{\\name}[n]{body})`,
  });
  const def = (name: string, params: number, optional: string | null, body: string, why?: string): Read => ({
    definition: {
      name,
      params,
      optional,
      body,
      start: 0,
      end: 0,
      fresh: FRESH.has(command),
      ...(why ? { unsupported: why } : {}),
    },
    end: src.i,
  });
  if (command === 'let') {
    const name = src.controlSequence();
    if (!name) return fail('a control sequence after \\let');
    src.spaces();
    if (src.peek() === '=') src.i++;
    src.spaces();
    const target = src.controlSequence() ?? src.char();
    if (!target) return fail(`a control sequence after \\let${name}`);
    // \let copies the meaning the target has now.
    const copied = latest(earlier, target);
    return copied
      ? def(name, copied.params, copied.optional, copied.body, copied.unsupported)
      : def(name, 0, null, target);
  }
  if (command === 'def') {
    const name = src.controlSequence();
    if (!name) return fail('a control sequence after \\def');
    const paramText = src.until('{');
    if (paramText === null) return fail(`the body of ${name} in braces`);
    const body = src.group();
    if (body === null) return fail(`the body of ${name} in braces`);
    const plain = /^(?:#[1-9])*$/.exec(paramText.replace(/\s+/g, ''));
    const count = plain ? paramText.replace(/\s+/g, '').length / 2 : 0;
    if (plain && [...paramText.matchAll(/#([1-9])/g)].every((p, k) => Number(p[1]) === k + 1))
      return def(name, count, null, body);
    return def(
      name,
      0,
      null,
      body,
      `${name} is defined with \\def and delimited parameters (${paramText.trim()}), which derivcheck ` +
        `does not expand; define it with \\newcommand{${name}}[n]{…} to have it read`,
    );
  }
  const star = src.peek() === '*';
  if (star) src.i++;
  src.spaces();
  const name = src.peek() === '{' ? src.groupName() : src.controlSequence();
  if (!name) return fail('the macro name, as {\\name} or \\name');
  if (command.startsWith('DeclarePairedDelimiter')) {
    const paired = readPairedDelimiter(src, command, name);
    if (typeof paired === 'string') return fail(paired);
    const read = def(name, paired.params, '', paired.body);
    return { ...read, definition: { ...read.definition!, starred: true } };
  }
  if (command === 'DeclareMathOperator') {
    src.spaces();
    const shown = src.group();
    if (shown === null) return fail(`the operator's name in braces after ${name}`);
    return def(name, 0, null, `\\operatorname${star ? '*' : ''}{${shown}}`);
  }
  src.spaces();
  let params = 0;
  let optional: string | null = null;
  if (src.peek() === '[') {
    const n = src.bracket();
    if (n === null || !/^\s*[0-9]\s*$/.test(n)) return fail('a number of parameters 0–9 in [ ]');
    params = Number(n);
    src.spaces();
    if (src.peek() === '[') {
      optional = src.bracket();
      if (optional === null) return fail('the default value, closed by ]');
      if (params === 0) return fail('at least one parameter when a default value is given');
    }
  }
  src.spaces();
  const body = src.peek() === '{' ? src.group() : (src.controlSequence() ?? src.char());
  if (body === null) return fail(`the body of ${name} in braces`);
  if (command === 'providecommand' && latest(earlier, name)) return { definition: null, end: src.i };
  return def(name, params, optional, body);
}

/**
 * mathtools' `\DeclarePairedDelimiter{\norm}{\lVert}{\rVert}`: `\norm{x}`, `\norm*{x}` and
 * `\norm[\big]{x}` are the content between the two delimiters, whatever their size. The X forms
 * take a parameter count and a body between the delimiters (`\DeclarePairedDelimiterX{\ip}[2]
 * {\langle}{\rangle}{#1, #2}`), XPP also text before and after. The size is the optional first
 * parameter, so the body's own parameters move up by one.
 */
function readPairedDelimiter(
  src: Source,
  command: string,
  name: string,
): { params: number; body: string } | string {
  let params = 1;
  if (command !== 'DeclarePairedDelimiter') {
    src.spaces();
    const n = src.peek() === '[' ? src.bracket() : null;
    if (n === null || !/^\s*[0-9]\s*$/.test(n)) return `a number of parameters 0–9 in [ ] after ${name}`;
    params = Number(n);
  }
  const parts: string[] = [];
  const count = command === 'DeclarePairedDelimiter' ? 2 : command === 'DeclarePairedDelimiterX' ? 3 : 5;
  for (let k = 0; k < count; k++) {
    src.spaces();
    const g = src.group();
    if (g === null)
      return `${count} groups in braces after ${name} (delimiters${count > 2 ? ' and body' : ''})`;
    parts.push(g);
  }
  const shift = (b: string) => b.replace(/#([1-9])/g, (_, d: string) => `#${Number(d) + 1}`);
  const [pre, left, right, post, inner] =
    count === 2
      ? ['', parts[0], parts[1], '', '#1']
      : count === 3
        ? ['', parts[0], parts[1], '', parts[2]]
        : [parts[0], parts[1], parts[2], parts[3], parts[4]];
  return { params: params + 1, body: `${pre}\\left${left} ${shift(inner)} \\right${right}${post}` };
}

function latest(definitions: MacroDefinition[], name: string): MacroDefinition | undefined {
  for (let k = definitions.length - 1; k >= 0; k--) if (definitions[k].name === name) return definitions[k];
  return undefined;
}

/** A cursor over TeX source: control sequences, balanced groups, brackets. */
export class Source {
  constructor(
    readonly text: string,
    public i: number,
  ) {}

  peek(): string | undefined {
    return this.text[this.i];
  }

  spaces(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
  }

  /** `\name` (letters) or `\x` (one other character), after optional spaces. */
  controlSequence(): string | null {
    this.spaces();
    if (this.text[this.i] !== '\\' || this.i + 1 >= this.text.length) return null;
    let j = this.i + 1;
    if (/[A-Za-z]/.test(this.text[j])) while (j < this.text.length && /[A-Za-z]/.test(this.text[j])) j++;
    else j++;
    const cs = this.text.slice(this.i, j);
    this.i = j;
    return cs;
  }

  /** One character (a whole surrogate pair), or null at the end. */
  char(): string | null {
    if (this.i >= this.text.length) return null;
    const cp = this.text.codePointAt(this.i)!;
    const ch = String.fromCodePoint(cp);
    this.i += ch.length;
    return ch;
  }

  /** `{\name}`: the name inside braces. */
  groupName(): string | null {
    const save = this.i;
    const inner = this.group();
    const name = inner === null ? null : /^\s*(\\(?:[A-Za-z]+|[^A-Za-z\s]))\s*$/.exec(inner)?.[1];
    if (!name) this.i = save;
    return name ?? null;
  }

  /** A balanced `{…}` after optional spaces: its inside, or null (cursor left in place). */
  group(): string | null {
    this.spaces();
    if (this.text[this.i] !== '{') return null;
    const end = this.closing(this.i, '{', '}');
    if (end < 0) return null;
    const inner = this.text.slice(this.i + 1, end);
    this.i = end + 1;
    return inner;
  }

  /** `[…]` at brace depth 0: its inside, or null. */
  bracket(): string | null {
    if (this.text[this.i] !== '[') return null;
    const end = this.closing(this.i, '[', ']');
    if (end < 0) return null;
    const inner = this.text.slice(this.i + 1, end);
    this.i = end + 1;
    return inner;
  }

  /** The text up to (not including) the next unescaped `stop`, or null when there is none. */
  until(stop: string): string | null {
    let j = this.i;
    while (j < this.text.length && this.text[j] !== stop) j += this.text[j] === '\\' ? 2 : 1;
    if (j >= this.text.length) return null;
    const out = this.text.slice(this.i, j);
    this.i = j;
    return out;
  }

  private closing(open: number, left: string, right: string): number {
    return closingBracket(this.text, open, left, right);
  }
}

/** Definitions in document order, looked up as TeX does: the latest one that ends before a use. */
export class MacroBook {
  private readonly byName = new Map<string, MacroDefinition[]>();
  private readonly byStart = new Map<number, MacroDefinition | number>();

  constructor(
    readonly definitions: MacroDefinition[],
    /** Ranges of definition commands that could not be read (skipped like definitions). */
    unread: { start: number; end: number }[] = [],
  ) {
    for (const d of [...definitions].sort((a, b) => a.start - b.start)) {
      const list = this.byName.get(d.name) ?? [];
      list.push(d);
      this.byName.set(d.name, list);
      this.byStart.set(d.start, d);
    }
    for (const u of unread) this.byStart.set(u.start, u.end);
  }

  /** No definition at all, read or not: nothing to expand or remove. */
  get empty(): boolean {
    return this.byStart.size === 0;
  }

  /** The definition of `name` in force at offset `at`, if any. */
  lookup(name: string, at: number): MacroDefinition | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    for (let k = list.length - 1; k >= 0; k--) if (list[k].end <= at) return list[k];
    return undefined;
  }

  /** A definition of `name` that comes after offset `at` (the macro is used too early). */
  later(name: string, at: number): MacroDefinition | undefined {
    return this.byName.get(name)?.find((d) => d.start >= at);
  }

  /** The end of a definition (read or not) that starts at `at`, or -1. */
  definitionEndingAt(at: number): number {
    const d = this.byStart.get(at);
    return d === undefined ? -1 : typeof d === 'number' ? d : d.end;
  }
}

/** Offset of the bracket closing the one at `open`, skipping escapes and nested braces; -1 if none. */
export function closingBracket(text: string, open: number, left: string, right: string): number {
  let depth = 0;
  let braces = 0;
  for (let j = open; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (left !== '{' && c === '{') braces++;
    else if (left !== '{' && c === '}') braces--;
    else if (braces === 0 && c === left) depth++;
    else if (braces === 0 && c === right && --depth === 0) return j;
  }
  return -1;
}

// LaTeX math → statements of expression trees. Recursive descent over the token list; the
// parser never throws: anything it cannot read becomes an `error` node plus a problem with its
// range, and parsing resumes at the next statement separator.
import { tokenize, type Token } from './tokens';
import type {
  BigOpIndex,
  BinOp,
  CmpOp,
  ExpectOp,
  MathProblem,
  Node,
  ParsedMath,
  RelationToken,
  Span,
  Statement,
  SymNode,
} from './tree';
import { PLACEHOLDER } from './tree';
import { bracedBracket } from './bracedArgument';
import { type Differential, findDifferential, INTEGRAL_SIGNS } from './differential';
import {
  ACCENTS,
  CONNECTIVES,
  NOT_EVALUATED,
  FONTS,
  FONT_FAMILY,
  FUNCTION_COMMAND_NAMES,
  FUNCTION_COMMANDS,
  FUNCTION_WORDS,
  GREEK,
  GREEK_ALIAS,
  IGNORED_COMMANDS,
  UNWRAPPED_COMMANDS,
  IGNORED_WITH_ARGUMENT,
  LAYOUT_ENVIRONMENTS,
  MATRIX_ENVIRONMENTS,
  RELATION_COMMANDS,
  WORD_COMMANDS,
} from './vocabulary';

export interface ParseOptions {
  /** True for display math: a leading `(3.1)` is read as an equation number. */
  display?: boolean;
  /**
   * Plain-text formulas of a document that writes its products with `*` (`force = mass * accel`):
   * a run of letters is one name, not a product of letters.
   */
  words?: boolean;
  /**
   * Offsets of placeholders for uses of the document's macros that were not expanded (see
   * macroExpansion.ts), with the reason: each reads as an error, so its claim is unchecked with it.
   */
  unexpanded?: ReadonlyMap<number, string>;
}

const RELATION_SYMBOLS: Record<string, CmpOp> = { '=': '=', '<': '<', '>': '>' };
const PRODUCT_OPS: Record<string, BinOp> = {
  '\\cdot': 'cdot',
  '\\times': 'times',
  '*': 'ast',
  '/': '/',
  '\\odot': 'odot',
  '\\otimes': 'otimes',
  '\\star': 'star',
  '\\ast': 'ast',
  '\\circ': 'odot',
  '\\div': '/',
};
const LOOSE_PRODUCT_OPS: Record<string, BinOp> = { '\\odot': 'odot', '\\otimes': 'otimes', '\\circ': 'odot' };
const OPENERS: Record<string, string> = {
  '(': ')',
  '[': ']',
  '\\{': '\\}',
  '\\langle': '\\rangle',
  '\\lbrace': '\\rbrace',
  '\\lbrack': '\\rbrack',
};
const CLOSERS = new Set([')', ']', '\\}', '\\rangle', '\\rbrace', '\\rbrack']);
const DOTS = new Set([
  '\\ldots',
  '\\cdots',
  '\\dots',
  '\\vdots',
  '\\ddots',
  '\\dotsc',
  '\\dotsb',
  '\\dotsm',
  '\\hdots',
]);
const DISTRIBUTIONS: Record<string, string> = {
  bernoulli: 'Bernoulli',
  ber: 'Bernoulli',
  bern: 'Bernoulli',
  normal: 'Normal',
  gaussian: 'Normal',
  uniform: 'Uniform',
  unif: 'Uniform',
  n: 'Normal',
};

/** The longest word parseLetters can read as a function, a distribution, Var or Cov. */
const LONGEST_WORD = Math.max(
  ...Object.keys(FUNCTION_WORDS).map((w) => w.length),
  ...Object.keys(DISTRIBUTIONS).map((w) => w.length),
);

const MAX_DEPTH = 150;

class ParseError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

export function parseMath(text: string, base = 0, options: ParseOptions = {}): ParsedMath {
  const problems: MathProblem[] = [];
  try {
    const tokens = prepare(tokenize(text, base));
    const p = new Parser(tokens, problems, options);
    const out = p.parseAll();
    // Problems stay inside the math, even when they point just past its end.
    for (const q of out.problems) {
      q.start = Math.min(Math.max(q.start, base), base + text.length);
      q.end = Math.min(Math.max(q.end, q.start), base + text.length);
      if (q.end === q.start && q.start > base) q.start--;
    }
    return out;
  } catch (err) {
    // Defensive: a bug in the parser must not take the document down with it.
    problems.push({
      code: 'syntax',
      message: `internal parser error: ${(err as Error).message}`,
      start: base,
      end: base + text.length,
    });
    return { statements: [], tag: null, problems };
  }
}

/** `{name}` as tokens, at the place of the group that follows `\begin` or `\end`. */
function envName(open: Token, name: string): Token[] {
  return [
    { type: 'sym', text: '{', start: open.start, end: open.start },
    ...[...name].map((ch): Token => ({ type: 'letter', text: ch, start: open.start, end: open.start })),
    { type: 'sym', text: '}', start: open.start, end: open.start },
  ];
}

/**
 * When the `\begin{array}` at i comes right after an opening bracket (already in `out`) and its
 * `\end{array}` right before the matching closing one: the index of that `\end` and of the bracket.
 */
function bracketedArray(tokens: Token[], out: Token[], i: number): { end: number; close: number } | null {
  const before = out[out.length - 1]?.text;
  if (before !== '[' && before !== '(') return null;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const name =
      tokens[j].text === '\\begin' || tokens[j].text === '\\end' ? groupText(tokens, j + 1)?.text : null;
    if (name !== 'array') continue;
    depth += tokens[j].text === '\\begin' ? 1 : -1;
    if (depth > 0) continue;
    const after = groupText(tokens, j + 1)!.next;
    let k = after;
    while (tokens[k]?.type === 'cmd' && IGNORED_COMMANDS.has(tokens[k].text)) k++;
    return tokens[k]?.text === (before === '[' ? ']' : ')') ? { end: j, close: k } : null;
  }
  return null;
}

/** Drops typography, records `\tag`, and removes layout-environment wrappers. */
function prepare(tokens: Token[]): Token[] {
  const out: Token[] = [];
  // Closing braces of unwrapped commands, and `\end{array}` of bracketed arrays → their `]`.
  const closing = new Set<number>();
  const arrayEnds = new Map<number, number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'cmd' && IGNORED_COMMANDS.has(t.text)) {
      // `\left.` and `\right.` are invisible delimiters.
      if (
        (t.text === '\\left' || t.text === '\\right' || t.text === '\\middle') &&
        tokens[i + 1]?.text === '.'
      )
        i++;
      // `\left|` and `\right|` say which way a bar faces, so nested bars pair as written
      // (`\left|-\left|x\right|\right|`): they read as `\lvert`, `\rvert` (`\|` as `\lVert`, `\rVert`).
      else if (
        (t.text === '\\left' || t.text === '\\right') &&
        (tokens[i + 1]?.text === '|' || tokens[i + 1]?.text === '\\|')
      ) {
        const bar = tokens[++i];
        const double = bar.text === '\\|';
        out.push({
          ...bar,
          type: 'cmd',
          text: t.text === '\\left' ? (double ? '\\lVert' : '\\lvert') : double ? '\\rVert' : '\\rvert',
        });
      }
      continue;
    }
    // `\\operatorname*{argmax}` reads like `\\operatorname{argmax}`.
    if (t.type === 'cmd' && t.text === '\\operatorname' && tokens[i + 1]?.text === '*') {
      out.push(t);
      i++;
      continue;
    }
    // `\\stackrel{\\text{def}}{=}` and `\\overset{def}{=}` define; otherwise the decoration
    // over or under a symbol is dropped and the symbol kept.
    if (t.type === 'cmd' && (t.text === '\\stackrel' || t.text === '\\overset' || t.text === '\\underset')) {
      const first = groupText(tokens, i + 1);
      if (first) {
        const second = groupText(tokens, first.next);
        if (second && second.text === '=' && /def|:|triangle|Delta/.test(first.text)) {
          const eq = tokens[first.next + 1];
          out.push(
            { type: 'sym', text: ':', start: t.start, end: eq.start },
            { type: 'sym', text: '=', start: eq.start, end: eq.end },
          );
          i = second.next - 1;
          continue;
        }
        i = first.next - 1;
        continue;
      }
    }
    // `\boxed{a = b}`, `\mathop{\mathrm{argmax}}`: the frame or the spacing class goes, the content stays.
    if (t.type === 'cmd' && UNWRAPPED_COMMANDS.has(t.text) && tokens[i + 1]?.text === '{') {
      closing.add(skipGroup(tokens, i + 1) - 1);
      i++;
      continue;
    }
    if (closing.has(i)) continue;
    // `\intertext{so that}` between the lines of an alignment: words, and a line break.
    if (t.type === 'cmd' && INTERTEXT.has(t.text) && tokens[i + 1]?.text === '{') {
      if (out[out.length - 1]?.text !== '\\\\') out.push({ ...t, text: '\\\\' });
      i = skipGroup(tokens, i + 1) - 1;
      continue;
    }
    // `\sum_{\substack{i = 1 \\ i \ne j}}`: the lines of a stacked subscript are its conditions.
    if (t.type === 'cmd' && t.text === '\\substack' && tokens[i + 1]?.text === '{') {
      const end = skipGroup(tokens, i + 1) - 1;
      for (let j = i + 2; j < end; j++)
        out.push(tokens[j].text === '\\\\' ? { ...tokens[j], type: 'sym', text: ',' } : tokens[j]);
      i = end;
      continue;
    }
    // `\not=`, `\not\in`, `\not\le`: the negated relation.
    if (t.type === 'cmd' && t.text === '\\not' && tokens[i + 1]) {
      const r = tokens[i + 1];
      const v = r.text === '=' ? '\\neq' : r.text === '\\in' ? '\\notin' : '\\notrel';
      out.push({ type: 'cmd', text: v, start: t.start, end: r.end });
      i++;
      continue;
    }
    // `\left[\begin{array}{c} 1 \\ 2 \end{array}\right]`: an array in brackets is a matrix.
    if (t.type === 'cmd' && t.text === '\\begin' && groupText(tokens, i + 1)?.text === 'array') {
      const bracketed = bracketedArray(tokens, out, i);
      if (bracketed) {
        out.pop();
        out.push({ ...t }, ...envName(tokens[i + 1], 'bmatrix'));
        let j = groupText(tokens, i + 1)!.next;
        if (tokens[j]?.text === '{') j = skipGroup(tokens, j);
        arrayEnds.set(bracketed.end, bracketed.close);
        i = j - 1;
        continue;
      }
    }
    if (arrayEnds.has(i)) {
      out.push({ ...t }, ...envName(tokens[i + 1], 'bmatrix'));
      i = arrayEnds.get(i)!;
      continue;
    }
    if (t.type === 'cmd' && t.text === '\\colon') {
      out.push({ type: 'sym', text: ':', start: t.start, end: t.end });
      continue;
    }
    if (t.type === 'cmd' && IGNORED_WITH_ARGUMENT.has(t.text)) {
      i = skipGroup(tokens, i + 1) - 1;
      continue;
    }
    if (t.type === 'cmd' && (t.text === '\\begin' || t.text === '\\end')) {
      const name = groupText(tokens, i + 1);
      if (name && LAYOUT_ENVIRONMENTS.has(name.text)) {
        let j = name.next;
        // `\begin{array}{cc}` and `\begin{alignedat}{2}` carry a column argument.
        if (
          t.text === '\\begin' &&
          (name.text === 'array' || name.text.startsWith('alignedat') || name.text.startsWith('alignat')) &&
          tokens[j]?.text === '{'
        )
          j = skipGroup(tokens, j);
        i = j - 1;
        continue;
      }
    }
    out.push(t);
  }
  return joinThousands(out);
}

/**
 * Thousands separators: `30{,}000` always, and `30,000` (no spaces, groups of three digits) where
 * a comma cannot separate items — outside brackets, braces of scripts, sets and matrices.
 */
function joinThousands(toks: Token[]): Token[] {
  const out: Token[] = [];
  let depth = 0;
  const group = (t: Token | undefined) => !!t && t.type === 'num' && /^\d{3}(\.\d+)?$/.test(t.text);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (
      t.text in OPENERS ||
      t.text === '\\begin' ||
      (t.text === '{' && (toks[i - 1]?.text === '_' || toks[i - 1]?.text === '^' || depth > 0))
    )
      depth++;
    else if (CLOSERS.has(t.text) || t.text === '\\end' || (t.text === '}' && depth > 0))
      depth = Math.max(0, depth - 1);
    const prev = out[out.length - 1];
    const joinable =
      prev &&
      prev.type === 'num' &&
      /^\d+$/.test(prev.text) &&
      prev.text.length <= (prev.thousands ? Infinity : 3) &&
      out[out.length - 2]?.text !== '_' &&
      out[out.length - 2]?.text !== '^' &&
      out[out.length - 2]?.text !== '.';
    if (
      joinable &&
      t.text === '{' &&
      toks[i + 1]?.text === ',' &&
      toks[i + 2]?.text === '}' &&
      group(toks[i + 3])
    ) {
      const d = toks[i + 3];
      out[out.length - 1] = { ...prev, text: prev.text + d.text, end: d.end, thousands: true };
      i += 3;
      continue;
    }
    if (
      joinable &&
      depth === 0 &&
      t.text === ',' &&
      t.start === prev.end &&
      group(toks[i + 1]) &&
      toks[i + 1].start === t.end
    ) {
      const d = toks[i + 1];
      out[out.length - 1] = { ...prev, text: prev.text + d.text, end: d.end, thousands: true };
      i += 1;
      continue;
    }
    out.push(t);
  }
  return doubledBars(out);
}

/**
 * `||U||_F` typed with plain bars is the norm `\|U\|_F` when every bar of the span comes in
 * such adjacent pairs; with a single bar anywhere (`|x||y|`) the bars stay absolute values.
 */
function doubledBars(tokens: Token[]): Token[] {
  const pairs = new Set<number>();
  let singles = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].text !== '|') continue;
    const next = tokens[i + 1];
    if (next?.text === '|' && next.start === tokens[i].end) {
      pairs.add(i);
      i++;
    } else singles++;
  }
  if (singles > 0 || pairs.size < 2 || pairs.size % 2 === 1) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (pairs.has(i)) {
      out.push({ ...tokens[i], type: 'cmd', text: '\\|', end: tokens[i + 1].end });
      i++;
    } else out.push(tokens[i]);
  }
  return out;
}

/**
 * A parenthesized superscript is a label when it reads as an index: a whole number or letters
 * and numbers joined by `+`, `-` or commas (`h^{(i)}`, `W^{(2)}`, `x^{(k+1)}`, `a^{(i,j)}`).
 * Anything else is an exponent in parentheses, as printers write them: a sign in front, numbers
 * joined by operators, a fraction, a product, a function (`x^{(-1)}`, `x^{(2-1)}`,
 * `x^{(\frac{1}{2})}`, `e^{(\cos(t) + b t)}`). Euler's e takes no labels: `e^{(t-1)}` is a power.
 */
function isLabelText(inner: string): boolean {
  const t = inner
    .replace(/\s+/g, '')
    .replace(/\\([a-zA-Z]+)/g, (_, name: string) => (GREEK.has(name) ? 'a' : '#'));
  return /^\d+$/.test(t) || (/^[A-Za-z0-9]+(?:[-+,][A-Za-z0-9]+)*$/.test(t) && /[A-Za-z]/.test(t));
}

/** The index of the `\\\\` or `\\end` that ends the row holding token i (brackets and braces nest). */
function rowEnd(tokens: Token[], i: number): number {
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const v = tokens[j].text;
    if (tokens[j].type === 'eof') return j;
    if (depth === 0 && (v === '\\\\' || v === '\\end')) return j;
    if (v === '{' || v === '(' || v === '[' || v === '\\{') depth++;
    else if ((v === '}' || v === ')' || v === ']' || v === '\\}') && depth > 0) depth--;
  }
  return tokens.length - 1;
}

function skipGroup(tokens: Token[], i: number): number {
  if (tokens[i]?.text !== '{') return i + (tokens[i] && tokens[i].type !== 'eof' ? 1 : 0);
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    if (tokens[j].text === '{') depth++;
    else if (tokens[j].text === '}') {
      depth--;
      if (depth === 0) return j + 1;
    } else if (tokens[j].type === 'eof') return j;
  }
  return tokens.length - 1;
}

function groupText(tokens: Token[], i: number): { text: string; next: number } | null {
  if (tokens[i]?.text !== '{') return null;
  const end = skipGroup(tokens, i);
  const text = tokens
    .slice(i + 1, end - 1)
    .map((t) => t.text)
    .join('');
  return { text, next: end };
}

const INTERTEXT = new Set(['\\intertext', '\\shortintertext']);

const PLACEHOLDERS = new Set(['\\cdot', '.', '\\bullet', '\\centerdot']);

/** Words in `\\text{…}` after a relation that say what it holds for. */
const QUANTIFIER = /^(for\s+(all|every|each|any)|forall)\b/i;

const EXPECT_WORDS: Record<ExpectOp, { name: string; command: string }> = {
  E: { name: 'an expectation', command: '\\mathbb{E}' },
  Var: { name: 'a variance', command: 'Var' },
  Cov: { name: 'a covariance', command: 'Cov' },
  P: { name: 'a probability', command: '\\Pr' },
};

/** The variables of a mixed partial's denominator, `\\partial x^2 \\partial y`, with their orders. */
/**
 * Whether toks[i] starts a differential in a derivative's denominator: `\partial`, or (in the
 * d-style `\frac{d^{2}}{d x d y}` that SymPy prints) a letter d outside braces and scripts.
 */
function isDifferentialAt(toks: Token[], i: number, style: 'partial' | 'd'): boolean {
  if (style === 'partial') return toks[i].text === '\\partial';
  if (toks[i].type !== 'letter' || toks[i].text !== 'd') return false;
  let depth = 0;
  for (let j = 0; j < i; j++) {
    if (toks[j].text === '{') depth++;
    else if (toks[j].text === '}') depth--;
  }
  const before = toks[i - 1]?.text;
  return depth === 0 && before !== '_' && before !== '^';
}

function mixedPartials(toks: Token[], style: 'partial' | 'd'): { toks: Token[]; order: number }[] {
  const out: { toks: Token[]; order: number }[] = [];
  let current: Token[] = [];
  const flush = () => {
    let order = 1;
    const n = current.length;
    if (n >= 3 && current[n - 2].text === '^' && current[n - 1].type === 'num') {
      order = Number(current[n - 1].text);
      current = current.slice(0, -2);
    } else if (
      n >= 5 &&
      current[n - 4].text === '^' &&
      current[n - 3].text === '{' &&
      current[n - 1].text === '}'
    ) {
      order = Number(current[n - 2].text);
      current = current.slice(0, -4);
    }
    if (current.length) out.push({ toks: current, order });
    current = [];
  };
  toks.forEach((tok, i) => {
    if (isDifferentialAt(toks, i, style)) flush();
    else current.push(tok);
  });
  flush();
  return out;
}

/** `x[i]` as written: a bracket after a name indexes it (the model decides later if it is a call). */
function bracketIndexed(base: Node, args: { items: Node[]; end: number }): Node {
  return { kind: 'subscript', base, indices: args.items, bracket: true, start: base.start, end: args.end };
}

function span(a: Span, b: Span): Span {
  return { start: a.start, end: b.end };
}

class Parser {
  private i = 0;
  private depth = 0;
  /** Script items being read (parseIndexItem), where a colon separates the ends of a range. */
  private indexItems = 0;
  /** End of the last argument read by parseArg, closing brace included. */
  private lastArgEnd = 0;
  private tag: string | null = null;
  /** Closers that end the current expression (for `|…|` and `\|…\|`). */
  private closers: string[] = [];
  /** Where a top-level product continues across a line break (`x = x` ⏎ `y = y + 1`). */
  private lineJoins: number[] = [];

  constructor(
    private readonly toks: Token[],
    private readonly problems: MathProblem[],
    private readonly options: ParseOptions,
  ) {}

  private get peek(): Token {
    return this.toks[this.i];
  }
  private atEnd(): boolean {
    return this.toks[this.i].type === 'eof';
  }
  private at(v: string): boolean {
    return this.toks[this.i].text === v && this.toks[this.i].type !== 'eof';
  }
  private next(): Token {
    const t = this.toks[this.i];
    if (t.type !== 'eof') this.i++;
    return t;
  }
  private expect(v: string, what: string): Token {
    if (this.at(v)) return this.next();
    const t = this.peek;
    throw new ParseError(
      `expected ${what} but found ${t.type === 'eof' ? 'the end of the math' : `'${t.text}'`}`,
      t.start,
      Math.max(t.end, t.start + 1),
    );
  }
  private problem(message: string, s: number, e: number): void {
    this.problems.push({ code: 'syntax', message, start: s, end: e });
  }

  parseAll(): ParsedMath {
    const statements: Statement[] = [];
    this.leadingTag();
    while (this.peek.type !== 'eof') {
      const start = this.i;
      try {
        this.parseRow(statements);
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
        this.problem(err.message, err.start, err.end);
        this.recover();
      }
      if (this.i === start) {
        const t = this.next();
        this.problem(`unexpected '${t.text}'`, t.start, t.end);
      }
    }
    return { statements, tag: this.tag, problems: this.problems };
  }

  /** Skips to the next statement separator at depth 0. */
  private recover(): void {
    let depth = 0;
    while (this.peek.type !== 'eof') {
      const v = this.peek.text;
      if (v === '{' || v in OPENERS) depth++;
      else if (v === '}' || CLOSERS.has(v)) depth = Math.max(0, depth - 1);
      else if (depth === 0 && (v === '\\\\' || v === ',' || v === ';' || v === '\\quad' || v === '\\qquad'))
        return;
      this.next();
    }
  }

  /** `(3.1)` at the very start of a display is an equation number, not a factor. */
  private leadingTag(): void {
    if (!this.options.display) return;
    const t = this.toks;
    const startsTerm = (x: Token | undefined) =>
      !!x &&
      (x.type === 'letter' ||
        (x.type === 'cmd' && !PRODUCT_OPS[x.text] && !RELATION_COMMANDS[x.text] && x.text !== '\\pm'));
    if (
      t[0]?.text === '(' &&
      t[1]?.type === 'num' &&
      t[2]?.text === ')' &&
      startsTerm(t[3]) &&
      t[2].end < t[3].start
    ) {
      this.tag = t[1].text;
      this.i = 3;
    }
  }

  // ---- rows and statements -------------------------------------------------------------

  private isRowEnd(): boolean {
    const v = this.peek.text;
    return this.peek.type === 'eof' || v === '\\\\' || v === '\\newline';
  }

  private relationAt(): RelationToken | null {
    const t = this.peek;
    // Inside `p(x \mid z)` the bar separates the condition; between integers it is a relation.
    if (t.text === '\\mid' && this.closers.includes('\\mid')) return null;
    // `>>` and `<<` typed for ≫ and ≪.
    if (
      t.type === 'sym' &&
      (t.text === '>' || t.text === '<') &&
      this.toks[this.i + 1]?.text === t.text &&
      this.toks[this.i + 1].start === t.end
    ) {
      return { op: t.text === '>' ? '\\gg' : '\\ll', start: t.start, end: this.toks[this.i + 1].end };
    }
    if (t.type === 'sym' && RELATION_SYMBOLS[t.text]) {
      // `:=` arrives as ':' '='.
      return { op: RELATION_SYMBOLS[t.text], start: t.start, end: t.end };
    }
    if (t.type === 'sym' && t.text === ':' && this.toks[this.i + 1]?.text === '=') {
      return { op: ':=', start: t.start, end: this.toks[this.i + 1].end };
    }
    if (
      t.type === 'sym' &&
      t.text === '!' &&
      this.toks[this.i + 1]?.text === '=' &&
      this.toks[this.i + 1].start === t.end
    )
      return { op: '\\neq', start: t.start, end: this.toks[this.i + 1].end };
    // `f: \mathbb{R}^n \to \mathbb{R}`: the colon of a signature.
    // Only at the top level: inside brackets a colon is a slice or a set-builder bar.
    if (t.type === 'sym' && t.text === ':' && this.depth <= 1 && this.colonIsSignature(this.i + 1))
      return { op: ':', start: t.start, end: t.end };
    if (t.type === 'cmd' && RELATION_COMMANDS[t.text])
      return { op: RELATION_COMMANDS[t.text] as CmpOp, start: t.start, end: t.end };
    return null;
  }

  /**
   * True when the colon before token i opens a signature: `\to` or `\mapsto` follows before
   * any other relation or separator. Any other colon at the top level (`ii: W_2 = 4`, a
   * trailing `:`) separates statements, like a comma.
   */
  private colonIsSignature(i: number): boolean {
    let depth = 0;
    for (let j = i; j < this.toks.length; j++) {
      const t = this.toks[j];
      const v = t.text;
      if (t.type === 'eof') return false;
      if (v === '{' || v in OPENERS) {
        depth++;
        continue;
      }
      if (v === '}' || CLOSERS.has(v)) {
        if (depth === 0) return false;
        depth--;
        continue;
      }
      if (depth > 0) continue;
      if (
        v === '\\\\' ||
        v === '\\newline' ||
        v === ',' ||
        v === ';' ||
        v === '&' ||
        v === '\\quad' ||
        v === '\\qquad' ||
        v === ':'
      )
        return false;
      const rel = t.type === 'cmd' ? RELATION_COMMANDS[v] : RELATION_SYMBOLS[v];
      if (rel) return rel === '\\to' || rel === '\\mapsto';
    }
    return false;
  }

  private takeRelation(): RelationToken | null {
    const r = this.relationAt();
    if (!r) return null;
    if (r.op === ':=' && this.peek.text === ':') this.next();
    else if (r.op === '\\neq' && this.peek.text === '!') this.next();
    else if ((r.op === '\\gg' || r.op === '\\ll') && this.peek.type === 'sym') this.next();
    this.next();
    // `=:` (rare) and `==`: swallow a doubled `=`.
    if (r.op === '=' && this.at('=')) this.next();
    return r;
  }

  private isSeparator(): 'sep' | 'connective' | 'tag' | null {
    const t = this.peek;
    if (t.text === ',' || t.text === ';') return 'sep';
    if (t.text === '\\quad' || t.text === '\\qquad') return 'sep';
    if (
      t.type === 'cmd' &&
      (t.text === '\\text' || t.text === '\\mbox' || t.text === '\\textnormal' || t.text === '\\textrm')
    ) {
      const g = this.rawGroup(this.i + 1);
      // Connectives and remarks of several words ("Variance of independent sum") separate.
      if (g && (isConnective(g.text) || /\s/.test(g.text.trim()))) return 'connective';
    }
    if (t.text === '\\tag' || t.text === '\\tag*') return 'tag';
    return null;
  }

  private parseRow(out: Statement[]): void {
    // Line joins matter only within their row.
    this.lineJoins = [];
    // Pieces separated by `,` `;` `\quad` and connective words; each piece is a chain.
    const pieces: { sides: Node[]; ops: RelationToken[]; continued: boolean }[] = [];
    let cur: { sides: Node[]; ops: RelationToken[]; continued: boolean } = {
      sides: [],
      ops: [],
      continued: false,
    };
    const flush = () => {
      if (cur.sides.length || cur.ops.length) pieces.push(cur);
      cur = { sides: [], ops: [], continued: false };
    };
    while (!this.isRowEnd()) {
      if (this.at('&')) {
        this.next();
        continue;
      }
      const sep = this.isSeparator();
      if (sep === 'tag') {
        this.readTag();
        continue;
      }
      if (sep === 'connective') {
        const quantifier = QUANTIFIER.test(this.rawGroup(this.i + 1)?.text.trim() ?? '');
        this.next();
        this.skipRawGroup();
        flush();
        if (quantifier) this.skipQualifier();
        continue;
      }
      if (this.at('\\forall') && (cur.ops.length > 0 || pieces.length > 0)) {
        this.next();
        flush();
        this.skipQualifier();
        continue;
      }
      if (sep === 'sep') {
        this.next();
        flush();
        continue;
      }
      if (this.at('.')) {
        this.next();
        continue;
      }
      if (this.at(':') && this.toks[this.i + 1]?.text !== '=' && !this.colonIsSignature(this.i + 1)) {
        // What stands before it alone is a label (`ii:`, `Case 1:`), not part of a list.
        this.next();
        if (cur.ops.length === 0) cur = { sides: [], ops: [], continued: false };
        else flush();
        continue;
      }
      const rel = this.relationAt();
      if (rel) {
        this.takeRelation();
        if (cur.sides.length === 0) cur.continued = true;
        // A relation directly after a relation (`a = \\ = b` typos): keep the structure sane.
        if (cur.sides.length + (cur.continued ? 1 : 0) === cur.ops.length && cur.sides.length > 0) {
          this.problem(`missing expression before '${rel.op}'`, rel.start, rel.end);
        }
        cur.ops.push(rel);
        continue;
      }
      if (cur.sides.length > cur.ops.length) {
        // Two expressions with nothing between them at the top level (e.g. text artefacts).
        const t = this.peek;
        throw new ParseError(`unexpected '${t.text}' after a complete expression`, t.start, t.end);
      }
      cur.sides.push(this.parseExpr());
    }
    if (this.at('\\\\') || this.at('\\newline')) {
      this.next();
      // `\\[2pt]` spacing argument.
      if (this.at('[') && this.toks[this.i + 1]?.type === 'num') {
        while (!this.at(']') && this.peek.type !== 'eof') this.next();
        this.next();
      }
    }
    flush();
    this.piecesToStatements(pieces, out);
  }

  /**
   * `x_i \\ge 0 \\text{ for all } i \\in \\{1, \\dots, n\\}`: what a relation holds for. A free index is
   * quantified over its range anyway, and a sampled name over its declaration, so the qualifier
   * is read as said and not made into a claim or a list of its own.
   */
  private skipQualifier(): void {
    while (!this.isRowEnd() && !this.at('\\quad') && !this.at('\\qquad') && !this.at(';')) {
      if (this.isSeparator() === 'connective') return;
      this.next();
    }
  }

  private readTag(): void {
    this.next();
    const g = this.rawGroup(this.i);
    if (g) {
      this.tag = g.text;
      this.i = g.next;
    }
  }

  private piecesToStatements(
    pieces: { sides: Node[]; ops: RelationToken[]; continued: boolean }[],
    out: Statement[],
  ): void {
    let pendingList: Node[] = [];
    let attached = false;
    for (let k = 0; k < pieces.length; k++) {
      const p = pieces[k];
      if (p.ops.length === 0) {
        // A trailing `(3)` after `\quad` is an equation number.
        const only = p.sides[0];
        if (
          p.sides.length === 1 &&
          only.kind === 'group' &&
          only.open === '(' &&
          only.items.length === 1 &&
          only.items[0].kind === 'num' &&
          k === pieces.length - 1 &&
          k > 0
        ) {
          this.tag = (only.items[0] as { text: string }).text;
          continue;
        }
        if (p.sides.length === 1) {
          const prev = out[out.length - 1];
          if (
            k > 0 &&
            prev &&
            (pieces[k - 1].ops.length > 0 || attached) &&
            pendingList.length === 0 &&
            isListContinuation(only)
          ) {
            // `i = 1, \ldots, m`: the list belongs to the previous right side.
            const last = prev.sides[prev.sides.length - 1];
            const list: Node =
              last.kind === 'list'
                ? { ...last, items: [...last.items, only], end: only.end }
                : { kind: 'list', items: [last, only], start: last.start, end: only.end };
            prev.sides[prev.sides.length - 1] = list;
            prev.end = only.end;
            attached = true;
            continue;
          }
          pendingList.push(only);
        }
        continue;
      }
      attached = false;
      // `f: A \to B` is one relation, the signature, not `f : A` and `A \to B`.
      if (
        !p.continued &&
        p.ops.length === 2 &&
        p.ops[0].op === ':' &&
        (p.ops[1].op === '\\to' || p.ops[1].op === '\\mapsto') &&
        p.sides.length === 3
      ) {
        const [dom, cod] = [p.sides[1], p.sides[2]];
        p.sides = [p.sides[0], { kind: 'cmp', op: p.ops[1].op, left: dom, right: cod, ...span(dom, cod) }];
        p.ops = [p.ops[0]];
      }
      if (pendingList.length && !p.continued && p.sides.length > 0) {
        const first = p.sides[0];
        const items = [...pendingList, first];
        p.sides[0] = { kind: 'list', items, start: items[0].start, end: first.end };
      }
      pendingList = [];
      if (p.sides.length <= p.ops.length - (p.continued ? 1 : 0)) {
        const r = p.ops[p.ops.length - 1];
        this.problem(`expected an expression after '${r.op}'`, r.start, r.end);
        continue;
      }
      this.runTogether(p);
      const s = p.continued ? p.ops[0].start : p.sides[0].start;
      const e = p.sides[p.sides.length - 1].end;
      out.push({ sides: p.sides, ops: p.ops, continued: p.continued, start: s, end: e });
    }
    // Expressions without a relation are kept (hovers and inlay hints show their values).
    for (const n of pendingList)
      out.push({ sides: [n], ops: [], continued: false, start: n.start, end: n.end });
  }

  /**
   * `x = x` ⏎ `y = y + 1` without `\\`: TeX sets both on one line, and read as written the line
   * says `x = x y = y + 1`. A product that joins two lines between two relations is not read:
   * the sides holding it become errors (their claims are unchecked) and a problem says why.
   */
  private runTogether(p: { sides: Node[]; ops: RelationToken[] }): void {
    for (const j of this.lineJoins) {
      if (!p.ops.some((o) => o.start < j) || !p.ops.some((o) => o.start > j)) continue;
      const message =
        'two relations run together: TeX sets a line break inside math as a space, so this reads ' +
        'as one line; end the first line with \\\\ (or put each equation in its own display)';
      let found = false;
      p.sides = p.sides.map((x) => {
        if (x.start < j && j < x.end) {
          found = true;
          return { kind: 'error', message, start: x.start, end: x.end };
        }
        return x;
      });
      if (found) this.problem(message, j, j + 1);
    }
  }

  // ---- expressions --------------------------------------------------------------------

  /** Sum level: terms joined by + and -. Nesting is limited so the parser never exhausts the stack. */
  parseExpr(): Node {
    if (++this.depth > MAX_DEPTH) {
      const t = this.peek;
      this.depth = 0;
      throw new ParseError(
        `the math is nested more than ${MAX_DEPTH} levels deep`,
        t.start,
        Math.max(t.end, t.start + 1),
      );
    }
    try {
      return this.parseSum();
    } finally {
      if (this.depth > 0) this.depth--;
    }
  }

  private parseSum(): Node {
    let left = this.parseSignedTerm();
    while (
      this.at('+') ||
      this.at('-') ||
      this.at('\\pm') ||
      this.at('\\mp') ||
      this.at('\\setminus') ||
      this.at('\\backslash')
    ) {
      const op = this.next();
      if (this.endsExpression() && !this.at('-') && !this.at('+'))
        throw new ParseError(`expected a term after '${op.text}'`, op.start, op.end);
      // `a - -b`: a sign after an operator is the sign of the next term.
      const right = this.parseSignedTerm();
      const bop: BinOp =
        op.text === '+' ? '+' : op.text === '-' ? '-' : op.text.endsWith('pm') ? 'pm' : 'setminus';
      left = { kind: 'bin', op: bop, left: left, right: right, ...span(left, right) };
    }
    return left;
  }

  /** A term with its leading signs: `--x^2` is the sign of a sign, `+x` is x, `\pm x` is ±x. */
  private parseSignedTerm(): Node {
    const signs: Token[] = [];
    while (this.at('-') || this.at('+') || this.at('\\pm') || this.at('\\mp')) signs.push(this.next());
    if (signs.length && this.endsExpression()) {
      const op = signs[signs.length - 1];
      throw new ParseError(`expected a term after '${op.text}'`, op.start, op.end);
    }
    let t = this.parseTerm();
    for (let k = signs.length - 1; k >= 0; k--) {
      const op = signs[k];
      if (op.text === '-') t = { kind: 'neg', operand: t, start: op.start, end: t.end };
      else if (op.text !== '+')
        t = {
          kind: 'bin',
          op: 'pm',
          left: { kind: 'num', value: 0, text: '0', start: op.start, end: op.start },
          right: t,
          start: op.start,
          end: t.end,
        };
    }
    return t;
  }

  /**
   * The operand after a binary operator, which may carry its own sign: printers write
   * `a + -b` and `a \cdot -b` (mathjs does). Which operand the sign binds to does not matter,
   * because negation commutes with products and quotients.
   */
  private signedOperand(op: Token, read: () => Node, what = 'term'): Node {
    if (this.at('-') || this.at('+')) {
      const sign = this.next();
      const a = this.signedOperand(sign, read, what);
      return sign.text === '-' ? { kind: 'neg', operand: a, start: sign.start, end: a.end } : a;
    }
    if (this.endsExpression())
      throw new ParseError(`expected a ${what} after '${op.text}'`, op.start, op.end);
    return read();
  }

  /** An expression where comparisons are values (inside groups, conditions, subscripts). */
  parseValue(): Node {
    let left = this.parseExpr();
    for (;;) {
      const r = this.relationAt();
      if (!r) return left;
      this.takeRelation();
      const right = this.parseExpr();
      left = { kind: 'cmp', op: r.op, left: left, right: right, ...span(left, right) };
    }
  }

  private endsExpression(): boolean {
    const t = this.peek;
    if (t.type === 'eof') return true;
    const v = t.text;
    // `U_{1:k}`: a colon in a script item ends its start (`:=` is a definition still).
    if (v === ':' && this.indexItems > 0 && this.toks[this.i + 1]?.text !== '=') return true;
    if (
      v === '}' ||
      v === '&' ||
      v === '\\\\' ||
      v === ',' ||
      v === ';' ||
      CLOSERS.has(v) ||
      v === '\\quad' ||
      v === '\\qquad'
    )
      return true;
    if (v === '+' || v === '-' || v === '\\pm' || v === '\\mp' || v === '\\setminus' || v === '\\backslash')
      return true;
    if (this.relationAt()) return true;
    if (
      v === '\\end' ||
      v === '\\right' ||
      v === '\\tag' ||
      v === '\\rfloor' ||
      v === '\\rceil' ||
      v === '\\rVert' ||
      v === '\\rvert'
    )
      return true;
    if (
      this.closers.length &&
      (v === this.closers[this.closers.length - 1] ||
        ((v === '\\|' || v === '\\mid') && this.closers.includes(v)))
    )
      return true;
    // The same commands that separate statements (`\textrm{ and }` too) end an expression.
    if (v === '\\text' || v === '\\mbox' || v === '\\textrm' || v === '\\textnormal') {
      const g = this.rawGroup(this.i + 1);
      if (g && (isConnective(g.text) || (this.depth === 1 && /\s/.test(g.text.trim())))) return true;
    }
    if (v === '.' || (v === ':' && this.depth <= 1)) return true;
    return false;
  }

  /**
   * Product level. Kronecker and Hadamard products (`\otimes`, `\odot`, `\circ`) bind looser
   * than the ordinary product, as in the matrix references: `A C \otimes B D` is
   * `(A C) \otimes (B D)`.
   */
  parseTerm(): Node {
    let left = this.parseTightTerm();
    for (;;) {
      if (this.endsExpression()) return left;
      const t = this.peek;
      const op = LOOSE_PRODUCT_OPS[t.text];
      if (!op) return left;
      this.next();
      if (this.endsExpression()) throw new ParseError(`expected a factor after '${t.text}'`, t.start, t.end);
      const right = this.parseTightTerm();
      left = { kind: 'bin', op, left: left, right: right, ...span(left, right) };
    }
  }

  /** Factors joined by juxtaposition and the ordinary product operators. */
  private parseTightTerm(): Node {
    let left = this.parseFactor();
    for (;;) {
      if (this.endsExpression()) return left;
      const t = this.peek;
      if (t.text === '\\bmod') {
        left = this.parseModulo(left);
        continue;
      }
      if (LOOSE_PRODUCT_OPS[t.text]) return left;
      const op = PRODUCT_OPS[t.text];
      if (op) {
        this.next();
        const right = this.signedOperand(t, () => this.parseFactor(), 'factor');
        left = { kind: 'bin', op, left: left, right: right, ...span(left, right) };
        continue;
      }
      // `{n \choose k}` is rare enough to leave unsupported; any other token starts a factor.
      if (t.lineBreakBefore && this.depth === 1) this.lineJoins.push(t.start);
      const right = this.parseFactor();
      left = { kind: 'bin', op: 'juxt', left: left, right: right, ...span(left, right) };
    }
  }

  /** `n \\bmod 3`: the modulus is the product written after it (`n \\bmod 2k` is n mod 2k). */
  private parseModulo(left: Node): Node {
    const t = this.next();
    if (this.endsExpression()) throw new ParseError('expected a modulus after \\bmod', t.start, t.end);
    const right = this.parseOperand();
    return {
      kind: 'call',
      fn: 'mod',
      args: [left, right],
      sub: null,
      sup: null,
      paren: true,
      start: left.start,
      end: right.end,
    };
  }

  /**
   * What a differential operator applies to: the factors written against each other after it
   * (`\\nabla_x x^\\top A x`), up to an explicit product sign (`\\nabla_u L \\cdot u`).
   */
  private parseOperand(): Node {
    let left = this.parseFactor();
    while (!this.endsExpression() && !PRODUCT_OPS[this.peek.text]) {
      const right = this.parseFactor();
      left = { kind: 'bin', op: 'juxt', left: left, right: right, ...span(left, right) };
    }
    return left;
  }

  /** An atom with its postfix operators (sub/superscripts, primes, factorial). */
  parseFactor(): Node {
    const atom = this.parseAtom();
    return this.parsePostfix(atom);
  }

  private parsePostfix(node: Node): Node {
    for (;;) {
      const t = this.peek;
      if (t.text === '^') {
        this.next();
        node = this.applySuperscript(node);
        continue;
      }
      if (t.text === '_') {
        this.next();
        const arg = this.parseScriptArg();
        node =
          node.kind === 'sym'
            ? withSubscript(node, arg.nodes, arg.text, arg.end)
            : { kind: 'subscript', base: node, indices: arg.nodes, start: node.start, end: arg.end };
        continue;
      }
      // `W^{h,h}[i, I]`: a labelled name indexed with brackets, as `W[i, I]` is (maybeApply).
      if (t.text === '[' && node.kind === 'sym' && t.start === node.end && node.name.includes('^{')) {
        const args = this.parseParenArgs();
        node = bracketIndexed(node, args);
        continue;
      }
      if (t.text === "'") {
        let n = 0;
        let e = t.end;
        while (this.at("'")) {
          e = this.next().end;
          n++;
        }
        if (node.kind === 'sym') {
          const primed: SymNode = {
            ...node,
            primes: node.primes + n,
            name: node.name + "'".repeat(n),
            stem: node.stem + "'".repeat(n),
            end: e,
          };
          if (this.at('(')) {
            const args = this.parseParenArgs();
            node = { kind: 'prime', f: primed, args: args.items, start: node.start, end: args.end };
          } else node = primed;
          continue;
        }
        // `(f \circ g)'(x)`, `(uv)'`: the derivative of what the bracket holds, as a function; read,
        // so the rest of the math is, but not evaluated (the variable is not written).
        if (node.kind === 'group' && node.open === '(') {
          const args = this.at('(') ? this.parseParenArgs() : null;
          node = {
            kind: 'error',
            message:
              "a prime after a bracket ((f \\circ g)', (uv)') is not evaluated, since the variable is " +
              'not written: write the derivative with it, \\frac{d}{dx} f(g(x))',
            start: node.start,
            end: args ? args.end : e,
          };
          continue;
        }
        throw new ParseError("a prime (') can only follow a name", t.start, t.end);
      }
      if (t.text === '!' && !(this.toks[this.i + 1]?.text === '=' && this.toks[this.i + 1].start === t.end)) {
        this.next();
        node = { kind: 'fact', operand: node, start: node.start, end: t.end };
        continue;
      }
      return node;
    }
  }

  private applySuperscript(node: Node): Node {
    const signed = this.signedExponent(node);
    if (signed) return signed;
    const digits = this.peek;
    if (digits.type === 'num' && digits.text.length > 1) {
      // TeX raises one character: `x^1001` sets x¹ followed by 001. Neither reading is safe.
      this.next();
      const message =
        `an unbraced exponent of several digits: TeX raises only the first digit ` +
        `(${digits.text[0]}) and sets ${digits.text.slice(1)} after it; write ^{${digits.text}} for the ` +
        `power or ^${digits.text[0]} ${digits.text.slice(1)} for the product`;
      this.problem(message, digits.start, digits.end);
      return { kind: 'error', message, start: node.start, end: digits.end };
    }
    // Transpose, inverse and pseudo-inverse markers.
    const raw = this.scriptRaw();
    const e = raw.end;
    const m = raw.text.replace(/\s+/g, '');
    const T = new Set([
      'T',
      '\\top',
      '\\intercal',
      '\\mathsf{T}',
      '\\mathrm{T}',
      '\\mathbf{T}',
      '\\mathit{T}',
      '\\textsf{T}',
      '\\textrm{T}',
      '\\text{T}',
      '\\tau',
    ]);
    if (T.has(m) && !(node.kind === 'sym' && m === '\\tau'))
      return { kind: 'post', op: 'T', operand: node, start: node.start, end: e };
    if (m === '-1') return { kind: 'post', op: 'inv', operand: node, start: node.start, end: e };
    if (m === '-T' || m === '-\\top' || m === '-\\intercal' || m === '-\\mathsf{T}')
      return { kind: 'post', op: 'invT', operand: node, start: node.start, end: e };
    if (m === '\\dagger' || m === '+')
      return { kind: 'post', op: 'pinv', operand: node, start: node.start, end: e };
    if (m === '\\prime' || m === "'") {
      if (node.kind === 'sym')
        return { ...node, primes: node.primes + 1, name: `${node.name}'`, stem: `${node.stem}'`, end: e };
    }
    // `f^{(3)}(x)`: the third derivative of a function, or a function labelled (3); the checker
    // decides by what the document defines.
    const nth = /^\((\d)\)$/.exec(m);
    if (node.kind === 'sym' && nth && this.at('(') && Number(nth[1]) >= 1) {
      const n = Number(nth[1]);
      const label = { ...node, name: `${node.name}^{${m}}`, stem: `${node.stem}^{${m}}`, end: e } as SymNode;
      const primed: SymNode = {
        ...node,
        primes: node.primes + n,
        name: node.name + "'".repeat(n),
        stem: node.stem + "'".repeat(n),
        end: e,
      };
      const args = this.parseParenArgs();
      return { kind: 'prime', f: primed, args: args.items, label, start: node.start, end: args.end };
    }
    // Euler's e takes no labels: `e^0` is 1, not a name.
    if (
      node.kind === 'sym' &&
      node.name !== 'e' &&
      (m === '0' ||
        m === '*' ||
        m === '\\ast' ||
        m === '\\star' ||
        (/^\(.*\)$/.test(m) && isLabelText(m.slice(1, -1))) ||
        /^[a-zA-Z]+(,[a-zA-Z0-9]+)+$/.test(m) ||
        m === '\\circ')
    ) {
      // Labels, not powers: w^*, h^{(i)}, W^{h,p}.
      const label = m;
      return { ...node, name: `${node.name}^{${label}}`, stem: `${node.stem}^{${label}}`, end: e } as SymNode;
    }
    // A real exponent: reparse the script as an expression.
    this.i = raw.startIndex;
    const arg = this.parseScriptArg();
    const exp =
      arg.nodes.length === 1
        ? arg.nodes[0]
        : ({ kind: 'list', items: arg.nodes, start: arg.start, end: arg.end } as Node);
    return { kind: 'pow', base: node, exponent: exp, start: node.start, end: arg.end };
  }

  /**
   * `x^-1`, `x^-1000`, `A^-T`, `x^-n`: an unbraced negative exponent, read as the reader reads
   * it (TeX would raise the sign alone, which means nothing).
   */
  private signedExponent(node: Node): Node | null {
    const sign = this.peek;
    const arg = this.toks[this.i + 1];
    // Only `-` written against its argument: `A^+ b` is the pseudo-inverse of A times b.
    if (sign.type !== 'sym' || sign.text !== '-' || !arg || arg.start !== sign.end) return null;
    const greek = arg.type === 'cmd' && GREEK.has(arg.text.slice(1));
    if (arg.type !== 'num' && arg.type !== 'letter' && !greek && arg.text !== '\\top') return null;
    this.i += 2;
    const e = arg.end;
    if (sign.text === '-' && arg.text === '1')
      return { kind: 'post', op: 'inv', operand: node, start: node.start, end: e };
    if (sign.text === '-' && (arg.text === 'T' || arg.text === '\\top'))
      return { kind: 'post', op: 'invT', operand: node, start: node.start, end: e };
    const base: Node =
      arg.type === 'num'
        ? { kind: 'num', value: Number(arg.text), text: arg.text, start: arg.start, end: e }
        : makeSym(
            greek ? `\\${GREEK_ALIAS[arg.text.slice(1)] ?? arg.text.slice(1)}` : arg.text,
            arg.start,
            e,
          );
    const b: Node = sign.text === '-' ? { kind: 'neg', operand: base, start: sign.start, end: e } : base;
    return { kind: 'pow', base: node, exponent: b, start: node.start, end: e };
  }

  /** Reads the raw text of a script argument (group or single token) without consuming it. */
  private scriptRaw(): { text: string; end: number; startIndex: number } {
    const startIndex = this.i;
    const t = this.peek;
    if (t.text === '{') {
      const end = skipGroup(this.toks, this.i);
      const inner = this.toks.slice(this.i + 1, end - 1);
      this.i = end;
      return { text: joinTokens(inner), end: this.toks[end - 1].end, startIndex };
    }
    if (t.type === 'eof') throw new ParseError('expected a superscript', t.start, t.end);
    // A command with a braced argument (`^\mathsf{T}`).
    this.next();
    if (t.type === 'cmd' && this.at('{') && (FONTS.has(t.text) || WORD_COMMANDS.has(t.text))) {
      const end = skipGroup(this.toks, this.i);
      const inner = this.toks.slice(this.i, end);
      this.i = end;
      return { text: t.text + joinTokens(inner), end: this.toks[end - 1].end, startIndex };
    }
    return { text: t.text, end: t.end, startIndex };
  }

  /** A sub/superscript argument: a braced group (comma list allowed) or one token. */
  private parseScriptArg(): { nodes: Node[]; text: string } & Span {
    const t = this.peek;
    if (t.text === '{') {
      const open = this.next();
      const startIdx = this.i;
      const nodes: Node[] = [];
      while (!this.at('}')) {
        if (this.peek.type === 'eof') throw new ParseError("unclosed '{' in a script", open.start, open.end);
        if (this.at(',')) {
          this.next();
          continue;
        }
        nodes.push(this.parseIndexItem());
      }
      const text = joinTokens(this.toks.slice(startIdx, this.i));
      const close = this.next();
      return { nodes, text, start: open.start, end: close.end };
    }
    if (t.type === 'eof') throw new ParseError('expected a script argument', t.start, t.end);
    // `V_*`, `\theta_\star`: a label, like the superscript in `w^*`.
    if (t.text === '*' || t.text === '\\ast' || t.text === '\\star') {
      this.next();
      return {
        nodes: [{ kind: 'text', text: '*', start: t.start, end: t.end }],
        text: '*',
        start: t.start,
        end: t.end,
      };
    }
    if (t.type === 'num') {
      // `x_12` is x_1 followed by 2 in TeX; but `x_{12}` is common in converted text. TeX rules.
      this.next();
      const d = t.text[0];
      if (t.text.length > 1) {
        // Put the rest back as a new number token.
        const rest: Token = { type: 'num', text: t.text.slice(1), start: t.start + 1, end: t.end };
        this.toks.splice(this.i, 0, rest);
      }
      return {
        nodes: [{ kind: 'num', value: Number(d), text: d, start: t.start, end: t.start + 1 }],
        text: d,
        start: t.start,
        end: t.start + 1,
      };
    }
    // One token only: `x_j (a + b)` subscripts x with j and then multiplies.
    const startIdx = this.i;
    const node = this.parseArgAtom();
    return {
      nodes: [node],
      text: joinTokens(this.toks.slice(startIdx, this.i)),
      start: node.start,
      end: node.end,
    };
  }

  /**
   * One item of a braced script, where index notation lives: `\cdot` alone is the whole axis
   * (`W_{\cdot 1}`, `W_{i,\cdot}`); `a:b`, `a:` and `:b` are ranges of positions, and `<t`,
   * `\le t` the positions before t and up to t (`x_{<t}` is `x_{1:t-1}`). A range is a `:`
   * relation between its ends (an open end is the text `:`).
   */
  private parseIndexItem(): Node {
    const t = this.peek;
    const after = this.toks[this.i + 1]?.text;
    if (t.text === '\\cdot' && (after === ',' || after === '}' || this.toks[this.i + 1]?.type === 'num')) {
      this.next();
      return { kind: 'text', text: ':', start: t.start, end: t.end };
    }
    const one = (at: number): Node => ({ kind: 'num', value: 1, text: '1', start: at, end: at });
    const range = (a: Node, b: Node): Node => ({
      kind: 'cmp',
      op: ':',
      left: a,
      right: b,
      start: a.start,
      end: b.end,
    });
    if (t.text === '<' || t.text === '\\le' || t.text === '\\leq') {
      this.next();
      const end = this.parseValue();
      const to: Node =
        t.text === '<'
          ? { kind: 'bin', op: '-', left: end, right: one(end.end), start: end.start, end: end.end }
          : end;
      return range(one(t.start), to);
    }
    if (t.text === ':' && after !== ',' && after !== '}' && after !== '=') {
      this.next();
      return range(one(t.start), this.parseValue());
    }
    this.indexItems++;
    let from: Node;
    try {
      from = this.parseValue();
    } finally {
      this.indexItems--;
    }
    if (!this.at(':') || this.toks[this.i + 1]?.text === '=') return from;
    const colon = this.next();
    if (this.at(',') || this.at('}'))
      return range(from, { kind: 'text', text: ':', start: colon.start, end: colon.end });
    return range(from, this.parseValue());
  }

  /**
   * The items of a bracket. In the arguments of a name or an operator (`bars`), an unpaired bar
   * separates arguments (`D(p \\| q)`), and a conditioning bar — `\\mid`, or a single `|` or
   * `\\vert` — also marks where the condition starts (`given`), as in `p(x \\mid z)`. In a plain
   * bracket bars are only absolute values and norms.
   */
  private parseParenArgs(bars = false): { items: Node[]; end: number; given?: number } {
    const openIndex = this.i;
    const open = this.next();
    const close = OPENERS[open.text] ?? ')';
    const items: Node[] = [];
    let given: number | undefined;
    const saved = this.closers;
    const bar = bars ? this.unpairedBar(openIndex) : null;
    const mid = bars && this.conditionsAt(openIndex);
    this.closers = [...(mid ? ['\\mid'] : []), ...(bar ? [bar] : [])];
    try {
      while (
        !this.at(close) &&
        !(open.text === '(' && this.at(']')) &&
        !(open.text === '[' && this.at(')'))
      ) {
        if (this.peek.type === 'eof')
          throw new ParseError(`'${open.text}' is never closed: add '${close}'`, open.start, open.end);
        const conditioning = (mid && this.at('\\mid')) || (bar !== null && bar !== '\\|' && this.at(bar));
        if (this.at(',') || this.at(';') || conditioning || (bar !== null && this.at(bar))) {
          if (conditioning && given === undefined && items.length > 0) given = items.length;
          this.next();
          continue;
        }
        // `\sigma(\cdot)`, `f(.)`, `g(\,\cdot\,)`: the argument left open, a placeholder.
        const after = this.toks[this.i + 1]?.text;
        if (PLACEHOLDERS.has(this.peek.text) && (after === close || after === ',')) {
          const dot = this.next();
          items.push(makeSym(PLACEHOLDER, dot.start, dot.end));
          continue;
        }
        items.push(this.parseValue());
        if (this.atEnd())
          throw new ParseError(`'${open.text}' is never closed: add '${close}'`, open.start, open.end);
        if (
          !this.at(',') &&
          !this.at(';') &&
          !this.at(close) &&
          !this.at(']') &&
          !this.at(')') &&
          !(bar !== null && this.at(bar)) &&
          !(mid && this.at('\\mid'))
        ) {
          const t = this.peek;
          throw new ParseError(
            `expected ',' or '${close}' but found '${t.text === '' ? 'end of math' : t.text}'`,
            t.start,
            t.end,
          );
        }
      }
    } finally {
      this.closers = saved;
    }
    const end = this.next();
    return given === undefined ? { items, end: end.end } : { items, end: end.end, given };
  }

  /** True when the bracket opened at i holds a `\\mid` at its own level. */
  private conditionsAt(i: number): boolean {
    let depth = 0;
    for (let j = i; j < this.toks.length; j++) {
      const v = this.toks[j].text;
      if (v === '(' || v === '[' || v === '{' || v === '\\{') depth++;
      else if (v === ')' || v === ']' || v === '}' || v === '\\}') {
        depth--;
        if (depth === 0) return false;
      } else if (depth === 1 && v === '\\mid') return true;
    }
    return false;
  }

  private parseAtom(): Node {
    const t = this.peek;
    switch (t.type) {
      case 'eof':
        throw new ParseError('expected an expression but the math ends here', t.start, t.end);
      case 'num':
        this.next();
        return { kind: 'num', value: Number(t.text), text: t.text, start: t.start, end: t.end };
      case 'letter':
        return this.parseLetters();
      case 'sym':
        return this.parseSymbolAtom(t);
      case 'cmd':
        return this.parseCommand(t);
    }
  }

  private parseLetters(): Node {
    // A run of letters that spells a function name and is applied (`exp(x)`, `ReLU(x)`) is that
    // function; otherwise every letter is its own symbol and juxtaposition multiplies them.
    const start = this.i;
    let j = this.i;
    let word = '';
    // Only a run as long as a known word, or a whole word in words mode (which consumes it), is
    // worth reading to its end: a run of 32,000 letters is read one letter per call otherwise, and
    // reading it whole each time was quadratic.
    const cap = this.options.words ? Number.POSITIVE_INFINITY : LONGEST_WORD + 1;
    while (
      j - start < cap &&
      this.toks[j].type === 'letter' &&
      (j === start || this.toks[j].start === this.toks[j - 1].end)
    ) {
      word += this.toks[j].text;
      j++;
    }
    if (word.length >= 2 && (this.options.words || word.length <= LONGEST_WORD)) {
      const fn = FUNCTION_WORDS[word.toLowerCase()];
      const after = this.toks[j];
      if (
        fn &&
        fn !== 'E' &&
        (after.text === '(' || after.text === '[' || (after.type === 'cmd' && (fn === 'log' || fn === 'exp')))
      ) {
        const first = this.toks[start];
        this.i = j;
        return this.finishCall(fn, first.start, this.toks[j - 1].end);
      }
      const dist = DISTRIBUTIONS[word.toLowerCase()];
      if (dist && after.text === '(') {
        const first = this.toks[start];
        this.i = j;
        return this.finishCall(dist, first.start, this.toks[j - 1].end);
      }
      if (word === 'Var' || word === 'Cov') {
        const first = this.toks[start];
        this.i = j;
        return this.parseExpectation(word === 'Cov' ? 'Cov' : 'Var', first.start);
      }
      if (this.options.words) {
        this.i = j;
        return this.maybeApply(makeSym(`\\text{${word}}`, this.toks[start].start, this.toks[j - 1].end));
      }
    }
    const t = this.next();
    if (t.text === 'E' && (this.at('[') || (this.at('_') && this.expectationFollows())))
      return this.parseExpectation('E', t.start);
    const sym = makeSym(t.text, t.start, t.end);
    return this.maybeApply(sym);
  }

  private expectationFollows(): boolean {
    // `E_{…}[` or `E_R [`
    let j = this.i + 1;
    if (this.toks[j]?.text === '{') j = skipGroup(this.toks, j);
    else j++;
    return this.toks[j]?.text === '[';
  }

  /** A name directly followed by `(`: a function call or a product; the model decides. */
  private maybeApply(sym: SymNode): Node {
    let node: Node = sym;
    // Subscripts come first: f_\theta(x).
    while (this.at('_')) {
      this.next();
      const arg = this.parseScriptArg();
      node = withSubscript(node as SymNode, arg.nodes, arg.text, arg.end);
    }
    // `x[i]`, `W[i, I]` written against the name: bracket indexing, not a product.
    if (
      this.at('[') &&
      this.peek.start === this.toks[this.i - 1].end &&
      !(node.kind === 'sym' && node.name === 'E')
    ) {
      const args = this.parseParenArgs();
      return bracketIndexed(node, args);
    }
    if (this.at('(')) {
      const open = this.peek;
      const args = this.parseParenArgs(true);
      const close = this.toks[this.i - 1];
      // `x (x + 1)^2`, `U (V U)^{-1}`, `n (n-1)!`, `X_{ij}(Xw - y)_i`: a script after the bracket
      // belongs to the bracket when the name is a value and to the call when it is a function.
      // Only the model knows which, so the tree is the product, marked for the checker.
      if (
        this.at('^') ||
        this.at('_') ||
        (this.at('!') &&
          !(this.toks[this.i + 1]?.text === '=' && this.toks[this.i + 1].start === this.peek.end))
      ) {
        const group: Node = {
          kind: 'group',
          open: open.text,
          close: close.text,
          items: args.items,
          start: open.start,
          end: args.end,
        };
        const b = this.parsePostfix(group);
        return { kind: 'bin', op: 'juxt', left: node, right: b, apply: true, start: node.start, end: b.end };
      }
      const apply: Node = {
        kind: 'apply',
        f: node as SymNode,
        args: args.items,
        start: node.start,
        end: args.end,
      };
      return args.given === undefined ? apply : { ...apply, given: args.given };
    }
    return node;
  }

  /** '|' or '\\|' when the bracket opened at i holds an odd number of them at its own level. */
  private unpairedBar(i: number): string | null {
    let depth = 0;
    let single = 0;
    let singleBar = '|';
    let double = 0;
    for (let j = i; j < this.toks.length; j++) {
      const v = this.toks[j].text;
      if (v === '(' || v === '[' || v === '{' || v === '\\{') depth++;
      else if (v === ')' || v === ']' || v === '}' || v === '\\}') {
        depth--;
        if (depth === 0) break;
      } else if (depth === 1 && (v === '|' || v === '\\vert')) {
        single++;
        singleBar = v;
      } else if (depth === 1 && v === '\\|') double++;
    }
    if (single % 2 === 1) return singleBar;
    if (double % 2 === 1) return '\\|';
    return null;
  }

  private parseSymbolAtom(t: Token): Node {
    if (t.text === '(' || t.text === '[') return this.parseGroup();
    if (t.text === '{') {
      this.next();
      if (this.at('}')) {
        const c = this.next();
        return { kind: 'group', open: '{', close: '}', items: [], start: t.start, end: c.end };
      }
      const items: Node[] = [];
      while (!this.at('}')) {
        if (this.peek.type === 'eof') throw new ParseError("'{' is never closed: add '}'", t.start, t.end);
        if (this.at(',')) {
          this.next();
          continue;
        }
        if (this.at('&') || this.at('\\\\')) {
          this.next();
          continue;
        }
        items.push(this.parseValue());
        if (!this.at('}') && !this.at(',') && !this.at('&') && !this.at('\\\\')) {
          const u = this.peek;
          throw new ParseError(`expected '}' but found '${u.text || 'end of math'}'`, u.start, u.end);
        }
      }
      const c = this.next();
      if (items.length === 1) return { ...items[0], start: items[0].start, end: items[0].end };
      return { kind: 'list', items, start: t.start, end: c.end };
    }
    if (t.text === '|') {
      this.next();
      this.closers.push('|');
      let inner: Node;
      try {
        inner = this.parseValue();
      } finally {
        this.closers.pop();
      }
      const c = this.expect('|', "a closing '|'");
      return { kind: 'abs', operand: inner, start: t.start, end: c.end };
    }
    if (t.text === ':' && [',', '}', ']', ')'].includes(this.toks[this.i + 1]?.text ?? '')) {
      // `X_{:,i}`: the whole axis.
      this.next();
      return { kind: 'text', text: ':', start: t.start, end: t.end };
    }
    if (t.text === '.' || t.text === ':') {
      // `..` and `...` written as periods.
      if (this.toks[this.i + 1]?.text === '.') {
        let e = t.end;
        while (this.at('.')) e = this.next().end;
        return { kind: 'dots', start: t.start, end: e };
      }
    }
    if (t.text === "'") throw new ParseError("a prime (') must follow a name", t.start, t.end);
    throw new ParseError(`unexpected '${t.text}'`, t.start, t.end);
  }

  private parseGroup(): Node {
    const open = this.peek;
    const close = OPENERS[open.text];
    const r = this.parseParenArgs();
    const closeTok = this.toks[this.i - 1];
    const node: Node = {
      kind: 'group',
      open: open.text,
      close: closeTok?.text ?? close,
      items: r.items,
      start: open.start,
      end: r.end,
    };
    // `[x * w](i)`: a bracketed sequence evaluated at an index.
    if (open.text === '[' && this.at('(') && r.items.length === 1) {
      const args = this.parseParenArgs();
      return { kind: 'subscript', base: node, indices: args.items, start: open.start, end: args.end };
    }
    return node;
  }

  private parseCommand(t: Token): Node {
    const v = t.text;
    const greek = v.slice(1);
    if (GREEK.has(greek)) {
      this.next();
      const g = GREEK_ALIAS[greek] ?? greek;
      return this.maybeApply(makeSym(`\\${g}`, t.start, t.end));
    }
    if (v === '\\frac' || v === '\\dfrac' || v === '\\tfrac' || v === '\\cfrac') return this.parseFrac();
    if (v === '\\sqrt') {
      this.next();
      let n: Node | null = null;
      if (this.at('[')) {
        this.next();
        n = this.parseExpr();
        this.expect(']', "']' after the root's degree");
      }
      const a = this.parseArg();
      return { kind: 'sqrt', radicand: a, degree: n, start: t.start, end: this.lastArgEnd };
    }
    if (v === '\\binom' || v === '\\tbinom' || v === '\\dbinom') {
      this.next();
      const n = this.parseArg();
      const r = this.parseArg();
      return { kind: 'binom', n, r, start: t.start, end: this.lastArgEnd };
    }
    if (ACCENTS.has(v)) {
      this.next();
      this.lastArgEnd = 0;
      const arg = this.parseArgAtom();
      if (arg.kind === 'sym') {
        const acc =
          v === '\\widehat' ? '\\hat' : v === '\\widetilde' ? '\\tilde' : v === '\\overline' ? '\\bar' : v;
        const stem = `${acc}{${arg.base}}`;
        const sym: SymNode = { ...renameSym(arg, stem, t.start), end: Math.max(arg.end, this.lastArgEnd) };
        return this.maybeApply(sym);
      }
      return arg;
    }
    if (FONTS.has(v)) return this.parseFont(t);
    if (v === '\\mathbb') return this.parseBlackboard(t);
    if (WORD_COMMANDS.has(v)) return this.parseWordCommand(t);
    // `\Pr[A]`, `\Pr(A \mid B)`: the probability of an event (a lone `\Pr` reads as a name).
    if (v === '\\Pr') {
      this.next();
      return this.at('(') || this.at('[') || this.at('_')
        ? this.parseExpectation('P', t.start)
        : this.maybeApply(makeSym('\\text{Pr}', t.start, t.end));
    }
    if (FUNCTION_COMMANDS.has(v)) {
      this.next();
      const name = v.slice(1);
      if (name === 'Var' || name === 'var' || name === 'Cov' || name === 'cov')
        return this.parseExpectation(name.toLowerCase() === 'cov' ? 'Cov' : 'Var', t.start);
      const canonical = FUNCTION_COMMAND_NAMES.get(v) ?? name;
      return this.finishCall(canonical, t.start, t.end);
    }
    if (v === '\\sum' || v === '\\prod') return this.parseBigOp(t);
    if (INTEGRAL_SIGNS[v]) return this.parseIntegral(t);
    if (v === '\\nabla') return this.parseNabla(t);
    if (v === '\\partial') return this.parseSlashDerivative(t);
    if (v in OPENERS) return this.parseGroup();
    if (v === '\\|' || v === '\\lVert' || v === '\\Vert' || v === '\\lvert' || v === '\\vert')
      return this.parseNorm(t);
    if (v === '\\lfloor' || v === '\\lceil') {
      this.next();
      const close = v === '\\lfloor' ? '\\rfloor' : '\\rceil';
      const inner = this.parseValue();
      const c = this.expect(close, `'${close}'`);
      return v === '\\lfloor'
        ? { kind: 'floor', operand: inner, start: t.start, end: c.end }
        : { kind: 'ceil', operand: inner, start: t.start, end: c.end };
    }
    if (DOTS.has(v)) {
      this.next();
      return { kind: 'dots', start: t.start, end: t.end };
    }
    if (v === '\\infty') {
      this.next();
      return makeSym('\\infty', t.start, t.end);
    }
    if (v === '\\begin') return this.parseEnvironment(t);
    if (v === '\\top') {
      this.next();
      return makeSym('\\top', t.start, t.end);
    }
    if (v === '\\emptyset' || v === '\\varnothing') {
      this.next();
      return { kind: 'group', open: '\\{', close: '\\}', items: [], start: t.start, end: t.end };
    }
    if (v === '\\choose' || v === '\\over')
      throw new ParseError(`${v} is not supported: write \\binom{n}{k} or \\frac{a}{b}`, t.start, t.end);
    if (v === '\\prime') {
      this.next();
      return makeSym("'", t.start, t.end);
    }
    if (v === '\\%') {
      this.next();
      return { kind: 'text', text: '%', start: t.start, end: t.end };
    }
    if (v === '\\$' || v === '\\#' || v === '\\&' || v === '\\_') {
      this.next();
      return { kind: 'text', text: v.slice(1), start: t.start, end: t.end };
    }
    this.next();
    const unexpanded = this.options.unexpanded?.get(t.start);
    if (unexpanded !== undefined) return { kind: 'error', message: unexpanded, start: t.start, end: t.end };
    throw new ParseError(NOT_EVALUATED[v] ?? unknownCommand(v), t.start, t.end);
  }

  private parseArg(): Node {
    // `\frac12`, `\sqrt x`, `\frac{a}{b}`.
    const t = this.peek;
    if (t.text === '{') {
      this.next();
      if (this.at('}')) throw new ParseError('empty argument', t.start, this.next().end);
      const saved = this.closers;
      this.closers = [];
      let inner: Node;
      try {
        inner = this.parseValue();
        // `{a, b}` in an argument is a list.
        if (this.at(',')) {
          const items = [inner];
          while (this.at(',')) {
            this.next();
            items.push(this.parseValue());
          }
          inner = { kind: 'list', items, start: items[0].start, end: items[items.length - 1].end };
        }
      } finally {
        this.closers = saved;
      }
      const c = this.peek;
      if (!this.at('}'))
        throw new ParseError(`expected '}' but found '${c.text || 'end of math'}'`, c.start, c.end);
      this.lastArgEnd = this.next().end;
      return inner;
    }
    if (t.type === 'num' && t.text.length > 1 && !t.text.includes('.')) {
      // `\frac12`: one digit per argument.
      this.toks.splice(
        this.i,
        1,
        { type: 'num', text: t.text[0], start: t.start, end: t.start + 1 },
        { type: 'num', text: t.text.slice(1), start: t.start + 1, end: t.end },
      );
    }
    const atom = this.parseArgAtom();
    this.lastArgEnd = Math.max(this.lastArgEnd, atom.end);
    return atom;
  }

  /** One argument token or group, without postfix operators. */
  private parseArgAtom(): Node {
    const t = this.peek;
    if (t.text === '{') return this.parseArg();
    if (t.type === 'letter') {
      this.next();
      return makeSym(t.text, t.start, t.end);
    }
    if (t.type === 'cmd' && GREEK.has(t.text.slice(1))) {
      this.next();
      const g = GREEK_ALIAS[t.text.slice(1)] ?? t.text.slice(1);
      return makeSym(`\\${g}`, t.start, t.end);
    }
    return this.parseAtom();
  }

  private parseFrac(): Node {
    const t = this.next();
    const numStart = this.i;
    // Derivatives: \frac{\partial Y}{\partial X}, \frac{d}{dx}, \frac{dL}{dy}, \frac{\partial^2 f}{\partial
    // x^2}.
    const deriv = this.tryDerivative(t);
    if (deriv) return deriv;
    this.i = numStart;
    const a = this.parseArg();
    const b = this.parseArg();
    return { kind: 'frac', numerator: a, denominator: b, start: t.start, end: this.lastArgEnd };
  }

  private tryDerivative(t: Token): Node | null {
    const numG = this.toks[this.i]?.text === '{' ? skipGroup(this.toks, this.i) : -1;
    if (numG < 0) return null;
    const numToks = this.toks.slice(this.i + 1, numG - 1);
    const denEnd = this.toks[numG]?.text === '{' ? skipGroup(this.toks, numG) : -1;
    if (denEnd < 0) return null;
    const denToks = this.toks.slice(numG + 1, denEnd - 1);
    const isD = (tok: Token | undefined) =>
      !!tok &&
      (tok.text === '\\partial' ||
        (tok.type === 'letter' && tok.text === 'd') ||
        tok.text === '\\mathrm' ||
        tok.text === '\\text' ||
        tok.text === '\\operatorname' ||
        (tok.text === '\\delta' && false));
    const dWord = (toks: Token[]): { style: 'partial' | 'd'; rest: number } | null => {
      if (toks.length === 0) return null;
      if (toks[0].text === '\\partial') return { style: 'partial', rest: 1 };
      if (toks[0].type === 'letter' && toks[0].text === 'd') return { style: 'd', rest: 1 };
      if (
        (toks[0].text === '\\mathrm' || toks[0].text === '\\text' || toks[0].text === '\\operatorname') &&
        toks[1]?.text === '{' &&
        toks[2]?.text === 'd' &&
        toks[3]?.text === '}'
      )
        return { style: 'd', rest: 4 };
      return null;
    };
    const nd = dWord(numToks);
    const dd = dWord(denToks);
    if (!nd || !dd || !isD(denToks[0])) return null;
    // `\frac{d}{dx}` needs the denominator to be d followed by something, and the numerator's
    // d must not be a plain factor: `\frac{d x}{d y}` vs `\frac{d}{2}`.
    if (denToks.length <= dd.rest) return null;
    if (nd.style === 'd' && dd.style !== 'd') return null;
    // Order: \partial^2 in the numerator.
    let order = 1;
    let numRest = nd.rest;
    if (numToks[numRest]?.text === '^') {
      const o = numToks[numRest + 1];
      if (o?.type === 'num') {
        order = Number(o.text);
        numRest += 2;
      } else if (
        o?.text === '{' &&
        numToks[numRest + 2]?.type === 'num' &&
        numToks[numRest + 3]?.text === '}'
      ) {
        order = Number(numToks[numRest + 2].text);
        numRest += 4;
      }
    }
    // Parse the numerator's function (may be empty) and the denominator's variable with sub-parsers.
    const sub = (toks: Token[]) => {
      const eof: Token = {
        type: 'eof',
        text: '',
        start: toks.length ? toks[toks.length - 1].end : t.end,
        end: toks.length ? toks[toks.length - 1].end : t.end,
      };
      const p = new Parser([...toks, eof], this.problems, {});
      const n = p.parseExpr();
      if (p.peek.type !== 'eof')
        throw new ParseError(`unexpected '${p.peek.text}' in a derivative`, p.peek.start, p.peek.end);
      return n;
    };
    let of: Node | null = null;
    const ofToks = numToks.slice(numRest);
    let wrtToks = denToks.slice(dd.rest);
    // `\partial x^2` for a second derivative.
    if (order > 1 && wrtToks.length >= 3 && wrtToks[wrtToks.length - 2].text === '^')
      wrtToks = wrtToks.slice(0, -2);
    if (
      order > 1 &&
      wrtToks.length >= 5 &&
      wrtToks[wrtToks.length - 4].text === '^' &&
      wrtToks[wrtToks.length - 3].text === '{'
    )
      wrtToks = wrtToks.slice(0, -4);
    // `\frac{\partial^2 f}{\partial x \partial y}`: mixed partials, the rightmost taken first.
    if (
      (dd.style === 'partial' || order > 1) &&
      wrtToks.some((_, k) => isDifferentialAt(wrtToks, k, dd.style))
    ) {
      const parts = mixedPartials(denToks.slice(dd.rest), dd.style).map((p) => ({
        wrt: sub(p.toks),
        order: p.order,
      }));
      const total = parts.reduce((a, p) => a + p.order, 0);
      const end = this.toks[denEnd - 1].end;
      if (nd.style !== dd.style || total !== order)
        throw new ParseError(
          `the orders of this mixed partial differ: ${order} above, ${total} below`,
          t.start,
          end,
        );
      this.i = denEnd;
      let node: Node;
      if (ofToks.length) node = sub(ofToks);
      else if (this.endsExpression())
        throw new ParseError('a derivative operator needs something to differentiate after it', t.start, end);
      else node = this.parseOperand();
      const e = Math.max(end, node.end);
      for (let k = parts.length - 1; k >= 0; k--)
        node = {
          kind: 'deriv',
          of: node,
          wrt: parts[k].wrt,
          order: parts[k].order,
          style: dd.style,
          start: t.start,
          end: e,
        };
      return node;
    }
    if (ofToks.length) of = sub(ofToks);
    const wrt = sub(wrtToks);
    this.i = denEnd;
    const end = this.toks[denEnd - 1].end;
    let node: Node = { kind: 'deriv', of, wrt, order, style: nd.style, start: t.start, end: end };
    if (of !== null && this.at('(')) {
      // `\frac{dg}{dt}(s)`: the derivative of a function at s, or a product with a bracket;
      // the checker decides by whether g is a function.
      const args = this.parseParenArgs();
      node = { ...node, at: args.items, end: args.end };
    }
    if (of === null) {
      // `\frac{\partial}{\partial x} f(x)` — the operand is the following factor.
      if (this.endsExpression())
        throw new ParseError('a derivative operator needs something to differentiate after it', t.start, end);
      const body = this.parseOperand();
      node = { kind: 'deriv', of: body, wrt, order, style: nd.style, start: t.start, end: body.end };
    }
    return node;
  }

  /** `\\partial L / \\partial W` written inline: the same derivative as the fraction. */
  private parseSlashDerivative(t: Token): Node {
    this.next();
    if (this.endsExpression())
      throw new ParseError(
        'a lone \\partial is not supported: write \\frac{\\partial Y}{\\partial X}',
        t.start,
        t.end,
      );
    const of = this.parseFactor();
    if (!this.at('/'))
      throw new ParseError(
        'expected / \\partial x after \\partial y (or write \\frac{\\partial y}{\\partial x})',
        t.start,
        of.end,
      );
    this.next();
    if (!this.at('\\partial')) throw new ParseError('expected \\partial after /', t.start, this.peek.end);
    this.next();
    const wrt = this.parseFactor();
    return { kind: 'deriv', of, wrt, order: 1, style: 'partial', start: t.start, end: wrt.end };
  }

  /** `\\nabla_x f`, `\\nabla f(x)`, the Hessian `\\nabla^2_x f` and the row gradient `\\nabla_x^\\top f`. */
  private parseNabla(t: Token): Node {
    this.next();
    let wrt: Node | null = null;
    let order = 1;
    let transposed = false;
    let scriptEnd = t.end;
    for (let round = 0; round < 2; round++) {
      if (this.at('_') && !wrt) {
        this.next();
        const arg = this.parseScriptArg();
        if (arg.nodes.length !== 1)
          throw new ParseError('\\nabla_{…} must name one variable', arg.start, arg.end);
        wrt = arg.nodes[0];
        scriptEnd = arg.end;
      } else if (this.at('^') && order === 1 && !transposed) {
        this.next();
        const raw = this.scriptRaw();
        const m = raw.text.replace(/\s+/g, '');
        if (/^[1-9]$/.test(m)) order = Number(m);
        else if (m === 'T' || m === '\\top' || m === '\\intercal' || m === '\\mathsf{T}') transposed = true;
        else
          throw new ParseError(
            `\\nabla^{${m}} is not read: \\nabla^2 (Hessian or Laplacian) and \\nabla^\\top (a row) are`,
            t.start,
            raw.end,
          );
        scriptEnd = raw.end;
      }
    }
    let node: Node;
    if (!wrt) {
      // `\\nabla f(x)`: the gradient with respect to the one argument written.
      if (this.endsExpression())
        throw new ParseError(
          '\\nabla needs a function after it: \\nabla f(x) or \\nabla_x f',
          t.start,
          scriptEnd,
        );
      const body = this.parseFactor();
      if (!(body.kind === 'apply' && body.args.length === 1 && body.args[0].kind === 'sym'))
        throw new ParseError(
          '\\nabla without a subscript is read only as \\nabla f(x); write \\nabla_x for anything else',
          t.start,
          body.end,
        );
      node = {
        kind: 'deriv',
        of: body,
        wrt: body.args[0],
        order,
        style: 'nabla',
        start: t.start,
        end: body.end,
      };
    } else {
      if (this.endsExpression())
        throw new ParseError('\\nabla_x needs a function after it', t.start, scriptEnd);
      const body = this.parseOperand();
      node = { kind: 'deriv', of: body, wrt, order, style: 'nabla', start: t.start, end: body.end };
    }
    return transposed ? { kind: 'post', op: 'T', operand: node, start: node.start, end: node.end } : node;
  }

  private parseNorm(t: Token): Node {
    this.next();
    const close =
      t.text === '\\lVert'
        ? '\\rVert'
        : t.text === '\\lvert'
          ? '\\rvert'
          : t.text === '\\vert'
            ? '\\vert'
            : t.text === '\\Vert'
              ? '\\Vert'
              : '\\|';
    this.closers.push(close);
    let inner: Node;
    try {
      inner = this.parseValue();
    } finally {
      this.closers.pop();
    }
    const c = this.expect(close, `a closing '${close}'`);
    if (t.text === '\\lvert' || t.text === '\\vert')
      return { kind: 'abs', operand: inner, start: t.start, end: c.end };
    let p: Node | null = null;
    let e = c.end;
    if (this.at('_')) {
      this.next();
      const arg = this.parseScriptArg();
      p = arg.nodes[0] ?? null;
      if (arg.text === 'F' || arg.text === '\\mathrm{F}' || arg.text === 'Fro')
        p = { kind: 'word', name: 'F', start: arg.start, end: arg.end };
      e = arg.end;
    }
    return { kind: 'norm', operand: inner, p, start: t.start, end: e };
  }

  private parseBigOp(t: Token): Node {
    this.next();
    let index: BigOpIndex | null = null;
    let upper: Node | null = null;
    let outer: string[] = [];
    for (let round = 0; round < 2; round++) {
      if (this.at('_')) {
        this.next();
        const arg = this.parseScriptArg();
        // `\sum_{ij}`, `\sum_{i,j}`: one sum per letter, outermost first, each over its own range.
        const letters = indexLetters(arg.nodes);
        outer = letters ? letters.slice(0, -1) : [];
        index = readBigOpIndex(
          letters ? [arg.nodes.flatMap((x) => flattenJuxtLetters(x) ?? [x]).at(-1)!] : arg.nodes,
        );
      } else if (this.at('^')) {
        this.next();
        const arg = this.parseScriptArg();
        upper = arg.nodes[0] ?? null;
      }
    }
    if (index && upper) index.to = upper;
    else if (!index && upper) index = { name: '', from: null, to: upper, set: null, raw: null };
    // `\sum_i -x_i` is the sum of −x_i: a sign right after the limits opens the summand.
    const negated = this.at('-') ? this.next() : null;
    if (this.endsExpression()) throw new ParseError(`${t.text} needs a summand`, t.start, t.end);
    let body = this.parseTerm();
    if (negated) body = { kind: 'neg', operand: body, start: negated.start, end: body.end };
    // `\sum_j a_j b + c_j`: a later term that still uses the index belongs to the sum.
    const name = index?.name;
    while (name && (this.at('+') || this.at('-'))) {
      const save = this.i;
      const saveProblems = this.problems.length;
      const op = this.next();
      let term: Node | null = null;
      try {
        term = this.endsExpression() ? null : this.parseTerm();
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
      }
      if (!term || !usesIndex(term, name)) {
        this.i = save;
        this.problems.length = saveProblems;
        break;
      }
      body = {
        kind: 'bin',
        op: op.text === '+' ? '+' : '-',
        left: body,
        right: term,
        start: body.start,
        end: term.end,
      };
    }
    const op = t.text === '\\sum' ? 'sum' : 'prod';
    let node: Node = { kind: 'bigop', op, index, body, start: t.start, end: body.end };
    for (const letter of [...outer].reverse()) {
      const ix: BigOpIndex = { name: letter, from: null, to: null, set: null, raw: null };
      node = { kind: 'bigop', op, index: ix, body: node, start: t.start, end: body.end };
    }
    return node;
  }

  /** `\\int_a^b f(x)\\,dx`, `\\int dx\\, f(x)`, `\\int_\\Omega f`: see math/differential.ts. */
  private parseIntegral(t: Token): Node {
    this.next();
    let lower: Node | null = null;
    let upper: Node | null = null;
    for (let round = 0; round < 2; round++) {
      if (this.at('_') || this.at('^')) {
        const which = this.next().text;
        const arg = this.parseScriptArg();
        const bound: Node =
          arg.nodes.length === 1
            ? arg.nodes[0]
            : { kind: 'list', items: arg.nodes, start: arg.start, end: arg.end };
        if (which === '_') lower = bound;
        else upper = bound;
      }
    }
    const sign = INTEGRAL_SIGNS[t.text] === 1 && t.text !== '\\oint' ? 'int' : t.text.slice(1);
    const d = findDifferential(this.toks, this.i);
    const variableOf = (diff: Differential): SymNode => {
      const node = this.subParse(this.toks.slice(diff.varStart, diff.end), t);
      if (node.kind !== 'sym')
        throw new ParseError('the variable of an integral must be a name', node.start, node.end);
      return node;
    };
    const make = (body: Node, variable: SymNode | null, e: number): Node => ({
      kind: 'integral',
      sign: sign as 'int' | 'iint' | 'iiint' | 'oint',
      lower,
      upper,
      variable,
      body,
      start: t.start,
      end: e,
    });
    if (d && d.start === this.i) {
      // `\\int_0^1 dx\\, f(x)`: the differential first, the integrand is the product after it.
      const variable = variableOf(d);
      this.i = d.end;
      if (this.endsExpression())
        throw new ParseError('an integral needs an integrand', t.start, this.toks[d.end - 1].end);
      const body = this.parseTerm();
      return make(body, variable, body.end);
    }
    if (d) {
      const body = this.subParse(this.toks.slice(this.i, d.start), t);
      const variable = variableOf(d);
      this.i = d.end;
      return make(body, variable, this.toks[d.end - 1].end);
    }
    if (this.endsExpression()) throw new ParseError('an integral needs an integrand', t.start, t.end);
    const body = this.parseTerm();
    // `\\int_0^1 \\frac{dx}{1 + x^2}`: the differential as the numerator.
    const top = body.kind === 'frac' ? body.numerator : null;
    if (
      body.kind === 'frac' &&
      top?.kind === 'bin' &&
      top.op === 'juxt' &&
      top.left.kind === 'sym' &&
      top.left.name === 'd' &&
      top.right.kind === 'sym' &&
      top.right.name !== 'd'
    ) {
      const one: Node = { kind: 'num', value: 1, text: '1', start: top.start, end: top.end };
      const integrand: Extract<Node, { kind: 'frac' }> = { ...body, numerator: one };
      return make(integrand, top.right, body.end);
    }
    return make(body, null, body.end);
  }

  /** Tokens parsed on their own as one expression (the parts of a derivative or an integral). */
  private subParse(toks: Token[], t: Token): Node {
    const eof: Token = {
      type: 'eof',
      text: '',
      start: toks.length ? toks[toks.length - 1].end : t.end,
      end: toks.length ? toks[toks.length - 1].end : t.end,
    };
    if (toks.length === 0) throw new ParseError('an integral needs an integrand', t.start, t.end);
    const p = new Parser([...toks, eof], this.problems, {});
    const n = p.parseExpr();
    if (p.peek.type !== 'eof') throw new ParseError(`unexpected '${p.peek.text}'`, p.peek.start, p.peek.end);
    return n;
  }

  private parseExpectation(op: ExpectOp, s: number): Node {
    const what = EXPECT_WORDS[op];
    let sub: Node | null = null;
    if (this.at('_')) {
      this.next();
      const arg = this.parseScriptArg();
      sub =
        arg.nodes.length === 1
          ? arg.nodes[0]
          : { kind: 'list', items: arg.nodes, start: arg.start, end: arg.end };
    }
    let body: Node;
    let given: Node | null = null;
    if (this.at('[') || this.at('(') || this.at('\\{')) {
      const open = this.peek;
      const r = this.parseParenArgs(true);
      const own = r.given === undefined ? r.items : r.items.slice(0, r.given);
      const cond = r.given === undefined ? [] : r.items.slice(r.given);
      // `\\Pr(X = 1, Y = 0)`: events joined by commas hold together.
      const wanted = op === 'Cov' ? 2 : op === 'P' ? Math.max(1, own.length) : 1;
      if (own.length !== wanted)
        throw new ParseError(
          `${what.name} takes ${op === 'Cov' ? 'two expressions' : 'one expression'}`,
          open.start,
          r.end,
        );
      body = wanted === 1 ? own[0] : { kind: 'list', items: own, ...span(own[0], own[own.length - 1]) };
      if (cond.length)
        given =
          cond.length === 1
            ? cond[0]
            : { kind: 'list', items: cond, ...span(cond[0], cond[cond.length - 1]) };
      return { kind: 'expect', op, sub, body, given, start: s, end: r.end };
    }
    if (this.endsExpression() || op === 'Cov')
      throw new ParseError(
        `${what.command} needs ${op === 'Cov' ? 'two expressions in brackets' : 'an expression'}`,
        s,
        this.peek.start,
      );
    body = this.parseTerm();
    return { kind: 'expect', op, sub, body, start: s, end: body.end };
  }

  private finishCall(fn: string, s: number, e: number): Node {
    let sub: Node | null = null;
    let sup: Node | null = null;
    for (let round = 0; round < 2; round++) {
      if (this.at('_')) {
        this.next();
        const a = this.parseScriptArg();
        sub = a.nodes[0] ?? null;
        e = a.end;
      } else if (this.at('^')) {
        this.next();
        const a = this.parseScriptArg();
        sup = a.nodes[0] ?? null;
        e = a.end;
      }
    }
    if (this.at('(') || (this.at('[') && fn !== 'max' && fn !== 'min')) {
      const r = this.parseParenArgs();
      return { kind: 'call', fn, args: r.items, sub, sup, paren: true, start: s, end: r.end };
    }
    const braced = bracedBracket(this.toks, this.i);
    if (braced && (this.toks[braced.open].text === '(' || (fn !== 'max' && fn !== 'min'))) {
      this.next();
      const r = this.parseParenArgs();
      const c = this.expect('}', 'the brace around the argument');
      return {
        kind: 'call',
        fn,
        args: r.items,
        sub,
        sup,
        paren: true,
        start: s,
        end: Math.max(r.end, c.end),
      };
    }
    if (this.endsExpression()) throw new ParseError(`${fn} needs an argument`, s, e);
    // `\sin 2x`, `\log xy`, `\operatorname{tr} AB`: an argument written without brackets runs over
    // the numbers and names written against it, up to the next function, bracket, operator or
    // relation — so `\sin x \cos x` is a product of two calls and `\sin x + y` adds y.
    // `\log{x} y`: a braced group is the whole argument, as a bracketed one is, so what follows
    // it multiplies the call.
    const inBraces = this.at('{');
    let arg = this.parseFactor();
    while (!inBraces && !this.endsExpression() && this.continuesBareArgument()) {
      const right = this.parseFactor();
      arg = { kind: 'bin', op: 'juxt', left: arg, right: right, ...span(arg, right) };
    }
    return { kind: 'call', fn, args: [arg], sub, sup, paren: false, start: s, end: arg.end };
  }

  /** A number, a letter, a Greek letter or an accented or bold name: part of a bare function argument. */
  private continuesBareArgument(): boolean {
    const t = this.peek;
    if (t.lineBreakBefore) return false;
    if (t.type === 'num') return true;
    if (t.type === 'letter') return true;
    if (t.type !== 'cmd') return false;
    return (
      GREEK.has(t.text.slice(1)) ||
      ACCENTS.has(t.text) ||
      (FONTS.has(t.text) && t.text !== '\\mathrm' && t.text !== '\\textrm')
    );
  }

  private parseFont(t: Token): Node {
    this.next();
    this.lastArgEnd = 0;
    const g = this.rawGroup(this.i);
    if (g) {
      const text = g.text.trim();
      if (
        (t.text === '\\mathbf' || t.text === '\\boldsymbol' || t.text === '\\bm') &&
        (text === '1' || text === '0')
      ) {
        this.i = g.next;
        return makeSym(text === '1' ? '\\mathbf{1}' : '\\mathbf{0}', t.start, this.toks[g.next - 1].end);
      }
      if (/^[A-Za-z]{2,}$/.test(text)) {
        this.i = g.next;
        return this.wordAtom(text, t.start, this.toks[g.next - 1].end);
      }
      if (t.text === '\\mathcal' && text === 'N' && this.toks[g.next]?.text === '(') {
        this.i = g.next;
        return this.finishCall('Normal', t.start, this.toks[g.next - 1].end);
      }
    }
    // Fonts do not make new names: parse the argument as if the font were not there.
    const arg = this.parseArgAtom();
    if (arg.kind === 'sym') {
      const font = FONT_FAMILY[t.text];
      const end = Math.max(arg.end, this.lastArgEnd);
      return this.maybeApply({ ...arg, start: t.start, end, ...(font ? { font } : {}) });
    }
    return arg;
  }

  private parseBlackboard(t: Token): Node {
    this.next();
    const g = this.rawGroup(this.i);
    const letter = g ? g.text.trim() : this.peek.text;
    const end = g ? this.toks[g.next - 1].end : this.peek.end;
    if (g) this.i = g.next;
    else this.next();
    if (letter === 'E') {
      return this.parseExpectation('E', t.start);
    }
    // `\mathbb{P}(A)`, `\mathbb{P}_{x \sim p}[A]`: a probability; a bare `\mathbb{P}` is a name.
    if (letter === 'P' && (this.at('(') || this.at('[') || (this.at('_') && this.expectationFollows())))
      return this.parseExpectation('P', t.start);
    if (letter === '1' || letter === 'I') {
      if (this.at('[') || this.at('\\{') || this.at('(')) {
        const r = this.parseParenArgs();
        if (r.items.length !== 1) throw new ParseError('an indicator takes one condition', t.start, r.end);
        return { kind: 'indicator', cond: r.items[0], start: t.start, end: r.end };
      }
      // Written alone, `\mathbb{1}` is the vector of ones and `\mathbb{I}` the identity matrix
      // (SymPy prints its Identity so; `\sigma^2 \mathbb{I}_n`).
      const alone = letter === '1' ? '\\mathbf{1}' : '\\mathbb{I}';
      if (this.at('_')) {
        this.next();
        const a = this.parseScriptArg();
        if (a.nodes.length === 1 && a.nodes[0].kind === 'cmp')
          return { kind: 'indicator', cond: a.nodes[0], start: t.start, end: a.end };
        return withSubscript(makeSym(alone, t.start, end), a.nodes, a.text, a.end);
      }
      return makeSym(alone, t.start, end);
    }
    // `\mathbb{R}_{>0}`, `\mathbb{S}^{n}_{++}`: the subscript is a label, read raw.
    let label: string | null = null;
    let exponent: Node | null = null;
    let e = end;
    for (let round = 0; round < 2; round++) {
      if (this.at('_') && label === null) {
        this.next();
        const raw = this.scriptRaw();
        label = raw.text.replace(/\s+/g, '');
        e = raw.end;
      } else if (this.at('^') && exponent === null) {
        this.next();
        const a = this.parseScriptArg();
        exponent =
          a.nodes.length === 1 ? a.nodes[0] : { kind: 'list', items: a.nodes, start: a.start, end: a.end };
        e = a.end;
      }
    }
    const sym = makeSym(`\\mathbb{${letter}}`, t.start, end);
    const base: SymNode =
      label === null ? sym : { ...sym, subText: label, name: `${sym.name}_{${label}}`, end: e };
    return exponent ? { kind: 'pow', base: base, exponent: exponent, start: t.start, end: e } : base;
  }

  private parseWordCommand(t: Token): Node {
    this.next();
    const g = this.rawGroup(this.i);
    if (!g) throw new ParseError(`${t.text} needs a braced argument`, t.start, t.end);
    this.i = g.next;
    const text = g.text.trim();
    const e = this.toks[g.next - 1].end;
    if (text === '') return { kind: 'text', text: '', start: t.start, end: e };
    return this.wordAtom(text, t.start, e);
  }

  /** A multi-letter word: a known function, Var/E, or a multi-letter name such as `Loss`. */
  private wordAtom(text: string, s: number, e: number): Node {
    const key = text.toLowerCase().replace(/[\s-]/g, '');
    if (key === 'var' || key === 'cov') return this.parseExpectation(key === 'cov' ? 'Cov' : 'Var', s);
    if (key === 'e' || key === 'ex') return this.parseExpectation('E', s);
    if (DISTRIBUTIONS[key]) return this.finishCall(DISTRIBUTIONS[key], s, e);
    const fn = FUNCTION_WORDS[key];
    if (fn) return this.finishCall(fn, s, e);
    if (/^[A-Za-z]+$/.test(text)) return this.maybeApply(makeSym(`\\text{${text}}`, s, e));
    return { kind: 'text', text, start: s, end: e };
  }

  private parseEnvironment(t: Token): Node {
    this.next();
    const g = this.rawGroup(this.i);
    if (!g) throw new ParseError('\\begin needs an environment name', t.start, t.end);
    const env = g.text.trim();
    this.i = g.next;
    if (MATRIX_ENVIRONMENTS.has(env)) return this.parseMatrix(t, env);
    if (env === 'cases' || env === 'dcases' || env === 'cases*') return this.parseCases(t, env);
    throw new ParseError(
      `environment '${env}' is not supported inside math`,
      t.start,
      this.toks[g.next - 1].end,
    );
  }

  private parseEnd(env: string, t: Token): number {
    const end = this.expect('\\end', `\\end{${env}}`);
    const g = this.rawGroup(this.i);
    if (!g || g.text.trim() !== env)
      throw new ParseError(`\\begin{${env}} is closed by a different \\end`, t.start, end.end);
    this.i = g.next;
    return this.toks[g.next - 1].end;
  }

  private parseMatrix(t: Token, env: string): Node {
    const rows: Node[][] = [];
    let row: Node[] = [];
    const saved = this.closers;
    this.closers = [];
    try {
      for (;;) {
        if (this.peek.type === 'eof')
          throw new ParseError(`\\begin{${env}} is never closed: add \\end{${env}}`, t.start, t.end);
        if (this.at('\\end')) break;
        if (this.at('&')) {
          this.next();
          continue;
        }
        if (this.at('\\\\')) {
          this.next();
          rows.push(row);
          row = [];
          continue;
        }
        row.push(this.parseValue());
        if (this.atEnd())
          throw new ParseError(`\\begin{${env}} is never closed: add \\end{${env}}`, t.start, t.end);
        if (!this.at('&') && !this.at('\\\\') && !this.at('\\end')) {
          const u = this.peek;
          throw new ParseError(
            `expected '&', '\\\\' or \\end{${env}} in a matrix but found '${u.text || 'end of math'}'`,
            u.start,
            u.end,
          );
        }
      }
    } finally {
      this.closers = saved;
    }
    if (row.length) rows.push(row);
    const e = this.parseEnd(env, t);
    const node: Node = { kind: 'matrix', env, rows, start: t.start, end: e };
    if (env === 'vmatrix')
      return {
        kind: 'call',
        fn: 'det',
        args: [node],
        sub: null,
        sup: null,
        paren: true,
        start: t.start,
        end: e,
      };
    return node;
  }

  private parseCases(t: Token, env: string): Node {
    const rows: { value: Node; cond: Node | null }[] = [];
    const saved = this.closers;
    this.closers = [];
    try {
      while (!this.at('\\end')) {
        if (this.peek.type === 'eof') throw new ParseError(`\\begin{${env}} is never closed`, t.start, t.end);
        if (this.at('\\\\')) {
          this.next();
          continue;
        }
        const value = this.parseValue();
        while (this.at(',')) this.next();
        let cond: Node | null = null;
        if (this.at('&')) {
          this.next();
          cond = this.parseCondition();
        }
        rows.push({ value, cond });
        while (this.at(',') || this.at('.') || this.at(';')) this.next();
        if (!this.at('\\\\') && !this.at('\\end')) {
          const u = this.peek;
          throw new ParseError(
            `expected '\\\\' or \\end{${env}} but found '${u.text || 'end of math'}'`,
            u.start,
            u.end,
          );
        }
      }
    } finally {
      this.closers = saved;
    }
    const e = this.parseEnd(env, t);
    return { kind: 'cases', rows, start: t.start, end: e };
  }

  /** A case condition: `x < 0`, `\text{if } x > 0`, `\text{otherwise}`. */
  private parseCondition(): Node | null {
    const parts: Node[] = [];
    while (!this.at('\\\\') && !this.at('\\end') && this.peek.type !== 'eof') {
      if (this.at('\\text') || this.at('\\mbox') || this.at('\\textnormal') || this.at('\\textrm')) {
        const t = this.next();
        const g = this.rawGroup(this.i);
        if (!g) throw new ParseError('\\text needs a braced argument', t.start, t.end);
        this.i = g.next;
        const w = g.text.trim().toLowerCase().replace(/[,.]$/, '');
        if (w === 'otherwise' || w === 'else' || w === 'elsewhere') return null;
        if (isConnective(w) || w === '') continue;
        parts.push({ kind: 'text', text: g.text, start: t.start, end: this.toks[g.next - 1].end });
        continue;
      }
      if (this.at(',') || this.at('.') || this.at(';') || this.at('&')) {
        this.next();
        continue;
      }
      const from = this.i;
      try {
        parts.push(this.parseValue());
      } catch (err) {
        // A condition that cannot be read (`k \equiv 0 \pmod N`) leaves its row unevaluated, not
        // the whole math: the rows after it and the relation around the cases still read.
        if (!(err instanceof ParseError)) throw err;
        this.i = rowEnd(this.toks, from);
        const start = this.toks[from].start;
        return {
          kind: 'error',
          message: `a condition of the cases: ${err.message}`,
          start,
          end: this.peek.start,
        };
      }
    }
    if (parts.length === 0) return { kind: 'text', text: '', start: this.peek.start, end: this.peek.start };
    return parts[parts.length - 1];
  }

  /** A raw `{…}` group starting at token index i: its source text and the index after it. */
  private rawGroup(i: number): { text: string; next: number } | null {
    if (this.toks[i]?.text !== '{') return null;
    const end = skipGroup(this.toks, i);
    if (this.toks[end - 1]?.text !== '}') return null;
    const first = this.toks[i];
    const last = this.toks[end - 1];
    return { text: this.sourceBetween(first.end, last.start, i + 1, end - 1), next: end };
  }

  private skipRawGroup(): void {
    if (this.at('{')) this.i = skipGroup(this.toks, this.i);
  }

  /** Reconstructs the source text between two offsets from tokens (keeps spaces between words). */
  private sourceBetween(_s: number, _e: number, i: number, j: number): string {
    let out = '';
    for (let k = i; k < j; k++) {
      if (k > i && this.toks[k].start > this.toks[k - 1].end) out += ' ';
      out += this.toks[k].text;
    }
    return out;
  }
}

function joinTokens(toks: Token[]): string {
  let out = '';
  for (let k = 0; k < toks.length; k++) {
    // A command followed by a letter needs a space, or `\\times n` would read back as `\\timesn`.
    if (
      k > 0 &&
      toks[k - 1].type === 'cmd' &&
      /^\\[a-zA-Z]+$/.test(toks[k - 1].text) &&
      toks[k].type === 'letter'
    )
      out += ' ';
    out += toks[k].text;
  }
  return out;
}

function isConnective(text: string): boolean {
  const w = text
    .trim()
    .toLowerCase()
    .replace(/[,.:;]+$/, '')
    .trim();
  if (w === '') return true;
  if (CONNECTIVES.has(w)) return true;
  // "for all", "and hence", "where we", … : a short phrase made of connectives only.
  const words = w.split(/\s+/);
  return (
    words.length <= 3 &&
    words.every(
      (x) =>
        CONNECTIVES.has(x) ||
        x === 'all' ||
        x === 'we' ||
        x === 'have' ||
        x === 'that' ||
        x === 'some' ||
        x === 'each' ||
        x === 'every' ||
        x === 'any',
    )
  );
}

function isListContinuation(node: Node): boolean {
  // After `i = 1`, a bare `\ldots`, `m` or `2` continues the right side's list.
  return node.kind === 'dots' || node.kind === 'num' || node.kind === 'sym' || node.kind === 'neg';
}

function unknownCommand(v: string): string {
  return (
    `unknown command ${v}; if it is a macro of your own, define it before its first use ` +
    `(\\newcommand{${v}}{…} in the preamble or in a math block)`
  );
}

export function makeSym(base: string, s: number, e: number): SymNode {
  return { kind: 'sym', name: base, stem: base, base, sub: null, subText: null, primes: 0, start: s, end: e };
}

function renameSym(sym: SymNode, stem: string, s: number): SymNode {
  const name = sym.subText !== null ? `${stem}_{${sym.subText}}` : stem;
  return { ...sym, stem, base: stem, name: name + "'".repeat(sym.primes), start: s };
}

function withSubscript(sym: SymNode, nodes: Node[], text: string, e: number): SymNode {
  // Spaces go, except the one that keeps a command apart from a following letter (`\times n`).
  const clean = text
    .replace(/(\\[a-zA-Z]+)\s+(?=[a-zA-Z])/g, '$1\u0000')
    .replace(/\s+/g, '')
    .replace(/\u0000/g, ' ');
  if (sym.subText !== null) {
    // `x_{i}_{j}` is not TeX; treat a second subscript as part of the label.
    return {
      ...sym,
      subText: `${sym.subText},${clean}`,
      name: `${sym.stem}_{${sym.subText},${clean}}`,
      sub: [...(sym.sub ?? []), ...nodes],
      end: e,
    };
  }
  // `A_{ij}`: two single-letter indices.
  let items = nodes;
  if (nodes.length === 1) {
    const letters = flattenJuxtLetters(nodes[0]);
    if (letters && letters.length > 1) items = letters;
  }
  // Primes written before the subscript are already part of the stem (x'_i).
  return { ...sym, subText: clean, name: `${sym.stem}_{${clean}}`, sub: items, end: e };
}

function flattenJuxtLetters(n: Node): Node[] | null {
  if (n.kind === 'sym' && n.sub === null && n.primes === 0) return [n];
  if (n.kind === 'num' && Number.isInteger(n.value) && n.text.length === 1) return [n];
  if (n.kind === 'bin' && n.op === 'juxt') {
    const a = flattenJuxtLetters(n.left);
    const b = flattenJuxtLetters(n.right);
    if (a && b) return [...a, ...b];
  }
  return null;
}

/** True when a subscript somewhere in the tree mentions the index letter. */
function usesIndex(n: Node, name: string): boolean {
  let found = false;
  const visit = (x: Node): void => {
    if (found) return;
    // A nested sum over the same letter binds its own occurrences.
    if (x.kind === 'bigop' && x.index?.name === name) return;
    if (x.kind === 'sym' && x.sub) {
      if (x.sub.some((s) => mentions(s, name))) {
        found = true;
        return;
      }
    }
    for (const c of Object.values(x)) {
      if (c && typeof c === 'object' && 'kind' in (c as object)) visit(c as Node);
      else if (Array.isArray(c))
        for (const y of c) if (y && typeof y === 'object' && 'kind' in y) visit(y as Node);
    }
  };
  visit(n);
  return found;
}

function mentions(n: Node, name: string): boolean {
  if (n.kind === 'sym') return n.name === name;
  if (n.kind === 'bin') return mentions(n.left, name) || mentions(n.right, name);
  if (n.kind === 'neg') return mentions(n.operand, name);
  return false;
}

/** `ij`, `i,j`, `i, j, k`: two or more distinct bare index letters, or null. */
function indexLetters(nodes: Node[]): string[] | null {
  const items = nodes.flatMap((x) => flattenJuxtLetters(x) ?? [x]);
  if (items.length < 2 || !items.every((x) => x.kind === 'sym' && x.sub === null && /^[a-z]$/.test(x.base)))
    return null;
  const names = items.map((x) => (x as SymNode).name);
  return new Set(names).size === names.length ? names : null;
}

function readBigOpIndex(nodes: Node[]): BigOpIndex {
  const raw = nodes[0] ?? null;
  if (nodes.length === 1 && raw) {
    if (raw.kind === 'cmp' && raw.op === '=' && raw.left.kind === 'sym')
      return { name: raw.left.name, from: raw.right, to: null, set: null, raw };
    if (raw.kind === 'cmp' && raw.op === '\\in' && raw.left.kind === 'sym')
      return { name: raw.left.name, from: null, to: null, set: raw.right, raw };
    if (raw.kind === 'sym') return { name: raw.name, from: null, to: null, set: null, raw };
  }
  return { name: '', from: null, to: null, set: null, raw };
}

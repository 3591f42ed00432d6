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
import { type Differential, findDifferential, INTEGRAL_SIGNS } from './differential';
import {
  ACCENTS,
  CONNECTIVES,
  NOT_EVALUATED,
  FONTS,
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
    readonly s: number,
    readonly e: number,
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
      q.s = Math.min(Math.max(q.s, base), base + text.length);
      q.e = Math.min(Math.max(q.e, q.s), base + text.length);
      if (q.e === q.s && q.s > base) q.s--;
    }
    return out;
  } catch (err) {
    // Defensive: a bug in the parser must not take the document down with it.
    problems.push({
      code: 'syntax',
      message: `internal parser error: ${(err as Error).message}`,
      s: base,
      e: base + text.length,
    });
    return { statements: [], tag: null, problems };
  }
}

/** `{name}` as tokens, at the place of the group that follows `\begin` or `\end`. */
function envName(open: Token, name: string): Token[] {
  return [
    { t: 'sym', v: '{', s: open.s, e: open.s },
    ...[...name].map((ch): Token => ({ t: 'letter', v: ch, s: open.s, e: open.s })),
    { t: 'sym', v: '}', s: open.s, e: open.s },
  ];
}

/**
 * When the `\begin{array}` at i comes right after an opening bracket (already in `out`) and its
 * `\end{array}` right before the matching closing one: the index of that `\end` and of the bracket.
 */
function bracketedArray(tokens: Token[], out: Token[], i: number): { end: number; close: number } | null {
  const before = out[out.length - 1]?.v;
  if (before !== '[' && before !== '(') return null;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const name = tokens[j].v === '\\begin' || tokens[j].v === '\\end' ? groupText(tokens, j + 1)?.text : null;
    if (name !== 'array') continue;
    depth += tokens[j].v === '\\begin' ? 1 : -1;
    if (depth > 0) continue;
    const after = groupText(tokens, j + 1)!.next;
    let k = after;
    while (tokens[k]?.t === 'cmd' && IGNORED_COMMANDS.has(tokens[k].v)) k++;
    return tokens[k]?.v === (before === '[' ? ']' : ')') ? { end: j, close: k } : null;
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
    if (t.t === 'cmd' && IGNORED_COMMANDS.has(t.v)) {
      // `\left.` and `\right.` are invisible delimiters.
      if ((t.v === '\\left' || t.v === '\\right' || t.v === '\\middle') && tokens[i + 1]?.v === '.') i++;
      // `\left|` and `\right|` say which way a bar faces, so nested bars pair as written
      // (`\left|-\left|x\right|\right|`): they read as `\lvert`, `\rvert` (`\|` as `\lVert`, `\rVert`).
      else if (
        (t.v === '\\left' || t.v === '\\right') &&
        (tokens[i + 1]?.v === '|' || tokens[i + 1]?.v === '\\|')
      ) {
        const bar = tokens[++i];
        const double = bar.v === '\\|';
        out.push({
          ...bar,
          t: 'cmd',
          v: t.v === '\\left' ? (double ? '\\lVert' : '\\lvert') : double ? '\\rVert' : '\\rvert',
        });
      }
      continue;
    }
    // `\\operatorname*{argmax}` reads like `\\operatorname{argmax}`.
    if (t.t === 'cmd' && t.v === '\\operatorname' && tokens[i + 1]?.v === '*') {
      out.push(t);
      i++;
      continue;
    }
    // `\\stackrel{\\text{def}}{=}` and `\\overset{def}{=}` define; otherwise the decoration
    // over or under a symbol is dropped and the symbol kept.
    if (t.t === 'cmd' && (t.v === '\\stackrel' || t.v === '\\overset' || t.v === '\\underset')) {
      const first = groupText(tokens, i + 1);
      if (first) {
        const second = groupText(tokens, first.next);
        if (second && second.text === '=' && /def|:|triangle|Delta/.test(first.text)) {
          const eq = tokens[first.next + 1];
          out.push({ t: 'sym', v: ':', s: t.s, e: eq.s }, { t: 'sym', v: '=', s: eq.s, e: eq.e });
          i = second.next - 1;
          continue;
        }
        i = first.next - 1;
        continue;
      }
    }
    // `\boxed{a = b}`, `\mathop{\mathrm{argmax}}`: the frame or the spacing class goes, the content stays.
    if (t.t === 'cmd' && UNWRAPPED_COMMANDS.has(t.v) && tokens[i + 1]?.v === '{') {
      closing.add(skipGroup(tokens, i + 1) - 1);
      i++;
      continue;
    }
    if (closing.has(i)) continue;
    // `\sum_{\substack{i = 1 \\ i \ne j}}`: the lines of a stacked subscript are its conditions.
    if (t.t === 'cmd' && t.v === '\\substack' && tokens[i + 1]?.v === '{') {
      const end = skipGroup(tokens, i + 1) - 1;
      for (let j = i + 2; j < end; j++)
        out.push(tokens[j].v === '\\\\' ? { ...tokens[j], t: 'sym', v: ',' } : tokens[j]);
      i = end;
      continue;
    }
    // `\not=`, `\not\in`, `\not\le`: the negated relation.
    if (t.t === 'cmd' && t.v === '\\not' && tokens[i + 1]) {
      const r = tokens[i + 1];
      const v = r.v === '=' ? '\\neq' : r.v === '\\in' ? '\\notin' : '\\notrel';
      out.push({ t: 'cmd', v, s: t.s, e: r.e });
      i++;
      continue;
    }
    // `\left[\begin{array}{c} 1 \\ 2 \end{array}\right]`: an array in brackets is a matrix.
    if (t.t === 'cmd' && t.v === '\\begin' && groupText(tokens, i + 1)?.text === 'array') {
      const bracketed = bracketedArray(tokens, out, i);
      if (bracketed) {
        out.pop();
        out.push({ ...t }, ...envName(tokens[i + 1], 'bmatrix'));
        let j = groupText(tokens, i + 1)!.next;
        if (tokens[j]?.v === '{') j = skipGroup(tokens, j);
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
    if (t.t === 'cmd' && t.v === '\\colon') {
      out.push({ t: 'sym', v: ':', s: t.s, e: t.e });
      continue;
    }
    if (t.t === 'cmd' && IGNORED_WITH_ARGUMENT.has(t.v)) {
      i = skipGroup(tokens, i + 1) - 1;
      continue;
    }
    if (t.t === 'cmd' && (t.v === '\\begin' || t.v === '\\end')) {
      const name = groupText(tokens, i + 1);
      if (name && LAYOUT_ENVIRONMENTS.has(name.text)) {
        let j = name.next;
        // `\begin{array}{cc}` and `\begin{alignedat}{2}` carry a column argument.
        if (
          t.v === '\\begin' &&
          (name.text === 'array' || name.text.startsWith('alignedat') || name.text.startsWith('alignat')) &&
          tokens[j]?.v === '{'
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
  const group = (t: Token | undefined) => !!t && t.t === 'num' && /^\d{3}(\.\d+)?$/.test(t.v);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (
      t.v in OPENERS ||
      t.v === '\\begin' ||
      (t.v === '{' && (toks[i - 1]?.v === '_' || toks[i - 1]?.v === '^' || depth > 0))
    )
      depth++;
    else if (CLOSERS.has(t.v) || t.v === '\\end' || (t.v === '}' && depth > 0))
      depth = Math.max(0, depth - 1);
    const prev = out[out.length - 1];
    const joinable =
      prev &&
      prev.t === 'num' &&
      /^\d+$/.test(prev.v) &&
      prev.v.length <= (prev.thousands ? Infinity : 3) &&
      out[out.length - 2]?.v !== '_' &&
      out[out.length - 2]?.v !== '^' &&
      out[out.length - 2]?.v !== '.';
    if (joinable && t.v === '{' && toks[i + 1]?.v === ',' && toks[i + 2]?.v === '}' && group(toks[i + 3])) {
      const d = toks[i + 3];
      out[out.length - 1] = { ...prev, v: prev.v + d.v, e: d.e, thousands: true };
      i += 3;
      continue;
    }
    if (
      joinable &&
      depth === 0 &&
      t.v === ',' &&
      t.s === prev.e &&
      group(toks[i + 1]) &&
      toks[i + 1].s === t.e
    ) {
      const d = toks[i + 1];
      out[out.length - 1] = { ...prev, v: prev.v + d.v, e: d.e, thousands: true };
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
    if (tokens[i].v !== '|') continue;
    const next = tokens[i + 1];
    if (next?.v === '|' && next.s === tokens[i].e) {
      pairs.add(i);
      i++;
    } else singles++;
  }
  if (singles > 0 || pairs.size < 2 || pairs.size % 2 === 1) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (pairs.has(i)) {
      out.push({ ...tokens[i], t: 'cmd', v: '\\|', e: tokens[i + 1].e });
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

function skipGroup(tokens: Token[], i: number): number {
  if (tokens[i]?.v !== '{') return i + (tokens[i] && tokens[i].t !== 'eof' ? 1 : 0);
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    if (tokens[j].v === '{') depth++;
    else if (tokens[j].v === '}') {
      depth--;
      if (depth === 0) return j + 1;
    } else if (tokens[j].t === 'eof') return j;
  }
  return tokens.length - 1;
}

function groupText(tokens: Token[], i: number): { text: string; next: number } | null {
  if (tokens[i]?.v !== '{') return null;
  const end = skipGroup(tokens, i);
  const text = tokens
    .slice(i + 1, end - 1)
    .map((t) => t.v)
    .join('');
  return { text, next: end };
}

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
function mixedPartials(toks: Token[]): { toks: Token[]; order: number }[] {
  const out: { toks: Token[]; order: number }[] = [];
  let current: Token[] = [];
  const flush = () => {
    let order = 1;
    const n = current.length;
    if (n >= 3 && current[n - 2].v === '^' && current[n - 1].t === 'num') {
      order = Number(current[n - 1].v);
      current = current.slice(0, -2);
    } else if (n >= 5 && current[n - 4].v === '^' && current[n - 3].v === '{' && current[n - 1].v === '}') {
      order = Number(current[n - 2].v);
      current = current.slice(0, -4);
    }
    if (current.length) out.push({ toks: current, order });
    current = [];
  };
  for (const tok of toks) {
    if (tok.v === '\\partial') flush();
    else current.push(tok);
  }
  flush();
  return out;
}

function span(a: Span, b: Span): Span {
  return { s: a.s, e: b.e };
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
    return this.toks[this.i].t === 'eof';
  }
  private at(v: string): boolean {
    return this.toks[this.i].v === v && this.toks[this.i].t !== 'eof';
  }
  private next(): Token {
    const t = this.toks[this.i];
    if (t.t !== 'eof') this.i++;
    return t;
  }
  private expect(v: string, what: string): Token {
    if (this.at(v)) return this.next();
    const t = this.peek;
    throw new ParseError(
      `expected ${what} but found ${t.t === 'eof' ? 'the end of the math' : `'${t.v}'`}`,
      t.s,
      Math.max(t.e, t.s + 1),
    );
  }
  private problem(message: string, s: number, e: number): void {
    this.problems.push({ code: 'syntax', message, s, e });
  }

  parseAll(): ParsedMath {
    const statements: Statement[] = [];
    this.leadingTag();
    while (this.peek.t !== 'eof') {
      const start = this.i;
      try {
        this.parseRow(statements);
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
        this.problem(err.message, err.s, err.e);
        this.recover();
      }
      if (this.i === start) {
        const t = this.next();
        this.problem(`unexpected '${t.v}'`, t.s, t.e);
      }
    }
    return { statements, tag: this.tag, problems: this.problems };
  }

  /** Skips to the next statement separator at depth 0. */
  private recover(): void {
    let depth = 0;
    while (this.peek.t !== 'eof') {
      const v = this.peek.v;
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
      (x.t === 'letter' || (x.t === 'cmd' && !PRODUCT_OPS[x.v] && !RELATION_COMMANDS[x.v] && x.v !== '\\pm'));
    if (t[0]?.v === '(' && t[1]?.t === 'num' && t[2]?.v === ')' && startsTerm(t[3]) && t[2].e < t[3].s) {
      this.tag = t[1].v;
      this.i = 3;
    }
  }

  // ---- rows and statements -------------------------------------------------------------

  private isRowEnd(): boolean {
    const v = this.peek.v;
    return this.peek.t === 'eof' || v === '\\\\' || v === '\\newline';
  }

  private relationAt(): RelationToken | null {
    const t = this.peek;
    // Inside `p(x \mid z)` the bar separates the condition; between integers it is a relation.
    if (t.v === '\\mid' && this.closers.includes('\\mid')) return null;
    // `>>` and `<<` typed for ≫ and ≪.
    if (
      t.t === 'sym' &&
      (t.v === '>' || t.v === '<') &&
      this.toks[this.i + 1]?.v === t.v &&
      this.toks[this.i + 1].s === t.e
    ) {
      return { op: t.v === '>' ? '\\gg' : '\\ll', s: t.s, e: this.toks[this.i + 1].e };
    }
    if (t.t === 'sym' && RELATION_SYMBOLS[t.v]) {
      // `:=` arrives as ':' '='.
      return { op: RELATION_SYMBOLS[t.v], s: t.s, e: t.e };
    }
    if (t.t === 'sym' && t.v === ':' && this.toks[this.i + 1]?.v === '=') {
      return { op: ':=', s: t.s, e: this.toks[this.i + 1].e };
    }
    if (t.t === 'sym' && t.v === '!' && this.toks[this.i + 1]?.v === '=' && this.toks[this.i + 1].s === t.e)
      return { op: '\\neq', s: t.s, e: this.toks[this.i + 1].e };
    // `f: \mathbb{R}^n \to \mathbb{R}`: the colon of a signature.
    // Only at the top level: inside brackets a colon is a slice or a set-builder bar.
    if (t.t === 'sym' && t.v === ':' && this.depth <= 1 && this.colonIsSignature(this.i + 1))
      return { op: ':', s: t.s, e: t.e };
    if (t.t === 'cmd' && RELATION_COMMANDS[t.v])
      return { op: RELATION_COMMANDS[t.v] as CmpOp, s: t.s, e: t.e };
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
      const v = t.v;
      if (t.t === 'eof') return false;
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
      const rel = t.t === 'cmd' ? RELATION_COMMANDS[v] : RELATION_SYMBOLS[v];
      if (rel) return rel === '\\to' || rel === '\\mapsto';
    }
    return false;
  }

  private takeRelation(): RelationToken | null {
    const r = this.relationAt();
    if (!r) return null;
    if (r.op === ':=' && this.peek.v === ':') this.next();
    else if (r.op === '\\neq' && this.peek.v === '!') this.next();
    else if ((r.op === '\\gg' || r.op === '\\ll') && this.peek.t === 'sym') this.next();
    this.next();
    // `=:` (rare) and `==`: swallow a doubled `=`.
    if (r.op === '=' && this.at('=')) this.next();
    return r;
  }

  private isSeparator(): 'sep' | 'connective' | 'tag' | null {
    const t = this.peek;
    if (t.v === ',' || t.v === ';') return 'sep';
    if (t.v === '\\quad' || t.v === '\\qquad') return 'sep';
    if (
      t.t === 'cmd' &&
      (t.v === '\\text' || t.v === '\\mbox' || t.v === '\\textnormal' || t.v === '\\textrm')
    ) {
      const g = this.rawGroup(this.i + 1);
      // Connectives and remarks of several words ("Variance of independent sum") separate.
      if (g && (isConnective(g.text) || /\s/.test(g.text.trim()))) return 'connective';
    }
    if (t.v === '\\tag' || t.v === '\\tag*') return 'tag';
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
      if (this.at(':') && this.toks[this.i + 1]?.v !== '=' && !this.colonIsSignature(this.i + 1)) {
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
          this.problem(`missing expression before '${rel.op}'`, rel.s, rel.e);
        }
        cur.ops.push(rel);
        continue;
      }
      if (cur.sides.length > cur.ops.length) {
        // Two expressions with nothing between them at the top level (e.g. text artefacts).
        const t = this.peek;
        throw new ParseError(`unexpected '${t.v}' after a complete expression`, t.s, t.e);
      }
      cur.sides.push(this.parseExpr());
    }
    if (this.at('\\\\') || this.at('\\newline')) {
      this.next();
      // `\\[2pt]` spacing argument.
      if (this.at('[') && this.toks[this.i + 1]?.t === 'num') {
        while (!this.at(']') && this.peek.t !== 'eof') this.next();
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
          only.k === 'group' &&
          only.open === '(' &&
          only.items.length === 1 &&
          only.items[0].k === 'num' &&
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
              last.k === 'list'
                ? { ...last, items: [...last.items, only], e: only.e }
                : { k: 'list', items: [last, only], s: last.s, e: only.e };
            prev.sides[prev.sides.length - 1] = list;
            prev.e = only.e;
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
        p.sides = [p.sides[0], { k: 'cmp', op: p.ops[1].op, a: dom, b: cod, ...span(dom, cod) }];
        p.ops = [p.ops[0]];
      }
      if (pendingList.length && !p.continued && p.sides.length > 0) {
        const first = p.sides[0];
        const items = [...pendingList, first];
        p.sides[0] = { k: 'list', items, s: items[0].s, e: first.e };
      }
      pendingList = [];
      if (p.sides.length <= p.ops.length - (p.continued ? 1 : 0)) {
        const r = p.ops[p.ops.length - 1];
        this.problem(`expected an expression after '${r.op}'`, r.s, r.e);
        continue;
      }
      this.runTogether(p);
      const s = p.continued ? p.ops[0].s : p.sides[0].s;
      const e = p.sides[p.sides.length - 1].e;
      out.push({ sides: p.sides, ops: p.ops, continued: p.continued, s, e });
    }
    // Expressions without a relation are kept (hovers and inlay hints show their values).
    for (const n of pendingList) out.push({ sides: [n], ops: [], continued: false, s: n.s, e: n.e });
  }

  /**
   * `x = x` ⏎ `y = y + 1` without `\\`: TeX sets both on one line, and read as written the line
   * says `x = x y = y + 1`. A product that joins two lines between two relations is not read:
   * the sides holding it become errors (their claims are unchecked) and a problem says why.
   */
  private runTogether(p: { sides: Node[]; ops: RelationToken[] }): void {
    for (const j of this.lineJoins) {
      if (!p.ops.some((o) => o.s < j) || !p.ops.some((o) => o.s > j)) continue;
      const message =
        'two relations run together: TeX sets a line break inside math as a space, so this reads ' +
        'as one line; end the first line with \\\\ (or put each equation in its own display)';
      let found = false;
      p.sides = p.sides.map((x) => {
        if (x.s < j && j < x.e) {
          found = true;
          return { k: 'error', message, s: x.s, e: x.e };
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
        t.s,
        Math.max(t.e, t.s + 1),
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
        throw new ParseError(`expected a term after '${op.v}'`, op.s, op.e);
      // `a - -b`: a sign after an operator is the sign of the next term.
      const right = this.parseSignedTerm();
      const bop: BinOp = op.v === '+' ? '+' : op.v === '-' ? '-' : op.v.endsWith('pm') ? 'pm' : 'setminus';
      left = { k: 'bin', op: bop, a: left, b: right, ...span(left, right) };
    }
    return left;
  }

  /** A term with its leading signs: `--x^2` is the sign of a sign, `+x` is x, `\pm x` is ±x. */
  private parseSignedTerm(): Node {
    const signs: Token[] = [];
    while (this.at('-') || this.at('+') || this.at('\\pm') || this.at('\\mp')) signs.push(this.next());
    if (signs.length && this.endsExpression()) {
      const op = signs[signs.length - 1];
      throw new ParseError(`expected a term after '${op.v}'`, op.s, op.e);
    }
    let t = this.parseTerm();
    for (let k = signs.length - 1; k >= 0; k--) {
      const op = signs[k];
      if (op.v === '-') t = { k: 'neg', a: t, s: op.s, e: t.e };
      else if (op.v !== '+')
        t = {
          k: 'bin',
          op: 'pm',
          a: { k: 'num', value: 0, text: '0', s: op.s, e: op.s },
          b: t,
          s: op.s,
          e: t.e,
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
      return sign.v === '-' ? { k: 'neg', a, s: sign.s, e: a.e } : a;
    }
    if (this.endsExpression()) throw new ParseError(`expected a ${what} after '${op.v}'`, op.s, op.e);
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
      left = { k: 'cmp', op: r.op, a: left, b: right, ...span(left, right) };
    }
  }

  private endsExpression(): boolean {
    const t = this.peek;
    if (t.t === 'eof') return true;
    const v = t.v;
    // `U_{1:k}`: a colon in a script item ends its start (`:=` is a definition still).
    if (v === ':' && this.indexItems > 0 && this.toks[this.i + 1]?.v !== '=') return true;
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
      const op = LOOSE_PRODUCT_OPS[t.v];
      if (!op) return left;
      this.next();
      if (this.endsExpression()) throw new ParseError(`expected a factor after '${t.v}'`, t.s, t.e);
      const right = this.parseTightTerm();
      left = { k: 'bin', op, a: left, b: right, ...span(left, right) };
    }
  }

  /** Factors joined by juxtaposition and the ordinary product operators. */
  private parseTightTerm(): Node {
    let left = this.parseFactor();
    for (;;) {
      if (this.endsExpression()) return left;
      const t = this.peek;
      if (t.v === '\\bmod') {
        left = this.parseModulo(left);
        continue;
      }
      if (LOOSE_PRODUCT_OPS[t.v]) return left;
      const op = PRODUCT_OPS[t.v];
      if (op) {
        this.next();
        const right = this.signedOperand(t, () => this.parseFactor(), 'factor');
        left = { k: 'bin', op, a: left, b: right, ...span(left, right) };
        continue;
      }
      // `{n \choose k}` is rare enough to leave unsupported; any other token starts a factor.
      if (t.nl && this.depth === 1) this.lineJoins.push(t.s);
      const right = this.parseFactor();
      left = { k: 'bin', op: 'juxt', a: left, b: right, ...span(left, right) };
    }
  }

  /** `n \\bmod 3`: the modulus is the product written after it (`n \\bmod 2k` is n mod 2k). */
  private parseModulo(left: Node): Node {
    const t = this.next();
    if (this.endsExpression()) throw new ParseError('expected a modulus after \\bmod', t.s, t.e);
    const right = this.parseOperand();
    return {
      k: 'call',
      fn: 'mod',
      args: [left, right],
      sub: null,
      sup: null,
      paren: true,
      s: left.s,
      e: right.e,
    };
  }

  /**
   * What a differential operator applies to: the factors written against each other after it
   * (`\\nabla_x x^\\top A x`), up to an explicit product sign (`\\nabla_u L \\cdot u`).
   */
  private parseOperand(): Node {
    let left = this.parseFactor();
    while (!this.endsExpression() && !PRODUCT_OPS[this.peek.v]) {
      const right = this.parseFactor();
      left = { k: 'bin', op: 'juxt', a: left, b: right, ...span(left, right) };
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
      if (t.v === '^') {
        this.next();
        node = this.applySuperscript(node);
        continue;
      }
      if (t.v === '_') {
        this.next();
        const arg = this.parseScriptArg();
        node =
          node.k === 'sym'
            ? withSubscript(node, arg.nodes, arg.text, arg.e)
            : { k: 'subscript', a: node, idx: arg.nodes, s: node.s, e: arg.e };
        continue;
      }
      // `W^{h,h}[i, I]`: a labelled name indexed with brackets, as `W[i, I]` is (maybeApply).
      if (t.v === '[' && node.k === 'sym' && t.s === node.e && node.name.includes('^{')) {
        const args = this.parseParenArgs();
        node = { k: 'subscript', a: node, idx: args.items, bracket: true, s: node.s, e: args.end };
        continue;
      }
      if (t.v === "'") {
        let n = 0;
        let e = t.e;
        while (this.at("'")) {
          e = this.next().e;
          n++;
        }
        if (node.k === 'sym') {
          const primed: SymNode = {
            ...node,
            primes: node.primes + n,
            name: node.name + "'".repeat(n),
            stem: node.stem + "'".repeat(n),
            e,
          };
          if (this.at('(')) {
            const args = this.parseParenArgs();
            node = { k: 'prime', f: primed, args: args.items, s: node.s, e: args.end };
          } else node = primed;
          continue;
        }
        throw new ParseError("a prime (') can only follow a name", t.s, t.e);
      }
      if (t.v === '!' && !(this.toks[this.i + 1]?.v === '=' && this.toks[this.i + 1].s === t.e)) {
        this.next();
        node = { k: 'fact', a: node, s: node.s, e: t.e };
        continue;
      }
      return node;
    }
  }

  private applySuperscript(node: Node): Node {
    const signed = this.signedExponent(node);
    if (signed) return signed;
    const digits = this.peek;
    if (digits.t === 'num' && digits.v.length > 1) {
      // TeX raises one character: `x^1001` sets x¹ followed by 001. Neither reading is safe.
      this.next();
      const message =
        `an unbraced exponent of several digits: TeX raises only the first digit ` +
        `(${digits.v[0]}) and sets ${digits.v.slice(1)} after it; write ^{${digits.v}} for the ` +
        `power or ^${digits.v[0]} ${digits.v.slice(1)} for the product`;
      this.problem(message, digits.s, digits.e);
      return { k: 'error', message, s: node.s, e: digits.e };
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
    if (T.has(m) && !(node.k === 'sym' && m === '\\tau'))
      return { k: 'post', op: 'T', a: node, s: node.s, e };
    if (m === '-1') return { k: 'post', op: 'inv', a: node, s: node.s, e };
    if (m === '-T' || m === '-\\top' || m === '-\\intercal' || m === '-\\mathsf{T}')
      return { k: 'post', op: 'invT', a: node, s: node.s, e };
    if (m === '\\dagger' || m === '+') return { k: 'post', op: 'pinv', a: node, s: node.s, e };
    if (m === '\\prime' || m === "'") {
      if (node.k === 'sym')
        return { ...node, primes: node.primes + 1, name: `${node.name}'`, stem: `${node.stem}'`, e };
    }
    // `f^{(3)}(x)`: the third derivative of a function, or a function labelled (3); the checker
    // decides by what the document defines.
    const nth = /^\((\d)\)$/.exec(m);
    if (node.k === 'sym' && nth && this.at('(') && Number(nth[1]) >= 1) {
      const n = Number(nth[1]);
      const label = { ...node, name: `${node.name}^{${m}}`, stem: `${node.stem}^{${m}}`, e } as SymNode;
      const primed: SymNode = {
        ...node,
        primes: node.primes + n,
        name: node.name + "'".repeat(n),
        stem: node.stem + "'".repeat(n),
        e,
      };
      const args = this.parseParenArgs();
      return { k: 'prime', f: primed, args: args.items, label, s: node.s, e: args.end };
    }
    if (
      node.k === 'sym' &&
      (m === '0' ||
        m === '*' ||
        m === '\\ast' ||
        m === '\\star' ||
        (/^\(.*\)$/.test(m) && node.name !== 'e' && isLabelText(m.slice(1, -1))) ||
        /^[a-zA-Z]+(,[a-zA-Z0-9]+)+$/.test(m) ||
        m === '\\circ')
    ) {
      // Labels, not powers: w^*, h^{(i)}, W^{h,p}.
      const label = m;
      return { ...node, name: `${node.name}^{${label}}`, stem: `${node.stem}^{${label}}`, e } as SymNode;
    }
    // A real exponent: reparse the script as an expression.
    this.i = raw.startIndex;
    const arg = this.parseScriptArg();
    const exp =
      arg.nodes.length === 1 ? arg.nodes[0] : ({ k: 'list', items: arg.nodes, s: arg.s, e: arg.e } as Node);
    return { k: 'pow', a: node, b: exp, s: node.s, e: arg.e };
  }

  /**
   * `x^-1`, `x^-1000`, `A^-T`, `x^-n`: an unbraced negative exponent, read as the reader reads
   * it (TeX would raise the sign alone, which means nothing).
   */
  private signedExponent(node: Node): Node | null {
    const sign = this.peek;
    const arg = this.toks[this.i + 1];
    // Only `-` written against its argument: `A^+ b` is the pseudo-inverse of A times b.
    if (sign.t !== 'sym' || sign.v !== '-' || !arg || arg.s !== sign.e) return null;
    const greek = arg.t === 'cmd' && GREEK.has(arg.v.slice(1));
    if (arg.t !== 'num' && arg.t !== 'letter' && !greek && arg.v !== '\\top') return null;
    this.i += 2;
    const e = arg.e;
    if (sign.v === '-' && arg.v === '1') return { k: 'post', op: 'inv', a: node, s: node.s, e };
    if (sign.v === '-' && (arg.v === 'T' || arg.v === '\\top'))
      return { k: 'post', op: 'invT', a: node, s: node.s, e };
    const base: Node =
      arg.t === 'num'
        ? { k: 'num', value: Number(arg.v), text: arg.v, s: arg.s, e }
        : makeSym(greek ? `\\${GREEK_ALIAS[arg.v.slice(1)] ?? arg.v.slice(1)}` : arg.v, arg.s, e);
    const b: Node = sign.v === '-' ? { k: 'neg', a: base, s: sign.s, e } : base;
    return { k: 'pow', a: node, b, s: node.s, e };
  }

  /** Reads the raw text of a script argument (group or single token) without consuming it. */
  private scriptRaw(): { text: string; end: number; startIndex: number } {
    const startIndex = this.i;
    const t = this.peek;
    if (t.v === '{') {
      const end = skipGroup(this.toks, this.i);
      const inner = this.toks.slice(this.i + 1, end - 1);
      this.i = end;
      return { text: joinTokens(inner), end: this.toks[end - 1].e, startIndex };
    }
    if (t.t === 'eof') throw new ParseError('expected a superscript', t.s, t.e);
    // A command with a braced argument (`^\mathsf{T}`).
    this.next();
    if (t.t === 'cmd' && this.at('{') && (FONTS.has(t.v) || WORD_COMMANDS.has(t.v))) {
      const end = skipGroup(this.toks, this.i);
      const inner = this.toks.slice(this.i, end);
      this.i = end;
      return { text: t.v + joinTokens(inner), end: this.toks[end - 1].e, startIndex };
    }
    return { text: t.v, end: t.e, startIndex };
  }

  /** A sub/superscript argument: a braced group (comma list allowed) or one token. */
  private parseScriptArg(): { nodes: Node[]; text: string } & Span {
    const t = this.peek;
    if (t.v === '{') {
      const open = this.next();
      const startIdx = this.i;
      const nodes: Node[] = [];
      while (!this.at('}')) {
        if (this.peek.t === 'eof') throw new ParseError("unclosed '{' in a script", open.s, open.e);
        if (this.at(',')) {
          this.next();
          continue;
        }
        nodes.push(this.parseIndexItem());
      }
      const text = joinTokens(this.toks.slice(startIdx, this.i));
      const close = this.next();
      return { nodes, text, s: open.s, e: close.e };
    }
    if (t.t === 'eof') throw new ParseError('expected a script argument', t.s, t.e);
    // `V_*`, `\theta_\star`: a label, like the superscript in `w^*`.
    if (t.v === '*' || t.v === '\\ast' || t.v === '\\star') {
      this.next();
      return { nodes: [{ k: 'text', text: '*', s: t.s, e: t.e }], text: '*', s: t.s, e: t.e };
    }
    if (t.t === 'num') {
      // `x_12` is x_1 followed by 2 in TeX; but `x_{12}` is common in converted text. TeX rules.
      this.next();
      const d = t.v[0];
      if (t.v.length > 1) {
        // Put the rest back as a new number token.
        const rest: Token = { t: 'num', v: t.v.slice(1), s: t.s + 1, e: t.e };
        this.toks.splice(this.i, 0, rest);
      }
      return {
        nodes: [{ k: 'num', value: Number(d), text: d, s: t.s, e: t.s + 1 }],
        text: d,
        s: t.s,
        e: t.s + 1,
      };
    }
    // One token only: `x_j (a + b)` subscripts x with j and then multiplies.
    const startIdx = this.i;
    const node = this.parseArgAtom();
    return { nodes: [node], text: joinTokens(this.toks.slice(startIdx, this.i)), s: node.s, e: node.e };
  }

  /**
   * One item of a braced script, where index notation lives: `\cdot` alone is the whole axis
   * (`W_{\cdot 1}`, `W_{i,\cdot}`); `a:b`, `a:` and `:b` are ranges of positions, and `<t`,
   * `\le t` the positions before t and up to t (`x_{<t}` is `x_{1:t-1}`). A range is a `:`
   * relation between its ends (an open end is the text `:`).
   */
  private parseIndexItem(): Node {
    const t = this.peek;
    const after = this.toks[this.i + 1]?.v;
    if (t.v === '\\cdot' && (after === ',' || after === '}' || this.toks[this.i + 1]?.t === 'num')) {
      this.next();
      return { k: 'text', text: ':', s: t.s, e: t.e };
    }
    const one = (at: number): Node => ({ k: 'num', value: 1, text: '1', s: at, e: at });
    const range = (a: Node, b: Node): Node => ({ k: 'cmp', op: ':', a, b, s: a.s, e: b.e });
    if (t.v === '<' || t.v === '\\le' || t.v === '\\leq') {
      this.next();
      const end = this.parseValue();
      const to: Node = t.v === '<' ? { k: 'bin', op: '-', a: end, b: one(end.e), s: end.s, e: end.e } : end;
      return range(one(t.s), to);
    }
    if (t.v === ':' && after !== ',' && after !== '}' && after !== '=') {
      this.next();
      return range(one(t.s), this.parseValue());
    }
    this.indexItems++;
    let from: Node;
    try {
      from = this.parseValue();
    } finally {
      this.indexItems--;
    }
    if (!this.at(':') || this.toks[this.i + 1]?.v === '=') return from;
    const colon = this.next();
    if (this.at(',') || this.at('}')) return range(from, { k: 'text', text: ':', s: colon.s, e: colon.e });
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
    const close = OPENERS[open.v] ?? ')';
    const items: Node[] = [];
    let given: number | undefined;
    const saved = this.closers;
    const bar = bars ? this.unpairedBar(openIndex) : null;
    const mid = bars && this.conditionsAt(openIndex);
    this.closers = [...(mid ? ['\\mid'] : []), ...(bar ? [bar] : [])];
    try {
      while (!this.at(close) && !(open.v === '(' && this.at(']')) && !(open.v === '[' && this.at(')'))) {
        if (this.peek.t === 'eof')
          throw new ParseError(`'${open.v}' is never closed: add '${close}'`, open.s, open.e);
        const conditioning = (mid && this.at('\\mid')) || (bar !== null && bar !== '\\|' && this.at(bar));
        if (this.at(',') || this.at(';') || conditioning || (bar !== null && this.at(bar))) {
          if (conditioning && given === undefined && items.length > 0) given = items.length;
          this.next();
          continue;
        }
        // `\sigma(\cdot)`, `f(.)`, `g(\,\cdot\,)`: the argument left open, a placeholder.
        const after = this.toks[this.i + 1]?.v;
        if (PLACEHOLDERS.has(this.peek.v) && (after === close || after === ',')) {
          const dot = this.next();
          items.push(makeSym(PLACEHOLDER, dot.s, dot.e));
          continue;
        }
        items.push(this.parseValue());
        if (this.atEnd()) throw new ParseError(`'${open.v}' is never closed: add '${close}'`, open.s, open.e);
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
            `expected ',' or '${close}' but found '${t.v === '' ? 'end of math' : t.v}'`,
            t.s,
            t.e,
          );
        }
      }
    } finally {
      this.closers = saved;
    }
    const end = this.next();
    return given === undefined ? { items, end: end.e } : { items, end: end.e, given };
  }

  /** True when the bracket opened at i holds a `\\mid` at its own level. */
  private conditionsAt(i: number): boolean {
    let depth = 0;
    for (let j = i; j < this.toks.length; j++) {
      const v = this.toks[j].v;
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
    switch (t.t) {
      case 'eof':
        throw new ParseError('expected an expression but the math ends here', t.s, t.e);
      case 'num':
        this.next();
        return { k: 'num', value: Number(t.v), text: t.v, s: t.s, e: t.e };
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
      this.toks[j].t === 'letter' &&
      (j === start || this.toks[j].s === this.toks[j - 1].e)
    ) {
      word += this.toks[j].v;
      j++;
    }
    if (word.length >= 2 && (this.options.words || word.length <= LONGEST_WORD)) {
      const fn = FUNCTION_WORDS[word.toLowerCase()];
      const after = this.toks[j];
      if (
        fn &&
        fn !== 'E' &&
        (after.v === '(' || after.v === '[' || (after.t === 'cmd' && (fn === 'log' || fn === 'exp')))
      ) {
        const first = this.toks[start];
        this.i = j;
        return this.finishCall(fn, first.s, this.toks[j - 1].e);
      }
      const dist = DISTRIBUTIONS[word.toLowerCase()];
      if (dist && after.v === '(') {
        const first = this.toks[start];
        this.i = j;
        return this.finishCall(dist, first.s, this.toks[j - 1].e);
      }
      if (word === 'Var' || word === 'Cov') {
        const first = this.toks[start];
        this.i = j;
        return this.parseExpectation(word === 'Cov' ? 'Cov' : 'Var', first.s);
      }
      if (this.options.words) {
        this.i = j;
        return this.maybeApply(makeSym(`\\text{${word}}`, this.toks[start].s, this.toks[j - 1].e));
      }
    }
    const t = this.next();
    if (t.v === 'E' && (this.at('[') || (this.at('_') && this.expectationFollows())))
      return this.parseExpectation('E', t.s);
    const sym = makeSym(t.v, t.s, t.e);
    return this.maybeApply(sym);
  }

  private expectationFollows(): boolean {
    // `E_{…}[` or `E_R [`
    let j = this.i + 1;
    if (this.toks[j]?.v === '{') j = skipGroup(this.toks, j);
    else j++;
    return this.toks[j]?.v === '[';
  }

  /** A name directly followed by `(`: a function call or a product; the model decides. */
  private maybeApply(sym: SymNode): Node {
    let node: Node = sym;
    // Subscripts come first: f_\theta(x).
    while (this.at('_')) {
      this.next();
      const arg = this.parseScriptArg();
      node = withSubscript(node as SymNode, arg.nodes, arg.text, arg.e);
    }
    // `x[i]`, `W[i, I]` written against the name: bracket indexing, not a product.
    if (this.at('[') && this.peek.s === this.toks[this.i - 1].e && !(node.k === 'sym' && node.name === 'E')) {
      const args = this.parseParenArgs();
      return { k: 'subscript', a: node, idx: args.items, bracket: true, s: node.s, e: args.end };
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
        (this.at('!') && !(this.toks[this.i + 1]?.v === '=' && this.toks[this.i + 1].s === this.peek.e))
      ) {
        const group: Node = {
          k: 'group',
          open: open.v,
          close: close.v,
          items: args.items,
          s: open.s,
          e: args.end,
        };
        const b = this.parsePostfix(group);
        return { k: 'bin', op: 'juxt', a: node, b, apply: true, s: node.s, e: b.e };
      }
      const apply: Node = { k: 'apply', f: node as SymNode, args: args.items, s: node.s, e: args.end };
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
      const v = this.toks[j].v;
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
    if (t.v === '(' || t.v === '[') return this.parseGroup();
    if (t.v === '{') {
      this.next();
      if (this.at('}')) {
        const c = this.next();
        return { k: 'group', open: '{', close: '}', items: [], s: t.s, e: c.e };
      }
      const items: Node[] = [];
      while (!this.at('}')) {
        if (this.peek.t === 'eof') throw new ParseError("'{' is never closed: add '}'", t.s, t.e);
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
          throw new ParseError(`expected '}' but found '${u.v || 'end of math'}'`, u.s, u.e);
        }
      }
      const c = this.next();
      if (items.length === 1) return { ...items[0], s: items[0].s, e: items[0].e };
      return { k: 'list', items, s: t.s, e: c.e };
    }
    if (t.v === '|') {
      this.next();
      this.closers.push('|');
      let inner: Node;
      try {
        inner = this.parseValue();
      } finally {
        this.closers.pop();
      }
      const c = this.expect('|', "a closing '|'");
      return { k: 'abs', a: inner, s: t.s, e: c.e };
    }
    if (t.v === ':' && [',', '}', ']', ')'].includes(this.toks[this.i + 1]?.v ?? '')) {
      // `X_{:,i}`: the whole axis.
      this.next();
      return { k: 'text', text: ':', s: t.s, e: t.e };
    }
    if (t.v === '.' || t.v === ':') {
      // `..` and `...` written as periods.
      if (this.toks[this.i + 1]?.v === '.') {
        let e = t.e;
        while (this.at('.')) e = this.next().e;
        return { k: 'dots', s: t.s, e };
      }
    }
    if (t.v === "'") throw new ParseError("a prime (') must follow a name", t.s, t.e);
    throw new ParseError(`unexpected '${t.v}'`, t.s, t.e);
  }

  private parseGroup(): Node {
    const open = this.peek;
    const close = OPENERS[open.v];
    const r = this.parseParenArgs();
    const closeTok = this.toks[this.i - 1];
    const node: Node = {
      k: 'group',
      open: open.v,
      close: closeTok?.v ?? close,
      items: r.items,
      s: open.s,
      e: r.end,
    };
    // `[x * w](i)`: a bracketed sequence evaluated at an index.
    if (open.v === '[' && this.at('(') && r.items.length === 1) {
      const args = this.parseParenArgs();
      return { k: 'subscript', a: node, idx: args.items, s: open.s, e: args.end };
    }
    return node;
  }

  private parseCommand(t: Token): Node {
    const v = t.v;
    const greek = v.slice(1);
    if (GREEK.has(greek)) {
      this.next();
      const g = GREEK_ALIAS[greek] ?? greek;
      return this.maybeApply(makeSym(`\\${g}`, t.s, t.e));
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
      return { k: 'sqrt', a, n, s: t.s, e: this.lastArgEnd };
    }
    if (v === '\\binom' || v === '\\tbinom' || v === '\\dbinom') {
      this.next();
      const n = this.parseArg();
      const r = this.parseArg();
      return { k: 'binom', n, r, s: t.s, e: this.lastArgEnd };
    }
    if (ACCENTS.has(v)) {
      this.next();
      this.lastArgEnd = 0;
      const arg = this.parseArgAtom();
      if (arg.k === 'sym') {
        const acc =
          v === '\\widehat' ? '\\hat' : v === '\\widetilde' ? '\\tilde' : v === '\\overline' ? '\\bar' : v;
        const stem = `${acc}{${arg.base}}`;
        const sym: SymNode = { ...renameSym(arg, stem, t.s), e: Math.max(arg.e, this.lastArgEnd) };
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
        ? this.parseExpectation('P', t.s)
        : this.maybeApply(makeSym('\\text{Pr}', t.s, t.e));
    }
    if (FUNCTION_COMMANDS.has(v)) {
      this.next();
      const name = v.slice(1);
      if (name === 'Var' || name === 'var' || name === 'Cov' || name === 'cov')
        return this.parseExpectation(name.toLowerCase() === 'cov' ? 'Cov' : 'Var', t.s);
      const canonical = FUNCTION_COMMAND_NAMES.get(v) ?? name;
      return this.finishCall(canonical, t.s, t.e);
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
        ? { k: 'floor', a: inner, s: t.s, e: c.e }
        : { k: 'ceil', a: inner, s: t.s, e: c.e };
    }
    if (DOTS.has(v)) {
      this.next();
      return { k: 'dots', s: t.s, e: t.e };
    }
    if (v === '\\infty') {
      this.next();
      return makeSym('\\infty', t.s, t.e);
    }
    if (v === '\\begin') return this.parseEnvironment(t);
    if (v === '\\top') {
      this.next();
      return makeSym('\\top', t.s, t.e);
    }
    if (v === '\\emptyset' || v === '\\varnothing') {
      this.next();
      return { k: 'group', open: '\\{', close: '\\}', items: [], s: t.s, e: t.e };
    }
    if (v === '\\choose' || v === '\\over')
      throw new ParseError(`${v} is not supported: write \\binom{n}{k} or \\frac{a}{b}`, t.s, t.e);
    if (v === '\\prime') {
      this.next();
      return makeSym("'", t.s, t.e);
    }
    if (v === '\\%') {
      this.next();
      return { k: 'text', text: '%', s: t.s, e: t.e };
    }
    if (v === '\\$' || v === '\\#' || v === '\\&' || v === '\\_') {
      this.next();
      return { k: 'text', text: v.slice(1), s: t.s, e: t.e };
    }
    this.next();
    const unexpanded = this.options.unexpanded?.get(t.s);
    if (unexpanded !== undefined) return { k: 'error', message: unexpanded, s: t.s, e: t.e };
    throw new ParseError(NOT_EVALUATED[v] ?? unknownCommand(v), t.s, t.e);
  }

  private parseArg(): Node {
    // `\frac12`, `\sqrt x`, `\frac{a}{b}`.
    const t = this.peek;
    if (t.v === '{') {
      this.next();
      if (this.at('}')) throw new ParseError('empty argument', t.s, this.next().e);
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
          inner = { k: 'list', items, s: items[0].s, e: items[items.length - 1].e };
        }
      } finally {
        this.closers = saved;
      }
      const c = this.peek;
      if (!this.at('}')) throw new ParseError(`expected '}' but found '${c.v || 'end of math'}'`, c.s, c.e);
      this.lastArgEnd = this.next().e;
      return inner;
    }
    if (t.t === 'num' && t.v.length > 1 && !t.v.includes('.')) {
      // `\frac12`: one digit per argument.
      this.toks.splice(
        this.i,
        1,
        { t: 'num', v: t.v[0], s: t.s, e: t.s + 1 },
        { t: 'num', v: t.v.slice(1), s: t.s + 1, e: t.e },
      );
    }
    const atom = this.parseArgAtom();
    this.lastArgEnd = Math.max(this.lastArgEnd, atom.e);
    return atom;
  }

  /** One argument token or group, without postfix operators. */
  private parseArgAtom(): Node {
    const t = this.peek;
    if (t.v === '{') return this.parseArg();
    if (t.t === 'letter') {
      this.next();
      return makeSym(t.v, t.s, t.e);
    }
    if (t.t === 'cmd' && GREEK.has(t.v.slice(1))) {
      this.next();
      const g = GREEK_ALIAS[t.v.slice(1)] ?? t.v.slice(1);
      return makeSym(`\\${g}`, t.s, t.e);
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
    return { k: 'frac', a, b, s: t.s, e: this.lastArgEnd };
  }

  private tryDerivative(t: Token): Node | null {
    const numG = this.toks[this.i]?.v === '{' ? skipGroup(this.toks, this.i) : -1;
    if (numG < 0) return null;
    const numToks = this.toks.slice(this.i + 1, numG - 1);
    const denEnd = this.toks[numG]?.v === '{' ? skipGroup(this.toks, numG) : -1;
    if (denEnd < 0) return null;
    const denToks = this.toks.slice(numG + 1, denEnd - 1);
    const isD = (tok: Token | undefined) =>
      !!tok &&
      (tok.v === '\\partial' ||
        (tok.t === 'letter' && tok.v === 'd') ||
        tok.v === '\\mathrm' ||
        tok.v === '\\text' ||
        tok.v === '\\operatorname' ||
        (tok.v === '\\delta' && false));
    const dWord = (toks: Token[]): { style: 'partial' | 'd'; rest: number } | null => {
      if (toks.length === 0) return null;
      if (toks[0].v === '\\partial') return { style: 'partial', rest: 1 };
      if (toks[0].t === 'letter' && toks[0].v === 'd') return { style: 'd', rest: 1 };
      if (
        (toks[0].v === '\\mathrm' || toks[0].v === '\\text' || toks[0].v === '\\operatorname') &&
        toks[1]?.v === '{' &&
        toks[2]?.v === 'd' &&
        toks[3]?.v === '}'
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
    if (numToks[numRest]?.v === '^') {
      const o = numToks[numRest + 1];
      if (o?.t === 'num') {
        order = Number(o.v);
        numRest += 2;
      } else if (o?.v === '{' && numToks[numRest + 2]?.t === 'num' && numToks[numRest + 3]?.v === '}') {
        order = Number(numToks[numRest + 2].v);
        numRest += 4;
      }
    }
    // Parse the numerator's function (may be empty) and the denominator's variable with sub-parsers.
    const sub = (toks: Token[]) => {
      const eof: Token = {
        t: 'eof',
        v: '',
        s: toks.length ? toks[toks.length - 1].e : t.e,
        e: toks.length ? toks[toks.length - 1].e : t.e,
      };
      const p = new Parser([...toks, eof], this.problems, {});
      const n = p.parseExpr();
      if (p.peek.t !== 'eof')
        throw new ParseError(`unexpected '${p.peek.v}' in a derivative`, p.peek.s, p.peek.e);
      return n;
    };
    let of: Node | null = null;
    const ofToks = numToks.slice(numRest);
    let wrtToks = denToks.slice(dd.rest);
    // `\partial x^2` for a second derivative.
    if (order > 1 && wrtToks.length >= 3 && wrtToks[wrtToks.length - 2].v === '^')
      wrtToks = wrtToks.slice(0, -2);
    if (
      order > 1 &&
      wrtToks.length >= 5 &&
      wrtToks[wrtToks.length - 4].v === '^' &&
      wrtToks[wrtToks.length - 3].v === '{'
    )
      wrtToks = wrtToks.slice(0, -4);
    // `\frac{\partial^2 f}{\partial x \partial y}`: mixed partials, the rightmost taken first.
    if (wrtToks.some((x) => x.v === '\\partial')) {
      const parts = mixedPartials(denToks.slice(dd.rest)).map((p) => ({ wrt: sub(p.toks), order: p.order }));
      const total = parts.reduce((a, p) => a + p.order, 0);
      const end = this.toks[denEnd - 1].e;
      if (nd.style !== 'partial' || dd.style !== 'partial' || total !== order)
        throw new ParseError(
          `the orders of this mixed partial differ: ${order} above, ${total} below`,
          t.s,
          end,
        );
      this.i = denEnd;
      let node: Node;
      if (ofToks.length) node = sub(ofToks);
      else if (this.endsExpression())
        throw new ParseError('a derivative operator needs something to differentiate after it', t.s, end);
      else node = this.parseOperand();
      const e = Math.max(end, node.e);
      for (let k = parts.length - 1; k >= 0; k--)
        node = {
          k: 'deriv',
          of: node,
          wrt: parts[k].wrt,
          order: parts[k].order,
          style: 'partial',
          s: t.s,
          e,
        };
      return node;
    }
    if (ofToks.length) of = sub(ofToks);
    const wrt = sub(wrtToks);
    this.i = denEnd;
    const end = this.toks[denEnd - 1].e;
    let node: Node = { k: 'deriv', of, wrt, order, style: nd.style, s: t.s, e: end };
    if (of !== null && this.at('(')) {
      // `\frac{dg}{dt}(s)`: the derivative of a function at s, or a product with a bracket;
      // the checker decides by whether g is a function.
      const args = this.parseParenArgs();
      node = { ...node, at: args.items, e: args.end };
    }
    if (of === null) {
      // `\frac{\partial}{\partial x} f(x)` — the operand is the following factor.
      if (this.endsExpression())
        throw new ParseError('a derivative operator needs something to differentiate after it', t.s, end);
      const body = this.parseOperand();
      node = { k: 'deriv', of: body, wrt, order, style: nd.style, s: t.s, e: body.e };
    }
    return node;
  }

  /** `\\partial L / \\partial W` written inline: the same derivative as the fraction. */
  private parseSlashDerivative(t: Token): Node {
    this.next();
    if (this.endsExpression())
      throw new ParseError(
        'a lone \\partial is not supported: write \\frac{\\partial Y}{\\partial X}',
        t.s,
        t.e,
      );
    const of = this.parseFactor();
    if (!this.at('/'))
      throw new ParseError(
        'expected / \\partial x after \\partial y (or write \\frac{\\partial y}{\\partial x})',
        t.s,
        of.e,
      );
    this.next();
    if (!this.at('\\partial')) throw new ParseError('expected \\partial after /', t.s, this.peek.e);
    this.next();
    const wrt = this.parseFactor();
    return { k: 'deriv', of, wrt, order: 1, style: 'partial', s: t.s, e: wrt.e };
  }

  /** `\\nabla_x f`, `\\nabla f(x)`, the Hessian `\\nabla^2_x f` and the row gradient `\\nabla_x^\\top f`. */
  private parseNabla(t: Token): Node {
    this.next();
    let wrt: Node | null = null;
    let order = 1;
    let transposed = false;
    let scriptEnd = t.e;
    for (let round = 0; round < 2; round++) {
      if (this.at('_') && !wrt) {
        this.next();
        const arg = this.parseScriptArg();
        if (arg.nodes.length !== 1) throw new ParseError('\\nabla_{…} must name one variable', arg.s, arg.e);
        wrt = arg.nodes[0];
        scriptEnd = arg.e;
      } else if (this.at('^') && order === 1 && !transposed) {
        this.next();
        const raw = this.scriptRaw();
        const m = raw.text.replace(/\s+/g, '');
        if (/^[1-9]$/.test(m)) order = Number(m);
        else if (m === 'T' || m === '\\top' || m === '\\intercal' || m === '\\mathsf{T}') transposed = true;
        else
          throw new ParseError(
            `\\nabla^{${m}} is not read: \\nabla^2 (Hessian or Laplacian) and \\nabla^\\top (a row) are`,
            t.s,
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
          t.s,
          scriptEnd,
        );
      const body = this.parseFactor();
      if (!(body.k === 'apply' && body.args.length === 1 && body.args[0].k === 'sym'))
        throw new ParseError(
          '\\nabla without a subscript is read only as \\nabla f(x); write \\nabla_x for anything else',
          t.s,
          body.e,
        );
      node = { k: 'deriv', of: body, wrt: body.args[0], order, style: 'nabla', s: t.s, e: body.e };
    } else {
      if (this.endsExpression()) throw new ParseError('\\nabla_x needs a function after it', t.s, scriptEnd);
      const body = this.parseOperand();
      node = { k: 'deriv', of: body, wrt, order, style: 'nabla', s: t.s, e: body.e };
    }
    return transposed ? { k: 'post', op: 'T', a: node, s: node.s, e: node.e } : node;
  }

  private parseNorm(t: Token): Node {
    this.next();
    const close =
      t.v === '\\lVert'
        ? '\\rVert'
        : t.v === '\\lvert'
          ? '\\rvert'
          : t.v === '\\vert'
            ? '\\vert'
            : t.v === '\\Vert'
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
    if (t.v === '\\lvert' || t.v === '\\vert') return { k: 'abs', a: inner, s: t.s, e: c.e };
    let p: Node | null = null;
    let e = c.e;
    if (this.at('_')) {
      this.next();
      const arg = this.parseScriptArg();
      p = arg.nodes[0] ?? null;
      if (arg.text === 'F' || arg.text === '\\mathrm{F}' || arg.text === 'Fro')
        p = { k: 'word', name: 'F', s: arg.s, e: arg.e };
      e = arg.e;
    }
    return { k: 'norm', a: inner, p, s: t.s, e };
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
    if (this.endsExpression()) throw new ParseError(`${t.v} needs a summand`, t.s, t.e);
    let body = this.parseTerm();
    if (negated) body = { k: 'neg', a: body, s: negated.s, e: body.e };
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
      body = { k: 'bin', op: op.v === '+' ? '+' : '-', a: body, b: term, s: body.s, e: term.e };
    }
    const op = t.v === '\\sum' ? 'sum' : 'prod';
    let node: Node = { k: 'bigop', op, index, body, s: t.s, e: body.e };
    for (const letter of [...outer].reverse()) {
      const ix: BigOpIndex = { name: letter, from: null, to: null, set: null, raw: null };
      node = { k: 'bigop', op, index: ix, body: node, s: t.s, e: body.e };
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
        const which = this.next().v;
        const arg = this.parseScriptArg();
        const bound: Node =
          arg.nodes.length === 1 ? arg.nodes[0] : { k: 'list', items: arg.nodes, s: arg.s, e: arg.e };
        if (which === '_') lower = bound;
        else upper = bound;
      }
    }
    const sign = INTEGRAL_SIGNS[t.v] === 1 && t.v !== '\\oint' ? 'int' : t.v.slice(1);
    const d = findDifferential(this.toks, this.i);
    const variableOf = (diff: Differential): SymNode => {
      const node = this.subParse(this.toks.slice(diff.varStart, diff.end), t);
      if (node.k !== 'sym')
        throw new ParseError('the variable of an integral must be a name', node.s, node.e);
      return node;
    };
    const make = (body: Node, variable: SymNode | null, e: number): Node => ({
      k: 'integral',
      sign: sign as 'int' | 'iint' | 'iiint' | 'oint',
      lower,
      upper,
      variable,
      body,
      s: t.s,
      e,
    });
    if (d && d.start === this.i) {
      // `\\int_0^1 dx\\, f(x)`: the differential first, the integrand is the product after it.
      const variable = variableOf(d);
      this.i = d.end;
      if (this.endsExpression())
        throw new ParseError('an integral needs an integrand', t.s, this.toks[d.end - 1].e);
      const body = this.parseTerm();
      return make(body, variable, body.e);
    }
    if (d) {
      const body = this.subParse(this.toks.slice(this.i, d.start), t);
      const variable = variableOf(d);
      this.i = d.end;
      return make(body, variable, this.toks[d.end - 1].e);
    }
    if (this.endsExpression()) throw new ParseError('an integral needs an integrand', t.s, t.e);
    const body = this.parseTerm();
    // `\\int_0^1 \\frac{dx}{1 + x^2}`: the differential as the numerator.
    const top = body.k === 'frac' ? body.a : null;
    if (
      body.k === 'frac' &&
      top?.k === 'bin' &&
      top.op === 'juxt' &&
      top.a.k === 'sym' &&
      top.a.name === 'd' &&
      top.b.k === 'sym' &&
      top.b.name !== 'd'
    ) {
      const one: Node = { k: 'num', value: 1, text: '1', s: top.s, e: top.e };
      const integrand: Extract<Node, { k: 'frac' }> = { ...body, a: one };
      return make(integrand, top.b, body.e);
    }
    return make(body, null, body.e);
  }

  /** Tokens parsed on their own as one expression (the parts of a derivative or an integral). */
  private subParse(toks: Token[], t: Token): Node {
    const eof: Token = {
      t: 'eof',
      v: '',
      s: toks.length ? toks[toks.length - 1].e : t.e,
      e: toks.length ? toks[toks.length - 1].e : t.e,
    };
    if (toks.length === 0) throw new ParseError('an integral needs an integrand', t.s, t.e);
    const p = new Parser([...toks, eof], this.problems, {});
    const n = p.parseExpr();
    if (p.peek.t !== 'eof') throw new ParseError(`unexpected '${p.peek.v}'`, p.peek.s, p.peek.e);
    return n;
  }

  private parseExpectation(op: ExpectOp, s: number): Node {
    const what = EXPECT_WORDS[op];
    let sub: Node | null = null;
    if (this.at('_')) {
      this.next();
      const arg = this.parseScriptArg();
      sub = arg.nodes.length === 1 ? arg.nodes[0] : { k: 'list', items: arg.nodes, s: arg.s, e: arg.e };
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
          open.s,
          r.end,
        );
      body = wanted === 1 ? own[0] : { k: 'list', items: own, ...span(own[0], own[own.length - 1]) };
      if (cond.length)
        given =
          cond.length === 1 ? cond[0] : { k: 'list', items: cond, ...span(cond[0], cond[cond.length - 1]) };
      return { k: 'expect', op, sub, body, given, s, e: r.end };
    }
    if (this.endsExpression() || op === 'Cov')
      throw new ParseError(
        `${what.command} needs ${op === 'Cov' ? 'two expressions in brackets' : 'an expression'}`,
        s,
        this.peek.s,
      );
    body = this.parseTerm();
    return { k: 'expect', op, sub, body, s, e: body.e };
  }

  private finishCall(fn: string, s: number, e: number): Node {
    let sub: Node | null = null;
    let sup: Node | null = null;
    for (let round = 0; round < 2; round++) {
      if (this.at('_')) {
        this.next();
        const a = this.parseScriptArg();
        sub = a.nodes[0] ?? null;
        e = a.e;
      } else if (this.at('^')) {
        this.next();
        const a = this.parseScriptArg();
        sup = a.nodes[0] ?? null;
        e = a.e;
      }
    }
    if (this.at('(') || (this.at('[') && fn !== 'max' && fn !== 'min')) {
      const r = this.parseParenArgs();
      return { k: 'call', fn, args: r.items, sub, sup, paren: true, s, e: r.end };
    }
    if (this.endsExpression()) throw new ParseError(`${fn} needs an argument`, s, e);
    // `\sin 2x`, `\log xy`, `\operatorname{tr} AB`: an argument written without brackets runs over
    // the numbers and names written against it, up to the next function, bracket, operator or
    // relation — so `\sin x \cos x` is a product of two calls and `\sin x + y` adds y.
    let arg = this.parseFactor();
    while (!this.endsExpression() && this.continuesBareArgument()) {
      const right = this.parseFactor();
      arg = { k: 'bin', op: 'juxt', a: arg, b: right, ...span(arg, right) };
    }
    return { k: 'call', fn, args: [arg], sub, sup, paren: false, s, e: arg.e };
  }

  /** A number, a letter, a Greek letter or an accented or bold name: part of a bare function argument. */
  private continuesBareArgument(): boolean {
    const t = this.peek;
    if (t.nl) return false;
    if (t.t === 'num') return true;
    if (t.t === 'letter') return true;
    if (t.t !== 'cmd') return false;
    return (
      GREEK.has(t.v.slice(1)) ||
      ACCENTS.has(t.v) ||
      (FONTS.has(t.v) && t.v !== '\\mathrm' && t.v !== '\\textrm')
    );
  }

  private parseFont(t: Token): Node {
    this.next();
    this.lastArgEnd = 0;
    const g = this.rawGroup(this.i);
    if (g) {
      const text = g.text.trim();
      if (
        (t.v === '\\mathbf' || t.v === '\\boldsymbol' || t.v === '\\bm') &&
        (text === '1' || text === '0')
      ) {
        this.i = g.next;
        return makeSym(text === '1' ? '\\mathbf{1}' : '\\mathbf{0}', t.s, this.toks[g.next - 1].e);
      }
      if (/^[A-Za-z]{2,}$/.test(text)) {
        this.i = g.next;
        return this.wordAtom(text, t.s, this.toks[g.next - 1].e);
      }
      if (t.v === '\\mathcal' && text === 'N' && this.toks[g.next]?.v === '(') {
        this.i = g.next;
        return this.finishCall('Normal', t.s, this.toks[g.next - 1].e);
      }
    }
    // Fonts do not make new names: parse the argument as if the font were not there.
    const arg = this.parseArgAtom();
    if (arg.k === 'sym') return this.maybeApply({ ...arg, s: t.s, e: Math.max(arg.e, this.lastArgEnd) });
    return arg;
  }

  private parseBlackboard(t: Token): Node {
    this.next();
    const g = this.rawGroup(this.i);
    const letter = g ? g.text.trim() : this.peek.v;
    const end = g ? this.toks[g.next - 1].e : this.peek.e;
    if (g) this.i = g.next;
    else this.next();
    if (letter === 'E') {
      return this.parseExpectation('E', t.s);
    }
    // `\mathbb{P}(A)`, `\mathbb{P}_{x \sim p}[A]`: a probability; a bare `\mathbb{P}` is a name.
    if (letter === 'P' && (this.at('(') || this.at('[') || (this.at('_') && this.expectationFollows())))
      return this.parseExpectation('P', t.s);
    if (letter === '1' || letter === 'I') {
      if (this.at('[') || this.at('\\{') || this.at('(')) {
        const r = this.parseParenArgs();
        if (r.items.length !== 1) throw new ParseError('an indicator takes one condition', t.s, r.end);
        return { k: 'indicator', cond: r.items[0], s: t.s, e: r.end };
      }
      if (this.at('_')) {
        this.next();
        const a = this.parseScriptArg();
        if (a.nodes.length === 1 && a.nodes[0].k === 'cmp')
          return { k: 'indicator', cond: a.nodes[0], s: t.s, e: a.e };
        return withSubscript(makeSym('\\mathbf{1}', t.s, end), a.nodes, a.text, a.e);
      }
      return makeSym('\\mathbf{1}', t.s, end);
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
        exponent = a.nodes.length === 1 ? a.nodes[0] : { k: 'list', items: a.nodes, s: a.s, e: a.e };
        e = a.e;
      }
    }
    const sym = makeSym(`\\mathbb{${letter}}`, t.s, end);
    const base: SymNode =
      label === null ? sym : { ...sym, subText: label, name: `${sym.name}_{${label}}`, e };
    return exponent ? { k: 'pow', a: base, b: exponent, s: t.s, e } : base;
  }

  private parseWordCommand(t: Token): Node {
    this.next();
    const g = this.rawGroup(this.i);
    if (!g) throw new ParseError(`${t.v} needs a braced argument`, t.s, t.e);
    this.i = g.next;
    const text = g.text.trim();
    const e = this.toks[g.next - 1].e;
    if (text === '') return { k: 'text', text: '', s: t.s, e };
    return this.wordAtom(text, t.s, e);
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
    return { k: 'text', text, s, e };
  }

  private parseEnvironment(t: Token): Node {
    this.next();
    const g = this.rawGroup(this.i);
    if (!g) throw new ParseError('\\begin needs an environment name', t.s, t.e);
    const env = g.text.trim();
    this.i = g.next;
    if (MATRIX_ENVIRONMENTS.has(env)) return this.parseMatrix(t, env);
    if (env === 'cases' || env === 'dcases' || env === 'cases*') return this.parseCases(t, env);
    throw new ParseError(`environment '${env}' is not supported inside math`, t.s, this.toks[g.next - 1].e);
  }

  private parseEnd(env: string, t: Token): number {
    const end = this.expect('\\end', `\\end{${env}}`);
    const g = this.rawGroup(this.i);
    if (!g || g.text.trim() !== env)
      throw new ParseError(`\\begin{${env}} is closed by a different \\end`, t.s, end.e);
    this.i = g.next;
    return this.toks[g.next - 1].e;
  }

  private parseMatrix(t: Token, env: string): Node {
    const rows: Node[][] = [];
    let row: Node[] = [];
    const saved = this.closers;
    this.closers = [];
    try {
      for (;;) {
        if (this.peek.t === 'eof')
          throw new ParseError(`\\begin{${env}} is never closed: add \\end{${env}}`, t.s, t.e);
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
          throw new ParseError(`\\begin{${env}} is never closed: add \\end{${env}}`, t.s, t.e);
        if (!this.at('&') && !this.at('\\\\') && !this.at('\\end')) {
          const u = this.peek;
          throw new ParseError(
            `expected '&', '\\\\' or \\end{${env}} in a matrix but found '${u.v || 'end of math'}'`,
            u.s,
            u.e,
          );
        }
      }
    } finally {
      this.closers = saved;
    }
    if (row.length) rows.push(row);
    const e = this.parseEnd(env, t);
    const node: Node = { k: 'matrix', env, rows, s: t.s, e };
    if (env === 'vmatrix')
      return { k: 'call', fn: 'det', args: [node], sub: null, sup: null, paren: true, s: t.s, e };
    return node;
  }

  private parseCases(t: Token, env: string): Node {
    const rows: { value: Node; cond: Node | null }[] = [];
    const saved = this.closers;
    this.closers = [];
    try {
      while (!this.at('\\end')) {
        if (this.peek.t === 'eof') throw new ParseError(`\\begin{${env}} is never closed`, t.s, t.e);
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
            `expected '\\\\' or \\end{${env}} but found '${u.v || 'end of math'}'`,
            u.s,
            u.e,
          );
        }
      }
    } finally {
      this.closers = saved;
    }
    const e = this.parseEnd(env, t);
    return { k: 'cases', rows, s: t.s, e };
  }

  /** A case condition: `x < 0`, `\text{if } x > 0`, `\text{otherwise}`. */
  private parseCondition(): Node | null {
    const parts: Node[] = [];
    while (!this.at('\\\\') && !this.at('\\end') && this.peek.t !== 'eof') {
      if (this.at('\\text') || this.at('\\mbox') || this.at('\\textnormal') || this.at('\\textrm')) {
        const t = this.next();
        const g = this.rawGroup(this.i);
        if (!g) throw new ParseError('\\text needs a braced argument', t.s, t.e);
        this.i = g.next;
        const w = g.text.trim().toLowerCase().replace(/[,.]$/, '');
        if (w === 'otherwise' || w === 'else' || w === 'elsewhere') return null;
        if (isConnective(w) || w === '') continue;
        parts.push({ k: 'text', text: g.text, s: t.s, e: this.toks[g.next - 1].e });
        continue;
      }
      if (this.at(',') || this.at('.') || this.at(';') || this.at('&')) {
        this.next();
        continue;
      }
      parts.push(this.parseValue());
    }
    if (parts.length === 0) return { k: 'text', text: '', s: this.peek.s, e: this.peek.s };
    return parts[parts.length - 1];
  }

  /** A raw `{…}` group starting at token index i: its source text and the index after it. */
  private rawGroup(i: number): { text: string; next: number } | null {
    if (this.toks[i]?.v !== '{') return null;
    const end = skipGroup(this.toks, i);
    if (this.toks[end - 1]?.v !== '}') return null;
    const first = this.toks[i];
    const last = this.toks[end - 1];
    return { text: this.sourceBetween(first.e, last.s, i + 1, end - 1), next: end };
  }

  private skipRawGroup(): void {
    if (this.at('{')) this.i = skipGroup(this.toks, this.i);
  }

  /** Reconstructs the source text between two offsets from tokens (keeps spaces between words). */
  private sourceBetween(_s: number, _e: number, i: number, j: number): string {
    let out = '';
    for (let k = i; k < j; k++) {
      if (k > i && this.toks[k].s > this.toks[k - 1].e) out += ' ';
      out += this.toks[k].v;
    }
    return out;
  }
}

function joinTokens(toks: Token[]): string {
  let out = '';
  for (let k = 0; k < toks.length; k++) {
    // A command followed by a letter needs a space, or `\\times n` would read back as `\\timesn`.
    if (k > 0 && toks[k - 1].t === 'cmd' && /^\\[a-zA-Z]+$/.test(toks[k - 1].v) && toks[k].t === 'letter')
      out += ' ';
    out += toks[k].v;
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
  return node.k === 'dots' || node.k === 'num' || node.k === 'sym' || node.k === 'neg';
}

function unknownCommand(v: string): string {
  return (
    `unknown command ${v}; if it is a macro of your own, define it before its first use ` +
    `(\\newcommand{${v}}{…} in the preamble or in a math block)`
  );
}

export function makeSym(base: string, s: number, e: number): SymNode {
  return { k: 'sym', name: base, stem: base, base, sub: null, subText: null, primes: 0, s, e };
}

function renameSym(sym: SymNode, stem: string, s: number): SymNode {
  const name = sym.subText !== null ? `${stem}_{${sym.subText}}` : stem;
  return { ...sym, stem, base: stem, name: name + "'".repeat(sym.primes), s };
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
      e,
    };
  }
  // `A_{ij}`: two single-letter indices.
  let items = nodes;
  if (nodes.length === 1) {
    const letters = flattenJuxtLetters(nodes[0]);
    if (letters && letters.length > 1) items = letters;
  }
  // Primes written before the subscript are already part of the stem (x'_i).
  return { ...sym, subText: clean, name: `${sym.stem}_{${clean}}`, sub: items, e };
}

function flattenJuxtLetters(n: Node): Node[] | null {
  if (n.k === 'sym' && n.sub === null && n.primes === 0) return [n];
  if (n.k === 'num' && Number.isInteger(n.value) && n.text.length === 1) return [n];
  if (n.k === 'bin' && n.op === 'juxt') {
    const a = flattenJuxtLetters(n.a);
    const b = flattenJuxtLetters(n.b);
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
    if (x.k === 'bigop' && x.index?.name === name) return;
    if (x.k === 'sym' && x.sub) {
      if (x.sub.some((s) => mentions(s, name))) {
        found = true;
        return;
      }
    }
    for (const c of Object.values(x)) {
      if (c && typeof c === 'object' && 'k' in (c as object)) visit(c as Node);
      else if (Array.isArray(c))
        for (const y of c) if (y && typeof y === 'object' && 'k' in y) visit(y as Node);
    }
  };
  visit(n);
  return found;
}

function mentions(n: Node, name: string): boolean {
  if (n.k === 'sym') return n.name === name;
  if (n.k === 'bin') return mentions(n.a, name) || mentions(n.b, name);
  if (n.k === 'neg') return mentions(n.a, name);
  return false;
}

/** `ij`, `i,j`, `i, j, k`: two or more distinct bare index letters, or null. */
function indexLetters(nodes: Node[]): string[] | null {
  const items = nodes.flatMap((x) => flattenJuxtLetters(x) ?? [x]);
  if (items.length < 2 || !items.every((x) => x.k === 'sym' && x.sub === null && /^[a-z]$/.test(x.base)))
    return null;
  const names = items.map((x) => (x as SymNode).name);
  return new Set(names).size === names.length ? names : null;
}

function readBigOpIndex(nodes: Node[]): BigOpIndex {
  const raw = nodes[0] ?? null;
  if (nodes.length === 1 && raw) {
    if (raw.k === 'cmp' && raw.op === '=' && raw.a.k === 'sym')
      return { name: raw.a.name, from: raw.b, to: null, set: null, raw };
    if (raw.k === 'cmp' && raw.op === '\\in' && raw.a.k === 'sym')
      return { name: raw.a.name, from: null, to: null, set: raw.b, raw };
    if (raw.k === 'sym') return { name: raw.name, from: null, to: null, set: null, raw };
  }
  return { name: '', from: null, to: null, set: null, raw };
}

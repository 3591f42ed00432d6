// LaTeX math → statements of expression trees. Recursive descent over the token list; the
// parser never throws: anything it cannot read becomes an `error` node plus a problem with its
// range, and parsing resumes at the next statement separator.
import { nameBarVariables } from './parser/barVariables';
import { evaluatedAt, parseEvaluationBar } from './parser/evaluationBar';
import type { BinOp, ExpectOp, MathProblem, Node, ParsedMath, Span, Statement, SymNode } from './tree';
import { prepare, skipGroup } from './parser/prepare';
import { type Token, tokenize } from './tokens';
import { ParseError } from './parser/parseError';
import {
  isBracketedRemark,
  isUnitTextAfterNumber,
  isConnective,
  leadingTag,
  parseRow,
  relationAt,
  takeRelation,
} from './parser/statements';
import {
  CLOSERS,
  LOOSE_PRODUCT_OPS,
  MAX_DEPTH,
  OPENERS,
  PRODUCT_OPS,
  SLOT_CLOSES,
  SLOT_OPENS,
} from './parser/tokenSets';
import {
  bracketIndexed,
  flattenJuxtLetters,
  makeSym,
  span,
  withPrimes,
  withSignLabel,
  withSubscript,
} from './parser/nodes';
import { applySuperscript, parseScriptArg, scriptRaw } from './parser/scripts';
import { criticalValue } from './parser/criticalValues';
import { finishCall, maybeApply, parseParenArgs } from './parser/calls';
import { parseLetters, parseSymbolAtom } from './parser/letters';
import { parseArgAtom, parseCommand, parseGroup } from './parser/commands';
import { expectationFollows, parseExpectation } from './parser/expectation';
import { parseNorm, unpairedBar } from './parser/bars';
import { parseNabla, parseSlashDerivative, tryDerivative } from './parser/derivatives';
import { parseBigOp, parseIntegral } from './parser/bigOperators';
import { parseEnvironment } from './parser/environments';
import { atModulus } from './parser/modulus';
import { percentOf } from './parser/percent';
export { makeSym } from './parser/nodes';

export interface ParseOptions {
  /** True for display math: a leading `(3.1)` is read as an equation number. */
  display?: boolean;
  /**
   * Plain-text formulas of a document that writes its products with `*` (`force = mass * accel`):
   * a run of letters is one name, not a product of letters.
   */
  words?: boolean;
  /**
   * A document that writes a value's before-label `P^-` (Kalman filters, one-sided limits) means
   * `P^+` as its after-label too, not the pseudo-inverse (signLabels.ts).
   */
  signLabels?: boolean;
  /**
   * A document that writes Δ alone (`t + \Delta`, `\Delta \to 0`) holds Δ as a value: `\Delta A` is
   * Δ times A. Otherwise Δ against a letter names its change, `\Delta U` (model/deltaChanges.ts).
   */
  deltaFactor?: boolean;
  /**
   * Offsets of placeholders for uses of the document's macros that were not expanded (see
   * macroExpansion.ts), with the reason: each reads as an error, so its claim is unchecked with it.
   */
  unexpanded?: ReadonlyMap<number, string>;
  /**
   * Runs of capitals the document defines as names (`MSE = …`, model/acronyms.ts): each, written
   * whole, is one name (`\text{MSE}`), not a product of letters.
   */
  acronyms?: readonly string[];
  /**
   * Text made by expanding the document's macros: a body and its argument may put two numbers side
   * by side (`2 #1` used as `\dbl{3}`), which then multiply.
   */
  expanded?: boolean;
  /**
   * A document that writes a decimal comma (`0{,}5`, `3{,}14`): `2{,}918` is then 2.918, not a
   * number with a thousands separator (parser/prepare.ts).
   */
  decimalComma?: boolean | 'unbraced';
}

/**
 * `$4\times$ fewer parameters`, `"batchmean" $= C \times$ "mean"`: a product sign that ends the math
 * has its factor in the words after it — a multiplier, not a slip of the pen. Read so, the span says
 * nothing checkable (a claim with it is unchecked with this reason).
 */
function factorInWords(left: Node, op: Token): Node {
  const message =
    `the factor after ${op.text} is in the words after the math; ` + 'write it in math to have it checked';
  return { kind: 'error', message, start: left.start, end: op.end };
}

export function parseMath(text: string, base = 0, options: ParseOptions = {}): ParsedMath {
  const problems: MathProblem[] = [];
  try {
    const tokens = prepare(tokenize(text, base), options.decimalComma);
    const p = new Parser(tokens, problems, options);
    const out = p.parseAll();
    nameBarVariables(out.statements);
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

/** Symbols that, written alone, are named rather than computed with. */
const NAMED_SYMBOLS = new Set([
  '+',
  '-',
  '=',
  '<',
  '>',
  '\\pm',
  '\\mp',
  '\\times',
  '\\cdot',
  '\\le',
  '\\leq',
  '\\ge',
  '\\geq',
  '\\neq',
  '\\approx',
  '\\sim',
  '\\in',
  '\\otimes',
  '\\odot',
  '\\circ',
  '/',
  '*',
  // Arrows and connectives between steps, written as words are ("so $\Rightarrow$ …").
  '\\Rightarrow',
  '\\Longrightarrow',
  '\\implies',
  '\\iff',
  '\\Leftrightarrow',
  '\\to',
  '\\rightarrow',
  '\\longrightarrow',
  '\\mapsto',
  '\\therefore',
  '\\because',
]);

export class Parser {
  i = 0;
  depth = 0;
  /** Script items being read (parseIndexItem), where a colon separates the ends of a range. */
  indexItems = 0;
  /** End of the last argument read by parseArg, closing brace included. */
  lastArgEnd = 0;
  tag: string | null = null;
  /** Closers that end the current expression (for `|…|` and `\|…\|`). */
  closers: string[] = [];
  /** The row's chain has a relation already: a `\\mod` now writes a congruence's modulus. */
  afterRelation = false;
  /** Where a top-level product continues across a line break (`x = x` ⏎ `y = y + 1`). */
  lineJoins: number[] = [];

  constructor(
    readonly toks: Token[],
    readonly problems: MathProblem[],
    readonly options: ParseOptions,
  ) {}

  /** A Parser like this one, for code outside the class (which cannot import it). */
  create(...args: ConstructorParameters<typeof Parser>): Parser {
    return new Parser(...args);
  }

  get peek(): Token {
    return this.toks[this.i];
  }
  atEnd(): boolean {
    return this.toks[this.i].type === 'eof';
  }
  at(v: string): boolean {
    return this.toks[this.i].text === v && this.toks[this.i].type !== 'eof';
  }
  next(): Token {
    const t = this.toks[this.i];
    if (t.type !== 'eof') this.i++;
    return t;
  }
  expect(v: string, what: string): Token {
    if (this.at(v)) return this.next();
    const t = this.peek;
    throw new ParseError(
      `expected ${what} but found ${t.type === 'eof' ? 'the end of the math' : `'${t.text}'`}`,
      t.start,
      Math.max(t.end, t.start + 1),
    );
  }
  problem(message: string, s: number, e: number): void {
    this.problems.push({ code: 'syntax', message, start: s, end: e });
  }

  parseAll(): ParsedMath {
    const statements: Statement[] = [];
    leadingTag(this);
    // `(wrong sign — should be $-$)`: math that is one operator or relation names that symbol.
    if (this.toks.length === 2 && NAMED_SYMBOLS.has(this.peek.text))
      return { statements, tag: this.tag, problems: this.problems };
    const before = this.problems.length;
    while (this.peek.type !== 'eof') {
      const start = this.i;
      try {
        parseRow(this, statements);
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
    if (
      statements.length === 0 &&
      this.problems.length === before + 1 &&
      this.namesAFunction(this.problems[before])
    )
      this.problems.pop();
    return { statements, tag: this.tag, problems: this.problems };
  }

  /**
   * "The derivative of $\tanh$ is …", "$\cos$ and $\sin$ tables": math that is a function's name
   * alone (scripts allowed) names the function, as a symbol alone does — there is nothing to read.
   * `\arg\max` alone ("what's $\arg\max$ of the output?") names the argmax so.
   */
  private namesAFunction(q: MathProblem): boolean {
    const first = this.toks[0]?.text === '\\arg' && this.toks.length > 2 ? this.toks[1] : this.toks[0];
    const last = this.toks[this.toks.length - 2];
    return (
      last !== undefined &&
      q.message.endsWith(' needs an argument') &&
      q.start === first.start &&
      q.end >= last.end
    );
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

  // ---- expressions --------------------------------------------------------------------

  /** Sum level: terms joined by + and -. Nesting is limited so the parser never exhausts the stack. */
  /** `\left.` openings whose evaluation bar is still to come: the bar closes the innermost one. */
  openEvaluationBars = 0;

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
      return evaluatedAt(this, () => this.parseSum());
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
    // `P(D \mid +)`, `P(+)`, `(+, -)`: a sign alone between brackets or separators is the outcome
    // it names (a positive test), a label, not an arithmetic sign missing its term.
    const lone = signs.length === 1 && (signs[0].text === '+' || signs[0].text === '-');
    if (lone && SLOT_CLOSES.has(this.peek.text) && SLOT_OPENS.has(this.toks[this.i - 2]?.text ?? '')) {
      const op = signs[0];
      return makeSym(`\\text{${op.text}}`, op.start, op.end);
    }
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
      const r = relationAt(this);
      if (!r) return left;
      const written = this.peek.text;
      takeRelation(this);
      const right = this.parseExpr();
      // `A \cup B`, `A \cap B`: sets, whose counts are read (model/pointValues.ts setAtom).
      const set = written === '\\cup' || written === '\\cap' ? { set: written as '\\cup' | '\\cap' } : {};
      left = { kind: 'cmp', op: r.op, left: left, right: right, ...span(left, right), ...set };
    }
  }

  endsExpression(): boolean {
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
      v === '\\qquad' ||
      v === '\\therefore' ||
      v === '\\because'
    )
      return true;
    if (v === '+' || v === '-' || v === '\\pm' || v === '\\mp' || v === '\\setminus' || v === '\\backslash')
      return true;
    if (relationAt(this)) return true;
    if (atModulus(this)) return true;
    if (
      v === '\\end' ||
      v === '\\right' ||
      v === '\\tag' ||
      v === '\\rfloor' ||
      v === '\\rceil' ||
      v === '\\rVert' ||
      v === '\\rvert' ||
      v === '\\evalbar'
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
      if (
        g &&
        (isConnective(g.text) ||
          (this.depth === 1 &&
            (/\s/.test(g.text.trim()) || isBracketedRemark(g.text)) &&
            !isUnitTextAfterNumber(this, this.i, g.text)))
      )
        return true;
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
      if (this.peek.type === 'eof') return factorInWords(left, t);
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
      // `17 \\mod 5 = 2`: before any relation, \\mod is the remainder, as \\bmod.
      if (t.text === '\\bmod' || (t.text === '\\mod' && !this.afterRelation)) {
        left = this.parseModulo(left);
        continue;
      }
      if (LOOSE_PRODUCT_OPS[t.text]) return left;
      const op = PRODUCT_OPS[t.text];
      if (op) {
        this.next();
        if (this.peek.type === 'eof') return factorInWords(left, t);
        const right = this.signedOperand(t, () => this.parseFactor(), 'factor');
        left = { kind: 'bin', op, left: left, right: right, ...span(left, right) };
        continue;
      }
      // `{n \choose k}` is rare enough to leave unsupported; any other token starts a factor.
      if (t.lineBreakBefore && this.depth === 1) this.lineJoins.push(t.start);
      this.numbersSideBySide(left);
      const right = this.parseFactor();
      left = { kind: 'bin', op: 'juxt', left: left, right: right, ...span(left, right) };
    }
  }

  /**
   * `12 34`: nobody writes a product of two numbers so; digits grouped in threes were joined
   * (prepare.ts). A macro's body and argument (`2 #1`) multiply, as TeX sets them side by side.
   */
  numbersSideBySide(left: Node): void {
    const t = this.peek;
    if (t.type === 'num' && lastFactor(left).kind === 'num' && !this.options.expanded)
      throw new ParseError(
        'two numbers side by side: write the product with \\cdot or \\times, or group the ' +
          'digits of one number in threes (4\\,194\\,304)',
        t.start,
        t.end,
      );
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
  parseOperand(): Node {
    let left = this.parseFactor();
    while (!this.endsExpression() && !PRODUCT_OPS[this.peek.text]) {
      this.numbersSideBySide(left);
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

  /**
   * `(x)_+`, `[1 - z]_{+}`: the positive part of what the bracket holds, `\max(x, 0)` (hinge losses,
   * soft thresholding). Only after a bracket of one item: `x_+` on a name is a label.
   */
  private positivePart(node: Node): Node | null {
    if (!this.at('_') || node.kind !== 'group' || node.items.length !== 1) return null;
    if (node.open !== '(' && node.open !== '[') return null;
    const next = this.toks[this.i + 1];
    const braced =
      next?.text === '{' && this.toks[this.i + 2]?.text === '+' && this.toks[this.i + 3]?.text === '}';
    if (next?.text !== '+' && !braced) return null;
    const last = braced ? this.toks[this.i + 3] : next;
    this.i += braced ? 4 : 2;
    const zero: Node = { kind: 'num', value: 0, text: '0', start: last.start, end: last.end };
    return {
      kind: 'call',
      fn: 'max',
      args: [node.items[0], zero],
      sub: null,
      sup: null,
      paren: true,
      start: node.start,
      end: last.end,
    };
  }

  parsePostfix(node: Node): Node {
    for (;;) {
      const t = this.peek;
      if (t.text === '^') {
        this.next();
        node = applySuperscript(this, node);
        node = criticalValue(node) ?? node;
        continue;
      }
      const positive = this.positivePart(node);
      if (positive) {
        node = positive;
        continue;
      }
      if (t.text === '_') {
        this.next();
        // `\rho_+`, `\lambda_-`, `y_{\pm}`: a lone sign under a name is a label (the plus state's
        // density matrix, the smaller root), and the labelled name one of its own, as `P^-` is.
        const sign = node.kind === 'sym' && node.sub === null ? signLabel(this) : null;
        if (node.kind === 'sym' && sign) {
          node = withSignLabel(node, sign);
          continue;
        }
        const arg = parseScriptArg(this);
        // `R^2_u`, `\sigma^2_1`, `s^2_p`: TeX sets both scripts on the letter whatever their order,
        // so a number raised before the subscript is the power of the subscripted name, `R_u^2`.
        const raised = node.kind === 'pow' && node.exponent.kind === 'num' ? node : null;
        if (raised && raised.base.kind === 'sym' && raised.base.sub === null && raised.base.primes === 0) {
          const base = withSubscript(raised.base, arg.nodes, arg.text, arg.end);
          node = { ...raised, base, end: arg.end };
          // `\chi^2_{0.05, 3}`: a critical value of a law, not a name (parser/criticalValues.ts).
          node = criticalValue(node) ?? node;
          continue;
        }
        if (node.kind === 'sym') {
          const named = withSubscript(node, arg.nodes, arg.text, arg.end);
          // `t_{0.025, 15}`: a critical value of a law, not a name (parser/criticalValues.ts).
          node = criticalValue(named) ?? named;
          continue;
        }
        node = {
          kind: 'subscript',
          base: node,
          indices: bracketIndices(arg.nodes),
          start: node.start,
          end: arg.end,
        };
        continue;
      }
      // `V^*(s)`, `Q^{*}(s, a)`, `f^\star(x)`: a labelled name written against a bracket is applied
      // to it, as `f(x)` is (maybeApply); the model multiplies when the name is a value.
      if (t.text === '(' && node.kind === 'sym' && t.start === node.end && node.name.includes('^{')) {
        node = this.maybeApply(node);
        continue;
      }
      // `W^{h,h}[i, I]`: a labelled name indexed with brackets, as `W[i, I]` is (maybeApply).
      if (t.text === '[' && node.kind === 'sym' && t.start === node.end && node.name.includes('^{')) {
        const args = parseParenArgs(this);
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
          const primed = withPrimes(node, n, e);
          if (this.at('(')) {
            const args = parseParenArgs(this);
            node = { kind: 'prime', f: primed, args: args.items, start: node.start, end: args.end };
          } else node = primed;
          continue;
        }
        // `(f \circ g)'(x)`, `(uv)'`: the derivative of what the bracket holds, as a function; read,
        // so the rest of the math is, but not evaluated (the variable is not written).
        // `(X'X)'`, `(AB)'`: a transpose when the bracket holds a vector or matrix; of a number the
        // checker reports it as the derivative it then is (check/compile/core.ts).
        // `X'(X')'`: read as the primed name times the bracket, whose prime then applies to it.
        if (node.kind === 'prime' && n === 1 && node.args.length === 1 && !node.label) {
          const close = this.toks[this.i - 2];
          const group: Node = {
            kind: 'group',
            open: '(',
            close: ')',
            items: node.args,
            start: node.f.end,
            end: close ? close.end : t.start,
          };
          const right: Node = {
            kind: 'post',
            op: 'T',
            operand: group,
            prime: true,
            start: group.start,
            end: e,
          };
          node = { kind: 'bin', op: 'juxt', left: node.f, right, start: node.start, end: e };
          continue;
        }
        if (node.kind === 'group' && node.open === '(' && n === 1) {
          node = { kind: 'post', op: 'T', operand: node, prime: true, start: node.start, end: e };
          continue;
        }
        if (node.kind === 'group' && node.open === '(') {
          const args = this.at('(') ? parseParenArgs(this) : null;
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
      if (t.text === '\\%') {
        this.next();
        node = percentOf(node, t);
        continue;
      }
      return node;
    }
  }

  /** Forwards to signLabel (below) for the modules that cannot import it. */
  signLabel(): { text: string; end: number } | null {
    return signLabel(this);
  }

  /** Forwards to scriptRaw (./parser/scripts) for the modules that cannot import it. */
  scriptRaw(): { text: string; end: number; startIndex: number } {
    return scriptRaw(this);
  }

  /** Forwards to parseScriptArg (./parser/scripts) for the modules that cannot import it. */
  parseScriptArg(): { nodes: Node[]; text: string } & Span {
    return parseScriptArg(this);
  }

  /** Forwards to parseParenArgs (./parser/calls) for the modules that cannot import it. */
  parseParenArgs(bars?: Parameters<typeof parseParenArgs>[1]): {
    items: Node[];
    end: number;
    given?: number;
  } {
    return parseParenArgs(this, bars);
  }

  parseAtom(): Node {
    const t = this.peek;
    if (t.text === '\\evalopen') return parseEvaluationBar(this);
    switch (t.type) {
      case 'eof':
        throw new ParseError('expected an expression but the math ends here', t.start, t.end);
      case 'num':
        this.next();
        return { kind: 'num', value: Number(t.text), text: t.text, start: t.start, end: t.end };
      case 'letter':
        return this.metricAtCutoff() ?? parseLetters(this);
      case 'sym':
        return parseSymbolAtom(this, t);
      case 'cmd':
        return parseCommand(this, t);
    }
  }

  /** Whether the tokens hold an `@` (metricAtCutoff), found once per parse. */
  private writesAt: boolean | undefined;

  /**
   * `P@10`, `HR@k`, `NDCG@5`: a metric at a cut-off, written without spaces, is one name (a label,
   * like `\text{P@10}`), not letters followed by a stray `@`.
   */
  private metricAtCutoff(): Node | null {
    // Every letter comes here: look at the run only in math that writes an `@` at all.
    this.writesAt ??= this.toks.some((t) => t.text === '@');
    if (!this.writesAt) return null;
    const adjacent = (k: number) => this.toks[k].start === this.toks[k - 1].end;
    let k = this.i + 1;
    while (this.toks[k]?.type === 'letter' && adjacent(k)) k++;
    if (this.toks[k]?.text !== '@' || !adjacent(k)) return null;
    const first = k + 1;
    k = first;
    while ((this.toks[k]?.type === 'letter' || this.toks[k]?.type === 'num') && adjacent(k)) k++;
    if (k === first) return null;
    const start = this.peek.start;
    const end = this.toks[k - 1].end;
    const text = this.toks
      .slice(this.i, k)
      .map((t) => t.text)
      .join('');
    this.i = k;
    return makeSym(`\\text{${text}}`, start, end);
  }

  /** Forwards to expectationFollows (./parser/expectation) for the modules that cannot import it. */
  expectationFollows(): boolean {
    return expectationFollows(this);
  }

  /** Forwards to maybeApply (./parser/calls) for the modules that cannot import it. */
  maybeApply(sym: SymNode): Node {
    return maybeApply(this, sym);
  }

  /** Forwards to unpairedBar (./parser/bars) for the modules that cannot import it. */
  unpairedBar(i: number): string | null {
    return unpairedBar(this, i);
  }

  /** Forwards to parseGroup (./parser/commands) for the modules that cannot import it. */
  parseGroup(): Node {
    return parseGroup(this);
  }

  /** Forwards to parseArgAtom (./parser/commands) for the modules that cannot import it. */
  parseArgAtom(): Node {
    return parseArgAtom(this);
  }

  /** Forwards to tryDerivative (./parser/derivatives) for the modules that cannot import it. */
  tryDerivative(t: Token): Node | null {
    return tryDerivative(this, t);
  }

  /** Forwards to parseSlashDerivative (./parser/derivatives) for the modules that cannot import it. */
  parseSlashDerivative(t: Token): Node {
    return parseSlashDerivative(this, t);
  }

  /** Forwards to parseNabla (./parser/derivatives) for the modules that cannot import it. */
  parseNabla(t: Token): Node {
    return parseNabla(this, t);
  }

  /** Forwards to parseNorm (./parser/bars) for the modules that cannot import it. */
  parseNorm(t: Token): Node {
    return parseNorm(this, t);
  }

  /** Forwards to parseBigOp (./parser/bigOperators) for the modules that cannot import it. */
  parseBigOp(t: Token): Node {
    return parseBigOp(this, t);
  }

  /** Forwards to parseIntegral (./parser/bigOperators) for the modules that cannot import it. */
  parseIntegral(t: Token): Node {
    return parseIntegral(this, t);
  }

  /** Tokens parsed on their own as one expression (the parts of a derivative or an integral). */
  subParse(toks: Token[], t: Token): Node {
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

  /** Forwards to parseExpectation (./parser/expectation) for the modules that cannot import it. */
  parseExpectation(op: ExpectOp, s: number): Node {
    return parseExpectation(this, op, s);
  }

  /** Forwards to finishCall (./parser/calls) for the modules that cannot import it. */
  finishCall(fn: string, s: number, e: number, natural = false): Node {
    return finishCall(this, fn, s, e, natural);
  }

  /** Forwards to parseEnvironment (./parser/environments) for the modules that cannot import it. */
  parseEnvironment(t: Token): Node {
    return parseEnvironment(this, t);
  }

  /** A raw `{…}` group starting at token index i: its source text and the index after it. */
  rawGroup(i: number): { text: string; next: number } | null {
    if (this.toks[i]?.text !== '{') return null;
    const end = skipGroup(this.toks, i);
    if (this.toks[end - 1]?.text !== '}') return null;
    const first = this.toks[i];
    const last = this.toks[end - 1];
    return { text: this.sourceBetween(first.end, last.start, i + 1, end - 1), next: end };
  }

  skipRawGroup(): void {
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

/** The factor a juxtaposition ends with (`2 x 3` ends with 3). */
function lastFactor(n: Node): Node {
  return n.kind === 'bin' && (n.op === 'juxt' || n.op === 'cdot' || n.op === 'times')
    ? lastFactor(n.right)
    : n;
}

/** The script at the parser's position when it is a lone sign (`+`, `-`, `\\pm`, `\\mp`), consumed; else null. */
function signLabel(p: Parser): { text: string; end: number } | null {
  const at = p.i;
  const raw = scriptRaw(p);
  const text = raw.text.replace(/\s+/g, '');
  if (text === '+' || text === '-' || text === '\\pm' || text === '\\mp') return { text, end: raw.end };
  p.i = at;
  return null;
}

/**
 * `(uv^\top)_{ij}`, `(AA^\top)_{il}`: letters side by side under a bracketed matrix are one index
 * each, as under a name (`A_{ij}`, withSubscript). Only letters: `(x)_{2k}` keeps its one index.
 */
function bracketIndices(nodes: Node[]): Node[] {
  if (nodes.length !== 1) return nodes;
  const letters = flattenJuxtLetters(nodes[0]);
  return letters && letters.length > 1 && letters.every((n) => n.kind === 'sym') ? letters : nodes;
}

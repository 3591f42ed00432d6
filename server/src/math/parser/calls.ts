// Function application: arguments in parentheses with their conditions, bare arguments, and when a
// name followed by a bracket is a call.
import { NORMAL_DENSITY, type Node, PLACEHOLDER, type SymNode } from '../tree';
import { OPENERS, PLACEHOLDERS } from './tokenSets';
import { ParseError } from './parseError';
import { criticalValue } from './criticalValues';
import { bracketIndexed, makeSym, span, withSignLabel, withSubscript } from './nodes';
import type { Parser } from '../parser';
import { bracedBracket } from '../bracedArgument';
import { ACCENTS, FONTS, GREEK } from '../vocabulary';
import { concentration } from './species';

/**
 * The items of a bracket. In the arguments of a name or an operator (`bars`), an unpaired bar
 * separates arguments (`D(p \\| q)`), and a conditioning bar — `\\mid`, or a single `|` or
 * `\\vert` — also marks where the condition starts (`given`), as in `p(x \\mid z)`. In a plain
 * bracket bars are only absolute values and norms.
 */
export function parseParenArgs(p: Parser, bars = false): { items: Node[]; end: number; given?: number } {
  const openIndex = p.i;
  const open = p.next();
  const close = OPENERS[open.text] ?? ')';
  const items: Node[] = [];
  let given: number | undefined;
  const saved = p.closers;
  const bar = bars ? p.unpairedBar(openIndex) : null;
  const mid = bars && conditionsAt(p, openIndex);
  p.closers = [...(mid ? ['\\mid'] : []), ...(bar ? [bar] : [])];
  try {
    while (!p.at(close) && !(open.text === '(' && p.at(']')) && !(open.text === '[' && p.at(')'))) {
      if (p.peek.type === 'eof')
        throw new ParseError(`'${open.text}' is never closed: add '${close}'`, open.start, open.end);
      const conditioning = (mid && p.at('\\mid')) || (bar !== null && bar !== '\\|' && p.at(bar));
      if (p.at(',') || p.at(';') || conditioning || (bar !== null && p.at(bar))) {
        if (conditioning && given === undefined && items.length > 0) given = items.length;
        p.next();
        continue;
      }
      // `\sigma(\cdot)`, `f(.)`, `g(\,\cdot\,)`: the argument left open, a placeholder.
      const after = p.toks[p.i + 1]?.text;
      if (PLACEHOLDERS.has(p.peek.text) && (after === close || after === ',')) {
        const dot = p.next();
        items.push(makeSym(PLACEHOLDER, dot.start, dot.end));
        continue;
      }
      items.push(p.parseValue());
      if (p.atEnd())
        throw new ParseError(`'${open.text}' is never closed: add '${close}'`, open.start, open.end);
      if (
        !p.at(',') &&
        !p.at(';') &&
        !p.at(close) &&
        !p.at(']') &&
        !p.at(')') &&
        !(bar !== null && p.at(bar)) &&
        !(mid && p.at('\\mid'))
      ) {
        const t = p.peek;
        throw new ParseError(
          `expected ',' or '${close}' but found '${t.text === '' ? 'end of math' : t.text}'`,
          t.start,
          t.end,
        );
      }
    }
  } finally {
    p.closers = saved;
  }
  const end = p.next();
  return given === undefined ? { items, end: end.end } : { items, end: end.end, given };
}

/** True when the bracket opened at i holds a `\\mid` at its own level. */
export function conditionsAt(p: Parser, i: number): boolean {
  let depth = 0;
  for (let j = i; j < p.toks.length; j++) {
    const v = p.toks[j].text;
    if (v === '(' || v === '[' || v === '{' || v === '\\{') depth++;
    else if (v === ')' || v === ']' || v === '}' || v === '\\}') {
      depth--;
      if (depth === 0) return false;
    } else if (depth === 1 && v === '\\mid') return true;
  }
  return false;
}

/** A name directly followed by `(`: a function call or a product; the model decides. */
export function maybeApply(p: Parser, sym: SymNode): Node {
  let node: Node = sym;
  // Subscripts come first: f_\theta(x).
  while (p.at('_')) {
    p.next();
    // `\rho_+`: a lone sign under a name is a label (see Parser.parsePostfix).
    const sign: { text: string; end: number } | null = (node as SymNode).sub === null ? p.signLabel() : null;
    if (sign) {
      node = withSignLabel(node as SymNode, sign);
      continue;
    }
    const arg = p.parseScriptArg();
    node = withSubscript(node as SymNode, arg.nodes, arg.text, arg.end);
  }
  // `t_{0.025, 15}`: a critical value of a law, not a name (criticalValues.ts).
  const critical = criticalValue(node);
  if (critical) return p.parsePostfix(critical);
  // `x[i]`, `W[i, I]` written against the name: bracket indexing, not a product.
  if (p.at('[') && p.peek.start === p.toks[p.i - 1].end && !(node.kind === 'sym' && node.name === 'E')) {
    const args = parseParenArgs(p);
    return bracketIndexed(node, args);
  }
  if (p.at('(')) {
    const open = p.peek;
    const args = parseParenArgs(p, true);
    const close = p.toks[p.i - 1];
    // `x (x + 1)^2`, `U (V U)^{-1}`, `n (n-1)!`, `X_{ij}(Xw - y)_i`: a script after the bracket
    // belongs to the bracket when the name is a value and to the call when it is a function.
    // Only the model knows which, so the tree is the product, marked for the checker.
    if (
      p.at('^') ||
      p.at('_') ||
      (p.at('!') && !(p.toks[p.i + 1]?.text === '=' && p.toks[p.i + 1].start === p.peek.end))
    ) {
      const group: Node = {
        kind: 'group',
        open: open.text,
        close: close.text,
        items: args.items,
        start: open.start,
        end: args.end,
      };
      const b = p.parsePostfix(group);
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

/**
 * `\mathcal{N}(x; \mu, \sigma^2)`: a semicolon after the first argument, at the parenthesis' own
 * depth, separates the point from the law's parameters, so the call is the density at that point;
 * so does a bar (`\mathcal{N}(x \mid \mu, \sigma^2)`), read in readCall.
 */
function semicolonFirst(toks: readonly { text: string }[], open: number): boolean {
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    const t = toks[i].text;
    if (t === '(' || t === '[' || t === '{' || t === '\\{') depth++;
    else if (t === ')' || t === ']' || t === '}' || t === '\\}') {
      depth--;
      if (depth <= 0) return false;
    } else if (depth === 1 && t === ',') return false;
    else if (depth === 1 && t === ';') return true;
  }
  return false;
}

/**
 * `\sigma^2 I`, `(1 - \bar\alpha_t)\mathbf{I}`: a number times an identity whose size the text
 * leaves to x is an isotropic covariance; the density reads it as that number, its variance.
 */
function isotropicVariance(spread: Node): Node {
  const identity = (n: Node) => n.kind === 'sym' && IDENTITY.has(n.name);
  if (identity(spread)) return { kind: 'num', value: 1, text: '1', start: spread.start, end: spread.end };
  if (spread.kind === 'bin' && (spread.op === 'juxt' || spread.op === 'cdot') && identity(spread.right))
    return spread.left;
  return spread;
}

const IDENTITY = new Set(['I', '\\mathbf{I}', '\\mathbb{I}', '\\boldsymbol{I}']);

/**
 * `h = \\tanh`, `\\phi := \\exp`: a function's name alone as the whole right side of `=` names
 * the function (the model makes the left side that function); anywhere else it needs an argument.
 */
function namedAfterEquals(p: Parser, start: number): boolean {
  let k = p.i - 1;
  while (k > 0 && p.toks[k].start >= start) k--;
  const equals = p.toks[k];
  const after = p.peek;
  const ends = after.type === 'eof' || [',', ';', '.', '\\quad', '\\qquad', '\\\\', '&'].includes(after.text);
  if (!equals || equals.end > start || equals.text !== '=' || !ends) return false;
  // The left side is one name, `h` or `h_1`, from the start of the statement (`\\sin x = \\cos` is
  // a function left without its argument).
  let first = k - 1;
  while (first > 0 && !STATEMENT_BREAKS.has(p.toks[first - 1].text)) first--;
  const left = p.toks.slice(first, k).map((t) => t.text);
  const letter = (x: string | undefined) =>
    x !== undefined && (/^[A-Za-z]$/.test(x) || GREEK.has(x.replace(/^\\/, '')));
  return (
    (left.length === 1 && letter(left[0])) ||
    (left.length === 3 && letter(left[0]) && left[1] === '_' && /^[A-Za-z0-9]$/.test(left[2]))
  );
}

const STATEMENT_BREAKS = new Set([',', ';', '\\quad', '\\qquad', '\\\\', '&']);

export function finishCall(p: Parser, fn: string, s: number, e: number, natural = false): Node {
  const call = readCall(p, fn, s, e);
  return natural && call.kind === 'call' && fn === 'log' ? { ...call, natural: true } : call;
}

function readCall(p: Parser, fn: string, s: number, e: number): Node {
  let sub: Node | null = null;
  let sup: Node | null = null;
  for (let round = 0; round < 2; round++) {
    if (p.at('_')) {
      p.next();
      const a = p.parseScriptArg();
      sub = a.nodes[0] ?? null;
      e = a.end;
    } else if (p.at('^')) {
      p.next();
      const a = p.parseScriptArg();
      sup = a.nodes[0] ?? null;
      e = a.end;
    }
  }
  // `\log[\mathrm{H^+}]`, `-\log[H^+]`: the logarithm of a concentration (./species.ts).
  const species = p.at('[') ? concentration(p) : null;
  if (species)
    return { kind: 'call', fn, args: [species], sub, sup, paren: true, start: s, end: species.end };
  if (p.at('(') || (p.at('[') && fn !== 'max' && fn !== 'min')) {
    const density = fn === 'Normal' && semicolonFirst(p.toks, p.i);
    // `\mathcal{N}(x \mid \mu, \sigma^2)`, Bishop's bar: the point, then the law's parameters.
    const barred = fn === 'Normal' && !density && conditionsAt(p, p.i);
    const r = parseParenArgs(p, barred);
    if ((density || (barred && r.given === 1)) && r.items.length === 3) {
      const [x, mean, spread] = r.items;
      const args = [x, mean, isotropicVariance(spread)];
      return { kind: 'call', fn: NORMAL_DENSITY, args, sub, sup, paren: true, start: s, end: r.end };
    }
    return { kind: 'call', fn, args: r.items, sub, sup, paren: true, start: s, end: r.end };
  }
  const braced = bracedBracket(p.toks, p.i);
  if (braced && (p.toks[braced.open].text === '(' || (fn !== 'max' && fn !== 'min'))) {
    p.next();
    const r = parseParenArgs(p);
    const c = p.expect('}', 'the brace around the argument');
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
  // `12\angle -36.87^\circ`: a phasor's angle written with its sign and no braces.
  if (fn === 'angle' && p.at('-')) {
    const minus = p.next();
    const operand = p.parseFactor();
    const arg: Node = { kind: 'neg', operand, start: minus.start, end: operand.end };
    return { kind: 'call', fn, args: [arg], sub, sup, paren: false, start: s, end: operand.end };
  }
  if (p.endsExpression()) {
    if (namedAfterEquals(p, s))
      return { kind: 'call', fn, args: [], sub, sup, paren: false, start: s, end: e };
    throw new ParseError(`${fn} needs an argument`, s, e);
  }
  // `\sin 2x`, `\log xy`, `\operatorname{tr} AB`: an argument written without brackets runs over
  // the numbers and names written against it, up to the next function, bracket, operator or
  // relation — so `\sin x \cos x` is a product of two calls and `\sin x + y` adds y.
  // `\log{x} y`: a braced group is the whole argument, as a bracketed one is, so what follows
  // it multiplies the call.
  const inBraces = p.at('{');
  // `\max\{3, 7, 2\}`, `\min\{a, b\}`: the largest or least of a listed set is the function of its
  // members, as `\max(3, 7, 2)` is.
  if ((fn === 'max' || fn === 'min') && p.at('\\{')) {
    const set = p.parseFactor();
    if (
      set.kind === 'group' &&
      set.open === '\\{' &&
      set.items.length >= 2 &&
      !set.items.some((x) => x.kind === 'dots')
    )
      return { kind: 'call', fn, args: set.items, sub, sup, paren: true, start: s, end: set.end };
    return { kind: 'call', fn, args: [set], sub, sup, paren: false, start: s, end: set.end };
  }
  let arg = p.parseFactor();
  while (!inBraces && !p.endsExpression() && continuesBareArgument(p)) {
    p.numbersSideBySide(arg);
    const right = p.parseFactor();
    arg = { kind: 'bin', op: 'juxt', left: arg, right: right, ...span(arg, right) };
  }
  return { kind: 'call', fn, args: [arg], sub, sup, paren: false, start: s, end: arg.end };
}

/** A number, a letter, a Greek letter or an accented or bold name: part of a bare function argument. */
export function continuesBareArgument(p: Parser): boolean {
  const t = p.peek;
  if (t.lineBreakBefore) return false;
  // `\cos\Delta\, I`: the thin space ends the argument; the next letter is a factor of the product.
  if (t.spacedBefore) return false;
  if (t.type === 'num') return true;
  if (t.type === 'letter') return true;
  if (t.type !== 'cmd') return false;
  return (
    GREEK.has(t.text.slice(1)) ||
    ACCENTS.has(t.text) ||
    (FONTS.has(t.text) && t.text !== '\\mathrm' && t.text !== '\\textrm')
  );
}

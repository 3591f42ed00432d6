// Derivatives: Leibniz fractions (mixed partials included), slash derivatives and ∇.
import type { Token } from '../tokens';
import type { Node, SymNode } from '../tree';
import { skipGroup } from './prepare';
import { ParseError } from './parseError';
import { GREEK } from '../vocabulary';
import type { Parser } from '../parser';

/**
 * Where differentials start in a derivative's denominator: at `\\partial`, or (in the d-style
 * `\\frac{d^{2}}{d x d y}` that SymPy prints) at a letter d outside braces and scripts. One pass.
 */
function differentialStarts(toks: Token[], style: 'partial' | 'd'): boolean[] {
  let depth = 0;
  return toks.map((t, i) => {
    const before = toks[i - 1]?.text;
    const starts =
      style === 'partial'
        ? t.text === '\\partial'
        : t.type === 'letter' && t.text === 'd' && depth === 0 && before !== '_' && before !== '^';
    if (t.text === '{') depth++;
    else if (t.text === '}') depth--;
    return starts;
  });
}

/** The variables of a mixed partial's denominator, `\\partial x^2 \\partial y`, with their orders. */
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
      current[n - 2].type === 'num' &&
      current[n - 1].text === '}'
    ) {
      order = Number(current[n - 2].text);
      current = current.slice(0, -4);
    }
    if (current.length) out.push({ toks: current, order });
    current = [];
  };
  const starts = differentialStarts(toks, style);
  toks.forEach((tok, i) => {
    if (starts[i]) flush();
    else current.push(tok);
  });
  flush();
  return out;
}

/** How a transpose is written after a differential's variable (`\partial x^\top`). */
const TRANSPOSE_MARKS = new Set(['T', '\\top', '\\intercal', '\\mathsf{T}', '\\mathrm{T}']);

/** The variable's tokens without a transpose written after them, or null when none is. */
function withoutTranspose(toks: Token[]): Token[] | null {
  const hat = toks.map((x) => x.text).lastIndexOf('^');
  if (hat < 1) return null;
  const mark = toks
    .slice(hat + 1)
    .map((x) => x.text)
    .join('');
  const bare = mark.startsWith('{') && mark.endsWith('}') ? mark.slice(1, -1) : mark;
  return TRANSPOSE_MARKS.has(bare) ? toks.slice(0, hat) : null;
}

const sameText = (a: Token[], b: Token[]) => a.length === b.length && a.every((x, i) => x.text === b[i].text);

/**
 * `\frac{\partial^2 f}{\partial x \partial x^\top}`: the Hessian, written so that its rows run
 * along x and its columns along xᵀ. The transpose says how the matrix is laid out, not another
 * variable: the second differential is in x again, as in `\partial x \partial x`. A transpose on a
 * variable the denominator names only once is left as written.
 */
function transposeAsLayout(parts: { toks: Token[]; order: number }[]): { toks: Token[]; order: number }[] {
  return parts.map((p) => {
    const bare = withoutTranspose(p.toks);
    return bare && parts.some((q) => q !== p && sameText(q.toks, bare)) ? { ...p, toks: bare } : p;
  });
}

export function tryDerivative(parser: Parser, t: Token): Node | null {
  const numG = parser.toks[parser.i]?.text === '{' ? skipGroup(parser.toks, parser.i) : -1;
  if (numG < 0) return null;
  const numToks = parser.toks.slice(parser.i + 1, numG - 1);
  const denEnd = parser.toks[numG]?.text === '{' ? skipGroup(parser.toks, numG) : -1;
  if (denEnd < 0) return null;
  const denToks = parser.toks.slice(numG + 1, denEnd - 1);
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
    // `d_j` is a name with an index (`\frac{d_j^2}{d_j^2 + \lambda}`), never the differential.
    if (toks[0].type === 'letter' && toks[0].text === 'd' && toks[1]?.text !== '_')
      return { style: 'd', rest: 1 };
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
    // The document's readings hold inside a derivative too (`\frac{d\,FL}{dp}` with FL an acronym);
    // an equation number does not.
    const p = parser.create([...toks, eof], parser.problems, { ...parser.options, display: false });
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
  if ((dd.style === 'partial' || order > 1) && differentialStarts(wrtToks, dd.style).includes(true)) {
    const parts = transposeAsLayout(mixedPartials(denToks.slice(dd.rest), dd.style)).map((p) => ({
      wrt: sub(p.toks),
      order: p.order,
    }));
    const total = parts.reduce((a, p) => a + p.order, 0);
    const end = parser.toks[denEnd - 1].end;
    if (nd.style !== dd.style || total !== order)
      throw new ParseError(
        `the orders of this mixed partial differ: ${order} above, ${total} below`,
        t.start,
        end,
      );
    parser.i = denEnd;
    let node: Node;
    if (ofToks.length) node = sub(ofToks);
    else if (parser.endsExpression())
      throw new ParseError('a derivative operator needs something to differentiate after it', t.start, end);
    else node = parser.parseOperand();
    const cut = !ofToks.length && cutAtProduct(parser);
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
        ...(cut && k === 0 ? { cutAtProduct: true as const } : {}),
      };
    return node;
  }
  if (ofToks.length) of = sub(ofToks);
  const wrt = sub(wrtToks);
  parser.i = denEnd;
  const end = parser.toks[denEnd - 1].end;
  let node: Node = { kind: 'deriv', of, wrt, order, style: nd.style, start: t.start, end: end };
  if (of !== null && parser.at('(')) {
    // `\frac{dg}{dt}(s)`: the derivative of a function at s, or a product with a bracket;
    // the checker decides by whether g is a function.
    const args = parser.parseParenArgs();
    node = { ...node, at: args.items, end: args.end };
  }
  if (of === null) {
    // `\frac{\partial}{\partial x} f(x)` — the operand is the following factor.
    if (parser.endsExpression())
      throw new ParseError('a derivative operator needs something to differentiate after it', t.start, end);
    const body = parser.parseOperand();
    node = { kind: 'deriv', of: body, wrt, order, style: nd.style, start: t.start, end: body.end };
    if (cutAtProduct(parser)) node.cutAtProduct = true;
  }
  return node;
}

/** What a subdifferential applies to: a function at a point, an absolute value, a norm. */
const SUBDIFFERENTIATED = new Set<Node['kind']>(['apply', 'call', 'abs', 'norm']);
const subdifferentiated = (n: Node) =>
  SUBDIFFERENTIATED.has(n.kind) || (n.kind === 'subscript' && n.base.kind === 'norm');

/** `\\partial L / \\partial W` written inline: the same derivative as the fraction. */
export function parseSlashDerivative(p: Parser, t: Token): Node {
  p.next();
  if (p.at('_')) return parseSubscriptPartial(p, t);
  if (p.endsExpression())
    throw new ParseError(
      'a lone \\partial is not supported: write \\frac{\\partial Y}{\\partial X}',
      t.start,
      t.end,
    );
  const of = p.parseFactor();
  // `\partial f(0) = [-1, 1]`, `\partial |x|`, `\partial \|x\|_1`: convex analysis's subdifferential
  // of a function at a point, a set of subgradients — read, so the rest of the math is, but a set
  // is not evaluated.
  if (!p.at('/') && subdifferentiated(of))
    return {
      kind: 'error',
      message:
        'the subdifferential (a set of subgradients) is not evaluated; state a subgradient ' +
        'itself (g = \\operatorname{sign}(x)) to have it checked',
      start: t.start,
      end: of.end,
    };
  if (!p.at('/'))
    throw new ParseError(
      'expected / \\partial x after \\partial y (or write \\frac{\\partial y}{\\partial x})',
      t.start,
      of.end,
    );
  p.next();
  if (!p.at('\\partial')) throw new ParseError('expected \\partial after /', t.start, p.peek.end);
  p.next();
  const wrt = p.parseFactor();
  return { kind: 'deriv', of, wrt, order: 1, style: 'partial', start: t.start, end: wrt.end };
}

/**
 * `\\partial_\\sigma \\mathrm{KL}`, `\\partial_x f(x, y)`: the partial derivative with respect to the
 * one variable in the subscript, as `\\frac{\\partial}{\\partial x}` — the operand is read as after
 * `\\nabla_x` (a product sign ends it).
 */
function parseSubscriptPartial(p: Parser, t: Token): Node {
  p.next();
  const arg = p.parseScriptArg();
  if (arg.nodes.length !== 1)
    throw new ParseError('\\partial_{…} must name one variable: \\partial_x f', arg.start, arg.end);
  if (p.at('^'))
    throw new ParseError(
      'a power on \\partial_x is not read: write \\frac{\\partial^2 f}{\\partial x^2}',
      t.start,
      p.peek.end,
    );
  if (p.endsExpression()) throw new ParseError('\\partial_x needs a function after it', t.start, arg.end);
  const body = p.parseOperand();
  const node: Node = {
    kind: 'deriv',
    of: body,
    wrt: arg.nodes[0],
    order: 1,
    style: 'partial',
    start: t.start,
    end: body.end,
  };
  if (cutAtProduct(p)) node.cutAtProduct = true;
  return node;
}

/** `\\nabla_x f`, `\\nabla f(x)`, the Hessian `\\nabla^2_x f` and the row gradient `\\nabla_x^\\top f`. */
export function parseNabla(p: Parser, t: Token): Node {
  p.next();
  let wrt: Node | null = null;
  let order = 1;
  let transposed = false;
  let scriptEnd = t.end;
  for (let round = 0; round < 2; round++) {
    if (p.at('_') && !wrt) {
      p.next();
      const arg = p.parseScriptArg();
      if (arg.nodes.length !== 1)
        throw new ParseError('\\nabla_{…} must name one variable', arg.start, arg.end);
      wrt = arg.nodes[0];
      scriptEnd = arg.end;
    } else if (p.at('^') && order === 1 && !transposed) {
      p.next();
      const raw = p.scriptRaw();
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
  // `\\nabla \\cdot F`, `\\nabla \\times F`: the divergence and the curl of a vector field (read, and
  // left unchecked with what to write), not a gradient times something.
  if (!wrt && order === 1 && !transposed && (p.at('\\cdot') || p.at('\\times'))) {
    const fn = p.next().text === '\\cdot' ? 'div' : 'curl';
    const field = p.parseFactor();
    return {
      kind: 'call',
      fn,
      args: [field],
      sub: null,
      sup: null,
      paren: false,
      start: t.start,
      end: field.end,
    };
  }
  if (!wrt) {
    // `\\nabla f(x)`: the gradient with respect to the one argument written.
    if (p.endsExpression())
      throw new ParseError(
        '\\nabla needs a function after it: \\nabla f(x) or \\nabla_x f',
        t.start,
        scriptEnd,
      );
    const read = p.parseFactor();
    // `\nabla f(x)^\top (y - x)`, `\nabla^2 f(x)^{-1}`: the script after the argument is the
    // gradient's (the Hessian's), as every reader takes it, not a script of f(x) inside it.
    const scripted = scriptedCall(read);
    const body: Node = scripted ? scripted.call : read;
    // A gradient the checker works out from what it is of (a function's name, a formula).
    const gradientOf = (of: Node, at?: Node[]): Node => ({
      kind: 'deriv',
      of,
      wrt: of,
      order,
      style: 'nabla',
      bareGradient: true,
      ...(at ? { at } : {}),
      start: t.start,
      end: body.end,
    });
    // `\nabla f`, `\nabla L_\lambda`: a function's gradient in the one parameter its definition
    // names, which the checker looks up; a name that is not such a function is an error there.
    if (body.kind === 'sym' && !scripted) return gradientOf(body);
    // `\nabla g(1, 0, 2)`, `\nabla f(x, y)`: the gradient of a function of several numbers at the
    // point written (check/compile/derivatives.ts; a function of vectors is left unchecked there).
    if (!scripted && body.kind === 'apply' && body.args.length > 1 && body.f.kind === 'sym')
      return gradientOf(body.f, body.args);
    // `\nabla (x^2 y)`: the gradient of a formula in brackets, in the coordinates the claim's other
    // side lists (check/formulaGradient.ts); nothing else reads it.
    if (!scripted && body.kind === 'group' && body.open === '(' && body.items.length === 1)
      return gradientOf(body);
    if (!isGradientBody(body))
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
    if (scripted) node = scripted.wrap(node);
  } else {
    if (p.endsExpression()) throw new ParseError('\\nabla_x needs a function after it', t.start, scriptEnd);
    const body = p.parseOperand();
    node = { kind: 'deriv', of: body, wrt, order, style: 'nabla', start: t.start, end: body.end };
    if (cutAtProduct(p)) node.cutAtProduct = true;
  }
  return transposed ? { kind: 'post', op: 'T', operand: node, start: node.start, end: node.end } : node;
}

/**
 * `f(x)^\top`, `f(x)^{-1}` as the parser leaves them when it cannot tell a call from a product
 * (`f` juxtaposed with the scripted bracket): after `\nabla`, f is a function, so this is the call
 * f(x) and the script, which `wrap` puts back around the gradient.
 */
function scriptedCall(n: Node): { call: Node; wrap: (inner: Node) => Node } | null {
  if (n.kind !== 'bin' || n.op !== 'juxt' || !n.apply || n.left.kind !== 'sym') return null;
  const script = n.right;
  const bracket = script.kind === 'post' ? script.operand : script.kind === 'pow' ? script.base : null;
  if (bracket?.kind !== 'group' || bracket.open !== '(') return null;
  const call: Node = { kind: 'apply', f: n.left, args: bracket.items, start: n.left.start, end: bracket.end };
  const wrap = (inner: Node): Node =>
    script.kind === 'post'
      ? { ...script, operand: inner, start: inner.start }
      : script.kind === 'pow'
        ? { ...script, base: inner, start: inner.start }
        : inner;
  return { call, wrap };
}

/** `f(x)`: what `\nabla` without a subscript differentiates, in the one argument written. */
function isGradientBody(n: Node): n is Extract<Node, { kind: 'apply' }> & { args: [SymNode] } {
  return n.kind === 'apply' && n.args.length === 1 && n.args[0].kind === 'sym';
}

/** Whether an operator's operand just read ends at an explicit product sign with more after it. */
function cutAtProduct(p: Parser): boolean {
  return p.at('\\cdot') || p.at('\\times');
}

/** A single letter, Latin or Greek, as the variable or function of a slash derivative. */
function variableToken(t: Token | undefined): boolean {
  return (
    !!t && ((t.type === 'letter' && t.text.length === 1) || (t.type === 'cmd' && GREEK.has(t.text.slice(1))))
  );
}

/**
 * `dy/dt`, `d\theta/dt`, `dx_1/dt` written inline: the d-style derivative, as `\frac{dy}{dt}`. Only
 * the whole form reads so — a d, one letter (with a subscript), a slash, a d and one letter that no
 * other letter follows — and only where a letter run starts, so `ad/dt`'s d is not a differential.
 * Null (nothing consumed) otherwise.
 */
export function trySlashLeibniz(p: Parser): Node | null {
  const i = p.i;
  const t = p.toks[i];
  const before = p.toks[i - 1];
  if (t.type !== 'letter' || t.text !== 'd' || !variableToken(p.toks[i + 1])) return null;
  if (before && before.type === 'letter' && before.end === t.start) return null;
  try {
    p.next();
    const of = p.parseFactor();
    const slash = p.peek;
    const d = p.toks[p.i + 1];
    const v = p.toks[p.i + 2];
    const after = p.toks[p.i + 3];
    if (
      of.kind !== 'sym' ||
      slash.text !== '/' ||
      d?.type !== 'letter' ||
      d.text !== 'd' ||
      !variableToken(v)
    ) {
      p.i = i;
      return null;
    }
    if (
      after &&
      (after.type === 'letter' || after.text === '_' || after.text === '^') &&
      after.start === v.end
    ) {
      p.i = i;
      return null;
    }
    p.i += 2;
    const wrt = p.parseAtom();
    if (wrt.kind !== 'sym') {
      p.i = i;
      return null;
    }
    return {
      kind: 'deriv',
      of,
      wrt,
      order: 1,
      style: 'd',
      start: t.start,
      end: wrt.end,
    };
  } catch {
    p.i = i;
    return null;
  }
}

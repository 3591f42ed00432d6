// Superscripts and subscripts: exponents, primes and labels, script arguments, index items and
// ranges.
import type { Node, Span, SymNode } from '../tree';
import type { Parser } from '../parser';
import { FONTS, GREEK, GREEK_ALIAS, WORD_COMMANDS } from '../vocabulary';
import { makeSym, withPrimes } from './nodes';
import { skipGroup } from './prepare';
import { ParseError } from './parseError';
import type { Token } from '../tokens';

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

export function applySuperscript(p: Parser, node: Node): Node {
  const signed = signedExponent(p, node);
  if (signed) return signed;
  const digits = p.peek;
  if (digits.type === 'num' && digits.text.length > 1) {
    // TeX raises one character: `x^1001` sets x¹ followed by 001. Neither reading is safe.
    p.next();
    const message =
      `an unbraced exponent of several digits: TeX raises only the first digit ` +
      `(${digits.text[0]}) and sets ${digits.text.slice(1)} after it; write ^{${digits.text}} for the ` +
      `power or ^${digits.text[0]} ${digits.text.slice(1)} for the product`;
    p.problem(message, digits.start, digits.end);
    return { kind: 'error', message, start: node.start, end: digits.end };
  }
  // Transpose, inverse and pseudo-inverse markers.
  const raw = scriptRaw(p);
  const e = raw.end;
  const m = raw.text.replace(/\s+/g, '');
  if (node.kind === 'num' && DEGREE_MARKS.has(m)) return degrees(p, node, e);
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
  if (T.has(m) && !(node.kind === 'sym' && m === '\\tau')) {
    const letter = m === 'T' || m === '\\tau' ? { letter: m as 'T' | '\\tau' } : {};
    return { kind: 'post', op: 'T', operand: node, start: node.start, end: e, ...letter };
  }
  if (m === '-1') return { kind: 'post', op: 'inv', operand: node, start: node.start, end: e };
  if (m === '-T' || m === '-\\top' || m === '-\\intercal' || m === '-\\mathsf{T}')
    return { kind: 'post', op: 'invT', operand: node, start: node.start, end: e };
  // `P^-`, `\hat x^-`: the value before (an update, a limit from the left) is a name of its own;
  // `P^+` is the value after where the document writes such labels, else the pseudo-inverse.
  if (node.kind === 'sym' && (m === '-' || (m === '+' && p.options.signLabels)))
    return { ...node, name: `${node.name}^{${m}}`, stem: `${node.stem}^{${m}}`, end: e } as SymNode;
  if (m === '\\dagger')
    return { kind: 'post', op: 'pinv', operand: node, start: node.start, end: e, dagger: true };
  if (m === '+') return { kind: 'post', op: 'pinv', operand: node, start: node.start, end: e };
  if (m === '\\prime' || m === "'") {
    if (node.kind === 'sym') return withPrimes(node, 1, e);
  }
  // `f^{(3)}(x)`: the third derivative of a function, or a function labelled (3); the checker
  // decides by what the document defines.
  const nth = /^\((\d)\)$/.exec(m);
  if (node.kind === 'sym' && nth && p.at('(') && Number(nth[1]) >= 1) {
    const n = Number(nth[1]);
    const label = { ...node, name: `${node.name}^{${m}}`, stem: `${node.stem}^{${m}}`, end: e } as SymNode;
    const primed = withPrimes(node, n, e);
    const args = p.parseParenArgs();
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
    const member = iterateMember(p, node, m, raw.startIndex, e);
    if (member) return member;
    return { ...node, name: `${node.name}^{${label}}`, stem: `${node.stem}^{${label}}`, end: e } as SymNode;
  }
  // A real exponent: reparse the script as an expression.
  p.i = raw.startIndex;
  const arg = parseScriptArg(p);
  const exp =
    arg.nodes.length === 1
      ? arg.nodes[0]
      : ({ kind: 'list', items: arg.nodes, start: arg.start, end: arg.end } as Node);
  return { kind: 'pow', base: node, exponent: exp, start: node.start, end: arg.end };
}

/**
 * `x^{(k)}`, `x^{(k+1)}`, `W^{(2)}`, `h^{(i)}`: a parenthesized label that reads as an index names a
 * member of a family, as `x_k` does — the k-th iterate, layer or example — so recurrences, sums and
 * declarations of members read it as they read subscripts. Its key is the subscript form of the
 * stem `x^{()}` (`x^{()}_{k+1}`, printed back as written). A name that already has a subscript
 * (`x_i^{(k)}`) keeps the label whole; one that takes a subscript next (`z^{(1)}_2`, an entry of an
 * iterate) is the member's key as a name of its own, which the subscript indexes.
 */
export const ITERATE_STEM_MARK = '^{()}';

function iterateMember(p: Parser, node: SymNode, m: string, startIndex: number, e: number): SymNode | null {
  if (!/^\(.*\)$/.test(m) || node.sub !== null) return null;
  const inner = m.slice(1, -1);
  if (!isLabelText(inner)) return null;
  const resume = p.i;
  p.i = startIndex;
  let items: Node[] | null = null;
  try {
    const arg = parseScriptArg(p);
    const only = arg.nodes.length === 1 ? arg.nodes[0] : null;
    if (only?.kind === 'group' && only.open === '(') items = only.items;
  } catch {
    items = null;
  }
  p.i = resume;
  if (!items || items.length === 0) return null;
  const stem = `${node.stem}${ITERATE_STEM_MARK}`;
  const name = `${stem}_{${inner}}`;
  // `z^{(1)}_2`: the subscript indexes the member, whose key is then a name of its own.
  if (p.at('_')) return { ...node, stem: name, name, end: e };
  return { ...node, stem, sub: items, subText: inner, name, end: e };
}

/**
 * `x^-1`, `x^-1000`, `A^-T`, `x^-n`: an unbraced negative exponent, read as the reader reads
 * it (TeX would raise the sign alone, which means nothing).
 */
export function signedExponent(p: Parser, node: Node): Node | null {
  const sign = p.peek;
  const arg = p.toks[p.i + 1];
  // Only `-` written against its argument: `A^+ b` is the pseudo-inverse of A times b.
  if (sign.type !== 'sym' || sign.text !== '-' || !arg || arg.start !== sign.end) return null;
  const greek = arg.type === 'cmd' && GREEK.has(arg.text.slice(1));
  if (arg.type !== 'num' && arg.type !== 'letter' && !greek && arg.text !== '\\top') return null;
  p.i += 2;
  const e = arg.end;
  if (sign.text === '-' && arg.text === '1')
    return { kind: 'post', op: 'inv', operand: node, start: node.start, end: e };
  if (sign.text === '-' && (arg.text === 'T' || arg.text === '\\top'))
    return { kind: 'post', op: 'invT', operand: node, start: node.start, end: e };
  const base: Node =
    arg.type === 'num'
      ? { kind: 'num', value: Number(arg.text), text: arg.text, start: arg.start, end: e }
      : makeSym(greek ? `\\${GREEK_ALIAS[arg.text.slice(1)] ?? arg.text.slice(1)}` : arg.text, arg.start, e);
  const b: Node = sign.text === '-' ? { kind: 'neg', operand: base, start: sign.start, end: e } : base;
  return { kind: 'pow', base: node, exponent: b, start: node.start, end: e };
}

/** Reads the raw text of a script argument (group or single token) without consuming it. */
export function scriptRaw(p: Parser): { text: string; end: number; startIndex: number } {
  const startIndex = p.i;
  const t = p.peek;
  if (t.text === '{') {
    const end = skipGroup(p.toks, p.i);
    const inner = p.toks.slice(p.i + 1, end - 1);
    p.i = end;
    return { text: joinTokens(inner), end: p.toks[end - 1].end, startIndex };
  }
  if (t.type === 'eof') throw new ParseError('expected a superscript', t.start, t.end);
  // `x_}`: a closing brace ends the group around the script; it is not the script.
  if (t.text === '}') throw new ParseError('expected a script before this brace', t.start, t.end);
  // A command with a braced argument (`^\mathsf{T}`).
  p.next();
  if (t.type === 'cmd' && p.at('{') && (FONTS.has(t.text) || WORD_COMMANDS.has(t.text))) {
    const end = skipGroup(p.toks, p.i);
    const inner = p.toks.slice(p.i, end);
    p.i = end;
    return { text: t.text + joinTokens(inner), end: p.toks[end - 1].end, startIndex };
  }
  return { text: t.text, end: t.end, startIndex };
}

const STARS = new Set(['*', '\\ast', '\\star']);

const DEGREE_MARKS = new Set(['\\circ', '\\degree', '\\text{\\textdegree}']);

/** `C`, `F`, `\mathrm{C}`, `\text{F}` right after a degree sign: a temperature scale. */
function atTemperatureScale(p: Parser): boolean {
  const t = p.peek;
  if (t.type === 'eof') return false;
  if (t.text === 'C' || t.text === 'F') return true;
  if (t.type !== 'cmd' || !(FONTS.has(t.text) || WORD_COMMANDS.has(t.text))) return false;
  const brace = p.toks[p.i + 1];
  const letter = p.toks[p.i + 2];
  return (
    brace?.text === '{' && (letter?.text === 'C' || letter?.text === 'F') && p.toks[p.i + 3]?.text === '}'
  );
}

/**
 * `30^\circ`: a number of degrees is that many times π/180, the radians every function here takes,
 * so `\sin 30^\circ = 1/2` is checked. A degree sign before C or F is a temperature, which no
 * claim can compare with a bare number: it is not evaluated.
 */
function degrees(p: Parser, node: Extract<Node, { kind: 'num' }>, end: number): Node {
  if (atTemperatureScale(p)) {
    const message = `a temperature in degrees (${node.text}°) is a unit, not a number derivcheck compares`;
    return { kind: 'error', message, start: node.start, end };
  }
  const pi = makeSym('\\pi', end, end);
  const radians: Node = { kind: 'bin', op: 'cdot', left: node, right: pi, start: node.start, end };
  const per = { kind: 'num', value: 180, text: '180', start: end, end } as Node;
  return { kind: 'frac', numerator: radians, denominator: per, start: node.start, end };
}

/** `\text{max}}` at the parser: the word as a label name, consumed up to the script's closing brace. */
function wordLabel(p: Parser): { node: SymNode; text: string } | null {
  const t = p.peek;
  const roman = ROMAN_WORDS.has(t.text);
  if (t.type !== 'cmd' || !(WORD_COMMANDS.has(t.text) || roman) || p.toks[p.i + 1]?.text !== '{') return null;
  const end = skipGroup(p.toks, p.i + 1);
  const inner = p.toks.slice(p.i + 2, end - 1);
  const word = inner.map((x) => x.text).join('');
  if (inner.length === 0 || !/^[A-Za-z]+$/.test(word) || p.toks[end]?.text !== '}') return null;
  // `x_{\mathrm{min}}` is `x_{\text{min}}`; one roman letter (`\mathrm{d}`, `\mathrm{T}`) stays a letter.
  if (roman && word.length < 2) return null;
  const node = makeSym(`\\text{${word}}`, t.start, p.toks[end - 1].end);
  const text = joinTokens(p.toks.slice(p.i, end));
  p.i = end;
  return { node, text };
}

/**
 * A braced script with one bar at its own level, `|` or `\mid`, with something on each side
 * (`t|t-1`, `k \mid k-1`, `X|Y`): the label, consumed up to the script's closing brace. Two bars
 * (`x_{|i|}`) are an absolute value, and a script with none is read as indices.
 */
function conditionedLabel(p: Parser): { node: Node; text: string } | null {
  let depth = 0;
  let bar = -1;
  let j = p.i;
  for (; j < p.toks.length; j++) {
    const x = p.toks[j];
    if (x.type === 'eof') return null;
    if (x.text === '{' || x.text === '(' || x.text === '[') depth++;
    else if (x.text === ')' || x.text === ']') depth--;
    else if (x.text === '}') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (x.text === '|' || x.text === '\\mid')) {
      if (bar >= 0) return null;
      bar = j;
    }
  }
  if (bar <= p.i || bar >= j - 1 || p.toks[j]?.text !== '}') return null;
  const text = joinTokens(p.toks.slice(p.i, j))
    .replace(/\\mid\s*/g, '|')
    .replace(/\s+/g, '');
  const node: Node = { kind: 'text', text, start: p.toks[p.i].start, end: p.toks[j - 1].end };
  p.i = j;
  return { node, text };
}

/** Font commands whose word of two or more letters, alone in a script, is a word label like `\text`. */
const ROMAN_WORDS = new Set(['\\mathrm', '\\textrm', '\\mathit', '\\textit']);

/** Operator names that, alone in a script, label the name they are attached to (`x_{\max}`). */
const OPERATOR_LABELS = new Set([
  '\\max',
  '\\min',
  '\\sup',
  '\\inf',
  '\\lim',
  '\\arg',
  '\\det',
  '\\exp',
  '\\log',
]);

/** A sub/superscript argument: a braced group (comma list allowed) or one token. */
export function parseScriptArg(p: Parser): { nodes: Node[]; text: string } & Span {
  const t = p.peek;
  if (t.text === '{') {
    const open = p.next();
    const startIdx = p.i;
    // `k_{*}`, `k_{**}` (a test point and its kernel value): stars only, a label like `V_*`.
    let j = p.i;
    while (STARS.has(p.toks[j]?.text ?? '')) j++;
    if (j > p.i && p.toks[j]?.text === '}') {
      const stars = '*'.repeat(j - p.i);
      const span = { start: p.toks[p.i].start, end: p.toks[j - 1].end };
      p.i = j;
      const close = p.next();
      return {
        nodes: [{ kind: 'text', text: stars, ...span }],
        text: stars,
        start: open.start,
        end: close.end,
      };
    }
    // `P_{t|t-1}`, `\hat x_{k \mid k-1}`: a bar between two indices reads "given" (the estimate
    // at t from the data up to t − 1), a label naming a quantity of its own, as `k_{*}` is.
    const given = conditionedLabel(p);
    if (given) return { nodes: [given.node], text: given.text, start: open.start, end: p.next().end };
    // `x_{\text{max}}`: a word alone in a script is a label, even a function's name.
    const word = wordLabel(p);
    if (word) return { nodes: [word.node], text: word.text, start: open.start, end: p.next().end };
    // `x_{\max}`, `\lambda_{\min}`: an operator's name alone in a script is a label, not a call.
    if (OPERATOR_LABELS.has(p.peek.text) && p.toks[p.i + 1]?.text === '}') {
      const word = p.next();
      const close = p.next();
      return {
        nodes: [makeSym(`\\text{${word.text.slice(1)}}`, word.start, word.end)],
        text: word.text,
        start: open.start,
        end: close.end,
      };
    }
    const nodes: Node[] = [];
    while (!p.at('}')) {
      if (p.peek.type === 'eof') throw new ParseError("unclosed '{' in a script", open.start, open.end);
      // `F_{0.05; 2, 12}`: a semicolon parts a script's items as a comma does.
      if (p.at(',') || p.at(';')) {
        p.next();
        continue;
      }
      nodes.push(parseIndexItem(p));
    }
    const text = joinTokens(p.toks.slice(startIdx, p.i));
    const close = p.next();
    return { nodes, text, start: open.start, end: close.end };
  }
  if (t.type === 'eof') throw new ParseError('expected a script argument', t.start, t.end);
  if (OPERATOR_LABELS.has(t.text)) {
    p.next();
    return {
      nodes: [{ kind: 'text', text: t.text.slice(1), start: t.start, end: t.end }],
      text: t.text,
      start: t.start,
      end: t.end,
    };
  }
  // `V_*`, `\theta_\star`: a label, like the superscript in `w^*`.
  if (t.text === '*' || t.text === '\\ast' || t.text === '\\star') {
    p.next();
    return {
      nodes: [{ kind: 'text', text: '*', start: t.start, end: t.end }],
      text: '*',
      start: t.start,
      end: t.end,
    };
  }
  if (t.type === 'num') {
    // `x_12` is x_1 followed by 2 in TeX; but `x_{12}` is common in converted text. TeX rules.
    p.next();
    const d = t.text[0];
    if (t.text.length > 1) {
      // Put the rest back as a new number token.
      const rest: Token = { type: 'num', text: t.text.slice(1), start: t.start + 1, end: t.end };
      p.toks.splice(p.i, 0, rest);
    }
    return {
      nodes: [{ kind: 'num', value: Number(d), text: d, start: t.start, end: t.start + 1 }],
      text: d,
      start: t.start,
      end: t.start + 1,
    };
  }
  // One token only: `x_j (a + b)` subscripts x with j and then multiplies.
  const startIdx = p.i;
  const node = p.parseArgAtom();
  return {
    nodes: [node],
    text: joinTokens(p.toks.slice(startIdx, p.i)),
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
export function parseIndexItem(p: Parser): Node {
  const t = p.peek;
  const after = p.toks[p.i + 1]?.text;
  if (t.text === '\\cdot' && (after === ',' || after === '}' || p.toks[p.i + 1]?.type === 'num')) {
    p.next();
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
    p.next();
    const end = p.parseValue();
    const to: Node =
      t.text === '<'
        ? { kind: 'bin', op: '-', left: end, right: one(end.end), start: end.start, end: end.end }
        : end;
    return range(one(t.start), to);
  }
  if (t.text === ':' && after !== ',' && after !== '}' && after !== '=') {
    p.next();
    return range(one(t.start), p.parseValue());
  }
  p.indexItems++;
  let from: Node;
  try {
    from = p.parseValue();
  } finally {
    p.indexItems--;
  }
  if (!p.at(':') || p.toks[p.i + 1]?.text === '=') return from;
  const colon = p.next();
  if (p.at(',') || p.at('}'))
    return range(from, { kind: 'text', text: ':', start: colon.start, end: colon.end });
  return range(from, p.parseValue());
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

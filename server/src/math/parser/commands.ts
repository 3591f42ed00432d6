// Backslash commands: groups and arguments, fractions, fonts, blackboard letters and word commands.
import { parseLimit } from './limit';
import type { Node, SymNode } from '../tree';
import { DISTRIBUTIONS, DOTS, OPENERS } from './tokenSets';
import type { Parser } from '../parser';
import type { Token } from '../tokens';
import {
  ACCENTS,
  FONT_FAMILY,
  FONTS,
  FUNCTION_COMMAND_NAMES,
  FUNCTION_COMMANDS,
  functionWord,
  GREEK,
  GREEK_ALIAS,
  NOT_EVALUATED,
  RELATION_COMMANDS,
  STANDARD_LETTERS,
  STANDARD_NOT_EVALUATED,
  WORD_COMMANDS,
} from '../vocabulary';
import { makeSym, renameSym, withSubscript } from './nodes';
import { COUNT, complementOf, countOf, isSetOperation } from './setCounts';
import { concentration, formulaText } from './species';
import { INTEGRAL_SIGNS } from '../differential';
import { ParseError } from './parseError';
import { skipGroup } from './prepare';
import { printedName, UPRIGHT_FUNCTION_WORDS } from '../../functions/registry';
import { walk } from '../walk';

const FRACTIONS = new Set(['\\frac', '\\dfrac', '\\tfrac', '\\cfrac', '\\nicefrac', '\\sfrac']);

export function parseGroup(p: Parser): Node {
  const open = p.peek;
  const close = OPENERS[open.text];
  if (open.text === '[') {
    const species = concentration(p);
    if (species) return species;
  }
  if (open.text === '\\{') {
    const builder = setBuilder(p);
    if (builder) return builder;
  }
  const r = p.parseParenArgs();
  const closeTok = p.toks[p.i - 1];
  const node: Node = {
    kind: 'group',
    open: open.text,
    close: closeTok?.text ?? close,
    items: r.items,
    start: open.start,
    end: r.end,
  };
  // `[x * w](i)`: a bracketed sequence evaluated at an index.
  if (open.text === '[' && p.at('(') && r.items.length === 1) {
    const args = p.parseParenArgs();
    return { kind: 'subscript', base: node, indices: args.items, start: open.start, end: args.end };
  }
  return node;
}

/**
 * `\{x \in \mathbb{R}^n : \|x\| \le 1\}`, `\{p \mid p_k \ge 0\}`: set-builder notation, a set given by
 * a condition on its members (a `:` or `\mid` in the braces, outside any bracket). Read whole, as a
 * set the checker does not evaluate, so a claim with it says so rather than failing to parse.
 */
function setBuilder(p: Parser): Node | null {
  const start = p.i;
  let depth = 0;
  let condition = false;
  for (let j = start; j < p.toks.length; j++) {
    const v = p.toks[j].text;
    if (p.toks[j].type === 'eof') return null;
    if (v === '(' || v === '[' || v === '{' || v === '\\{' || v === '\\left') depth++;
    else if (v === ')' || v === ']' || v === '}' || v === '\\}' || v === '\\right') depth--;
    else if (depth === 1 && (v === ':' || v === '\\mid')) condition = true;
    if (depth === 0) {
      if (!condition || v !== '\\}') return null;
      p.i = j + 1;
      return {
        kind: 'error',
        message:
          'set-builder notation {x : …} names a set, which is not evaluated; to have a property of its ' +
          'members checked, state it for a member (‖x‖ ≤ 1 for x in the set)',
        start: p.toks[start].start,
        end: p.toks[j].end,
      };
    }
  }
  return null;
}

/**
 * `\Delta U`, `\Delta\theta`: Δ against a letter (no spacing command between) names the letter's
 * change, one name (model/deltaChanges.ts); null when no letter follows.
 */
function changeName(p: Parser, delta: Token): SymNode | null {
  const next = p.peek;
  if (next.spacedBefore) return null;
  const greek = next.type === 'cmd' && GREEK.has(next.text.slice(1));
  if (next.type !== 'letter' && !greek) return null;
  p.next();
  const letter = greek ? `\\${GREEK_ALIAS[next.text.slice(1)] ?? next.text.slice(1)}` : next.text;
  return makeSym(`\\Delta ${letter}`, delta.start, next.end);
}

/**
 * `220\ \mu\mathrm{F}`, `5\,\mu\text{s}`: after a number, μ against an upright unit is the micro
 * prefix, one unit with it (model/siUnits.ts); null otherwise. Called with μ taken.
 */
function microPrefix(p: Parser, mu: Token): Node | null {
  const before = p.toks[p.i - 2];
  const font = p.peek;
  if (before?.type !== 'num' || font.spacedBefore || !['\\mathrm', '\\text', '\\textrm'].includes(font.text))
    return null;
  const font0 = parseFont(p, font);
  // `\mu\text{F}`: the letter in text font is the unit, upright as `\mathrm{F}` is.
  const unit: Node = font0.kind === 'sym' ? { ...font0, upright: true as const } : font0;
  const left: SymNode = { ...makeSym('\\mu', mu.start, mu.end), upright: true };
  return { kind: 'bin', op: 'juxt', left, right: unit, start: mu.start, end: unit.end };
}

export function parseCommand(p: Parser, t: Token): Node {
  const v = t.text;
  const greek = v.slice(1);
  if (GREEK.has(greek)) {
    p.next();
    const g = GREEK_ALIAS[greek] ?? greek;
    if (g === 'mu') {
      const prefixed = microPrefix(p, t);
      if (prefixed) return prefixed;
    }
    if (g === 'Delta' && !p.options.deltaFactor) {
      const change = changeName(p, t);
      if (change) return p.maybeApply(change);
    }
    return p.maybeApply(makeSym(`\\${g}`, t.start, t.end));
  }
  // nicefrac's `\nicefrac{1}{2}` and xfrac's `\sfrac{1}{2}` set the fraction slanted: the same value.
  if (FRACTIONS.has(v)) return parseFrac(p);
  if (v === '\\sqrt') {
    p.next();
    let n: Node | null = null;
    if (p.at('[')) {
      p.next();
      n = p.parseExpr();
      p.expect(']', "']' after the root's degree");
    }
    const a = parseArg(p);
    return { kind: 'sqrt', radicand: a, degree: n, start: t.start, end: p.lastArgEnd };
  }
  if (v === '\\binom' || v === '\\tbinom' || v === '\\dbinom') {
    p.next();
    const n = parseArg(p);
    const r = parseArg(p);
    return { kind: 'binom', n, r, start: t.start, end: p.lastArgEnd };
  }
  if (ACCENTS.has(v)) {
    p.next();
    p.lastArgEnd = 0;
    // `\widehat{\operatorname{Var}}(\hat p)`, `\hat{\mathrm{SE}}`: an estimate's name, a word under the
    // accent. It is a name of its own (the estimator), applied to what follows — not the operator.
    const g = p.at('{') ? p.rawGroup(p.i) : null;
    // `\hat{\mathbb{E}}_t[…]` (PPO's empirical mean over a batch) is such a name too: the operator
    // under an accent is an estimate of it, which is not the expectation.
    const word = g ? (ACCENTED_WORD.exec(g.text.trim()) ?? ACCENTED_BLACKBOARD.exec(g.text.trim())) : null;
    if (g && word) {
      const acc =
        v === '\\widehat' ? '\\hat' : v === '\\widetilde' ? '\\tilde' : v === '\\overline' ? '\\bar' : v;
      p.i = g.next;
      return p.maybeApply(makeSym(`${acc}{\\text{${word[1]}}}`, t.start, p.toks[g.next - 1].end));
    }
    const arg = parseArgAtom(p);
    if (arg.kind === 'sym') {
      const acc =
        v === '\\widehat' ? '\\hat' : v === '\\widetilde' ? '\\tilde' : v === '\\overline' ? '\\bar' : v;
      const stem = `${acc}{${arg.base}}`;
      const sym: SymNode = { ...renameSym(arg, stem, t.start), end: Math.max(arg.end, p.lastArgEnd) };
      return p.maybeApply(sym);
    }
    // `\overline{A \cup B}`: over a set expression the bar is its complement (parser/setCounts.ts).
    if ((v === '\\overline' || v === '\\bar') && isSetOperation(arg))
      return complementOf(arg, t.start, Math.max(arg.end, p.lastArgEnd));
    return arg;
  }
  if (FONTS.has(v)) return parseFont(p, t);
  if (v === '\\mathbb') return parseBlackboard(p, t);
  if (WORD_COMMANDS.has(v)) return parseWordCommand(p, t);
  // `\Pr[A]`, `\Pr(A \mid B)`: the probability of an event (a lone `\Pr` reads as a name).
  if (v === '\\Pr') {
    p.next();
    return p.at('(') || p.at('[') || p.at('_')
      ? p.parseExpectation('P', t.start)
      : p.maybeApply(makeSym('\\text{Pr}', t.start, t.end));
  }
  if (v === '\\lim') {
    const limit = parseLimit(p, t);
    if (limit) return limit;
  }
  // mhchem's `\ch{H2O}` is a formula, not babel-russian's hyperbolic cosine.
  if (FUNCTION_COMMANDS.has(v) && !(v === '\\ch' && p.toks[p.i + 1]?.text === '{')) {
    p.next();
    const name = v.slice(1);
    if (name === 'Var' || name === 'var' || name === 'Cov' || name === 'cov')
      return p.parseExpectation(name.toLowerCase() === 'cov' ? 'Cov' : 'Var', t.start);
    const canonical = FUNCTION_COMMAND_NAMES.get(v) ?? name;
    // `\tanh'(z)`, `\sin''(x)`: the derivative of the function, read as `f'(x)` is.
    if (p.at("'") && p.peek.start === t.end) return p.parsePostfix(makeSym(v, t.start, t.end));
    return p.finishCall(canonical, t.start, t.end, v === '\\ln');
  }
  if (v === '\\sum' || v === '\\prod') return p.parseBigOp(t);
  if (INTEGRAL_SIGNS[v]) return p.parseIntegral(t);
  if (v === '\\nabla') return p.parseNabla(t);
  if (v === '\\partial') return p.parseSlashDerivative(t);
  if (v in OPENERS) return parseGroup(p);
  if (v === '\\|' || v === '\\lVert' || v === '\\Vert' || v === '\\lvert' || v === '\\vert')
    return p.parseNorm(t);
  if (v === '\\lfloor' || v === '\\lceil') {
    p.next();
    const close = v === '\\lfloor' ? '\\rfloor' : '\\rceil';
    const inner = p.parseValue();
    const c = p.expect(close, `'${close}'`);
    return v === '\\lfloor'
      ? { kind: 'floor', operand: inner, start: t.start, end: c.end }
      : { kind: 'ceil', operand: inner, start: t.start, end: c.end };
  }
  if (DOTS.has(v)) {
    p.next();
    return { kind: 'dots', start: t.start, end: t.end };
  }
  if (v === '\\infty') {
    p.next();
    return makeSym('\\infty', t.start, t.end);
  }
  if (v === '\\begin') return p.parseEnvironment(t);
  if (v === '\\top') {
    p.next();
    return makeSym('\\top', t.start, t.end);
  }
  if (v === '\\emptyset' || v === '\\varnothing') {
    p.next();
    return { kind: 'group', open: '\\{', close: '\\}', items: [], start: t.start, end: t.end };
  }
  if (v === '\\choose' || v === '\\over')
    throw new ParseError(`${v} is not supported: write \\binom{n}{k} or \\frac{a}{b}`, t.start, t.end);
  if (v === '\\prime') {
    p.next();
    return makeSym("'", t.start, t.end);
  }
  if (v === '\\%') {
    p.next();
    return { kind: 'text', text: '%', start: t.start, end: t.end };
  }
  // `\#A`, `\#(A \cap B)`: the number of elements of a set (parser/setCounts.ts).
  if (v === '\\#' && (p.toks[p.i + 1]?.text === '(' || /^[A-Z]$/.test(p.toks[p.i + 1]?.text ?? ''))) {
    p.next();
    if (p.at('(')) return p.maybeApply(makeSym(COUNT, t.start, t.end));
    const set = parseArgAtom(p);
    return countOf(set, t.start, set.end);
  }
  if (v === '\\$' || v === '\\#' || v === '\\&' || v === '\\_') {
    p.next();
    return { kind: 'text', text: v.slice(1), start: t.start, end: t.end };
  }
  p.next();
  // mhchem's `\ce{H2O}`, `\ce{2H2 + O2 -> 2H2O}`: a chemical formula or reaction, a name as a whole.
  if (v === '\\ce' && p.at('{')) {
    const g = p.rawGroup(p.i);
    if (g) {
      p.i = g.next;
      return makeSym(`\\ce{${formulaText(g.text)}}`, t.start, p.toks[g.next - 1].end);
    }
  }
  // knitr's `\Sexpr{round(b[2], 3)}`: a number R prints when the document is knitted.
  if (v === '\\Sexpr') {
    p.skipRawGroup();
    return { kind: 'error', message: SEXPR, start: t.start, end: p.toks[p.i - 1]?.end ?? t.end };
  }
  const unexpanded = p.options.unexpanded?.get(t.start);
  if (unexpanded !== undefined) return { kind: 'error', message: unexpanded, start: t.start, end: t.end };
  // `|\cdot|`, `\|\cdot\|_1`, `f(\cdot)`, `\prox_{\lambda|\cdot|}`: a dot where a value would stand
  // holds the place of a function's argument — the expression names the function, not a value.
  if (v === '\\cdot' || v === '\\bullet')
    return {
      kind: 'error',
      message: `${v} holds the place of an argument: the expression names a function, not a value`,
      start: t.start,
      end: t.end,
    };
  if (STANDARD_LETTERS.has(v)) return p.maybeApply(makeSym(v, t.start, t.end));
  // `$(\Rightarrow)$` before the first half of a proof: a relation where a value would stand names it.
  if (RELATION_COMMANDS[v])
    return {
      kind: 'error',
      message: `${v} stands where a value would: it names the relation`,
      start: t.start,
      end: t.end,
    };
  const dirac = diracNode(p, v, t);
  if (dirac) return dirac;
  const standard = STANDARD_NOT_EVALUATED[v];
  if (standard) {
    for (let k = 0; k < standard[0]; k++) p.skipRawGroup();
    const end = p.toks[p.i - 1]?.end ?? t.end;
    return { kind: 'error', message: `${v}, ${standard[1]}, is not evaluated`, start: t.start, end };
  }
  throw new ParseError(NOT_EVALUATED[v] ?? unknownCommand(v), t.start, t.end);
}

export function parseArg(p: Parser): Node {
  // `\frac12`, `\sqrt x`, `\frac{a}{b}`.
  const t = p.peek;
  if (t.text === '{') {
    p.next();
    if (p.at('}')) throw new ParseError('empty argument', t.start, p.next().end);
    const saved = p.closers;
    p.closers = [];
    let inner: Node;
    try {
      inner = p.parseValue();
      // `{a, b}` in an argument is a list.
      if (p.at(',')) {
        const items = [inner];
        while (p.at(',')) {
          p.next();
          items.push(p.parseValue());
        }
        inner = { kind: 'list', items, start: items[0].start, end: items[items.length - 1].end };
      }
    } finally {
      p.closers = saved;
    }
    const c = p.peek;
    if (!p.at('}'))
      throw new ParseError(`expected '}' but found '${c.text || 'end of math'}'`, c.start, c.end);
    p.lastArgEnd = p.next().end;
    return inner;
  }
  if (t.type === 'num' && t.text.length > 1 && !t.text.includes('.')) {
    // `\frac12`: one digit per argument.
    p.toks.splice(
      p.i,
      1,
      { type: 'num', text: t.text[0], start: t.start, end: t.start + 1 },
      { type: 'num', text: t.text.slice(1), start: t.start + 1, end: t.end },
    );
  }
  const atom = parseArgAtom(p);
  p.lastArgEnd = Math.max(p.lastArgEnd, atom.end);
  return atom;
}

/** One argument token or group, without postfix operators. */
export function parseArgAtom(p: Parser): Node {
  const t = p.peek;
  if (t.text === '{') return parseArg(p);
  if (t.type === 'letter') {
    p.next();
    return makeSym(t.text, t.start, t.end);
  }
  if (t.type === 'cmd' && GREEK.has(t.text.slice(1))) {
    p.next();
    const g = GREEK_ALIAS[t.text.slice(1)] ?? t.text.slice(1);
    return makeSym(`\\${g}`, t.start, t.end);
  }
  return p.parseAtom();
}

const SEXPR =
  '\\Sexpr{…} is a number R computes when the document is knitted, which derivcheck does not run: ' +
  'check the knitted .tex, or write the number itself';

export function parseFrac(p: Parser): Node {
  const t = p.next();
  const numStart = p.i;
  // Derivatives: \frac{\partial Y}{\partial X}, \frac{d}{dx}, \frac{dL}{dy}, \frac{\partial^2 f}{\partial
  // x^2}.
  const deriv = p.tryDerivative(t);
  if (deriv) return deriv;
  p.i = numStart;
  const a = parseArg(p);
  const b = parseArg(p);
  return { kind: 'frac', numerator: a, denominator: b, start: t.start, end: p.lastArgEnd };
}

export function parseFont(p: Parser, t: Token): Node {
  p.next();
  p.lastArgEnd = 0;
  const g = p.rawGroup(p.i);
  if (g) {
    const text = g.text.trim();
    if (
      (t.text === '\\mathbf' || t.text === '\\boldsymbol' || t.text === '\\bm') &&
      (text === '1' || text === '0')
    ) {
      p.i = g.next;
      return makeSym(text === '1' ? '\\mathbf{1}' : '\\mathbf{0}', t.start, p.toks[g.next - 1].end);
    }
    if (/^[A-Za-z]{2,}$/.test(text)) {
      p.i = g.next;
      return wordAtom(p, text, t.start, p.toks[g.next - 1].end);
    }
    if (t.text === '\\mathcal' && text === 'N' && p.toks[g.next]?.text === '(') {
      p.i = g.next;
      return p.finishCall('Normal', t.start, p.toks[g.next - 1].end);
    }
  }
  // `\mathbf 1` without braces: TeX takes the one token, so it is the vector of ones too.
  const bare = p.peek;
  // `\mathcal N(0, 1)`: the normal law without braces, as TeX takes the one letter.
  if (!g && t.text === '\\mathcal' && bare.text === 'N' && p.toks[p.i + 1]?.text === '(') {
    p.next();
    return p.finishCall('Normal', t.start, bare.end);
  }
  if (
    !g &&
    (t.text === '\\mathbf' || t.text === '\\boldsymbol' || t.text === '\\bm') &&
    bare.type === 'num' &&
    (bare.text === '1' || bare.text === '0')
  ) {
    p.next();
    return makeSym(bare.text === '1' ? '\\mathbf{1}' : '\\mathbf{0}', t.start, bare.end);
  }
  // Fonts do not make new names: parse the argument as if the font were not there.
  const arg = parseArgAtom(p);
  if (t.text === '\\mathrm' || t.text === '\\textrm') markUpright(arg);
  if (arg.kind === 'sym') {
    const font = FONT_FAMILY[t.text];
    const end = Math.max(arg.end, p.lastArgEnd);
    return p.maybeApply({ ...arg, start: t.start, end, ...(font ? { font } : {}) });
  }
  return arg;
}

/** The letters of an upright group, which may be units after a number (`\mathrm{m/s^2}`). */
function markUpright(arg: Node): void {
  walk(arg, (x) => {
    if (x.kind === 'sym') x.upright = true;
  });
}

export function parseBlackboard(p: Parser, t: Token): Node {
  p.next();
  const g = p.rawGroup(p.i);
  const letter = g ? g.text.trim() : p.peek.text;
  const end = g ? p.toks[g.next - 1].end : p.peek.end;
  if (g) p.i = g.next;
  else p.next();
  if (letter === 'E') {
    return p.parseExpectation('E', t.start);
  }
  // `\mathbb{P}(A)`, `\mathbb{P}_{x \sim p}[A]`: a probability; a bare `\mathbb{P}` is a name.
  if (letter === 'P' && (p.at('(') || p.at('[') || (p.at('_') && p.expectationFollows())))
    return p.parseExpectation('P', t.start);
  if (letter === '1' || letter === 'I') {
    if (p.at('[') || p.at('\\{') || p.at('(')) {
      const r = p.parseParenArgs();
      if (r.items.length !== 1) throw new ParseError('an indicator takes one condition', t.start, r.end);
      return { kind: 'indicator', cond: r.items[0], start: t.start, end: r.end };
    }
    // Written alone, `\mathbb{1}` is the vector of ones and `\mathbb{I}` the identity matrix
    // (SymPy prints its Identity so; `\sigma^2 \mathbb{I}_n`).
    const alone = letter === '1' ? '\\mathbf{1}' : '\\mathbb{I}';
    if (p.at('_')) {
      p.next();
      const a = p.parseScriptArg();
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
    if (p.at('_') && label === null) {
      p.next();
      const raw = p.scriptRaw();
      label = raw.text.replace(/\s+/g, '');
      e = raw.end;
    } else if (p.at('^') && exponent === null) {
      p.next();
      const a = p.parseScriptArg();
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

export function parseWordCommand(p: Parser, t: Token): Node {
  const before = p.toks[p.i - 1];
  p.next();
  const g = p.rawGroup(p.i);
  if (!g) throw new ParseError(`${t.text} needs a braced argument`, t.start, t.end);
  p.i = g.next;
  const text = g.text.trim();
  const e = p.toks[g.next - 1].end;
  if (text === '') return { kind: 'text', text: '', start: t.start, end: e };
  // `10\,\text{k}\Omega`, `2\,\text{M}\Omega`: after a number, a prefix in text font against Ω is
  // one unit, the kiloohm, as `\mathrm{k\Omega}` is (model/siUnits.ts).
  const ohm = p.peek;
  if (before?.type === 'num' && /^[pnumkMG]$/.test(text) && ohm.text === '\\Omega' && !ohm.spacedBefore) {
    p.next();
    const prefix: SymNode = { ...makeSym(text, t.start, e), upright: true };
    const unit: SymNode = { ...makeSym('\\Omega', ohm.start, ohm.end), upright: true };
    return { kind: 'bin', op: 'juxt', left: prefix, right: unit, start: t.start, end: ohm.end };
  }
  return wordAtom(p, text, t.start, e);
}

/** A word in an operator or upright font, alone in an accent's braces (`\operatorname{Var}`). */
const ACCENTED_WORD = /^\\(?:operatorname|mathrm|text|textrm)\s*\{\s*([A-Za-z]{2,})\s*\}$/;
/** A blackboard operator letter under an accent: `\hat{\mathbb{E}}`, `\widehat{\mathbb{P}}`. */
const ACCENTED_BLACKBOARD = /^\\mathbb\s*\{\s*([EPV])\s*\}$/;

/**
 * Unit words that also spell a function: `10\ \mathrm{min}` is ten minutes. Written upright with no
 * argument after it (the math ends, or a relation, a comma or a closing bracket follows), the word is
 * the unit; `\min(a, b)` and `\mathrm{min}\, f` still take their argument.
 */
const UNIT_WORDS = new Set(['min']);

function endsArguments(t: Token): boolean {
  return (
    t.type === 'eof' || [...'=<>,;.)]}&'].includes(t.text) || /^\\(?:le|ge|leq|geq|approx|\\)$/.test(t.text)
  );
}

/** A multi-letter word: a known function, Var/E, or a multi-letter name such as `Loss`. */
export function wordAtom(p: Parser, text: string, s: number, e: number): Node {
  const key = text.toLowerCase().replace(/[\s-]/g, '');
  if (key === 'var' || key === 'cov') return p.parseExpectation(key === 'cov' ? 'Cov' : 'Var', s);
  if (key === 'e' || key === 'ex') return p.parseExpectation('E', s);
  // `2.16\ \text{N}`: a one-letter law's name with no argument after it is the newton (a unit, or a
  // name), not the normal law left without its parameters.
  const lawWithoutArgument = text.length === 1 && endsArguments(p.peek);
  if (DISTRIBUTIONS[key] && !lawWithoutArgument) return p.finishCall(DISTRIBUTIONS[key], s, e);
  const fn = functionWord(text);
  if (fn && !(UNIT_WORDS.has(text) && endsArguments(p.peek))) return p.finishCall(fn, s, e, key === 'ln');
  // The binary logarithm's upright names, German `\operatorname{ld}` (logarithmus dualis) and ISO
  // 80000-2's `\operatorname{lb}`: log₂, when something follows to apply it to (`5\ \mathrm{lb}` is
  // pounds). Exactly those letters, lower case.
  if ((text === 'ld' || text === 'lb') && !endsArguments(p.peek) && !p.at('_')) {
    const call = p.finishCall('log', s, e);
    if (call.kind === 'call' && call.sub === null) {
      const two: Node = { kind: 'num', value: 2, text: '2', start: e, end: e };
      return { ...call, sub: two };
    }
    return call;
  }
  // Another tradition's name (`\operatorname{tg}`, `\text{ch}`) only when something follows to
  // apply it to: `i^{\text{th}}` is an ordinal.
  const upright = UPRIGHT_FUNCTION_WORDS.get(key);
  // `\text{th}'(x)`: the derivative of the function, as `\tanh'(x)` is read.
  const command = upright ? printedName(upright) : null;
  if (command?.startsWith('\\') && !command.includes('{') && p.at("'") && p.peek.start === e)
    return p.parsePostfix(makeSym(command, s, e));
  if (upright && !endsArguments(p.peek)) return p.finishCall(upright, s, e);
  if (/^[A-Za-z]+$/.test(text)) return p.maybeApply(makeSym(`\\text{${text}}`, s, e));
  return { kind: 'text', text, start: s, end: e };
}

function unknownCommand(v: string): string {
  return (
    `unknown command ${v}; if it is a macro of your own, define it before its first use ` +
    `(\\newcommand{${v}}{…} in the preamble or in a math block)`
  );
}

/** The label in the braces at the parser's position as one name's text (`\\Phi^+`, `00`), or null. */
function rawLabel(p: Parser): string | null {
  if (!p.at('{')) return null;
  const open = p.i;
  const end = skipGroup(p.toks, open);
  let text = '';
  for (let k = open + 1; k < end - 1; k++) {
    const word = p.toks[k].text;
    if (/[A-Za-z]$/.test(text) && text.includes('\\') && /^[A-Za-z]/.test(word)) text += ' ';
    text += word;
  }
  p.i = end;
  return text.length > 0 ? text : null;
}

/**
 * Dirac notation (parser/dirac.ts reads the bars and angle brackets so): `\\ket{x}` is the vector
 * named `\\ket{x}`, `\\bra{x}` its transpose (the conjugate transpose of real entries),
 * `\\braket{x|y}` and physics' `\\braket{x}{y}` the bra times the ket, `\\ketbra{x}{y}` the ket
 * times the bra. Null for another command.
 */
function diracNode(p: Parser, v: string, t: Token): Node | null {
  if (v !== '\\ket' && v !== '\\bra' && v !== '\\braket' && v !== '\\ketbra') return null;
  const at = p.i;
  const ket = (label: string, s: number, e: number): Node => makeSym(`\\ket{${label}}`, s, e);
  const bra = (label: string, s: number, e: number): Node => ({
    kind: 'post',
    op: 'T',
    operand: ket(label, s, e),
    start: s,
    end: e,
  });
  const end = () => p.toks[p.i - 1]?.end ?? t.end;
  const first = rawLabel(p);
  if (first === null) {
    p.i = at;
    return null;
  }
  if (v === '\\ket') return ket(first, t.start, end());
  if (v === '\\bra') return bra(first, t.start, end());
  const times = (left: Node, right: Node): Node => ({
    kind: 'bin',
    op: 'juxt',
    left,
    right,
    start: t.start,
    end: end(),
  });
  if (v === '\\braket') {
    // braket's `\\braket{x|y}`; physics' `\\braket{x}{y}`, and `\\braket{x}` for ⟨x|x⟩.
    const bar = first.split('|');
    if (bar.length === 2 && bar[0] && bar[1])
      return times(bra(bar[0], t.start, end()), ket(bar[1], t.start, end()));
    if (bar.length !== 1) {
      p.i = at;
      return null;
    }
    const second = rawLabel(p) ?? first;
    return times(bra(first, t.start, end()), ket(second, t.start, end()));
  }
  const second = rawLabel(p);
  if (second === null) {
    p.i = at;
    return null;
  }
  return times(ket(first, t.start, end()), bra(second, t.start, end()));
}

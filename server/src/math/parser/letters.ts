// Letters and symbols: runs of letters split into names, and the symbol atoms.
import type { Node } from '../tree';
import { DISTRIBUTIONS, LONGEST_WORD } from './tokenSets';
import { functionWord } from '../vocabulary';
import { makeSym } from './nodes';
import type { Parser } from '../parser';
import type { Token } from '../tokens';
import { ParseError } from './parseError';
import { trySlashLeibniz } from './derivatives';
import { countOf, isSetOperation } from './setCounts';

/** Chemistry's p-functions (−log₁₀ of a concentration or a constant) written in italic. */
const P_FUNCTIONS = new Set(['pH', 'pOH', 'pK']);
/** What may stand beside a whole side: a relation, a list's comma, the end of a sentence. */
const SIDE_ENDS = new Set(['=', '<', '>', '\\approx', '\\le', '\\ge', '\\leq', '\\geq', ',', '.', ';', '&']);

export function parseLetters(p: Parser): Node {
  const slashDerivative = trySlashLeibniz(p);
  if (slashDerivative) return slashDerivative;
  // A run of letters that spells a function name and is applied (`exp(x)`, `ReLU(x)`) is that
  // function; otherwise every letter is its own symbol and juxtaposition multiplies them.
  const start = p.i;
  let j = p.i;
  let word = '';
  // Only a run as long as a known word, or a whole word in words mode (which consumes it), is
  // worth reading to its end: a run of 32,000 letters is read one letter per call otherwise, and
  // reading it whole each time was quadratic.
  const cap = p.options.words ? Number.POSITIVE_INFINITY : LONGEST_WORD + 1;
  while (
    j - start < cap &&
    p.toks[j].type === 'letter' &&
    (j === start || p.toks[j].start === p.toks[j - 1].end)
  ) {
    word += p.toks[j].text;
    j++;
  }
  // A run of capitals the document defines as a name (`MSE`), written whole.
  const whole = j - start < cap || p.toks[j].type !== 'letter';
  if (whole && word.length >= 2 && p.options.acronyms?.includes(word)) {
    p.i = j;
    return p.maybeApply(makeSym(`\\text{${word}}`, p.toks[start].start, p.toks[j - 1].end));
  }
  if (word.length >= 2 && (p.options.words || word.length <= LONGEST_WORD)) {
    const fn = functionWord(word);
    const after = p.toks[j];
    if (
      fn &&
      fn !== 'E' &&
      (after.text === '(' || after.text === '[' || (after.type === 'cmd' && (fn === 'log' || fn === 'exp')))
    ) {
      const first = p.toks[start];
      p.i = j;
      return p.finishCall(fn, first.start, p.toks[j - 1].end, word.toLowerCase() === 'ln');
    }
    const dist = DISTRIBUTIONS[word.toLowerCase()];
    if (dist && after.text === '(') {
      const first = p.toks[start];
      p.i = j;
      return p.finishCall(dist, first.start, p.toks[j - 1].end);
    }
    if (word === 'Var' || word === 'Cov') {
      const first = p.toks[start];
      p.i = j;
      return p.parseExpectation(word === 'Cov' ? 'Cov' : 'Var', first.start);
    }
    // `dp[i]`, `best[i - 1]`, `cnt[0]`: a run of small letters written against a square bracket is an
    // array's name, as algorithms notes write it (no product of letters is indexed so). A capital
    // keeps the letters apart: `aE[X]` is a times the expectation.
    const bracket = p.toks[j];
    const array = /^[a-z]+$/.test(word) && bracket.text === '[' && bracket.start === p.toks[j - 1].end;
    if (whole && array && !fn && !dist) {
      p.i = j;
      return p.maybeApply(makeSym(`\\text{${word}}`, p.toks[start].start, p.toks[j - 1].end));
    }
    // `pH = -\log[\mathrm{H^+}]`, `pK_a = 4.76`: chemistry's p-functions are names, written as a whole
    // side (a relation, a comma or the end of the math on one side of the run), not p times H.
    if (whole && P_FUNCTIONS.has(word) && (word !== 'pK' || p.toks[j].text === '_')) {
      const before = p.toks[start - 1];
      const sided = (t: Token | undefined) => t === undefined || t.type === 'eof' || SIDE_ENDS.has(t.text);
      if (sided(before) || sided(word === 'pK' ? undefined : p.toks[j])) {
        p.i = j;
        return makeSym(`\\text{${word}}`, p.toks[start].start, p.toks[j - 1].end);
      }
    }
    if (p.options.words) {
      p.i = j;
      return p.maybeApply(makeSym(`\\text{${word}}`, p.toks[start].start, p.toks[j - 1].end));
    }
  }
  const t = p.next();
  if (t.text === 'E' && (p.at('[') || (p.at('_') && p.expectationFollows())))
    return p.parseExpectation('E', t.start);
  const sym = makeSym(t.text, t.start, t.end);
  return p.maybeApply(sym);
}

export function parseSymbolAtom(p: Parser, t: Token): Node {
  if (t.text === '(' || t.text === '[') return p.parseGroup();
  if (t.text === '{') {
    p.next();
    if (p.at('}')) {
      const c = p.next();
      return { kind: 'group', open: '{', close: '}', items: [], start: t.start, end: c.end };
    }
    const items: Node[] = [];
    while (!p.at('}')) {
      if (p.peek.type === 'eof') throw new ParseError("'{' is never closed: add '}'", t.start, t.end);
      if (p.at(',')) {
        p.next();
        continue;
      }
      if (p.at('&') || p.at('\\\\')) {
        p.next();
        continue;
      }
      items.push(p.parseValue());
      if (!p.at('}') && !p.at(',') && !p.at('&') && !p.at('\\\\')) {
        const u = p.peek;
        throw new ParseError(`expected '}' but found '${u.text || 'end of math'}'`, u.start, u.end);
      }
    }
    const c = p.next();
    if (items.length === 1) return { ...items[0], start: items[0].start, end: items[0].end };
    return { kind: 'list', items, start: t.start, end: c.end };
  }
  if (t.text === '|') {
    p.next();
    p.closers.push('|');
    let inner: Node;
    try {
      inner = p.parseValue();
    } finally {
      p.closers.pop();
    }
    const c = p.expect('|', "a closing '|'");
    // `|A \cup B|`: bars around a set operation count its elements (setCounts.ts).
    if (isSetOperation(inner)) return countOf(inner, t.start, c.end);
    return { kind: 'abs', operand: inner, start: t.start, end: c.end };
  }
  if (t.text === ':' && [',', '}', ']', ')'].includes(p.toks[p.i + 1]?.text ?? '')) {
    // `X_{:,i}`: the whole axis.
    p.next();
    return { kind: 'text', text: ':', start: t.start, end: t.end };
  }
  if (t.text === '.' || t.text === ':') {
    // `..` and `...` written as periods.
    if (p.toks[p.i + 1]?.text === '.') {
      let e = t.end;
      while (p.at('.')) e = p.next().end;
      return { kind: 'dots', start: t.start, end: e };
    }
  }
  if (t.text === "'") throw new ParseError("a prime (') must follow a name", t.start, t.end);
  throw new ParseError(`unexpected '${t.text}'`, t.start, t.end);
}

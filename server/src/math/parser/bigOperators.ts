// Sums, products and integrals: their bounds, their index and where their body ends.
import type { Token } from '../tokens';
import type { BigOpIndex, Node, SymNode } from '../tree';
import { flattenJuxtLetters, makeSym } from './nodes';
import { children } from '../walk';
import { ParseError } from './parseError';
import type { Parser } from '../parser';
import { type Differential, findDifferential, INTEGRAL_SIGNS } from '../differential';

export function parseBigOp(p: Parser, t: Token): Node {
  p.next();
  let index: BigOpIndex | null = null;
  let upper: Node | null = null;
  let outer: string[] = [];
  for (let round = 0; round < 2; round++) {
    if (p.at('_')) {
      p.next();
      const arg = p.parseScriptArg();
      // `\sum_{ij}`, `\sum_{i,j}`: one sum per letter, outermost first, each over its own range.
      const letters = indexLetters(arg.nodes);
      outer = letters ? letters.slice(0, -1) : [];
      index = readBigOpIndex(
        letters ? [arg.nodes.flatMap((x) => flattenJuxtLetters(x) ?? [x]).at(-1)!] : arg.nodes,
      );
    } else if (p.at('^')) {
      p.next();
      const arg = p.parseScriptArg();
      upper = arg.nodes[0] ?? null;
    }
  }
  if (index && upper) index.to = upper;
  else if (!index && upper) index = { name: '', from: null, to: upper, set: null, raw: null };
  // `\sum_i -x_i` is the sum of −x_i: a sign right after the limits opens the summand.
  const negated = p.at('-') ? p.next() : null;
  if (p.endsExpression()) throw new ParseError(`${t.text} needs a summand`, t.start, t.end);
  let body = p.parseTerm();
  if (negated) body = { kind: 'neg', operand: body, start: negated.start, end: body.end };
  // `\sum_j a_j b + c_j`: a later term that still uses the index belongs to the sum.
  const name = index?.name;
  while (name && (p.at('+') || p.at('-'))) {
    const save = p.i;
    const saveProblems = p.problems.length;
    const op = p.next();
    let term: Node | null = null;
    try {
      term = p.endsExpression() ? null : p.parseTerm();
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
    }
    if (!term || !usesIndex(term, name)) {
      p.i = save;
      p.problems.length = saveProblems;
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
  // `\sum (x_i - \bar x)^2`: statistics writes the sum bare when one letter indexes the summand.
  if (!index?.name && !index?.from && !index?.set) {
    const sole = soleSubscriptLetter(body);
    if (sole) index = { name: sole, from: null, to: index?.to ?? null, set: null, raw: null };
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
export function parseIntegral(p: Parser, t: Token): Node {
  p.next();
  let lower: Node | null = null;
  let upper: Node | null = null;
  for (let round = 0; round < 2; round++) {
    if (p.at('_') || p.at('^')) {
      const which = p.next().text;
      const arg = p.parseScriptArg();
      const bound: Node =
        arg.nodes.length === 1
          ? arg.nodes[0]
          : { kind: 'list', items: arg.nodes, start: arg.start, end: arg.end };
      if (which === '_') lower = bound;
      else upper = bound;
    }
  }
  const sign = INTEGRAL_SIGNS[t.text] === 1 && t.text !== '\\oint' ? 'int' : t.text.slice(1);
  const d = findDifferential(p.toks, p.i);
  const variableOf = (diff: Differential): SymNode => {
    const node = p.subParse(p.toks.slice(diff.varStart, diff.end), t);
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
  if (d && d.start === p.i) {
    // `\\int_0^1 dx\\, f(x)`: the differential first, the integrand is the product after it.
    const variable = variableOf(d);
    p.i = d.end;
    if (p.endsExpression())
      throw new ParseError('an integral needs an integrand', t.start, p.toks[d.end - 1].end);
    const body = p.parseTerm();
    return make(body, variable, body.end);
  }
  if (d) {
    const body = p.subParse(p.toks.slice(p.i, d.start), t);
    const variable = variableOf(d);
    p.i = d.end;
    return make(body, variable, p.toks[d.end - 1].end);
  }
  if (p.endsExpression()) throw new ParseError('an integral needs an integrand', t.start, t.end);
  const body = p.parseTerm();
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

/**
 * The one index letter the subscripts of a bare sum's summand use (`x_i`, `X_{i}`, `(x_i - y_i)^2`),
 * or null when they use none or several (`x_i y_j` names no single index). Letters a nested sum
 * binds are its own.
 */
function soleSubscriptLetter(body: Node): string | null {
  const found = new Set<string>();
  const letters = (x: Node): void => {
    if (x.kind === 'sym') {
      if (x.sub === null && INDEX_LETTER.test(x.base)) found.add(x.name);
      return;
    }
    for (const c of children(x)) letters(c);
  };
  const visit = (x: Node, bound: Set<string>): void => {
    if (x.kind === 'bigop') {
      const inner = x.index?.name ? new Set([...bound, x.index.name]) : bound;
      for (const c of children(x)) visit(c, inner);
      return;
    }
    if (x.kind === 'sym' && x.sub)
      for (const s of x.sub) {
        const before = new Set(found);
        letters(s);
        for (const name of found) if (bound.has(name) && !before.has(name)) found.delete(name);
      }
    for (const c of children(x)) visit(c, bound);
  };
  visit(body, new Set());
  return found.size === 1 ? [...found][0] : null;
}

function mentions(n: Node, name: string): boolean {
  if (n.kind === 'sym') return n.name === name;
  if (n.kind === 'bin') return mentions(n.left, name) || mentions(n.right, name);
  if (n.kind === 'neg') return mentions(n.operand, name);
  return false;
}

/** `ij`, `i,j`, `i, j, k`: two or more distinct bare index letters, or null. */
/**
 * A letter that can be an index: a small Latin letter, or a small Greek one written as a command
 * (`\sum_{n,\ell}` over examples and positions, `\sum_{\mu\nu}`).
 */
const INDEX_LETTER =
  /^(?:[a-z]|\\(?:ell|alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|rho|sigma|tau|phi|varphi|chi|psi|omega))$/;

function indexLetters(nodes: Node[]): string[] | null {
  const items = nodes.flatMap((x) => flattenJuxtLetters(x) ?? [x]);
  if (
    items.length < 2 ||
    !items.every((x) => x.kind === 'sym' && x.sub === null && INDEX_LETTER.test(x.base))
  )
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
    const below = lowerBoundOnly(raw);
    if (below) return below;
  }
  return { name: '', from: null, to: null, set: null, raw };
}

/**
 * `\sum_{n \ge 0}`, `\sum_{k > 1}`: an index bounded below only runs from that bound (the next
 * whole number after `>`) to ∞, as `\sum_{n=0}^{\infty}` does; an upper script still ends it.
 */
function lowerBoundOnly(raw: Node): BigOpIndex | null {
  if (raw.kind !== 'cmp' || (raw.op !== '\\ge' && raw.op !== '>') || raw.left.kind !== 'sym') return null;
  const at = { start: raw.right.start, end: raw.right.end };
  const one: Node = { kind: 'num', value: 1, text: '1', ...at };
  const from: Node =
    raw.op === '>' ? { kind: 'bin', op: '+', left: raw.right, right: one, ...at } : raw.right;
  return { name: raw.left.name, from, to: makeSym('\\infty', raw.end, raw.end), set: null, raw };
}

// Expectations, variances and probabilities: E[…], Var(…), and when a letter starts one.
import { skipGroup } from './prepare';
import type { Parser } from '../parser';
import type { ExpectOp, Node } from '../tree';
import { EXPECT_WORDS } from './tokenSets';
import { ParseError } from './parseError';
import { makeSym, span } from './nodes';

const RELATION_AFTER = new Set([
  '=',
  '\\approx',
  ':=',
  '\\coloneqq',
  '<',
  '>',
  '\\le',
  '\\ge',
  '\\leq',
  '\\geq',
]);

export function expectationFollows(p: Parser): boolean {
  // `E_{…}[` or `E_R [`
  let j = p.i + 1;
  if (p.toks[j]?.text === '{') j = skipGroup(p.toks, j);
  else j++;
  return p.toks[j]?.text === '[';
}

export function parseExpectation(p: Parser, op: ExpectOp, s: number): Node {
  const what = EXPECT_WORDS[op];
  let sub: Node | null = null;
  if (p.at('_')) {
    p.next();
    const arg = p.parseScriptArg();
    sub =
      arg.nodes.length === 1
        ? arg.nodes[0]
        : { kind: 'list', items: arg.nodes, start: arg.start, end: arg.end };
  }
  let body: Node;
  let given: Node | null = null;
  if (p.at('[') || p.at('(') || p.at('\\{')) {
    const open = p.peek;
    const r = p.parseParenArgs(true);
    const own = r.given === undefined ? r.items : r.items.slice(0, r.given);
    const cond = r.given === undefined ? [] : r.items.slice(r.given);
    // `\\Pr(X = 1, Y = 0)`: events joined by commas hold together.
    // `\operatorname{Cov}(X)` of one expression is its covariance with itself: the variance of a
    // number, the covariance matrix of a vector.
    if (op === 'Cov' && own.length === 1) own.push(own[0]);
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
        cond.length === 1 ? cond[0] : { kind: 'list', items: cond, ...span(cond[0], cond[cond.length - 1]) };
    return { kind: 'expect', op, sub, body, given, start: s, end: r.end };
  }
  // "$\mathrm{Var} = 2(1 - b)^2 + 2b^2 - 1$": the word alone before a relation names the variance
  // the words talk about (of an estimator), a quantity of its own, as `\mathrm{MSE}` does.
  if (op === 'Var' && sub === null && RELATION_AFTER.has(p.peek?.text ?? ''))
    return makeSym('\\text{Var}', s, p.toks[p.i - 1].end);
  if (p.endsExpression() || op === 'Cov')
    throw new ParseError(
      `${what.command} needs ${op === 'Cov' ? 'two expressions in brackets' : 'an expression'}`,
      s,
      p.peek.start,
    );
  body = p.parseTerm();
  return { kind: 'expect', op, sub, body, start: s, end: body.end };
}

// The evaluation bar, `\left. f(t) \right|_{t=0}` and `f(t) \Big|_{t=0}` (prepare.ts marks both):
// the expression with its variable given a value. `\Big|_{x=a}^{b}` is the difference of the values
// at b and at a, as under a definite integral.
import type { Parser } from '../parser';
import type { Node, SymNode } from '../tree';
import { ParseError } from './parseError';

/** `\evalopen body \evalbar _{x=a}`: the bar closes what `\left.` opened. */
export function parseEvaluationBar(p: Parser): Node {
  const open = p.next();
  p.openEvaluationBars++;
  let body: Node;
  try {
    body = p.parseExpr();
  } finally {
    p.openEvaluationBars--;
  }
  if (!p.at('\\evalbar')) throw new ParseError('expected the evaluation bar \\right|', open.start, body.end);
  return substitution(p, body, open.start);
}

/** A bar after a whole expression, `f(t) \Big|_{t=0}`: it applies to everything before it. */
export function evaluatedAt(p: Parser, body: Node): Node {
  return p.at('\\evalbar') && p.openEvaluationBars === 0 ? substitution(p, body, body.start) : body;
}

function substitution(p: Parser, body: Node, start: number): Node {
  const bar = p.next();
  p.expect('_', 'a subscript after the evaluation bar');
  p.expect('{', "'{'");
  const where = p.parseValue();
  const close = p.expect('}', "'}'");
  if (where.kind !== 'cmp' || where.op !== '=' || where.left.kind !== 'sym')
    throw new ParseError(
      'the evaluation bar needs a variable and its value: \\right|_{x = 0}',
      bar.start,
      close.end,
    );
  const variable: SymNode = where.left;
  const at = (value: Node, end: number): Node => ({ kind: 'at', body, variable, value, start, end });
  if (!p.at('^')) return at(where.right, close.end);
  // `\Big|_{x=a}^{b}`: F(b) − F(a).
  p.next();
  const upper = p.at('{') ? bracedValue(p) : p.parseAtom();
  return {
    kind: 'bin',
    op: '-',
    left: at(upper, upper.end),
    right: at(where.right, close.end),
    start,
    end: upper.end,
  };
}

function bracedValue(p: Parser): Node {
  p.next();
  const v = p.parseValue();
  p.expect('}', "'}'");
  return v;
}

// `\lim_{x \to a} f(x)`: a limit, its variable bound in its body, as a sum's index is. The body runs
// as a sum's does, over the term after the operator (`\lim_{n\to\infty} (1 + 1/n)^n`,
// `\lim_{x \to 0^+} x \ln x`). A `\lim` without `var \to point` under it stays the unevaluated call.
import type { Token } from '../tokens';
import type { Node, SymNode } from '../tree';
import type { Parser } from '../parser';
import { ParseError } from './parseError';
import { LIMIT_SIDE } from './prepare';

export function parseLimit(p: Parser, t: Token): Node | null {
  const save = p.i;
  p.next();
  if (!p.at('_')) {
    p.i = save;
    return null;
  }
  p.next();
  const arg = p.parseScriptArg();
  const approach = arg.nodes.length === 1 ? readApproach(arg.nodes[0]) : null;
  if (!approach) {
    p.i = save;
    return null;
  }
  // `\lim_{x \to 1^-}`: prepare.ts moved the side out of the script.
  for (const side of ['+', '-'] as const)
    if (p.at(LIMIT_SIDE[side])) {
      p.next();
      approach.side = side;
    }
  if (p.endsExpression())
    throw new ParseError('\\lim needs the expression whose limit it is', t.start, t.end);
  const negated = p.at('-') ? p.next() : null;
  let body = p.parseTerm();
  if (negated) body = { kind: 'neg', operand: body, start: negated.start, end: body.end };
  return { kind: 'limit', ...approach, body, start: t.start, end: body.end };
}

/** `x \to a`, `n \rightarrow \infty`, `x \to 0^+`, `x \to a^-`: the variable, the point, the side. */
function readApproach(n: Node): { variable: SymNode; to: Node; side: '+' | '-' | null } | null {
  if (n.kind !== 'cmp' || n.op !== '\\to' || n.left.kind !== 'sym') return null;
  const variable = n.left;
  const to = n.right;
  // `0^+` reads as a pseudo-inverse mark, `a^-` as a name with a label: both are a side here.
  if (to.kind === 'post' && to.op === 'pinv') return { variable, to: to.operand, side: '+' };
  if (to.kind === 'sym') {
    const side = /\^\{([+-])\}$/.exec(to.name);
    if (side) {
      const name = to.name.slice(0, side.index);
      return { variable, to: { ...to, name, stem: name }, side: side[1] as '+' | '-' };
    }
  }
  return { variable, to, side: null };
}

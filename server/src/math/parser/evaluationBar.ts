// The evaluation bar, `\left. f(t) \right|_{t=0}` and `f(t) \Big|_{t=0}` (prepare.ts marks both):
// the expression with its variable given a value. `\Big|_{x=a}^{b}` is the difference of the values
// at b and at a, as under a definite integral.
import type { Parser } from '../parser';
import type { Node, SymNode } from '../tree';
import { span } from './nodes';
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

/**
 * A bar after a whole expression, `f(t) \Big|_{t=0}`: it applies to everything before it, back to the
 * start of the side or to the bar before it. Integration by parts writes several on one side,
 * `-x\cos x \Big|_0^\pi + \int_0^\pi \cos x\,dx` and `\frac{x^3}{3}\Big|_0^1 + e^x\Big|_0^1`: the terms
 * after a bar start a new stretch, the sign between them being the sign of its first term.
 */
export function evaluatedAt(p: Parser, parseSum: () => Node): Node {
  let body = parseSum();
  let done: Node | null = null;
  while (p.at('\\evalbar') && p.openEvaluationBars === 0) {
    const barred = substitution(p, body, body.start, true);
    done =
      done === null ? barred : { kind: 'bin', op: '+', left: done, right: barred, ...span(done, barred) };
    if (!p.at('+') && !p.at('-')) return done;
    body = parseSum();
  }
  return done === null ? body : after(done, body);
}

/** `F|_a^b - g + h`: the stretch after the last bar joins the sum with its first term's sign. */
function after(done: Node, stretch: Node): Node {
  if (stretch.kind === 'bin' && (stretch.op === '+' || stretch.op === '-')) {
    const left = after(done, stretch.left);
    return { ...stretch, left, start: left.start };
  }
  if (stretch.kind === 'neg')
    return { kind: 'bin', op: '-', left: done, right: stretch.operand, ...span(done, stretch) };
  return { kind: 'bin', op: '+', left: done, right: stretch, ...span(done, stretch) };
}

function substitution(p: Parser, body: Node, start: number, unbracketed = false): Node {
  const bar = p.next();
  if (p.at('^')) {
    // `\Big|^{b}_{a}`: the upper bound written first.
    p.next();
    const upper = script(p);
    p.expect('_', 'the lower bound after the evaluation bar');
    return bounds(body, unwritten(bar.start), script(p), upper, start, unbracketed);
  }
  p.expect('_', 'a subscript after the evaluation bar');
  const where = script(p);
  if (where.kind === 'cmp' && where.op === '=' && where.left.kind === 'sym') {
    const variable: SymNode = where.left;
    if (!p.at('^')) return { kind: 'at', body, variable, value: where.right, start, end: where.end };
    p.next();
    return bounds(body, variable, where.right, script(p), start, unbracketed);
  }
  if (!p.at('^'))
    throw new ParseError(
      'the evaluation bar needs a variable and its value, \\right|_{x = 0}, or both bounds, \\Big|_0^1',
      bar.start,
      where.end,
    );
  p.next();
  return bounds(body, unwritten(bar.start), where, script(p), start, unbracketed);
}

/** `\Big|_{x=a}^{b}`, `\left[F\right]_a^b`: F(b) − F(a). */
function bounds(
  body: Node,
  variable: SymNode,
  lower: Node,
  upper: Node,
  start: number,
  unbracketed: boolean,
): Node {
  const implicit = variable.name === '' ? { implicit: true as const } : {};
  const at = (value: Node): Node => ({
    kind: 'at',
    body,
    variable,
    value,
    start,
    end: value.end,
    ...implicit,
  });
  const right = at(lower);
  if (unbracketed && right.kind === 'at') right.unbracketed = true;
  return {
    kind: 'bin',
    op: '-',
    left: at(upper),
    right,
    start,
    end: Math.max(upper.end, lower.end),
  };
}

/** The variable of a bar written with bounds alone: named later, from its span (barVariables.ts). */
function unwritten(at: number): SymNode {
  return {
    kind: 'sym',
    name: '',
    stem: '',
    base: '',
    sub: null,
    subText: null,
    primes: 0,
    start: at,
    end: at,
  };
}

/** A script: a braced value or one atom (`_0`, `^{\pi/2}`). */
function script(p: Parser): Node {
  if (!p.at('{')) return p.parseAtom();
  p.next();
  const v = p.parseValue();
  p.expect('}', "'}'");
  return v;
}

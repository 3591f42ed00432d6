// The evaluation bar, `\left. f(t) \right|_{t=0}` and `f(t) \Big|_{t=0}` (prepare.ts marks both):
// the expression with its variable given a value. `\Big|_{x=a}^{b}` is the difference of the values
// at b and at a, as under a definite integral.
import type { Parser } from '../parser';
import type { Node, SymNode } from '../tree';
import { ParseError } from './parseError';
import { integralVariables } from '../differential';
import { walk } from '../walk';
import { makeSym } from './nodes';

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
  const bare = bareBounds(p, body, start);
  if (bare) return bare;
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

/**
 * `\Big|_0^1` with bare bounds (prepare.ts marks it only beside one integral): the value at the
 * upper bound less the value at the lower one, in the integral's variable. Null for `_{x=a}`.
 */
function bareBounds(p: Parser, body: Node, start: number): Node | null {
  const [name] = integralVariables(p.toks);
  if (!name || (p.at('_') && p.toks[p.i + 1]?.text === '{' && hasEquals(p, p.i + 1))) return null;
  const scripts: Record<string, Node> = {};
  for (const _ of [0, 1]) {
    const mark = p.next().text;
    scripts[mark] = p.at('{') ? bracedValue(p) : p.parseAtom();
  }
  const end = p.toks[p.i - 1].end;
  const variable = makeSym(name, body.start, body.start);
  const at = (value: Node): Node => ({ kind: 'at', body, variable, value, start, end });
  return { kind: 'bin', op: '-', left: at(scripts['^']), right: at(scripts._), start, end };
}

/** Whether the braced script opened at i holds `=` at its own level. */
function hasEquals(p: Parser, i: number): boolean {
  for (let j = i, depth = 0; j < p.toks.length; j++) {
    const v = p.toks[j].text;
    if (v === '{') depth++;
    else if (v === '}' && --depth === 0) return false;
    else if (v === '=' && depth === 1) return true;
  }
  return false;
}

function bracedValue(p: Parser): Node {
  p.next();
  const v = p.parseValue();
  p.expect('}', "'}'");
  return v;
}

/**
 * `\Big[ x e^x \Big]_0^1`, `\left[ F \right]_{a}^{b}`: a bracket of one item with a lower and an
 * upper script is the value at the upper bound less the value at the lower one, in the variable of
 * the integral the span writes (`\int_0^1 x e^x \, dx`), or, with no integral, the one letter the
 * bracket holds. With neither, the bounds belong to no variable the reader can name: an error node
 * that says to write it. `_{x=a}^{b}` names the variable itself. Null when this is no such bracket.
 */
export function evaluationBracket(p: Parser, node: Node): Node | null {
  if (node.kind !== 'group' || node.open !== '[' || node.items.length !== 1) return null;
  const first = p.peek.text;
  if (first !== '_' && first !== '^') return null;
  const second = scriptEnd(p, p.i + 1);
  if (second === null || p.toks[second]?.text !== (first === '_' ? '^' : '_')) return null;
  const mark = p.i;
  const scripts: Record<string, Node> = {};
  for (const _ of [0, 1]) {
    const script = p.next().text;
    scripts[script] = p.at('{') ? bracedValue(p) : p.parseAtom();
  }
  const lower = scripts._;
  const upper = scripts['^'];
  const body = node.items[0];
  const end = p.toks[p.i - 1].end;
  const named = lower.kind === 'cmp' && lower.op === '=' && lower.left.kind === 'sym' ? lower : null;
  const variable = named ? (named.left as SymNode) : bracketVariable(p, body, [lower, upper]);
  if (!variable && integralVariables(p.toks).length === 0) {
    // `[Wx]_1^2` beside no integral: an entry squared, read as before.
    p.i = mark;
    return null;
  }
  if (!variable)
    return {
      kind: 'error',
      message:
        "the bounds of this bracket belong to no variable the math names (the integral's variable is " +
        'not in the bracket, or there are several): write it, \\Big[ F \\Big]_{x=a}^{b}',
      start: node.start,
      end,
    };
  const from = named ? named.right : lower;
  const at = (value: Node): Node => ({ kind: 'at', body, variable, value, start: node.start, end });
  return { kind: 'bin', op: '-', left: at(upper), right: at(from), start: node.start, end };
}

/**
 * The integral's variable when the span has one integral variable, else the bracket's one letter
 * when both bounds are numbers (`[-\cos x]_0^{\pi}`): `[Wx]_i^2`, `[x]_1^2` are an entry squared.
 */
function bracketVariable(p: Parser, body: Node, bounds: Node[]): SymNode | null {
  const letters = new Map<string, SymNode>();
  walk(body, (x) => {
    if (x.kind === 'sym' && x.sub === null && x.primes === 0 && !CONSTANT_LETTERS.has(x.name))
      letters.set(x.name, x);
  });
  const integrals = integralVariables(p.toks);
  if (integrals.length === 1) {
    const v = letters.get(integrals[0]);
    return v ?? null;
  }
  if (integrals.length > 0 || letters.size !== 1 || body.kind === 'sym' || !bounds.every(isNumeric))
    return null;
  return [...letters.values()][0];
}

/** A bound made of numbers and constants only: `0`, `\pi/2`, `\infty`, `-1`. */
function isNumeric(n: Node): boolean {
  let numeric = true;
  walk(n, (x) => {
    if (x.kind === 'sym' && !CONSTANT_LETTERS.has(x.name) && x.name !== '\infty') numeric = false;
  });
  return numeric;
}

/** Letters that are constants where nothing else gives them a meaning, never a bracket's variable. */
const CONSTANT_LETTERS = new Set(['e', '\\pi', 'i']);

/** The token after the script whose mark (`_` or `^`) is at i, or null at the end of the math. */
function scriptEnd(p: Parser, i: number): number | null {
  const t = p.toks[i];
  if (!t || t.type === 'eof') return null;
  if (t.text !== '{') return i + 1;
  let depth = 0;
  for (let j = i; j < p.toks.length; j++) {
    if (p.toks[j].text === '{') depth++;
    else if (p.toks[j].text === '}' && --depth === 0) return j + 1;
  }
  return null;
}

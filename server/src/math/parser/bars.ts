// Bars and norms: |…| and ‖…‖, and a bar that closes nothing.
import type { Parser } from '../parser';
import type { Token } from '../tokens';
import type { Node } from '../tree';
import { countOf, isSetOperation } from './setCounts';

/** '|' or '\\|' when the bracket opened at i holds an odd number of them at its own level. */
export function unpairedBar(p: Parser, i: number): string | null {
  let depth = 0;
  let single = 0;
  let singleBar = '|';
  let double = 0;
  for (let j = i; j < p.toks.length; j++) {
    const v = p.toks[j].text;
    if (v === '(' || v === '[' || v === '{' || v === '\\{') depth++;
    else if (v === ')' || v === ']' || v === '}' || v === '\\}') {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && (v === '|' || v === '\\vert')) {
      single++;
      singleBar = v;
    } else if (depth === 1 && v === '\\|') double++;
  }
  if (single % 2 === 1) return singleBar;
  if (double % 2 === 1) return '\\|';
  return null;
}

export function parseNorm(parser: Parser, t: Token): Node {
  parser.next();
  const close =
    t.text === '\\lVert'
      ? '\\rVert'
      : t.text === '\\lvert'
        ? '\\rvert'
        : t.text === '\\vert'
          ? '\\vert'
          : t.text === '\\Vert'
            ? '\\Vert'
            : '\\|';
  parser.closers.push(close);
  let inner: Node;
  try {
    inner = parser.parseValue();
  } finally {
    parser.closers.pop();
  }
  const c = parser.expect(close, `a closing '${close}'`);
  if ((t.text === '\\lvert' || t.text === '\\vert') && isSetOperation(inner))
    return countOf(inner, t.start, c.end);
  if (t.text === '\\lvert' || t.text === '\\vert')
    return { kind: 'abs', operand: inner, start: t.start, end: c.end };
  let p: Node | null = null;
  let e = c.end;
  if (parser.at('_')) {
    parser.next();
    const arg = parser.parseScriptArg();
    p = arg.nodes[0] ?? null;
    if (arg.text === 'F' || arg.text === '\\mathrm{F}' || arg.text === 'Fro')
      p = { kind: 'word', name: 'F', start: arg.start, end: arg.end };
    e = arg.end;
  }
  return { kind: 'norm', operand: inner, p, start: t.start, end: e };
}

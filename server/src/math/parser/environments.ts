// Environments: \begin…\end, matrices, cases and the conditions of a case.
import type { Token } from '../tokens';
import type { Node } from '../tree';
import { ParseError } from './parseError';
import { MATRIX_ENVIRONMENTS } from '../vocabulary';
import type { Parser } from '../parser';
import { isConnective } from './statements';

/** The index of the `\\\\` or `\\end` that ends the row holding token i (brackets and braces nest). */
function rowEnd(tokens: Token[], i: number): number {
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const v = tokens[j].text;
    if (tokens[j].type === 'eof') return j;
    if (depth === 0 && (v === '\\\\' || v === '\\end')) return j;
    if (v === '{' || v === '(' || v === '[' || v === '\\{') depth++;
    else if ((v === '}' || v === ')' || v === ']' || v === '\\}') && depth > 0) depth--;
  }
  return tokens.length - 1;
}

export function parseEnvironment(p: Parser, t: Token): Node {
  p.next();
  const g = p.rawGroup(p.i);
  if (!g) throw new ParseError('\\begin needs an environment name', t.start, t.end);
  const env = g.text.trim();
  p.i = g.next;
  if (MATRIX_ENVIRONMENTS.has(env)) return parseMatrix(p, t, env);
  if (env === 'cases' || env === 'dcases' || env === 'cases*') return parseCases(p, t, env);
  throw new ParseError(`environment '${env}' is not supported inside math`, t.start, p.toks[g.next - 1].end);
}

export function parseEnd(p: Parser, env: string, t: Token): number {
  const end = p.expect('\\end', `\\end{${env}}`);
  const g = p.rawGroup(p.i);
  if (!g || g.text.trim() !== env)
    throw new ParseError(`\\begin{${env}} is closed by a different \\end`, t.start, end.end);
  p.i = g.next;
  return p.toks[g.next - 1].end;
}

export function parseMatrix(p: Parser, t: Token, env: string): Node {
  const rows: Node[][] = [];
  let row: Node[] = [];
  const saved = p.closers;
  p.closers = [];
  try {
    for (;;) {
      if (p.peek.type === 'eof')
        throw new ParseError(`\\begin{${env}} is never closed: add \\end{${env}}`, t.start, t.end);
      if (p.at('\\end')) break;
      if (p.at('&')) {
        p.next();
        continue;
      }
      if (p.at('\\\\')) {
        p.next();
        rows.push(row);
        row = [];
        continue;
      }
      row.push(p.parseValue());
      if (p.atEnd())
        throw new ParseError(`\\begin{${env}} is never closed: add \\end{${env}}`, t.start, t.end);
      if (!p.at('&') && !p.at('\\\\') && !p.at('\\end')) {
        const u = p.peek;
        throw new ParseError(
          `expected '&', '\\\\' or \\end{${env}} in a matrix but found '${u.text || 'end of math'}'`,
          u.start,
          u.end,
        );
      }
    }
  } finally {
    p.closers = saved;
  }
  if (row.length) rows.push(row);
  const e = parseEnd(p, env, t);
  const node: Node = { kind: 'matrix', env, rows, start: t.start, end: e };
  if (env === 'vmatrix')
    return {
      kind: 'call',
      fn: 'det',
      args: [node],
      sub: null,
      sup: null,
      paren: true,
      start: t.start,
      end: e,
    };
  return node;
}

export function parseCases(p: Parser, t: Token, env: string): Node {
  const rows: { value: Node; cond: Node | null }[] = [];
  const saved = p.closers;
  p.closers = [];
  try {
    while (!p.at('\\end')) {
      if (p.peek.type === 'eof') throw new ParseError(`\\begin{${env}} is never closed`, t.start, t.end);
      if (p.at('\\\\')) {
        p.next();
        continue;
      }
      const value = p.parseValue();
      while (p.at(',')) p.next();
      let cond: Node | null = null;
      if (p.at('&')) {
        p.next();
        cond = parseCondition(p);
      }
      rows.push({ value, cond });
      while (p.at(',') || p.at('.') || p.at(';')) p.next();
      if (!p.at('\\\\') && !p.at('\\end')) {
        const u = p.peek;
        throw new ParseError(
          `expected '\\\\' or \\end{${env}} but found '${u.text || 'end of math'}'`,
          u.start,
          u.end,
        );
      }
    }
  } finally {
    p.closers = saved;
  }
  const e = parseEnd(p, env, t);
  return { kind: 'cases', rows, start: t.start, end: e };
}

/** A case condition: `x < 0`, `\text{if } x > 0`, `\text{otherwise}`. */
export function parseCondition(p: Parser): Node | null {
  const parts: Node[] = [];
  while (!p.at('\\\\') && !p.at('\\end') && p.peek.type !== 'eof') {
    if (p.at('\\text') || p.at('\\mbox') || p.at('\\textnormal') || p.at('\\textrm')) {
      const t = p.next();
      const g = p.rawGroup(p.i);
      if (!g) throw new ParseError('\\text needs a braced argument', t.start, t.end);
      p.i = g.next;
      const w = g.text.trim().toLowerCase().replace(/[,.]$/, '');
      if (w === 'otherwise' || w === 'else' || w === 'elsewhere') return null;
      if (isConnective(w) || w === '') continue;
      parts.push({ kind: 'text', text: g.text, start: t.start, end: p.toks[g.next - 1].end });
      continue;
    }
    if (p.at(',') || p.at('.') || p.at(';') || p.at('&')) {
      p.next();
      continue;
    }
    const from = p.i;
    try {
      parts.push(p.parseValue());
    } catch (err) {
      // A condition that cannot be read (`k \equiv 0 \pmod N`) leaves its row unevaluated, not
      // the whole math: the rows after it and the relation around the cases still read.
      if (!(err instanceof ParseError)) throw err;
      p.i = rowEnd(p.toks, from);
      const start = p.toks[from].start;
      return {
        kind: 'error',
        message: `a condition of the cases: ${err.message}`,
        start,
        end: p.peek.start,
      };
    }
  }
  if (parts.length === 0) return { kind: 'text', text: '', start: p.peek.start, end: p.peek.start };
  return parts[parts.length - 1];
}

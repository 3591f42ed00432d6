// The modulus written after a congruence: `a \equiv b \pmod{n}`, `\pmod n`, `\mod n`, `\pod{n}`,
// `(\bmod n)`, `(\operatorname{mod} n)`, `(\text{mod } n)`. It qualifies the whole chain, so the
// parser reads it at the level of relations, not as a factor of the last side.
import type { Parser } from '../parser';
import type { Node, RelationToken } from '../tree';
import { parseArg } from './commands';
import { ParseError } from './parseError';

const MOD_COMMANDS = new Set(['\\pmod', '\\mod', '\\pod']);
const MOD_WORD = /^\s*mod\s*$/;

/** True when the tokens at the parser's position open a modulus. */
export function atModulus(p: Parser): boolean {
  const t = p.peek;
  if (t.text === '\\mod') return p.afterRelation;
  if (t.type === 'cmd' && MOD_COMMANDS.has(t.text)) return true;
  return t.text === '(' && modWordAt(p, p.i + 1) !== null;
}

/** The index after a `\bmod`, `\mod`, `\operatorname{mod}`, `\mathrm{mod}` or `\text{mod}` at i. */
function modWordAt(p: Parser, i: number): number | null {
  const t = p.toks[i];
  if (!t) return null;
  if (t.text === '\\bmod' || t.text === '\\mod') return i + 1;
  if (['\\operatorname', '\\mathrm', '\\text', '\\textrm', '\\mbox'].includes(t.text)) {
    const g = p.rawGroup(i + 1);
    if (g && MOD_WORD.test(g.text)) return g.next;
  }
  return null;
}

/** Reads the modulus at the parser's position (atModulus holds) and returns it. */
export function readModulus(p: Parser): Node {
  const t = p.peek;
  if (t.type === 'cmd' && MOD_COMMANDS.has(t.text)) {
    p.next();
    // `\pmod 11`: the whole number, not its first digit as `\frac12` would take.
    if (p.peek.type === 'num') {
      const n = p.next();
      return { kind: 'num', value: Number(n.text), text: n.text, start: n.start, end: n.end };
    }
    return parseArg(p);
  }
  p.next(); // `(`
  p.i = modWordAt(p, p.i) as number;
  const saved = p.closers;
  p.closers = [')'];
  let inner: Node;
  try {
    inner = p.parseExpr();
  } finally {
    p.closers = saved;
  }
  if (!p.at(')')) throw new ParseError(`expected ')' after the modulus`, p.peek.start, p.peek.end);
  p.next();
  return inner;
}

/**
 * The modulus belongs to the chain's congruences; a chain without one (`2^{10} = 1 \pmod{11}`,
 * as some authors write) makes its equalities congruences.
 */
export function attachModulus(ops: RelationToken[], modulus: Node): void {
  const congruences = ops.filter((o) => o.op === '\\equiv' || o.op === '\\nequiv');
  const targets = congruences.length > 0 ? congruences : ops.filter((o) => o.op === '=');
  for (const o of targets) {
    if (o.op === '=') o.op = '\\equiv';
    o.modulus = modulus;
  }
}

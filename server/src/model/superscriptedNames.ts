// `V^\pi(s)`, `Q^\pi(s, a)`, `V^{\mu}(s_1)`: reinforcement-learning notes mark a value function with
// the policy it follows as a superscript. Read as print, `V^\pi(s)` is V to the power π times a
// bracket; no author writes that. A letter the document gives no meaning, raised to a letter and
// written against a bracket, is the superscripted name applied to the bracket's arguments when the
// superscript is π (a policy: as an exponent it would be the constant), when the bracket holds
// several arguments (a product with a tuple is not written either), or when the document already
// gave the superscripted name values or a rule. `p^k(1 - p)`, `x^n(1 + x)` stay products.
import type { Node, SymNode } from '../math/tree';
import { someNode } from './names';

/** What the rewrite asks of the document. */
export interface SuperscriptContext {
  /** Whether the letter means something in the document (a value, a declaration, a rule). */
  isKnown(name: string): boolean;
  /** Whether the superscripted name (`V^{\pi}`) has values or a rule of its own. */
  isFunction(name: string): boolean;
}

/** The side with each superscripted name written against a bracket read as applied to it. */
export function superscriptedNamesApplied(side: Node, ctx: SuperscriptContext): Node {
  if (!someNode(side, (x) => x.kind === 'pow' && x.exponent.kind === 'sym')) return side;
  try {
    return rewrite(side, ctx) as Node;
  } catch (e) {
    // A tree too deep to copy (a sum of thousands of terms) keeps its reading.
    if (e instanceof RangeError) return side;
    throw e;
  }
}

/** The superscripted name of `V^\pi (…)`, when it is one applied to the bracket. */
function applied(n: Node, ctx: SuperscriptContext): SymNode | null {
  if (n.kind !== 'bin' || n.op !== 'juxt' || n.left.kind !== 'pow') return null;
  const { base, exponent } = n.left;
  const bracket = n.right;
  if (bracket.kind !== 'group' || bracket.open !== '(' || bracket.items.length === 0) return null;
  if (base.kind !== 'sym' || base.primes !== 0 || base.sub !== null || exponent.kind !== 'sym') return null;
  if (ctx.isKnown(base.name)) return null;
  const name = `${base.name}^{${exponent.name}}`;
  const policy = exponent.name === '\\pi' || exponent.stem === '\\pi';
  if (!policy && bracket.items.length < 2 && !ctx.isFunction(name)) return null;
  return { ...base, name, stem: name, base: name, end: exponent.end };
}

function rewrite(n: unknown, ctx: SuperscriptContext): unknown {
  if (Array.isArray(n)) return n.map((x) => rewrite(x, ctx));
  if (!isNode(n)) return n;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(n)) out[k] = rewrite(x, ctx);
  const node = out as unknown as Node;
  if (node.kind !== 'bin' || node.op !== 'juxt' || node.right.kind !== 'group') return node;
  const f = applied(node, ctx);
  if (f) return { kind: 'apply', f, args: node.right.items, start: node.start, end: node.end };
  const left = node.left;
  // `\max_a Q^\pi(s, a)`, read as the max of Q^π, times a bracket: the bracket is Q^π's arguments.
  if (left.kind === 'call' && !left.paren && left.args.length === 1) {
    const inner: Node = { ...node, left: left.args[0], start: left.args[0].start };
    const g = applied(inner, ctx);
    if (!g) return node;
    const call: Node = { kind: 'apply', f: g, args: node.right.items, start: inner.start, end: node.end };
    return { ...left, args: [call], end: node.end };
  }
  // `\gamma V^\pi(s')`, read left to right as (γ V^π)(s'): the bracket goes with the last factor.
  if (left.kind !== 'bin' || left.op !== 'juxt') return node;
  const inner: Node = { ...node, left: left.right, start: left.right.start };
  const g = applied(inner, ctx);
  if (!g) return node;
  const call: Node = { kind: 'apply', f: g, args: node.right.items, start: left.right.start, end: node.end };
  return { ...left, right: call, end: node.end };
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && typeof (x as { kind?: unknown }).kind === 'string';
}

// "Backward, with upstream $\partial L/\partial y = (1, 0, 0, 0)$": a worked backward pass gives the
// gradient of a loss it never defines, in numbers, and works the chain rule down from it. First
// derivatives of L with respect to anything y depends on are fixed by that gradient alone
// (∂L/∂x = (∂y/∂x)ᵀ ∂L/∂y), so a careful reader may take L to be the linear function of y that has
// it, L = Σ c ⊙ y, and check the numbers that follow exactly. The relation gives L; it claims
// nothing. Only a first derivative of a letter nothing defines, with respect to a quantity the text
// knows, equal to numbers written out, is read so.
import { parseMath } from '../math/parser';
import type { Node, Statement, SymNode } from '../math/tree';
import { children, isLiteralValue } from './names';
import { substituted } from './whereAfter';

/** The loss a relation gives by its gradient in numbers, and the quantity it is the gradient in. */
export interface GivenGradient {
  loss: SymNode;
  of: SymNode;
  value: Node;
}

/** Letters a loss (or cost, or error) is written with, in any font (𝓛 is L): L, J, C, E, ℓ. */
const LOSS_NAME = /^(?:L|J|C|E|\\ell)$/;

/**
 * `\frac{\partial L}{\partial y} = (1, -1, 2)` (also ∂L/∂y written inline and ∇_y L): the loss and
 * the quantity, or null when the relation is no first derivative of a bare letter by a bare name set
 * equal to numbers. Whether the text knows the letter or the name is for the caller to say.
 */
export function givenGradient(lhs: Node, op: Statement['ops'][number], rhs: Node): GivenGradient | null {
  // A total derivative (dE/dt = 0) is a rate in a physics text, not a backward pass.
  if (op.op !== '=' || lhs.kind !== 'deriv' || lhs.order !== 1 || lhs.at || lhs.style === 'd') return null;
  const { of, wrt } = lhs;
  if (of?.kind !== 'sym' || wrt.kind !== 'sym') return null;
  if (of.primes > 0 || of.sub !== null || !LOSS_NAME.test(of.name) || wrt.primes > 0) return null;
  if (!isLiteralValue(rhs)) return null;
  return { loss: of, of: wrt, value: rhs };
}

/** `\operatorname{sum}(C \odot Y)`, parsed once: the form every linear loss is placed from. */
let linearForm: Node | null | undefined;

/** Σ c ⊙ y: the linear function of y whose gradient is c, placed at the relation (for messages). */
export function linearLoss(given: GivenGradient, plus: Node | null): Node | null {
  linearForm ??= parseMath(String.raw`\operatorname{sum}(C \odot Y)`).statements[0]?.sides[0] ?? null;
  const parsed = linearForm;
  if (!parsed) return null;
  const at = { start: given.of.start, end: given.value.end };
  const placed = substituted(substituted(atSpan(parsed, at), 'C', given.value), 'Y', given.of);
  if (!plus) return placed;
  return { kind: 'bin', op: '+', left: plus, right: placed, start: at.start, end: at.end };
}

/** `n` with every node's range set to `at`. */
function atSpan(n: Node, at: { start: number; end: number }): Node {
  const out: Record<string, unknown> = { ...n, start: at.start, end: at.end };
  for (const [key, value] of Object.entries(n)) {
    if (Array.isArray(value)) out[key] = value.map((v) => (isNode(v) ? atSpan(v, at) : v));
    else if (isNode(value)) out[key] = atSpan(value, at);
  }
  return out as unknown as Node;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && 'kind' in v && 'start' in v;
}

/**
 * The loss given only by its gradient that a relation writes otherwise than in a first derivative in
 * a quantity the gradient reaches — its value (`L \approx 0.41`), a second derivative, or a derivative
 * in a parameter the quantity does not depend on, none of which the gradient fixes — or null.
 * `given` says whether a name is such a loss; `reaches(loss, wrt)` whether its quantity depends on
 * what the derivative is taken in. Only letters a loss is written with are asked.
 */
export function usedBeyondGradient(
  sides: readonly Node[],
  given: (name: string) => boolean,
  reaches: (loss: string, wrt: Node) => boolean,
): string | null {
  // Iterative, each node with the derivatives around it: a 5000-term sum is a deep tree.
  const stack: { node: Node; around: Node[] }[] = sides.map((node) => ({ node, around: [] }));
  while (stack.length) {
    const { node, around } = stack.pop()!;
    if (node.kind === 'deriv') {
      const inner = [...around, ...Array<Node>(node.order).fill(node.wrt)];
      if (node.of) stack.push({ node: node.of, around: inner });
      for (const point of node.at ?? []) stack.push({ node: point, around });
      continue;
    }
    if (node.kind === 'sym' && LOSS_NAME.test(node.name) && given(node.name)) {
      if (around.length !== 1 || !reaches(node.name, around[0])) return node.name;
    }
    for (const child of children(node)) stack.push({ node: child, around });
  }
  return null;
}

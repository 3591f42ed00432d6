// A function given by its entries: "the softmax $\sigma(z)_i = e^{z_i} / \sum_j e^{z_j}$". The rule
// says what the i-th entry of σ(z) is, for the z it is written at, as `p_i = e^{z_i} / \sum_j e^{z_j}`
// says what p_i is. A careful reader takes `\sigma(z)_j`, `\sigma(z)_i` later on at that same z for
// entries of that vector, so the pair (σ, z) is read as the name of a family whose members are the
// entries: `\sigma(z)_{i}` with the stem `\sigma(z)`. The family is then defined, differentiated and
// summed like any family defined entry by entry. At another argument (`\sigma(w)_i`) the rule says
// nothing the checker can use, and the claim stays about unknown names.
import { printNode } from '../math/print';
import type { Node, SymNode } from '../math/tree';
import { mapChildren, someNode } from '../math/walk';
import { makeSym, withSubscript } from '../math/parser/nodes';

/** `\sigma(z)_i` as written: the function's letter, its arguments (bare letters) and the indices. */
interface EntryOfApplied {
  f: SymNode;
  args: SymNode[];
  indices: Node[];
}

function entryOfApplied(n: Node): EntryOfApplied | null {
  if (n.kind !== 'bin' || n.op !== 'juxt' || !n.apply) return null;
  const [f, r] = [n.left, n.right];
  if (f.kind !== 'sym' || f.sub !== null || f.primes > 0) return null;
  if (r.kind !== 'subscript' || r.bracket || r.base.kind !== 'group' || r.base.open !== '(') return null;
  const args = r.base.items;
  if (args.length === 0 || !args.every((a): a is SymNode => a.kind === 'sym' && a.primes === 0)) return null;
  if (r.indices.length === 0) return null;
  return { f, args, indices: r.indices };
}

/** The stem of the family `f(args)` names: `\sigma(z)`. */
function familyStem(e: EntryOfApplied): string {
  return `${e.f.name}(${e.args.map((a) => a.name).join(', ')})`;
}

/** `\sigma(z)_{i}`: the member of the family with the written indices. */
function memberOf(e: EntryOfApplied, n: Node): SymNode {
  const subText = e.indices.map(printNode).join(',');
  return withSubscript(makeSym(familyStem(e), n.start, n.end), e.indices, subText, n.end);
}

/**
 * The left side of a rule `\sigma(z)_i = …` read as the member `\sigma(z)_{i}` (with the arguments it
 * was written at), when σ is a letter the
 * document has not defined (`known` says), each index is a bare letter the right side uses, and the
 * right side uses every argument; null otherwise (`f(x)_i` of a defined f is an entry of its value).
 */
export function entryRuleHead(
  lhs: Node,
  rhs: Node,
  known: (name: string) => boolean,
): { member: SymNode; args: SymNode[] } | null {
  const e = entryOfApplied(lhs);
  if (!e || known(e.f.name)) return null;
  const uses = (name: string) =>
    someNode(rhs, (x) => x.kind === 'sym' && (x.name === name || x.stem === name));
  const letters = e.indices.every((x) => x.kind === 'sym' && x.sub === null && uses(x.name));
  if (!letters || !e.args.every((a) => uses(a.name))) return null;
  return { member: memberOf(e, lhs), args: e.args };
}

/**
 * A side with every `f(args)_j` whose family the document defined entry by entry (`isFamily` of the
 * stem) read as that family's member.
 */
export function withEntryFunctions(side: Node, isFamily: (stem: string) => boolean): Node {
  const member = (x: Node) => {
    const e = entryOfApplied(x);
    return e !== null && isFamily(familyStem(e));
  };
  if (!someNode(side, member)) return side;
  const rewrite = (x: Node): Node => {
    const e = entryOfApplied(x);
    if (e && isFamily(familyStem(e))) return memberOf(e, x);
    return mapChildren(x, rewrite);
  };
  return rewrite(side);
}

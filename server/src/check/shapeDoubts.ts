// Why a shape error may come from how derivcheck read the names rather than from the author's
// mathematics. Authors reuse a letter for different objects: `\mathbf{x} \in \mathbb{R}^d` in
// one paragraph and a scalar `x` in a later formula, or "a scalar $x$" introduced afresh after a
// vector x was declared. Fonts are not part of a name (authors mix them freely), so the vector's
// declaration reaches the scalar; when the shapes then fail to fit, the fault is as likely the
// reading as the formula, and the claim is left unchecked with the reason instead of refuted.
import type { Node, SymNode } from '../math/tree';
import { walk } from '../model/names';
import type { Claim, Entry } from '../model/types';

export interface ShapeDoubt {
  /** The name as a reader sees it (`x`, `\mathbf{x}`). */
  name: string;
  /** The source of the declaration or definition that gave the name its shape. */
  source: string;
  why: 'font' | 'fresh';
}

const MAX_DEFINITIONS = 200;

/**
 * The names of a claim (and of the definitions it reaches) whose shape comes from a declaration
 * or definition written in another font, or made before running text introduced the name afresh.
 */
export function shapeDoubts(claim: Claim): ShapeDoubt[] {
  const out: ShapeDoubt[] = [];
  const seen = new Set<string>();
  const queue: Node[] = [claim.lhs, claim.rhs];
  let definitions = 0;
  while (queue.length > 0) {
    walk(queue.pop()!, (n) => {
      if (n.kind !== 'sym') return;
      const entry = entryOf(claim, n);
      if (!entry || (entry.kind !== 'decl' && entry.kind !== 'def')) return;
      const key = `${n.name}\u0000${n.font ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      const written = n.font ?? 'ordinary';
      const declared = entry.font ?? 'ordinary';
      if (written !== declared && !(entry.kind === 'decl' && entry.generic))
        out.push({ name: shown(n), source: entry.text ?? entry.name, why: 'font' });
      else if (claim.env.freshSince(entry.name, entry))
        out.push({ name: shown(n), source: entry.text ?? entry.name, why: 'fresh' });
      if (entry.kind === 'def' && definitions++ < MAX_DEFINITIONS) queue.push(entry.expr);
    });
  }
  return out;
}

function entryOf(claim: Claim, n: SymNode): Entry | null {
  const { env, block } = claim;
  return (
    env.lookup(n.name, block) ??
    (n.sub !== null ? env.lookup(n.stem, block) : null) ??
    env.lookupPattern(n.stem)
  );
}

function shown(n: SymNode): string {
  const name = n.name.replace(/_\{([^{}]*)\}/g, (_, s: string) => (s.length === 1 ? `_${s}` : `_{${s}}`));
  return n.font === 'bold' ? `\\mathbf{${name}}` : name;
}

/** The reason a shape error is left unchecked, and what the author can do. */
export function shapeDoubtMessage(problem: string, doubts: ShapeDoubt[]): string {
  const d = doubts[0];
  const because =
    d.why === 'font'
      ? `${d.name} is written here in another font than in \`${d.source}\`, which gives it its shape`
      : `${d.name} is introduced afresh before this claim, and its shape comes from \`${d.source}\`, ` +
        `written before that`;
  return (
    `unchecked: the shapes do not fit (${problem}), but ${because}: if ${d.name} is another ` +
    `quantity here, declare it (e.g. ${d.name} \\in \\mathbb{R}); if it is the same, write it as declared`
  );
}

// `A = LU = \begin{pmatrix}…\end{pmatrix}\begin{pmatrix}…\end{pmatrix}`: a factorisation named by
// letters the text has not met, then written out factor by factor. The letters name the written
// factors, in order, as a reader takes them (`R^\top R = (…)(…)`: R is the second factor, and the
// first must be its transpose), so that `A = LU` is checked by multiplying the written factors.
import type { Node, SymNode } from '../math/tree';

/** A factor of a product of letters: the letter, and whether it is written transposed. */
interface NamedFactor {
  sym: SymNode;
  transposed: boolean;
}

function factors(n: Node): Node[] {
  if (n.kind === 'bin' && (n.op === 'juxt' || n.op === 'cdot'))
    return [...factors(n.left), ...factors(n.right)];
  return [n];
}

function namedFactor(n: Node): NamedFactor | null {
  if (n.kind === 'sym') return { sym: n, transposed: false };
  if (n.kind === 'post' && n.op === 'T' && n.operand.kind === 'sym')
    return { sym: n.operand, transposed: true };
  return null;
}

function writtenMatrix(n: Node): boolean {
  if (n.kind === 'post' && n.op === 'T') return writtenMatrix(n.operand);
  return n.kind === 'matrix' && n.rows.length > 0 && n.rows.every((r) => r.length > 0);
}

/**
 * The letters a product of unknown letters (`named`) gives the written factors (`written`) of the
 * next side, each letter once: from a factor where it stands plain, else transposed back. Null
 * unless both are products of two or more factors, one to one, every letter unknown (`unknown`),
 * every written factor a matrix written out.
 */
export function namesOfWrittenFactors(
  named: Node,
  written: Node,
  unknown: (name: string) => boolean,
): { sym: SymNode; value: Node }[] | null {
  const letters = factors(named).map(namedFactor);
  const matrices = factors(written);
  if (letters.length < 2 || letters.length !== matrices.length) return null;
  if (!matrices.every(writtenMatrix)) return null;
  if (letters.some((l) => l === null || l.sym.primes !== 0 || !unknown(l.sym.name))) return null;
  const out: { sym: SymNode; value: Node }[] = [];
  const pick = (plain: boolean) =>
    (letters as NamedFactor[]).forEach((l, i) => {
      if (l.transposed === plain || out.some((o) => o.sym.name === l.sym.name)) return;
      const m = matrices[i];
      const value: Node = plain ? m : { kind: 'post', op: 'T', operand: m, start: m.start, end: m.end };
      out.push({ sym: l.sym, value });
    });
  pick(true);
  pick(false);
  return out;
}

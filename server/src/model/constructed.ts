// "Let $\psi \in \mathbb{R}^n$ be a unit vector, that is $\|\psi\| = 1$", "$Q \in \mathbb{R}^{n \times
// k}$ with $Q^\top Q = I$", "$p \in \mathbb{R}^k$ with $\sum_i p_i = 1$": a constraint stated with a
// name's declaration says what kind of object the name is. Random samples almost never meet it, so a
// careful reader samples objects that do — the same kinds words name (model/matrixWords.ts).
import type { Node, SymNode } from '../math/tree';
import type { MatrixKind } from './matrixWords';

/** The sampled name and the kind the equation makes it, or null when the equation is no such form. */
export interface ConstructedKind {
  name: SymNode;
  kind: MatrixKind;
  /** The shape the kind needs: a vector or a matrix (square for `stochastic`). */
  axes: 1 | 2;
}

const ungroup = (n: Node): Node => (n.kind === 'group' && n.items.length === 1 ? ungroup(n.items[0]) : n);
const isOne = (n: Node) => n.kind === 'num' && n.value === 1;
const isOnes = (n: Node) => n.kind === 'sym' && n.name === '\\mathbf{1}' && !n.sub;
const isIdentity = (n: Node) =>
  n.kind === 'sym' && (n.base === 'I' || n.base === '\\mathbb{I}') && n.primes === 0;
function plainSym(n: Node): SymNode | null {
  const u = ungroup(n);
  return u.kind === 'sym' && !u.sub && u.primes === 0 ? u : null;
}
/** `N^\top` (also `^T`, `'` read as transpose). */
function transposed(n: Node): SymNode | null {
  const u = ungroup(n);
  return u.kind === 'post' && u.op === 'T' ? plainSym(u.operand) : null;
}
function product(n: Node): [Node, Node] | null {
  const u = ungroup(n);
  return u.kind === 'bin' && (u.op === 'juxt' || u.op === 'cdot') && !u.apply ? [u.left, u.right] : null;
}

function oneSide(form: Node, value: Node): ConstructedKind | null {
  const v = ungroup(value);
  const f = ungroup(form);
  // ‖ψ‖ = 1, ‖ψ‖₂ = 1, ‖ψ‖² = 1: a unit vector.
  const exponent = f.kind === 'pow' ? ungroup(f.exponent) : null;
  const n = f.kind === 'pow' && exponent?.kind === 'num' && exponent.value > 0 ? ungroup(f.base) : f;
  if (n.kind === 'norm' && isOne(v) && (!n.p || (n.p.kind === 'num' && n.p.value === 2))) {
    const name = plainSym(n.operand);
    if (name) return { name, kind: 'unit', axes: 1 };
  }
  // \sum_i p_i = 1: a probability vector.
  if (f.kind === 'bigop' && f.op === 'sum' && f.index && isOne(v)) {
    const body = ungroup(f.body);
    const idx = f.index.name;
    if (body.kind === 'sym' && body.sub?.length === 1 && body.primes === 0) {
      const sub = body.sub[0];
      if (sub.kind === 'sym' && sub.name === idx)
        return { name: { ...body, name: body.base, sub: null, subText: null }, kind: 'probability', axes: 1 };
    }
  }
  const pair = product(f);
  if (!pair) return null;
  const [a, b] = pair;
  // ψᵀψ = 1: a unit vector; QᵀQ = I: orthonormal columns; QQᵀ = I on a square Q: orthogonal.
  const ta = transposed(a);
  const pb = plainSym(b);
  if (ta && pb && ta.name === pb.name) {
    if (isOne(v)) return { name: pb, kind: 'unit', axes: 1 };
    if (isIdentity(v)) return { name: pb, kind: 'orthogonal', axes: 2 };
  }
  const pa = plainSym(a);
  const tb = transposed(b);
  if (pa && tb && pa.name === tb.name && isIdentity(v)) return { name: pa, kind: 'orthogonal', axes: 2 };
  // 𝟏ᵀp = 1, pᵀ𝟏 = 1: a probability vector; P𝟏 = 𝟏: a (row-)stochastic matrix.
  const ones = (n: Node) => isOnes(ungroup(n));
  const onesT = (n: Node) => {
    const u = ungroup(n);
    return u.kind === 'post' && u.op === 'T' && isOnes(ungroup(u.operand));
  };
  if (isOne(v) && onesT(a) && pb) return { name: pb, kind: 'probability', axes: 1 };
  if (isOne(v) && ta && ones(b)) return { name: ta, kind: 'probability', axes: 1 };
  if (isOnes(v) && pa && ones(b)) return { name: pa, kind: 'stochastic', axes: 2 };
  return null;
}

/** The kind an equation stated with a declaration gives its name (either side may be the form). */
export function readConstructed(op: string, lhs: Node, rhs: Node): ConstructedKind | null {
  if (op !== '=') return null;
  return oneSide(lhs, rhs) ?? oneSide(rhs, lhs);
}

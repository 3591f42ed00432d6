// Indexing in brackets, x[i] and W[i, I], and the products that contract a named axis; when a
// bracket is an index and when a product.
import { type CompileEnv, findScope, type Fn, lookupWithScope } from './context';
import type { Node, SymNode } from '../../math/tree';
import { contract, isAxisLetter, isWholeAxis, namedAxes, sharedAxis } from '../brackets';
import { walk } from '../../model/names';
import { compileSequenceEntry, sequenceNamed } from '../sequences';
import { compilers, registerCompilers } from './table';
import { compile } from './core';
import { compileNamedMember, hasNamedMembers } from './namedMembers';
import { bracketMember } from '../../math/parser/nodes';
import { recurrenceNamed } from '../recurrences';
import { Unsupported } from '../errors';
import * as V from '../values';

/**
 * A capital bracket index names a whole axis unless the letter means something already: bound
 * by a sum or a definition, a value, or a size (`x[N]` of x ∈ ℝ^N is its last entry).
 */
function axisIndex(c: CompileEnv): (x: Node) => boolean {
  return (x) =>
    isWholeAxis(x) ||
    (isAxisLetter(x) &&
      x.kind === 'sym' &&
      !c.locals.has(x.name) &&
      !findScope(c, x.name) &&
      !isValueName(x, c) &&
      !c.env.isDimension(x.name));
}

/** A name the document gives a value (declared, defined, a case), as opposed to an index letter. */
function isValueName(x: SymNode, c: CompileEnv): boolean {
  const found = lookupWithScope(c, x.name);
  return found !== null && found.entry.kind !== 'dim';
}

/**
 * An index reads as one when it is `:`, an axis name, or made of numbers and letters that are
 * not the document's values (`i`, `t - 1`, `n`): `a[b + c]` of declared scalars is not.
 */
function isIndexLike(x: Node, c: CompileEnv): boolean {
  if (axisIndex(c)(x)) return true;
  let index = true;
  walk(x, (y) => {
    if (y.kind === 'sym' && y.sub === null && isValueName(y, c) && !c.locals.has(y.name)) index = false;
    if (y.kind !== 'sym' && y.kind !== 'num' && y.kind !== 'bin' && y.kind !== 'neg') index = false;
  });
  return index;
}

function hasDots(x: Node): boolean {
  let found = false;
  walk(x, (y) => {
    if (y.kind === 'dots') found = true;
  });
  return found;
}

/** A name declared as a matrix (`A \in \mathbb{R}^{n \times n}`), which no index can be. */
function isDeclaredMatrix(x: Node, c: CompileEnv): boolean {
  if (x.kind !== 'sym' || c.locals.has(x.name)) return false;
  const e = lookupWithScope(c, x.name)?.entry;
  return e?.kind === 'decl' && e.spec.shape.length === 2;
}

/** A bracket item that holds a declared matrix (`[A, BC]`): a value, never an index. */
function holdsMatrix(x: Node, c: CompileEnv): boolean {
  let found = false;
  walk(x, (y) => {
    if (isDeclaredMatrix(y, c)) found = true;
  });
  return found;
}

/** Declared as a number (a scalar, a random scalar, a size): `a[…]` cannot index it. */
function isDeclaredScalar(base: SymNode, c: CompileEnv): boolean {
  if (c.locals.has(base.name)) return false;
  const found = lookupWithScope(c, base.name);
  if (!found) return false;
  const e = found.entry;
  return (e.kind === 'decl' && e.spec.shape.length === 0) || e.kind === 'random' || e.kind === 'dim';
}

/**
 * `x[i]`: an element (or slice) of a vector, matrix or sequence; `f[x]` of a function is its
 * call; `a[b + c]` of a number is a product with the bracket. A number with an index in
 * brackets is left unchecked: the text means something the declarations do not say.
 */
function compileBracket(n: Extract<Node, { kind: 'subscript' }>, c: CompileEnv): Fn {
  const base = n.base;
  const seq = base.kind === 'sym' ? sequenceNamed(c, base.name) : null;
  if (seq) return compileSequenceEntry(seq, compilers.singleIndex(n.indices), n, c, compile);
  if (
    base.kind === 'sym' &&
    !c.locals.has(base.name) &&
    lookupWithScope(c, base.name) &&
    compilers.isFunctionName(base, c)
  )
    return compile({ kind: 'apply', f: base, args: n.indices, start: n.start, end: n.end }, c);
  // `c[f_1 \ f_2 \ \dots \ f_d]`: an elided row is a value, never an index, so the name multiplies it.
  if (n.indices.length === 1 && hasDots(n.indices[0])) {
    const group: Node = {
      kind: 'group',
      open: '[',
      close: ']',
      items: n.indices,
      start: n.start,
      end: n.end,
    };
    return compile({ kind: 'bin', op: 'juxt', left: base, right: group, start: n.start, end: n.end }, c);
  }
  // `B[A, C]` with matrices inside: the name multiplies the bracket's value (a commutator).
  if (n.indices.length > 0 && n.indices.every((x) => holdsMatrix(x, c))) {
    const group: Node = {
      kind: 'group',
      open: '[',
      close: ']',
      items: n.indices,
      start: n.indices[0].start,
      end: n.end,
    };
    return compile({ kind: 'bin', op: 'juxt', left: base, right: group, start: n.start, end: n.end }, c);
  }
  if (base.kind === 'sym' && isDeclaredScalar(base, c)) {
    if (n.indices.every((x) => !isIndexLike(x, c))) {
      const group: Node = {
        kind: 'group',
        open: '(',
        close: ')',
        items: n.indices,
        start: n.indices[0]?.start ?? n.end,
        end: n.end,
      };
      return compile({ kind: 'bin', op: 'juxt', left: base, right: group, start: n.start, end: n.end }, c);
    }
    throw new Unsupported(
      `${base.name} is declared a number, so ${base.name}[…] indexes nothing: declare ${base.name} as a ` +
        `vector (${base.name} \\in \\mathbb{R}^{n}) or write the product with \\cdot`,
      n.start,
      n.end,
    );
  }
  // `h[n]` of a sequence given by its general term (`h_n = 2^n`) reads as `h_n`.
  const family = base.kind === 'sym' && !c.locals.has(base.name) ? lookupWithScope(c, base.name) : null;
  const isAxis = axisIndex(c);
  if (
    base.kind === 'sym' &&
    family?.entry.kind === 'def' &&
    family.entry.indices &&
    !family.entry.diagonal &&
    family.entry.indices.length === n.indices.length &&
    n.indices.every((x) => !isAxis(x) && (x.kind === 'sym' || x.kind === 'num' || x.kind === 'bin'))
  )
    return compilers.compileFamilyMember(
      family.entry,
      { ...base, sub: n.indices, start: n.start, end: n.end },
      c,
    );
  // `dp[i - 1]` of a family a recurrence defines (`dp[i] = dp[i-1] + dp[i-2]`): the member `dp_{i-1}`.
  const ruled = base.kind === 'sym' && !c.locals.has(base.name) && recurrenceNamed(c, base.name);
  const ruledMember = ruled ? bracketMember(n) : null;
  if (ruledMember) return compile(ruledMember, c);
  // `x[n - k]` of a name that means nothing of its own, whose members the text gave one by one
  // (`x[0] = 1`, `x[1] = 2`): the member, as `x_{n-k}` is.
  const member = base.kind === 'sym' && !c.locals.has(base.name) && !family ? bracketMember(n) : null;
  if (member && hasNamedMembers(member.stem, c))
    return compileNamedMember(member, c, true) ?? compile(member, c);
  const a = compile(base, c);
  const idx = n.indices.map((x, axis) =>
    isAxis(x) ? () => V.WHOLE_AXIS : compilers.compileIndex(x, c, a, n.indices.length, axis),
  );
  return (t) =>
    V.element(
      a(t),
      idx.map((f) => f(t)),
      n,
    );
}

/** `W[i, I] h[I]`, `e[w, I] h[t, I]`: a product of factors naming the same axis sums over it. */
function compileContraction(n: Extract<Node, { kind: 'bin' }>, c: CompileEnv): Fn | null {
  if (n.op !== 'juxt' && n.op !== 'cdot') return null;
  const isAxis = axisIndex(c);
  const aNames = namedAxes(n.left, isAxis);
  const bNames = namedAxes(n.right, isAxis);
  const axis = sharedAxis(aNames, bNames);
  if (axis === null || !aNames || !bNames) return null;
  const a = compile(n.left, c);
  const b = compile(n.right, c);
  return (t) => contract(a(t), aNames, b(t), bNames, axis, n);
}

declare module './table' {
  interface Compilers {
    compileBracket: typeof compileBracket;
    compileContraction: typeof compileContraction;
  }
}

registerCompilers({ compileBracket, compileContraction });

// Names nothing declares whose shape the declarations around them fix. Deep-learning notes declare
// the weights (`W_1 \in \mathbb{R}^{4 \times 3}`, `x \in \mathbb{R}^3`) and write `h = \sigma(W_1 x +
// b_1)`, `\delta = \hat y - y` without a word about the bias b_1 or the target y; statistics notes
// write `X\beta` with β undeclared. A careful reader knows them: what is added to a vector of 4
// entries is a vector of 4 entries, and what a matrix of p columns multiplies is a vector of p. When
// every name a claim (or a definition it uses) leaves unknown is such a term or such a factor (and is
// written elsewhere only beside factors, under a transpose or in a norm), each is read as any array
// of that shape; as for other objects the reader infers, the claim is verified when it holds at
// every sample and otherwise stays about unknown names, never refuted.
import type { Node, SymNode } from '../math/tree';
import { printNode } from '../math/print';
import type { Claim, Entry } from '../model/types';
import { children, freeSymbols, literalShape } from '../model/names';
import { entryNodes, formulasNamed } from './relevant';
import type { CompileEnv } from './compile/context';
import { functionNamed, functionOfSymbol, isElementwise } from '../functions/registry';
import { isGreekNumberLetter, lettersOutsideCalls } from './freeLetters';
import { inferredReal } from './inferredEntries';

/** A shape as the text writes it: its sizes (`[n, d]`), empty for a number. */
type Shape = Node[];

const MAX_DEPTH = 24;
const MAX_ENTRIES = 200;

type Scope = Pick<Claim, 'env' | 'block'>;

/** Shapes taken for names nothing declares (those inferred so far, a reading's letters). */
type Assumed = { get(name: string): { shape: Shape } | undefined };

/**
 * The shape an expression has by its declarations alone, or null when it is not fixed: unknown
 * names, products whose sizes do not meet, anything but sums, products, transposes and
 * elementwise functions. A sum with an unknown term has its known term's shape — the shape the
 * sum has if it can be formed at all.
 */
export function staticShape(n: Node, scope: Scope, depth = 0, assumed: Assumed = new Map()): Shape | null {
  if (depth > MAX_DEPTH) return null;
  const inner = (x: Node) => staticShape(x, scope, depth + 1, assumed);
  // A value written out in numbers (`x = (1, 3, 5, 7)`) has the shape of its entries.
  const written = n.kind === 'group' || n.kind === 'matrix' ? literalShape(n) : null;
  if (written)
    return written.map((size) => ({
      kind: 'num',
      value: size,
      text: String(size),
      start: n.start,
      end: n.end,
    }));
  switch (n.kind) {
    case 'num':
      return [];
    case 'sym': {
      // A member of a family (`h_{t-1}` of `h_t \in \mathbb{R}^n`) has the shape its pattern declares.
      const entry = entryOf(n, scope);
      if (!entry && isEntryOfArray(n, scope)) return [];
      if (!entry) return assumed.get(n.name)?.shape ?? (scope.env.isDimension(n.name) ? [] : null);
      if (entry.kind === 'decl') return entry.spec.shape;
      if (entry.kind === 'random' || entry.kind === 'dim') return [];
      if (entry.kind === 'def' && !entry.params && !entry.indices)
        return entry.declared ? entry.declared.shape : inner(entry.expr);
      return null;
    }
    case 'neg':
      return inner(n.operand);
    // A sum over an index (`\frac{1}{D}\sum_i (x_i - \mu)^2`) has its terms' shape; a root or a
    // power of a number is a number.
    case 'bigop':
      return n.op === 'sum' ? inner(n.body) : inner(n.body)?.length === 0 ? [] : null;
    case 'sqrt':
      return inner(n.radicand)?.length === 0 && !n.degree ? [] : null;
    case 'pow':
      return inner(n.base)?.length === 0 && inner(n.exponent)?.length === 0 ? [] : null;
    case 'group':
      return n.items.length === 1 && n.open === '(' ? inner(n.items[0]) : null;
    case 'bin': {
      const l = inner(n.left);
      const r = inner(n.right);
      if (n.op === '+' || n.op === '-') {
        if (l && r) return l.length === 0 ? r : r.length === 0 || sameShape(l, r) ? l : null;
        return l ?? r;
      }
      if ((n.op === 'juxt' || n.op === 'cdot') && !n.apply && l && r) return productShape(l, r);
      if (n.op === '/') return r && r.length === 0 ? l : null;
      // Factors of an entrywise product share its shape, as terms of a sum do.
      if (n.op === 'odot') {
        if (l && r) return l.length === 0 ? r : r.length === 0 || sameShape(l, r) ? l : null;
        return l ?? r;
      }
      return null;
    }
    case 'frac': {
      const d = inner(n.denominator);
      return d && d.length === 0 ? inner(n.numerator) : null;
    }
    case 'post': {
      const s = inner(n.operand);
      if (!s || s.length !== 2) return null;
      // An inverse keeps a square matrix's shape; a transpose (of an inverse) swaps the sizes.
      if (n.op === 'inv' || n.op === 'invT') return sameShape([s[0]], [s[1]]) ? s : null;
      return n.op === 'T' ? [s[1], s[0]] : null;
    }
    case 'call': {
      const f = functionNamed(n.fn);
      return f && isElementwise(f) && n.args.length === 1 && !n.sup ? inner(n.args[0]) : null;
    }
    case 'apply': {
      if (scope.env.lookup(n.f.name, scope.block)) return null;
      // A number before a bracket (`\eta(Aw - b)`) scales it.
      if (assumed.get(n.f.name)?.shape.length === 0 && n.args.length === 1) return inner(n.args[0]);
      const f = functionOfSymbol(n.f.name);
      return f && isElementwise(f) && n.args.length === 1 ? inner(n.args[0]) : null;
    }
    default:
      return null;
  }
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((x, k) => printNode(x) === printNode(b[k]));
}

function productShape(l: Shape, r: Shape): Shape | null {
  if (l.length === 0) return r;
  if (r.length === 0) return l;
  if (l.length === 2 && r.length === 1 && printNode(l[1]) === printNode(r[0])) return [l[0]];
  if (l.length === 2 && r.length === 2 && printNode(l[1]) === printNode(r[0])) return [l[0], r[1]];
  return null;
}

/**
 * The unknown names of a compiled claim read in the shape of the sums they are terms of, when
 * every one of them is such a term wherever it is written (above); null otherwise.
 */
export function termShapeEntries(
  claim: Claim,
  c: CompileEnv,
  given: ReadonlyMap<string, { shape: Shape }> = new Map(),
): Map<string, Entry> | null {
  if (c.unknown.size === 0 || claim.op === '\\neq') return null;
  // The variable of a derivative that nothing declares was read as a number (derivativeVariables.ts);
  // where it is a term beside an array (`\partial b_2` of `W_2 h + b_2`) it takes the array's shape.
  const unknown = new Set(c.unknown.keys());
  for (const [name, entry] of c.variables)
    if (entry.kind === 'decl' && entry.inferred && entry.spec.shape.length === 0) unknown.add(name);
  const shapes = new Map<
    string,
    {
      shape: Shape;
      partner: Node;
      factor?: boolean;
      scale?: boolean;
      product?: string;
      entrywise?: boolean;
      outer?: boolean;
    }
  >();
  // Names written only as factors beside others (`\eta` in `\eta(Aw - b)`), and names written where
  // only an array fits (under a transpose, in a norm).
  const factors = new Set<string>();
  const arrays = new Set<string>();
  const scales = (name: string) => {
    const node = c.unknown.get(name);
    return !shapes.has(name) && factors.has(name) && !arrays.has(name) && !!node && isGreekNumberLetter(node);
  };
  const assumed: Assumed = {
    get: (name) => shapes.get(name) ?? given.get(name) ?? (scales(name) ? { shape: [] } : undefined),
  };
  let fits = true;
  // A partner whose shape needs another unknown's (`X\beta + \varepsilon`) waits for a second pass.
  let pending = false;
  let seen = new Set<Entry>();
  let entries = 0;
  const termShape = (term: Node, partner: Node, entrywise = false) => {
    const product = entrywise ? null : unknownProduct(term, unknown);
    if (product) return productTerm(product, partner);
    const outer = outerProduct(term, unknown);
    if (outer) return outerTerm(outer, partner);
    const name = unknownName(term, unknown);
    if (!name) return false;
    const shape = staticShape(partner, claim, 0, assumed);
    const known = shapes.get(name);
    // A partner of no fixed shape says nothing of a name with a shape found elsewhere.
    if (!shape) pending ||= !known;
    else if (known && !sameShape(known.shape, shape)) fits = false;
    else if (!known) shapes.set(name, { shape, partner, ...(entrywise ? { entrywise } : {}) });
    return true;
  };
  // `U x_t` added to `W h_{t-1}` with neither U nor x_t declared: what the product is, a vector of
  // the sum's size, is all the claim can depend on when neither factor is written anywhere else (the
  // claim writing one is refused below; a mention elsewhere meets the walk and unsettles the reading,
  // or keeps the square shape in the sampled claim). The input's size is not given;
  // read as a square matrix times a vector of the sum's size, the product is any vector of that size.
  const productTerm = (product: { matrix: string; vector: string; term: Node }, partner: Node) => {
    const shape = staticShape(partner, claim, 0, assumed);
    if (!shape) {
      pending = true;
      return true;
    }
    const square = shape.length === 1 ? [shape[0], shape[0]] : null;
    const known = [shapes.get(product.matrix), shapes.get(product.vector)];
    if (!square || known.some((k) => k && !k.product)) fits = false;
    else if (!known[0]) {
      shapes.set(product.matrix, { shape: square, partner, product: printNode(product.term) });
      shapes.set(product.vector, { shape, partner, product: printNode(product.term) });
    } else if (!sameShape(known[0].shape, square)) fits = false;
    return true;
  };
  // `A + uv^\top` with neither u nor v declared: what is added to an m×k matrix is one, so u has m
  // entries and v has k (a rank-one update, Sherman–Morrison's).
  const outerTerm = (outer: { column: string; row: string }, partner: Node) => {
    const shape = staticShape(partner, claim, 0, assumed);
    if (!shape) {
      pending = true;
      return true;
    }
    if (shape.length !== 2) {
      fits = false;
      return true;
    }
    const found: [string, Shape][] = [
      [outer.column, [shape[0]]],
      [outer.row, [shape[1]]],
    ];
    for (const [name, want] of found) {
      const known = shapes.get(name);
      if (known && !sameShape(known.shape, want)) fits = false;
      else if (!known) shapes.set(name, { shape: want, partner, outer: true });
    }
    return true;
  };
  // `x_{k+1} - x^\star = x_k - x^\star - \eta(Qx_k - b)` beside the rule `x_{k+1} = x_k - \eta
  // \nabla f(x_k)`: a letter the formulas the claim reaches write as a factor is one before a bracket too.
  const writtenOutside = lettersOutsideCalls([claim.lhs, claim.rhs, ...formulasReached(claim)]);
  // The product's factors written in the claim itself (`\partial k_t / \partial w_t = \Lambda_t G`):
  // the claim is about them, at a size nothing gives.
  const writtenInClaim = new Set(
    [claim.lhs, claim.rhs, ...claim.assumptions].flatMap((n) => [...freeSymbols(n)]),
  );
  const visit = (x: Node) => {
    if (!fits) return;
    if (x.kind === 'bin' && (x.op === '+' || x.op === '-')) {
      const left = termShape(x.left, x.right);
      const right = termShape(x.right, x.left);
      if (!left) visit(x.left);
      if (!right) visit(x.right);
      return;
    }
    // `\gamma \odot \hat x`: what multiplies an array entry by entry has its shape (a per-feature
    // gain; a number is such an array too, every entry the same).
    if (x.kind === 'bin' && x.op === 'odot') {
      const left = termShape(x.left, x.right, true);
      const right = termShape(x.right, x.left, true);
      if (!left) visit(x.left);
      if (!right) visit(x.right);
      return;
    }
    // Right after a matrix (`X\beta`, `\|Xu\|`): a vector of the matrix's columns.
    if (x.kind === 'bin' && (x.op === 'juxt' || x.op === 'cdot') && !x.apply) {
      // Only a lower-case name: a capital after a matrix is a matrix (`AB`), not a vector.
      const name = unknownName(x.right, unknown);
      const left = name && !startsCapital(name) ? staticShape(x.left, claim, 0, assumed) : null;
      if (name && left && left.length === 2) {
        const known = shapes.get(name);
        if (known && !sameShape(known.shape, [left[1]])) fits = false;
        else if (!known) shapes.set(name, { shape: [left[1]], partner: x.left, factor: true });
        visit(x.left);
        return;
      }
      // `\eta A w`: the left side's shape may need a letter the walk has not met yet.
      if (name && !startsCapital(name) && !left) pending = true;
    }
    // The variable of a derivative takes the shape it has where it is a term (`\partial b_1`).
    if (x.kind === 'deriv' && x.wrt.kind === 'sym' && unknown.has(x.wrt.name)) {
      for (const ch of children(x)) if (ch !== x.wrt) visit(ch);
      return;
    }
    // Under a transpose, in a norm, beside other factors: the name keeps the shape found elsewhere,
    // and the sampled claim shows whether it fits.
    for (const operand of x.kind === 'post' && x.op === 'T'
      ? [x.operand]
      : x.kind === 'norm'
        ? [x.operand]
        : []) {
      const name = unknownName(operand, unknown);
      if (name) {
        arrays.add(name);
        return;
      }
    }
    if (x.kind === 'bin' && (x.op === 'juxt' || x.op === 'cdot') && !x.apply) {
      for (const side of [x.left, x.right]) {
        const name = unknownName(side, unknown);
        if (name) factors.add(name);
        else visit(side);
      }
      return;
    }
    // `\eta(Aw - b)` beside `\eta A`: a letter the claim also writes as a factor is one before a
    // bracket too (as in freeLetters.ts).
    if (x.kind === 'apply' && unknown.has(x.f.name) && x.f.primes === 0 && writtenOutside.has(x.f.name)) {
      factors.add(x.f.name);
      for (const arg of x.args) visit(arg);
      return;
    }
    // The argument of a function the document defines has the shape of its parameter: the sampled
    // claim shows whether the shape found elsewhere fits.
    if (x.kind === 'apply' && claim.env.lookup(x.f.name, claim.block)?.kind === 'def') {
      visit(x.f);
      for (const arg of x.args) if (!unknownName(arg, unknown)) visit(arg);
      return;
    }
    if (x.kind === 'sym') {
      // Written anywhere else (an argument, an index, an exponent): its shape is not the sum's.
      if (unknown.has(x.name)) fits = false;
      const entry = entryOf(x, claim);
      if (entry && !seen.has(entry) && entries++ < MAX_ENTRIES) {
        seen.add(entry);
        for (const y of entryNodes(entry)) visit(y);
      }
      return;
    }
    for (const ch of children(x)) visit(ch);
  };
  const visitAll = () => {
    visit(claim.lhs);
    visit(claim.rhs);
    for (const a of claim.assumptions) visit(a);
  };
  visitAll();
  // A name still without a shape after the second pass leaves the claim unread (below).
  if (fits && pending) {
    seen = new Set();
    entries = 0;
    visitAll();
  }
  // A term of a sum of numbers is a letter written as a number: freeLetters.ts reads those, with
  // its exclusions (the imaginary i, Euler's e).
  // A lower-case letter written only as a factor, beside names that are arrays, scales them (the
  // step size η of `w - \eta(Aw - b)`): a number.
  for (const [name, node] of c.unknown)
    if (scales(name)) shapes.set(name, { shape: [], partner: node, scale: true });
  if (
    !fits ||
    [...c.unknown.keys()].some((name) => !shapes.has(name)) ||
    [...shapes].some(([name, s]) => s.product && writtenInClaim.has(name)) ||
    [...shapes.values()].some((s) => s.shape.length === 0 && !s.scale) ||
    [...shapes.values()].every((s) => s.shape.length === 0)
  )
    return null;
  const out = new Map<string, Entry>();
  for (const [name, { shape, partner, factor, scale, product, entrywise, outer }] of shapes)
    out.set(
      name,
      scale
        ? inferredReal(name, 'as a factor scaling arrays')
        : shapedEntry(name, shape, partner, factor === true, product, entrywise === true, outer === true),
    );
  return out;
}

/** The formulas of the names a claim writes (one step: the rules and definitions it names). */
function formulasReached(claim: Claim): Node[] {
  return formulasNamed([claim.lhs, claim.rhs], (x) => entryOf(x, claim), MAX_ENTRIES);
}

/**
 * What a name is: its own entry, or for a member of a family (`h_{t-1}`, `D_t`) the pattern or the
 * family's definition its stem names.
 */
function entryOf(n: SymNode, scope: Scope): Entry | null {
  const own = scope.env.lookup(n.name, scope.block);
  if (own || n.subText === null) return own;
  const family = scope.env.lookup(n.stem, scope.block);
  // `c_0` beside a vector c is a name of its own, not a member of c.
  return scope.env.lookupPattern(n.stem) ?? (family?.kind === 'def' && family.indices ? family : null);
}

/** `x_i` of a declared vector x (`A_{ij}` of a matrix): an entry, a number. */
function isEntryOfArray(n: SymNode, scope: Scope): boolean {
  if (n.sub === null || n.stem === n.name) return false;
  const array = scope.env.lookup(n.stem, scope.block);
  return array?.kind === 'decl' && array.spec.shape.length > 0 && array.spec.shape.length === n.sub.length;
}

/** The unknown name a term is, through a sign or brackets (`-b`, `(b)`). */
function unknownName(term: Node, unknown: ReadonlySet<string>): string | null {
  if (term.kind === 'sym') return unknown.has(term.name) ? term.name : null;
  if (term.kind === 'neg') return unknownName(term.operand, unknown);
  if (term.kind === 'group' && term.items.length === 1 && term.open === '(')
    return unknownName(term.items[0], unknown);
  return null;
}

/**
 * A term that is a product of two names nothing declares, a capital before a lower-case letter
 * (`U x_t`, `-U x_t`, `(U x_t)`): the matrix and the vector it multiplies.
 */
function unknownProduct(
  term: Node,
  unknown: ReadonlySet<string>,
): { matrix: string; vector: string; term: Node } | null {
  if (term.kind === 'neg') return unknownProduct(term.operand, unknown);
  if (term.kind === 'group' && term.items.length === 1 && term.open === '(')
    return unknownProduct(term.items[0], unknown);
  if (term.kind !== 'bin' || (term.op !== 'juxt' && term.op !== 'cdot') || term.apply) return null;
  const matrix = unknownName(term.left, unknown);
  const vector = unknownName(term.right, unknown);
  if (!matrix || !vector || matrix === vector || !startsCapital(matrix) || startsCapital(vector)) return null;
  return { matrix, vector, term };
}

/** `u v^\top` (perhaps signed or bracketed) of two lower-case unknown names: the column's and the row's. */
function outerProduct(term: Node, unknown: ReadonlySet<string>): { column: string; row: string } | null {
  if (term.kind === 'neg') return outerProduct(term.operand, unknown);
  if (term.kind === 'group' && term.items.length === 1 && term.open === '(')
    return outerProduct(term.items[0], unknown);
  if (term.kind !== 'bin' || (term.op !== 'juxt' && term.op !== 'cdot') || term.apply) return null;
  const right = term.right;
  if (right.kind !== 'post' || right.op !== 'T') return null;
  const column = unknownName(term.left, unknown);
  const row = unknownName(right.operand, unknown);
  if (!column || !row || startsCapital(column) || startsCapital(row)) return null;
  return { column, row };
}

function shapedEntry(
  name: string,
  shape: Shape,
  partner: Node,
  factor: boolean,
  product?: string,
  entrywise = false,
  outer = false,
): Entry {
  const sizes = shape.map(printNode);
  const kind =
    sizes.length === 1
      ? `any vector of ${sizes[0]} entries`
      : `any ${sizes.join('×')} ${sizes.length === 2 ? 'matrix' : 'array'}`;
  const set = `\\mathbb{R}^{${sizes.join(' \\times ')}}`;
  return {
    kind: 'decl',
    name,
    pattern: false,
    spec: { set: 'real', shape },
    at: 0,
    inferred: {
      how: product
        ? `in the product \`${product}\` added to \`${printNode(partner)}\` (a size the text does not ` +
          `give, taken square: any vector of the sum's size is such a product)`
        : factor
          ? `right after the matrix \`${printNode(partner)}\``
          : entrywise
            ? `multiplying \`${printNode(partner)}\` entry by entry`
            : outer
              ? `as a factor of an outer product added to \`${printNode(partner)}\``
              : `as a term added to \`${printNode(partner)}\``,
      kind,
      declare: `${name} \\in ${set}`,
    },
  };
}

/** `B`, `\Sigma`, `\hat{B}_1`: a name whose letter is a capital. */
function startsCapital(name: string): boolean {
  const letter = /^(?:\\[a-z]+\{)*\\?([A-Za-z]+)/.exec(name)?.[1] ?? '';
  return /^[A-Z]/.test(letter);
}

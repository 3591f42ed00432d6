// Expression tree → closure, compiled once per claim and run for every trial (mathjs style).
// Values are dual numbers (value + one tangent direction) so derivatives come from the same
// code path: forward-mode AD through the engine's kernels.
import { PLACEHOLDER, type Node, type SymNode } from '../math/tree';
import type { Entry, Env } from '../model/types';
import { Unsupported, UnknownName, Resample, OverBudget } from './errors';
import * as V from './values';
import type { Val } from './values';
import type { Trial } from './trial';
import { planJacobian } from './jacobian';
import { laidOut } from './layout';
import { compileDifferentialOf, compileDirection, withDirections } from './differentials';
import { perPower, powerOfName } from './powerVariable';
import { compileElided, readElided, sumTerms as elidedRunTerms } from './elidedList';
import { contract, isAxisLetter, isWholeAxis, namedAxes, sharedAxis } from './brackets';
import { type Elision, elision, juxtFactors, productTerms, sumTerms, symbolAt } from './elided';
import { compileElidedDiagonal } from './elidedMatrix';
import { isLabelledIndex, walk } from '../model/names';
import { allOf, divergence, isEvent, readProbabilityApply } from './probability';
import { printNode } from '../math/print';
import { compileSubstitution } from './substitution';
import { compileIntegral } from './integral';
import {
  bareSequence,
  compileSequenceEntry,
  compileSequenceStar,
  compileSumOverIntegers,
  isInfiniteBound,
  sequenceNamed,
} from './sequences';
import { compileHigherDerivative } from './higherDerivatives';
import { asDeclared } from './declaredMatrix';
import {
  acceptsArity,
  arityText,
  displayName,
  functionNamed,
  functionOfSymbol,
  type FunctionEntry,
} from '../functions/registry';

export type Fn = (t: Trial) => Val;

/** Where a free index takes its range from: the axis of a tensor it subscripts. */
export interface IndexSource {
  fn: Fn;
  axis: number;
}

interface IndexScope {
  name: string;
  sources: IndexSource[];
}

export interface CompileEnv {
  env: Env;
  block: number;
  /** Names bound by the enclosing constructs (function parameters, sum indices). */
  locals: Set<string>;
  /** Index scopes, innermost last; a new unknown index letter opens a free index at [0]. */
  scopes: IndexScope[];
  free: IndexScope[];
  /** Definitions being compiled (for circularity). */
  compiling: Set<Entry>;
  unknown: Map<string, SymNode>;
  /** Letters read as generic objects because their value from running text has ended. */
  generic: Set<string>;
  /**
   * What one claim's compilation has already built from a definition (its closure, its scopes),
   * shared by every use: a chain of definitions that each use the previous one twice compiles in
   * linear time, as its values are already evaluated once (Trial.memo).
   */
  shared: WeakMap<IndexScope[], Map<Entry, Map<string, unknown>>>;
  /** Nodes compiled for this claim, bounded by COMPILE_STEP_LIMIT. */
  work: { steps: number };
}

/**
 * Nodes one claim may compile, its definitions included. Sharing keeps real derivations far below
 * it; what reaches it (functions that call the previous function twice, 25 deep) would never
 * finish evaluating either.
 */
export const COMPILE_STEP_LIMIT = 200_000;

export function newCompileEnv(env: Env, block: number): CompileEnv {
  return {
    env,
    block,
    locals: new Set(),
    scopes: [],
    free: [],
    compiling: new Set(),
    unknown: new Map(),
    generic: new Set(),
    shared: new WeakMap(),
    work: { steps: 0 },
  };
}

/**
 * `build()` once per claim for this definition, purpose and set of the claim's free indices (a
 * definition may use them), unless building it opened a free index (then it depends on the place
 * of use and is built again there).
 */
function sharedBuild<T>(c: CompileEnv, entry: Entry, purpose: string, build: () => T): T {
  let byEntry = c.shared.get(c.free);
  if (!byEntry) c.shared.set(c.free, (byEntry = new Map()));
  let byPurpose = byEntry.get(entry);
  if (byPurpose?.has(purpose)) return byPurpose.get(purpose) as T;
  const freeBefore = c.free.length;
  const built = build();
  if (c.free.length === freeBefore) {
    if (!byPurpose) byEntry.set(entry, (byPurpose = new Map()));
    byPurpose.set(purpose, built);
  }
  return built;
}

/** Functions that the grammar writes as notation (\\sqrt, |x|, ⌊x⌋, n!, \\binom). */
const SQRT = builtinFunction('sqrt'),
  ABS = builtinFunction('abs'),
  FLOOR = builtinFunction('floor');
const CEIL = builtinFunction('ceil'),
  FACTORIAL = builtinFunction('factorial'),
  BINOM = builtinFunction('binom');
const DET = builtinFunction('det');

/** Which standard reading an ambiguous notation gets in the current check, and whether it was met. */
export const readings = { barsAsDeterminant: false, metMatrixBars: false, holdIntermediates: false };

/** How many definitions are being evaluated inside one another (for `holdIntermediates`). */
let definitionDepth = 0;
/**
 * Under the held reading, the depth below which definitions lose their tangents: set while a
 * partial derivative of a definition that uses its variable directly is taken, and only then —
 * ∂f/∂x_i of a loss that reaches x_i only through definitions stays the total derivative.
 */
let holdBelow: number | null = null;

function isSquareMatrix(v: Val): boolean {
  return !('kind' in v) && v.v.rank === 2 && v.v.shape[0] === v.v.shape[1] && v.v.shape[0] > 1;
}

function builtinFunction(name: string): FunctionEntry {
  const f = functionNamed(name);
  if (!f) throw new Error(`the function registry has no entry ${name}`);
  return f;
}

export function compile(n: Node, c: CompileEnv): Fn {
  if (++c.work.steps > COMPILE_STEP_LIMIT)
    throw new Unsupported(
      `over budget: compiling this claim with its definitions takes more than ` +
        `${COMPILE_STEP_LIMIT.toLocaleString('en-US')} steps (definitions or functions that use one ` +
        `another many times over); check a shorter chain`,
      n.start,
      n.end,
    );
  const f = compileNode(n, c);
  // Hovers show sub-expression values of the first sample: record them when asked.
  return (t) => {
    const v = f(t);
    if (t.recorder && !t.recorder.has(n) && !V.isIdentity(v)) t.recorder.set(n, v.v);
    return v;
  };
}

function compileNode(n: Node, c: CompileEnv): Fn {
  switch (n.kind) {
    case 'num': {
      const v = V.scalar(n.value);
      return (t) => t.literal(n, v);
    }
    case 'sym':
      return compileSym(n, c);
    case 'neg': {
      const a = compile(n.operand, c);
      return (t) => V.neg(a(t), n);
    }
    case 'bin':
      return compileBinary(n, c);
    case 'pow': {
      // `A^H`, with H not a name of the document: the conjugate transpose, for real values the transpose.
      if (
        n.exponent.kind === 'sym' &&
        n.exponent.name === 'H' &&
        !c.locals.has('H') &&
        !lookupWithScope(c, 'H')
      ) {
        const base = compile(n.base, c);
        return (t) => {
          const v = base(t);
          // Of a number, `x^H` is a power whose exponent nothing defines, not a transpose.
          if (V.tensorOf(v, n).size === 1)
            throw new Unsupported(
              'H is not defined: declare it, or use x^H only of a matrix or vector',
              n.start,
              n.end,
            );
          return V.postfix('T', v, n);
        };
      }
      const a = compile(n.base, c);
      const b = compile(n.exponent, c);
      return (t) => V.power(a(t), b(t), n);
    }
    case 'post': {
      if (n.op === 'T' && n.operand.kind === 'group' && n.operand.items.length > 1)
        return compile(n.operand, c);
      const a = compile(n.operand, c);
      if (n.op === 'pinv')
        return (t) => {
          const v = a(t);
          // Of a matrix `A^+` is the pseudo-inverse; of a number or a vector authors also mean
          // the positive part (`x^+ = \max(x, 0)`), so no reading is chosen.
          if (V.tensorOf(v, n).shape.filter((d) => d > 1).length < 2)
            throw new Unsupported(
              `${printNode(n.operand)}^+ of a number or vector is the positive part to some authors ` +
                'and the pseudo-inverse to others: write \\max(x, 0) or x^\\dagger',
              n.start,
              n.end,
            );
          return V.postfix(n.op, v, n);
        };
      return (t) => V.postfix(n.op, a(t), n);
    }
    case 'frac': {
      const a = compile(n.numerator, c);
      const b = compile(n.denominator, c);
      return (t) => V.divide(a(t), b(t), n);
    }
    case 'sqrt': {
      const a = compile(n.radicand, c);
      if (n.degree) {
        const k = compile(n.degree, c);
        return (t) => {
          const x = a(t);
          const K = k(t);
          const kv = V.tensorOf(K, n);
          const inv = V.divide(V.scalar(1), K, n);
          // An odd root of a negative number is real (\sqrt[3]{-8} = -2), as in every textbook;
          // x^{1/3} alone would make it undefined.
          if (kv.size === 1 && Number.isInteger(kv.data[0]) && Math.abs(kv.data[0]) % 2 === 1) {
            return V.hadamard(V.call('sign', [x], n), V.power(V.call('abs', [x], n), inv, n), n);
          }
          return V.power(x, inv, n);
        };
      }
      return (t) => V.call(SQRT, [a(t)], n);
    }
    case 'group': {
      const elided = compileElidedGroup(n, c);
      if (elided) return elided;
      if (n.items.length === 1 && (n.open === '(' || n.open === '[' || (n.open === '\\{' && false)))
        return compile(n.items[0], c);
      if (
        n.items.length > 1 &&
        (n.open === '(' || n.open === '[') &&
        n.items.every((x) => x.kind !== 'dots')
      ) {
        // `[1, 1, 1, 1]`, `(x_1, x_2)` and `[x_1, x_2]^T` are all written to mean a vector.
        const items = n.items.map((x) => compile(x, c));
        return (t) =>
          V.vectorOf(
            items.map((f) => f(t)),
            false,
            n,
          );
      }
      if (n.open === '\\langle' && n.items.length === 2 && n.items.every((x) => x.kind !== 'dots'))
        return compileInnerProduct(n, n.items[0], n.items[1], c);
      const run = n.open === '(' || n.open === '[' ? readElided(n.items) : null;
      if (run) {
        const terms = compileElided(run, c, n, compile);
        return (t) => V.vectorOf(terms(t), false, n);
      }
      throw new Unsupported(
        n.items.some((x) => x.kind === 'dots')
          ? ELIDED_HINT
          : `a ${n.open}…${n.close} group is not a value here`,
        n.start,
        n.end,
      );
    }
    case 'abs': {
      const a = compile(n.operand, c);
      return (t) => {
        const v = a(t);
        // |A| of a square matrix is its determinant in matrix references and entrywise elsewhere:
        // the claim is judged under each reading (claim.ts), this one chosen by `readings`.
        if (isSquareMatrix(v)) {
          readings.metMatrixBars = true;
          if (readings.barsAsDeterminant) return V.call(DET, [v], n);
        }
        return V.call(ABS, [v], n);
      };
    }
    case 'floor': {
      const a = compile(n.operand, c);
      return (t) => V.call(FLOOR, [a(t)], n);
    }
    case 'ceil': {
      const a = compile(n.operand, c);
      return (t) => V.call(CEIL, [a(t)], n);
    }
    case 'norm': {
      const a = compile(n.operand, c);
      let p: Fn | 'F' | null = null;
      if (n.p)
        p =
          n.p.kind === 'word' && n.p.name === 'F'
            ? 'F'
            : n.p.kind === 'sym' && (n.p.name === 'F' || n.p.name === '\\infty')
              ? n.p.name === 'F'
                ? 'F'
                : compile(n.p, c)
              : compile(n.p, c);
      return (t) => V.norm(a(t), p === null ? null : p === 'F' ? 'F' : p(t), n);
    }
    case 'fact': {
      const a = compile(n.operand, c);
      return (t) => V.call(FACTORIAL, [a(t)], n);
    }
    case 'binom': {
      const a = compile(n.n, c);
      const b = compile(n.r, c);
      return (t) => V.call(BINOM, [a(t), b(t)], n);
    }
    case 'matrix': {
      const diagonal = compileElidedDiagonal(n, c, compile);
      if (diagonal) return diagonal;
      const rows = n.rows.map((r) => r.map((x) => compile(x, c)));
      if (rows.some((r) => r.length !== rows[0].length))
        throw new Unsupported('the rows of this matrix have different lengths', n.start, n.end);
      return (t) =>
        V.matrixOf(
          rows.map((r) => r.map((f) => f(t))),
          n,
        );
    }
    case 'cases':
      return compileCases(n, c);
    case 'call':
      return compileCall(n, c);
    case 'apply':
      return compileApply(n, c);
    case 'bigop':
      return compileBigOp(n, c);
    case 'deriv':
      return compileDeriv(n, c);
    case 'prime':
      return compilePrime(n, c);
    case 'expect':
      return compileExpectation(n, c);
    case 'integral':
      return compileIntegral(n, c, compile);
    case 'at':
      return compileSubstitution(n, c, compile);
    case 'indicator': {
      const a = compile(n.cond, c);
      return (t) => a(t);
    }
    case 'cmp': {
      const a = compile(n.left, c);
      const b = compile(n.right, c);
      return (t) => V.compare(n.op, a(t), b(t), n);
    }
    case 'subscript': {
      if (n.bracket) return compileBracket(n, c);
      if (n.base.kind === 'group' && n.base.open === '[') {
        const star = compileSequenceStar(n, c, compile);
        if (star) return star;
        throw new Unsupported(
          '[x * w](i) is evaluated for two sequences written out by their entries, ' +
            '\\mathbf{x} = (\\dots, x_0, x_1, \\dots) = (\\dots, 0, 1, 2, 0, \\dots); ' +
            'write them so, or the vector with conv(…)',
          n.start,
          n.end,
        );
      }
      const a = compile(n.base, c);
      const idx = n.indices.map((x) => compileIndex(x, c, a, n.indices.length));
      return (t) =>
        V.element(
          a(t),
          idx.map((f) => f(t)),
          n,
        );
    }
    case 'dots':
      throw new Unsupported(ELIDED_HINT, n.start, n.end);
    case 'list':
      throw new Unsupported('a comma list is not a value here', n.start, n.end);
    case 'text':
      // `n\_params`: an escaped underscore joins words into a name, as code does; TeX prints it as text.
      if (n.text === '_')
        throw new Unsupported(
          'an escaped underscore (\\_) joins words into one name, which is not read as math: write the ' +
            'name with a subscript, n_{\\text{params}}, or a single letter',
          n.start,
          n.end,
        );
      throw new Unsupported(`text '${n.text}' is not math`, n.start, n.end);
    case 'word':
      throw new Unsupported(`'${n.name}' is not a value`, n.start, n.end);
    case 'error':
      throw new Unsupported(n.message, n.start, n.end);
  }
}

function compileBinary(n: Extract<Node, { kind: 'bin' }>, c: CompileEnv): Fn {
  // `X^{-1}\,dX\,X^{-1}`: the differential of a declared name (differentials.ts).
  const directions = withDirections(n, c);
  if (directions) return compile(directions, c);
  if (n.op === '+' && n.right.kind !== 'dots') {
    const sum = compileElidedSum(n, c);
    if (sum) return sum;
  }
  if (n.apply && n.left.kind === 'sym' && isFunctionName(n.left, c))
    return compile(callFirst(n.left, n.right), c);
  if (n.op === 'setminus')
    throw new Unsupported('a set difference A \\setminus B is not evaluated', n.start, n.end);
  const contraction = compileContraction(n, c);
  if (contraction) return contraction;
  const terms = sumTerms(n);
  const elided = terms?.some((x) => x.kind === 'dots') ? elision(terms!) : null;
  if (elided) return compile(elidedSum(elided, n), c);
  const a = compile(n.left, c);
  const b = compile(n.right, c);
  switch (n.op) {
    case '+':
      return (t) => V.add(a(t), b(t), n);
    case '-':
      return (t) => V.sub(a(t), b(t), n);
    case '/':
      return (t) => V.divide(a(t), b(t), n);
    case 'odot':
      return (t) => V.hadamard(a(t), b(t), n);
    case 'otimes':
      return (t) => V.kron(a(t), b(t), n);
    case 'cdot':
      return (t) => V.product(a(t), b(t), n, 'dot');
    case 'ast':
      return (t) => V.star(a(t), b(t), n, t.settings.star);
    case 'star':
      return (t) => V.star(a(t), b(t), n, 'correlation');
    case 'pm':
      throw new Unsupported('± is not evaluated', n.start, n.end);
    default:
      return (t) => V.product(a(t), b(t), n, 'matmul');
  }
}

// ---- bracket indexing ----------------------------------------------------------------------

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
  if (seq) return compileSequenceEntry(seq, singleIndex(n.indices), n, c, compile);
  if (
    base.kind === 'sym' &&
    !c.locals.has(base.name) &&
    lookupWithScope(c, base.name) &&
    isFunctionName(base, c)
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
    return compileFamilyMember(family.entry, { ...base, sub: n.indices, start: n.start, end: n.end }, c);
  const a = compile(base, c);
  const idx = n.indices.map((x, axis) =>
    isAxis(x) ? () => V.WHOLE_AXIS : compileIndex(x, c, a, n.indices.length, axis),
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

// ---- elided patterns -------------------------------------------------------------------------

const ELIDED_HINT =
  'this elided pattern is not evaluated: its first and last terms must differ in one place, a whole ' +
  'number in the first and the bound in the last (x_1 + \\dots + x_n), or write it as \\sum_{i=1}^{n}';

/** `x_1 + \dots + x_n` as the sum it abbreviates. */
function elidedSum(e: Elision, n: Node): Node {
  const from: Node = { kind: 'num', value: e.from, text: String(e.from), start: n.start, end: n.start };
  return {
    kind: 'bigop',
    op: 'sum',
    index: { name: e.index, from, to: e.to, set: null, raw: null },
    body: e.template,
    start: n.start,
    end: n.end,
  };
}

/**
 * `(x_1, \ldots, x_n)` is the vector of the pattern's values; `[f_1 \ f_2 \ \dots \ f_d]`
 * written side by side is a row of them (a matrix whose columns are the f_k, when they are vectors).
 */
function compileElidedGroup(n: Extract<Node, { kind: 'group' }>, c: CompileEnv): Fn | null {
  if (n.open !== '(' && n.open !== '[') return null;
  const side = n.items.length === 1 ? juxtFactors(n.items[0]) : null;
  const written = side && side.length > 2 ? side : n.items;
  if (!written.some((x) => x.kind === 'dots')) return null;
  // Side by side, a term may itself be a product: `[c f_1 \ c f_2 \ \dots \ c f_d]`.
  const items = written === side && !elision(written) ? (productTerms(written) ?? written) : written;
  const e = elision(items);
  if (!e) return null;
  const scope: IndexScope = { name: e.index, sources: [] };
  const inner: CompileEnv = { ...c, locals: new Set([...c.locals, e.index]), scopes: [...c.scopes, scope] };
  const body = compile(e.template, inner);
  const to = compile(e.to, c);
  const asRow = written === side;
  return (t) => {
    const hi = t.integerOf(to(t), n);
    if (hi - e.from > 100_000) throw new OverBudget(`a list of ${hi - e.from + 1} entries`);
    if (hi < e.from)
      throw new Unsupported(`the list ${e.from}…${hi} is empty at this sample`, n.start, n.end);
    const values: Val[] = [];
    for (let k = e.from; k <= hi; k++) {
      t.bind(e.index, k);
      try {
        values.push(body(t));
      } finally {
        t.unbind(e.index);
      }
    }
    return asRow ? V.columnsOf(values, n) : V.vectorOf(values, false, n);
  };
}

// ---- names ------------------------------------------------------------------------------

function lookupWithScope(c: CompileEnv, name: string): { entry: Entry } | null {
  const entry = c.env.lookup(name, c.block);
  return entry ? { entry } : null;
}

function compileSym(n: SymNode, c: CompileEnv): Fn {
  const direction = compileDirection(n, c);
  if (direction) return direction;
  if (c.locals.has(n.name)) return (t) => t.local(n.name, n);
  const found = lookupWithScope(c, n.name);
  if (found) {
    const seq = sequenceNamed(c, n.name);
    if (seq) bareSequence(seq, n);
    return compileEntry(found.entry, n, c);
  }
  // `\sigma(\cdot)`: a claim about the function itself holds at every argument, so it is sampled.
  if (n.name === PLACEHOLDER) return (t) => t.sample(PLACEHOLDER, { set: 'real', shape: [] }, n);
  // A pattern declaration `W_i \in …` covers `W_1`.
  if (n.subText !== null) {
    const pat = c.env.lookupPattern(n.stem);
    const stemEntry = lookupWithScope(c, n.stem);
    if (pat && !stemEntry) return compilePatternValue(pat, n, c);
    // `\mu_B`, `L_{MSE}`: an unbound capital letter in a subscript is a label, not an index.
    const label = (n.sub ?? []).some(
      (x) =>
        x.kind === 'sym' &&
        /^[A-Z]$/.test(x.name) &&
        !c.locals.has(x.name) &&
        !findScope(c, x.name) &&
        !lookupWithScope(c, x.name) &&
        !c.env.isDimension(x.name),
    );
    if (label && !pat) {
      c.unknown.set(n.name, n);
      return () => {
        throw new UnknownName([n.name], n.start, n.end);
      };
    }
    const seq = stemEntry ? sequenceNamed(c, n.stem) : null;
    if (seq) return compileSequenceEntry(seq, singleIndex(n.sub), n, c, compile);
    const family =
      stemEntry?.entry.kind === 'def' &&
      stemEntry.entry.indices &&
      !stemEntry.entry.diagonal &&
      (n.sub ?? []).length === stemEntry.entry.indices.length
        ? stemEntry.entry
        : null;
    if (family && family.kind === 'def') return compileFamilyMember(family, n, c);
    if (stemEntry || c.locals.has(n.stem)) {
      // Element access `A_{ij}` of a known tensor.
      const base = c.locals.has(n.stem)
        ? (t: Trial) => t.local(n.stem, n)
        : compileEntry(stemEntry!.entry, { ...n, name: n.stem, sub: null, subText: null }, c);
      const items = n.sub ?? [];
      const idx = items.map((x, axis) => compileIndex(x, c, base, items.length, axis));
      return (t) =>
        V.element(
          base(t),
          idx.map((f) => f(t)),
          n,
        );
    }
  }
  if (c.env.isDimension(n.name)) return (t) => t.dimension(n.name, n);
  const builtin = builtinSymbol(n);
  if (builtin) return builtin;
  const generic = c.env.lookupGeneric(n.name, c.block);
  if (generic) {
    c.generic.add(n.name);
    return compileEntry(generic, n, c);
  }
  c.unknown.set(n.name, n);
  return () => {
    throw new UnknownName([n.name], n.start, n.end);
  };
}

/** The one index of a sequence's entry, or undefined when there are several or none. */
function singleIndex(items: Node[] | null): Node | undefined {
  return items?.length === 1 ? items[0] : undefined;
}

function builtinSymbol(n: SymNode): Fn | null {
  switch (n.name) {
    case '\\pi': {
      const v = V.scalar(Math.PI);
      return () => v;
    }
    case 'e': {
      const v = V.scalar(Math.E);
      return () => v;
    }
    case 'I':
    case 'Id':
    case '\\text{Id}':
    case '\\mathbb{I}':
      return () => V.identity();
    case '\\mathbf{1}':
      return () => V.ones();
    case '\\mathbf{0}':
      return () => V.zeros();
    case '\\infty':
      return () => {
        throw new Unsupported('∞ is not a number the checker samples', n.start, n.end);
      };
  }
  if ((n.stem === '\\mathbf{1}' || n.stem === '\\mathbf{0}') && n.subText !== null) {
    const fill = n.stem === '\\mathbf{1}' ? 1 : 0;
    return (t) => V.filledVector(t.evalSizeText(n.subText!, n), fill, n);
  }
  if ((n.stem === 'I' || n.stem === '\\mathbb{I}') && n.subText !== null) {
    return (t) => V.identityOf(t.evalSizeText(n.subText!, n), n);
  }
  return null;
}

function compileEntry(entry: Entry, n: SymNode, c: CompileEnv): Fn {
  switch (entry.kind) {
    case 'case': {
      const f = compile(entry.expr, c);
      const fill = entry.fill;
      if (fill) return (t) => t.filled(fill, f(t), n);
      return (t) => f(t);
    }
    case 'decl': {
      const randomPattern = c.env.lookupPattern(entry.name);
      if (randomPattern && randomPattern.kind === 'random') {
        const dist = randomPattern.dist;
        const distFns = distributionFns(dist, c);
        return (t) => t.random(entry.name, entry.spec, dist, distFns, n);
      }
      return (t) => t.sample(entry.name, entry.spec, n);
    }
    case 'random': {
      const distFns = distributionFns(entry.dist, c);
      return (t) => t.random(entry.name, { set: 'real', shape: [] }, entry.dist, distFns, n);
    }
    case 'dim':
      return (t) => t.dimension(entry.name, n);
    case 'fn':
      throw new Unsupported(`${n.name} is a function: apply it to arguments`, n.start, n.end);
    case 'def': {
      if (entry.params) {
        return () => {
          throw new Unsupported(`${n.name} is a function: apply it to arguments`, n.start, n.end);
        };
      }
      if (c.compiling.has(entry))
        throw new Unsupported(`the definition of ${entry.name} refers to itself`, n.start, n.end);
      c.compiling.add(entry);
      try {
        if (entry.indices) return compileElementwiseDef(entry, n, c);
        return sharedBuild(c, entry, 'value', () => {
          const inner: CompileEnv = { ...c, locals: new Set(), scopes: [], free: c.free, env: c.env };
          const f = asDeclared(compile(entry.expr, inner), entry.declared);
          // Definitions are compiled without the caller's locals, so their value is memoised.
          return (t: Trial) => t.memo(entry, () => nested(() => f(t)));
        });
      } finally {
        c.compiling.delete(entry);
      }
    }
  }
}

function compilePatternValue(pat: Entry, n: SymNode, c: CompileEnv): Fn {
  const name = memberName(n, c);
  if (pat.kind === 'decl') return (t) => t.sample(name(t), pat.spec, n);
  if (pat.kind === 'random') {
    const distFns = distributionFns(pat.dist, c);
    return (t) => t.random(name(t), { set: 'real', shape: [] }, pat.dist, distFns, n);
  }
  throw new UnknownName([n.name], n.start, n.end);
}

/**
 * The name of a member of a declared pattern (`a_i \in \mathbb{R}`): `a_3` as written, and `a_i`
 * under a sum over i (or an elided `a_1 + \dots + a_n`) the member at the index's value, `a_{2}`.
 */
function memberName(n: SymNode, c: CompileEnv): (t: Trial) => string {
  const items = n.sub ?? [];
  const bound = items.some((x) => {
    const letters: SymNode[] = [];
    collectLetters(x, letters);
    return letters.some((l) => findScope(c, l.name) && c.locals.has(l.name));
  });
  if (!bound) return () => n.name;
  const values = items.map((x) => compile(x, c));
  const comma = (n.subText ?? '').includes(',') || items.length === 1;
  return (t) => {
    const parts = values.map((f) => String(t.integerOf(f(t), n)));
    return `${n.stem}_{${parts.join(comma ? ',' : '')}}`;
  };
}

export interface DistFns {
  a: Fn;
  b: Fn | null;
}

function distributionFns(d: Extract<Entry, { kind: 'random' }>['dist'], c: CompileEnv): DistFns {
  switch (d.kind) {
    case 'Bernoulli':
      return { a: compile(d.p, c), b: null };
    case 'Normal':
      return { a: compile(d.mean, c), b: compile(d.variance, c) };
    case 'Uniform':
      return { a: compile(d.a, c), b: compile(d.b, c) };
  }
}

/**
 * An index position: a number, an expression of index variables, or a fresh index letter
 * (which becomes a free index of the claim, or the index of the enclosing sum).
 */
/** `f_i` of a family defined by `f_i := e` (e may be a vector): e with i bound. */
function compileFamilyMember(def: Extract<Entry, { kind: 'def' }>, n: SymNode, c: CompileEnv): Fn {
  const idx = def.indices!;
  if (c.compiling.has(def))
    throw new Unsupported(`the definition of ${def.name} refers to itself`, n.start, n.end);
  c.compiling.add(def);
  let body: Fn;
  let table: Fn;
  let scopes: IndexScope[];
  try {
    ({ body, table, scopes } = sharedBuild(c, def, 'member', () => {
      const whole: CompileEnv = { ...c, free: [] };
      const scopes = idx.map((name) => ({ name, sources: [] as IndexSource[] }));
      const body = compile(def.expr, { ...c, locals: new Set(idx), scopes, free: [] });
      return { body, table: compileElementwiseDef(def, n, whole), scopes };
    }));
  } finally {
    c.compiling.delete(def);
  }
  const items = n.sub ?? [];
  // An index of the family ranges as its own index does in the definition (f_i := X_{:,i}).
  const values = items.map((x, k) => {
    const own = scopes[k];
    if (own.sources.length === 0) return compileIndex(x, c, table, items.length, k);
    const range: Fn = (t) => V.zerosOf(t.rangeOf(own.sources, own.name, n));
    return compileIndex(x, c, range, items.length, 0);
  });
  return (t) => {
    const vs = values.map((f) => f(t));
    // While differentiating with respect to the whole family, read the seeded table.
    if (t.hasOverride(def.name)) return V.element(table(t), vs, n);
    return nested(() => t.withLocals(idx, vs, () => body(t)));
  };
}

function compileIndex(x: Node, c: CompileEnv, base: Fn, _count: number, axis = 0): Fn {
  if (x.kind === 'text' && x.text === ':') return () => V.WHOLE_AXIS;
  if (x.kind === 'cmp' && x.op === ':') {
    // `1:k`, `2:`, `<t` (read as `1:t-1`): the ends are index expressions of their own.
    const from = compileIndex(x.left, c, base, _count, axis);
    const to = x.right.kind === 'text' ? null : compileIndex(x.right, c, base, _count, axis);
    return (t) => V.indexRange(from(t), to ? to(t) : null, x);
  }
  // A bound index (sum, elementwise definition) shadows any document name of the same letter.
  const letter = x.kind === 'sym' && (x.sub === null || isLabelledIndex(x));
  const bound = letter ? findScope(c, x.name) : null;
  if (bound && x.kind === 'sym') {
    const name = x.name;
    bound.sources.push({ fn: base, axis });
    return (t) => t.local(name, x);
  }
  if (
    x.kind === 'sym' &&
    x.sub === null &&
    !c.locals.has(x.name) &&
    !lookupWithScope(c, x.name) &&
    !c.env.isDimension(x.name)
  ) {
    const scope = openFreeIndex(c, x.name);
    scope.sources.push({ fn: base, axis });
    return (t) => t.local(x.name, x);
  }
  // Letters inside index expressions (`i - k`) are index variables too, without a range source.
  const letters: SymNode[] = [];
  collectLetters(x, letters);
  for (const l of letters) {
    if (!lookupWithScope(c, l.name) && !c.env.isDimension(l.name) && !c.locals.has(l.name)) {
      if (!findScope(c, l.name)) openFreeIndex(c, l.name);
    }
  }
  return compile(x, c);
}

function collectLetters(n: Node, out: SymNode[]): void {
  if (n.kind === 'sym') {
    if (n.sub === null) out.push(n);
    return;
  }
  if (n.kind === 'bin') {
    collectLetters(n.left, out);
    collectLetters(n.right, out);
  }
  if (n.kind === 'neg') collectLetters(n.operand, out);
}

function findScope(c: CompileEnv, name: string): IndexScope | null {
  for (let k = c.scopes.length - 1; k >= 0; k--) if (c.scopes[k].name === name) return c.scopes[k];
  return c.free.find((s) => s.name === name) ?? null;
}

function openFreeIndex(c: CompileEnv, name: string): IndexScope {
  const s: IndexScope = { name, sources: [] };
  c.free.push(s);
  c.locals.add(name);
  return s;
}

function compileElementwiseDef(entry: Extract<Entry, { kind: 'def' }>, n: SymNode, c: CompileEnv): Fn {
  const idx = entry.indices!;
  const { body, scopes } = sharedBuild(c, entry, 'table', () => {
    const inner: CompileEnv = {
      ...c,
      locals: new Set(idx),
      scopes: idx.map((name) => ({ name, sources: [] })),
      free: [],
    };
    const body = compile(entry.expr, inner);
    if (inner.free.length)
      throw new Unsupported(
        `the definition of ${entry.name} uses index ${inner.free.map((s) => s.name).join(', ')} that ` +
          `it does not define`,
        n.start,
        n.end,
      );
    return { body, scopes: inner.scopes };
  });
  return (t) => t.memo(entry, () => nested(() => tabulated(t)));
  function tabulated(t: Trial): Val {
    const sizes = scopes.map((s) => t.rangeOf(s.sources, s.name, n));
    return V.tabulate(
      sizes,
      entry.diagonal,
      (values) => {
        for (let k = 0; k < idx.length; k++) t.bind(idx[k], values[k]);
        try {
          return body(t);
        } finally {
          for (const k of idx) t.unbind(k);
        }
      },
      n,
    );
  }
}

/** Evaluates a definition one level deeper (see `holdIntermediates`). */
function nested(f: () => Val): Val {
  definitionDepth++;
  try {
    const v = f();
    // The partial derivative of a definition with the definitions it uses held fixed
    // (the reading of backpropagation notes, claim.ts): their tangents are dropped.
    if (holdBelow !== null && definitionDepth > holdBelow && !('kind' in v) && v.d)
      return { v: v.v, d: null };
    return v;
  } finally {
    definitionDepth--;
  }
}

/**
 * `f()` with the definitions it evaluates below this depth held (their tangents dropped). The module
 * that owns the depth sets it, so that code elsewhere need not assign another module's variable.
 */
function holdingDefinitionsBelow(f: () => Val): Val {
  const saved = holdBelow;
  holdBelow = definitionDepth + 1;
  try {
    return f();
  } finally {
    holdBelow = saved;
  }
}

// ---- functions ----------------------------------------------------------------------------

/** Registry names of the inverses that `\sin^{-1}` and its kin denote. */
const INVERSE_FUNCTION: Record<string, string> = {
  sin: 'asin',
  cos: 'acos',
  tan: 'atan',
  cot: 'arccot',
  sec: 'arcsec',
  csc: 'arccsc',
  sinh: 'asinh',
  cosh: 'acosh',
  tanh: 'atanh',
};

function isMinusOne(n: Node): boolean {
  if (n.kind === 'num') return n.value === -1;
  return n.kind === 'neg' && n.operand.kind === 'num' && n.operand.value === 1;
}

function compileCall(n: Extract<Node, { kind: 'call' }>, c: CompileEnv): Fn {
  const fn = n.fn;
  if (fn === 'Bernoulli' || fn === 'Normal' || fn === 'Uniform')
    throw new Unsupported(`${fn}(…) is a distribution, not a value`, n.start, n.end);
  const f = functionNamed(fn);
  if (!f) throw new Unsupported(`function ${fn} is not known`, n.start, n.end);
  if (n.sub && f.subscript === 'index' && n.args.length === 1 && (fn === 'max' || fn === 'min')) {
    // \max_i x_i: a reduction over an index.
    return compileReduction(fn, n.sub, n.args[0], n, c);
  }
  if (INVERSE_FUNCTION[fn] && n.sup && isMinusOne(n.sup)) {
    // `\sin^{-1} x` is the inverse function arcsin, as in every textbook and in mathjs' printing,
    // never 1/\sin x; `\sin^2 x` stays a power. Other functions to the power -1 are ambiguous.
    const inv = functionNamed(INVERSE_FUNCTION[fn]);
    if (!inv)
      throw new Unsupported(
        `\\${fn}^{-1} is the inverse function ${INVERSE_FUNCTION[fn]}, which is not evaluated`,
        n.start,
        n.end,
      );
    return compileCall({ ...n, fn: inv.name, sup: null }, c);
  }
  // The arguments first: an unknown name or unreadable notation in them is the more useful report.
  // `\operatorname{diag}(a_1, a_2, \dots, a_d)`: an elided list is one argument, the vector of its terms.
  const elided = n.args.length > 2 ? readElided(n.args) : null;
  const listed = elided ? compileElided(elided, c, n, compile) : null;
  const args = listed ? [(t: Trial) => V.vectorOf(listed(t), false, n)] : n.args.map((a) => compile(a, c));
  const name = displayName(f);
  const refuse =
    (message: string, at: Node = n): Fn =>
    () => {
      throw new Unsupported(message, at.start, at.end);
    };
  if (f.kind === 'unevaluated') return refuse(f.reason);
  if (n.sup && isMinusOne(n.sup)) {
    return refuse(
      `${name}^{-1} is the inverse function to some authors and 1/${name} to others: write the ` +
        `inverse by its name (as \\arcsin for \\sin), or (${name} x)^{-1}`,
    );
  }
  if (!acceptsArity(f, args.length)) return refuse(`${name} takes ${arityText(f)}, given ${n.args.length}`);
  if (n.sub && f.subscript !== 'base') return refuse(`a subscript on ${name} is not evaluated`, n.sub);
  const base = n.sub ? compile(n.sub, c) : null;
  const sup = n.sup ? compile(n.sup, c) : null;
  return (t) => {
    let r = V.call(
      f,
      args.map((a) => a(t)),
      n,
    );
    // log_b x = ln x / ln b.
    if (base) r = V.divide(r, V.call(f, [base(t)], n), n);
    return sup ? V.power(r, sup(t), n) : r;
  };
}

function compileReduction(fn: 'max' | 'min', sub: Node, body: Node, n: Node, c: CompileEnv): Fn {
  const name = sub.kind === 'sym' ? sub.name : null;
  if (!name) throw new Unsupported(`\\${fn} over this subscript is not evaluated`, n.start, n.end);
  const scope: IndexScope = { name, sources: [] };
  const inner: CompileEnv = { ...c, locals: new Set([...c.locals, name]), scopes: [...c.scopes, scope] };
  const f = compile(body, inner);
  return (t) => {
    const size = t.rangeOf(scope.sources, name, n);
    let best: Val | null = null;
    for (let i = 1; i <= size; i++) {
      t.bind(name, i);
      try {
        const v = f(t);
        best = best === null ? v : V.call(fn, [best, v], n);
      } finally {
        t.unbind(name);
      }
    }
    if (best === null) throw new Unsupported(`empty range for \\${fn}`, n.start, n.end);
    return best;
  };
}

/**
 * Whether a name written before a bracket is applied to it. Only a function is: a name defined
 * with parameters (`f(x) := …`) or declared with a signature (`f: \mathbb{R} \to \mathbb{R}`),
 * or `\sigma`, the sigmoid, when the document gives it no other meaning. Any value — declared,
 * defined, a size, an index, an entry of a tensor — multiplies. An unknown name is read as a
 * function: the claim is then unchecked for that name either way.
 */
export function isFunctionName(f: SymNode, c: CompileEnv): boolean {
  if (c.locals.has(f.name)) return false;
  const found = lookupWithScope(c, f.name);
  if (found) return found.entry.kind === 'fn' || (found.entry.kind === 'def' && found.entry.params !== null);
  if (c.env.isDimension(f.name)) return false;
  if (
    f.subText !== null &&
    (lookupWithScope(c, f.stem) || c.env.lookupPattern(f.stem) || c.locals.has(f.stem))
  )
    return false;
  return true;
}

/** `f (a)^2` read as `(f(a))^2`: the bracket's scripts move onto the call. */
function callFirst(f: SymNode, scripted: Node): Node {
  if (scripted.kind === 'group')
    return { kind: 'apply', f, args: scripted.items, start: f.start, end: scripted.end };
  // One branch per field name: the script that renamed the tree's fields needs each literal to
  // name one kind's fields.
  if (scripted.kind === 'pow' || scripted.kind === 'subscript') {
    const moved: typeof scripted = { ...scripted, base: callFirst(f, scripted.base), start: f.start };
    return moved;
  }
  if (scripted.kind === 'post' || scripted.kind === 'fact') {
    const moved: typeof scripted = { ...scripted, operand: callFirst(f, scripted.operand), start: f.start };
    return moved;
  }
  return scripted;
}

function compileApply(n: Extract<Node, { kind: 'apply' }>, c: CompileEnv): Fn {
  const f = n.f;
  const found = c.locals.has(f.name) ? null : lookupWithScope(c, f.name);
  const seq = sequenceNamed(c, f.name);
  if (seq) return compileSequenceEntry(seq, singleIndex(n.args), n, c, compile);
  const differential = found ? null : compileDifferentialOf(n, c, compile, compileSym);
  if (differential) return differential;
  if (found && found.entry.kind === 'fn') {
    throw new Unsupported(
      `${f.name} is declared as a function but never defined, so its values are not known: define ` +
        `it, e.g. ${f.name}(x) := …`,
      n.start,
      n.end,
    );
  }
  if (found && found.entry.kind === 'def' && found.entry.params) {
    const def = found.entry;
    const params = def.params!;
    if (params.length !== n.args.length)
      throw new Unsupported(
        `${f.name} takes ${params.length} argument${params.length === 1 ? '' : 's'}, given ${n.args.length}`,
        n.start,
        n.end,
      );
    if (c.compiling.has(def))
      throw new Unsupported(`${f.name} is defined in terms of itself`, n.start, n.end);
    c.compiling.add(def);
    let body: Fn;
    try {
      body = sharedBuild(c, def, 'function', () => {
        const inner: CompileEnv = {
          ...c,
          locals: new Set(params.map((p) => p.name)),
          scopes: [],
          free: c.free,
        };
        return compile(def.expr, inner);
      });
    } finally {
      c.compiling.delete(def);
    }
    const args = n.args.map((a) => compile(a, c));
    return (t) => {
      const values = args.map((a) => a(t));
      return t.withLocals(
        params.map((p) => p.name),
        values,
        () => body(t),
      );
    };
  }
  const isValue =
    found ||
    c.locals.has(f.name) ||
    c.env.isDimension(f.name) ||
    (f.subText !== null && (lookupWithScope(c, f.stem) || c.env.lookupPattern(f.stem)));
  if (isValue && n.given !== undefined)
    throw new Unsupported(
      `${f.name} is a value here, so ${f.name}(… | …) is neither a product nor a function: a bar ` +
        'inside its brackets reads as conditioning; rename the value or define the function',
      n.start,
      n.end,
    );
  const reading = isValue ? null : probabilityReading(n, c);
  if (reading) return reading;
  if (isValue) {
    // A value followed by parentheses multiplies: s(n - 1).
    const fv = compileSym(f, c);
    if (n.args.length !== 1) throw new Unsupported(`${f.name} is not a function`, n.start, n.end);
    const a = compile(n.args[0], c);
    return (t) => V.product(fv(t), a(t), n, 'matmul');
  }
  // A symbol that names a function when nothing else defines it: σ(z), Γ(x), Φ(x).
  const builtin = f.subText === null ? functionOfSymbol(f.name) : null;
  if (builtin && !c.env.lookupPattern(f.name)) return compileSymbolFunction(builtin, n, c);
  c.unknown.set(f.name, f);
  return () => {
    throw new UnknownName([f.name], f.start, f.end);
  };
}

function compileSymbolFunction(fn: FunctionEntry, n: Extract<Node, { kind: 'apply' }>, c: CompileEnv): Fn {
  if (!acceptsArity(fn, n.args.length))
    throw new Unsupported(
      `${n.f.name} as ${fn.about} takes ${arityText(fn)}, given ${n.args.length}`,
      n.start,
      n.end,
    );
  const args = n.args.map((a) => compile(a, c));
  // Γ or Φ of a vector is more likely a map the document has not defined than elementwise Γ or Φ.
  const scalarOnly = n.f.name !== '\\sigma';
  return (t) => {
    const values = args.map((a) => a(t));
    if (scalarOnly && values.some((v) => V.isIdentity(v) || v.v.size !== 1)) {
      throw new Unsupported(
        `${n.f.name} of a non-number is not read as ${fn.about}: declare or define ${n.f.name}`,
        n.start,
        n.end,
      );
    }
    return V.call(fn, values, n);
  };
}

function compilePrime(n: Extract<Node, { kind: 'prime' }>, c: CompileEnv): Fn {
  // `f^{(2)}(x)` names a function of its own when the document defines that name.
  if (n.label && lookupWithScope(c, n.label.name))
    return compile({ kind: 'apply', f: n.label, args: n.args, start: n.start, end: n.end }, c);
  // f'(x): derivative of a function of one variable, elementwise.
  const base = { ...n.f, name: n.f.name.replace(/'+$/, ''), stem: n.f.stem.replace(/'+$/, ''), primes: 0 };
  if (n.args.length !== 1)
    throw new Unsupported(
      "f'(x) is evaluated for functions of one argument: write \\frac{\\partial f}{\\partial x} otherwise",
      n.start,
      n.end,
    );
  if (n.f.primes > 3)
    throw new Unsupported(
      `derivatives of order ${n.f.primes} are not evaluated (up to 3 are)`,
      n.start,
      n.end,
    );
  // f is applied to a placeholder that the trial binds to (x, tangent 1); f'' is the derivative of
  // f' applied to it, each order with its own placeholder.
  const hole = `\u0000argument${n.f.primes}`;
  const holeNode = symbolAt(hole, n.args[0]);
  const found = lookupWithScope(c, base.name);
  const word = base.name
    .replace(/^\\(text|operatorname)\{(.*)\}$/, '$2')
    .replace(/^\\/, '')
    .toLowerCase();
  const builtin = found ? null : (functionOfSymbol(base.name) ?? functionNamed(word));
  const inner: CompileEnv = { ...c, locals: new Set([...c.locals, hole]) };
  const lower = n.f.primes - 1;
  const f =
    lower > 0
      ? compile(
          {
            kind: 'prime',
            f: {
              ...base,
              primes: lower,
              name: base.name + "'".repeat(lower),
              stem: base.stem + "'".repeat(lower),
            },
            args: [holeNode],
            start: n.start,
            end: n.end,
          },
          inner,
        )
      : builtin
        ? compile(
            {
              kind: 'call',
              fn: builtin.name,
              args: [holeNode],
              sub: null,
              sup: null,
              paren: true,
              start: n.start,
              end: n.end,
            },
            inner,
          )
        : compile({ kind: 'apply', f: base, args: [holeNode], start: n.start, end: n.end }, inner);
  const elementwise = builtin !== null && builtin.kind === 'elementwise';
  const arg = compile(n.args[0], c);
  return (t) => t.elementwiseDerivative(hole, arg, f, elementwise, n);
}

// ---- sums, cases, derivatives, expectations ------------------------------------------------

function compileBigOp(n: Extract<Node, { kind: 'bigop' }>, c: CompileEnv): Fn {
  const ix = n.index;
  if (!ix?.name)
    throw new Unsupported(
      `${n.op === 'sum' ? '\\sum' : '\\prod'} needs an index: \\sum_{i=1}^{n} or \\sum_i`,
      n.start,
      n.end,
    );
  const name = ix.name;
  const scope: IndexScope = { name, sources: [] };
  const inner: CompileEnv = { ...c, locals: new Set([...c.locals, name]), scopes: [...c.scopes, scope] };
  const body = compile(n.body, inner);
  if (isInfiniteBound(ix.from) || isInfiniteBound(ix.to))
    return compileSumOverIntegers(n, body, inner, compile);
  if (ix.set) {
    const set = ix.set;
    if (set.kind === 'pow' && set.base.kind === 'group' && set.base.open === '\\{') {
      const dim = compile(set.exponent, c);
      const values = set.base.items.map((x) => compile(x, c));
      return (t) => t.sumOverSet(name, values, dim, body, n.op, n);
    }
    if (set.kind === 'group' && set.open === '\\{') {
      const values = set.items.map((x) => compile(x, c));
      return (t) => t.sumOverSet(name, values, null, body, n.op, n);
    }
    throw new Unsupported('this summation set is not evaluated', set.start, set.end);
  }
  const from = ix.from ? compile(ix.from, c) : null;
  const to = ix.to ? compile(ix.to, c) : null;
  if ((ix.from && !ix.to) || (!ix.from && ix.to))
    throw new Unsupported('give both bounds of the sum, or neither', n.start, n.end);
  return (t) => {
    let lo = 1;
    let hi: number;
    if (from && to) {
      lo = t.integerOf(from(t), n);
      hi = t.integerOf(to(t), n);
    } else {
      hi = t.rangeOf(scope.sources, name, n);
    }
    return t.loop(name, lo, hi, body, n.op, n);
  };
}

function compileCases(n: Extract<Node, { kind: 'cases' }>, c: CompileEnv): Fn {
  const rows = n.rows.map((r) => ({
    value: compile(r.value, c),
    cond: r.cond ? compileCondition(r.cond, c) : null,
  }));
  return (t) => {
    // Numeric conditions pick one row, and only that row is evaluated: √x in a branch taken
    // for x ≥ 0 must not make the value undefined at x < 0.
    let first = 0;
    for (; first < rows.length; first++) {
      const r = rows[first];
      if (r.cond === null) return r.value(t);
      const m = V.tensorOf(r.cond(t), n);
      if (m.size !== 1) break;
      if (m.data[0] !== 0) return r.value(t);
    }
    if (first === rows.length) throw new Resample('nan', 'no case of the definition applies');
    // Tensor conditions: from the last row up, value = cond ? v : rest (elementwise select).
    let acc: Val | null = null;
    for (let k = rows.length - 1; k >= first; k--) {
      const r = rows[k];
      const v = r.value(t);
      if (r.cond === null) {
        acc = v;
        continue;
      }
      const m = r.cond(t);
      acc = acc === null ? V.hadamard(m, v, n) : V.select(m, v, acc, n);
    }
    if (acc === null) throw new Unsupported('empty cases', n.start, n.end);
    return acc;
  };
}

/**
 * `\langle u, v \rangle`: the standard inner product, uᵀv of two vectors of one length (the
 * product of two numbers). Of matrices authors mean tr(AᵀB) or another form, so it is not guessed.
 */
function compileInnerProduct(n: Node, a: Node, b: Node, c: CompileEnv): Fn {
  const fa = compile(a, c);
  const fb = compile(b, c);
  return (t) => {
    const u = fa(t);
    const v = fb(t);
    const ranks = [V.dualOf(u, n).v, V.dualOf(v, n).v];
    if (ranks.some((x) => x.rank > 1 && !x.shape.slice(1).every((d) => d === 1)))
      throw new Unsupported(
        '⟨A, B⟩ of matrices is not evaluated (authors mean tr(AᵀB) or another form): write ' +
          '\\operatorname{tr}(A^\\top B)',
        n.start,
        n.end,
      );
    return ranks.every((x) => x.size === 1) ? V.product(u, v, n, 'matmul') : V.product(u, v, n, 'dot');
  };
}

function compileCondition(n: Node, c: CompileEnv): Fn {
  if (n.kind === 'cmp') return compile(n, c);
  if (n.kind === 'error')
    throw new Unsupported(`${n.message}; write it as a comparison (x < 0)`, n.start, n.end);
  throw new Unsupported(
    'a case condition must be a comparison such as x < 0 (or \\text{otherwise})',
    n.start,
    n.end,
  );
}

function compileDeriv(n: Extract<Node, { kind: 'deriv' }>, c: CompileEnv): Fn {
  // `\frac{\partial^2 f}{\partial x \partial y}` of a defined f(x, y): f at its own parameters.
  const atParameters = n.at ? null : functionAtItsParameters(n.of, c);
  if (atParameters) return compileDeriv({ ...n, of: atParameters }, c);
  if (n.order !== 1 && !n.at) return compileHigherDerivative(n, c, compile);
  if (n.order !== 1 && n.at && !(n.of?.kind === 'sym' && isFunctionName(n.of, c)))
    throw new Unsupported(
      `a derivative of order ${n.order} at a point needs a function: define it, e.g. g(t) := …`,
      n.start,
      n.end,
    );
  if (n.at) {
    if (n.of && n.of.kind === 'sym' && isFunctionName(n.of, c)) return compileDerivativeAt(n, n.of, n.at, c);
    // Not a function: the derivative multiplies the bracket after it.
    const d = compile({ ...n, at: undefined }, c);
    const g = compile(
      { kind: 'group', open: '(', close: ')', items: n.at, start: n.at[0]?.start ?? n.end, end: n.end },
      c,
    );
    return (t) => V.product(d(t), g(t), n, 'matmul');
  }
  const of = n.of!;
  const wrt = n.wrt;
  const power = powerOfName(wrt);
  if (power !== null && wrt.kind === 'pow') {
    const byName = compileDeriv({ ...n, wrt: wrt.base }, c);
    return perPower(byName, compile(wrt.base, c), power, n);
  }
  if (wrt.kind !== 'sym')
    throw new Unsupported(
      'differentiate with respect to a name or a power of one (\\partial x, \\partial x_i, ' +
        '\\partial \\sigma^2); for another expression, name it first (u := …)',
      wrt.start,
      wrt.end,
    );
  // The variable: a whole name (x, W_1) or an element of one (x_i, X_{ij}).
  const whole = lookupWithScope(c, wrt.name) ?? (wrt.subText !== null ? c.env.lookupPattern(wrt.stem) : null);
  let target: string;
  let elementIdx: Fn[] | null = null;
  let varFn: Fn;
  if (whole || c.locals.has(wrt.name)) {
    target = wrt.name;
    varFn = compileSym(wrt, c);
  } else if (wrt.subText !== null && lookupWithScope(c, wrt.stem)) {
    target = wrt.stem;
    const base = compileSym({ ...wrt, name: wrt.stem, sub: null, subText: null }, c);
    varFn = base;
    const items = wrt.sub ?? [];
    elementIdx = items.map((x, axis) => compileIndex(x, c, base, items.length, axis));
  } else {
    c.unknown.set(wrt.name, wrt);
    return () => {
      throw new UnknownName([wrt.name], wrt.start, wrt.end);
    };
  }
  const f = compile(of, c);
  // All directions in one pass when the function is made of affine maps and activations.
  const plan = elementIdx === null ? planJacobian(of, target, c, compile) : null;
  const holds = n.style === 'partial' && definitionUsesDirectly(of, wrt, c);
  const derivative = (t: Trial): Val => {
    if (!holds || !readings.holdIntermediates) return t.derivative(target, varFn, elementIdx, f, n, plan);
    return holdingDefinitionsBelow(() => t.derivative(target, varFn, elementIdx, f, n, plan));
  };
  // A fraction's layout is the document's choice (layout.ts); ∇ is the gradient, an entry a number.
  if (n.style === 'nabla' || elementIdx !== null) return derivative;
  return (t) => ({ v: laidOut(V.tensorOf(derivative(t), n), V.tensorOf(varFn(t), n).rank), d: null });
}

/**
 * `x_1 + x_2 + \\dots + x_n`, possibly between other terms (`a + x_1 + \\dots + x_n + b`): the
 * elided run is expanded and every term added.
 */
function compileElidedSum(n: Node, c: CompileEnv): Fn | null {
  const terms = elidedRunTerms(n);
  const dots = terms.findIndex((x) => x.kind === 'dots');
  if (dots < 1 || dots + 1 >= terms.length) return null;
  for (let from = 0; from < dots; from++) {
    // `x_1 + x_3 + \dots + x_n`: a run from x_3 would leave out a term of the same pattern
    // before it, whose step the author may mean (odd indices); that is not a reading to guess.
    if (from > 0 && readElided([terms[from - 1], terms[dots], terms[dots + 1]])) return null;
    const list = readElided(terms.slice(from, dots + 2));
    if (!list) continue;
    const run = compileElided(list, c, n, compile);
    const before = terms.slice(0, from).map((x) => compile(x, c));
    const after = terms.slice(dots + 2).map((x) => compile(x, c));
    return (t) => {
      const values = [...before.map((f) => f(t)), ...run(t), ...after.map((f) => f(t))];
      return values.reduce((acc, v) => V.add(acc, v, n));
    };
  }
  return null;
}

/** Whether `of` names a definition whose formula writes the variable itself (x̂_i of x_i). */
function definitionUsesDirectly(of: Node, wrt: SymNode, c: CompileEnv): boolean {
  if (of.kind !== 'sym') return false;
  const target = lookupWithScope(c, of.name)?.entry ?? lookupWithScope(c, of.stem)?.entry;
  if (target?.kind !== 'def' || target.params) return false;
  let direct = false;
  walk(target.expr, (x) => {
    if (x.kind === 'sym' && (x.name === wrt.name || x.stem === wrt.stem)) direct = true;
  });
  return direct;
}

/** A defined function written bare under a derivative, applied to the names of its parameters. */
function functionAtItsParameters(of: Node | null, c: CompileEnv): Node | null {
  if (of?.kind !== 'sym' || c.locals.has(of.name)) return null;
  const entry = lookupWithScope(c, of.name)?.entry;
  if (entry?.kind !== 'def' || !entry.params || entry.params.length === 0) return null;
  const args: Node[] = entry.params.map((p): SymNode => ({ ...p, start: of.start, end: of.end }));
  return { kind: 'apply', f: of, args, start: of.start, end: of.end };
}

/**
 * `\frac{dg}{dt}(s)`: the derivative of the function g at s. For a function of several
 * parameters, the partial derivative in the parameter named below the bar, at the arguments.
 */
function compileDerivativeAt(n: Extract<Node, { kind: 'deriv' }>, g: SymNode, at: Node[], c: CompileEnv): Fn {
  const entry = lookupWithScope(c, g.name)?.entry;
  if (entry?.kind === 'fn')
    throw new Unsupported(
      `${g.name} is declared as a function but never defined, so its derivative is not known: ` +
        `define it, e.g. ${g.name}(x) := …`,
      n.start,
      n.end,
    );
  const params = entry?.kind === 'def' ? entry.params : null;
  if (!params || params.length === 1) {
    if (at.length !== 1)
      throw new Unsupported(`${g.name} takes one argument, given ${at.length}`, n.start, n.end);
    const primes = "'".repeat(n.order);
    return compile(
      {
        kind: 'prime',
        f: { ...g, primes: n.order, name: `${g.name}${primes}`, stem: `${g.stem}${primes}` },
        args: at,
        start: n.start,
        end: n.end,
      },
      c,
    );
  }
  if (params.length !== at.length)
    throw new Unsupported(`${g.name} takes ${params.length} arguments, given ${at.length}`, n.start, n.end);
  if (n.order !== 1)
    throw new Unsupported(
      `a partial derivative of order ${n.order} of ${g.name} at a point is not evaluated: write it ` +
        `of the expression, \\frac{\\partial^${n.order} ${g.name}(…)}{\\partial x^${n.order}}`,
      n.start,
      n.end,
    );
  const wrt = n.wrt;
  const k = wrt.kind === 'sym' ? params.findIndex((p) => p.name === wrt.name) : -1;
  if (k < 0)
    throw new Unsupported(
      `${g.name} has no parameter ${wrt.kind === 'sym' ? wrt.name : 'like this'}: its parameters are ` +
        `${params.map((p) => p.name).join(', ')}`,
      n.start,
      n.end,
    );
  const hole = '\u0000argument';
  const holeNode = symbolAt(hole, at[k]);
  const inner: CompileEnv = { ...c, locals: new Set([...c.locals, hole]) };
  const f = compile(
    { kind: 'apply', f: g, args: at.map((a, j) => (j === k ? holeNode : a)), start: n.start, end: n.end },
    inner,
  );
  const arg = compile(at[k], c);
  return (t) => t.elementwiseDerivative(hole, arg, f, false, n);
}

function compileExpectation(n: Extract<Node, { kind: 'expect' }>, c: CompileEnv): Fn {
  // Which random variables: those named in the subscript, else every random one in the body.
  const named = n.sub ? subscriptVariables(n.sub, c) : [];
  const partNodes =
    n.op === 'Cov' && n.body.kind === 'list'
      ? n.body.items
      : [n.op === 'P' && n.body.kind === 'list' ? allOf(n.body.items) : n.body];
  const parts = partNodes.map((x) => compile(x, c));
  if (n.given && !isEvent(n.given))
    throw new Unsupported(
      `${printNode(n)} conditions on a random variable, not an event: it is itself random (a function ` +
        'of what follows the bar) and is not evaluated; condition on an event instead, e.g. ' +
        '\\mathbb{E}[X \\mid Y = 1]',
      n.start,
      n.end,
    );
  const given = n.given ? compile(n.given.kind === 'list' ? allOf(n.given.items) : n.given, c) : null;
  const vars = named.length
    ? named
    : randomNamesIn(
        n.given ? { kind: 'list', items: [n.body, n.given], start: n.start, end: n.end } : n.body,
        c,
      ).map((name) => ({ name, dist: null }));
  if (vars.length === 0)
    throw new Unsupported(
      `no random variable in this ${n.op === 'P' ? 'probability' : 'expectation'}: ` +
        'declare one with x \\sim \\mathrm{Bernoulli}(p)',
      n.start,
      n.end,
    );
  const resolved = vars.map((v) => {
    const entry = lookupWithScope(c, v.name)?.entry ?? null;
    const pattern = c.env.lookupPattern(v.name);
    const dist =
      v.dist ?? (entry?.kind === 'random' ? entry.dist : pattern?.kind === 'random' ? pattern.dist : null);
    if (!dist)
      throw new Unsupported(
        `${v.name} is not a random variable: declare it with ${v.name} \\sim …`,
        n.start,
        n.end,
      );
    const spec = entry?.kind === 'decl' ? entry.spec : { set: 'real' as const, shape: [] };
    return { name: v.name, dist, spec, fns: distributionFns(dist, c) };
  });
  return (t) => t.expectation(n.op, resolved, parts, given, n);
}

type Distribution = Extract<Entry, { kind: 'random' }>['dist'];

/**
 * The variables an expectation's subscript ranges over: `R`, `x \sim \mathrm{Bernoulli}(p)`,
 * `x \sim p` and `p(x)` (p names the distribution of x: the one x is declared with).
 */
function subscriptVariables(sub: Node, c: CompileEnv): { name: string; dist: Distribution | null }[] {
  const nameOf = (x: SymNode) =>
    x.subText !== null && x.sub?.every((s) => s.kind === 'sym') ? x.stem : x.name;
  const unnamedLaw = (law: SymNode, x: Node) => {
    if (lookupWithScope(c, law.name))
      throw new Unsupported(
        `${law.name} is not a distribution derivcheck can sample: write x \\sim \\mathrm{Bernoulli}(p), ` +
          '\\mathcal{N}(\\mu, \\sigma^2) or \\mathrm{Uniform}(a, b)',
        x.start,
        x.end,
      );
  };
  if (sub.kind === 'sym') return [{ name: nameOf(sub), dist: null }];
  if (sub.kind === 'cmp' && sub.op === '\\sim' && sub.left.kind === 'sym') {
    if (sub.right.kind === 'call') {
      const dist = readDist(sub.right);
      if (!dist)
        throw new Unsupported(
          `the distribution ${sub.right.fn} is not sampled by derivcheck`,
          sub.right.start,
          sub.right.end,
        );
      return [{ name: nameOf(sub.left), dist }];
    }
    if (sub.right.kind === 'sym') unnamedLaw(sub.right, sub.right);
    else
      throw new Unsupported('the subscript of an expectation must name random variables', sub.start, sub.end);
    return [{ name: nameOf(sub.left), dist: null }];
  }
  if (sub.kind === 'apply' && sub.given === undefined && sub.args.every((a) => a.kind === 'sym')) {
    unnamedLaw(sub.f, sub);
    return sub.args.map((a) => ({ name: nameOf(a as SymNode), dist: null }));
  }
  if (sub.kind === 'list') return sub.items.flatMap((x) => subscriptVariables(x, c));
  throw new Unsupported('the subscript of an expectation must name random variables', sub.start, sub.end);
}

/** `P(X = 1 \\mid Y = 0)`, `D_{\\mathrm{KL}}(p \\| q)`, `p(x \\mid z)`: see probability.ts. */
function probabilityReading(n: Extract<Node, { kind: 'apply' }>, c: CompileEnv): Fn | null {
  const reading = readProbabilityApply(n, {
    known: (name) => c.locals.has(name) || lookupWithScope(c, name) !== null,
    random: (x) => !c.locals.has(x.name) && randomNamesIn(x, c).length > 0,
  });
  if (!reading) return null;
  if (reading.kind === 'probability') return compile(reading.node, c);
  if (reading.kind === 'unread') throw new Unsupported(reading.message, n.start, n.end);
  const laws = [reading.p, reading.q].map((x) => {
    const dist = lawOf(x, c);
    if (!dist)
      throw new Unsupported(
        `${printNode(x)} is not a declared distribution: the divergence is evaluated between laws ` +
          'written out (\\mathrm{Bernoulli}(a), \\mathcal{N}(\\mu, \\sigma^2), \\mathrm{Uniform}(a, b)), ' +
          'names defined as one (p := \\mathrm{Bernoulli}(0.3)) or random variables declared with one',
        x.start,
        x.end,
      );
    return { kind: dist.kind, fns: distributionFns(dist, c) };
  });
  const [p, q] = laws;
  if (p.kind !== q.kind)
    throw new Unsupported(
      `the divergence between a ${p.kind} and a ${q.kind} law is not evaluated ` +
        '(closed forms: two laws of one family)',
      n.start,
      n.end,
    );
  const params = (t: Trial, fns: DistFns) =>
    [fns.a, ...(fns.b ? [fns.b] : [])].map((g) => {
      const v = V.tensorOf(g(t), n);
      if (v.size !== 1)
        throw new Unsupported('the divergence is evaluated for laws with number parameters', n.start, n.end);
      return v.data[0];
    });
  return (t) => {
    const d = divergence(p.kind, params(t, p.fns), q.kind, params(t, q.fns));
    if (d === null || !Number.isFinite(d))
      throw new Unsupported(
        'the divergence is infinite here: q gives probability 0 where p does not',
        n.start,
        n.end,
      );
    return V.scalar(d);
  };
}

/** The law a divergence argument names: written out, a name defined as one, or a random variable's. */
function lawOf(x: Node, c: CompileEnv): Distribution | null {
  if (x.kind === 'call') return readDist(x);
  if (x.kind !== 'sym') return null;
  const entry = lookupWithScope(c, x.name)?.entry;
  if (entry?.kind === 'random') return entry.dist;
  if (entry?.kind === 'def' && !entry.params && entry.expr.kind === 'call') return readDist(entry.expr);
  return null;
}

function readDist(call: Extract<Node, { kind: 'call' }>) {
  if (call.fn === 'Bernoulli' && call.args.length === 1)
    return { kind: 'Bernoulli' as const, p: call.args[0] };
  if (call.fn === 'Normal' && call.args.length === 2)
    return { kind: 'Normal' as const, mean: call.args[0], variance: call.args[1] };
  if (call.fn === 'Uniform' && call.args.length === 2)
    return { kind: 'Uniform' as const, a: call.args[0], b: call.args[1] };
  return null;
}

function randomNamesIn(
  n: Node,
  c: CompileEnv,
  out: Set<string> = new Set(),
  seen: Set<Entry> = new Set(),
): string[] {
  const visit = (x: Node) => {
    if (x.kind === 'sym' && !c.locals.has(x.name)) {
      // The name itself, and for an entry `W_{ij}` the tensor W it belongs to.
      const names = x.subText !== null ? [x.name, x.stem] : [x.name];
      for (const name of names) {
        const e = lookupWithScope(c, name)?.entry;
        if (e?.kind === 'random') out.add(name);
        else if (e?.kind === 'decl' && c.env.lookupPattern(name)?.kind === 'random') out.add(name);
        else if (e?.kind === 'def' && !seen.has(e)) {
          seen.add(e);
          randomNamesIn(e.expr, c, out, seen);
        }
        if (e) break;
      }
      if (
        x.subText !== null &&
        !lookupWithScope(c, x.name) &&
        !lookupWithScope(c, x.stem) &&
        c.env.lookupPattern(x.stem)?.kind === 'random'
      )
        out.add(x.name);
    }
    for (const ch of childNodes(x)) visit(ch);
  };
  visit(n);
  return [...out];
}

import { children as childNodes } from '../model/names';
export { OverBudget, Resample };

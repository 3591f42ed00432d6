// The dispatcher over node kinds (compile) and the notation that needs no module of its own:
// numbers, arithmetic, powers and roots, groups and vectors, bars, norms, matrices, comparisons.
import { compileLimit } from '../limit';
import { daggerReading } from '../readingsLog';
import * as V from '../values';
import type { Val } from '../values';
import { type FunctionEntry, functionNamed } from '../../functions/registry';
import type { Node, SymNode } from '../../math/tree';
import { compileCirclePi, isNormaliserTwoPi, markNormaliser } from './circleConstant';
import { isDigitString, walk } from '../../model/names';
import { COMPILE_STEP_LIMIT, type CompileEnv, type Fn, lookupWithScope } from './context';
import { isBasisVector } from './basisVectors';
import { ShapeMismatch, Unsupported, VectorsSideBySide } from '../errors';
import { columnProductReading } from '../readingsLog';
import { compilers } from './table';
import { printNode } from '../../math/print';
import { compileElided, readElided } from '../elidedList';
import { readings } from './readings';
import { compileElidedDiagonal } from '../elidedMatrix';
import { compileIntegral } from '../integral';
import { compileSubstitution } from '../substitution';
import { compileSequenceStar } from '../sequences';
import { withDirections } from '../differentials';
import { blockMatrixOf, hasBlocks } from '../blockMatrix';
import { elision, juxtFactors, sumTerms } from '../elided';
import { notationPieces } from '../pieces';
import { isEvenPowerRadicand, isEvenRootExponent } from './rootOfSquare';

const INFINITY = V.scalar(Number.POSITIVE_INFINITY);

/** Relations that chain (`a < x \le b`, `a = b = c`): each link compares its two neighbours. */
const CHAINED = new Set(['<', '>', '\\le', '\\ge', '=', '\\neq']);

/** Functions that the grammar writes as notation (\\sqrt, |x|, ⌊x⌋, n!, \\binom). */
const SQRT = builtinFunction('sqrt'),
  ABS = builtinFunction('abs'),
  FLOOR = builtinFunction('floor');

const CEIL = builtinFunction('ceil'),
  FACTORIAL = builtinFunction('factorial'),
  BINOM = builtinFunction('binom');

const DET = builtinFunction('det');

/** A vector of two or more entries, as a list or a column. */
function isVector(v: Val): boolean {
  if ('kind' in v) return false;
  const { rank, shape } = v.v;
  return (rank === 1 && shape[0] > 1) || (rank === 2 && shape[1] === 1 && shape[0] > 1);
}

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
  markNormaliser(n);
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
      if (isDigitString(n))
        throw new Unsupported(
          `${n.text} is a string of digits (a binary word or a code), not a number: numbers are not ` +
            `written with a leading zero`,
          n.start,
          n.end,
        );
      const v = V.scalar(n.value);
      return (t) => t.literal(n, v);
    }
    case 'sym':
      return compilers.compileSym(n, c);
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
      // Euler's e to a square matrix is exp of it, with exp's two readings (values.ts). A document's
      // function named e (an error signal e(t), a propensity e(x)) is never raised bare to a power:
      // `e^{-at}` beside it is still the exponential.
      if (n.base.kind === 'sym' && n.base.name === 'e' && !c.locals.has('e') && !namesValue(c, 'e')) {
        const b = compile(n.exponent, c);
        return (t) => V.eulerPower(EULER, b(t), n);
      }
      const a = compile(n.base, c);
      const b = compile(n.exponent, c);
      if (isEvenRootExponent(n.exponent) && isEvenPowerRadicand(n.base))
        return (t) => {
          notationPieces.met = true;
          return V.power(a(t), b(t), n);
        };
      return (t) => V.power(a(t), b(t), n);
    }
    case 'post': {
      if (n.op === 'T' && n.operand.kind === 'group' && n.operand.items.length > 1) {
        const group = n.operand;
        // `[A, B]^T` of square matrices transposes the commutator (or block row); of numbers the
        // list is the column `[x_1, x_2]^T` is written to mean.
        if (group.open === '[' && group.items.length === 2) {
          const [x, y] = group.items.map((item) => compile(item, c));
          return (t) => {
            const a = x(t);
            const b = y(t);
            const v = V.bracketPair(a, b, group);
            return V.isMatrixPair(a, b) ? V.postfix('T', v, n) : v;
          };
        }
        return compile(group, c);
      }
      if (n.prime) return compilePrimeTranspose(n, n.operand, c);
      const a = compile(n.operand, c);
      if (n.dagger)
        return (t) => {
          daggerReading.met = true;
          return V.postfix(daggerReading.adjoint ? 'T' : 'pinv', a(t), n);
        };
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
      if (isEvenPowerRadicand(n.radicand))
        return (t) => {
          notationPieces.met = true;
          return V.call(SQRT, [a(t)], n);
        };
      return (t) => V.call(SQRT, [a(t)], n);
    }
    case 'group': {
      const elided = compilers.compileElidedGroup(n, c);
      if (elided) return elided;
      if (n.items.length === 1 && n.open === '[' && juxtFactors(n.items[0]).length > 1)
        return compileSideBySide(n, juxtFactors(n.items[0]), c);
      if (n.items.length === 1 && (n.open === '(' || n.open === '[' || isBraceBracket(n)))
        return compile(n.items[0], c);
      if (
        n.items.length > 1 &&
        (n.open === '(' || n.open === '[') &&
        n.items.every((x) => x.kind !== 'dots')
      ) {
        // `[1, 1, 1, 1]`, `(x_1, x_2)` and `[x_1, x_2]^T` are all written to mean a vector.
        const items = n.items.map((x) => compile(x, c));
        // `[A, B]` of square matrices: the commutator, or the block row (values.ts).
        if (n.open === '[' && items.length === 2) return (t) => V.bracketPair(items[0](t), items[1](t), n);
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
        // |v| of a vector is its length in geometry and physics, entrywise in some other notes.
        if (isVector(v)) {
          readings.metVectorBars = true;
          if (readings.barsAsLength) return V.norm(v, null, n);
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
      // `\|x\|_\infty`: ∞ names the norm, not a value the checker samples.
      const a = compile(n.operand, c);
      let p: Fn | 'F' | null = null;
      if (n.p)
        p =
          (n.p.kind === 'word' || n.p.kind === 'sym') && n.p.name === 'F'
            ? 'F'
            : n.p.kind === 'sym' && n.p.name === '\\infty'
              ? () => INFINITY
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
      // A written 0 among blocks is a zero block of the size its row and column give (blockMatrix.ts).
      const zeros = n.rows.map((r) => r.map((x) => x.kind === 'num' && x.value === 0));
      return (t) => {
        const values = rows.map((r) => r.map((f) => f(t)));
        return hasBlocks(values) ? blockMatrixOf(values, zeros, n) : V.matrixOf(values, n);
      };
    }
    case 'cases':
      return compilers.compileCases(n, c);
    case 'call':
      return compilers.compileCall(n, c);
    case 'apply':
      return compilers.compileApply(n, c);
    case 'bigop':
      return compilers.compileBigOp(n, c);
    case 'deriv':
      return compilers.compileDeriv(n, c);
    case 'prime':
      return compilers.compilePrime(n, c);
    case 'expect':
      return compilers.compileExpectation(n, c);
    case 'integral':
      return compileIntegral(n, c, compile);
    case 'at':
      return compileSubstitution(n, c, compile);
    case 'limit':
      return compileLimit(n, c, compile);
    case 'indicator': {
      const a = compile(n.cond, c);
      return (t) => a(t);
    }
    case 'cmp': {
      // `44 < X < 58`, `0 \le p \le 1`: a chain holds when each link does, as every reader takes it;
      // the grammar nests it to the left, and comparing the first link's truth (0 or 1) with 58
      // would make the event always true.
      if (CHAINED.has(n.op) && n.left.kind === 'cmp' && CHAINED.has(n.left.op) && !n.left.set && !n.set) {
        const first = compile(n.left, c);
        const middle = compile(n.left.right, c);
        const last = compile(n.right, c);
        return (t) => V.both(first(t), V.compare(n.op, middle(t), last(t), n), n);
      }
      const a = compile(n.left, c);
      const b = compile(n.right, c);
      return (t) => V.compare(n.op, a(t), b(t), n);
    }
    case 'subscript': {
      if (n.bracket) return compilers.compileBracket(n, c);
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
      const idx = n.indices.map((x, axis) => compilers.compileIndex(x, c, a, n.indices.length, axis));
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
    const sum = compilers.compileElidedSum(n, c);
    if (sum) return sum;
  }
  if (n.apply && n.left.kind === 'sym' && compilers.isFunctionName(n.left, c))
    return compile(compilers.callFirst(n.left, n.right), c);
  const directional = compilers.compileDirectional(n, c);
  if (directional) return directional;
  if (n.op === 'setminus')
    throw new Unsupported('a set difference A \\setminus B is not evaluated', n.start, n.end);
  const contraction = compilers.compileContraction(n, c);
  if (contraction) return contraction;
  const terms = sumTerms(n);
  const elided = terms?.some((x) => x.kind === 'dots') ? elision(terms!) : null;
  if (elided) return compile(compilers.elidedSum(elided, n), c);
  const a = compile(n.left, c);
  const b = isNormaliserTwoPi(n)
    ? compileCirclePi(n.right as SymNode, c, () => compile(n.right, c))
    : compile(n.right, c);
  const sized = sizedByPartner(n, a, b, c);
  if (sized) return sized;
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
    case 'times':
      return (t) => V.times(a(t), b(t), n);
    case 'cdot':
      return (t) => V.product(a(t), b(t), n, 'dot');
    case 'ast':
      return (t) => V.star(a(t), b(t), n, t.settings.star);
    case 'star':
      return (t) => V.star(a(t), b(t), n, 'correlation');
    case 'pm':
      throw new Unsupported('± is not evaluated', n.start, n.end);
    default: {
      // A vector the text declares (`u \in \mathbb{R}^n`) is a column: `u u` is a dropped transpose.
      const undeclared = !declaredName(n.left, c) && !declaredName(n.right, c);
      return (t) => {
        const x = a(t);
        const y = b(t);
        // Under the entrywise reading (claim.ts, tried after this error) the product is formed.
        if (undeclared && !columnProductReading.entrywise?.has(n) && sameLengthVectors(x, y))
          throw new VectorsSideBySide(sideBySide(x), n.start, n.end);
        return V.product(x, y, n, 'matmul');
      };
    }
  }
}

function declaredName(n: Node, c: CompileEnv): boolean {
  return n.kind === 'sym' && lookupWithScope(c, n.name)?.entry.kind === 'decl';
}

/**
 * `pq` of two vectors of one length: no matrix product, but quaternions written as 4-vectors,
 * complex numbers as pairs and entrywise products are written so. Vectors of different lengths
 * have no product of any of these kinds, and stay a shape error.
 */
function sameLengthVectors(x: Val, y: Val): boolean {
  return isVector(x) && isVector(y) && !('kind' in x) && !('kind' in y) && x.v.shape[0] === y.v.shape[0];
}

function sideBySide(x: Val): string {
  const n = 'kind' in x ? 0 : x.v.shape[0];
  return `cannot multiply ${n} by ${n}: two vectors of ${n} entries side by side have no matrix product`;
}

/**
 * Whether a node writes 𝟏 with no size (`\mathbf{1}`, not `\mathbf{1}_n`), or a basis vector `e_k`
 * (check/compile/basisVectors.ts), which its context sizes the same way.
 */
export function hasUnsizedOnes(n: Node, c?: CompileEnv): boolean {
  let found = false;
  walk(n, (x) => {
    if (x.kind === 'sym' && (x.name === '\\mathbf{1}' || (c !== undefined && isBasisVector(x, c))))
      found = true;
  });
  return found;
}

/**
 * A sum or product one of whose operands writes an unsized 𝟏 and the other does not: the other is
 * evaluated first and gives 𝟏 its size — its rows beside a sum or on the right of a product
 * (`z + c\mathbf{1}`, `\mathbf{1}^\top y`, `(\mathbf{1}\mathbf{1}^\top) x`), its columns on the left
 * of a product (`A\mathbf{1}`). A bare 𝟏 left of a product (`\mathbf{1} b^\top`) is sized by the
 * context around the product.
 */
function sizedByPartner(n: Extract<Node, { kind: 'bin' }>, a: Fn, b: Fn, c: CompileEnv): Fn | null {
  const left = hasUnsizedOnes(n.left, c);
  const right = hasUnsizedOnes(n.right, c);
  if (!left && !right) return null;
  const sum = n.op === '+' || n.op === '-' || n.op === 'odot';
  const product = n.op === 'juxt' || n.op === 'cdot';
  if (!sum && !product) return null;
  // `\mathbf{1} b^\top`: a column of ones left of a product is an outer product's left factor, as long
  // as the product has rows, which the context gives (`XW + \mathbf{1} b^\top`), not the row b^\top.
  if (product && left && n.left.kind === 'sym') return null;
  const combine = (x: Val, y: Val): Val =>
    n.op === '+'
      ? V.add(x, y, n)
      : n.op === '-'
        ? V.sub(x, y, n)
        : n.op === 'odot'
          ? V.hadamard(x, y, n)
          : V.product(x, y, n, n.op === 'cdot' ? 'dot' : 'matmul');
  // Both unsized (`\mathbf{1}^\top A \mathbf{1}`, `e_i^\top A e_j`): the left, once its own
  // context sized it, sizes the right.
  if (left && !right)
    return (t) => {
      const y = b(t);
      return combine(
        V.withOnesSize(V.rowsOf(y), () => a(t)),
        y,
      );
    };
  return (t) => {
    const x = a(t);
    return combine(
      x,
      V.withOnesSize(sum ? V.rowsOf(x) : V.columnCount(x), () => b(t)),
    );
  };
}

const ELIDED_HINT =
  'this elided pattern is not evaluated: its first and last terms must differ in one place, a whole ' +
  'number in the first and the bound in the last (x_1 + \\dots + x_n), or write it as \\sum_{i=1}^{n}; ' +
  'numbers before the dots may fit two patterns (1 + 2 + \\dots + 512: every number up to 512, or the ' +
  'powers of 2): a third term says which';

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

/**
 * `X'`, `(AB)'` read as a transpose (model/primeTranspose.ts, the parser for brackets). On a number,
 * or on what is no value (`(f \circ g)'(x)`), the prime is a derivative whose variable is not written.
 */
function compilePrimeTranspose(n: Node, operand: Node, c: CompileEnv): Fn {
  const notTranspose = () => new Unsupported(primeOnNumber(operand), n.start, n.end);
  // `y'` of `y = e^{2t}`: on a number, the derivative of its formula in its one variable.
  const derivative =
    operand.kind === 'sym' && operand.primes === 0
      ? compilers.barePrimed({ ...operand, name: `${operand.name}'`, stem: `${operand.stem}'`, primes: 1 }, c)
      : null;
  let a: Fn;
  try {
    a = compile(operand, c);
  } catch (e) {
    if (derivative) return derivative;
    throw e instanceof Unsupported || e instanceof ShapeMismatch ? notTranspose() : e;
  }
  return (t) => {
    let v: Val;
    try {
      v = a(t);
    } catch (e) {
      if (derivative && e instanceof Unsupported) return derivative(t);
      throw e instanceof Unsupported ? notTranspose() : e;
    }
    if (V.tensorOf(v, n).shape.length === 0) {
      if (derivative) return derivative(t);
      throw notTranspose();
    }
    return V.postfix('T', v, n);
  };
}

/** Why a prime on a number is not evaluated: it would be a derivative, whose variable is not written. */
function primeOnNumber(operand: Node): string {
  if (operand.kind === 'group')
    return (
      "a prime after a bracket ((f \\circ g)', (uv)') is not evaluated, since the variable is " +
      'not written: write the derivative with it, \\frac{d}{dx} f(g(x))'
    );
  return (
    `${printNode(operand)}' of a number is not a transpose: a derivative is written with its ` +
    "variable (\\frac{d}{dx}, f'(x)), and a new quantity is declared or defined (:=)"
  );
}

/**
 * `[v_1 \; v_2]`, `[u \ v \ w]`: column vectors of one length side by side in square brackets are
 * the matrix with those columns — their product cannot be formed. Anything else (`[Wx]_i`, numbers)
 * is the product written.
 */
function compileSideBySide(n: Extract<Node, { kind: 'group' }>, factors: Node[], c: CompileEnv): Fn {
  const product = compile(n.items[0], c);
  const columns = factors.map((x) => compile(x, c));
  return (t) => {
    const values = columns.map((f) => f(t));
    const length = (v: Val) => (!V.isIdentity(v) && v.v.rank === 1 ? v.v.shape[0] : 0);
    const first = length(values[0]);
    if (first > 1 && values.every((v) => length(v) === first)) return V.columnsOf(values, n);
    return product(t);
  };
}

const EULER = V.scalar(Math.E);

/** Whether the document's e here is a value (a number it defined), not nothing or a function. */
function namesValue(c: CompileEnv, name: string): boolean {
  const entry = lookupWithScope(c, name)?.entry;
  if (!entry) return false;
  return entry.kind !== 'fn' && !(entry.kind === 'def' && entry.params);
}

/**
 * `\exp\{-(\lambda t)^k\}`, `T\{Y - m(X)\}`: braces around one formula, where a value is wanted, are
 * brackets, as statistics writes its outer ones; a set of one member is no value to compute with.
 * Braces around a lone name or number (`\{x\}`, a singleton or a fractional part) stay unread.
 */
function isBraceBracket(n: Extract<Node, { kind: 'group' }>): boolean {
  if (n.open !== '\\{' || n.items.length !== 1) return false;
  const only = n.items[0];
  return only.kind !== 'sym' && only.kind !== 'num' && only.kind !== 'dots';
}

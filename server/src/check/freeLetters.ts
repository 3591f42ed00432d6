// Letters nothing declares, in a claim about numbers. "$2^{2n} = 4^n$", "$(a + b)^2 = a^2 + 2ab +
// b^2$", or `e_{ui} = r_{ui} - p_u^\top q_i` after "we observe ratings $r_{ui}$": the text never says
// what n, a, b or r_{ui} are, yet a careful reader checks such a claim for any numbers. When every
// name the claim (or a definition it uses) leaves unknown is such a letter, each is read as any real
// number, sampled like a declared one; as for the other objects a reader infers, the claim is
// verified when it holds at every sample and otherwise left unchecked, never refuted.
//
// What the letters must be, and why:
// - (bold, `\mathbf{w}`: any vector of three entries, where a vector fits: under a transpose or a
//   norm, after a matrix — an identity of vectors holds at any size, and one that needs a size
//   the text gives elsewhere fails to fit and stays unknown;)
// - a lower-case Latin letter (not Euler's e or the imaginary i) or lower-case Greek letter (not π),
//   perhaps with an accent (`\bar{x}`, `\hat{y}`) or a subscript: capitals usually name matrices and
//   random variables, for which `ab = ba` and `(a + b)^2 = a^2 + 2ab + b^2` are false;
// - written plainly (not bold, no prime: `y'` is a derivative) and never where only a vector or a
//   matrix fits: under a transpose, a norm, an inner product ⟨·,·⟩, ⊙, ⊗, ×, ∇, or as the argument
//   of a function of arrays (tr, diag, det, …); a reader who sees `x^\top x` knows x is not a number;
// - not inside an expectation or a probability (a random variable's law is not "any number"), unless
//   the claim also writes it outside them (`\mathbb{E}[e^{tZ}] = e^{t^2/2}`: the argument t);
// - not written before a bracket (`f(x)`, `a(b + c)`): the bracket may be a call — unless the claim
//   also writes the letter as a number (`2x e^x + x^2 e^x = x(x + 2) e^x`);
// - a subscript that mentions a letter a sum, product or integral binds (`\sum_i x_i`) makes a member
//   of a family: every member of that stem (`g_s` under the sum, `g_t` in the rule of a recurrence)
//   is then any real number of its own, drawn per index, as `g_i \in \mathbb{R}` would declare them,
//   so the family has as many members as the claim's indices reach.
// Any unknown name that is not such a letter leaves the claim unknown, all names listed.
import type { Node, SymNode } from '../math/tree';
import type { Claim, Entry } from '../model/types';
import { boundName, children, freeSymbols, walk } from '../model/names';
import { entryNodes, formulasNamed, reaches } from './relevant';
import { inferredReal, inferredScalar } from './inferredEntries';
import type { CompileEnv } from './compile/context';
import { functionNamed, isElementwise } from '../functions/registry';
import { readDistribution } from '../model/sets';
import { lawParameters } from '../model/lawParameters';

const LETTER =
  /^(?:[a-df-hj-z]|\\(?:alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|kappa|lambda|mu|nu|xi|rho|varrho|sigma|tau|upsilon|phi|varphi|chi|psi|omega))$/;

/** `\bar{x}`, `\hat{\beta}`: one accent over a letter. */
const ACCENTED = /^\\(?:bar|hat|tilde|overline|widehat|widetilde|check|breve|dot|ddot)\{(.+)\}$/;

/**
 * A plain lower-case Greek letter (`\eta`, `\hat{\lambda}`), which a reader takes for a number where
 * nothing says otherwise: a Latin letter beside arrays (`u v^\top`) is as often a vector.
 */
export function isGreekNumberLetter(s: SymNode): boolean {
  const letter = baseLetter(s);
  return LETTER.test(letter) && letter.startsWith('\\') && s.primes === 0 && s.font === undefined;
}

function baseLetter(s: SymNode): string {
  const m = ACCENTED.exec(s.base);
  return m ? m[1] : s.base;
}

/**
 * The unknown names of a compiled claim as real numbers, when every one of them is a letter a reader
 * takes for any number (above); null when one is not.
 */
export function freeLetterEntries(
  claim: Pick<Claim, 'op' | 'lhs' | 'rhs' | 'assumptions' | 'env' | 'block'>,
  c: CompileEnv,
): Map<string, Entry> | null {
  const unknown = c.unknown;
  // Numbers drawn at random are almost never equal, so `n \ne 0` would hold at every sample: a
  // reader takes it as a condition on n, not as a fact about any number.
  if (unknown.size === 0 || claim.op === '\\neq') return null;
  // A capital is read so only when written somewhere nothing but a number fits (below): `T` of
  // `\cos(\pi t / T)`.
  const capitals = new Set<string>();
  for (const n of unknown.values()) {
    if (n.primes > 0) return null;
    if (COUNT_CAPITAL.test(baseLetter(n))) capitals.add(n.name);
    else if (!LETTER.test(baseLetter(n))) return null;
  }
  const writtenAsNumber = lettersOutsideCalls([claim.lhs, claim.rhs, ...definitionsUsed(claim)]);
  let fits = true;
  const bold = new Set<string>();
  const plain = new Set<string>();
  const families = new Set<string>();
  const seenEntries = new Set<Entry>();
  // Capitals written somewhere only a number fits: a number wherever else the claim writes them.
  const numbered = new Set<string>();
  // Whether the claim, or a definition it uses, writes a vector or a matrix (a lone capital, below).
  let writesArrays = false;
  // `\mathbb{E}[e^{tZ}] = e^{t^2/2}`: a letter the claim also writes outside every expectation is no
  // random variable of it (its value would make the claim itself random) but a number it depends on,
  // the argument of a generating function: any real number inside the brackets too.
  const outsideExpectations = lettersOutsideExpectations([claim.lhs, claim.rhs]);
  // The logits of softmax are a vector, as a bold letter is.
  const { vectors: logits, numbers: logitScales } = logitLetters([
    claim.lhs,
    claim.rhs,
    ...definitionsUsed(claim),
  ]);
  const visit = (
    x: Node,
    bound: ReadonlySet<string>,
    arrayOnly: boolean,
    random: boolean,
    numberOnly = false,
  ) => {
    if (!fits) return;
    if (x.kind === 'sym') {
      if (!unknown.has(x.name)) {
        const entry =
          claim.env.lookup(x.name, claim.block) ??
          (x.subText !== null ? claim.env.lookup(x.stem, claim.block) : null);
        if (entry?.kind === 'decl' && entry.spec.shape.length > 0) writesArrays = true;
        if (entry && !seenEntries.has(entry)) {
          seenEntries.add(entry);
          for (const y of entryNodes(entry)) visit(y, bound, false, false);
        }
        return;
      }
      // Bold marks a vector: any vector, wherever a vector fits; a plain letter, any number.
      const isBold = x.font === 'bold' || (logits.has(x.name) && x.font === undefined);
      if (isBold) writesArrays = true;
      if (capitals.has(x.name) && (arrayOnly || isBold)) fits = false;
      if (capitals.has(x.name) && numberOnly) numbered.add(x.name);
      (isBold ? bold : plain).add(x.name);
      const randomHere = random && !outsideExpectations.has(x.name);
      if (
        (arrayOnly && !isBold && !logitScales.has(x.name)) ||
        randomHere ||
        (x.font !== undefined && !isBold) ||
        x.primes > 0
      )
        fits = false;
      else if ((x.sub ?? []).some((s) => [...freeSymbols(s)].some((n) => bound.has(n)))) {
        if (isBold) fits = false;
        else families.add(x.stem);
      }
      return;
    }
    // `f(x)` may be a call; but a letter the claim also writes as a number (`2x e^x = x(x + 2) e^x`)
    // is a number before a bracket too.
    if (
      (x.kind === 'apply' || x.kind === 'prime') &&
      unknown.has(x.f.name.replace(/'+$/, '')) &&
      !(x.kind === 'apply' && x.f.primes === 0 && writtenAsNumber.has(x.f.name))
    ) {
      fits = false;
      return;
    }
    // `\frac{\partial x}{\partial p}`: what is differentiated depends on something; a constant's
    // derivative would make the claim hold vacuously.
    if (x.kind === 'deriv' && x.of?.kind === 'sym' && unknown.has(x.of.name)) {
      fits = false;
      return;
    }
    // `\nabla_{\mathbf{w}} E(\mathbf{m}_N)`: in a letter nothing else mentions, the derivative is zero
    // whatever the author meant (here the gradient at m_N), so it would hold vacuously.
    if (x.kind === 'deriv' && x.wrt.kind === 'sym' && unknown.has(x.wrt.name) && x.of) {
      if (!reaches(x.of, x.wrt.name, claim.env, claim.block)) {
        fits = false;
        return;
      }
    }
    // `A - \lambda I`, `sI - A`: a letter scaling the identity is a number, even where only arrays fit
    // (under \det, a transpose): λI is how a scalar matrix is written.
    if (x.kind === 'bin' && (x.op === 'juxt' || x.op === 'cdot')) {
      const scale = scalesIdentity(x);
      if (scale) {
        visit(scale, bound, false, random, true);
        return;
      }
    }
    // `X\beta`, `A^\top b`, `(X'X)^{-1} y`: what a matrix multiplies is a vector.
    if (x.kind === 'bin' && (x.op === 'juxt' || x.op === 'cdot')) {
      const after = leftmostFactor(x.right);
      if (
        after.kind === 'sym' &&
        after.font !== 'bold' &&
        unknown.has(after.name) &&
        isMatrixLike(rightmostFactor(x.left))
      ) {
        fits = false;
        return;
      }
    }
    if (x.kind === 'matrix') {
      writesArrays = true;
      // The entries of a matrix written out are numbers (`\det\begin{pmatrix} 2 - \lambda & 1 \\ …`),
      // whatever takes the matrix; a capital there may be a block, and stays as the context reads it.
      for (const row of x.rows)
        for (const cell of row) visit(cell, bound, arrayOnly && writesCapital(cell), random, numberOnly);
      return;
    }
    if (x.kind === 'subscript' && x.base.kind === 'sym' && unknown.has(x.base.name)) {
      fits = false;
      return;
    }
    if (x.kind === 'apply' || x.kind === 'prime') visit(x.f, bound, arrayOnly, random);
    const binder = boundName(x);
    const inner = binder ? new Set([...bound, binder]) : bound;
    const arrays = arrayOnly || onlyArrays(x);
    const rand = random || x.kind === 'expect' || x.kind === 'indicator';
    for (const ch of children(x))
      visit(
        ch,
        x.kind === 'bigop' && ch !== x.body ? bound : inner,
        arrays,
        rand,
        numberOnly || onlyNumbers(x, ch),
      );
  };
  for (const side of [claim.lhs, claim.rhs, ...claim.assumptions]) visit(side, new Set(), false, false);
  if (!fits || [...bold].some((name) => plain.has(name))) return null;
  // `\frac{K}{s(\tau s + 1)} = K\left(\frac{1}{s} - \frac{\tau}{\tau s + 1}\right)`: one capital in a
  // formula of letters read as numbers is a constant it scales by (a gain, a face value). Were it a
  // matrix, every side would be a function of that one matrix, and those commute: the identity of
  // numbers says the same. Alone (`A + A = 2A`), nothing marks it as a number, and it stays unknown.
  const loose = [...capitals].filter((name) => !numbered.has(name));
  const letters = [...unknown.keys()].filter((name) => !capitals.has(name) && !bold.has(name));
  if (loose.length > 1 || (loose.length === 1 && (writesArrays || letters.length === 0))) return null;
  const entries = new Map<string, Entry>();
  const counted = lettersUnderFactorial([claim.lhs, claim.rhs, ...claim.assumptions]);
  const scales = lawScales([claim.lhs, claim.rhs, ...claim.assumptions, ...definitionsUsed(claim)]);
  for (const [name, sym] of unknown) {
    if (families.has(sym.stem) && sym.subText !== null)
      entries.set(anyFamilyKey(sym.stem), anyFamily(sym.stem));
    else if (families.has(name))
      return null; // `g` beside `g_s`: a number and a family at once
    else if (bold.has(name)) entries.set(name, anyVector(name, logits.has(name) ? LOGITS_HOW : BOLD_HOW));
    else if (scales.has(name)) entries.set(name, anyScale(name));
    else entries.set(name, counted.has(name) ? anyCount(name) : anyReal(name));
  }
  return entries;
}

/** The names written in `nodes` outside every expectation, probability and indicator. */
function lettersOutsideExpectations(nodes: Node[]): Set<string> {
  const out = new Set<string>();
  const visit = (x: Node) => {
    if (x.kind === 'expect' || x.kind === 'indicator') return;
    if (x.kind === 'sym') out.add(x.name);
    for (const ch of children(x)) visit(ch);
  };
  for (const n of nodes) visit(n);
  return out;
}

/**
 * The definitions of the known names a claim writes: `F(1 + y)^{-T}` beside P, defined as
 * `\sum_t \frac{C}{(1+y)^t} + \frac{F}{(1+y)^T}`, where F is written as a number.
 */
function definitionsUsed(claim: Pick<Claim, 'lhs' | 'rhs' | 'env' | 'block'>): Node[] {
  return formulasNamed([claim.lhs, claim.rhs], (x) => claim.env.lookup(x.name, claim.block));
}

/**
 * Letters written under a factorial (`k` of `(2k)!`, `n!`) or in a binomial coefficient with Latin
 * letters (`\binom{n}{k}`, `\binom{n-1}{k-1}`): counts, not any real numbers. A Greek letter there
 * (`\binom{\alpha}{k}`) is the real upper argument of the general binomial series, and stays real.
 */
function lettersUnderFactorial(sides: Node[]): Set<string> {
  const out = new Set<string>();
  const visit = (x: Node, under: boolean) => {
    if (x.kind === 'sym' && under) out.add(x.name);
    if (x.kind === 'binom' && !someSym([x.n, x.r], (s) => s.base.startsWith('\\'))) {
      for (const ch of children(x)) visit(ch, true);
      return;
    }
    for (const ch of children(x)) visit(ch, under || x.kind === 'fact');
  };
  for (const side of sides) visit(side, false);
  return out;
}

function someSym(nodes: Node[], test: (s: SymNode) => boolean): boolean {
  let found = false;
  const visit = (x: Node) => {
    if (found) return;
    if (x.kind === 'sym' && test(x)) found = true;
    for (const ch of children(x)) visit(ch);
  };
  for (const n of nodes) visit(n);
  return found;
}

/** The letters written other than before a bracket (`x` in `2x e^x`, not in `x(x + 2)`). */
export function lettersOutsideCalls(sides: Node[]): Set<string> {
  const out = new Set<string>();
  const visit = (x: Node) => {
    if (x.kind === 'sym') out.add(x.name);
    const kids = x.kind === 'apply' || x.kind === 'prime' ? x.args : children(x);
    for (const ch of kids) visit(ch);
  };
  for (const side of sides) visit(side);
  return out;
}

function leftmostFactor(x: Node): Node {
  return x.kind === 'bin' && (x.op === 'juxt' || x.op === 'cdot') ? leftmostFactor(x.left) : x;
}

function rightmostFactor(x: Node): Node {
  return x.kind === 'bin' && (x.op === 'juxt' || x.op === 'cdot') ? rightmostFactor(x.right) : x;
}

/** A capital or bold letter (`X`, `\Sigma`, `\mathbf{W}`), its transpose, inverse or power, or a bracket ending in one. */
function isMatrixLike(x: Node): boolean {
  switch (x.kind) {
    case 'sym':
      return (
        x.font === 'bold' ||
        /^(?:[A-Z]|\\(?:Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Phi|Psi|Omega))$/.test(baseLetter(x))
      );
    case 'post':
      return true;
    case 'pow':
      return isMatrixLike(x.base);
    case 'group':
      return x.items.length === 1 && isMatrixLike(rightmostFactor(x.items[0]));
    case 'matrix':
      return true;
    case 'bin':
      // `(I - H) y`: a sum or difference with a matrix in it.
      return (
        (x.op === '+' || x.op === '-') &&
        (isMatrixLike(rightmostFactor(x.left)) || isMatrixLike(rightmostFactor(x.right)))
      );
    case 'neg':
      return isMatrixLike(rightmostFactor(x.operand));
    default:
      return false;
  }
}

/**
 * Capitals a text uses for counts and constants (T steps, N samples, K classes, L a Lipschitz
 * constant); not I, the identity.
 */
const COUNT_CAPITAL = /^[A-HJ-Z]$/;

/** Functions whose argument is a number in any notes (not exp or a root, which matrices take too). */
const SCALAR_ONLY_FUNCTIONS = new Set(['cos', 'sin', 'tan', 'log', 'ln']);

/**
 * Whether `child` of `x` stands where only a number fits: a divisor (`\frac{\pi t}{T}`, `t / T`), the
 * bound of a sum or product, the argument of a trigonometric function or a logarithm, the exponent of
 * a power of anything but Euler's e. There a
 * capital names a number (a count, a constant), not a matrix or a random variable.
 */
function onlyNumbers(x: Node, child: Node): boolean {
  switch (x.kind) {
    case 'frac':
      return child === x.denominator;
    case 'bin':
      return x.op === '/' && child === x.right;
    case 'bigop':
      return child !== x.body;
    case 'call':
      return SCALAR_ONLY_FUNCTIONS.has(x.fn);
    case 'pow':
      // `(1 + y)^{-T}`: a number raised to a power takes a number; e^{At} takes a matrix.
      if (child === x.exponent) return !(x.base.kind === 'sym' && x.base.name === 'e');
      // `K^{0.3} L^{0.7}`: a power with a decimal exponent no root names (not ½, 1.5: `\Sigma^{0.5}`
      // may be a matrix root) is of a number; no one raises a matrix to the 0.3.
      return child === x.base && oddDecimalExponent(x.exponent);
    default:
      return false;
  }
}

function oddDecimalExponent(n: Node): boolean {
  const x = n.kind === 'neg' ? n.operand : n;
  return x.kind === 'num' && x.text.includes('.') && !Number.isInteger(x.value * 2);
}

/** Whether a cell writes a capital letter: perhaps a block. */
function writesCapital(n: Node): boolean {
  let found = false;
  const visit = (x: Node) => {
    if (found) return;
    if (x.kind === 'sym' && /^[A-Z]/.test(x.base)) found = true;
    for (const ch of children(x)) visit(ch);
  };
  visit(n);
  return found;
}

/** The letter of `\lambda I` or `I \lambda` (I the identity, perhaps sized `I_n`), or null. */
export function scalesIdentity(x: Extract<Node, { kind: 'bin' }>): SymNode | null {
  const identity = (n: Node) =>
    n.kind === 'sym' && (n.stem === 'I' || n.stem === '\\mathbb{I}') && n.primes === 0;
  if (identity(x.right) && x.left.kind === 'sym' && !identity(x.left)) return x.left;
  if (identity(x.left) && x.right.kind === 'sym' && !identity(x.right)) return x.right;
  return null;
}

/** A construct whose operands are vectors or matrices, never plain numbers. */
function onlyArrays(x: Node): boolean {
  switch (x.kind) {
    case 'post':
    case 'norm':
      return true;
    case 'bin':
      // `2 \times c v` scales by a number: × is a cross product only between two non-numbers.
      return (
        x.op === 'odot' ||
        x.op === 'otimes' ||
        (x.op === 'times' && x.left.kind !== 'num' && x.right.kind !== 'num')
      );
    case 'group':
      return x.open === '\\langle';
    case 'deriv':
      return x.style === 'nabla';
    case 'call':
      // `\max(a, b)` compares numbers; `\max(x)`, `\operatorname{tr}(x)`, `\operatorname{diag}(x)`
      // take arrays. A law's parameters (`\mathcal{N}(\mu, \sigma^2)` in a KL divergence) are numbers.
      return (
        !isNumberFunction(x.fn) &&
        !((x.fn === 'max' || x.fn === 'min') && x.args.length > 1) &&
        readDistribution(x) === null
      );
    default:
      return false;
  }
}

/** Functions of numbers besides the elementwise ones (`\sin`, `\log`, `|·|`, …). */
const NUMBER_FUNCTIONS = new Set(['round', 'factorial', 'binom']);

function isNumberFunction(name: string): boolean {
  const f = functionNamed(name);
  return f !== null && (isElementwise(f) || NUMBER_FUNCTIONS.has(name));
}

/** Entries of a vector nothing sizes: three, enough for an identity of vectors to show itself. */
const VECTOR_SIZE = 3;

const BOLD_HOW = 'as a bold letter that nothing declares';

/** How the reading names the letter softmax is applied to. */
export const LOGITS_HOW = 'as the logits of softmax, a vector, which nothing declares';

export function anyVector(name: string, how = BOLD_HOW): Entry {
  const size: Node = { kind: 'num', value: VECTOR_SIZE, text: String(VECTOR_SIZE), start: 0, end: 0 };
  return {
    kind: 'decl',
    name,
    pattern: false,
    spec: { set: 'real', shape: [size] },
    at: 0,
    inferred: {
      how,
      kind: `any vector (of ${VECTOR_SIZE} entries)`,
      declare: `${name} \\in \\mathbb{R}^{n}`,
    },
  };
}

/**
 * The scale letters of the laws a claim writes (σ of `\mathcal{N}(\mu, \sigma^2)`, a Poisson or
 * exponential rate): positive numbers, as model/lawParameters.ts reads them after `\sim`.
 */
function lawScales(sides: readonly Node[]): Set<string> {
  const out = new Set<string>();
  for (const side of sides)
    walk(side, (x) => {
      const dist = x.kind === 'call' ? readDistribution(x) : null;
      if (!dist) return;
      for (const p of lawParameters(dist)) if (p.spec.set === 'positive') out.add(p.sym.name);
    });
  return out;
}

/** A law's scale nothing declares: any positive number, as `\sigma > 0` would declare it. */
function anyScale(name: string): Entry {
  return {
    kind: 'decl',
    name,
    pattern: false,
    spec: { set: 'positive', shape: [] },
    at: 0,
    inferred: {
      how: "as the scale of a law's variance or a rate, which nothing declares",
      kind: 'any positive number',
      declare: `${name} > 0`,
    },
  };
}

/** A letter under a factorial: any positive integer, as `k \\in \\mathbb{N}` would declare it. */
function anyCount(name: string): Entry {
  return inferredScalar(
    name,
    'as a count (under a factorial or in a binomial coefficient) that nothing declares',
    'natural',
  );
}

/** How the reading names a letter nothing declares, read as any real number. */
export const FREE_LETTER_HOW = 'as a letter that nothing declares';

function anyReal(name: string): Entry {
  return inferredReal(name, FREE_LETTER_HOW);
}

/** Where a family read as any real numbers is kept among the claim's variables. */
export function anyFamilyKey(stem: string): string {
  // Not a name a document can write, so it never shadows one.
  return `any family ${stem}`;
}

/** Members `g_1, g_2, …` of a family nothing declares: each any real number, drawn per index. */
function anyFamily(stem: string): Entry {
  return {
    kind: 'decl',
    name: stem,
    pattern: true,
    spec: { set: 'real', shape: [] },
    at: 0,
    inferred: {
      how: `as a family of letters that nothing declares (${stem}_i)`,
      kind: 'any real numbers, one per index',
      declare: `${stem}_i \\in \\mathbb{R}`,
    },
  };
}

/** Functions of a whole vector whose value at one number says nothing (softmax of a number is 1). */
const VECTOR_FUNCTIONS = new Set(['softmax', 'logsumexp']);

/**
 * The letters written in the argument of softmax or log-sum-exp, as a reader takes them: plain
 * Latin letters (`z` of `\operatorname{softmax}(z)`, `\mathrm{softmax}(z + c\mathbf{1})`,
 * `\mathrm{softmax}(z/\tau)`) are logits, a vector — softmax of one number is 1, and an identity of
 * it holds vacuously; a Greek letter (τ, β), a divisor, or a letter that multiplies a vector
 * (`c\mathbf{1}`) is a number.
 */
export function logitLetters(sides: readonly Node[]): { vectors: Set<string>; numbers: Set<string> } {
  const vectors = new Set<string>();
  const numbers = new Set<string>();
  const collect = (x: Node, number: boolean) => {
    if (x.kind === 'sym') {
      if (x.font !== undefined || x.primes > 0) return;
      const letter = baseLetter(x);
      if (!number && /^[a-df-hj-z]$/.test(letter)) vectors.add(x.name);
      else if (LETTER.test(letter)) numbers.add(x.name);
      return;
    }
    if (x.kind === 'bin' && (x.op === 'juxt' || x.op === 'cdot')) {
      // A bold letter, or 𝟏 (`\mathbf{1}` is a name of its own, with no font).
      const vector = (y: Node) =>
        y.kind === 'sym' && (y.font === 'bold' || /^\\(?:mathbf|mathbb|boldsymbol|bm)\{/.test(y.base));
      collect(x.left, number || vector(rightmostFactor(x.right)) || vector(leftmostFactor(x.right)));
      collect(x.right, number || vector(rightmostFactor(x.left)));
      return;
    }
    if (x.kind === 'bin' && (x.op === '+' || x.op === '-' || x.op === '/')) {
      collect(x.left, number);
      collect(x.right, number || x.op === '/');
      return;
    }
    if (x.kind === 'frac') {
      collect(x.numerator, number);
      collect(x.denominator, true);
      return;
    }
    if (x.kind === 'group' && x.items.length === 1) collect(x.items[0], number);
    if (x.kind === 'neg') collect(x.operand, number);
  };
  for (const side of sides)
    walk(side, (x) => {
      if (x.kind === 'call' && VECTOR_FUNCTIONS.has(x.fn) && x.args.length === 1) collect(x.args[0], false);
    });
  for (const name of vectors) numbers.delete(name);
  return { vectors, numbers };
}

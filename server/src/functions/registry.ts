// Every named function derivcheck knows, in one table: how it is spelled, how many arguments it
// takes, its kernel with its derivative (a dual op from the engine), and where it is defined.
// The parser reads the spellings (math/vocabulary.ts), the evaluator the rest (check/values.ts,
// check/evaluate.ts), and the one-pass Jacobian planner (check/jacobian.ts) differentiates any
// elementwise entry through its dual. This module depends on the engine only, so that math/
// can read it without reaching into check/. Adding a function is one entry here plus a fixture
// line (README, "To add a function").
import * as E from '../engine';
import type { AdContext, Dual, DualBinary, DualUnary } from '../engine';
import { normalDensity } from './normalDensity';

/** Where an elementwise function is defined; outside it a sample is drawn again. */
export interface Domain {
  holds: (x: number) => boolean;
  /** The condition as a reader writes it, with x for the argument: `x > 0`. */
  text: string;
}

/** What a subscript on the name means: a logarithm's base, or the index of a reduction (`\max_i`). */
export type SubscriptRole = 'base' | 'index';

interface Common {
  /** Canonical name: what the tree's call nodes hold. */
  name: string;
  /**
   * Spellings: `\sinh` is a command; a word (`asinh`) is read in `\operatorname{…}`, `\mathrm{…}`,
   * `\text{…}` or bare when applied, case-insensitively. The first spelling is how it prints.
   */
  spellings: readonly string[];
  /** Symbols that name this function when applied and not declared or defined (`\Gamma(x)`). */
  symbols?: readonly string[];
  /** What it is, for messages and documentation. */
  about: string;
  /** Number of arguments: exact, or [least, most]. */
  arity: number | readonly [number, number];
  subscript?: SubscriptRole;
  /**
   * Takes one vector, so several numbers written as its arguments are that vector's entries
   * (`\operatorname{softmax}(8, 0)`, `\diag(1, 2, 3)`), as a reader of a chat answer takes them.
   */
  listedEntries?: boolean;
  /** How it prints when its first spelling would read back as something else. */
  print?: string;
}

export type FunctionEntry =
  /** Applied entry by entry; the dual carries the derivative. */
  | (Common & { kind: 'elementwise'; dual: DualUnary; domain?: Domain })
  /** Two arguments broadcast entry by entry; `domain` constrains the second (a modulus, a divisor). */
  | (Common & { kind: 'elementwise2'; dual: DualBinary; domain?: Domain })
  /** A function of whole tensors (softmax, det, …), differentiable through its dual. */
  | (Common & { kind: 'tensor'; dual: (args: Dual[], ctx: AdContext) => Dual })
  /** Evaluated by check/values.ts, which needs the checker's errors and budgets (conv, max, diag, …). */
  | (Common & { kind: 'special' })
  /** Read, but not evaluated: the reason is the claim's. */
  | (Common & { kind: 'unevaluated'; reason: string });

const listed: Partial<Common> = { listedEntries: true };

const positive: Domain = { holds: (x) => x > 0, text: 'x > 0' };
const nonNegative: Domain = { holds: (x) => x >= 0, text: 'x ≥ 0' };
const unitInterval: Domain = { holds: (x) => x >= -1 && x <= 1, text: '|x| ≤ 1' };
const nonZero: Domain = { holds: (x) => x !== 0, text: 'x ≠ 0' };

const elementwise = (
  name: string,
  spellings: string[],
  about: string,
  dual: DualUnary,
  domain?: Domain,
  extra: Partial<Common> = {},
): FunctionEntry => ({
  kind: 'elementwise',
  name,
  spellings,
  about,
  arity: 1,
  dual,
  ...(domain ? { domain } : {}),
  ...extra,
});

/**
 * Softmax of a matrix normalises each column (a column per sample) or, in attention notes, each
 * row. The checker tries the other reading when the first fails (check/claim.ts), as with |A|.
 */
export const softmaxReading = { rows: false, metMatrix: false };

/**
 * σ(n) at a positive whole number is, in number theory, the sum of the divisors of n (σ(12) = 28);
 * elsewhere σ is the logistic sigmoid. The checker tries the divisor sum when the sigmoid reading
 * fails on a claim that applies σ to whole numbers (check/claim.ts).
 */
export const sigmaReading = { divisorSum: false, metWholeNumber: false };

const MAX_DIVISOR_ARGUMENT = 1e7;

/**
 * Eigenvalues named in words ("$\\lambda_i$ are the eigenvalues of $A$", model/spectrumWords.ts) come
 * in no stated order: decreasing first, increasing on the second reading (claim/readings.ts); a claim
 * on the whole family (a sum, a product) is the same either way.
 */
export const eigenOrderReading = { increasing: false, met: false };

/**
 * A matrix's eigenvalues or singular values as a vector, in the order the text stated, or (for
 * eigenvalues) in the order of the reading when it stated none.
 */
const spectrumFamily = (kind: 'eigen' | 'singular', order: 'unstated' | 'decreasing' | 'increasing') =>
  tensor(
    `${kind === 'eigen' ? 'eigenvalues' : 'singularvalues'}${order === 'unstated' ? '' : order}`,
    [],
    `the ${kind === 'eigen' ? 'eigenvalues of a symmetric matrix' : 'singular values'}` +
      (order === 'unstated' ? '' : `, in ${order} order`),
    ([a], ctx) => {
      if (kind === 'eigen' && order === 'unstated') eigenOrderReading.met = true;
      const increasing = order === 'increasing' || (order === 'unstated' && eigenOrderReading.increasing);
      return E.dSpectrum(a, kind, increasing, ctx);
    },
    1,
  );

function divisorSum(n: number): number {
  let total = 0;
  for (let d = 1; d * d <= n; d++) {
    if (n % d !== 0) continue;
    total += d;
    if (d * d !== n) total += n / d;
  }
  return total;
}

function sigmoidOrDivisorSum(a: Dual, ctx: AdContext): Dual {
  const x = a.v.size === 1 ? a.v.data[0] : Number.NaN;
  const whole = Number.isInteger(x) && x >= 2 && x <= MAX_DIVISOR_ARGUMENT;
  if (whole) sigmaReading.metWholeNumber = true;
  if (whole && sigmaReading.divisorSum) return { v: E.Tensor.scalar(divisorSum(x)), d: null };
  return E.dSigmoid(a, ctx);
}

function softmaxOf(a: Dual): Dual {
  const matrix = a.v.rank === 2 && a.v.shape[0] > 1 && a.v.shape[1] > 1;
  if (matrix) softmaxReading.metMatrix = true;
  return E.dSoftmax(a, matrix && softmaxReading.rows ? 1 : 0);
}

const tensor = (
  name: string,
  spellings: string[],
  about: string,
  dual: (args: Dual[], ctx: AdContext) => Dual,
  arity: Common['arity'] = 1,
  extra: Partial<Common> = {},
): FunctionEntry => ({
  kind: 'tensor',
  name,
  spellings,
  about,
  arity,
  dual,
  ...extra,
});

/** `\lambda_{\max}`, `\lambda_{\text{max}}`, `\lambda_{\mathrm{max}}`: the symbols a function of one matrix is written as. */
const spectral = (
  name: string,
  letter: string,
  extreme: 'max' | 'min',
  about: string,
  dual: (a: Dual, ctx: AdContext) => Dual,
): FunctionEntry => ({
  kind: 'tensor',
  name,
  spellings: [],
  symbols: [`\\${extreme}`, `\\text{${extreme}}`, `\\mathrm{${extreme}}`, `\\operatorname{${extreme}}`].map(
    (sub) => `${letter}_{${sub}}`,
  ),
  about,
  arity: 1,
  dual: ([a], ctx) => dual(a, ctx),
  print: `${letter}_{\\${extreme}}`,
});

const special = (
  name: string,
  spellings: string[],
  about: string,
  arity: Common['arity'],
  extra: Partial<Common> = {},
): FunctionEntry => ({
  kind: 'special',
  name,
  spellings,
  about,
  arity,
  ...extra,
});

const unevaluated = (
  name: string,
  spellings: string[],
  reason: string,
  arity: Common['arity'] = [1, 8],
): FunctionEntry => ({
  kind: 'unevaluated',
  name,
  spellings,
  about: reason,
  arity,
  reason,
});

export const FUNCTIONS: readonly FunctionEntry[] = [
  // Exponentials and logarithms.
  elementwise('exp', ['\\exp', 'exp'], 'the exponential', E.dExp),
  elementwise(
    'log',
    ['\\log', '\\ln', 'log', 'ln'],
    'the natural logarithm (\\log_b: base b)',
    E.dLog,
    positive,
    { subscript: 'base' },
  ),
  elementwise('sqrt', ['sqrt'], 'the square root', E.dSqrt, nonNegative),
  // Trigonometric functions and their inverses.
  elementwise('sin', ['\\sin', 'sin', '\\sen'], 'the sine', E.dSin),
  elementwise('cos', ['\\cos', 'cos'], 'the cosine', E.dCos),
  elementwise('tan', ['\\tan', 'tan', '\\tg'], 'the tangent', E.dTan),
  elementwise('cot', ['\\cot', 'cot', '\\ctg', '\\cotg'], 'the cotangent', E.dCot),
  elementwise('sec', ['\\sec', 'sec'], 'the secant', E.dSec),
  elementwise('csc', ['\\csc', 'csc', 'cosec', '\\cosec'], 'the cosecant', E.dCsc),
  elementwise('asin', ['\\arcsin', 'arcsin', 'asin', '\\arcsen'], 'the inverse sine', E.dAsin, unitInterval),
  elementwise('acos', ['\\arccos', 'arccos', 'acos'], 'the inverse cosine', E.dAcos, unitInterval),
  elementwise('atan', ['\\arctan', 'arctan', 'atan', '\\arctg'], 'the inverse tangent', E.dAtan),
  // Hyperbolic functions and their inverses.
  elementwise('sinh', ['\\sinh', 'sinh', '\\sh'], 'the hyperbolic sine', E.dSinh),
  elementwise('cosh', ['\\cosh', 'cosh', '\\ch'], 'the hyperbolic cosine', E.dCosh),
  elementwise('tanh', ['\\tanh', 'tanh', '\\th'], 'the hyperbolic tangent', E.dTanh),
  elementwise('coth', ['\\coth', 'coth', '\\cth'], 'the hyperbolic cotangent', E.dCoth, nonZero),
  elementwise('sech', ['sech'], 'the hyperbolic secant', E.dSech),
  elementwise('csch', ['csch'], 'the hyperbolic cosecant', E.dCsch, nonZero),
  elementwise('asinh', ['asinh', 'arsinh', 'arcsinh'], 'the inverse hyperbolic sine', E.dAsinh),
  elementwise('acosh', ['acosh', 'arcosh', 'arccosh'], 'the inverse hyperbolic cosine', E.dAcosh, {
    holds: (x) => x >= 1,
    text: 'x ≥ 1',
  }),
  elementwise('atanh', ['atanh', 'artanh', 'arctanh'], 'the inverse hyperbolic tangent', E.dAtanh, {
    holds: (x) => x > -1 && x < 1,
    text: '|x| < 1',
  }),
  // Special functions.
  elementwise('erf', ['erf'], 'the error function', E.dErf),
  elementwise('erfc', ['erfc'], 'the complementary error function', E.dErfc),
  elementwise(
    'gamma',
    ['Gamma'],
    'the gamma function',
    E.dGamma,
    { holds: (x) => !E.isGammaPole(x), text: 'x not 0, −1, −2, …' },
    { symbols: ['\\Gamma'] },
  ),
  elementwise(
    'normcdf',
    ['normcdf'],
    'the standard normal distribution function Φ',
    E.dNormalCdf,
    undefined,
    { symbols: ['\\Phi'] },
  ),
  // Activations and piecewise functions.
  elementwise('relu', ['ReLU'], 'max(x, 0)', E.dRelu),
  elementwise(
    'sigmoid',
    ['sigmoid', 'logistic'],
    'the logistic sigmoid 1/(1 + e^{−x})',
    sigmoidOrDivisorSum,
    undefined,
    { symbols: ['\\sigma'] },
  ),
  elementwise('softplus', ['softplus'], 'log(1 + e^x)', E.dSoftplus),
  elementwise('abs', ['abs'], 'the absolute value', E.dAbs),
  elementwise('sign', ['\\sgn', '\\sign', 'sign', 'sgn'], 'the sign (−1, 0 or 1)', E.dSign),
  elementwise('floor', ['floor'], 'the largest integer ≤ x', E.dFloor),
  elementwise('ceil', ['ceil'], 'the smallest integer ≥ x', E.dCeil),
  special('round', ['round'], 'the nearest integer (a tie, halfway between two, is not evaluated)', 1),
  {
    kind: 'elementwise2',
    name: 'mod',
    spellings: ['mod'],
    about: 'the remainder a − b⌊a/b⌋ (written a \\bmod b)',
    arity: 2,
    dual: E.dMod,
    domain: { holds: (x) => x !== 0, text: 'a modulus ≠ 0' },
  },
  // clip(x, a, b) = min(max(x, a), b), entry by entry: NumPy's clip, PyTorch's clamp.
  tensor(
    'clip',
    ['clip', 'clamp'],
    'x limited to [a, b]: min(max(x, a), b), entry by entry',
    ([x, lo, hi], ctx) => E.dMinimum(E.dMaximum(x, lo, ctx), hi, ctx),
    3,
  ),
  // Functions of whole tensors.
  tensor(
    'softmax',
    ['\\softmax', 'softmax'],
    'the softmax e^{x_i}/Σ_j e^{x_j}',
    ([a]) => softmaxOf(a),
    1,
    listed,
  ),
  tensor('logsumexp', ['logsumexp'], 'log Σ_i e^{x_i}', ([a]) => E.dLogsumexp(a), 1, listed),
  tensor('det', ['\\det', 'det'], 'the determinant', ([a]) => (a.v.rank === 0 ? a : E.dDet(a))),
  tensor('tr', ['\\tr', '\\Tr', 'tr', 'trace'], 'the trace', ([a]) => E.dTrace(a)),
  tensor('vec', ['vec'], 'the columns stacked into one vector', ([a]) => E.dVec(a)),
  tensor('mean', ['mean'], 'the mean of the entries', ([a]) => E.dMean(a), 1, listed),
  tensor('sumfn', ['sum'], 'the sum of the entries', ([a]) => E.dSum(a), 1, listed),
  tensor('kron', ['kron'], 'the Kronecker product', ([a, b]) => E.dKron(a, b), 2),
  tensor(
    'normalpdf',
    ['normalpdf'],
    'the normal density at x, written \\mathcal{N}(x; \\mu, \\sigma^2)',
    normalDensity,
    3,
  ),
  // Extreme eigenvalues and singular values, written as symbols with a subscript (`\lambda_{\max}(A)`).
  spectral('lambdamax', '\\lambda', 'max', 'the largest eigenvalue of a symmetric matrix', (a, ctx) =>
    E.dEigenvalueExtreme(a, 'largest', ctx),
  ),
  spectral('lambdamin', '\\lambda', 'min', 'the smallest eigenvalue of a symmetric matrix', (a, ctx) =>
    E.dEigenvalueExtreme(a, 'smallest', ctx),
  ),
  spectral('sigmamax', '\\sigma', 'max', 'the largest singular value', (a, ctx) =>
    E.dSingularValue(a, 'largest', ctx),
  ),
  spectral('sigmamin', '\\sigma', 'min', 'the smallest singular value', (a, ctx) =>
    E.dSingularValue(a, 'smallest', ctx),
  ),
  // A family named in words ("$s_j$ are the singular values of $X$"): no spelling writes these.
  spectrumFamily('eigen', 'unstated'),
  spectrumFamily('eigen', 'decreasing'),
  spectrumFamily('eigen', 'increasing'),
  spectrumFamily('singular', 'decreasing'),
  spectrumFamily('singular', 'increasing'),
  // The rank is piecewise constant: no derivative flows through it.
  tensor('rank', ['\\rank', 'rank'], 'the rank', ([a]) => ({ v: E.rank(a.v), d: null })),
  // Evaluated in check/values.ts.
  special('max', ['\\max', 'max'], 'the largest of its arguments, or of a vector’s entries', [1, 64], {
    subscript: 'index',
  }),
  special('min', ['\\min', 'min'], 'the smallest of its arguments, or of a vector’s entries', [1, 64], {
    subscript: 'index',
  }),
  special('diag', ['\\diag', 'diag'], 'a vector as a diagonal matrix, or a matrix’s diagonal', 1, listed),
  special('len', ['len', 'length'], 'the length of a vector', 1),
  special('dim', ['\\dim', 'dim'], 'the length of a vector', 1),
  special('shape', ['shape'], 'the sizes of the axes', 1),
  special('conv', ['conv'], 'convolution (cross-correlation) conv(x, w, stride, padding, dilation)', [2, 5]),
  special('convT', ['convT', 'convtranspose'], 'transposed convolution convT(x, w, stride, padding)', [2, 4]),
  special('factorial', [], 'n! (written with !)', 1),
  special('binom', [], 'the binomial coefficient (written \\binom{n}{k})', 2),
  // Critical values of the laws statistics tables print, written with subscripts
  // (math/parser/criticalValues.ts).
  special('zcrit', [], 'the standard normal critical value (written z_{0.025})', 1),
  special('tcrit', [], 'the critical value of Student’s t (written t_{0.025, 15})', 2),
  special('chi2crit', [], 'the critical value of the chi-square law (written \\chi^2_{0.05, 3})', 2),
  special('fcrit', [], 'the critical value of the F law (written F_{0.05; 2, 12})', 3),
  // Read but not evaluated, each with the reason a claim gives.
  unevaluated('elu', ['elu'], 'elu needs its slope: define it with cases', 1),
  unevaluated('leakyrelu', ['leakyrelu'], 'leaky ReLU needs its slope: define it with cases', 1),
  unevaluated('argmax', ['\\argmax', 'argmax'], 'argmax is not evaluated'),
  unevaluated(
    'div',
    ['div'],
    'the divergence (\\nabla \\cdot F) is not evaluated: write it as the sum of partial derivatives, ' +
      '\\frac{\\partial F_1}{\\partial x} + \\frac{\\partial F_2}{\\partial y} + …',
    1,
  ),
  unevaluated(
    'curl',
    ['curl', 'rot'],
    'the curl (\\nabla \\times F) is not evaluated: write its components as differences of partial ' +
      'derivatives, \\frac{\\partial F_3}{\\partial y} - \\frac{\\partial F_2}{\\partial z}, …',
    1,
  ),
  unevaluated('argmin', ['\\argmin', 'argmin'], 'argmin is not evaluated'),
  unevaluated('Re', ['\\Re'], 'the real part is not evaluated: derivcheck samples real numbers only', 1),
  unevaluated('Im', ['\\Im'], 'the imaginary part is not evaluated: derivcheck samples real numbers only', 1),
  unevaluated('sup', ['\\sup'], 'a supremum is not evaluated'),
  unevaluated('inf', ['\\inf'], 'an infimum is not evaluated'),
  unevaluated('lim', ['\\lim'], 'limits are not evaluated'),
  unevaluated('arg', ['\\arg'], 'the argument of a complex number is not evaluated'),
  // `\angle H(\omega)`: the engineer's phase angle, the argument under another name.
  unevaluated('angle', ['\\angle'], 'the phase angle of a complex number is not evaluated'),
  unevaluated(
    'lg',
    ['\\lg'],
    '\\lg is the base-2 logarithm to some authors and base 10 to others: write \\log_2 or \\log_{10}',
  ),
  // Of written whole numbers they are decided exactly (check/exact.ts); of anything else, not evaluated.
  unevaluated('gcd', ['\\gcd', 'gcd'], 'gcd is not evaluated (only of written whole numbers)'),
  unevaluated('lcm', ['\\lcm', 'lcm'], 'lcm is not evaluated (only of written whole numbers)'),
  unevaluated('ker', ['\\ker'], 'kernels (null spaces) are not evaluated'),
  unevaluated('deg', ['\\deg'], 'degrees are not evaluated'),
];

const BY_NAME = new Map(FUNCTIONS.map((f) => [f.name, f]));
const BY_SYMBOL = new Map(FUNCTIONS.flatMap((f) => (f.symbols ?? []).map((s) => [s, f] as const)));

/** The entry for a canonical name (a call node's `fn`), or null. */
export function functionNamed(name: string): FunctionEntry | null {
  return BY_NAME.get(name) ?? null;
}

/** The function a symbol names when applied and not otherwise known (`\Gamma` → gamma), or null. */
export function functionOfSymbol(symbol: string): FunctionEntry | null {
  return BY_SYMBOL.get(symbol) ?? null;
}

/** Letters the checker applies as a function when the document gives them no other meaning (`\sigma`). */
export const FUNCTION_SYMBOLS: ReadonlySet<string> = new Set(BY_SYMBOL.keys());

/** Backslash commands that name functions, to their canonical names. */
export const FUNCTION_COMMAND_NAMES: ReadonlyMap<string, string> = new Map(
  FUNCTIONS.flatMap((f) => f.spellings.filter((s) => s.startsWith('\\')).map((s) => [s, f.name] as const)),
);

/**
 * Words that name functions, in lower case, to their canonical names. Commands are not words:
 * `\sin` is a function, but `sin` before a bracket only when applied, and `pr(x)` is p times r(x).
 */
export const FUNCTION_WORD_NAMES: ReadonlyMap<string, string> = new Map(
  FUNCTIONS.flatMap((f) =>
    f.spellings.filter((s) => !s.startsWith('\\')).map((s) => [s.toLowerCase(), f.name] as const),
  ),
);

/**
 * Names other traditions give these functions, read only where they are set upright as a name
 * (`\operatorname{tg}`, `\text{ch}`, `\mathrm{sen}`): Russian and Eastern European tg, ctg, arctg,
 * sh, ch, th, cth; Spanish, Portuguese and Italian sen, arcsen, cotg, cossec. Bare, `ch(x)` or
 * `sen(x)` is more likely a product of letters in an English text, so they are not bare words; the
 * commands (`\tg`, `\sh`, as babel's russian defines them) are spellings of the entries above.
 */
export const UPRIGHT_FUNCTION_WORDS: ReadonlyMap<string, string> = new Map([
  ['tg', 'tan'],
  ['ctg', 'cot'],
  ['cotg', 'cot'],
  ['cotan', 'cot'],
  ['arctg', 'atan'],
  ['sen', 'sin'],
  ['arcsen', 'asin'],
  ['cossec', 'csc'],
  ['sh', 'sinh'],
  ['ch', 'cosh'],
  ['th', 'tanh'],
  ['cth', 'coth'],
  ['argsh', 'asinh'],
  ['argch', 'acosh'],
  ['argth', 'atanh'],
]);

/** Words (in lower case) of functions spelt with two or more capitals (`ReLU`, `GELU`). */
export const CAPITALISED_WORDS: ReadonlySet<string> = new Set(
  FUNCTIONS.flatMap((f) =>
    f.spellings.some((s) => !s.startsWith('\\') && /[A-Z].*[A-Z]/.test(s))
      ? f.spellings.filter((s) => !s.startsWith('\\')).map((s) => s.toLowerCase())
      : [],
  ),
);

/** How a call prints in LaTeX: its first spelling. */
export function printedName(name: string): string | null {
  const f = BY_NAME.get(name);
  if (f?.print) return f.print;
  const first = f?.spellings[0];
  if (!first) return null;
  return first.startsWith('\\') ? first : `\\operatorname{${first}}`;
}

/** The name as a reader writes it, for messages: `\sinh`, `erf`. */
export function displayName(f: FunctionEntry): string {
  return f.spellings[0] ?? f.name;
}

export function arityText(f: FunctionEntry): string {
  const a = f.arity;
  if (typeof a === 'number') return `${a} argument${a === 1 ? '' : 's'}`;
  return `${a[0]} to ${a[1]} arguments`;
}

export function acceptsArity(f: FunctionEntry, count: number): boolean {
  const a = f.arity;
  return typeof a === 'number' ? count === a : count >= a[0] && count <= a[1];
}

/** True for entries whose derivative is the product of each entry's slope (the Jacobian planner's chain
 * rule). */
export function isElementwise(f: FunctionEntry): f is Extract<FunctionEntry, { kind: 'elementwise' }> {
  return f.kind === 'elementwise';
}

// One claim → one verdict. Compile both sides once, run the trials, compare with a tolerance
// that says how each number was obtained, and explain the outcome.
import {
  EngineError,
  Rational,
  Rng,
  Tensor,
  choleskySucceeds,
  hashString,
  combineSeeds,
  sub,
  formatWork,
  meterWork,
  WorkExhausted,
} from '../engine';
import type { Node, Span } from '../math/tree';
import type { Claim } from '../model/types';
import { walk } from '../model/names';
import { DEFAULT_SETTINGS } from '../model/build';
import { compile, newCompileEnv, readings, type CompileEnv, type Fn } from './evaluate';
import { OutOfTime, OverBudget, Resample, ShapeMismatch, UnknownName, Unsupported } from './errors';
import { diagnose, withHeadline, type SidePair } from './diagnose';
import { exactValue } from './exact';
import { symbolicResidual } from './residual';
import { softmaxReading } from '../functions/registry';
import { describeShape, formatDecimal, formatNumber, formatRational, formatShort, capText } from './format';
import { decimalSides, DecimalLost, literalCorner, NoDecimal } from './decimal';
import type Decimal from 'decimal.js';
import { UnknownInClaim, unknownHints } from './hints';
import { relevantNames } from './relevant';
import { shapeDoubtMessage, shapeDoubts } from './shapeDoubts';
import { entrywiseMessage } from './readingsLog';
import type { ClaimResult, SampleValue } from './result';
import { type NumericMethod, Trial } from './trial';
import { nablaSquared } from './higherDerivatives';
import { underNablaSquaredReadings } from './laplacian';
import * as V from './values';

export interface ClaimOptions {
  /** Operations one check of the claim may count (engine elements and multiply-adds, steps). */
  workBudget: number;
  /** Wall-clock guard in milliseconds, for work the count misses; its verdict names no trial count. */
  timeBudgetMs: number;
  collectSamples: boolean;
}

const RELATION_TEXT: Record<string, string> = {
  '=': '=',
  ':=': ':=',
  '\\approx': '≈',
  '\\neq': '≠',
  '<': '<',
  '>': '>',
  '\\le': '≤',
  '\\ge': '≥',
  '\\in': '∈',
  '\\sim': '∼',
  '\\succ': '≻',
  '\\prec': '≺',
  '\\succeq': '⪰',
  '\\preceq': '⪯',
};

interface Outcome {
  verdict: ClaimResult['verdict'];
  code: ClaimResult['code'];
  message: string;
  details: string[];
  trials: number;
  maxError: number;
  sample?: SampleValue[];
  /** Both sides at every sample of an equation that failed, for diagnose.ts. */
  pairs?: SidePair[];
  /** The sample the message shows, whose sub-expression values a hover should show too. */
  shown?: TrialResult;
  /** The names nothing defines, for hints.ts. */
  unknown?: import('../math/tree').SymNode[];
}

export function checkClaim(claim: Claim, source: string, options: ClaimOptions): ClaimResult {
  const text = source.slice(claim.start, claim.end);
  const base = {
    opStart: claim.opStart,
    opEnd: claim.opEnd,
    start: claim.start,
    end: claim.end,
    relation: RELATION_TEXT[claim.op] ?? claim.op,
    text,
    tag: claim.tag,
  };
  readings.metMatrixBars = false;
  softmaxReading.metMatrix = false;
  nablaSquared.met = false;
  let outcome = attempt(claim, text, source, options);
  // `x * w` of two sequences without a `star` directive: convolution or correlation?
  if (outcome.verdict === 'refuted' && !claim.settings.starChosen && usesStar(claim)) {
    const other = attempt(
      { ...claim, settings: { ...claim.settings, star: 'correlation', starChosen: true } },
      text,
      source,
      options,
    );
    if (other.verdict === 'verified') {
      outcome = {
        ...other,
        verdict: 'unchecked',
        code: 'unchecked',
        message:
          'unchecked: this holds if x * w is cross-correlation, not if it is convolution; say ' +
          'which with <!-- derive: star correlation --> or star convolution',
      };
    }
  }
  if (outcome.verdict !== 'unchecked')
    outcome = underSecondReading(DETERMINANT_BARS, claim, text, source, options, outcome);
  if (outcome.verdict === 'refuted')
    outcome = underSecondReading(SOFTMAX_ROWS, claim, text, source, options, outcome);
  outcome = underNablaSquaredReadings(outcome, () => attempt(claim, text, source, options));
  if (outcome.verdict === 'refuted') outcome = withIntermediatesHeld(claim, text, source, options, outcome);
  const { pairs, shown, unknown, ...rest } = outcome;
  let result: ClaimResult;
  if (unknown) {
    const hints = unknownHints(claim, unknown, source, displayName, (c) =>
      attempt(c, text, source, {
        ...options,
        collectSamples: false,
        workBudget: Math.min(options.workBudget, HINT_WORK_BUDGET),
      }),
    );
    result = {
      ...base,
      ...rest,
      message: hints.message,
      details: hints.details,
      declarations: hints.declarations,
    };
  } else if (rest.verdict === 'refuted' && claim.condition) {
    // A relation the prose frames as a setting or constraint is not refuted (model/prose.ts).
    result = {
      ...base,
      ...rest,
      verdict: 'unchecked',
      code: 'unchecked',
      message: `unchecked: ${claim.condition}; it does not hold at the sampled values`,
    };
  } else {
    const diagnosis =
      rest.verdict === 'refuted' && pairs && (claim.op === '=' || claim.op === '\\approx')
        ? diagnose(pairs, { lhs: claim.lhs, rhs: claim.rhs, source })
        : null;
    const residual =
      rest.verdict === 'refuted' && shown && claim.op === '='
        ? symbolicResidual(
            claim.lhs,
            claim.rhs,
            claim,
            { left: shown.left, right: shown.right, inputs: shown.trial.inputs },
            displayName,
          )
        : null;
    // The residual says what is wrong; a simpler diagnosis (a factor, a sign) says it shorter.
    if (residual) {
      rest.details = [residual, ...rest.details];
      if (!diagnosis) rest.message = withHeadline(rest.message, residual);
    }
    result = diagnosis
      ? {
          ...base,
          ...rest,
          message: withHeadline(rest.message, diagnosis.headline),
          diagnosis: diagnosis.headline,
          fix: diagnosis.fix ?? undefined,
        }
      : { ...base, ...rest };
  }
  // Every printed value is already short; this bounds what a message can carry in any case.
  const details =
    result.details.length > 40
      ? [...result.details.slice(0, 39), `… ${result.details.length - 39} more lines`]
      : result.details;
  return { ...result, message: capText(result.message), details: details.map((d) => capText(d)) };
}

/**
 * Notation with a second standard reading: the claim is checked under the first, then under the
 * second; a refutation needs both to fail, and a verification says which reading held.
 */
interface SecondReading {
  /** Whether the claim met the notation at all (set while it was checked the first way). */
  met: () => boolean;
  switchTo: (second: boolean) => void;
  /** Appended to a verification under the first reading when the second fails. */
  firstHolds?: string;
  /** Appended to a verification under the second reading. */
  secondHolds: string;
  /** Appended to the refutation when both fail. */
  bothFail: string;
  /** The message when the first refutes and the second cannot be checked. */
  secondUnchecked: (why: string) => string;
}

function underSecondReading(
  reading: SecondReading,
  claim: Claim,
  text: string,
  source: string,
  options: ClaimOptions,
  first: Outcome,
): Outcome {
  if (!reading.met()) return first;
  reading.switchTo(true);
  let second: Outcome;
  try {
    second = attempt(claim, text, source, options);
  } finally {
    reading.switchTo(false);
  }
  if (first.verdict === 'verified')
    return second.verdict === 'refuted' && reading.firstHolds
      ? { ...first, message: `${first.message} ${reading.firstHolds}` }
      : first;
  if (second.verdict === 'verified')
    return { ...second, message: `${second.message} ${reading.secondHolds}` };
  if (second.verdict === 'refuted') return { ...first, message: `${first.message} ${reading.bothFail}` };
  return {
    ...first,
    verdict: 'unchecked',
    code: 'unchecked',
    message: reading.secondUnchecked(second.message),
    pairs: undefined,
    shown: undefined,
  };
}

/**
 * `|A|` of a square matrix reads as the determinant in matrix references and entrywise
 * elsewhere.
 */
const DETERMINANT_BARS: SecondReading = {
  met: () => readings.metMatrixBars,
  switchTo: (second) => {
    readings.barsAsDeterminant = second;
  },
  firstHolds: '(reading |·| of a square matrix entrywise; as its determinant the claim fails)',
  secondHolds: '(reading |·| of a square matrix as its determinant; entrywise it is refuted)',
  bothFail: '(|·| of a square matrix read entrywise; as a determinant it is refuted too)',
  secondUnchecked: (why) =>
    `unchecked: refuted when |·| of a square matrix is read entrywise, and the ` +
    `determinant reading could not be checked (${why})`,
};

/** Softmax of a matrix normalises each column, or each row (the attention convention). */
const SOFTMAX_ROWS: SecondReading = {
  met: () => softmaxReading.metMatrix,
  switchTo: (second) => {
    softmaxReading.rows = second;
  },
  secondHolds: '(softmax of a matrix taken row by row; column by column it fails)',
  bothFail: '(softmax of a matrix by columns; by rows it fails too)',
  secondUnchecked: (why) =>
    'unchecked: refuted when softmax of a matrix normalises each column, and the row-by-row ' +
    `reading could not be checked (${why})`,
};

/**
 * `\frac{\partial \hat{x}_i}{\partial x_i}` of a definition that uses x_i directly and through
 * other definitions (μ, σ²) means, in backpropagation notes, the partial with those held fixed.
 * A refutation needs that reading to fail too; a verification under it says so.
 */
function withIntermediatesHeld(
  claim: Claim,
  text: string,
  source: string,
  options: ClaimOptions,
  total: Outcome,
): Outcome {
  const held = heldDefinitions(claim);
  if (held.length === 0) return total;
  readings.holdIntermediates = true;
  let local: Outcome;
  try {
    local = attempt(claim, text, source, options);
  } finally {
    readings.holdIntermediates = false;
  }
  if (local.verdict !== 'verified') return total;
  return {
    ...local,
    message:
      `${local.message} (reading ∂ as the partial with ${held.map(displayName).join(', ')} held ` +
      'fixed; through them it is refuted)',
  };
}

/** The definitions a partial derivative in the claim may hold fixed: those its target uses besides the variable itself. */
function heldDefinitions(claim: Claim): string[] {
  const out = new Set<string>();
  const visit = (root: Node) =>
    walk(root, (d) => {
      if (d.kind !== 'deriv' || d.style !== 'partial' || !d.of || d.of.kind !== 'sym' || d.wrt.kind !== 'sym')
        return;
      const target = claim.env.lookup(d.of.name, claim.block) ?? claim.env.lookup(d.of.stem, claim.block);
      if (target?.kind !== 'def' || target.params) return;
      const wrt = d.wrt;
      let explicit = false;
      const used: string[] = [];
      walk(target.expr, (x) => {
        if (x.kind !== 'sym') return;
        if (x.name === wrt.name || x.stem === wrt.stem) explicit = true;
        else if (claim.env.lookup(x.name, claim.block)?.kind === 'def') used.push(x.name);
      });
      if (explicit) for (const u of used) out.add(u);
    });
  visit(claim.lhs);
  visit(claim.rhs);
  return [...out];
}

function attempt(claim: Claim, text: string, source: string, options: ClaimOptions): Outcome {
  const outcome = attemptOnce(claim, text, source, options);
  if (outcome.verdict !== 'refuted' || !claim.constraints) return outcome;
  // A refutation must hold under the constraints its passage set; drawn again to meet them, the
  // samples usually cannot (‖u‖ = 1 has measure zero), and the claim stays unchecked.
  const under = {
    ...claim,
    assumptions: [...claim.assumptions, ...claim.constraints],
    constraints: undefined,
  };
  const again = attemptOnce(under, text, source, options);
  if (again.verdict === 'refuted') return outcome;
  const stated = claim.constraints.map((c) => `$${source.slice(c.start, c.end).trim()}$`).join(', ');
  return again.verdict === 'verified'
    ? { ...again, message: `${again.message} (under ${stated}, set earlier in its passage)` }
    : {
        ...again,
        message:
          `unchecked: it depends on ${stated}, which its passage sets as a constraint and random samples ` +
          `do not meet; define the quantity so that it holds (for a unit vector, u := v / \\|v\\|) ` +
          `to have it checked`,
      };
}

function attemptOnce(claim: Claim, text: string, source: string, options: ClaimOptions): Outcome {
  try {
    return decide(claim, text, options);
  } catch (err) {
    return failure(err, source, claim);
  }
}

function usesStar(claim: Claim): boolean {
  let found = false;
  const visit = (n: Node) =>
    walk(n, (x) => {
      if (x.kind === 'bin' && x.op === 'ast') found = true;
    });
  visit(claim.lhs);
  visit(claim.rhs);
  return found;
}

/** `\operatorname{span}` or a declared operator derivcheck has no function for. */
function unknownOperators(names: string[]): string {
  const one = names.length === 1;
  return (
    `unknown function${one ? '' : 's'} ${names.join(', ')}: ` +
    `no function of ${one ? 'that name' : 'those names'} is known ` +
    `(docs/language.md lists the functions derivcheck evaluates); define ${one ? 'it' : 'them'} ` +
    `(<!-- derive: \\operatorname{${names[0]}}(x) := … -->) or leave the claim unchecked`
  );
}

function failure(err: unknown, source: string, claim: Claim): Outcome {
  const none = { trials: 0, maxError: 0, details: [] as string[] };
  // Name the place when the trouble is outside the claim's own text (in a definition).
  const where = (e: Span) =>
    (e.start < claim.start || e.end > claim.end) && e.end > e.start
      ? ` (in \`${snippet(source.slice(e.start, e.end))}\`)`
      : '';
  if (err instanceof UnknownName) {
    const shown =
      err.names.length > 8 ? [...err.names.slice(0, 8), `… (${err.names.length - 8} more)`] : err.names;
    const decl = err.names
      .slice(0, 8)
      .map((n) => `${n} \\in \\mathbb{R}`)
      .join('; ');
    const operators = err.names.map((n) => /^\\text\{([A-Za-z]+)\}$/.exec(n)?.[1]);
    if (operators.every((o) => o !== undefined))
      return {
        ...none,
        verdict: 'unchecked',
        code: 'unchecked',
        message: `unchecked: ${unknownOperators(operators as string[])}`,
        details: [],
      };
    const message = err.names.length > 8 ? `unknown names ${shown.join(', ')}` : err.message;
    return {
      ...none,
      unknown: err instanceof UnknownInClaim ? err.nodes : undefined,
      verdict: 'unchecked',
      code: 'unchecked',
      message: `unchecked: ${message}`,
      details: [
        `Declare ${err.names.length > 1 ? 'them' : 'it'} or define ` +
          `${err.names.length > 1 ? 'them' : 'it'} before this line, e.g. <!-- derive: ${decl} -->`,
      ],
    };
  }
  if (err instanceof Unsupported)
    return {
      ...none,
      verdict: 'unchecked',
      code: 'unchecked',
      message: `unchecked: ${err.message}${where(err)}`,
    };
  if (err instanceof EngineError && err.code === 'budget')
    return {
      ...none,
      verdict: 'unchecked',
      code: 'unchecked',
      message: `unchecked: over budget (${err.message})`,
    };
  if (err instanceof OverBudget)
    return {
      ...none,
      verdict: 'unchecked',
      code: 'unchecked',
      message: `unchecked: over budget (${err.message})`,
    };
  if (err instanceof ShapeMismatch && shapeDoubts(claim).length > 0)
    return {
      ...none,
      verdict: 'unchecked',
      code: 'unchecked',
      message: shapeDoubtMessage(`${err.message}${where(err)}`, shapeDoubts(claim)),
    };
  if (err instanceof ShapeMismatch)
    return {
      ...none,
      verdict: 'refuted',
      code: 'shape',
      message: `shape error: ${err.message}${where(err)}`,
    };
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return {
      ...none,
      verdict: 'unchecked',
      code: 'unchecked',
      message: 'unchecked: over budget (the expression or its definitions nest too deeply to evaluate)',
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    ...none,
    verdict: 'unchecked',
    code: 'unchecked',
    message: `unchecked: internal error (${message})`,
  };
}

function decide(claim: Claim, text: string, options: ClaimOptions): Outcome {
  if (claim.skipReason)
    return {
      verdict: 'unchecked',
      code: 'unchecked',
      message: `unchecked: ${claim.skipReason}`,
      details: [],
      trials: 0,
      maxError: 0,
    };
  const exact = decideExactly(claim);
  if (exact) return exact;

  const cenv = newCompileEnv(claim.env, claim.block);
  const shapeCache = new Map<Node, Fn>();
  const compileNode = (n: Node): Fn => {
    let f = shapeCache.get(n);
    if (!f) {
      f = compile(n, { ...cenv, free: [] });
      shapeCache.set(n, f);
    }
    return f;
  };
  const lhs = compile(claim.lhs, cenv);
  const rhs = compile(claim.rhs, cenv);
  const assumptions = claim.assumptions.map((a) => compile(a, { ...cenv, free: [] }));
  if (cenv.unknown.size) {
    const nodes = [...cenv.unknown.values()];
    throw new UnknownInClaim(
      nodes.map((n) => displayName(n.name)),
      nodes,
    );
  }
  const literals = decimalLiterals(claim);
  const runner = new Runner(claim, cenv, lhs, rhs, assumptions, compileNode, options, text, literals);
  return generically(runner.run(), cenv.generic);
}

/**
 * A claim on letters read as generic objects (their values from running text have ended): it
 * may be verified for every such object, but a failure may need a condition the text stated only
 * with its example (n ≥ k, s dividing i − k), so it is left unchecked, never refuted.
 */
function generically(outcome: Outcome, generic: Set<string>): Outcome {
  if (generic.size === 0) return outcome;
  const names = [...generic].map(displayName).join(', ');
  if (outcome.verdict === 'verified')
    return {
      ...outcome,
      message: `${outcome.message} (reading ${names} as any value: the text's values have ended)`,
    };
  if (outcome.verdict !== 'refuted') return outcome;
  return {
    ...outcome,
    pairs: undefined,
    verdict: 'unchecked',
    code: 'unchecked',
    message:
      `unchecked: fails for some values of ${names}, which the text gave values only in an earlier ` +
      `passage or example; state their values or range here (e.g. a declaration) to have it checked`,
  };
}

/** The work budget or the time guard ended the check: never read as a failed evaluation. */
function isOutOfBudget(err: unknown): boolean {
  return err instanceof WorkExhausted || err instanceof OutOfTime;
}

function snippet(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 50 ? `${t.slice(0, 47)}…` : t;
}

/** The margin a Monte Carlo trial's estimate is allowed: five of its own standard errors. */
function monteCarloMargin(r: TrialResult): number {
  const mc = r.trial.monteCarlo;
  return mc ? 5 * mc.stdError : 0;
}

function displayName(name: string): string {
  return name.replace(/_\{([^{}]*)\}/g, (_, s: string) => (s.length === 1 ? `_${s}` : `_{${s}}`));
}

function decideExactly(claim: Claim): Outcome | null {
  const a = exactValue(claim.lhs);
  if (!a) return null;
  const b = exactValue(claim.rhs);
  if (!b) return null;
  const c = a.compare(b);
  // ≈ between exact numbers: within 1% (integers state no precision of their own).
  const diff = a.sub(b).abs();
  const bigger = a.abs().compare(b.abs()) >= 0 ? a.abs() : b.abs();
  const withinPercent = diff.mul(Rational.fromInteger(100)).compare(bigger) <= 0;
  const holds: Record<string, boolean | undefined> = {
    '=': c === 0,
    '\\approx': withinPercent,
    '\\neq': c !== 0,
    '<': c < 0,
    '>': c > 0,
    '\\le': c <= 0,
    '\\ge': c >= 0,
  };
  const ok = holds[claim.op];
  if (ok === undefined) return null;
  const left = formatRational(a);
  const right = formatRational(b);
  // Huge numbers print as magnitudes: show by how much they differ when that hides it.
  const apart = left === right && c !== 0 ? [`difference = ${formatRational(a.sub(b))}`] : [];
  // Exact, so that huge numbers (beyond doubles) still give a relative difference.
  const rel = c === 0 ? 0 : diff.div(bigger).toNumber();
  if (ok && claim.op === '\\approx' && c !== 0) {
    return {
      verdict: 'verified',
      code: 'verified',
      message:
        `verified: approximately equal (within 1%), ${left} and ${right} differ by ` +
        `${formatNumber(rel * 100, 2)}% (exact arithmetic)`,
      details: [`left = ${left}`, `right = ${right}`],
      trials: 1,
      maxError: rel,
    };
  }
  if (ok)
    return {
      verdict: 'verified',
      code: 'verified',
      message: `verified exactly: ${left} ${RELATION_TEXT[claim.op] ?? claim.op} ${right}`,
      details: [`left = ${left}`, `right = ${right}`],
      trials: 1,
      maxError: 0,
    };
  if (claim.op === '\\approx') {
    // An approximation without stated precision is confirmed or left open, never refuted.
    return {
      verdict: 'unchecked',
      code: 'unchecked',
      message:
        `unchecked: ≈ holds only to ${formatNumber(rel * 100, 3)}% (exact arithmetic); ` +
        `state the precision with a rounded decimal, or use =`,
      details: [`left = ${left}`, `right = ${right}`],
      trials: 1,
      maxError: rel,
    };
  }
  return {
    verdict: 'refuted',
    code: 'refuted',
    message:
      claim.op === '='
        ? `refuted: left is ${left}, right is ${right} (exact ` +
          `arithmetic${apart.length ? `; they differ by ${formatRational(a.sub(b))}` : ''})`
        : `refuted: ${left} ${RELATION_TEXT[claim.op]} ${right} is false`,
    details: [`left = ${left}`, `right = ${right}`, ...apart],
    trials: 1,
    maxError: rel,
  };
}

const MONTE_CARLO_TRIALS = 3;
/** What an author can do about a claim over budget. */
const SHRINK_ADVICE =
  'check it on smaller sizes or a shorter chain of definitions (an identity that holds at 1000×1000 ' +
  'holds at 5×5), or raise the budget (derivcheck.budgets.work in the editor, --work-budget on the ' +
  'command line)';
/** A suggested declaration is tried with this much work: hints must stay cheap. */
const HINT_WORK_BUDGET = 2e6;
/**
 * The fewest trials a "verified" may rest on when the work budget cut the run short: one or two
 * lucky samples can hide an error. A counterexample refutes whatever the count.
 */
export const MIN_VERIFYING_TRIALS = 5;

interface Literal {
  node: Extract<Node, { kind: 'num' }>;
  half: number;
}

/**
 * The author's rounded results: a decimal that is a whole side, or the sole numeric coefficient
 * of a side (`3.16\check\Gamma`, `3.16 \times 10^{-3}`). Decimals inside a computation
 * (`\sqrt{(1-0.1)/0.1}`) are given values and exact.
 */
/** Corners of the rounding box are evaluated one by one (2^k): entries beyond this are exact. */
const MAX_ROUNDED_ENTRIES = 8;

function decimalLiterals(claim: Claim): Literal[] {
  const out: Literal[] = [];
  for (const side of [claim.lhs, claim.rhs]) {
    for (const n of roundedResults(side)) {
      if (out.length >= MAX_ROUNDED_ENTRIES) break;
      // `1.97e14` is rounded to its mantissa's last digit, scaled by the exponent.
      const m = /^\d*\.(\d+)(?:[eE]([+-]?\d+))?$/.exec(n.text);
      if (m) out.push({ node: n, half: 0.5 * 10 ** (Number(m[2] ?? 0) - m[1].length) });
    }
  }
  return out;
}

/**
 * The author's rounded results on one side: the side's own rounded number, or every decimal entry
 * of a vector or matrix written out in numbers (`[1.65, 0.37, 1]`), each rounded on its own.
 */
function roundedResults(side: Node): Extract<Node, { kind: 'num' }>[] {
  const one = roundedResult(side);
  if (one) return [one];
  let x = side;
  if (x.kind === 'post' && x.op === 'T') x = x.operand;
  const entries =
    x.kind === 'group' && (x.open === '[' || x.open === '(') && x.items.length > 1
      ? x.items
      : x.kind === 'matrix'
        ? x.rows.flat()
        : null;
  if (!entries || !entries.every((e) => onlyNumbers(e))) return [];
  return entries.flatMap((e) => {
    const r = roundedResult(e);
    return r ? [r] : [];
  });
}

function roundedResult(side: Node): Extract<Node, { kind: 'num' }> | null {
  let x = side;
  while (x.kind === 'neg' || (x.kind === 'group' && x.items.length === 1 && x.open === '('))
    x = x.kind === 'neg' ? x.operand : x.items[0];
  const isDecimal = (n: Node): n is Extract<Node, { kind: 'num' }> =>
    n.kind === 'num' && /^\d*\.\d+(?:[eE][+-]?\d+)?$/.test(n.text);
  if (isDecimal(x)) return x;
  if (x.kind !== 'bin' || !(x.op === 'juxt' || x.op === 'cdot' || x.op === 'times')) return null;
  const factors: Node[] = [];
  const flatten = (n: Node) => {
    if (n.kind === 'bin' && (n.op === 'juxt' || n.op === 'cdot' || n.op === 'times')) {
      flatten(n.left);
      flatten(n.right);
    } else factors.push(n);
  };
  flatten(x);
  const decimals = factors.filter(isDecimal);
  // Scientific notation keeps the coefficient's precision; any other number makes it an input.
  const powerOfTen = (n: Node) =>
    (n.kind === 'pow' &&
      n.base.kind === 'num' &&
      n.base.text === '10' &&
      (n.exponent.kind === 'num' || (n.exponent.kind === 'neg' && n.exponent.operand.kind === 'num'))) ||
    (n.kind === 'post' && n.op === 'inv' && n.operand.kind === 'num' && n.operand.text === '10');
  const otherNumbers = factors.filter((f) => !isDecimal(f) && !powerOfTen(f) && onlyNumbers(f));
  return decimals.length === 1 && otherNumbers.length === 0 ? decimals[0] : null;
}

interface TrialResult {
  left: Tensor;
  right: Tensor;
  trial: Trial;
  index: Map<string, number>;
  hp?: HighPrecision;
}

/** Both sides of one sample in decimal arithmetic. */
interface HighPrecision {
  left: Decimal;
  right: Decimal;
  digits: number;
  equal: boolean;
  rel: number;
  fits: boolean | null;
  /** Double precision lost this sample's value (rather than only failing a comparison). */
  required: boolean;
}

type HighPrecisionOutcome =
  | { kind: 'value'; value: HighPrecision }
  | { kind: 'lost'; why: string }
  | { kind: 'undefined'; side: 'left' | 'right' | 'both'; why: string; other: string };

/** A side's value, or why it is undefined. */
interface SideValues {
  left: Tensor | string;
  right: Tensor | string;
  index: Map<string, number>;
}

interface Undefined {
  trial: Trial;
  index: Map<string, number>;
  side: 'left' | 'right';
  why: string;
  other: string;
}

/** How many times a numeric method's estimated error a difference may be and still not refute. */
const ESTIMATE_SAFETY = 10;

const METHOD_NAMES: Record<NumericMethod, string> = {
  quadrature: 'integrals by adaptive quadrature',
  differences: 'higher derivatives by differences of exact first derivatives',
};

/** Says which values were computed numerically, and how far off they may be. */
function estimateNotes(results: TrialResult[]): string[] {
  const notes: string[] = [];
  for (const method of Object.keys(METHOD_NAMES) as NumericMethod[]) {
    let relative = 0;
    let absolute = 0;
    let met = false;
    for (const r of results) {
      const q = r.trial.estimates.get(method);
      if (!q) continue;
      met = true;
      relative = Math.max(relative, q.relative);
      absolute = Math.max(absolute, q.absolute);
    }
    if (!met) continue;
    const parts = [
      ...(relative > 0 ? [`relative ${formatNumber(relative, 2)}`] : []),
      ...(absolute > 0 ? [`absolute ${formatNumber(absolute, 2)}`] : []),
    ];
    notes.push(`${METHOD_NAMES[method]}, estimated error ${parts.length ? parts.join(', ') : '0'}`);
  }
  return notes;
}

/** The tolerance no directive changed: it only absorbs double rounding. */
const DEFAULT_TOLERANCE = DEFAULT_SETTINGS.tolerance;

function Decimal_max(a: Decimal, b: Decimal): Decimal {
  return a.gt(b) ? a : b;
}

class Runner {
  private readonly seed: number;
  private readonly trials: number;
  private readonly tolerance: number;

  constructor(
    private readonly claim: Claim,
    private readonly cenv: CompileEnv,
    private readonly lhs: Fn,
    private readonly rhs: Fn,
    private readonly assumptions: Fn[],
    private readonly compileNode: (n: Node) => Fn,
    private readonly options: ClaimOptions,
    text: string,
    private readonly literals: Literal[],
  ) {
    this.seed = combineSeeds(claim.settings.seed >>> 0, hashString(text.replace(/\s+/g, ' ').trim()));
    this.trials = claim.settings.trials;
    this.tolerance = claim.settings.tolerance;
  }

  run(): Outcome {
    const deadline = Date.now() + this.options.timeBudgetMs;
    this.deadline = deadline;
    const results: TrialResult[] = [];
    const resampled: Record<string, number> = {};
    let lastResample = '';
    const maxAttempts = this.trials * 5 + 20;
    let sample: SampleValue[] | undefined;
    let done = 0;
    let exhausted = false;
    let target = this.trials;
    const budget = this.options.workBudget;
    const overTime = () =>
      new OverBudget(
        `the time limit of ${this.options.timeBudgetMs} ms ended the check before the work budget of ` +
          `${formatWork(budget)} operations did — ${SHRINK_ADVICE}`,
      );
    // The work count, not the clock, decides how many trials run: the same input stops at the same
    // trial on any machine. The clock only guards against work the count misses, and then the
    // verdict names no trial count (that would depend on the load).
    meterWork(budget, () => {
      for (let attempt = 0; done < target && attempt < maxAttempts; attempt++) {
        if (Date.now() > deadline) throw overTime();
        const rng = new Rng(combineSeeds(this.seed, attempt));
        const trial = new Trial(this.claim.settings, rng, this.compileNode, deadline);
        if (this.options.collectSamples && !sample) trial.recorder = new Map();
        V.setAdContext(trial.ad);
        V.setPrecisionLog(trial.precision);
        V.setReadingsLog(trial.readings);
        try {
          for (const a of this.assumptions) {
            const t = V.tensorOf(a(trial), this.claim.lhs);
            if (t.data.some((x) => x === 0))
              throw new Resample('assumption', 'the assumption does not hold at this sample');
          }
          const perIndex = this.evaluateOverIndices(trial);
          const counted = this.classify(trial, perIndex, results);
          if (!counted) {
            resampled.nan = (resampled.nan ?? 0) + 1;
            lastResample = this.oneUndefinedSkipped > 0 ? 'a side is undefined' : 'both sides are undefined';
            continue;
          }
          done++;
          // Nothing random was drawn: every trial would be this one.
          if (!trial.drew) target = done;
          // A Monte Carlo trial already averages thousands of samples: a few such trials suffice.
          if (trial.monteCarlo) target = Math.min(target, MONTE_CARLO_TRIALS);
          if (trial.recorder) {
            sample = samplesOf(trial.recorder, this.claim.start, this.claim.end);
            trial.recorder = null;
          }
        } catch (err) {
          if (err instanceof OutOfTime) throw overTime();
          if (err instanceof WorkExhausted) {
            // Out of work with no trial done: nothing to judge.
            if (done === 0)
              throw new OverBudget(
                `one trial needs more than the work budget of ${formatWork(budget)} operations — ` +
                  SHRINK_ADVICE,
              );
            exhausted = true;
            break;
          }
          if (err instanceof Resample) {
            resampled[err.reason] = (resampled[err.reason] ?? 0) + 1;
            lastResample = err.message;
            continue;
          }
          throw err;
        } finally {
          V.setPrecisionLog(null);
          V.setReadingsLog(null);
        }
      }
    });
    if (done === 0) {
      const reason = Object.keys(resampled)[0] ?? 'unknown';
      const why: Record<string, string> = {
        singular: 'singular: a matrix was singular at every sample',
        nan: `undefined: no sample gives both sides a finite value (${lastResample})`,
        kink: 'every sample landed on a kink of a non-smooth function',
        assumption:
          'no sample met the conditions it is stated under (an assume directive, or an "if / for / ' +
          'when …" earlier in its sentence)',
        domain: `outside the domain at every sample (${lastResample})`,
      };
      return {
        verdict: 'unchecked',
        code: 'unchecked',
        message: `unchecked: ${why[reason] ?? lastResample}`,
        details: [],
        trials: 0,
        maxError: 0,
      };
    }
    // Judging and the hover's sample re-evaluate sides: they get a budget of their own.
    const judged = meterWork(budget, () => this.judge(results, sample));
    const needed = Math.min(MIN_VERIFYING_TRIALS, target);
    if (exhausted && judged.verdict === 'verified' && done < needed) {
      return {
        verdict: 'unchecked',
        code: 'unchecked',
        message:
          `unchecked: over budget — ${done} of ${target} trials finished within the work budget of ` +
          `${formatWork(budget)} operations, and a verification needs ${needed} — ${SHRINK_ADVICE}`,
        details: [],
        trials: done,
        maxError: judged.maxError,
      };
    }
    return meterWork(budget, () => this.withHoverSample(judged, results));
  }

  /**
   * A hover shows the sample the message names (the counterexample's trial and index values);
   * for a verified claim, a sample where it is not trivially true (no all-zero sub-expression,
   * such as a mask that is all off) when one of the trials has one.
   */
  private withHoverSample(out: Outcome, results: TrialResult[]): Outcome {
    if (!this.options.collectSamples) return out;
    if (out.shown) return { ...out, sample: this.recordAt(out.shown) ?? out.sample };
    if (out.verdict !== 'verified' || !out.sample || zeros(out.sample) === 0) return out;
    let best = out.sample;
    let bestZeros = zeros(best);
    const tried = new Set<Trial>([results[0].trial]);
    for (const r of results) {
      if (tried.has(r.trial) || tried.size >= 10) continue;
      tried.add(r.trial);
      const s = this.recordAt(r);
      if (s && zeros(s) < bestZeros) {
        best = s;
        bestZeros = zeros(s);
        if (bestZeros === 0) break;
      }
    }
    return { ...out, sample: best };
  }

  /** Sub-expression values at one result's sample (its trial, its index values). */
  private recordAt(r: TrialResult): SampleValue[] | undefined {
    const t = r.trial;
    t.recorder = new Map();
    V.setAdContext(t.ad);
    try {
      for (const [name, v] of r.index) t.bind(name, v);
      try {
        t.clearMemo();
        this.lhs(t);
        this.rhs(t);
      } finally {
        for (const name of r.index.keys()) t.unbind(name);
      }
      return samplesOf(t.recorder, this.claim.start, this.claim.end);
    } catch {
      return undefined;
    } finally {
      t.recorder = null;
      t.clearMemo();
    }
  }

  /** Undefined sides, double precision that lost the value, higher precision: what one trial says. */
  private readonly undefinedOnce: Undefined[] = [];
  private readonly lostTrials: { trial: Trial; why: string }[] = [];
  private bothUndefined = 0;
  /** An order relation with one side undefined states nothing there (it is left out, and said). */
  private oneUndefinedSkipped = 0;
  private highPrecisionDiffers = 0;
  private deadline = Infinity;

  /** Sorts one trial's values into the runner's lists; false when the trial says nothing (both sides
   * undefined). */
  private classify(trial: Trial, perIndex: SideValues[], results: TrialResult[]): boolean {
    const lost = trial.precision.lost;
    // Without a decimal re-check, a term below the tolerance is what the tolerance allows; it
    // matters when a later difference exposes it ((e^{30} I + A) − e^{30} I), or when the value
    // left the double range.
    const { overflow, underflow, absorbed, cancelled } = trial.precision;
    const unrecoverable =
      overflow ??
      underflow ??
      (absorbed && cancelled ? `${absorbed}, and a later difference exposes it` : null);
    const scalar = this.cenv.free.length === 0;
    const fails = perIndex.some(
      (p) =>
        p.left instanceof Tensor &&
        p.right instanceof Tensor &&
        !this.compare({ left: p.left, right: p.right, trial, index: p.index }, 0).ok,
    );
    // A failing comparison of numbers may be rounding after cancellation (sin π = 0): confirm it,
    // a few times per claim; a lost value must be re-checked every time.
    const confirm = scalar && !trial.monteCarlo && fails && this.highPrecisionDiffers < 3;
    if (lost || confirm) {
      // With nothing lost, the doubles are good approximations: decimals that disagree with them
      // would be another reading of the notation, not more digits of the same value.
      const first = perIndex[0];
      const doubles =
        !lost &&
        first &&
        first.left instanceof Tensor &&
        first.right instanceof Tensor &&
        first.left.size === 1 &&
        first.right.size === 1
          ? { left: first.left.data[0], right: first.right.data[0] }
          : null;
      const hp = this.highPrecision(trial, doubles);
      if (hp) {
        if (hp.kind === 'lost') {
          this.lostTrials.push({ trial, why: hp.why });
          return true;
        }
        if (hp.kind === 'undefined') {
          if (hp.side === 'both') {
            this.bothUndefined++;
            return false;
          }
          this.undefinedOnce.push({ trial, index: new Map(), side: hp.side, why: hp.why, other: hp.other });
          return true;
        }
        if (!hp.value.equal) this.highPrecisionDiffers++;
        results.push({
          left: Tensor.scalar(hp.value.left.toNumber()),
          right: Tensor.scalar(hp.value.right.toNumber()),
          trial,
          index: new Map(),
          hp: { ...hp.value, required: lost !== null },
        });
        return true;
      }
      if (unrecoverable) {
        this.lostTrials.push({ trial, why: unrecoverable });
        return true;
      }
    }
    let counted = false;
    const op = this.claim.op;
    for (const p of perIndex) {
      if (p.left instanceof Tensor && p.right instanceof Tensor) {
        results.push({ left: p.left, right: p.right, trial, index: p.index });
        counted = true;
        continue;
      }
      if ((p.left instanceof Tensor || p.right instanceof Tensor) && (op === '=' || op === '\\approx')) {
        const side = p.left instanceof Tensor ? 'right' : 'left';
        this.undefinedOnce.push({
          trial,
          index: p.index,
          side,
          why: (side === 'left' ? p.left : p.right) as string,
          other: formatShort((side === 'left' ? p.right : p.left) as Tensor, 4, 9),
        });
        counted = true;
        continue;
      }
      if (p.left instanceof Tensor || p.right instanceof Tensor) this.oneUndefinedSkipped++;
      else this.bothUndefined++;
    }
    return counted;
  }

  /** The claim at this trial's sample in 40 and 80 digits (more when a term is lost), or null when it cannot
   * be. */
  private highPrecision(
    trial: Trial,
    doubles: { left: number; right: number } | null = null,
  ): HighPrecisionOutcome | null {
    if (this.cenv.free.length > 0) return null;
    let why = '';
    for (const [p1, p2] of [
      [40, 80],
      [80, 160],
    ]) {
      let a: ReturnType<typeof decimalSides>;
      let b: ReturnType<typeof decimalSides>;
      try {
        a = decimalSides(this.claim, trial, p1, this.deadline);
        b = decimalSides(this.claim, trial, p2, this.deadline);
      } catch (err) {
        if (err instanceof DecimalLost) {
          why = err.message;
          continue;
        }
        if (err instanceof NoDecimal || err instanceof Resample || err instanceof Unsupported) return null;
        throw err;
      }
      const lN = b.left.isNaN(),
        rN = b.right.isNaN();
      if (lN || rN) {
        if (lN && rN) return { kind: 'undefined', side: 'both', why: 'both sides undefined', other: '' };
        return {
          kind: 'undefined',
          side: lN ? 'left' : 'right',
          why: 'it is undefined in exact arithmetic',
          other: formatDecimal(lN ? b.right : b.left, 6),
        };
      }
      // Digits that change with the precision carried are not digits of the value (tan π/2).
      const Dc = b.D;
      const stableFloor = b.scale.times(new Dc(10).pow(-(p1 - 15)));
      const stable = (x: Decimal, y: Decimal) =>
        x
          .minus(y)
          .abs()
          .lte(Decimal_max(stableFloor, y.abs().times(new Dc(10).pow(-(p1 - 15)))));
      if (!stable(a.left, b.left) || !stable(a.right, b.right)) {
        const which = !stable(a.left, b.left)
          ? (['left', a.left, b.left] as const)
          : (['right', a.right, b.right] as const);
        return {
          kind: 'lost',
          why:
            `the ${which[0]} side changes with the precision carried ` +
            `(${formatDecimal(which[1], 4)} with ${p1} digits, ${formatDecimal(which[2], 4)} with ` +
            `${p2}); it is not a well-defined number here`,
        };
      }
      if (doubles) {
        const near = (x: Decimal, y: number) =>
          Math.abs(x.toNumber() - y) <= 1e-9 * Math.max(Math.abs(y), b.scale.toNumber(), 1e-300);
        if (!near(b.left, doubles.left) || !near(b.right, doubles.right)) return null;
      }
      const d = b.left.minus(b.right).abs();
      const m = Decimal_max(b.left.abs(), b.right.abs());
      const floor = b.scale.times(new Dc(10).pow(-(p2 - 20)));
      const tol = this.highPrecisionTolerance();
      const equal = d.lte(floor) || d.lte(m.times(tol));
      const rel = m.isZero() || d.lte(floor) ? 0 : d.div(m).toNumber();
      let fits: boolean | null = null;
      if (!equal && this.literals.length > 0 && this.literals.length <= 4) fits = this.decimalFits(trial, p2);
      return {
        kind: 'value',
        value: { left: b.left, right: b.right, digits: p2, equal, rel, fits, required: false },
      };
    }
    return { kind: 'lost', why: why || 'higher precision could not carry the value' };
  }

  /**
   * The default tolerance absorbs double rounding only: in 80 digits a difference of e^{-30} is real.
   * A tolerance the author set is theirs in any precision.
   */
  private highPrecisionTolerance(): number {
    return this.tolerance === DEFAULT_TOLERANCE ? 1e-20 : this.tolerance;
  }

  private decimalFits(trial: Trial, digits: number): boolean {
    const k = this.literals.length;
    let lo: Decimal | null = null,
      hi: Decimal | null = null;
    for (let mask = 0; mask < 1 << k; mask++) {
      const overrides = new Map<Node, Decimal>();
      this.literals.forEach((l, j) =>
        overrides.set(l.node, literalCorner(l.node.text, l.half, ((mask >> j) & 1) === 1, digits)),
      );
      let d: Decimal;
      try {
        const r = decimalSides(this.claim, trial, digits, this.deadline, overrides);
        d = r.left.minus(r.right);
      } catch (err) {
        if (isOutOfBudget(err)) throw err;
        return false;
      }
      if (d.isNaN()) return false;
      if (!lo || d.lt(lo)) lo = d;
      if (!hi || d.gt(hi)) hi = d;
    }
    return lo !== null && hi !== null && lo.lte(0) && hi.gte(0);
  }

  /** Evaluates both sides for every value of the claim's free indices; an undefined side is the reason it is
   * undefined. */
  private evaluateOverIndices(trial: Trial): SideValues[] {
    const free = this.cenv.free;
    const side = (f: Fn, n: Node): Tensor | string => {
      try {
        return finite(V.tensorOf(f(trial), n));
      } catch (err) {
        if (err instanceof Resample && err.reason === 'nan') return err.message;
        throw err;
      }
    };
    if (free.length === 0)
      return [
        { left: side(this.lhs, this.claim.lhs), right: side(this.rhs, this.claim.rhs), index: new Map() },
      ];
    const sizes = free.map((s) => trial.rangeOf(s.sources, s.name, this.claim.lhs));
    const out: SideValues[] = [];
    const idx = sizes.map(() => 1);
    const total = sizes.reduce((a, b) => a * b, 1);
    for (let k = 0; k < total; k++) {
      free.forEach((s, j) => trial.bind(s.name, idx[j]));
      try {
        out.push({
          left: side(this.lhs, this.claim.lhs),
          right: side(this.rhs, this.claim.rhs),
          index: new Map(free.map((s, j) => [s.name, idx[j]])),
        });
      } finally {
        for (const s of free) trial.unbind(s.name);
      }
      for (let a = sizes.length - 1; a >= 0; a--) {
        if (idx[a] < sizes[a]) {
          idx[a]++;
          break;
        }
        idx[a] = 1;
      }
    }
    return out;
  }

  private judge(results: TrialResult[], sample: SampleValue[] | undefined): Outcome {
    const op = this.claim.op;
    const trialsRun = new Set([
      ...results.map((r) => r.trial),
      ...this.undefinedOnce.map((u) => u.trial),
      ...this.lostTrials.map((l) => l.trial),
    ]).size;
    // Shapes first: a gradient laid out transposed is wrong whatever its numbers.
    for (const r of results) {
      const a = normalizeShape(r.left.shape);
      const b = normalizeShape(r.right.shape);
      const zeroSide = (t: Tensor) => t.size === 1 && t.data[0] === 0;
      // A literal 0 stands for the zero vector or matrix; any other shape difference refutes.
      if (
        !sameShape(a, b) &&
        !(a.length === 0 && zeroSide(r.left)) &&
        !(b.length === 0 && zeroSide(r.right)) &&
        !(isOrder(op) && (a.length === 0 || b.length === 0))
      ) {
        const lhs = this.claim.lhs;
        const redefined =
          lhs.kind === 'sym' && this.claim.env.lookup(lhs.name, this.claim.block)?.kind === 'def';
        if (redefined) {
          // `y = …` with y defined earlier as something of another shape reads as a new definition.
          return {
            verdict: 'unchecked',
            code: 'unchecked',
            message:
              `unchecked: ${displayName((lhs as { name: string }).name)} was defined ` +
              `earlier as a ${describeShape(r.left.shape)}, the right side is a ` +
              `${describeShape(r.right.shape)}; if this defines it anew, write :=`,
            details: [`left = ${formatShort(r.left)}`, `right = ${formatShort(r.right)}`],
            trials: trialsRun,
            maxError: 1,
            sample,
          };
        }
        const doubts = shapeDoubts(this.claim);
        if (doubts.length > 0)
          return {
            verdict: 'unchecked',
            code: 'unchecked',
            message: shapeDoubtMessage(
              `left is a ${describeShape(r.left.shape)}, right is a ${describeShape(r.right.shape)}`,
              doubts,
            ),
            details: [`left = ${formatShort(r.left)}`, `right = ${formatShort(r.right)}`],
            trials: trialsRun,
            maxError: 1,
            sample,
          };
        return {
          verdict: 'refuted',
          code: 'refuted',
          message:
            `refuted: the sides have different shapes — left is a ` +
            `${describeShape(r.left.shape)}, right is a ${describeShape(r.right.shape)}`,
          details: [
            ...this.sampleLines(r),
            `left = ${formatShort(r.left)}`,
            `right = ${formatShort(r.right)}`,
          ],
          trials: trialsRun,
          maxError: 1,
          sample,
          pairs: results,
          shown: r,
        };
      }
    }
    const mc = results.find((r) => r.trial.monteCarlo)?.trial.monteCarlo ?? null;
    let maxError = 0;
    let failing: TrialResult[] = [];
    for (const r of results) {
      // Each trial's estimate has its own error (its sampled parameters set the spread).
      const { ok, err } = this.compare(r, monteCarloMargin(r));
      maxError = Math.max(maxError, err);
      if (!ok) failing.push(r);
    }
    const how = mc ? ` (Monte Carlo, ${mc.samples} samples per trial, 5σ)` : '';
    // What lets failing samples pass: the rounding of the author's result, or ≈ within 1%.
    let passed: string | null = null;
    if (
      failing.length > 0 &&
      (op === '=' || op === '\\approx') &&
      this.literals.length > 0 &&
      this.literals.length <= 4 &&
      !mc &&
      failing.every((r) => this.fitsWithinRounding(r))
    ) {
      passed = `within the rounding of ${this.literals.map((l) => l.node.text).join(', ')}`;
    } else if (failing.length > 0 && op === '\\approx' && maxError <= 0.01) {
      passed = 'approximately equal (within 1%)';
    }
    if (passed) failing = [];
    // `\ln S` of a square matrix: the entrywise reading failed; the matrix function is not evaluated.
    const entrywise = [...failing, ...this.undefinedOnce].find((r) => r.trial.readings.entrywiseOfSquare)
      ?.trial.readings.entrywiseOfSquare;
    if (entrywise)
      return {
        verdict: 'unchecked',
        code: 'unchecked',
        message: entrywiseMessage(entrywise),
        details: [],
        trials: trialsRun,
        maxError,
        sample,
      };
    if (failing.length === 0) {
      if (this.undefinedOnce.length > 0) return this.undefinedCounterexample(trialsRun, maxError, sample);
      if (this.lostTrials.length > 0) {
        const n = new Set(this.lostTrials.map((l) => l.trial)).size;
        return {
          verdict: 'unchecked',
          code: 'unchecked',
          message:
            `unchecked: beyond double precision at ${n} of ${trialsRun} samples ` +
            `(${this.lostTrials[0].why})${triedHigher(this.lostTrials[0].why) ? '' : NOT_EVALUABLE}`,
          details: [...this.sampleLines({ trial: this.lostTrials[0].trial, index: new Map() })],
          trials: trialsRun,
          maxError,
          sample,
        };
      }
      const notes: string[] = [];
      notes.push(...estimateNotes(results));
      if (results.length > 0 && !results[0].trial.drew)
        notes.push('nothing is sampled, so one evaluation decides');
      // Worth saying only where higher precision decided what doubles could not.
      const hp = results.filter((r) => r.hp?.equal).length;
      if (hp > 0)
        notes.push(
          `${hp} sample${hp === 1 ? '' : 's'} re-checked with ` +
            `${results.find((r) => r.hp)!.hp!.digits} digits`,
        );
      if (this.bothUndefined > 0)
        notes.push(
          `both sides undefined at ${this.bothUndefined} other ` +
            `sample${this.bothUndefined === 1 ? '' : 's'}, left out`,
        );
      if (this.oneUndefinedSkipped > 0)
        notes.push(
          `a side undefined at ${this.oneUndefinedSkipped} other ` +
            `sample${this.oneUndefinedSkipped === 1 ? '' : 's'}, left out`,
        );
      const head =
        passed && !passed.startsWith('approx')
          ? `verified ${passed}`
          : passed
            ? `verified: ${passed}`
            : `verified${how}`;
      return {
        verdict: 'verified',
        code: 'verified',
        message:
          `${head}: ${trialsRun} trial${trialsRun === 1 ? '' : 's'}` +
          (results.length > trialsRun ? `, ${results.length} index values` : '') +
          `, largest relative difference ${largestDifference(maxError, passed?.startsWith('approx'))}` +
          `${notes.length ? ` (${notes.join('; ')})` : ''}`,
        details: [`tolerance: relative ${formatNumber(this.tolerance, 2)}`, ...this.valueLines(results[0])],
        trials: trialsRun,
        maxError,
        sample,
      };
    }
    if (op === '\\approx' && this.literals.length === 0) {
      // An approximation without stated precision is confirmed or left open, never refuted.
      return {
        verdict: 'unchecked',
        code: 'unchecked',
        message:
          `unchecked: ≈ holds only to ${percent(maxError)} at the sampled values; state the ` +
          `precision with a rounded decimal, or use =`,
        details: this.valueLines(results[0]),
        trials: trialsRun,
        maxError,
        sample,
      };
    }
    // Conditions were told apart from claims when the prose was read (model/prose.ts): an
    // inequality that reaches here is a claim, and a failing sample refutes it.
    // Prose restates settings; only a claim that cannot be read another way is refuted.
    const zero = failing.find((f) => f.trial.zeroDerivative)?.trial.zeroDerivative;
    if (zero) {
      return {
        verdict: 'unchecked',
        code: 'unchecked',
        message:
          `unchecked: a derivative here is 0 because nothing in it depends on ` +
          `${displayName(zero)} through a definition; if it does, define that dependence`,
        details: this.valueLines(failing[0]),
        trials: trialsRun,
        maxError,
        sample,
      };
    }
    const other = this.otherReading();
    if (other) {
      return {
        verdict: 'unchecked',
        code: 'unchecked',
        message: `unchecked: ${other}`,
        details: this.valueLines(failing[0]),
        trials: trialsRun,
        maxError,
        sample,
      };
    }
    // The smallest failing sample: fewest input entries, then the largest error.
    failing.sort((x, y) => inputSize(x.trial) - inputSize(y.trial));
    const ex = failing[0];
    const errEx = this.compare(ex, monteCarloMargin(ex)).err;
    const where = this.whereText(ex);
    // Values that doubles cannot tell apart are shown with the digits where they differ.
    const digits = ex.hp ? Math.min(40, Math.max(4, Math.ceil(-Math.log10(Math.max(errEx, 1e-40))) + 3)) : 0;
    const show = (t: Tensor, d: Decimal | undefined, n: number, m: number) =>
      d ? formatDecimal(d, Math.max(n, digits)) : formatShort(t, n, m);
    const exact =
      ex.hp && (ex.hp.required || errEx < 1e-6)
        ? ` (in ${ex.hp.digits}-digit ` +
          `arithmetic${errEx < 1e-12 ? '; doubles cannot tell the sides apart' : ''})`
        : '';
    const lead =
      op === '=' || op === '\\approx'
        ? `refuted${how}: sides differ by ${percent(errEx)}${exact}${where} — left ` +
          `${show(ex.left, ex.hp?.left, 3, 4)}, right ${show(ex.right, ex.hp?.right, 3, 4)}`
        : `refuted${how}: ${show(ex.left, ex.hp?.left, 3, 4)} ${RELATION_TEXT[op] ?? op} ` +
          `${show(ex.right, ex.hp?.right, 3, 4)} is false${exact}${where}`;
    return {
      verdict: 'refuted',
      code: 'refuted',
      message: lead,
      details: [
        `failed in ${new Set(failing.map((f) => f.trial)).size} of ${trialsRun} trials`,
        `left = ${show(ex.left, ex.hp?.left, 6, 16)}`,
        `right = ${show(ex.right, ex.hp?.right, 6, 16)}`,
        `relative error ${formatNumber(errEx, 3)} (tolerance ${formatNumber(this.tolerance, 2)})`,
        ...this.sampleLines(ex),
      ],
      trials: trialsRun,
      maxError,
      sample,
      pairs: mc ? undefined : results,
      shown: ex,
    };
  }

  /**
   * Why a failing relation may not be a claim at all: `o = …` restating a formula that an
   * earlier `o = …` introduced (a new setting, as textbooks do from example to example).
   */
  private otherReading(): string | null {
    const { lhs, rhs, op, env, block } = this.claim;
    if (op === '=' || op === '\\approx') {
      // f'(x) = … after f(x) = …: the prime of a function introduced in the prose.
      const primedName = lhs.kind === 'prime' ? lhs.f.name.replace(/'+$/, '') : null;
      const primedDef = primedName ? env.lookup(primedName, block) : null;
      const sameParams =
        lhs.kind === 'prime' &&
        primedDef?.kind === 'def' &&
        primedDef.params !== null &&
        primedDef.params.length === lhs.args.length &&
        lhs.args.every((a, i) => a.kind === 'sym' && a.name === primedDef.params![i].name);
      const primed = sameParams ? primedName : null;
      const head =
        lhs.kind === 'sym'
          ? lhs.name
          : lhs.kind === 'apply' && lhs.args.every((a) => a.kind === 'sym')
            ? lhs.f.name
            : primed;
      const e = head ? env.lookup(head, block) : null;
      if (e && e.kind === 'case' && lhs.kind === 'sym') {
        return (
          `${displayName(head!)} was given a value earlier in this block ` +
          `(\`${snippet(e.text ?? head!)}\`); this states another one`
        );
      }
      if (
        e &&
        e.kind === 'def' &&
        e.implicit &&
        !this.claim.sameSetting &&
        (lhs.kind === 'sym') === (e.params === null)
      ) {
        return (
          `${displayName(head!)} was introduced by an earlier ` +
          `\`${snippet(e.text ?? head!)}\`; this states something else — if it is a new setting, ` +
          `write :=, otherwise one of the two is wrong`
        );
      }
      // `(W - F + 2P)/S + 1 = (10 - 3 + 0)/2 + 1`: numbers plugged in for names whose values
      // the prose set elsewhere may belong to another example.
      const prose = [...namesIn(lhs), ...namesIn(rhs)].filter((nm) => {
        const x = env.lookup(nm, block);
        return (
          x !== null &&
          ((x.kind === 'def' && x.implicit === true && x.params === null && isNumericLiteralNode(x.expr)) ||
            x.kind === 'case')
        );
      });
      const plugged = (n: Node) => onlyNumbers(n) && !isNumericLiteralNode(n);
      if (prose.length > 0 && (plugged(lhs) || plugged(rhs))) {
        return (
          `the numbers on one side may be another setting than the values in effect here ` +
          `(${prose.map(displayName).join(', ')} from the prose)`
        );
      }
    }
    return null;
  }

  /** One side defined and the other not at a drawn sample: that sample refutes the claim. */
  private undefinedCounterexample(
    trialsRun: number,
    maxError: number,
    sample: SampleValue[] | undefined,
  ): Outcome {
    const u = [...this.undefinedOnce].sort((x, y) => inputSize(x.trial) - inputSize(y.trial))[0];
    const other = u.side === 'left' ? 'right' : 'left';
    const where = this.whereText(u);
    return {
      verdict: 'refuted',
      code: 'refuted',
      message:
        `refuted: the ${u.side} side is undefined${where} (${u.why}) while the ${other} ` +
        `side is ${u.other}; if the claim is meant only where both sides are defined, restrict the ` +
        `domain in the declaration (\\mathbb{R}_{>0}, an interval) or with <!-- derive: assume … -->`,
      details: [
        `undefined on one side in ${new Set(this.undefinedOnce.map((x) => x.trial)).size} of ` +
          `${trialsRun} trials`,
        ...this.sampleLines(u),
      ],
      trials: trialsRun,
      maxError: Math.max(maxError, 1),
      sample,
    };
  }

  private whereText(r: { trial: Trial; index: Map<string, number> }): string {
    const parts: string[] = [];
    for (const [k, v] of r.index) parts.push(`${displayName(k)} = ${v}`);
    for (const { name, value } of this.ownInputs(r.trial))
      if (value.rank === 0 && parts.length < 4)
        parts.push(`${displayName(name)} = ${formatNumber(value.data[0], 3)}`);
    return parts.length ? ` at ${parts.join(', ')}` : '';
  }

  private sampleLines(r: { trial: Trial; index: Map<string, number> }): string[] {
    const lines: string[] = [];
    for (const [k, v] of r.index) lines.push(`${displayName(k)} = ${v}`);
    for (const { name, value } of this.ownInputs(r.trial))
      lines.push(`${displayName(name)} = ${formatShort(value, 4, 25)}`);
    return lines.length ? ['sample:', ...lines.map((l) => `  ${l}`)] : [];
  }

  private relevant: Set<string> | null = null;

  /** The sampled values the claim depends on (not those an `assume` or another section drew). */
  private ownInputs(t: Trial): Trial['inputs'] {
    this.relevant ??= relevantNames(this.claim);
    return t.inputs.filter((x) => this.relevant!.has(x.name));
  }

  private valueLines(r: TrialResult): string[] {
    return [`left = ${formatShort(r.left, 6, 16)}`, `right = ${formatShort(r.right, 6, 16)}`];
  }

  /** Elementwise comparison with a relative tolerance and an absolute floor tied to the scale. */
  private compare(r: TrialResult, absExtra: number): { ok: boolean; err: number } {
    const op = this.claim.op;
    if (op === '\\succ' || op === '\\prec' || op === '\\succeq' || op === '\\preceq') return this.loewner(r);
    if (r.hp) {
      const { equal, rel, left, right } = r.hp;
      const c = equal ? 0 : left.comparedTo(right);
      switch (op) {
        case '=':
        case '\\approx':
          return { ok: equal, err: rel };
        case '\\neq':
          return { ok: !equal, err: equal ? 1 : 0 };
        case '<':
          return { ok: c < 0, err: rel };
        case '>':
          return { ok: c > 0, err: rel };
        case '\\le':
          return { ok: c <= 0, err: rel };
        case '\\ge':
          return { ok: c >= 0, err: rel };
      }
    }
    const a = r.left.data;
    const b = r.right.data;
    const n = Math.max(a.length, b.length);
    const at = (d: Float64Array, i: number) => (d.length === 1 ? d[0] : d[i]);
    let scale = r.trial.scale;
    for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
    for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
    const tol = this.tolerance;
    // A difference within what the quadrature estimates it may be off is no evidence either way.
    let estimated = 0;
    for (const q of r.trial.estimates.values()) estimated += q.relative * scale + q.absolute;
    const absTol = tol * scale + absExtra + ESTIMATE_SAFETY * estimated;
    let ok = true;
    let err = 0;
    for (let i = 0; i < n; i++) {
      const x = at(a, i);
      const y = at(b, i);
      if (Number.isNaN(x) || Number.isNaN(y)) return { ok: false, err: 1 };
      const d = Math.abs(x - y);
      const m = Math.max(Math.abs(x), Math.abs(y));
      const close = d <= Math.max(tol * m, absTol);
      // Rounding noise against an exact 0 (A A^{-1} = I off the diagonal) is measured against the
      // scale of the claim, so the reported difference says what the comparison accepted.
      const rel = m === 0 ? 0 : close && d > tol * m ? d / Math.max(m, scale) : d / m;
      if (op === '=' || op === '\\approx') {
        err = Math.max(err, rel);
        if (!close) ok = false;
      } else if (op === '\\neq') {
        if (close) {
          ok = false;
          err = Math.max(err, 1);
        }
      } else if (op === '<') {
        if (!(x < y) || close) ok = false;
      } else if (op === '>') {
        if (!(x > y) || close) ok = false;
      } else if (op === '\\le') {
        if (!(x <= y) && !close) ok = false;
      } else if (op === '\\ge') {
        if (!(x >= y) && !close) ok = false;
      } else throw new Unsupported(`the relation ${op} is not checked`, this.claim.opStart, this.claim.opEnd);
    }
    return { ok, err };
  }

  /**
   * `A \succeq B`: A − B is positive semidefinite (≻: definite), between symmetric matrices of one
   * size; 0 stands for the zero matrix. Between numbers the symbols are not read as > (they also
   * write preference orders), so the claim is left unchecked.
   */
  private loewner(r: TrialResult): { ok: boolean; err: number } {
    const op = this.claim.op;
    const where = [this.claim.opStart, this.claim.opEnd] as const;
    const zero = (t: Tensor) => t.size === 1 && t.data[0] === 0;
    const left = zero(r.left) && r.right.rank === 2 ? Tensor.zeros(r.right.shape) : r.left;
    const right = zero(r.right) && r.left.rank === 2 ? Tensor.zeros(r.left.shape) : r.right;
    const n = left.shape[0];
    if (left.rank !== 2 || !sameShape([...left.shape], [...right.shape]) || left.shape[1] !== n)
      throw new Unsupported(
        `${RELATION_TEXT[op]} is read as the positive-definite order between square matrices of one ` +
          'size; between numbers write > or ≥',
        ...where,
      );
    const [big, small] = op === '\\succ' || op === '\\succeq' ? [left, right] : [right, left];
    let scale = r.trial.scale;
    for (const t of [left, right]) for (const x of t.data) scale = Math.max(scale, Math.abs(x));
    const d = sub(big, small);
    const slack = this.tolerance * scale * n;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < i; j++)
        if (Math.abs(d.data[i * n + j] - d.data[j * n + i]) > slack)
          throw new Unsupported(
            'the positive-definite order compares symmetric matrices, and the difference of the ' +
              'sides is not symmetric here',
            ...where,
          );
    // Semidefinite: allow rounding below zero; definite: ask for a margin above it.
    const strict = op === '\\succ' || op === '\\prec';
    const ok = choleskySucceeds(d, strict ? -slack : slack);
    return { ok, err: ok ? 0 : 1 };
  }

  private fitsWithinRounding(r: TrialResult): boolean {
    if (r.hp) return r.hp.fits === true;
    // Evaluate at the corners of the box of rounding intervals; a sign change of left − right
    // in every entry means some value within the rounding makes that entry hold.
    const k = this.literals.length;
    const lo = new Float64Array(r.left.size).fill(Infinity);
    const hi = new Float64Array(r.left.size).fill(-Infinity);
    for (let mask = 0; mask < 1 << k; mask++) {
      const t = r.trial;
      this.literals.forEach((l, j) => {
        const v = l.node.value + ((mask >> j) & 1 ? l.half : -l.half);
        t.literalOverrides.set(l.node, { v: Tensor.scalar(v), d: null });
      });
      let left: Tensor, right: Tensor;
      try {
        for (const [name, v] of r.index) t.bind(name, v);
        try {
          t.clearMemo();
          left = V.tensorOf(this.lhs(t), this.claim.lhs);
          right = V.tensorOf(this.rhs(t), this.claim.rhs);
        } finally {
          for (const name of r.index.keys()) t.unbind(name);
        }
      } catch (err) {
        if (isOutOfBudget(err)) throw err;
        return false;
      } finally {
        t.literalOverrides.clear();
        t.clearMemo();
      }
      if (left.size !== lo.length || (right.size !== lo.length && right.size !== 1)) return false;
      for (let i = 0; i < lo.length; i++) {
        const d = left.data[i] - (right.size === 1 ? right.data[0] : right.data[i]);
        lo[i] = Math.min(lo[i], d);
        hi[i] = Math.max(hi[i], d);
      }
    }
    const scale = Math.max(r.trial.scale, ...Array.from(r.left.data, Math.abs));
    const slack = this.tolerance * scale;
    for (let i = 0; i < lo.length; i++) if (!(lo[i] <= slack && hi[i] >= -slack)) return false;
    return true;
  }
}

/** Values of the claim's own sub-expressions (hovers point into the claim), light to send. */
function samplesOf(recorded: Map<Node, Tensor>, start: number, end: number): SampleValue[] {
  const out: SampleValue[] = [];
  for (const [n, t] of recorded) {
    if (n.start < start || n.end > end || n.end <= n.start) continue;
    // Numbers, not renderings: a hover formats the one it shows (a document's worth of tables
    // would be megabytes to send from the worker after every edit).
    out.push({
      start: n.start,
      end: n.end,
      shape: describeShape(t.shape),
      dims: [...t.shape],
      values: t.size <= 4096 ? t.data.slice() : t.data.slice(0, 64),
    });
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** How many sampled sub-expressions are zero throughout (a zero mask makes a claim trivially true). */
function zeros(sample: SampleValue[]): number {
  let n = 0;
  for (const s of sample) if (s.values.length > 1 && s.values.every((x) => x === 0)) n++;
  return n;
}

/** A side that is NaN or infinite is undefined at this sample (or beyond the double range, when the trial
 * logged that). */
function finite(t: Tensor): Tensor {
  for (let i = 0; i < t.data.length; i++)
    if (!Number.isFinite(t.data[i]))
      throw new Resample(
        'nan',
        Number.isNaN(t.data[i]) ? 'its value is not a number' : 'its value is infinite',
      );
  return t;
}

function namesIn(n: Node): string[] {
  const out: string[] = [];
  walk(n, (x) => {
    if (x.kind === 'sym') out.push(x.name);
  });
  return out;
}

function onlyNumbers(n: Node): boolean {
  let ok = true;
  walk(n, (x) => {
    if (
      x.kind === 'sym' ||
      x.kind === 'apply' ||
      x.kind === 'call' ||
      x.kind === 'deriv' ||
      x.kind === 'expect'
    )
      ok = false;
  });
  return ok;
}

function isNumericLiteralNode(n: Node): boolean {
  return (
    n.kind === 'num' ||
    (n.kind === 'neg' && n.operand.kind === 'num') ||
    (n.kind === 'frac' && n.numerator.kind === 'num' && n.denominator.kind === 'num')
  );
}

function isOrder(op: string): boolean {
  return op === '<' || op === '>' || op === '\\le' || op === '\\ge';
}

function inputSize(t: Trial): number {
  return t.inputs.reduce((a, x) => a + x.value.size, 0);
}

function percent(x: number): string {
  if (x >= 10) return `${formatNumber(x, 2)}×`;
  return `${formatNumber(x * 100, x < 0.01 ? 2 : 3)}%`;
}

/** Size-1 tensors compare as numbers; an n×1 column compares as a vector. */
function normalizeShape(s: readonly number[]): number[] {
  const size = s.reduce((a, b) => a * b, 1);
  if (size === 1) return [];
  if (s.length === 2 && s[1] === 1) return [s[0]];
  return [...s];
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether a lost-precision reason comes from the decimal re-check itself. */
function triedHigher(why: string): boolean {
  return why.includes('digits') || why.includes('precision carried');
}

const NOT_EVALUABLE = '; not evaluable in higher precision here';

/** The largest relative difference, as a percentage for ≈. */
function largestDifference(maxError: number, approx: boolean | undefined): string {
  return approx ? `${formatNumber(maxError * 100, 2)}%` : formatNumber(maxError, 2);
}

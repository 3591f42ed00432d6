// One claim → one verdict. Compile both sides once, run the trials, compare with a tolerance
// that says how each number was obtained, and explain the outcome.
import { EngineError, Rng, Tensor, hashString, combineSeeds } from '../engine';
import type { Node } from '../math/tree';
import type { Claim } from '../model/types';
import { walk } from '../model/names';
import { compile, newCompileEnv, type CompileEnv, type Fn } from './evaluate';
import { OverBudget, Resample, ShapeMismatch, UnknownName, Unsupported } from './errors';
import { diagnose, withHeadline, type SidePair } from './diagnose';
import { exactValue } from './exact';
import { UnknownInClaim, unknownHints } from './hints';
import { relevantNames } from './relevant';
import { describeShape, formatNumber, formatShort } from './format';
import type { ClaimResult, SampleValue } from './result';
import { Trial } from './trial';
import * as V from './values';

export interface ClaimOptions {
  timeBudgetMs: number;
  collectSamples: boolean;
}

const RELATION_TEXT: Record<string, string> = { '=': '=', ':=': ':=', '\\approx': '≈', '\\neq': '≠', '<': '<', '>': '>', '\\le': '≤', '\\ge': '≥', '\\in': '∈', '\\sim': '∼' };

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
    opStart: claim.opStart, opEnd: claim.opEnd, start: claim.start, end: claim.end,
    relation: RELATION_TEXT[claim.op] ?? claim.op, text, tag: claim.tag,
  };
  let outcome = attempt(claim, text, source, options);
  // `x * w` of two sequences without a `star` directive: convolution or correlation?
  if (outcome.verdict === 'refuted' && !claim.settings.starChosen && usesStar(claim)) {
    const other = attempt({ ...claim, settings: { ...claim.settings, star: 'correlation', starChosen: true } }, text, source, options);
    if (other.verdict === 'verified') {
      outcome = {
        ...other, verdict: 'unchecked', code: 'unchecked',
        message: 'unchecked: this holds if x * w is cross-correlation, not if it is convolution; say which with <!-- derive: star correlation --> or star convolution',
      };
    }
  }
  const { pairs, shown, unknown, ...rest } = outcome;
  void shown;
  if (unknown) {
    const hints = unknownHints(claim, unknown, source, displayName, (c) => attempt(c, text, source, { ...options, collectSamples: false, timeBudgetMs: Math.min(options.timeBudgetMs, 50) }));
    return { ...base, ...rest, message: hints.message, details: hints.details, declarations: hints.declarations };
  }
  const diagnosis = rest.verdict === 'refuted' && pairs && (claim.op === '=' || claim.op === '\\approx') ? diagnose(pairs, { lhs: claim.lhs, rhs: claim.rhs, source }) : null;
  if (diagnosis) return { ...base, ...rest, message: withHeadline(rest.message, diagnosis.headline), diagnosis: diagnosis.headline, fix: diagnosis.fix ?? undefined };
  return { ...base, ...rest };
}

function attempt(claim: Claim, text: string, source: string, options: ClaimOptions): Outcome {
  try {
    return decide(claim, text, options);
  } catch (err) {
    return failure(err, source, claim);
  }
}

function usesStar(claim: Claim): boolean {
  let found = false;
  const visit = (n: Node) => walk(n, (x) => { if (x.k === 'bin' && x.op === 'ast') found = true; });
  visit(claim.lhs);
  visit(claim.rhs);
  return found;
}

function failure(err: unknown, source: string, claim: Claim): Outcome {
  const none = { trials: 0, maxError: 0, details: [] as string[] };
  // Name the place when the trouble is outside the claim's own text (in a definition).
  const where = (e: { s: number; e: number }) => (e.s < claim.start || e.e > claim.end) && e.e > e.s ? ` (in \`${snippet(source.slice(e.s, e.e))}\`)` : '';
  if (err instanceof UnknownName) {
    const decl = err.names.map((n) => `${n} \\in \\mathbb{R}`).join('; ');
    return { ...none, unknown: err instanceof UnknownInClaim ? err.nodes : undefined, verdict: 'unchecked', code: 'unchecked', message: `unchecked: ${err.message}`, details: [`Declare ${err.names.length > 1 ? 'them' : 'it'} or define ${err.names.length > 1 ? 'them' : 'it'} before this line, e.g. <!-- derive: ${decl} -->`] };
  }
  if (err instanceof Unsupported) return { ...none, verdict: 'unchecked', code: 'unchecked', message: `unchecked: ${err.message}${where(err)}` };
  if (err instanceof EngineError && err.code === 'budget') return { ...none, verdict: 'unchecked', code: 'unchecked', message: `unchecked: over budget (${err.message})` };
  if (err instanceof OverBudget) return { ...none, verdict: 'unchecked', code: 'unchecked', message: `unchecked: over budget (${err.message})` };
  if (err instanceof ShapeMismatch) return { ...none, verdict: 'refuted', code: 'shape', message: `shape error: ${err.message}${where(err)}` };
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return { ...none, verdict: 'unchecked', code: 'unchecked', message: 'unchecked: over budget (the expression or its definitions nest too deeply to evaluate)' };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { ...none, verdict: 'unchecked', code: 'unchecked', message: `unchecked: internal error (${message})` };
}

function decide(claim: Claim, text: string, options: ClaimOptions): Outcome {
  if (claim.skipReason) return { verdict: 'unchecked', code: 'unchecked', message: `unchecked: ${claim.skipReason}`, details: [], trials: 0, maxError: 0 };
  const exact = decideExactly(claim);
  if (exact) return exact;

  const cenv = newCompileEnv(claim.env, claim.block);
  const shapeCache = new Map<Node, Fn>();
  const compileNode = (n: Node): Fn => {
    let f = shapeCache.get(n);
    if (!f) { f = compile(n, { ...cenv, free: [] }); shapeCache.set(n, f); }
    return f;
  };
  const lhs = compile(claim.lhs, cenv);
  const rhs = compile(claim.rhs, cenv);
  const assumptions = claim.assumptions.map((a) => compile(a, { ...cenv, free: [] }));
  if (cenv.unknown.size) {
    const nodes = [...cenv.unknown.values()];
    throw new UnknownInClaim(nodes.map((n) => displayName(n.name)), nodes);
  }
  const literals = decimalLiterals(claim);
  const runner = new Runner(claim, cenv, lhs, rhs, assumptions, compileNode, options, text, literals);
  return runner.run();
}

function snippet(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 50 ? `${t.slice(0, 47)}…` : t;
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
  const holds: Record<string, boolean | undefined> = { '=': c === 0, '\\approx': c === 0, '\\neq': c !== 0, '<': c < 0, '>': c > 0, '\\le': c <= 0, '\\ge': c >= 0 };
  const ok = holds[claim.op];
  if (ok === undefined) return null;
  const left = a.toString();
  const right = b.toString();
  if (ok) return { verdict: 'verified', code: 'verified', message: `verified exactly: ${left} ${RELATION_TEXT[claim.op] ?? claim.op} ${right}`, details: [`left = ${left}`, `right = ${right}`], trials: 1, maxError: 0 };
  const err = relativeError(a.toNumber(), b.toNumber());
  return {
    verdict: 'refuted', code: 'refuted',
    message: claim.op === '=' || claim.op === '\\approx' ? `refuted: left is ${left}, right is ${right} (exact arithmetic)` : `refuted: ${left} ${RELATION_TEXT[claim.op]} ${right} is false`,
    details: [`left = ${left}`, `right = ${right}`], trials: 1, maxError: err,
  };
}

function relativeError(a: number, b: number): number {
  const d = Math.abs(a - b);
  const m = Math.max(Math.abs(a), Math.abs(b));
  return m === 0 ? 0 : d / m;
}

const MONTE_CARLO_TRIALS = 3;

interface Literal { node: Extract<Node, { k: 'num' }>; half: number }

/** Decimal literals written with limited digits, and half a unit of their last digit. */
function decimalLiterals(claim: Claim): Literal[] {
  const out: Literal[] = [];
  for (const side of [claim.lhs, claim.rhs]) {
    walk(side, (n) => {
      if (n.k === 'num' && n.text.includes('.')) {
        const decimals = n.text.length - n.text.indexOf('.') - 1;
        out.push({ node: n, half: 0.5 * 10 ** -decimals });
      }
    });
  }
  return out;
}

interface TrialResult { left: Tensor; right: Tensor; trial: Trial; index: Map<string, number> }

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
    const results: TrialResult[] = [];
    const resampled: Record<string, number> = {};
    let lastResample = '';
    const maxAttempts = this.trials * 5 + 20;
    let sample: SampleValue[] | undefined;
    let done = 0;
    let target = this.trials;
    for (let attempt = 0; done < target && attempt < maxAttempts; attempt++) {
      if (Date.now() > deadline) {
        if (results.length === 0) throw new OverBudget(`time budget of ${this.options.timeBudgetMs} ms`);
        break;
      }
      const rng = new Rng(combineSeeds(this.seed, attempt));
      const trial = new Trial(this.claim.settings, rng, this.compileNode, deadline);
      if (this.options.collectSamples && !sample) trial.recorder = new Map();
      V.setAdContext(trial.ad);
      try {
        for (const a of this.assumptions) {
          const t = V.tensorOf(a(trial), this.claim.lhs);
          if (t.data.some((x) => x === 0)) throw new Resample('assumption', 'the assumption does not hold at this sample');
        }
        const perIndex = this.evaluateOverIndices(trial);
        results.push(...perIndex);
        done++;
        // A Monte Carlo trial already averages thousands of samples: a few such trials suffice.
        if (trial.monteCarlo) target = Math.min(target, MONTE_CARLO_TRIALS);
        if (trial.recorder) { sample = samplesOf(trial.recorder, this.claim.start, this.claim.end); trial.recorder = null; }
      } catch (err) {
        // Out of time with some trials done: judge on those (the verdict says how many).
        if (err instanceof OverBudget && results.length > 0 && Date.now() > deadline) break;
        if (err instanceof Resample) {
          resampled[err.reason] = (resampled[err.reason] ?? 0) + 1;
          lastResample = err.message;
          continue;
        }
        throw err;
      }
    }
    if (results.length === 0) {
      const reason = Object.keys(resampled)[0] ?? 'unknown';
      const why: Record<string, string> = {
        singular: 'singular: a matrix was singular at every sample',
        nan: 'undefined: the value is not a finite number at any sample',
        kink: 'every sample landed on a kink of a non-smooth function',
        assumption: 'the assumption could not be met by any sample',
        domain: `outside the domain at every sample (${lastResample})`,
      };
      return { verdict: 'unchecked', code: 'unchecked', message: `unchecked: ${why[reason] ?? lastResample}`, details: [], trials: 0, maxError: 0 };
    }
    return this.withHoverSample(this.judge(results, sample), results);
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
      if (s && zeros(s) < bestZeros) { best = s; bestZeros = zeros(s); if (bestZeros === 0) break; }
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

  /** Evaluates both sides for every value of the claim's free indices. */
  private evaluateOverIndices(trial: Trial): TrialResult[] {
    const free = this.cenv.free;
    if (free.length === 0) {
      const left = finite(V.tensorOf(this.lhs(trial), this.claim.lhs));
      const right = finite(V.tensorOf(this.rhs(trial), this.claim.rhs));
      return [{ left, right, trial, index: new Map() }];
    }
    const sizes = free.map((s) => trial.rangeOf(s.sources, s.name, this.claim.lhs));
    const out: TrialResult[] = [];
    const idx = sizes.map(() => 1);
    const total = sizes.reduce((a, b) => a * b, 1);
    for (let k = 0; k < total; k++) {
      free.forEach((s, j) => trial.bind(s.name, idx[j]));
      try {
        const left = finite(V.tensorOf(this.lhs(trial), this.claim.lhs));
        const right = finite(V.tensorOf(this.rhs(trial), this.claim.rhs));
        out.push({ left, right, trial, index: new Map(free.map((s, j) => [s.name, idx[j]])) });
      } finally {
        for (const s of free) trial.unbind(s.name);
      }
      for (let a = sizes.length - 1; a >= 0; a--) { if (idx[a] < sizes[a]) { idx[a]++; break; } idx[a] = 1; }
    }
    return out;
  }

  private judge(results: TrialResult[], sample: SampleValue[] | undefined): Outcome {
    const op = this.claim.op;
    const trialsRun = new Set(results.map((r) => r.trial)).size;
    // Shapes first: a gradient laid out transposed is wrong whatever its numbers.
    for (const r of results) {
      const a = normalizeShape(r.left.shape);
      const b = normalizeShape(r.right.shape);
      const zeroSide = (t: Tensor) => t.size === 1 && t.data[0] === 0;
      // A literal 0 stands for the zero vector or matrix; any other shape difference refutes.
      if (!sameShape(a, b) && !(a.length === 0 && zeroSide(r.left)) && !(b.length === 0 && zeroSide(r.right)) && !(isOrder(op) && (a.length === 0 || b.length === 0))) {
        const lhs = this.claim.lhs;
        const redefined = lhs.k === 'sym' && this.claim.env.lookup(lhs.name, this.claim.block)?.kind === 'def';
        if (redefined) {
          // `y = …` with y defined earlier as something of another shape reads as a new definition.
          return {
            verdict: 'unchecked', code: 'unchecked',
            message: `unchecked: ${displayName((lhs as { name: string }).name)} was defined earlier as a ${describeShape(r.left.shape)}, the right side is a ${describeShape(r.right.shape)}; if this defines it anew, write :=`,
            details: [`left = ${formatShort(r.left)}`, `right = ${formatShort(r.right)}`], trials: trialsRun, maxError: 1, sample,
          };
        }
        return {
          verdict: 'refuted', code: 'refuted',
          message: `refuted: the sides have different shapes — left is a ${describeShape(r.left.shape)}, right is a ${describeShape(r.right.shape)}`,
          details: [...this.sampleLines(r), `left = ${formatShort(r.left)}`, `right = ${formatShort(r.right)}`], trials: trialsRun, maxError: 1, sample, pairs: results, shown: r,
        };
      }
    }
    const mc = results.find((r) => r.trial.monteCarlo)?.trial.monteCarlo ?? null;
    let maxError = 0;
    let worst: { r: TrialResult; err: number } | null = null;
    const failing: TrialResult[] = [];
    for (const r of results) {
      const { ok, err } = this.compare(r, mc ? 5 * mc.stdError : 0);
      maxError = Math.max(maxError, err);
      if (!ok) {
        failing.push(r);
        if (!worst || err > worst.err) worst = { r, err };
      }
    }
    const how = mc ? ` (Monte Carlo, ${mc.samples} samples per trial, 5σ)` : '';
    if (failing.length === 0) {
      return {
        verdict: 'verified', code: 'verified',
        message: `verified${how}: ${trialsRun} trial${trialsRun === 1 ? '' : 's'}${results.length > trialsRun ? `, ${results.length} index values` : ''}, largest relative difference ${formatNumber(maxError, 2)}`,
        details: [`tolerance: relative ${formatNumber(this.tolerance, 2)}`, ...this.valueLines(results[0])], trials: trialsRun, maxError, sample,
      };
    }
    // Limited-precision decimals: is there a value within each literal's rounding that fits?
    if ((op === '=' || op === '\\approx') && this.literals.length > 0 && this.literals.length <= 4 && !mc) {
      const fits = failing.every((r) => this.fitsWithinRounding(r));
      if (fits) {
        const lits = this.literals.map((l) => l.node.text).join(', ');
        return {
          verdict: 'verified', code: 'verified',
          message: `verified within the rounding of ${lits}: ${trialsRun} trials, largest relative difference ${formatNumber(maxError, 2)}`,
          details: this.valueLines(results[0]), trials: trialsRun, maxError, sample,
        };
      }
    }
    if (op === '\\approx' && maxError <= 0.01 && this.literals.length === 0) {
      return { verdict: 'verified', code: 'verified', message: `verified: approximately equal, largest relative difference ${formatNumber(maxError * 100, 2)}%`, details: this.valueLines(results[0]), trials: trialsRun, maxError, sample };
    }
    if (op === '\\approx' && this.literals.length === 0) {
      // An approximation without stated precision is confirmed or left open, never refuted.
      return { verdict: 'unchecked', code: 'unchecked', message: `unchecked: ≈ holds only to ${percent(maxError)} at the sampled values; state the precision with a rounded decimal, or use =`, details: this.valueLines(results[0]), trials: trialsRun, maxError, sample };
    }
    const failedTrials = new Set(failing.map((f) => f.trial)).size;
    if (isOrder(op) && (failedTrials < trialsRun || failing.length < results.length)) {
      // True at some samples and false at others: a condition ("if Z_i > 0") reads this way too.
      const ex0 = failing[0];
      return {
        verdict: 'unchecked', code: 'unchecked',
        message: `unchecked: holds at some samples but not others (false at ${formatShort(ex0.left, 3, 4)} ${RELATION_TEXT[op] ?? op} ${formatShort(ex0.right, 3, 4)}${this.whereText(ex0)}); as a claim it is false, as a condition it is not checked`,
        details: this.sampleLines(ex0), trials: trialsRun, maxError, sample,
      };
    }
    // Prose restates and conditions; only a claim that cannot be read another way is refuted.
    const zero = failing.find((f) => f.trial.zeroDerivative)?.trial.zeroDerivative;
    if (zero) {
      return { verdict: 'unchecked', code: 'unchecked', message: `unchecked: a derivative here is 0 because nothing in it depends on ${displayName(zero)} through a definition; if it does, define that dependence`, details: this.valueLines(failing[0]), trials: trialsRun, maxError, sample };
    }
    const other = this.otherReading();
    if (other) {
      return { verdict: 'unchecked', code: 'unchecked', message: `unchecked: ${other}`, details: this.valueLines(failing[0]), trials: trialsRun, maxError, sample };
    }
    // The smallest failing sample: fewest input entries, then the largest error.
    failing.sort((x, y) => inputSize(x.trial) - inputSize(y.trial));
    const ex = failing[0];
    const errEx = this.compare(ex, mc ? 5 * mc.stdError : 0).err;
    const where = this.whereText(ex);
    const lead = op === '=' || op === '\\approx'
      ? `refuted${how}: sides differ by ${percent(errEx)}${where} — left ${formatShort(ex.left, 3, 4)}, right ${formatShort(ex.right, 3, 4)}`
      : `refuted${how}: ${formatShort(ex.left, 3, 4)} ${RELATION_TEXT[op] ?? op} ${formatShort(ex.right, 3, 4)} is false${where}`;
    return {
      verdict: 'refuted', code: 'refuted', message: lead,
      details: [
        `failed in ${new Set(failing.map((f) => f.trial)).size} of ${trialsRun} trials`,
        `left = ${formatShort(ex.left, 6, 16)}`, `right = ${formatShort(ex.right, 6, 16)}`,
        `relative error ${formatNumber(errEx, 3)} (tolerance ${formatNumber(this.tolerance, 2)})`,
        ...this.sampleLines(ex),
      ],
      trials: trialsRun, maxError, sample, pairs: mc ? undefined : results, shown: ex,
    };
  }

  /**
   * Why a failing relation may not be a claim at all: `o = …` restating a formula that an
   * earlier `o = …` introduced (a new setting, as textbooks do from example to example), or
   * `s > 1` / `P = 0`, a condition on a name.
   */
  private otherReading(): string | null {
    const { lhs, rhs, op, env, block } = this.claim;
    const isName = (n: Node) => n.k === 'sym' && env.lookup(n.name, block) !== null;
    const nameOf = (n: Node) => (n.k === 'sym' ? n.name : '');
    const isLiteral = (n: Node) => n.k === 'num' || (n.k === 'neg' && n.a.k === 'num');
    if (isOrder(op) && ((isName(lhs) && (isLiteral(rhs) || isName(rhs))) || (isName(rhs) && isLiteral(lhs)))) {
      return `this reads as a condition on ${displayName(nameOf(isName(lhs) ? lhs : rhs))}, and the values in effect here do not satisfy it`;
    }
    if (op === '=' || op === '\\approx') {
      // f'(x) = … after f(x) = …: the prime of a function introduced in the prose.
      const primedName = lhs.k === 'prime' ? lhs.f.name.replace(/'+$/, '') : null;
      const primedDef = primedName ? env.lookup(primedName, block) : null;
      const sameParams = lhs.k === 'prime' && primedDef?.kind === 'def' && primedDef.params !== null && primedDef.params.length === lhs.args.length
        && lhs.args.every((a, i) => a.k === 'sym' && a.name === primedDef.params![i].name);
      const primed = sameParams ? primedName : null;
      const head = lhs.k === 'sym' ? lhs.name : lhs.k === 'apply' && lhs.args.every((a) => a.k === 'sym') ? lhs.f.name : primed;
      const e = head ? env.lookup(head, block) : null;
      if (e && e.kind === 'case' && lhs.k === 'sym') {
        return `${displayName(head!)} was given a value earlier in this block (\`${snippet(e.text ?? head!)}\`); this states another one`;
      }
      if (e && e.kind === 'def' && e.implicit && (lhs.k === 'sym') === (e.params === null)) {
        return `${displayName(head!)} was introduced by an earlier \`${snippet(e.text ?? head!)}\`; this states something else — if it is a new setting, write :=, otherwise one of the two is wrong`;
      }
      // `(W - F + 2P)/S + 1 = (10 - 3 + 0)/2 + 1`: numbers plugged in for names whose values
      // the prose set elsewhere may belong to another example.
      const prose = [...namesIn(lhs), ...namesIn(rhs)].filter((nm) => {
        const x = env.lookup(nm, block);
        return x !== null && ((x.kind === 'def' && x.implicit === true && x.params === null && isNumericLiteralNode(x.expr)) || x.kind === 'case');
      });
      const plugged = (n: Node) => onlyNumbers(n) && !isNumericLiteralNode(n);
      if (prose.length > 0 && (plugged(lhs) || plugged(rhs))) {
        return `the numbers on one side may be another setting than the values in effect here (${prose.map(displayName).join(', ')} from the prose)`;
      }
      if (isName(lhs) && isLiteral(rhs) && env.lookup(nameOf(lhs), block)?.kind !== 'def') {
        return `this reads as a condition on ${displayName(nameOf(lhs))} (a value written in the prose), and the value in effect here is different`;
      }
    }
    return null;
  }

  private whereText(r: TrialResult): string {
    const parts: string[] = [];
    for (const [k, v] of r.index) parts.push(`${displayName(k)} = ${v}`);
    for (const { name, value } of this.ownInputs(r.trial)) if (value.rank === 0 && parts.length < 4) parts.push(`${displayName(name)} = ${formatNumber(value.data[0], 3)}`);
    return parts.length ? ` at ${parts.join(', ')}` : '';
  }

  private sampleLines(r: TrialResult): string[] {
    const lines: string[] = [];
    for (const [k, v] of r.index) lines.push(`${displayName(k)} = ${v}`);
    for (const { name, value } of this.ownInputs(r.trial)) lines.push(`${displayName(name)} = ${formatShort(value, 4, 25)}`);
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
    const a = r.left.data;
    const b = r.right.data;
    const n = Math.max(a.length, b.length);
    const at = (d: Float64Array, i: number) => (d.length === 1 ? d[0] : d[i]);
    let scale = r.trial.scale;
    for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
    for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
    const tol = this.tolerance;
    const absTol = tol * scale + absExtra;
    let ok = true;
    let err = 0;
    for (let i = 0; i < n; i++) {
      const x = at(a, i);
      const y = at(b, i);
      if (Number.isNaN(x) || Number.isNaN(y)) return { ok: false, err: 1 };
      const d = Math.abs(x - y);
      const m = Math.max(Math.abs(x), Math.abs(y));
      const rel = m === 0 ? 0 : d / m;
      const close = d <= Math.max(tol * m, absTol);
      if (op === '=' || op === '\\approx') { err = Math.max(err, rel); if (!close) ok = false; }
      else if (op === '\\neq') { if (close) { ok = false; err = Math.max(err, 1); } }
      else if (op === '<') { if (!(x < y) || close) ok = false; }
      else if (op === '>') { if (!(x > y) || close) ok = false; }
      else if (op === '\\le') { if (!(x <= y) && !close) ok = false; }
      else if (op === '\\ge') { if (!(x >= y) && !close) ok = false; }
      else throw new Unsupported(`the relation ${op} is not checked`, this.claim.opStart, this.claim.opEnd);
    }
    return { ok, err };
  }

  private fitsWithinRounding(r: TrialResult): boolean {
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
      } catch {
        return false;
      } finally {
        t.literalOverrides.clear();
        t.clearMemo();
      }
      if (left.size !== lo.length || right.size !== lo.length && right.size !== 1) return false;
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
    if (n.s < start || n.e > end || n.e <= n.s) continue;
    // Numbers, not renderings: a hover formats the one it shows (a document's worth of tables
    // would be megabytes to send from the worker after every edit).
    out.push({ start: n.s, end: n.e, shape: describeShape(t.shape), dims: [...t.shape], values: t.size <= 4096 ? t.data.slice() : t.data.slice(0, 64) });
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** How many sampled sub-expressions are zero throughout (a zero mask makes a claim trivially true). */
function zeros(sample: SampleValue[]): number {
  let n = 0;
  for (const s of sample) if (s.values.length > 1 && s.values.every((x) => x === 0)) n++;
  return n;
}

/** A side that is NaN or infinite at a sample says nothing: draw the sample again. */
function finite(t: Tensor): Tensor {
  for (let i = 0; i < t.data.length; i++) if (!Number.isFinite(t.data[i])) throw new Resample('nan', 'a side is not a finite number at this sample');
  return t;
}

function namesIn(n: Node): string[] {
  const out: string[] = [];
  walk(n, (x) => { if (x.k === 'sym') out.push(x.name); });
  return out;
}

function onlyNumbers(n: Node): boolean {
  let ok = true;
  walk(n, (x) => { if (x.k === 'sym' || x.k === 'apply' || x.k === 'call' || x.k === 'deriv' || x.k === 'expect') ok = false; });
  return ok;
}

function isNumericLiteralNode(n: Node): boolean {
  return n.k === 'num' || (n.k === 'neg' && n.a.k === 'num') || (n.k === 'frac' && n.a.k === 'num' && n.b.k === 'num');
}

function isOrder(op: string): boolean { return op === '<' || op === '>' || op === '\\le' || op === '\\ge'; }

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

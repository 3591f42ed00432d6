// One trial of one claim: the sampled values, the memo of evaluated definitions, bound index
// variables, and the machinery for derivatives, sums and expectations.
import { type Rng, Tensor, AdContext, chargeWork } from '../engine';
import type { ExpectOp, Node } from '../math/tree';
import type { DeclSpec, Distribution, Entry, Settings } from '../model/types';
import { type Extrapolated, extrapolated, stepFor } from './differences';
import { NestedDerivative, OutOfTime, OverBudget, Resample, UnsizedBasis, Unsupported } from './errors';
import { formatNumber } from './format';
import type { DistFns, Fn, IndexSource } from './evaluate';
import { jacobianFrom, NoBatch, type JacobianPlan } from './jacobian';
import { AnyLaw } from './anyLaw';
import { conditionNeverHolds, HeavyTail, holds, Moments, monteCarloMoments, polynomialBody } from './moments';
import { PrecisionLog } from './precision';
import { ReadingsLog } from './readingsLog';
import * as V from './values';
import { type ContinuousLaw, MAX_DENSITY_VARIABLES, momentByDensity } from './densityQuadrature';
import { DEALT_LIMIT, type Deal, dealtIndex, dealtSize } from './dealt';
import { seamSample, wideSample } from './wideSamples';
import {
  ADDITIVITY_CHECKS,
  additivityPoints,
  isAdditive,
  MAX_INDEPENDENT_TERMS,
  spreadValues,
  type TermLaw,
  termMoment,
} from './independentTerms';
import { atomsOf, checkLaw, drawLaw, lawMoments, type MomentFamily } from './laws';
import type { Dual, Val } from './values';

/** How a value was computed approximately: its error is estimated and allowed for. */
export type NumericMethod = 'quadrature' | 'differences' | 'density' | 'limit' | 'shifted';

export interface RandomVar {
  name: string;
  dist: Distribution;
  spec: DeclSpec;
  fns: DistFns;
}

/** Exact enumeration is used up to this many outcomes, Monte Carlo beyond. */
export const ENUMERATION_LIMIT = 1 << 16;
/**
 * Laws given by their moments stand for laws with many atoms or none (laws.ts MOMENT_FAMILIES):
 * their two-point stand-ins are enumerated only while that is cheaper than Monte Carlo.
 */
const MOMENT_ENUMERATION_LIMIT = 1 << 10;
/** Past this many outcomes, a sum of one term per number is taken a number at a time first. */
const SMALL_ENUMERATION = 1 << 8;

function isMomentLaw(v: RandomVar): boolean {
  return v.dist.kind === 'Law' && v.dist.law === 'Moments';
}

/** The values an entry of a discrete random variable takes, with their probabilities. */
/** An entry's atoms; `tie`: the entry (flat index) whose atom it takes, the pair's other variable. */
type Atoms = { values: number[]; weights: number[]; tie?: number };

/** Whether two variables are the pair of one joint law given cell by cell. */
function sameJoint(a: Distribution, b: Distribution): boolean {
  return (
    a.kind === 'Joint' &&
    b.kind === 'Joint' &&
    a.names[0] === b.names[0] &&
    a.names[1] === b.names[1] &&
    JSON.stringify(a.cells) === JSON.stringify(b.cells)
  );
}

function bernoulliAtoms(p: number): Atoms {
  if (!(p >= 0 && p <= 1)) throw new Resample('domain', `Bernoulli parameter ${p} is not a probability`);
  return { values: [0, 1], weights: [1 - p, p] };
}
export const MONTE_CARLO_SAMPLES = 1000;
/** A differenced derivative is used only when its estimated error is below this fraction of its size. */
const DIFFERENCE_ACCURACY = 1e-6;

/** One evaluation step (a closure call, a lookup, a small tensor op) in the units of the work meter. */
const STEP_WORK = 20;

/** A declared shape whose size reaches back to the array being sized (Trial.sizeOfShape). */
class SizeCycle extends Error {}

/** A name read as changing with a derivative's variable: its value and drawn rate (Trial.movingNames). */
interface Moving {
  name: string;
  value: Tensor;
  rate: Tensor;
}

const NO_RATES: ReadonlyMap<string, Fn> = new Map();

export class Trial {
  private readonly values = new Map<string, Dual>();
  private readonly dims = new Map<string, number>();
  private memoMap = new Map<Entry, Val>();
  private readonly locals = new Map<string, Val[]>();
  private readonly overrides = new Map<string, Dual>();
  /**
   * A derivative by a local (the variable of `\left. … \right|_{t=0}`) moves the binding in effect
   * when it started, not one a nested integral or sum makes of the same letter: the depth of that
   * binding, by name.
   */
  private readonly overriddenLocal = new Map<string, number>();
  readonly literalOverrides = new Map<Node, Dual>();
  private seeding = false;
  readonly ad = new AdContext();
  /** What double precision lost in this trial. */
  readonly precision: PrecisionLog;
  /** Notation this trial read one way of two (an entrywise function of a square matrix). */
  readonly readings = new ReadingsLog();
  /** Largest magnitude of any value seen (for the absolute part of the tolerance). */
  scale = 0;
  /**
   * Estimated errors of values computed numerically in this trial (integrals by quadrature,
   * higher derivatives by differences): relative to each value's size, and absolute for values
   * near 0. A difference within them is not a refutation.
   */
  readonly estimates = new Map<NumericMethod, { relative: number; absolute: number }>();
  /** Set when an expectation was estimated by Monte Carlo: relative standard error. */
  monteCarlo: { samples: number; stdError: number } | null = null;
  /** Sampled inputs, in the order first used, for the counterexample. */
  readonly inputs: { name: string; value: Tensor }[] = [];
  private steps = 0;
  /** Set when a derivative came out 0 because nothing depends on this variable. */
  zeroDerivative: string | null = null;
  /** Set when a name the claim differentiates bare was read as changing at a drawn rate. */
  implicitRate: string | null = null;
  /** Those rates, by name and variable, drawn once per trial. */
  private readonly rates = new Map<string, Tensor>();
  /** Monte Carlo draws of this trial, by variables and parameters. */
  private readonly mcDraws = new Map<string, Tensor[][]>();
  /** When set, compiled nodes record their first value here (for hovers). */
  recorder: Map<Node, Tensor> | null = null;
  /** The family standing for laws given only by their mean and variance (laws.ts MOMENT_FAMILIES). */
  momentFamily: MomentFamily = 0;
  /** The law of this trial's random variables of any law (anyLaw.ts), drawn on first use. */
  private law: AnyLaw | null = null;

  constructor(
    readonly settings: Settings,
    private readonly rng: Rng,
    private readonly compileNode: (n: Node) => Fn,
    private readonly deadline: number,
    private readonly stepBudget = 2_000_000,
  ) {
    this.precision = new PrecisionLog(settings.tolerance);
  }

  /** One step of the evaluation budget (and a look at the clock now and then). */
  tick(node: Node): void {
    if (++this.steps > this.stepBudget)
      throw new OverBudget(`more than ${this.stepBudget.toLocaleString('en-US')} evaluation steps`);
    chargeWork(STEP_WORK);
    if ((this.steps & 1023) === 0 && Date.now() > this.deadline) throw new OutOfTime();
    void node;
  }

  literal(node: Node, v: Dual): Dual {
    return this.literalOverrides.get(node) ?? v;
  }

  // ---- symbols ----------------------------------------------------------------------------

  /** Set by the trial loop: small sets of whole numbers are dealt across trials (dealt.ts). */
  deal: Deal | null = null;

  /** A whole number in lo…hi for the scalar `label`: dealt when the set is small, else drawn. */
  private whole(label: string, lo: number, hi: number): number {
    const count = hi - lo + 1;
    if (this.deal && count >= 1 && count <= DEALT_LIMIT) {
      this.drew = true;
      return lo + dealtIndex(this.deal, label, count);
    }
    return this.draw(label).int(lo, hi);
  }

  /** The declared names whose shapes are being sized now (sizeOfShape). */
  private readonly sizing = new Set<string>();

  /**
   * A declared shape's sizes at this trial. A size letter the text later gives an array's formula
   * (`X \in \mathbb{R}^{n \times p}`, then `p = \sigma(Xw)`) reaches the very array being sized:
   * the letter is reused, and in the shape it stays the size the declaration wrote, any whole number.
   */
  private sizeOfShape(name: string, spec: DeclSpec): number[] {
    if (this.sizing.has(name)) throw new SizeCycle();
    this.sizing.add(name);
    try {
      return spec.shape.map((d) => {
        try {
          return this.sizeOf(this.compileNode(d)(this), d);
        } catch (e) {
          if (!(e instanceof SizeCycle)) throw e;
          // `B \in \mathbb{R}^{Bn \times n}`: a size formula that reaches its own array has no value.
          if (d.kind !== 'sym')
            throw new Unsupported(`the size of ${name} is written with ${name} itself`, d.start, d.end);
          return this.sizeOf(this.dimension(d.name, d), d);
        }
      });
    } finally {
      this.sizing.delete(name);
    }
  }

  /**
   * `\mathbf{1} \in \mathbb{R}^n`: a declaration of the vector of ones (or zeros) gives its size,
   * not a new vector to sample; its entries stay `fill`.
   */
  filledDeclared(name: string, spec: DeclSpec, fill: number): Dual {
    return { v: Tensor.full(this.sizeOfShape(name, spec), fill), d: null };
  }

  sample(name: string, spec: DeclSpec, node: Node): Dual {
    const o = this.overrides.get(name);
    if (o) return o;
    let v = this.values.get(name);
    if (!v) {
      const shape = this.sizeOfShape(name, spec);
      const pick = (lo: number, hi: number) => this.whole(`v:${name}`, lo, hi);
      const rng = this.draw(`v:${name}`);
      const window = shape.length === 0 ? this.settings.wholeWindows?.[name] : undefined;
      const t =
        (this.settings.widened && wideSample(spec, shape, rng)) ||
        (this.settings.seams && seamSample(spec, shape, rng)) ||
        (window && Tensor.scalar(pick(window[0], window[1]))) ||
        sampleSet(spec, shape, rng, (n) => this.compileNode(n)(this), node, pick);
      v = { v: t, d: null };
      this.values.set(name, v);
      this.inputs.push({ name, value: t });
      this.observe(t);
      if (spec.set === 'natural' || spec.set === 'integer') this.wholeLetter = true;
    }
    return v;
  }

  random(name: string, spec: DeclSpec, dist: Distribution, fns: DistFns, node: Node): Dual {
    const o = this.overrides.get(name);
    if (o) return o;
    if (this.memberProbe) {
      // Looking for the members an expectation reaches: a draw of its own, kept nowhere.
      if (spec.shape.length === 0 && !this.memberProbe.has(name)) this.memberProbe.set(name, { dist, fns });
      const a = V.tensorOf(fns.a(this), node);
      const { shape, b } = isotropic(dist, this.shapeOf(spec), fns.b ? V.tensorOf(fns.b(this), node) : null);
      const drawn = sampleDistribution(
        dist,
        shape,
        a,
        b,
        this.draw(`probe:${name}`),
        node,
        this.momentFamily,
      );
      return { v: drawn, d: null };
    }
    if (this.familyLaws?.has(fns))
      throw new Unsupported(
        `the expectation reaches ${name}, a member of a random family beyond those one draw reaches: ` +
          'the number of terms is itself random (a random sum), which is not evaluated',
        node.start,
        node.end,
      );
    let v = this.values.get(name);
    if (!v) {
      const declared = spec.shape.map((d) => this.sizeOf(this.compileNode(d)(this), d));
      const a = V.tensorOf(fns.a(this), node);
      const { shape, b } = isotropic(dist, declared, fns.b ? V.tensorOf(fns.b(this), node) : null);
      const t = sampleDistribution(dist, shape, a, b, this.draw(`r:${name}`), node, this.momentFamily);
      v = { v: t, d: null };
      this.values.set(name, v);
      this.inputs.push({ name, value: t });
    }
    return v;
  }

  /** The sizes of a declared shape at this trial. */
  shapeOf(spec: DeclSpec): number[] {
    return spec.shape.map((d) => this.sizeOf(this.compileNode(d)(this), d));
  }

  /** A declared tensor's shape filled with one value (`b_i = 0`). */
  filled(spec: DeclSpec, value: Val, node: Node): Dual {
    const shape = spec.shape.map((d) => this.sizeOf(this.compileNode(d)(this), d));
    const v = V.tensorOf(value, node);
    if (v.size !== 1) throw new Unsupported('an entrywise value must be a number', node.start, node.end);
    return { v: Tensor.full(shape, v.data[0]), d: null };
  }

  dimension(name: string, node: Node): Dual {
    const o = this.overrides.get(name);
    if (o) return o;
    let d = this.dims.get(name);
    if (d === undefined) {
      // A dealt size is a draw: later trials differ (see `drew`).
      if (this.deal) {
        this.drew = true;
        d = 2 + dealtSize(this.deal, this.dims.size, `d:${name}`, 4);
      } else d = this.whole(`d:${name}`, 2, 5);
      this.dims.set(name, d);
      this.inputs.push({ name, value: Tensor.scalar(d) });
    }
    void node;
    return { v: Tensor.scalar(d), d: null };
  }

  /** The sizes this trial dealt so far, by letter. */
  drawnSizes(): ReadonlyMap<string, number> {
    return new Map(this.dims);
  }

  clearMemo(): void {
    this.memoMap = new Map();
  }

  /**
   * What values memoised now are valid for: a new object whenever the memo is set aside (a
   * derivative's variable given a dual value, a function's body), so memos kept elsewhere
   * (a recurrence's members) can be keyed by it.
   */
  memoScope(): object {
    return this.memoMap;
  }

  hasOverride(name: string): boolean {
    return this.overrides.has(name);
  }

  /** Whether this trial sampled a value or a size for a letter that is not a random variable. */
  get sampledParameters(): boolean {
    return this.inputs.length > 0 || this.dims.size > 0;
  }

  /** Whether this trial drew any random value: a trial that drew none is the same every time. */
  drew = false;

  /** Whether this trial sampled a letter of ℕ or ℤ, whose usual window has few members (pieces.ts). */
  wholeLetter = false;

  private draw(label: string): Rng {
    this.drew = true;
    return this.rng.fork(label);
  }

  memo(entry: Entry, f: () => Val): Val {
    const o = this.overrides.get(entry.name);
    if (o) return o;
    let v = this.memoMap.get(entry);
    if (v === undefined) {
      v = f();
      this.memoMap.set(entry, v);
    }
    return v;
  }

  local(name: string, node: Node): Val {
    const stack = this.locals.get(name);
    if (!stack || stack.length === 0)
      throw new Unsupported(`index ${name} has no value here`, node.start, node.end);
    const o = this.overrides.get(name);
    if (o && this.overriddenLocal.get(name) === stack.length) return o;
    return stack[stack.length - 1];
  }

  bind(name: string, value: number | Val): void {
    const v = typeof value === 'number' ? V.scalar(value) : value;
    let stack = this.locals.get(name);
    if (!stack) {
      stack = [];
      this.locals.set(name, stack);
    }
    stack.push(v);
  }

  unbind(name: string): void {
    this.locals.get(name)?.pop();
  }

  withLocals<T>(names: string[], values: Val[], f: () => T): T {
    names.forEach((n, k) => this.bind(n, values[k]));
    // Function bodies see their parameters, so memoised definitions inside are not shared.
    const saved = this.memoMap;
    this.memoMap = new Map();
    try {
      return f();
    } finally {
      this.memoMap = saved;
      for (const n of names) this.unbind(n);
    }
  }

  observe(t: Tensor): void {
    const d = t.data;
    let m = this.scale;
    for (let i = 0; i < d.length; i++) {
      const a = Math.abs(d[i]);
      if (a > m && a !== Infinity) m = a;
    }
    this.scale = m;
  }

  /** Records the estimated error of a value computed numerically, for the comparison's tolerance. */
  estimate(method: NumericMethod, error: number, value: Tensor): void {
    let size = 0;
    for (const x of value.data) size = Math.max(size, Math.abs(x));
    let q = this.estimates.get(method);
    if (!q) this.estimates.set(method, (q = { relative: 0, absolute: 0 }));
    if (size > 0 && error < size) q.relative = Math.max(q.relative, error / size);
    else q.absolute = Math.max(q.absolute, error);
  }

  // ---- indices, sums ----------------------------------------------------------------------

  integerOf(v: Val, node: Node): number {
    const t = V.tensorOf(v, node);
    if (t.size !== 1)
      throw new Unsupported(
        `expected a whole number, found a ${V.describeShape(t.shape)}`,
        node.start,
        node.end,
      );
    const x = t.data[0];
    const r = Math.round(x);
    if (!Number.isFinite(x) || Math.abs(x - r) > 1e-9 * Math.max(1, Math.abs(x)))
      throw new Unsupported(`expected a whole number, found ${x}`, node.start, node.end);
    return r;
  }

  /**
   * A declared size at this trial: a whole number, not negative. A size a worked example gave a
   * negative number (`N = -2` beside `A \in \mathbb{R}^{N \times N}`) makes no array.
   */
  sizeOf(v: Val, node: Node): number {
    const n = this.integerOf(v, node);
    if (n < 0)
      throw new Unsupported(
        `a size must be a whole number of at least 0, and here it is ${n}: the value given to the size ` +
          'is not one an array can have',
        node.start,
        node.end,
      );
    return n;
  }

  rangeOf(sources: IndexSource[], name: string, node: Node): number {
    if (sources.length === 0)
      throw new Unsupported(
        `the range of index ${name} cannot be inferred: bound it with a sum (\\sum_{${name}=1}^{N} …) ` +
          `or declare the values it takes (${name} \\in \\{1, \\dots, 5\\})`,
        node.start,
        node.end,
      );
    let size: number | null = null;
    let firstError: unknown = null;
    for (const s of sources) {
      // A source that cannot be tabulated (a family of vectors) does not decide the range.
      let t: Tensor;
      try {
        t = V.tensorOf(s.fn(this), node);
      } catch (err) {
        if (err instanceof Unsupported || err instanceof UnsizedBasis) {
          firstError ??= err;
          continue;
        }
        throw err;
      }
      const axisSize = t.rank === 0 ? 1 : t.shape[s.axis];
      if (axisSize === undefined)
        throw new Unsupported(
          `index ${name} subscripts a ${V.describeShape(t.shape)} with too many indices`,
          node.start,
          node.end,
        );
      if (size !== null && size !== axisSize)
        throw new Unsupported(
          `index ${name} runs over ${size} values in one place and ${axisSize} in another: are ` +
            `these the same objects?`,
          node.start,
          node.end,
        );
      size = axisSize;
    }
    if (size === null) throw firstError;
    return size;
  }

  loop(name: string, lo: number, hi: number, body: Fn, op: 'sum' | 'prod', node: Node): Val {
    if (hi - lo > 100_000) throw new OverBudget(`a ${op} over ${hi - lo + 1} terms`);
    let acc: Val | null = null;
    let largest = 0;
    for (let i = lo; i <= hi; i++) {
      this.tick(node);
      this.bind(name, i);
      try {
        const v = body(this);
        if (op === 'sum') largest = Math.max(largest, scalarMagnitude(v));
        acc = acc === null ? v : op === 'sum' ? V.add(acc, v, node) : V.product(acc, v, node, 'hadamard');
      } finally {
        this.unbind(name);
      }
    }
    if (acc !== null && op === 'sum' && largest > 0)
      this.precision.termsRounding(largest, hi - lo + 1, scalarMagnitude(acc));
    return acc ?? V.scalar(op === 'sum' ? 0 : 1);
  }

  sumOverSet(name: string, values: Fn[], dim: Fn | null, body: Fn, op: 'sum' | 'prod', node: Node): Val {
    const vals = values.map((f) => V.tensorOf(f(this), node).data[0]);
    const n = dim ? this.integerOf(dim(this), node) : 1;
    const count = vals.length ** n;
    if (count > ENUMERATION_LIMIT) throw new OverBudget(`a ${op} over ${count} elements`);
    let acc: Val | null = null;
    for (let k = 0; k < count; k++) {
      this.tick(node);
      const entries: number[] = [];
      let r = k;
      for (let j = 0; j < n; j++) {
        entries.push(vals[r % vals.length]);
        r = Math.floor(r / vals.length);
      }
      const v: Dual = { v: dim ? Tensor.from([n], entries) : Tensor.scalar(entries[0]), d: null };
      this.bind(name, v);
      try {
        const y = body(this);
        acc = acc === null ? y : op === 'sum' ? V.add(acc, y, node) : V.product(acc, y, node, 'hadamard');
      } finally {
        this.unbind(name);
      }
    }
    return acc ?? V.scalar(op === 'sum' ? 0 : 1);
  }

  // ---- derivatives --------------------------------------------------------------------------

  derivative(
    target: string,
    varFn: Fn,
    elementIdx: Fn[] | null,
    f: Fn,
    node: Node,
    plan: JacobianPlan | null = null,
    rates: ReadonlyMap<string, Fn> = NO_RATES,
  ): Val {
    if (this.seeding) throw new NestedDerivative();
    const x = V.tensorOf(varFn(this), node);
    const moving = this.movingNames(target, x, rates, node);
    try {
      return this.exactDerivative(target, x, elementIdx, f, node, plan, moving);
    } catch (err) {
      if (!(err instanceof NestedDerivative)) throw err;
    }
    return this.differencedDerivative(target, x, elementIdx, f, node, moving);
  }

  /**
   * The names the claim differentiates bare in `target` that nothing makes depend on it, each with
   * its value and a rate of change drawn once per trial (entries of its shape by the variable's):
   * `\frac{dx}{dt}` says x changes with t, so a claim about it must hold whatever the rate.
   */
  private movingNames(target: string, x: Tensor, rates: ReadonlyMap<string, Fn>, node: Node): Moving[] {
    if (rates.size === 0) return [];
    const out: Moving[] = [];
    const values = new Map<string, Tensor>();
    for (const [name, value] of rates) values.set(name, V.tensorOf(value(this), node));
    for (const [name, value] of rates) {
      const v = values.get(name)!;
      // A name whose formula reaches the variable or another moving name changes through it.
      if (this.dependsOn(target, x, name, value, values, node)) continue;
      const key = `${name}\u0000${target}`;
      let rate = this.rates.get(key);
      if (!rate) {
        const data = new Float64Array(v.size * x.size);
        this.draw(`rate ${key}`).fillNormal(data);
        rate = Tensor.from([...v.shape, ...x.shape], data);
        this.rates.set(key, rate);
      }
      out.push({ name, value: v, rate });
    }
    if (out.length > 0) this.implicitRate ??= out[0].name;
    return out;
  }

  /** Whether `value` changes with the variable, or with the other names, through its definitions. */
  private dependsOn(
    target: string,
    x: Tensor,
    name: string,
    value: Fn,
    others: ReadonlyMap<string, Tensor>,
    node: Node,
  ): boolean {
    const saved = this.memoMap;
    this.memoMap = new Map();
    const ones = (t: Tensor): Dual => ({
      v: t,
      d: Tensor.from([...t.shape], new Float64Array(t.size).fill(1)),
    });
    const restores = [this.override(target, ones(x))];
    for (const [other, v] of others) if (other !== name) restores.push(this.override(other, ones(v)));
    const restore = () => {
      for (let i = restores.length - 1; i >= 0; i--) restores[i]();
    };
    this.seeding = true;
    try {
      return V.dualOf(value(this), node).d !== null;
    } catch (err) {
      if (err instanceof NestedDerivative) return true;
      throw err;
    } finally {
      this.seeding = false;
      restore();
      this.memoMap = saved;
    }
  }

  /** Overrides each moving name with its value plus `step` times its rate along entry `pos`. */
  private moveNames(moving: Moving[], pos: number, step: number, tangent: boolean): () => void {
    const restores = moving.map((m) => {
      const n = m.value.size;
      const along = new Float64Array(n);
      const width = m.rate.size / Math.max(n, 1);
      for (let i = 0; i < n; i++) along[i] = m.rate.data[i * width + pos];
      if (tangent) return this.override(m.name, { v: m.value, d: Tensor.from([...m.value.shape], along) });
      const moved = Float64Array.from(m.value.data, (a, i) => a + step * along[i]);
      return this.override(m.name, { v: Tensor.from([...m.value.shape], moved), d: null });
    });
    return () => {
      for (let i = restores.length - 1; i >= 0; i--) restores[i]();
    };
  }

  /** Forward-mode AD: one pass per entry of the variable (or all at once by the plan). */
  private exactDerivative(
    target: string,
    x: Tensor,
    elementIdx: Fn[] | null,
    f: Fn,
    node: Node,
    plan: JacobianPlan | null,
    moving: Moving[],
  ): Val {
    if (plan && x.rank === 1 && !elementIdx) {
      const J = this.batchedJacobian(plan, x, target, node);
      if (J) return J;
    }
    let positions: number[];
    if (elementIdx) {
      const idx = elementIdx.map((g) => this.integerOf(g(this), node));
      positions = [V.flatIndex(x.shape, idx, node)];
    } else {
      positions = Array.from({ length: x.size }, (_, k) => k);
    }
    const columns: Tensor[] = [];
    let yShape: readonly number[] | null = null;
    let dependent = false;
    for (const pos of positions) {
      this.tick(node);
      const tangent = new Float64Array(x.size);
      tangent[pos] = 1;
      const saved = this.memoMap;
      this.memoMap = new Map();
      const restore = this.override(target, { v: x, d: Tensor.from([...x.shape], tangent) });
      const still = this.moveNames(moving, pos, 0, true);
      this.seeding = true;
      this.ad.kink = false;
      let y: Val;
      try {
        y = f(this);
      } finally {
        this.seeding = false;
        still();
        restore();
        this.memoMap = saved;
      }
      if (this.ad.kink) throw new Resample('kink', 'a sample landed on a kink of a non-smooth function');
      const yt = V.dualOf(y, node);
      yShape = yt.v.shape;
      if (yt.d) dependent = true;
      columns.push(yt.d ?? Tensor.zeros([...yt.v.shape]));
    }
    // ∇ of a vector-valued function is laid out differently by different authors.
    if (node.kind === 'deriv' && node.style === 'nabla' && (yShape ?? []).reduce((a, b) => a * b, 1) > 1) {
      throw new Unsupported(
        '∇ of a vector-valued function is laid out differently by different authors; write ' +
          '\\frac{\\partial y}{\\partial x} (entries ∂y_i/∂x_j)',
        node.start,
        node.end,
      );
    }
    // Nothing reached the variable: the derivative is 0, and a claim that fails because of it
    // is more likely missing a definition than wrong (see Claim judging).
    if (!dependent) this.zeroDerivative = target;
    if (elementIdx) {
      this.observe(columns[0]);
      return { v: columns[0], d: null };
    }
    const ys = yShape ?? [];
    const ySize = ys.reduce((a, b) => a * b, 1);
    const out = new Float64Array(ySize * x.size);
    for (let j = 0; j < columns.length; j++) {
      const col = columns[j].data;
      for (let i = 0; i < ySize; i++) out[i * x.size + j] = col[i];
      this.precision.carry(col, out, (i) => i * x.size + j);
    }
    const shape = [...ys, ...x.shape];
    const J = Tensor.from(shape, out);
    this.precision.carry(out, J.data);
    this.observe(J);
    return { v: J, d: null };
  }

  /** Evaluates `f` with the name given the value `v`, through every definition that uses it. */
  withValue<T>(name: string, v: Dual, f: () => T): T {
    const saved = this.memoMap;
    this.memoMap = new Map();
    const restore = this.override(name, v);
    try {
      return f();
    } finally {
      restore();
      this.memoMap = saved;
    }
  }

  /** Gives `target` the value `v` (a local's current binding too) until the returned function runs. */
  private override(target: string, v: Dual): () => void {
    const outer = this.overrides.get(target);
    const outerDepth = this.overriddenLocal.get(target);
    this.overrides.set(target, v);
    const depth = this.locals.get(target)?.length ?? 0;
    if (depth > 0) this.overriddenLocal.set(target, depth);
    else this.overriddenLocal.delete(target);
    return () => {
      this.restoreOverride(target, outer);
      if (outerDepth === undefined) this.overriddenLocal.delete(target);
      else this.overriddenLocal.set(target, outerDepth);
    };
  }

  private restoreOverride(target: string, outer: Dual | undefined): void {
    if (outer) this.overrides.set(target, outer);
    else this.overrides.delete(target);
  }

  /**
   * The derivative of something that itself contains a derivative (∂²f/∂x∂y, d²y/dx², a Hessian):
   * the inner derivative stays exact and the outer one differences it (differences.ts), laid out
   * as a first derivative is.
   */
  private differencedDerivative(
    target: string,
    x: Tensor,
    elementIdx: Fn[] | null,
    f: Fn,
    node: Node,
    moving: Moving[],
  ): Val {
    let positions: number[];
    if (elementIdx) {
      const idx = elementIdx.map((g) => this.integerOf(g(this), node));
      positions = [V.flatIndex(x.shape, idx, node)];
    } else positions = Array.from({ length: x.size }, (_, k) => k);
    const columns: Tensor[] = [];
    let error = 0;
    let magnitude = 0;
    for (const pos of positions) {
      const h = stepFor(x.data[pos]);
      const at = (k: number): Tensor => {
        this.tick(node);
        const data = Float64Array.from(x.data);
        data[pos] += k * h;
        const saved = this.memoMap;
        this.memoMap = new Map();
        const restore = this.override(target, { v: Tensor.from([...x.shape], data), d: null });
        const moved = this.moveNames(moving, pos, k * h, false);
        try {
          return V.tensorOf(f(this), node);
        } finally {
          moved();
          restore();
          this.memoMap = saved;
        }
      };
      const r = this.differenced(at, () => h, node);
      columns.push(r.value);
      for (const e of r.error) error = Math.max(error, e);
      magnitude = Math.max(magnitude, r.magnitude);
    }
    const yShape = columns[0].shape;
    const ySize = columns[0].size;
    let out: Tensor;
    if (elementIdx) out = columns[0];
    else {
      const data = new Float64Array(ySize * x.size);
      for (let j = 0; j < columns.length; j++)
        for (let i = 0; i < ySize; i++) data[i * x.size + j] = columns[j].data[i];
      out = Tensor.from([...yShape, ...x.shape], data);
    }
    return this.acceptDifferenced(out, error, magnitude, node);
  }

  private differenced(at: (k: number) => Tensor, h: (i: number) => number, node: Node): Extrapolated {
    // Values beside the sample are not values at it: hovers must not show them.
    const recorder = this.recorder;
    this.recorder = null;
    try {
      return extrapolated(at, h);
    } catch (err) {
      if (err instanceof RangeError) throw new Unsupported(err.message, node.start, node.end);
      throw err;
    } finally {
      this.recorder = recorder;
    }
  }

  /** A differenced derivative whose estimated error is small enough to judge a claim by. */
  private acceptDifferenced(out: Tensor, error: number, magnitude: number, node: Node): Val {
    let size = 0;
    for (const v of out.data) size = Math.max(size, Math.abs(v));
    if (!(error <= DIFFERENCE_ACCURACY * Math.max(size, magnitude)))
      throw new Unsupported(
        `this derivative could not be computed accurately enough by differences (of the exact first ` +
          `derivative, or of an expectation by quadrature; estimated error ${formatNumber(error, 2)} on ` +
          `values of size ${formatNumber(size, 2)}): the function may not be smooth at the samples`,
        node.start,
        node.end,
      );
    this.estimate('differences', error, out);
    this.observe(out);
    return { v: out, d: null };
  }

  /** The Jacobian from one all-directions pass, or null when the plan cannot take this case. */
  private batchedJacobian(plan: JacobianPlan, x: Tensor, target: string, node: Node): Val | null {
    let r: { v: Tensor; D: Tensor | 'I' | null };
    try {
      r = plan(this, x);
    } catch (err) {
      if (err instanceof NoBatch) return null;
      throw err;
    }
    if (node.kind === 'deriv' && node.style === 'nabla' && r.v.size > 1) {
      throw new Unsupported(
        '∇ of a vector-valued function is laid out differently by different authors; write ' +
          '\\frac{\\partial y}{\\partial x} (entries ∂y_i/∂x_j)',
        node.start,
        node.end,
      );
    }
    if (r.D === null) {
      this.zeroDerivative = target;
      return { v: Tensor.zeros([...r.v.shape, ...x.shape]), d: null };
    }
    const J = jacobianFrom(r, x);
    if (!J) return null;
    this.observe(J);
    return { v: J, d: null };
  }

  /** f'(x) for an elementwise function: the tangent of f along a tangent of ones. */
  elementwiseDerivative(hole: string, arg: Fn, f: Fn, elementwise: boolean, node: Node): Val {
    if (this.seeding) throw new NestedDerivative();
    const x = V.tensorOf(arg(this), node);
    try {
      return this.exactElementwiseDerivative(hole, x, f, elementwise, node);
    } catch (err) {
      if (!(err instanceof NestedDerivative)) throw err;
    }
    // f''(x): each entry's own step, all entries at once (the function is elementwise).
    const steps = Array.from(x.data, stepFor);
    const at = (k: number): Tensor => {
      this.tick(node);
      const shifted = Tensor.from(
        [...x.shape],
        Float64Array.from(x.data, (v, i) => v + k * steps[i]),
      );
      this.bind(hole, { v: shifted, d: null });
      const saved = this.memoMap;
      this.memoMap = new Map();
      try {
        return V.tensorOf(f(this), node);
      } finally {
        this.memoMap = saved;
        this.unbind(hole);
      }
    };
    const r = this.differenced(at, (i) => steps[steps.length === 1 ? 0 : i], node);
    let error = 0;
    for (const e of r.error) error = Math.max(error, e);
    return this.acceptDifferenced(r.value, error, r.magnitude, node);
  }

  private exactElementwiseDerivative(hole: string, x: Tensor, f: Fn, elementwise: boolean, node: Node): Val {
    if (x.size !== 1 && !elementwise)
      throw new Unsupported(
        "f'(x) of a vector is evaluated only for built-in elementwise functions: write " +
          '\\frac{\\partial f(x)}{\\partial x}',
        node.start,
        node.end,
      );
    this.bind(hole, { v: x, d: Tensor.ones([...x.shape]) });
    this.seeding = true;
    this.ad.kink = false;
    const saved = this.memoMap;
    this.memoMap = new Map();
    let y: Dual;
    try {
      y = V.dualOf(f(this), node);
    } finally {
      this.seeding = false;
      this.memoMap = saved;
      this.unbind(hole);
    }
    if (this.ad.kink) throw new Resample('kink', 'a sample landed on a kink of a non-smooth function');
    const d = y.d ?? Tensor.zeros([...y.v.shape]);
    this.observe(d);
    return { v: d, d: null };
  }

  // ---- expectations -----------------------------------------------------------------------

  private anyLaw(): AnyLaw {
    this.law ??= new AnyLaw(this.draw('law'), (name) => this.draw(`law:${name}`));
    return this.law;
  }

  /**
   * A random variable of any law: its value at the atom an enclosing expectation is at, or outside
   * every expectation, its value at the atom this trial realises (the first).
   */
  anyLawValue(name: string): Dual {
    return this.overrides.get(name) ?? V.scalar(this.anyLaw().at(name, 0));
  }

  /**
   * E, Var, Cov or P under this trial's law of the random variables of any law (`names`, all of
   * the claim's: the law is joint), exactly over its atoms.
   */
  anyLawExpectation(
    op: ExpectOp,
    names: ReadonlySet<string>,
    parts: Fn[],
    given: Fn | null,
    node: Node,
  ): Val {
    const law = this.anyLaw();
    const saved = new Map([...names].map((name) => [name, this.overrides.get(name)]));
    const savedMemo = this.memoMap;
    const sums = new Moments(op, node);
    try {
      for (let k = 0; k < law.weights.length; k++) {
        this.tick(node);
        for (const name of names) this.overrides.set(name, V.scalar(law.at(name, k)));
        this.memoMap = new Map();
        if (given && !holds(given(this), node)) continue;
        sums.add(
          law.weights[k],
          parts.map((f) => f(this)),
        );
      }
    } finally {
      this.memoMap = savedMemo;
      for (const [name, o] of saved) {
        if (o) this.overrides.set(name, o);
        else this.overrides.delete(name);
      }
    }
    // A law drawn at random may give the condition no atom; another law may.
    if (given && sums.weight === 0)
      throw new Resample('assumption', 'the condition holds at no atom of the law drawn');
    return sums.result(given !== null);
  }

  /**
   * E, Var, Cov (two parts) or P (one part, an event worth 0 or 1) over `vars`, conditioned on
   * `given` (an event) when there is one: exact over the atoms of discrete laws, by density for one
   * continuous number, else Monte Carlo.
   */
  /**
   * An expectation over members of random families (`m_i \sim \mathrm{Bernoulli}(q)`) as well as
   * `vars`: which members the body reaches (`\sum_{i=1}^n m_i` reaches m_1 … m_n at this trial's n)
   * is found by evaluating it once with draws kept nowhere; each member is then a random variable
   * of its family's law, independent of the others.
   */
  familyExpectation(op: ExpectOp, vars: RandomVar[], parts: Fn[], given: Fn | null, node: Node): Val {
    const found = new Map<string, { dist: Distribution; fns: DistFns }>();
    const saved = this.memoMap;
    const outer = this.memberProbe;
    this.memberProbe = found;
    try {
      this.memoMap = new Map();
      for (const f of parts) f(this);
      if (given) given(this);
    } finally {
      this.memberProbe = outer;
      this.memoMap = saved;
    }
    const known = new Set(vars.map((v) => v.name));
    const laws = new Set([...found.values()].map((law) => law.fns));
    const members: RandomVar[] = [...found]
      .filter(([name]) => !known.has(name))
      .map(([name, law]) => ({ name, dist: law.dist, spec: { set: 'real', shape: [] }, fns: law.fns }));
    refuseUnplacedMembers(
      members.map((m) => m.name),
      node,
    );
    const outerLaws = this.familyLaws;
    this.familyLaws = laws;
    try {
      return this.expectation(op, [...vars, ...members], parts, given, node);
    } finally {
      this.familyLaws = outerLaws;
    }
  }

  /**
   * The laws of the family members an expectation found by one probe: a member of them that the
   * expectation did not place is one a random number of terms reached (`\sum_{i=1}^{N} X_i` with N
   * random), and would otherwise stay one draw for every sample.
   */
  private familyLaws: Set<DistFns> | null = null;

  /** Set while a family expectation looks for the members its body reaches. */
  private memberProbe: Map<string, { dist: Distribution; fns: DistFns }> | null = null;

  expectation(op: ExpectOp, vars: RandomVar[], parts: Fn[], given: Fn | null, node: Node): Val {
    const shapes = vars.map((v) => {
      const declared = v.spec.shape.map((d) => this.sizeOf(this.compileNode(d)(this), d));
      // A normal law with a diagonal covariance (`I_d`) is a vector of that length (isotropic).
      if (v.dist.kind !== 'Normal' || !v.fns.b) return declared;
      return isotropic(v.dist, declared, V.tensorOf(v.fns.b(this), node)).shape;
    });
    const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
    const saved = new Map(vars.map((v) => [v.name, this.overrides.get(v.name)]));
    try {
      const atoms = this.atomTables(vars, sizes, node);
      // A sum of one term per number is taken a number at a time (independentTerms.ts), in far fewer
      // evaluations than every combination of many atoms.
      const outcomes =
        atoms?.flat().reduce((m, a) => (a.tie === undefined ? m * a.values.length : m), 1) ?? 0;
      if (outcomes > SMALL_ENUMERATION) {
        const terms = this.byIndependentTerms(op, vars, shapes, sizes, parts, given, node);
        if (terms) return terms;
      }
      if (atoms) return this.enumerate(op, vars, shapes, atoms, parts, given, node);
      const integral = this.byDensity(op, vars, shapes, sizes, parts, given, node);
      if (integral) return integral;
      const terms = this.byIndependentTerms(op, vars, shapes, sizes, parts, given, node);
      if (terms) return terms;
      return this.monteCarloEstimate(op, vars, shapes, parts, given, node);
    } finally {
      // An expectation inside another over the same variables hands the outer one its outcome back.
      for (const [name, o] of saved) {
        if (o) this.overrides.set(name, o);
        else this.overrides.delete(name);
      }
    }
  }

  /**
   * The atoms of every entry of every variable (Bernoulli, Poisson, binomial), or null when one is
   * continuous or their combinations are more than the enumeration takes.
   */
  private atomTables(vars: RandomVar[], sizes: number[], node: Node): Atoms[][] | null {
    let outcomes = 1;
    const tables: Atoms[][] = [];
    for (const [k, v] of vars.entries()) {
      const d = v.dist;
      if (d.kind === 'Joint') {
        if (sizes[k] !== 1) return null;
        // The pair's other variable, already placed: this one takes the coordinate of its cell.
        const other = vars.findIndex((u, j) => j < k && sameJoint(u.dist, d));
        const atoms: Atoms = {
          values: d.cells.map((cell) => cell.values[d.coordinate]),
          weights: d.cells.map((cell) => cell.weight),
        };
        if (other >= 0) atoms.tie = sizes.slice(0, other).reduce((x, y) => x + y, 0);
        else outcomes *= atoms.values.length;
        if (outcomes > ENUMERATION_LIMIT) return null;
        tables.push([atoms]);
        continue;
      }
      if (d.kind !== 'Bernoulli' && d.kind !== 'Law') return null;
      const a = V.tensorOf(v.fns.a(this), node);
      const b = v.fns.b ? V.tensorOf(v.fns.b(this), node) : null;
      if ((a.size !== 1 && a.size !== sizes[k]) || (b && b.size !== 1 && b.size !== sizes[k]))
        throw new Unsupported(
          `the ${d.kind === 'Bernoulli' ? 'Bernoulli' : d.law} parameter of ${v.name} must be a number or ` +
            'have its shape',
          node.start,
          node.end,
        );
      const at = (t: Tensor, i: number) => (t.size === 1 ? t.data[0] : t.data[i]);
      const entries: Atoms[] = [];
      for (let i = 0; i < sizes[k]; i++) {
        const x = at(a, i);
        const atoms =
          d.kind === 'Bernoulli'
            ? bernoulliAtoms(x)
            : atomsOf(d.law, x, b ? at(b, i) : null, this.momentFamily);
        if (!atoms) return null;
        outcomes *= atoms.values.length;
        if (outcomes > (isMomentLaw(v) ? MOMENT_ENUMERATION_LIMIT : ENUMERATION_LIMIT)) return null;
        entries.push(atoms);
      }
      tables.push(entries);
    }
    return tables;
  }

  /** E, Var, Cov or P summed over every combination of atoms, weighted by its probability. */
  private enumerate(
    op: ExpectOp,
    vars: RandomVar[],
    shapes: number[][],
    tables: Atoms[][],
    parts: Fn[],
    given: Fn | null,
    node: Node,
  ): Val {
    const flat = tables.flat();
    const digits = new Array<number>(flat.length).fill(0);
    const sums = new Moments(op, node);
    const saved = this.memoMap;
    // The far atoms' terms are below the tolerance by design (a Poisson tail), as a quadrature's
    // far nodes are: the precision log would call the sum beyond double precision. Bernoulli
    // outcomes have no such tail, and keep it.
    const precision = this.precision;
    if (vars.some((v) => v.dist.kind === 'Law')) V.setPrecisionLog(null);
    try {
      for (;;) {
        this.tick(node);
        let weight = 1;
        let at = 0;
        vars.forEach((v, j) => {
          const data = new Float64Array(tables[j].length);
          for (let i = 0; i < tables[j].length; i++, at++) {
            const tie = flat[at].tie;
            data[i] = flat[at].values[digits[tie ?? at]];
            if (tie === undefined) weight *= flat[at].weights[digits[at]];
          }
          this.overrides.set(v.name, { v: Tensor.from(shapes[j], data), d: null });
        });
        if (weight > 0) {
          this.memoMap = new Map();
          if (!given || holds(given(this), node))
            sums.add(
              weight,
              parts.map((f) => f(this)),
            );
        }
        // The next combination, the first entry's atom varying fastest; a tied entry follows its pair.
        let k = 0;
        for (;;) {
          while (k < flat.length && flat[k].tie !== undefined) k++;
          if (k === flat.length || ++digits[k] < flat[k].values.length) break;
          digits[k++] = 0;
        }
        if (k === flat.length) break;
      }
    } finally {
      this.memoMap = saved;
      V.setPrecisionLog(precision);
    }
    if (given && sums.weight === 0) throw conditionNeverHolds(node);
    if (!vars.some(isMomentLaw)) return this.measured(sums, given !== null, node);
    // A law given by its moments has its mean to rounding (0 as 1e-18): its square beside the second
    // moment is that rounding, not a term the precision log should call lost.
    V.setPrecisionLog(null);
    try {
      return this.measured(sums, given !== null, node);
    } finally {
      V.setPrecisionLog(precision);
    }
  }

  /**
   * A moment summed over atoms with the precision log off: what is left of a sum that cancels (E[q^T k]
   * as −8e−17 of terms of size 1) is rounding noise at the size of its terms, for the comparison.
   */
  private measured(sums: Moments, normalize: boolean, node: Node): Val {
    const r = sums.result(normalize);
    const size = sums.magnitude(normalize);
    const data = V.tensorOf(r, node).data;
    if (size > 0) this.precision.cancelledProduct(data, new Float64Array(data.length).fill(size));
    return r;
  }

  /** One or two continuous random numbers: the moment as an integral against their density (densityQuadrature.ts). */
  private byDensity(
    op: ExpectOp,
    vars: RandomVar[],
    shapes: number[][],
    sizes: number[],
    parts: Fn[],
    given: Fn | null,
    node: Node,
  ): Val | null {
    if (vars.length > MAX_DENSITY_VARIABLES) return null;
    const laws: ContinuousLaw[] = [];
    for (const [k, v] of vars.entries()) {
      if (
        sizes[k] !== 1 ||
        v.dist.kind === 'Bernoulli' ||
        v.dist.kind === 'Unsampled' ||
        v.dist.kind === 'Joint'
      )
        return null;
      // A law given by its moments stands, in its first family, for the normal law with them.
      const normalFamily = isMomentLaw(v) && this.momentFamily === 0;
      const integrated = v.dist.kind === 'Law' && (v.dist.law === 'Exponential' || v.dist.law === 'Beta');
      if (v.dist.kind === 'Law' && !integrated && !normalFamily) return null;
      const a = V.tensorOf(v.fns.a(this), node);
      const b = v.fns.b ? V.tensorOf(v.fns.b(this), node) : null;
      if (normalFamily) {
        if (a.size !== 1 || !b || b.size !== 1) return null;
        checkLaw('Moments', a.data[0], b.data[0]);
        laws.push({ kind: 'Normal', a: a.data[0], b: b.data[0] });
        continue;
      }
      if (v.dist.kind === 'Law') {
        if (a.size !== 1 || (b !== null && b.size !== 1)) return null;
        checkLaw(v.dist.law, a.data[0], b ? b.data[0] : null);
        laws.push({
          kind: v.dist.law === 'Beta' ? 'Beta' : 'Exponential',
          a: a.data[0],
          b: b ? b.data[0] : 0,
        });
        continue;
      }
      if (a.size !== 1 || !b || b.size !== 1) return null;
      if (v.dist.kind === 'Normal' && !(b.data[0] >= 0))
        throw new Resample('domain', `a normal variance ${b.data[0]} is negative`);
      laws.push({ kind: v.dist.kind, a: a.data[0], b: b.data[0] });
    }
    // `\frac{\partial}{\partial \sigma} \mathbb{E}[(\mu + \sigma\varepsilon)^2]`: the quadrature's
    // nodes may move with the variable (a law's mean), so the derivative is differenced over it.
    if (this.seeding) throw new NestedDerivative();
    const saved = this.memoMap;
    const precision = this.precision;
    const recorder = this.recorder;
    // The quadrature's own error estimate judges its accuracy, as for an integral (integral.ts).
    V.setPrecisionLog(null);
    this.recorder = null;
    let r: ReturnType<typeof momentByDensity>;
    try {
      r = momentByDensity(
        op,
        laws,
        (xs) => {
          this.tick(node);
          vars.forEach((v, k) => this.overrides.set(v.name, { v: Tensor.from(shapes[k], [xs[k]]), d: null }));
          this.memoMap = new Map();
          if (given && !holds(given(this), node)) return null;
          return parts.map((f) => V.tensorOf(f(this), node));
        },
        given !== null,
        this.settings.tolerance,
        !polynomialBody(node),
      );
    } catch (e) {
      if (e instanceof HeavyTail) throw new Unsupported(e.message, node.start, node.end);
      // A node on a point where the body is undefined (log|z| at z = 0) says nothing about the
      // integral: random draws, which miss such points, estimate it instead.
      if (!(e instanceof Resample)) throw e;
      r = null;
    } finally {
      this.memoMap = saved;
      V.setPrecisionLog(precision);
      this.recorder = recorder;
    }
    if (!r) return null;
    this.estimate(r.sampled ? 'shifted' : 'density', r.error, r.value);
    this.observe(r.value);
    return { v: r.value, d: null };
  }

  /**
   * A body that is a sum of one term per random number (independentTerms.ts), over more numbers
   * than the enumeration or the quadrature takes together: its moment from one number at a time, the
   * others held at a base point — a discrete term exactly over its atoms, a continuous one when it is
   * affine in its number by the law's mean and variance. Null (draws estimate it) when the body is not
   * such a sum, when there is a condition or an event, when a continuous term bends, or when the
   * looking would cost more evaluations than the draws.
   */
  private byIndependentTerms(
    op: ExpectOp,
    vars: RandomVar[],
    shapes: number[][],
    sizes: number[],
    parts: Fn[],
    given: Fn | null,
    node: Node,
  ): Val | null {
    // Every entry of every variable is a number drawn independently of the others (a vector's
    // entries too: a law of a vector here is a law of each entry).
    const owners = sizes.flatMap((size, k) => Array.from({ length: size }, (_, i) => ({ k, i })));
    const n = owners.length;
    if (given || op === 'P' || this.seeding || n < 2 || n > MAX_INDEPENDENT_TERMS) return null;
    const saved = this.memoMap;
    const precision = this.precision;
    // The slices and lines below are the checker's own arithmetic, judged by their own rounding, as
    // a quadrature's nodes are: not terms of the claim the precision log should call lost.
    V.setPrecisionLog(null);
    try {
      const laws: TermLaw[] = [];
      for (const { k, i } of owners) {
        const law = this.lawOfTerm(vars[k], shapes[k], i, node);
        if (!law) return null;
        laws.push(law);
      }
      const planned = ADDITIVITY_CHECKS * (n + 1) + laws.reduce((m, l) => m + l.values.length, 0);
      if (planned > (this.settings.monteCarloSamples ?? MONTE_CARLO_SAMPLES)) return null;
      const values = laws.map((l) => l.values);
      const points = additivityPoints(values);
      const place = (xs: number[]) => {
        const data = sizes.map((size) => new Float64Array(size));
        owners.forEach(({ k, i }, j) => {
          data[k][i] = xs[j];
        });
        vars.forEach((v, k) => this.overrides.set(v.name, { v: Tensor.from(shapes[k], data[k]), d: null }));
      };
      const body = (xs: number[]): Float64Array => {
        this.tick(node);
        place(xs);
        this.memoMap = new Map();
        const ys = parts.map((f) => V.tensorOf(f(this), node));
        return ys.length === 1
          ? Float64Array.from(ys[0].data)
          : Float64Array.from(ys.flatMap((y) => [...y.data]));
      };
      if (!isAdditive(body, points.base, points.checks)) return null;
      const atBase = body(points.base);
      const shape = V.tensorOf(parts[0](this), node).shape;
      // A variance or covariance of a vector is a matrix, which this does not make.
      if (op !== 'E' && atBase.length !== (op === 'Cov' ? 2 : 1)) return null;
      const length = op === 'Cov' ? 1 : atBase.length;
      // E: the body at the base, moved by each term's mean less its value there.
      const total = op === 'E' ? Float64Array.from(atBase) : new Float64Array(1);
      const magnitude = total.map(Math.abs);
      for (const [j, law] of laws.entries()) {
        const terms = law.values.map((x) => body(points.base.map((c, m) => (m === j ? x : c))));
        const moment = termMoment(op, law, terms, length);
        if (!moment) return null;
        for (let e = 0; e < length; e++) {
          const change = moment[e] - (op === 'E' ? terms[0][e] : 0);
          total[e] += change;
          magnitude[e] += Math.abs(moment[e]) + Math.abs(change);
        }
      }
      const result = Tensor.from(op === 'E' ? shape : [], total);
      this.observe(result);
      // A mean that cancels to its last bits (0 as 1e-32) is rounding at the size of what was summed,
      // as over atoms (measured): noise for the comparison, not a value the precision log should lose.
      V.setPrecisionLog(precision);
      this.precision.cancelledProduct(result.data, magnitude);
      return { v: result, d: null };
    } catch (e) {
      // What the draws meet too (a size to infer, a value out of a law's domain) they report as before.
      if (e instanceof Unsupported || e instanceof Resample) return null;
      throw e;
    } finally {
      this.memoMap = saved;
      V.setPrecisionLog(precision);
    }
  }

  /**
   * Entry i of a variable's law as a term of a sum: the values it is looked at (a discrete law's
   * atoms with their weights, spread values of a continuous one) and its mean and variance; null for
   * a law of neither kind.
   */
  private lawOfTerm(v: RandomVar, shape: number[], i: number, node: Node): TermLaw | null {
    const d = v.dist;
    if (d.kind === 'Joint' || d.kind === 'Unsampled') return null;
    const size = shape.reduce((x, y) => x * y, 1);
    const a = V.tensorOf(v.fns.a(this), node);
    // A normal vector's covariance σ²I is the variance of each entry (as the draws read it).
    const b = v.fns.b ? isotropic(d, shape, V.tensorOf(v.fns.b(this), node)).b : null;
    if ((a.size !== 1 && a.size !== size) || (b && b.size !== 1 && b.size !== size)) return null;
    const [x, y] = [at(a, i), b ? at(b, i) : null];
    const discrete = (atoms: { values: number[]; weights: number[] }, moments: TermLaw['moments']) => {
      const kept = atoms.weights.map((_, m) => m).filter((m) => atoms.weights[m] > 0);
      return {
        values: kept.map((m) => atoms.values[m]),
        weights: kept.map((m) => atoms.weights[m]),
        moments,
      };
    };
    if (d.kind === 'Bernoulli') return discrete(bernoulliAtoms(x), { mean: x, variance: x * (1 - x) });
    if (d.kind === 'Normal' || d.kind === 'Uniform') {
      if (y === null) return null;
      if (d.kind === 'Normal' && !(y >= 0))
        throw new Resample('domain', `a normal variance ${y} is negative`);
      const moments =
        d.kind === 'Normal' ? { mean: x, variance: y } : { mean: (x + y) / 2, variance: (y - x) ** 2 / 12 };
      return { values: spreadValues({ kind: d.kind, a: x, b: y }), weights: null, moments };
    }
    const moments = lawMoments(d.law, x, y);
    const atoms = atomsOf(d.law, x, y, this.momentFamily);
    if (atoms) return discrete(atoms, moments);
    // A law given by its moments stands, in its first family, for the normal law with them.
    const kind = d.law === 'Moments' ? 'Normal' : d.law === 'Beta' || d.law === 'Exponential' ? d.law : null;
    if (!kind) return null;
    return { values: spreadValues({ kind, a: x, b: y ?? 0 }), weights: null, moments };
  }

  private monteCarloEstimate(
    op: ExpectOp,
    vars: RandomVar[],
    shapes: number[][],
    parts: Fn[],
    given: Fn | null,
    node: Node,
  ): Val {
    if (this.seeding)
      throw new Unsupported(
        'derivatives of Monte Carlo expectations are not evaluated',
        node.start,
        node.end,
      );
    const params = vars.map((v, j) => ({
      a: V.tensorOf(v.fns.a(this), node),
      b: v.fns.b ? isotropic(v.dist, shapes[j], V.tensorOf(v.fns.b(this), node)).b : null,
    }));
    const N = this.settings.monteCarloSamples ?? MONTE_CARLO_SAMPLES;
    // Draws are shared by every expectation over the same variables in this trial (common
    // random numbers): sampling, not evaluation, dominated the cost.
    const key = vars
      .map(
        (v, j) =>
          `${v.name}|${v.dist.kind}|${shapes[j].join('x')}|` +
          `${params[j].a.data.join(',')}|${params[j].b?.data.join(',') ?? ''}`,
      )
      .join(';');
    let draws = this.mcDraws.get(key);
    if (!draws) {
      const rng = this.draw(`mc:${key}`);
      draws = [];
      for (let k = 0; k < N; k++)
        draws.push(
          vars.map((v, j) =>
            sampleDistribution(v.dist, shapes[j], params[j].a, params[j].b, rng, node, this.momentFamily),
          ),
        );
      this.mcDraws.set(key, draws);
    }
    const samples: Tensor[][] = [];
    const saved = this.memoMap;
    try {
      for (let k = 0; k < N; k++) {
        this.tick(node);
        const draw = draws[k];
        vars.forEach((v, j) => this.overrides.set(v.name, { v: draw[j], d: null }));
        this.memoMap = new Map();
        if (given && !holds(given(this), node)) continue;
        const ys = parts.map((f) => V.tensorOf(f(this), node));
        if (samples.length && ys.some((y, j) => y.size !== samples[0][j].size))
          throw new Unsupported('the expectation body changes shape between samples', node.start, node.end);
        samples.push(ys);
      }
    } finally {
      this.memoMap = saved;
    }
    if (samples.length === 0) throw conditionNeverHolds(node);
    if (given && samples.length < N / 10)
      throw new Unsupported(
        `the condition held in only ${samples.length} of ${N} samples, too few for an estimate`,
        node.start,
        node.end,
      );
    const estimate = monteCarloMoments(op, samples, node);
    // Errors of several estimates in one claim add up (a conservative bound on their sum).
    const before = this.monteCarlo?.stdError ?? 0;
    this.monteCarlo = { samples: samples.length, stdError: before + estimate.stdError };
    return { v: estimate.value, d: null };
  }

  evalSizeText(text: string, node: Node): number {
    if (/^\d+$/.test(text)) return Number(text);
    const t = this.compileNode({
      kind: 'sym',
      name: text,
      stem: text,
      base: text,
      sub: null,
      subText: null,
      primes: 0,
      start: node.start,
      end: node.end,
    })(this);
    return this.integerOf(t, node);
  }
}

// ---- sampling -------------------------------------------------------------------------------

/** Which axis of a one-hot matrix holds the samples (rows, or columns) and whether a claim drew one. */
export const oneHotReading = { rows: false, metMatrix: false };

function sampleSet(
  spec: DeclSpec,
  shape: number[],
  rng: Rng,
  evaluate: (n: Node) => Val,
  node: Node,
  pick: (lo: number, hi: number) => number,
): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  // A scalar from a small set of whole numbers takes each member within as many trials.
  const whole = (lo: number, hi: number) => (size === 1 ? pick(lo, hi) : rng.int(lo, hi));
  if (size > 1_000_000) throw new OverBudget(`a ${shape.join('×')} tensor`);
  const data = new Float64Array(size);
  switch (spec.set) {
    case 'real':
      rng.fillNormal(data);
      break;
    case 'positive':
      for (let i = 0; i < size; i++) data[i] = Math.exp(Math.log(0.1) + rng.uniform() * Math.log(100));
      break;
    case 'integer':
      for (let i = 0; i < size; i++) data[i] = whole(-5, 5);
      break;
    case 'natural':
      for (let i = 0; i < size; i++) data[i] = whole(1, 8);
      break;
    case 'bits':
      for (let i = 0; i < size; i++) data[i] = rng.uniform() < 0.5 ? 1 : 0;
      break;
    case 'interval': {
      const lo = spec.lo!;
      const hi = spec.hi!;
      for (let i = 0; i < size; i++) {
        if (Number.isFinite(lo) && Number.isFinite(hi)) {
          // Stay off the end points: open and closed intervals sample alike.
          data[i] = lo + (hi - lo) * (0.001 + 0.998 * rng.uniform());
        } else if (Number.isFinite(lo))
          data[i] = lo + Math.exp(Math.log(0.1) + rng.uniform() * Math.log(100));
        else if (Number.isFinite(hi)) data[i] = hi - Math.exp(Math.log(0.1) + rng.uniform() * Math.log(100));
        else data[i] = rng.normal();
      }
      break;
    }
    case 'spd': {
      const n = shape[0];
      const a = new Float64Array(n * n);
      for (let i = 0; i < a.length; i++) a[i] = rng.normal();
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += a[i * n + k] * a[j * n + k];
          data[i * n + j] = s + (i === j ? n : 0);
        }
      break;
    }
    case 'finite': {
      const values = finiteValues(spec.values!, evaluate, node);
      for (let i = 0; i < size; i++) data[i] = values[whole(0, values.length - 1)];
      break;
    }
  }
  if (spec.symmetric && shape.length === 2 && shape[0] === shape[1]) mirrorUpperTriangle(data, shape[0]);
  if (spec.zeroDiagonal && shape.length === 2 && shape[0] === shape[1])
    for (let i = 0; i < shape[0]; i++) data[i * shape[0] + i] = 0;
  if (spec.oneHot && shape.length >= 1) {
    // Labels: a vector has a single entry 1, drawn uniformly; a matrix has one label per sample,
    // a column each unless the batch reading puts samples in rows (as softmax, claim/readings.ts).
    data.fill(0);
    if (shape.length === 1) data[whole(0, size - 1)] = 1;
    else {
      oneHotReading.metMatrix = true;
      const [m, n] = shape;
      if (oneHotReading.rows) for (let i = 0; i < m; i++) data[i * n + whole(0, n - 1)] = 1;
      else for (let j = 0; j < n; j++) data[whole(0, m - 1) * n + j] = 1;
    }
  }
  if (spec.fullColumnRank && shape.length === 2 && shape[1] > shape[0])
    throw new Resample('assumption', `a ${shape[0]}×${shape[1]} matrix cannot have full column rank`);
  if (spec.orthogonal && shape.length === 2) orthonormalColumns(data, shape[0], shape[1]);
  if (spec.made) madeOfKind(data, shape, spec.made, () => rng.uniform());
  // The buffer is this draw's own: adopted, checked and charged as a copy would be.
  return Tensor.adopt(shape, data);
}

/**
 * The columns of a Gaussian matrix made orthonormal (Gram–Schmidt, twice for accuracy): the Q of its
 * QR factorisation, a sample of the orthogonal matrices (or of those with orthonormal columns).
 */
function orthonormalColumns(data: Float64Array, rows: number, cols: number): void {
  if (cols > rows)
    throw new Resample(
      'assumption',
      `a ${rows}×${cols} matrix cannot have orthonormal columns (more columns than rows)`,
    );
  for (let j = 0; j < cols; j++) {
    for (let pass = 0; pass < 2; pass++)
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < rows; i++) dot += data[i * cols + k] * data[i * cols + j];
        for (let i = 0; i < rows; i++) data[i * cols + j] -= dot * data[i * cols + k];
      }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += data[i * cols + j] ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-8) throw new Resample('singular', 'a sampled matrix had dependent columns');
    for (let i = 0; i < rows; i++) data[i * cols + j] /= norm;
  }
}

/**
 * Samples that meet their kind by construction (model/constructed.ts): a Gaussian vector divided by
 * its norm is uniform on the sphere; positive entries divided by their sum (per row for a matrix)
 * make a probability vector or a stochastic matrix; a diagonal matrix keeps only its diagonal.
 */
function madeOfKind(
  data: Float64Array,
  shape: readonly number[],
  kind: NonNullable<DeclSpec['made']>,
  uniform: () => number,
): void {
  if (kind === 'diagonal') {
    const [m, n] = shape;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) if (i !== j) data[i * n + j] = 0;
    return;
  }
  if (kind === 'unit') {
    const norm = Math.hypot(...data);
    if (norm < 1e-8) throw new Resample('singular', 'a sampled vector was zero and has no direction');
    for (let i = 0; i < data.length; i++) data[i] /= norm;
    return;
  }
  // Probability: each row (the whole vector) positive, summing to 1; entries kept off 0.
  const cols = shape[shape.length - 1];
  for (let start = 0; start < data.length; start += cols) {
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += data[start + j] = 0.05 + uniform();
    for (let j = 0; j < cols; j++) data[start + j] /= sum;
  }
}

/** Each entry below the diagonal takes the one above it: a sample of the same set, now symmetric. */
function mirrorUpperTriangle(data: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) data[i * n + j] = data[j * n + i];
}

function finiteValues(nodes: Node[], evaluate: (n: Node) => Val, node: Node): number[] {
  if (nodes.length === 3 && nodes[1].kind === 'dots') {
    const lo = V.tensorOf(evaluate(nodes[0]), node).data[0];
    const hi = V.tensorOf(evaluate(nodes[2]), node).data[0];
    const out: number[] = [];
    for (let v = lo; v <= hi && out.length < 10000; v++) out.push(v);
    if (out.length === 0) throw new Resample('assumption', `the set {${lo}, …, ${hi}} is empty`);
    return out;
  }
  return nodes.map((n) => V.tensorOf(evaluate(n), node).data[0]);
}

/**
 * `\epsilon \sim \mathcal{N}(0, I_d)`, `\mathcal{N}(0, \sigma^2 I)`: a normal law whose covariance is a
 * diagonal matrix (a multiple of the identity, as written) is a vector of independent normals, one
 * per row, with the diagonal's variances — the variable's length, when nothing else declares it.
 */
function isotropic(
  dist: Distribution,
  shape: number[],
  b: Tensor | null,
): { shape: number[]; b: Tensor | null } {
  if (dist.kind !== 'Normal' || !b || b.rank !== 2 || b.shape[0] !== b.shape[1]) return { shape, b };
  const k = b.shape[0];
  if (!(shape.length === 0 || (shape.length === 1 && shape[0] === k))) return { shape, b };
  const diagonal = new Float64Array(k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const x = b.data[i * k + j];
      if (i === j) diagonal[i] = x;
      else if (x !== 0) return { shape, b };
    }
  return { shape: [k], b: Tensor.from([k], diagonal) };
}

export function sampleDistribution(
  dist: Distribution,
  shape: number[],
  a: Tensor,
  b: Tensor | null,
  rng: Rng,
  node: Node,
  family: MomentFamily = 0,
): Tensor {
  const size = shape.reduce((x, y) => x * y, 1);
  const data = new Float64Array(size);
  if ((a.size !== 1 && a.size !== size) || (b && b.size !== 1 && b.size !== size))
    throw new Unsupported(
      'distribution parameters must be numbers or have the variable’s shape',
      node.start,
      node.end,
    );
  for (let i = 0; i < size; i++) {
    switch (dist.kind) {
      case 'Bernoulli': {
        const p = at(a, i);
        if (!(p >= 0 && p <= 1))
          throw new Resample('domain', `Bernoulli parameter ${p} is not a probability`);
        data[i] = rng.uniform() < p ? 1 : 0;
        break;
      }
      case 'Normal': {
        const v = at(b!, i);
        if (!(v >= 0)) throw new Resample('domain', `a normal variance ${v} is negative`);
        data[i] = at(a, i) + Math.sqrt(v) * rng.normal();
        break;
      }
      case 'Uniform':
        data[i] = at(a, i) + (at(b!, i) - at(a, i)) * rng.uniform();
        break;
      case 'Law':
        data[i] = drawLaw(dist.law, at(a, i), b ? at(b, i) : null, rng, family);
        break;
      // Drawn alone, the pair's variables would be independent, which their cells say they are not.
      case 'Joint':
        throw new Unsupported(
          `${dist.names.join(', ')} have a joint law given cell by cell: it is evaluated inside ` +
            'an expectation, probability, variance or covariance over the cells, not drawn',
          node.start,
          node.end,
        );
    }
  }
  // The draw's own buffer, adopted (checked and charged as a copy would be): a Monte Carlo
  // estimate draws its variables a thousand times per trial.
  return Tensor.adopt(shape, data);
}

/** Entry i of a law's parameter, or the parameter itself when it is one number. A module function:
 * the bundles keep names, which costs a closure made per draw a property definition. */
function at(t: Tensor, i: number): number {
  return t.size === 1 ? t.data[0] : t.data[i];
}

/**
 * Members of one family whose indices may name the same member or not (`X_j` beside `X_1, …,
 * X_n`, `X_i` beside `X_j`): which decides the value, so such an expectation is left unchecked
 * rather than read with the members independent. `w_{i,1}` and `w_{i,2}` differ in a number and are
 * two members.
 */
function refuseUnplacedMembers(names: string[], node: Node): void {
  const byStem = new Map<string, string[][]>();
  for (const name of names) {
    const m = /^(.*)_\{(.*)\}$/.exec(name);
    if (!m) continue;
    const sub = m[2];
    const tokens = sub.includes(',') ? sub.split(',') : /^[A-Za-z]+$/.test(sub) ? [...sub] : [sub];
    byStem.set(m[1], [...(byStem.get(m[1]) ?? []), tokens]);
  }
  const letter = (x: string) => /[A-Za-z]/.test(x);
  const mayCoincide = (a: string[], b: string[]) =>
    a.length !== b.length || a.every((x, k) => x === b[k] || letter(x) || letter(b[k]));
  for (const [stem, subs] of byStem)
    for (let i = 0; i < subs.length; i++)
      for (let j = i + 1; j < subs.length; j++) {
        if (!subs[i].some(letter) && !subs[j].some(letter)) continue;
        if (!mayCoincide(subs[i], subs[j])) continue;
        const shown = [subs[i], subs[j]].map((x) => `${stem}_{${x.join(',')}}`).join(' and ');
        throw new Unsupported(
          `${shown} are members of one random family whose indices may be equal or not, and which ` +
            'decides the value; give the index a value (j = 1) or state the claim for numbered members',
          node.start,
          node.end,
        );
      }
}

/** |v| of a number, 0 for anything else (a sum of vectors is judged with the absolute floor). */
function scalarMagnitude(v: Val): number {
  return 'v' in v && v.v.size === 1 ? Math.abs(v.v.data[0]) : 0;
}

// Claims with the imaginary unit or a letter declared complex (`z \in \mathbb{C}`), evaluated in
// complex arithmetic (complexValues.ts) beside the real path, which stays as it is: an equation of
// scalars is sampled and its sides compared by |left − right|. Whatever this small evaluator does
// not read, or whatever would depend on a branch (√ of a negative or complex value, a non-whole
// power of a complex base), declines, and the claim keeps the real path's verdict, or is unchecked
// when that path read a complex letter as real.
import { combineSeeds, hashString, Rng } from '../engine';
import type { Node, SymNode } from '../math/tree';
import { walkFree } from '../math/walk';
import type { Claim, Entry } from '../model/types';
import { isImaginaryUnitValue } from './compile/imaginaryUnit';
import * as C from './complexValues';
import { unitExpr } from '../model/siUnits';
import type { Complex } from './complexValues';

const TRIALS = 20;
const MAX_DEFINITION_DEPTH = 20;
const MAX_TERMS = 1000;

/**
 * What the document says of complex numbers, read once per document text and only as far as a
 * claim asks: each reading is a scan of the whole text, and most claims never ask (a claim of
 * numbers alone, or of letters its document defines) — an edit re-checks a claim, and the scans
 * were a pass over the whole document per edit (issue #14).
 */
class ComplexDocument {
  private letters: Set<string> | undefined;
  private readonly unit = new Map<'i' | 'j', boolean>();

  constructor(readonly source: string) {}

  /** Letters declared complex: `z, w \in \mathbb{C}`. */
  get complexLetters(): Set<string> {
    this.letters ??= complexLettersOf(this.source);
    return this.letters;
  }

  /** Whether i or j is the imaginary unit by what the text says, though nothing defines it. */
  marksUnit(letter: 'i' | 'j'): boolean {
    let marks = this.unit.get(letter);
    if (marks === undefined) {
      marks = marksUnit(this.source, letter, () => this.complexLetters);
      this.unit.set(letter, marks);
    }
    return marks;
  }
}

let cachedDocument = new ComplexDocument('');

/**
 * `i` (or `j`) is the imaginary unit where the text says so: it squares to −1 (`i^2 = -1`), stands
 * for √−1 ("$j$ for $\sqrt{-1}$"), is named "the imaginary unit", or multiplies π in an exponent
 * (`e^{2\pi i k/N}`, `e^{i\pi}`), which no index does. An `i` also is in a text that declares a
 * letter complex (mathematics' default). A text with none of these keeps i and j as letters.
 */
function marksUnit(source: string, letter: 'i' | 'j', complexLetters: () => Set<string>): boolean {
  const l = letter;
  const squared = new RegExp(`(?:^|[^\\\\A-Za-z])${l}\\s*\\^\\s*\\{?\\s*2\\s*\\}?\\s*=\\s*-\\s*1(?![0-9.])`);
  const root = new RegExp(`\\$${l}\\$[^$.]{0,40}\\$\\s*\\\\sqrt\\s*\\{\\s*-\\s*1\\s*\\}`);
  const named = new RegExp(
    `imaginary unit,?\\s*\\$${l}\\$|\\$${l}\\$,?\\s*(?:is|denotes|for|as)\\s+(?:the\\s+)?imaginary unit`,
    'i',
  );
  const exponent = new RegExp(
    `e\\^\\{[^{}]*(?:\\\\pi\\s*${l}(?![A-Za-z])|(?<![\\\\A-Za-z])${l}\\s*\\\\pi)[^{}]*\\}`,
  );
  if (squared.test(source) || root.test(source) || named.test(source) || exponent.test(source)) return true;
  // A circuit note that writes phasors in polar form (`10\angle 30^\circ`) writes their rectangular
  // form with j before the imaginary part (`8.66 + j5`, `R + j\omega L`): j so placed is the unit.
  if (letter === 'j' && POLAR_PHASOR.test(source) && J_BEFORE_PART.test(source)) return true;
  return letter === 'i' && complexLetters().size > 0;
}

/** A number right before `\angle`: a phasor in polar form (`170\angle 0^\circ`). */
const POLAR_PHASOR = /\d\s*(?:\\[,;: ]\s*)?\\angle(?![A-Za-z])/;
/** `j37.7`, `-j5`, `j\,10`, `j\omega L`: j written before a number or ω, as the imaginary part's unit. */
const J_BEFORE_PART = /(?<![\\A-Za-z_^{])j\s*(?:\\[,;: ]\s*)?(?:\d|\\omega(?![A-Za-z]))/;

function complexDocument(source: string): ComplexDocument {
  if (cachedDocument.source !== source) cachedDocument = new ComplexDocument(source);
  return cachedDocument;
}

function complexLettersOf(source: string): Set<string> {
  const complexLetters = new Set<string>();
  for (const m of source.matchAll(/\$+([^$]*?)\\in\s*\\mathbb\s*\{?\s*C\s*\}?(?![A-Za-z^])/g))
    for (const part of m[1].split(',')) {
      const name = part.trim();
      if (/^(?:[A-Za-z]|\\[A-Za-z]+)$/.test(name)) complexLetters.add(name);
    }
  return complexLetters;
}

/** `\bar{z}`, `\overline{z}`, `z^*`: the conjugate of a letter, as the reader names it. */
function conjugated(name: string): string | null {
  const bar = /^\\bar\{(.+)\}$/.exec(name);
  if (bar) return bar[1];
  const star = /^(.+)\^\{\*\}$/.exec(name);
  return star ? star[1] : null;
}

type Kind = 'unit' | 'complex' | 'real' | null;

class Evaluation {
  /** Letters read as any real number because nothing declares them, for the message. */
  readonly readAsReal = new Set<string>();
  uses = { unit: false, complex: false };
  private depth = 0;
  private sampled = new Map<string, Complex>();
  /** Written numbers read at another value: the corners of a rounded result (complexRounding). */
  readonly overrides = new Map<Node, number>();

  constructor(
    private readonly claim: Claim,
    private readonly doc: ComplexDocument,
    private rng: Rng,
  ) {}

  /** Whether this trial sampled a letter. */
  drew(): boolean {
    return [...this.sampled.keys()].some((k) => !k.startsWith('def:'));
  }

  reset(rng: Rng) {
    this.rng = rng;
    this.sampled = new Map();
  }

  /** How the letter is read: the imaginary unit, a complex letter, a real one, or something else. */
  kindOf(n: SymNode): Kind {
    const entry = this.claim.env.lookup(n.name, this.claim.block);
    if (n.name === 'i' || n.name === 'j') {
      if (entry) return entry.kind === 'def' && isImaginaryUnitValue(entry.expr) ? 'unit' : null;
      return n.upright || this.doc.marksUnit(n.name) ? 'unit' : null;
    }
    if (entry) return null;
    return this.doc.complexLetters.has(n.name) ? 'complex' : 'real';
  }

  value(n: Node, locals: Map<string, Complex>): Complex {
    switch (n.kind) {
      case 'num':
        return C.cx(this.overrides.get(n) ?? n.value);
      case 'sym':
        return this.symbol(n, locals);
      case 'neg':
        return C.neg(this.value(n.operand, locals));
      case 'group':
        if (n.open === '(' && n.items.length === 1) return this.value(n.items[0], locals);
        break;
      case 'frac':
        return C.div(this.value(n.numerator, locals), this.value(n.denominator, locals));
      case 'sqrt':
        if (n.degree === null) return C.sqrt(this.value(n.radicand, locals));
        break;
      case 'abs':
        return C.cx(C.abs(this.value(n.operand, locals)));
      case 'pow':
        return this.power(n.base, n.exponent, locals);
      case 'post':
        if (n.op === 'inv') return C.div(C.cx(1), this.value(n.operand, locals));
        break;
      case 'bin':
        return this.binary(n, locals);
      case 'call':
        return this.call(n, locals);
      case 'bigop':
        return this.bigop(n, locals);
      case 'apply':
        return this.apply(n, locals);
    }
    throw new C.ComplexDeclined(`${n.kind} is not read in complex arithmetic`);
  }

  private symbol(n: SymNode, locals: Map<string, Complex>): Complex {
    const local = locals.get(n.name);
    if (local) return local;
    const conj = conjugated(n.name);
    if (conj !== null) return C.conj(this.symbol({ ...n, name: conj, upright: undefined }, locals));
    if (n.name === '\\pi' && !this.claim.env.lookup(n.name, this.claim.block)) return C.cx(Math.PI);
    if (n.name === 'e' && !this.claim.env.lookup(n.name, this.claim.block)) return C.cx(Math.E);
    const entry = this.claim.env.lookup(n.name, this.claim.block);
    if (entry) return this.entryValue(entry, n);
    const kind = this.kindOf(n);
    if (kind === 'unit') {
      this.uses.unit = true;
      return C.cx(0, 1);
    }
    // A letter nothing defines: any complex number if declared so, else (a single letter) any real.
    if (kind === 'complex') {
      this.uses.complex = true;
      return this.sample(n.name, () => C.cx(this.rng.uniformIn(-2, 2), this.rng.uniformIn(-2, 2)));
    }
    // A letter whose value from running text has ended is read by the real path, which knows its kind.
    if (this.claim.env.lookupGeneric(n.name, this.claim.block))
      throw new C.ComplexDeclined(`${n.name} had a value in running text that has ended`);
    if (n.sub === null && /^(?:[a-z]|\\[a-z]+)$/.test(n.name) && !n.name.startsWith('\\text')) {
      this.readAsReal.add(n.name);
      return this.sample(n.name, () => C.cx(this.signed(0.2, 2)));
    }
    throw new C.ComplexDeclined(`unknown name ${n.name}`);
  }

  private signed(lo: number, hi: number): number {
    const x = this.rng.uniformIn(lo, hi);
    return this.rng.uniform() < 0.5 ? -x : x;
  }

  private sample(name: string, draw: () => Complex): Complex {
    let v = this.sampled.get(name);
    if (!v) this.sampled.set(name, (v = draw()));
    return v;
  }

  private entryValue(entry: Entry, n: SymNode): Complex {
    if (entry.kind === 'def' && !entry.params && !entry.indices) {
      if (isImaginaryUnitValue(entry.expr)) {
        this.uses.unit = true;
        return C.cx(0, 1);
      }
      if (++this.depth > MAX_DEFINITION_DEPTH) throw new C.ComplexDeclined('definitions too deep');
      try {
        return this.sample(`def:${n.name}`, () => this.value(entry.expr, new Map()));
      } finally {
        this.depth--;
      }
    }
    if (entry.kind === 'decl' && entry.spec.shape.length === 0 && !entry.pattern) {
      const spec = entry.spec;
      const draw = (): number => {
        switch (spec.set) {
          case 'real':
            return this.signed(0.2, 2);
          case 'positive':
            return this.rng.uniformIn(0.2, 2);
          case 'integer':
            return Math.round(this.rng.uniformIn(-5.5, 5.5));
          case 'natural':
            return Math.round(this.rng.uniformIn(0.5, 6.5));
          case 'interval':
            if (spec.lo !== undefined && spec.hi !== undefined) return this.rng.uniformIn(spec.lo, spec.hi);
        }
        throw new C.ComplexDeclined(`${n.name} is declared as a kind this evaluation does not sample`);
      };
      return this.sample(n.name, () => C.cx(draw()));
    }
    throw new C.ComplexDeclined(`${n.name} is not a number this evaluation reads`);
  }

  private power(base: Node, exponent: Node, locals: Map<string, Complex>): Complex {
    const e = this.value(exponent, locals);
    if (base.kind === 'sym' && base.name === 'e' && !this.claim.env.lookup('e', this.claim.block))
      return C.exp(e);
    return C.pow(this.value(base, locals), e);
  }

  /** `\operatorname{Re} z \operatorname{Re} w`: a bare Re or Im applies to the factor after it. */
  private binary(n: Node & { kind: 'bin' }, locals: Map<string, Complex>): Complex {
    switch (n.op) {
      case '+':
        return C.add(this.value(n.left, locals), this.value(n.right, locals));
      case '-':
        return C.sub(this.value(n.left, locals), this.value(n.right, locals));
      case '/':
        return C.div(this.value(n.left, locals), this.value(n.right, locals));
      case 'cdot':
      case 'times':
      case 'juxt':
        return this.product(factorsOf(n), locals);
    }
    throw new C.ComplexDeclined(`the operator ${n.op} is not read in complex arithmetic`);
  }

  private product(factors: Node[], locals: Map<string, Complex>): Complex {
    let out = C.cx(1);
    for (let k = 0; k < factors.length; k++) {
      const f = factors[k];
      // `170\angle 0^\circ`: after a factor, ∠θ is the unit phasor e^{jθ} (polar form).
      if (k > 0 && f.kind === 'call' && f.fn === 'angle' && f.args.length === 1 && !f.sub && !f.sup) {
        out = C.mul(out, this.phasorTurn(f.args[0], locals));
        continue;
      }
      // `30 + j37.7\,\Omega`: a coherent unit (Ω, V, A, W) ending a product scales nothing; a
      // prefixed one (kΩ) would, and on which terms of the sum is not clear: not read.
      if (k > 0 && k === factors.length - 1 && this.unitOfOne(f)) continue;
      const part = partOperator(f);
      if (part) {
        const next = factors[++k];
        if (!next) throw new C.ComplexDeclined(`${part} with nothing after it`);
        const v = this.value(next, locals);
        out = C.mul(out, C.cx(part === 'Re' ? v.re : v.im));
      } else out = C.mul(out, this.value(factors[k], locals));
    }
    return out;
  }

  /** A unit whose size is one coherent unit: written so, or a plain Ω the document gives no meaning. */
  private unitOfOne(n: Node): boolean {
    if (n.kind === 'sym' && n.name === '\\Omega' && n.sub === null)
      return !this.claim.env.lookup(n.name, this.claim.block);
    if (n.kind === 'sym' && !n.upright && !/^\\text\{/.test(n.name)) return false;
    const unit = unitExpr(n);
    return unit?.dims !== undefined && unit.factor === 1;
  }

  /**
   * The e^{jθ} of a phasor `r\angle\theta`, for an angle that states its unit: degrees (`30^\circ`),
   * π (radians) or 0. A bare number may be either, as engineers write both, and is not read.
   */
  private phasorTurn(angle: Node, locals: Map<string, Complex>): Complex {
    if (!statesAngleUnit(angle)) throw new C.ComplexDeclined('a phasor angle without a degree sign or π');
    const t = this.value(angle, locals);
    if (!C.isReal(t)) throw new C.ComplexDeclined('a phasor angle that is not real');
    this.uses.unit = true;
    return C.cx(Math.cos(t.re), Math.sin(t.re));
  }

  private call(n: Node & { kind: 'call' }, locals: Map<string, Complex>): Complex {
    if (n.args.length !== 1 || n.sub) throw new C.ComplexDeclined(`${n.fn} as written here`);
    const v = this.value(n.args[0], locals);
    // `\angle Z`: with nothing before it, the phase angle of a complex value (its argument); of a
    // real one it would be a unit phasor written alone, which this reading does not guess.
    if (n.fn === 'angle') {
      if (C.isReal(v)) throw new C.ComplexDeclined('∠ of a real value (a phase angle, or a phasor?)');
      if (n.sup) throw new C.ComplexDeclined('∠ to a power');
      return C.cx(C.arg(v));
    }
    const f = FUNCTIONS[n.fn];
    if (!f) throw new C.ComplexDeclined(`the function ${n.fn} is not read in complex arithmetic`);
    const out = f(v);
    if (!n.sup) return out;
    // `\cos^3\theta` is the cube of the cosine; `\sin^{-1}` the inverse function, not read here.
    const p = this.value(n.sup, locals);
    if (!C.isReal(p) || !Number.isInteger(p.re) || p.re < 1)
      throw new C.ComplexDeclined(`${n.fn} to a power`);
    return C.pow(out, p);
  }

  /** `\operatorname{Re}(zw)`, or a function the document defines, `Z(\omega)`, at its arguments. */
  private apply(n: Node & { kind: 'apply' }, locals: Map<string, Complex>): Complex {
    const part = partOperator(n.f);
    if (part && n.args.length === 1) {
      const v = this.value(n.args[0], locals);
      return C.cx(part === 'Re' ? v.re : v.im);
    }
    const entry = this.claim.env.lookup(n.f.name, this.claim.block);
    if (entry?.kind !== 'def' || !entry.params || entry.params.length !== n.args.length || entry.indices)
      throw new C.ComplexDeclined(`${n.f.name} applied to arguments`);
    const inner = new Map<string, Complex>();
    entry.params.forEach((p, k) => inner.set(p.name, this.value(n.args[k], locals)));
    if (++this.depth > MAX_DEFINITION_DEPTH) throw new C.ComplexDeclined('definitions too deep');
    try {
      return this.value(entry.expr, inner);
    } finally {
      this.depth--;
    }
  }

  private bigop(n: Node & { kind: 'bigop' }, locals: Map<string, Complex>): Complex {
    const index = n.index;
    if (!index?.from || !index.to || index.set) throw new C.ComplexDeclined('a sum without its bounds');
    const from = this.value(index.from, locals);
    const to = this.value(index.to, locals);
    if (!C.isReal(from) || !C.isReal(to) || !Number.isInteger(from.re) || !Number.isInteger(to.re))
      throw new C.ComplexDeclined('a sum whose bounds are not whole numbers');
    if (to.re - from.re > MAX_TERMS) throw new C.ComplexDeclined('a sum of too many terms');
    let out = C.cx(n.op === 'sum' ? 0 : 1);
    for (let k = from.re; k <= to.re; k++) {
      const inner = new Map(locals).set(index.name, C.cx(k));
      const term = this.value(n.body, inner);
      out = n.op === 'sum' ? C.add(out, term) : C.mul(out, term);
    }
    return out;
  }
}

/** A function of real values only (`\arctan(6/8)` beside a phase angle): declined off the real line. */
const onReals =
  (name: string, f: (x: number) => number, lo = -Infinity, hi = Infinity) =>
  (z: Complex): Complex => {
    if (!C.isReal(z) || z.re < lo || z.re > hi) throw new C.ComplexDeclined(`${name} of a complex value`);
    return C.cx(f(z.re));
  };

const FUNCTIONS: Record<string, (z: Complex) => Complex> = {
  atan: onReals('arctan', Math.atan),
  asin: onReals('arcsin', Math.asin, -1, 1),
  acos: onReals('arccos', Math.acos, -1, 1),
  tan: onReals('tan', Math.tan),
  exp: C.exp,
  cos: C.cos,
  sin: C.sin,
  cosh: C.cosh,
  sinh: C.sinh,
  Re: (z) => C.cx(z.re),
  Im: (z) => C.cx(z.im),
  // The principal argument: a claim on it that fails may hold for another branch (complexCheck).
  arg: (z) => C.cx(C.arg(z)),
};

/** `30^\circ` (read as 30π/180, its 180 written by the parser), an angle with π, or 0, signed. */
function statesAngleUnit(n: Node): boolean {
  let x = n;
  while (x.kind === 'neg' || (x.kind === 'group' && x.open === '(' && x.items.length === 1))
    x = x.kind === 'neg' ? x.operand : x.items[0];
  if (x.kind === 'num') return x.value === 0;
  const d = x.kind === 'frac' ? x.denominator : null;
  if (d?.kind === 'num' && d.value === 180 && d.start === d.end) return true;
  let pi = false;
  walkFree(x, (y) => {
    if (y.kind === 'sym' && y.name === '\\pi') pi = true;
  });
  return pi;
}

function partOperator(n: Node): 'Re' | 'Im' | null {
  if (n.kind !== 'sym') return null;
  if (n.name === '\\text{Re}' || n.name === '\\Re') return 'Re';
  if (n.name === '\\text{Im}' || n.name === '\\Im') return 'Im';
  return null;
}

/** The factors of a product, left to right; iterative, as a long product is a deep tree. */
function factorsOf(n: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'bin' && (x.op === 'juxt' || x.op === 'cdot' || x.op === 'times'))
      stack.push(x.right, x.left);
    else out.push(x);
  }
  return out;
}

/**
 * Whether a name that `found` picks is written free in n (a sum's index is bound by the sum).
 * Iterative (math/walk.ts): a 5000-term sum is a 5000-deep tree.
 */
function mentions(n: Node, found: (s: SymNode) => boolean): boolean {
  let hit = false;
  walkFree(n, (x) => {
    if (!hit && x.kind === 'sym' && found(x)) hit = true;
  });
  return hit;
}

export type ComplexVerdict =
  | { verdict: 'verified' | 'refuted'; message: string; details: string[]; trials: number; maxError: number }
  | { verdict: 'declined'; reason: string };

/**
 * The claim in complex arithmetic, or null when it has no complex number in it (no imaginary unit,
 * no letter declared complex, in the claim or the definitions it uses).
 */
export function complexCheck(claim: Claim, source: string): ComplexVerdict | null {
  if (claim.op !== '=' && claim.op !== '\\approx') return null;
  const approx = claim.op === '\\approx';
  const doc = complexDocument(source);
  const probe = new Evaluation(claim, doc, new Rng(1));
  const complexName = (s: SymNode) => {
    const base = conjugated(s.name) ?? s.name;
    const kind = probe.kindOf({ ...s, name: base });
    return kind === 'unit' || kind === 'complex';
  };
  const direct = mentions(claim.lhs, complexName) || mentions(claim.rhs, complexName);
  // "for $\omega^2 LC = 1$": samples would have to meet the condition, which this evaluation does not do.
  if (claim.assumptions.length > 0)
    return direct
      ? { verdict: 'declined', reason: 'the claim holds under a condition, not sampled here' }
      : null;
  const text = source.slice(claim.start, claim.end);
  const seed = combineSeeds(claim.settings.seed >>> 0, hashString(text.replace(/\s+/g, ' ').trim()));
  const run = new Evaluation(claim, doc, new Rng(seed));
  // `\overline{zw}` reads as `zw` (the bar over a product is dropped by the parser): not read here.
  // The claim's span may start inside the bar (`\overline{zw} = …` is the claim `zw = …`): look
  // before it too.
  const around = source.slice(Math.max(0, claim.start - 40), claim.end);
  if (/\\overline\s*\{(?!\s*(?:[A-Za-z]|\\[A-Za-z]+)\s*\})/.test(around))
    return direct
      ? { verdict: 'declined', reason: 'a conjugation bar over an expression is not read' }
      : null;
  let worst = 0;
  let done = 0;
  let failure: string[] | null = null;
  const rounded = complexRoundings(claim);
  /** Held only within the rounding of the written results, or (≈, none written) within 1%. */
  let roundedFit = false;
  let approxFit = false;
  try {
    for (let attempt = 0; done < TRIALS && attempt < TRIALS * 3; attempt++) {
      run.reset(new Rng(combineSeeds(seed, attempt)));
      const l = run.value(claim.lhs, new Map());
      const r = run.value(claim.rhs, new Map());
      if (![l.re, l.im, r.re, r.im].every(Number.isFinite)) continue;
      done++;
      const diff = C.abs(C.sub(l, r));
      const scale = Math.max(1, C.abs(l), C.abs(r));
      const rel = diff / scale;
      worst = Math.max(worst, rel);
      if (rel > claim.settings.tolerance && !failure) {
        // A result written in numbers, rounded part by part (`0.5 - j0.5 = 0.707\angle{-45^\circ}`),
        // holds when its roundings reach the exact value; against sampled letters nothing is excused.
        if (!run.drew() && rounded.length > 0 && withinRounding(run, claim, rounded, l, r)) roundedFit = true;
        else if (approx && rounded.length === 0 && diff <= 0.01 * Math.max(C.abs(l), C.abs(r)))
          approxFit = true;
        else failure = [`left ${C.format(l)}, right ${C.format(r)}`];
      }
      if (!run.uses.unit && !run.uses.complex) return null;
      // Nothing drawn (`(1+i)^2 = 2i`): every trial would be this one.
      if (!run.drew()) break;
    }
  } catch (err) {
    // The evaluator recurses over the tree: one deeper than the stack allows is declined, not a crash.
    const why =
      err instanceof C.ComplexDeclined
        ? err.message
        : err instanceof RangeError
          ? 'the expression is nested too deeply for complex arithmetic'
          : null;
    if (why !== null)
      return direct || run.uses.unit || run.uses.complex ? { verdict: 'declined', reason: why } : null;
    throw err;
  }
  if (!run.uses.unit && !run.uses.complex) return null;
  if (done === 0) return { verdict: 'declined', reason: 'both sides are undefined at every sample' };
  const reals = [...run.readAsReal];
  const reading = reals.length ? ` (reading ${reals.join(', ')} as any real number)` : '';
  if (failure && claim.constraints?.length)
    return {
      verdict: 'declined',
      reason: 'it fails at samples that need not meet the constraints of its passage',
    };
  // `≈` outside the digits written may be a truncated series (`e^{j0.3} \approx 1 + j0.3`), an
  // approximation in a regime the author has in mind: it is never refuted here.
  if (failure && approx)
    return { verdict: 'declined', reason: `≈ holds only to ${pct(worst)}, outside the digits written` };
  if (failure) {
    // The principal argument is one branch: `\arg(zw) = \arg z + \arg w` holds up to 2π.
    if (/\\arg\b/.test(text))
      return {
        verdict: 'declined',
        reason: 'arg is the principal value, and the claim may hold for another branch',
      };
    return {
      verdict: 'refuted',
      message: `refuted in complex arithmetic: sides differ by ${pct(worst)}${reading}`,
      details: failure,
      trials: done,
      maxError: worst,
    };
  }
  const how = roundedFit
    ? ` within the rounding of ${[...new Set(rounded.map((l) => l.node.text))].join(', ')}`
    : approxFit
      ? ' (approximately equal, within 1%)'
      : '';
  return {
    verdict: 'verified',
    message:
      `verified in complex arithmetic${how}: ${done} trial${done === 1 ? '' : 's'}, largest difference ` +
      `${worst.toPrecision(2)}${reading}`,
    details: [],
    trials: done,
    maxError: worst,
  };
}

interface Rounded {
  node: Extract<Node, { kind: 'num' }>;
  half: number;
}

/**
 * The written numbers of a complex claim that are rounded results, each half a unit of its last
 * digit: the parts of a side that is a complex number written out (the right side, when both are) — a
 * decimal, `a + jb`, `a - bj`,
 * `jb`, or a phasor `r\angle\theta` (its angle in whole degrees too, as tables of phasors round them:
 * `3 + j4 = 5\angle 53^\circ`) — and the decimals an earlier claim computed and rounded
 * (claim.carriedDecimals). A decimal inside a computation is a given value, exact.
 */
function complexRoundings(claim: Claim): Rounded[] {
  const out: Rounded[] = [];
  const add = (n: Node, degrees = false) => {
    if (n.kind !== 'num' || out.some((l) => l.node === n)) return;
    const half = halfUnitOf(n.text) ?? (degrees && /^\d+$/.test(n.text) ? 0.5 : null);
    if (half !== null) out.push({ node: n, half });
  };
  // A conversion between two written forms (`10 + j10 = 14.14\angle 45^\circ`) states its result on
  // the right; the left is what was given.
  const written = (n: Node) => {
    let found = false;
    writtenComplex(n, () => {
      found = true;
    });
    return found;
  };
  if (!written(claim.lhs) || !written(claim.rhs)) writtenComplex(claim.lhs, add);
  writtenComplex(claim.rhs, add);
  const carried = claim.carriedDecimals;
  if (carried)
    for (const side of [claim.lhs, claim.rhs])
      walkFree(side, (x) => {
        if (x.kind === 'num' && carried.includes(x.text)) add(x);
      });
  return out.slice(0, 8);
}

function halfUnitOf(text: string): number | null {
  const m = /^\d*\.(\d+)$/.exec(text);
  return m ? 0.5 * 10 ** -m[1].length : null;
}

const unwrap = (n: Node): Node => {
  let x = n;
  while (x.kind === 'neg' || (x.kind === 'group' && x.open === '(' && x.items.length === 1))
    x = x.kind === 'neg' ? x.operand : x.items[0];
  return x;
};

/** Calls `part` on each written number of a side that is a complex number written out; else none. */
function writtenComplex(side: Node, part: (n: Node, degrees?: boolean) => void): void {
  const x = unwrap(side);
  if (x.kind === 'num') {
    part(x);
    return;
  }
  const polar = phasorParts(x);
  if (polar) {
    part(polar.magnitude);
    part(polar.degrees, true);
    return;
  }
  const imaginary = imaginaryPart(x);
  if (imaginary) {
    part(imaginary);
    return;
  }
  if (x.kind === 'bin' && (x.op === '+' || x.op === '-')) {
    const re = unwrap(x.left);
    const im = imaginaryPart(unwrap(x.right));
    if (re.kind === 'num' && im) {
      part(re);
      part(im);
    }
  }
}

/** `j10`, `10j`, `j\,0.5`: the number a written imaginary part multiplies the unit by. */
function imaginaryPart(x: Node): Node | null {
  if (x.kind !== 'bin' || !(x.op === 'juxt' || x.op === 'cdot' || x.op === 'times')) return null;
  const unit = (n: Node) => n.kind === 'sym' && (n.name === 'j' || n.name === 'i') && n.sub === null;
  const l = unwrap(x.left);
  const r = unwrap(x.right);
  if (unit(l) && r.kind === 'num') return r;
  if (unit(r) && l.kind === 'num') return l;
  return null;
}

/** `14.14\angle 45^\circ`: a number and an angle in degrees written as numbers. */
function phasorParts(x: Node): { magnitude: Node; degrees: Node } | null {
  if (x.kind !== 'bin' || x.op !== 'juxt') return null;
  const m = unwrap(x.left);
  const a = x.right;
  if (m.kind !== 'num' || a.kind !== 'call' || a.fn !== 'angle' || a.args.length !== 1) return null;
  const t = unwrap(a.args[0]);
  const d = t.kind === 'frac' ? t.denominator : null;
  if (t.kind !== 'frac' || d?.kind !== 'num' || d.value !== 180 || d.start !== d.end) return null;
  const n = t.numerator;
  const degrees =
    n.kind === 'bin' && n.right.kind === 'sym' && n.right.name === '\\pi' ? unwrap(n.left) : null;
  return degrees?.kind === 'num' ? { magnitude: m, degrees } : null;
}

/**
 * Whether some values within the roundings of the written results make the claim hold. Near the
 * written values left − right moves by each number's half unit as by a segment (g_k, from its two
 * ends), so the values it takes fill a centrally symmetric polygon (a zonotope) around its value
 * at the written numbers, d₀; the claim can hold when −d₀ lies in it, widened by the curvature the
 * segments leave out and the tolerance. A point lies in such a polygon when no edge's normal (or
 * its own direction) separates it: |u·p| ≤ Σ|u·g_k| for each.
 */
function withinRounding(run: Evaluation, claim: Claim, rounded: Rounded[], l: Complex, r: Complex): boolean {
  const d0 = C.sub(l, r);
  const steps: Complex[] = [];
  let bend = 0;
  try {
    for (const lit of rounded) {
      const at = (sign: number) => {
        run.overrides.set(lit.node, lit.node.value + sign * lit.half);
        return C.sub(run.value(claim.lhs, new Map()), run.value(claim.rhs, new Map()));
      };
      const up = at(1);
      const down = at(-1);
      run.overrides.delete(lit.node);
      steps.push(C.cx((up.re - down.re) / 2, (up.im - down.im) / 2));
      bend += C.abs(C.sub(C.add(up, down), C.add(d0, d0))) / 2;
    }
  } finally {
    run.overrides.clear();
  }
  const slack = bend + claim.settings.tolerance * Math.max(1, C.abs(l), C.abs(r));
  const p = C.neg(d0);
  const directions = [p, ...steps, ...steps.map((g) => C.cx(-g.im, g.re))];
  for (const u0 of directions) {
    const size = C.abs(u0);
    if (!(size > 0)) continue;
    const u = C.cx(u0.re / size, u0.im / size);
    const dot = (a: Complex) => a.re * u.re + a.im * u.im;
    const reach = steps.reduce((sum, g) => sum + Math.abs(dot(g)), 0);
    if (!(Math.abs(dot(p)) <= reach + slack)) return false;
  }
  return Number.isFinite(slack);
}

const pct = (x: number) => `${(100 * Math.min(x, 10)).toPrecision(3)}%`;

// Sequences indexed by integers (model/sequences.ts reads them): their entries `x_k`, `x(k)`,
// `x[k]` at any whole k, the convolution `[x * w](i)` at a whole i, and sums over all integers,
// `\sum_{k=-\infty}^{\infty} x_k w_{i-k}`, which run over the support of a factor that is zero
// beyond it. An entry the document never gives (beyond dots that are not beside a 0) is never
// guessed: the claim is unchecked and says what to write.
import type { Node } from '../math/tree';
import type { Entry, SequenceSpec } from '../model/types';
import { Unsupported } from './errors';
import { printNode } from '../math/print';
import { compileSeries } from './series';
import type { CompileEnv, Fn } from './evaluate';
import type { Trial } from './trial';
import * as V from './values';
import type { Val } from './values';

type Compile = (n: Node, c: CompileEnv) => Fn;
type SequenceDef = Extract<Entry, { kind: 'def' }> & { sequence: SequenceSpec };
type Subscript = Extract<Node, { kind: 'subscript' }>;
type BigOp = Extract<Node, { kind: 'bigop' }>;

/** A written-out sequence, compiled: its values, where they sit, and what lies beyond them. */
interface Sequence {
  name: string;
  values: Fn[];
  spec: SequenceSpec;
}

/** The sequence a name stands for in this claim, or null. */
export function sequenceNamed(c: CompileEnv, name: string): SequenceDef | null {
  if (c.locals.has(name)) return null;
  const entry = c.env.lookup(name, c.block);
  return entry?.kind === 'def' && entry.sequence ? (entry as SequenceDef) : null;
}

/** `x` written alone: a sequence is not a vector of the entries that happen to be written. */
export function bareSequence(def: SequenceDef, n: Node): never {
  throw new Unsupported(
    `${def.name} is a sequence indexed by integers, not a vector: write its entries ` +
      `(${def.name}_k or ${def.name}(k)) or a convolution [${def.name} * w](i)`,
    n.start,
    n.end,
  );
}

/** `x_k`, `x(k)`, `x[k]`: the entry at a whole number k. */
export function compileSequenceEntry(
  def: SequenceDef,
  index: Node | undefined,
  n: Node,
  c: CompileEnv,
  compile: Compile,
): Fn {
  if (!index) throw new Unsupported(`${def.name} is a sequence: give one whole-number index`, n.start, n.end);
  const seq = compileSequence(def, c, compile);
  const k = compile(index, c);
  return (t) => entryAt(seq, t.integerOf(k(t), index), t, n);
}

/**
 * `[x * w](i)` of two sequences: Σ_k x_k w_{i−k} (convolution), or under `star correlation`
 * Σ_k x_{i+k} w_k; `\star` is always the correlation. Null when it is not of two sequences.
 */
export function compileSequenceStar(n: Subscript, c: CompileEnv, compile: Compile): Fn | null {
  if (n.base.kind !== 'group' || n.base.items.length !== 1 || n.indices.length !== 1) return null;
  const op = n.base.items[0];
  if (op.kind !== 'bin' || (op.op !== 'ast' && op.op !== 'star')) return null;
  if (op.left.kind !== 'sym' || op.right.kind !== 'sym') return null;
  const left = sequenceNamed(c, op.left.name);
  const right = sequenceNamed(c, op.right.name);
  if (!left || !right) return null;
  const x = compileSequence(left, c, compile);
  const w = compileSequence(right, c, compile);
  const index = n.indices[0];
  if (index.kind === 'sym' && isUnknownLetter(index.name, c))
    throw new Unsupported(
      `${index.name} is not given a value or range, so [${left.name} * ${right.name}](${index.name}) ` +
        `is not evaluated: declare it, ${index.name} \\in \\mathbb{Z}, to check the claim at every integer ` +
        `(sampled in [−5, 5]), or write it at a whole number, [${left.name} * ${right.name}](2)`,
      index.start,
      index.end,
    );
  const at = compile(index, c);
  return (t) => {
    const i = t.integerOf(at(t), index);
    const correlation = op.op === 'star' || t.settings.star === 'correlation';
    // x_a w_b with a + b = i (convolution) or a − b = i (correlation): run over a finite support.
    const partner = (a: number) => (correlation ? a - i : i - a);
    let pairs: [number, number][];
    if (finite(x)) pairs = support(x).map((a) => [a, partner(a)]);
    else if (finite(w)) pairs = support(w).map((b) => [correlation ? i + b : i - b, b]);
    else throw notFinite([x, w], n);
    let acc: Val = V.scalar(0);
    for (const [a, b] of pairs) {
      t.tick(n);
      acc = V.add(acc, V.product(entryAt(x, a, t, n), entryAt(w, b, t, n), n, 'matmul'), n);
    }
    return acc;
  };
}

function isUnknownLetter(name: string, c: CompileEnv): boolean {
  return !c.locals.has(name) && !c.env.lookup(name, c.block) && !c.env.isDimension(name);
}

function isPlusInfinity(b: Node | null): boolean {
  return b?.kind === 'sym' && b.name === '\\infty';
}

/** Whether a bound of a sum is ±∞. */
export function isInfiniteBound(b: Node | null): boolean {
  if (!b) return false;
  const inner = b.kind === 'neg' ? b.operand : b;
  return inner.kind === 'sym' && inner.name === '\\infty';
}

/**
 * `\sum_{k=-\infty}^{\infty} x_k w_{i-k}`: a term with a factor `x_k` (or `x(k)`), x a sequence
 * that is zero beyond its written entries, vanishes outside them, so the sum runs over those.
 */
export function compileSumOverIntegers(n: BigOp, body: Fn, c: CompileEnv, compile: Compile): Fn {
  const ix = n.index!;
  const k = ix.name;
  const bound = (b: Node | null) => (b && !isInfiniteBound(b) ? compile(b, c) : null);
  const from = bound(ix.from);
  const to = bound(ix.to);
  const finiteFactors = factorsOf(n.body)
    .map((f) => indexedSequence(f, k, c))
    .filter((d): d is SequenceDef => d !== null)
    .map((d) => compileSequence(d, c, compile))
    .filter(finite);
  if (n.op === 'sum' && finiteFactors.length === 0 && from && isPlusInfinity(ix.to))
    return compileSeries(n, k, from, body, printNode(n));
  if (n.op !== 'sum' || finiteFactors.length === 0)
    throw new Unsupported(
      `a ${n.op === 'sum' ? 'sum' : 'product'} to infinity is evaluated only as a sum whose term has a ` +
        `factor x_${k} of a sequence written out with zeros beside its dots ` +
        `((\\dots, 0, 1, 2, 0, \\dots)); otherwise write finite bounds`,
      n.start,
      n.end,
    );
  return (t) => {
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    for (const s of finiteFactors) {
      const [first, last] = [s.spec.origin, s.spec.origin + s.values.length - 1];
      lo = Math.max(lo, first);
      hi = Math.min(hi, last);
    }
    if (from) lo = Math.max(lo, t.integerOf(from(t), n));
    if (to) hi = Math.min(hi, t.integerOf(to(t), n));
    return t.loop(k, lo, hi, body, 'sum', n);
  };
}

function compileSequence(def: SequenceDef, c: CompileEnv, compile: Compile): Sequence {
  const items = def.expr.kind === 'group' ? def.expr.items : [];
  return { name: def.name, values: items.map((x) => compile(x, c)), spec: def.sequence };
}

function entryAt(s: Sequence, k: number, t: Trial, n: Node): Val {
  const pos = k - s.spec.origin;
  if (pos >= 0 && pos < s.values.length) return s.values[pos](t);
  if ((pos < 0 && s.spec.zeroBefore) || (pos >= s.values.length && s.spec.zeroAfter)) return V.scalar(0);
  const first = s.spec.origin;
  const last = first + s.values.length - 1;
  if (s.spec.tuple)
    throw new Unsupported(
      `${s.name}_{${k}} is outside the tuple, whose entries the text counts from 0: ` +
        `${s.name}_{${first}} to ${s.name}_{${last}}`,
      n.start,
      n.end,
    );
  throw new Unsupported(
    `${s.name}_{${k}} is not given: the document writes ${s.name}_{${first}} to ${s.name}_{${last}}, and ` +
      'the dots beside them do not say what follows; if the sequence is zero beyond them, write the ' +
      'zeros, (\\dots, 0, 1, 2, 0, \\dots)',
    n.start,
    n.end,
  );
}

function finite(s: Sequence): boolean {
  return s.spec.zeroBefore && s.spec.zeroAfter;
}

function support(s: Sequence): number[] {
  return s.values.map((_, p) => s.spec.origin + p);
}

function notFinite(seqs: Sequence[], n: Node): Unsupported {
  const names = seqs.map((s) => s.name).join(' and ');
  return new Unsupported(
    `the convolution needs all entries of ${names}, and the document gives only those written: ` +
      'if a sequence is zero beyond them, write the zeros beside its dots, (\\dots, 0, 1, 2, 0, \\dots)',
    n.start,
    n.end,
  );
}

/** The factors of a product term: `x_k w_{i-k}`, `x(k) \cdot w(i - k)`. */
function factorsOf(n: Node): Node[] {
  if (n.kind === 'bin' && (n.op === 'juxt' || n.op === 'cdot' || n.op === 'times'))
    return [...factorsOf(n.left), ...factorsOf(n.right)];
  if (n.kind === 'group' && n.open === '(' && n.items.length === 1) return factorsOf(n.items[0]);
  return [n];
}

/** The sequence of a factor `x_k` or `x(k)` indexed by the summation letter alone, or null. */
function indexedSequence(f: Node, k: string, c: CompileEnv): SequenceDef | null {
  const isK = (x: Node | undefined) => x?.kind === 'sym' && x.name === k;
  if (f.kind === 'sym' && f.sub?.length === 1 && isK(f.sub[0]) && !c.env.lookup(f.name, c.block))
    return sequenceNamed(c, f.stem);
  if (f.kind === 'apply' && f.args.length === 1 && isK(f.args[0])) return sequenceNamed(c, f.f.name);
  return null;
}

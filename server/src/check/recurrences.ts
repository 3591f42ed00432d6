// Members of a family defined by a recurrence (model/recurrences.ts), evaluated as a careful reader
// does: from the initial values up, each member once per trial. A member the rule would compute
// from one before the first given value (or at an index that is not a whole number, T(3/2)) is
// an initial value the text must give; without it the claim is unchecked and says which to give.
import { functionNamed, functionOfSymbol } from '../functions/registry';
import type { Node, SymNode } from '../math/tree';
import type { Entry, RecurrenceSpec } from '../model/types';
import { familyKey, memberOf, offsetFrom } from '../model/recurrences';
import { inferredReal } from './inferredEntries';
import { bracketMember } from '../math/parser/nodes';
import { makeSym } from '../math/parser/nodes';
import { children } from '../model/names';
import { ShapeMismatch, Unsupported } from './errors';
import { ShapeError } from '../engine/errors';
import type { CompileEnv, Fn } from './evaluate';
import type { Trial } from './trial';
import type { Outcome } from './claim';
import * as V from './values';
import type { Val } from './values';

type Compile = (n: Node, c: CompileEnv) => Fn;
export type RecurrenceDef = Extract<Entry, { kind: 'def' }> & { recurrence: RecurrenceSpec };

/** Members beyond the first given index the checker computes, and evaluations per trial. */
export const MEMBER_LIMIT = 2000;
const EVALUATION_LIMIT = 20_000;

/** The rule reached a member before the first given value, or at an index that is not whole. */
// Members the rule's own body refers to are inner: one before the start is an initial value to use.
let depth = 0;

class BeforeStart extends Error {
  constructor(readonly index: number) {
    super('before the start');
  }
}

interface Compiled {
  def: RecurrenceDef;
  body: Fn | null;
  initial: Map<number, Fn>;
  start: number | null;
  /** The start is a written 0; `probes` value the rule's other names, whose shapes it may have. */
  zeroStart: boolean;
  probes: Fn[];
}

/** The family a name stands for in this claim, when a recurrence defines it; else null. */
export function recurrenceNamed(c: CompileEnv, stem: string): RecurrenceDef | null {
  if (c.locals.has(stem) || functionOfSymbol(stem) || functionNamed(stem)) return null;
  const entry = c.env.lookup(familyKey(stem), c.block);
  return entry?.kind === 'def' && entry.recurrence ? (entry as RecurrenceDef) : null;
}

/**
 * The family whose members `stem` writes in a claim: one with initial values. Before the text gives
 * one (`x_{k+1} = x_k/2 + 1/x_k` restated in the same display), a member is read as before, as a
 * name of its own (any number, when the claim holds for every value of it).
 */
export function computedFamily(c: CompileEnv, stem: string): RecurrenceDef | null {
  const def = recurrenceNamed(c, stem);
  return def && (def.recurrence.initial.length > 0 || declaredStart(def, c) !== null) ? def : null;
}

/**
 * `h_0 \in \mathbb{R}^n` beside `h_t = W h_{t-1} + U x_t` with no value given: the declared member
 * at the smallest whole index is the start, sampled like any declared name, and the rule computes
 * the members after it (h_3 = W^3 h_0 + …). Only where the text gives no value to start from.
 */
function declaredStart(def: RecurrenceDef, c: CompileEnv): RecurrenceSpec['initial'][number] | null {
  if (def.recurrence.initial.length > 0) return null;
  for (let k = -2; k <= 10; k++) {
    const e = c.env.lookup(`${def.recurrence.stem}_{${k}}`, c.block);
    if (e?.kind === 'decl' && !e.pattern) return { index: k, value: makeSym(e.name, 0, 0) };
  }
  const open = c.recurrenceStarts.get(def.recurrence.stem);
  return open ? { index: open.index, value: makeSym(open.name, 0, 0) } : null;
}

/** How the words introduce the start of a rule that nothing starts: they do not. */
const OPEN_START_HOW = 'as the start of a recurrence it gives no value';

// Per claim (its set of definitions being compiled) and family: the compiled rule, shared by the
// rule's references to itself.
const compiledFor = new WeakMap<Set<Entry>, Map<Entry, Compiled>>();
// Per trial (its memo scope: a derivative sets the memo aside, and the members then depend on the
// variable's dual value) and family: the members computed so far.
const membersOf = new WeakMap<object, Map<Entry, { values: Map<number, Val>; evaluations: number }>>();

/** `a_{n-1}`, `T(8)`, `x_k`: the member at a whole index. */
export function compileRecurrenceMember(
  def: RecurrenceDef,
  index: Node,
  n: Node,
  c: CompileEnv,
  compile: Compile,
): Fn {
  const rule = compiledRule(def, c, compile);
  const k = compile(index, c);
  return (t) => {
    const x = V.tensorOf(k(t), index);
    if (x.size !== 1)
      throw new Unsupported(`${def.recurrence.stem} takes one whole-number index`, index.start, index.end);
    return member(rule, x.data[0], t, n, depth === 0);
  };
}

function compiledRule(def: RecurrenceDef, c: CompileEnv, compile: Compile): Compiled {
  let byEntry = compiledFor.get(c.compiling);
  if (!byEntry) compiledFor.set(c.compiling, (byEntry = new Map()));
  const known = byEntry.get(def);
  if (known) return known;
  const declared = declaredStart(def, c);
  const spec = declared ? { ...def.recurrence, initial: [declared] } : def.recurrence;
  const starts = spec.initial.map((g) => g.index);
  const rule: Compiled = {
    def,
    body: null,
    initial: new Map(),
    start: starts.length ? Math.min(...starts) : null,
    zeroStart: false,
    probes: [],
  };
  byEntry.set(def, rule);
  // The rule's index is a bound index, as a sum's is: `g_t` in `m_t = \beta m_{t-1} + g_t` is the
  // member of g at t's value.
  const inner: CompileEnv = {
    ...c,
    locals: new Set([spec.index]),
    scopes: [{ name: spec.index, sources: [] }],
    free: c.free,
    ruleIndex: spec.index,
  };
  rule.body = compile(def.expr, inner);
  const outer = { ...c, locals: new Set<string>(), scopes: [], ruleIndex: undefined };
  for (const g of spec.initial) rule.initial.set(g.index, compile(g.value, outer));
  const first = spec.initial.find((g) => g.index === rule.start);
  rule.zeroStart = first?.value.kind === 'num' && first.value.value === 0;
  if (rule.zeroStart) rule.probes = probesOf(def, outer, compile);
  return rule;
}

/** The rule's names other than its own family and index, each compiled where it can be. */
function probesOf(def: RecurrenceDef, c: CompileEnv, compile: Compile): Fn[] {
  const names = new Map<string, SymNode>();
  const visit = (n: Node) => {
    if (n.kind === 'sym' && n.stem !== def.recurrence.stem && n.name !== def.recurrence.index)
      names.set(n.name, n);
    for (const ch of children(n)) visit(ch);
  };
  visit(def.expr);
  const probes: Fn[] = [];
  for (const n of names.values()) {
    // Only names the document gives a value or a declaration: compiling another would record it
    // as the claim's unknown name (a sum's letter `k`).
    const e = c.env.lookup(n.name, c.block);
    if (e?.kind !== 'def' && (e?.kind !== 'decl' || e.inferred)) continue;
    try {
      probes.push(compile(n, c));
    } catch {
      // Not a name with a value here (an index, a function): no shape to offer.
    }
  }
  return probes;
}

/**
 * `x_{k+1} = x_k - \eta(Qx_k - b)` with `x_0 = 0`: the written 0 starts a vector recurrence as the
 * zero of the shape the rule keeps. When the first step fails on shapes with the number 0, each
 * length a vector or a matrix's columns among the rule's names offers is tried; the first whose
 * step evaluates to a vector of that length is the start. Null when none is.
 */
function zeroOfRuleShape(
  rule: Compiled,
  k: number,
  t: Trial,
  run: () => Val,
  values: Map<number, Val>,
): Val | null {
  if (!rule.zeroStart || rule.start === null || k !== rule.start + 1) return null;
  const lengths = new Set<number>();
  for (const probe of rule.probes) {
    let v: Val;
    try {
      v = probe(t);
    } catch {
      continue;
    }
    const shape = V.isIdentity(v) ? [] : v.v.shape;
    if (shape.length === 1) lengths.add(shape[0]);
    if (shape.length === 2) lengths.add(shape[1]);
  }
  const zero = values.get(rule.start);
  for (const length of lengths) {
    values.set(rule.start, V.zerosOf(length));
    try {
      const step = run();
      if (!V.isIdentity(step) && step.v.rank === 1 && step.v.shape[0] === length) return step;
    } catch {
      // Not this length.
    }
  }
  if (zero !== undefined) values.set(rule.start, zero);
  return null;
}

function written(spec: RecurrenceSpec, stem: string, k: number | string): string {
  return spec.form === 'call' ? `${stem}(${k})` : `${stem}_{${k}}`;
}

function member(rule: Compiled, x: number, t: Trial, n: Node, outer: boolean): Val {
  const { def } = rule;
  const spec = def.recurrence;
  if (rule.start === null)
    throw new Unsupported(
      `the recurrence for ${spec.stem} has no initial value, so its members are not known: give one ` +
        `(${written(spec, spec.stem, 0)} = …)`,
      n.start,
      n.end,
    );
  const k = Math.round(x);
  const whole = Number.isFinite(x) && Math.abs(x - k) <= 1e-9 * Math.max(1, Math.abs(x));
  if (!whole || k < rule.start) {
    if (!outer) throw new BeforeStart(x);
    throw new Unsupported(
      whole
        ? `${written(spec, spec.stem, k)} comes before the first value the text gives ` +
            `(${written(spec, spec.stem, rule.start)}), so the recurrence does not define it`
        : `${spec.stem} is defined by its recurrence at whole indices only, not at ${x}`,
      n.start,
      n.end,
    );
  }
  if (k - rule.start > MEMBER_LIMIT)
    throw new Unsupported(
      `${written(spec, spec.stem, k)} lies beyond the ${MEMBER_LIMIT} members after the first given one ` +
        'that the checker computes; check a smaller index',
      n.start,
      n.end,
    );
  let perTrial = membersOf.get(t.memoScope());
  if (!perTrial) membersOf.set(t.memoScope(), (perTrial = new Map()));
  let state = perTrial.get(def);
  if (!state) perTrial.set(def, (state = { values: new Map(), evaluations: 0 }));
  const memo = state.values.get(k);
  if (memo !== undefined) return memo;
  if (++state.evaluations > EVALUATION_LIMIT)
    throw new Unsupported(
      `evaluating the recurrence for ${spec.stem} took more than ${EVALUATION_LIMIT} members in one trial`,
      n.start,
      n.end,
    );
  // Compute the members below k first, in order, so that the rule recurses one level at a time.
  if (outer) warmUp(rule, k, t, n);
  const given = rule.initial.get(k);
  let value: Val;
  if (given && k === rule.start) value = given(t);
  else {
    const run = (): Val => {
      depth++;
      try {
        return t.withLocals([spec.index], [V.scalar(k - spec.offset)], () => {
          // The rule's own index is the one name this scope binds, and every member binds its own
          // before its rule runs: the members it asks for are the trial's, not new ones. Without
          // this, F_{n+1} = F_n + F_{n-1} computed F_{30} by 2.7 million calls.
          membersOf.set(t.memoScope(), perTrial);
          return rule.body!(t);
        });
      } finally {
        depth--;
      }
    };
    try {
      value = run();
    } catch (err) {
      const shapes = err instanceof ShapeError || err instanceof ShapeMismatch;
      const zeroStarted = shapes ? zeroOfRuleShape(rule, k, t, run, state.values) : null;
      if (zeroStarted) {
        state.values.set(k, zeroStarted);
        return zeroStarted;
      }
      // A shape that does not fit (a row vector `\pi_t P` read as a column) is the reading's doubt.
      if (shapes)
        throw new Unsupported(
          `${written(spec, spec.stem, k)}: the recurrence's rule does not evaluate (${err.message})`,
          n.start,
          n.end,
        );
      if (!(err instanceof BeforeStart)) throw err;
      if (!given) {
        const at = Number.isInteger(err.index) ? written(spec, spec.stem, err.index) : null;
        throw new Unsupported(
          `${written(spec, spec.stem, k)} needs ` +
            (at
              ? `${at}, before the first value the text gives (${written(spec, spec.stem, rule.start)})`
              : `${spec.stem} at ${err.index}, which is not a whole index`) +
            `: give the initial values the recurrence starts from`,
          n.start,
          n.end,
        );
      }
      value = given(t);
    }
  }
  state.values.set(k, value);
  return value;
}

function warmUp(rule: Compiled, k: number, t: Trial, n: Node): void {
  const start = rule.start!;
  const spec = rule.def.recurrence;
  const below: number[] = [];
  if (spec.divisor !== null && !spec.rounded) for (let j = start; j < k; j *= spec.divisor) below.push(j);
  else for (let j = start; j < k; j++) below.push(j);
  if (below.length < 32) return;
  for (const j of below) {
    try {
      member(rule, j, t, n, false);
    } catch (err) {
      if (!(err instanceof BeforeStart) && !(err instanceof Unsupported)) throw err;
    }
  }
}

/**
 * The whole numbers a letter written as the index of members takes in a claim (`a_n = 2^n - 1`,
 * `T(n) = n \log_2 n + n`): every index from the first the rule defines, or its powers of the
 * divisor times the first for `T(n/2)`, so that every member written exists. Null when the letter
 * is not such an index or the family has no initial value.
 */
export function indexValues(
  letter: string,
  members: { def: RecurrenceDef; index: Node }[],
  atLeast: number,
  cenv: CompileEnv,
): number[] | null {
  let lowest = Number.NEGATIVE_INFINITY;
  let divisor: number | null = null;
  for (const { def, index } of members) {
    const spec = def.recurrence;
    const start =
      spec.initial.length > 0
        ? Math.min(...spec.initial.map((g) => g.index))
        : (declaredStart(def, cenv)?.index ?? null);
    if (start === null) return null;
    const c = offsetFrom(index, letter);
    if (c === null) continue;
    lowest = Math.max(lowest, start - c);
    if (spec.divisor !== null && !spec.rounded) {
      if (c !== 0 || (divisor !== null && divisor !== spec.divisor)) return null;
      divisor = spec.divisor;
    }
  }
  if (!Number.isFinite(lowest)) return null;
  lowest = Math.max(lowest, atLeast);
  if (divisor !== null && lowest < 1) return null;
  const out: number[] = [];
  for (let j = 0; j <= 10; j++) out.push(divisor !== null ? lowest * divisor ** j : lowest + j);
  return out;
}

/**
 * Registers in `c.recurrenceIndices` the unknown letters of `sides` written as the index of members
 * (`a_n`, `T(n)`, `F_{n+1}`), dealt over the indices every written member exists at.
 */
export function inferRecurrenceIndices(sides: Node[], c: CompileEnv): void {
  const found = new Map<string, { def: RecurrenceDef; index: Node }[]>();
  // `d_k = q^k d_0` after "the errors obey $d_{k+1} = q d_k$": the lowest member written at a whole
  // index, by family, starts a rule nothing else starts.
  const lowestWritten = new Map<string, { def: RecurrenceDef; index: number; name: string }>();
  // `\sum_{k=1}^{n} F_k = F_{n+2} - 1`: a letter bounding a sum counts its terms from the lower bound.
  const atLeast = new Map<string, number>();
  const visit = (x: Node) => {
    const range = x.kind === 'bigop' ? x.index : null;
    if (range?.to?.kind === 'sym' && range.from?.kind === 'num') {
      const bound = Math.max(atLeast.get(range.to.name) ?? Number.NEGATIVE_INFINITY, range.from.value);
      atLeast.set(range.to.name, bound);
    }
    // `dp[n]`, a member written in brackets, is the member `dp_n`.
    const y = x.kind === 'subscript' && x.bracket ? (bracketMember(x) ?? x) : x;
    const written = memberOf(y);
    const def = written ? recurrenceNamed(c, written.stem) : null;
    if (written && def && y.kind === 'sym' && written.index.kind === 'num') {
      const k = written.index.value;
      const known = lowestWritten.get(written.stem);
      if (Number.isInteger(k) && (!known || k < known.index))
        lowestWritten.set(written.stem, { def, index: k, name: y.name });
    }
    if (written && def && (y.kind === 'apply' || y.kind === 'sym')) {
      for (const letter of freeLetters(written.index)) {
        if (c.locals.has(letter) || c.env.lookup(letter, c.block) || c.env.isDimension(letter)) continue;
        const list = found.get(letter) ?? [];
        list.push({ def, index: written.index });
        found.set(letter, list);
      }
    }
    if (x.kind === 'bigop') return;
    for (const ch of children(x)) visit(ch);
  };
  for (const side of sides) visit(side);
  for (const [stem, { def, index, name }] of lowestWritten) {
    if (def.recurrence.initial.length > 0 || declaredStart(def, c) !== null) continue;
    if (c.env.lookup(name, c.block)) continue;
    c.recurrenceStarts.set(stem, { index, name });
    c.variables.set(name, inferredReal(name, OPEN_START_HOW));
  }
  for (const [letter, members] of found) {
    const values = indexValues(letter, members, atLeast.get(letter) ?? Number.NEGATIVE_INFINITY, c);
    if (!values) continue;
    const nodes: Node[] = values.map((v) => ({ kind: 'num', value: v, text: String(v), start: 0, end: 0 }));
    c.recurrenceIndices.set(letter, {
      kind: 'decl',
      name: letter,
      pattern: false,
      spec: { set: 'finite', shape: [], values: nodes },
      at: 0,
    });
  }
}

function freeLetters(x: Node): string[] {
  if (x.kind === 'sym') return x.sub === null && /^[a-zA-Z]$/.test(x.name) ? [x.name] : [];
  return children(x).flatMap(freeLetters);
}

/** The verdict on a claim whose letters index members: says which indices they took. */
export function forRecurrenceIndices(outcome: Outcome, indices: Map<string, Entry>): Outcome {
  if (indices.size === 0 || outcome.verdict !== 'verified') return outcome;
  const read = [...indices.values()].map((e) => {
    const values = e.kind === 'decl' ? (e.spec.values ?? []) : [];
    const first = values.slice(0, 3).map((v) => (v.kind === 'num' ? v.text : '?'));
    const last = values[values.length - 1];
    const end = last?.kind === 'num' ? last.text : '';
    return `${e.name} read as every index of the recurrence: ${first.join(', ')}, …, ${end}`;
  });
  return { ...outcome, message: `${outcome.message} (${read.join('; ')})` };
}

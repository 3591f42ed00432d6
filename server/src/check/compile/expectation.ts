// Expectations and probabilities: E over the random variables a subscript names, and P(…) of an
// event read from the laws of the variables.
import type { Node, SymNode } from '../../math/tree';
import { type CompileEnv, type Fn, lookupWithScope } from './context';
import { allOf, divergence, isEvent, readProbabilityApply } from '../probability';
import { plainLogBase } from '../logBase';
import { compile } from './core';
import { readLaw } from '../../model/sets';
import { Unsupported } from '../errors';
import { printNode } from '../../math/print';
import { compilers, registerCompilers } from './table';
import type { Entry } from '../../model/types';
import type { Trial } from '../trial';
import type { DistFns } from './names';
import * as V from '../values';
import { children as childNodes } from '../../model/names';
import { anyLawNames } from '../anyLaw';
import { compileCategoricalDivergence, mayBeProbabilityVector } from './categoricalDivergence';
import { withGenericMembers } from './genericMembers';

function compileExpectation(written: Extract<Node, { kind: 'expect' }>, c: CompileEnv): Fn {
  const n = withGenericMembers(written, c);
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
  if (vars.length === 0) {
    const anyLaw = anyLawReading(n, parts.length, c);
    if (anyLaw) return anyLaw;
    throw new Unsupported(
      `no random variable in this ${n.op === 'P' ? 'probability' : 'expectation'}: ` +
        'declare one with x \\sim \\mathrm{Bernoulli}(p)',
      n.start,
      n.end,
    );
  }
  const mixed = anyLawIn(n, c);
  if (mixed)
    throw new Unsupported(
      `this expectation mixes declared random variables with ${mixed}, whose law (and dependence on ` +
        `them) the document does not give: declare it (${mixed} \\sim …)`,
      n.start,
      n.end,
    );
  // Members of a random family the text declares by its stem (`m_i \sim …`, "X_1, …, X_n i.i.d."):
  // which of them the body reaches is known only at each trial (familyExpectation).
  const isMember = (name: string) =>
    name !== stemOf(name) &&
    !lookupWithScope(c, name) &&
    !c.env.lookupPattern(name) &&
    c.env.lookupPattern(stemOf(name))?.kind === 'random';
  const members = named.length === 0 && vars.some((v) => isMember(v.name));
  const resolved = vars
    .filter((v) => !members || !isMember(v.name))
    .map((v) => {
      const entry = lookupWithScope(c, v.name)?.entry ?? null;
      // `m_i \sim \mathrm{Bernoulli}(q)` declares every `m_i` (no vector m): the pattern is on the stem.
      const pattern = c.env.lookupPattern(v.name) ?? (entry ? null : c.env.lookupPattern(stemOf(v.name)));
      const dist =
        v.dist ?? (entry?.kind === 'random' ? entry.dist : pattern?.kind === 'random' ? pattern.dist : null);
      if (!dist)
        throw new Unsupported(
          `${v.name} is not a random variable: declare it with ${v.name} \\sim …`,
          n.start,
          n.end,
        );
      const spec = entry?.kind === 'decl' ? entry.spec : { set: 'real' as const, shape: [] };
      return { name: v.name, dist, spec, fns: compilers.distributionFns(dist, c, n) };
    });
  if (members) return (t) => t.familyExpectation(n.op, resolved, parts, given, n);
  return (t) => t.expectation(n.op, resolved, parts, given, n);
}

/**
 * An expectation over capital letters nothing declares, as random variables of any law
 * (anyLaw.ts); null when the body has none or is not scalar arithmetic of them. The parts are
 * compiled again once the names are known as such.
 */
function anyLawReading(n: Extract<Node, { kind: 'expect' }>, count: number, c: CompileEnv): Fn | null {
  const body: Node = n.given
    ? { kind: 'list', items: [n.body, n.given], start: n.start, end: n.end }
    : n.body;
  const names = anyLawNames(
    body,
    (x) =>
      c.anyLaw.has(x.name) ||
      (!c.locals.has(x.name) &&
        !lookupWithScope(c, x.name) &&
        !c.env.lookupPattern(x.stem) &&
        !c.env.lookupGeneric(x.name, c.block) &&
        !c.env.isDimension(x.name)),
  );
  if (names.length === 0) return null;
  for (const name of names) {
    c.anyLaw.add(name);
    // Reported unknown only inside this expectation: outside it the letter stays unknown.
    const seen = c.unknown.get(name);
    if (seen && seen.start >= n.start && seen.end <= n.end) c.unknown.delete(name);
  }
  const partNodes = n.op === 'Cov' && n.body.kind === 'list' ? n.body.items : [n.body];
  const parts = (n.op === 'P' && n.body.kind === 'list' ? [allOf(n.body.items)] : partNodes)
    .slice(0, count)
    .map((x) => compile(x, c));
  const given = n.given ? compile(n.given.kind === 'list' ? allOf(n.given.items) : n.given, c) : null;
  const all = c.anyLaw;
  return (t) => t.anyLawExpectation(n.op, all, parts, given, n);
}

/** A random variable of any law named in an expectation over declared ones, or null. */
function anyLawIn(n: Extract<Node, { kind: 'expect' }>, c: CompileEnv): string | null {
  let found: string | null = null;
  const visit = (x: Node) => {
    if (x.kind === 'sym' && c.anyLaw.has(x.name)) found ??= x.name;
    for (const ch of childNodes(x)) visit(ch);
  };
  visit(n);
  return found;
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
  // Two probability vectors the text wrote out, neither a law: categorical laws on the same outcomes.
  if ([reading.p, reading.q].every((x) => lawOf(x, c) === null && mayBeProbabilityVector(x, c)))
    return compileCategoricalDivergence(reading.p, reading.q, n, c);
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
    return { kind: dist.kind, fns: compilers.distributionFns(dist, c, x) };
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
    // In nats, or in the unit of the base the document gives its logarithms (../logBase.ts).
    const base = plainLogBase(t);
    return V.scalar(base === null ? d : d / Math.log(base));
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
  const law = readLaw(call.fn, call.args);
  if (law) return law;
  return null;
}

function randomNamesIn(
  n: Node,
  c: CompileEnv,
  out: Set<string> = new Set(),
  seen: Set<Entry> = new Set(),
): string[] {
  const visit = (x: Node) => {
    if (x.kind === 'sym' && !c.locals.has(x.name) && isFamilyMember(x, c)) out.add(x.name);
    else if (x.kind === 'sym' && !c.locals.has(x.name)) {
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

declare module './table' {
  interface Compilers {
    compileExpectation: typeof compileExpectation;
    probabilityReading: typeof probabilityReading;
  }
}

registerCompilers({ compileExpectation, probabilityReading });

/**
 * `X_i` of a random family beside a random variable X ("i.i.d. copies of $X$", a binomial X with
 * Bernoulli X_i): a member of the family, not an entry of the number X.
 */
function isFamilyMember(x: SymNode, c: CompileEnv): boolean {
  if (x.subText === null || lookupWithScope(c, x.name)) return false;
  const stem = lookupWithScope(c, x.stem)?.entry;
  return stem?.kind === 'random' && !stem.pattern && c.env.lookupPattern(x.stem)?.kind === 'random';
}

/** `m_{i}` → `m`: the letter a subscripted name's pattern entries are kept under. */
function stemOf(name: string): string {
  const at = name.indexOf('_{');
  return at > 0 ? name.slice(0, at) : name;
}

// A function given by its values at listed points (model/pointValues.ts): `p(0) = 0.2`, `V(A) = 0`,
// `Q(3, R) = 2.5`. It is that finite table, evaluated at its points and nowhere else: a point the
// text did not list is unknown (unless the text set the function to 0 everywhere else), and a sum or
// a max over an index the text gave no range (`\sum_x p(x)`, `\max_a Q(C, a)`) runs over the points
// listed for the argument it fills.
import type { Node, SymNode } from '../../math/tree';
import type { Entry } from '../../model/types';
import {
  keyOfAtoms,
  numberAtom,
  printPoint,
  setAtom,
  tableKey,
  writtenNumber,
} from '../../model/pointValues';
import { makeSym } from '../../math/parser/nodes';
import { walk } from '../../model/names';
import { mapChildren } from '../../math/walk';
import { type CompileEnv, type Fn, lookupWithScope } from './context';
import { Resample, Unsupported } from '../errors';
import { compile } from './core';
import * as V from '../values';
import type { Outcome } from '../claim';
import { displayName, readAsAnyValue } from '../claim/generic';

type Table = NonNullable<Extract<Entry, { kind: 'def' }>['table']>;

/** The table of values the text gave f, when it gave f no rule. */
export function tableOf(c: CompileEnv, f: string): Table | null {
  if (c.locals.has(f)) return null;
  const own = lookupWithScope(c, f);
  if (own && !(own.entry.kind === 'fn')) return null;
  const index = lookupWithScope(c, tableKey(f));
  return index?.entry.kind === 'def' && index.entry.table ? index.entry.table : null;
}

/** A letter that names a point: one the claim does not bind and the document gives no meaning. */
function isLabel(s: SymNode, c: CompileEnv): boolean {
  return s.primes === 0 && !c.locals.has(s.name) && !lookupWithScope(c, s.name) && !c.env.isDimension(s.name);
}

/** The atom an argument is written as (a number or a label), or null when it must be computed. */
function writtenAtom(a: Node, c: CompileEnv): string | null {
  const v = writtenNumber(a);
  if (v !== null) return numberAtom(v);
  if (a.kind === 'sym') return isLabel(a, c) ? a.name : null;
  // `\#(A \cap B)`: a set of labels written with set operations (model/pointValues.ts setAtom).
  return setAtom(a, (s) => isLabel(s, c));
}

function listed(f: string, table: Table): string {
  const shown = table.points.slice(0, 6).map((p) => printPoint(f, p));
  return shown.join(', ') + (table.points.length > 6 ? ', …' : '');
}

function outside(f: string, atoms: readonly string[], table: Table, n: Node): Unsupported {
  return new Unsupported(
    `${f} is given only by its values at the points listed for it (${listed(f, table)}), and ` +
      `${printPoint(f, atoms)} is not among them: give its value there, or say that ${f} is 0 ` +
      'everywhere else',
    n.start,
    n.end,
  );
}

/** f(args) for a function given by a table: the value listed at the point, found when it is known. */
export function compileTableValue(
  f: SymNode,
  args: readonly Node[],
  table: Table,
  n: Node,
  c: CompileEnv,
): Fn {
  const written = args.map((a) => writtenAtom(a, c));
  const valueAt = (atoms: readonly string[]): Fn | null => {
    const found = lookupWithScope(c, keyOfAtoms(f.name, atoms));
    return found?.entry.kind === 'def' ? compile(found.entry.expr, c) : null;
  };
  const fits = (p: readonly string[]) => p.length === args.length;
  if (written.every((a) => a !== null)) {
    const atoms = written as string[];
    const at = valueAt(atoms);
    if (at) return at;
    if (table.zeroOutside && isNumeric(atoms)) return () => V.scalar(0);
    throw outside(f.name, atoms, table, n);
  }
  // An argument computed at each trial (a sum's index): the point is found among those listed.
  const computed = args.map((a, k) => (written[k] === null ? compile(a, c) : null));
  const values = new Map<string, Fn>();
  for (const p of table.points) {
    if (!fits(p) || p.some((a, k) => written[k] !== null && written[k] !== a)) continue;
    const at = valueAt(p);
    if (at) values.set(p.join('\u0000'), at);
  }
  return (t) => {
    const atoms = args.map((a, k) => {
      const fn = computed[k];
      if (!fn) return written[k] as string;
      const x = V.tensorOf(fn(t), a);
      if (x.size !== 1)
        throw new Unsupported(
          `${f.name} is given at numbers, not at a ${V.describeShape(x.shape)}`,
          a.start,
          a.end,
        );
      return numberAtom(x.data[0]);
    });
    const at = values.get(atoms.join('\u0000'));
    if (at) return at(t);
    if (table.zeroOutside && isNumeric(atoms)) return V.scalar(0);
    throw outside(f.name, atoms, table, n);
  };
}

function makeNum(a: string): Node {
  return { kind: 'num', value: Number(a), text: a, start: 0, end: 0 } as Node;
}

function isNumeric(atoms: readonly string[]): boolean {
  return atoms.every((a) => a !== '' && Number.isFinite(Number(a)));
}

/**
 * The points an index with no range runs over in a body that applies tabled functions at it
 * (`\sum_x p(x) \log p(x)`, `\max_a Q(C, a)`): the atoms listed in that argument's place, among the
 * points that agree with the arguments written as atoms. Null when no tabled function takes it.
 */
export function tableSupport(body: Node, index: string, c: CompileEnv): Node[] | null {
  const atoms: string[] = [];
  const open: string[] = [];
  let found = false;
  walk(body, (x) => {
    if (x.kind !== 'apply') return;
    const k = x.args.findIndex((a) => a.kind === 'sym' && a.name === index);
    if (k < 0) return;
    // A function with a rule the checker cannot evaluate keeps its listed points too (listedValue).
    const listing = c.locals.has(x.f.name) ? null : lookupWithScope(c, tableKey(x.f.name));
    const table = listing?.entry.kind === 'def' ? listing.entry.table : undefined;
    if (!table) return;
    found = true;
    if (!table.zeroOutside && !open.includes(x.f.name)) open.push(x.f.name);
    // Another argument fixes the points only where it is a number or a label the table lists there:
    // the index of an inner sum (`y` in `\sum_x \sum_y p(x, y)`) is not yet bound, and takes any.
    const written = x.args.map((a, j) => {
      const w = a.kind === 'sym' && a.name === index ? null : writtenAtom(a, c);
      return w !== null && (isNumeric([w]) || table.points.some((p) => p[j] === w)) ? w : null;
    });
    for (const p of table.points) {
      if (p.length !== x.args.length) continue;
      if (p.some((a, j) => written[j] !== null && written[j] !== a)) continue;
      if (!atoms.includes(p[k])) atoms.push(p[k]);
    }
  });
  if (!found || atoms.length === 0) return null;
  // Tables the text closed ("and 0 everywhere else") list every point; others may list only some.
  if (open.length > 0) c.tableSupports.set(index, open.join(', '));
  return atoms.map((a) => (isNumeric([a]) ? makeNum(a) : makeSym(a, 0, 0)));
}

/** The body with the index letter replaced by a point's atom, wherever it is written. */
export function substituteIndex(body: Node, index: string, atom: Node): Node {
  const rewrite = (n: Node): Node =>
    n.kind === 'sym' && n.name === index
      ? ({ ...atom, start: n.start, end: n.end } as Node)
      : mapChildren(n, rewrite);
  return rewrite(body);
}

/**
 * The verdict on a claim whose sum or max ran over the points tables list, with no range written:
 * the tables may not list every point, so a failure is not a refutation.
 */
export function forTableSupports(outcome: Outcome, supports: Map<string, string>): Outcome {
  if (supports.size === 0) return outcome;
  const indices = [...supports.keys()].map(displayName).join(', ');
  const tables = [...new Set(supports.values())].join(', ');
  const what = `${indices} run over the points listed for ${tables}, as no range is written`;
  return readAsAnyValue(
    outcome,
    `(${what})`,
    () =>
      `unchecked: it fails when ${what}; the text may not list every point: write the range ` +
      `(\\sum_{x \\in \\{…\\}}) or say the function is 0 everywhere else to have it checked`,
  );
}

/**
 * f(args) at a point listed for a function that also has a rule the text gave (`V^\pi(s) = \sum_a
 * \pi(a \mid s) …` with `V^\pi(s_1) = 2`): the value listed there, or null. A point listed before
 * the rule (the initial value `y(0) = 1` of a question, then the general solution `y(t) = c_1 e^t +
 * c_2 e^{2t}`, whose `y(0) = c_1 + c_2` is a step) is the rule's to meet, not its value there.
 */
export function listedValue(f: SymNode, args: readonly Node[], c: CompileEnv, ruleAt = -Infinity): Fn | null {
  const index = lookupWithScope(c, tableKey(f.name));
  if (index?.entry.kind !== 'def' || !index.entry.table) return null;
  const atoms = args.map((a) => writtenAtom(a, c));
  if (atoms.some((a) => a === null)) return null;
  const found = lookupWithScope(c, keyOfAtoms(f.name, atoms as string[]));
  return found?.entry.kind === 'def' && found.entry.at > ruleAt ? compile(found.entry.expr, c) : null;
}

/** Whether a term applies a tabled function at a point whose listed value is the number 0. */
function listsZero(term: Node, c: CompileEnv): boolean {
  let found = false;
  walk(term, (x) => {
    if (found || x.kind !== 'apply') return;
    const atoms = x.args.map((a) => writtenAtom(a, c));
    if (atoms.some((a) => a === null)) return;
    const value = lookupWithScope(c, keyOfAtoms(x.f.name, atoms as string[]));
    if (value?.entry.kind === 'def' && writtenNumber(value.entry.expr) === 0) found = true;
  });
  return found;
}

/**
 * The terms of a sum or max over a table's points, each compiled at its point. A term undefined
 * where the table lists 0 (`p(1, 1) \log p(1, 1)` with p(1, 1) = 0) is 0, by the convention
 * 0 log 0 = 0 that every sum over a pmf's points keeps (terms outside the support contribute nothing).
 */
export function termsAtPoints(body: Node, index: string, support: Node[], c: CompileEnv): Fn[] {
  return support.map((atom) => {
    const term = substituteIndex(body, index, atom);
    const g = compile(term, c);
    if (!listsZero(term, c)) return g;
    return (t) => {
      try {
        const v = g(t);
        const x = V.tensorOf(v, term);
        return x.size === 1 && Number.isNaN(x.data[0]) ? V.scalar(0) : v;
      } catch (e) {
        if (e instanceof Resample) return V.scalar(0);
        throw e;
      }
    };
  });
}

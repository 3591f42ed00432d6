// What compiling one claim carries: the compiled function type, the names bound and the index
// scopes, the step limit, and the definitions already built, shared by every use.
import type { Trial } from '../trial';
import type { Val } from '../values';
import type { Entry, Env } from '../../model/types';
import type { SymNode } from '../../math/tree';

export type Fn = (t: Trial) => Val;

/** Where a free index takes its range from: the axis of a tensor it subscripts. */
export interface IndexSource {
  fn: Fn;
  axis: number;
}

export interface IndexScope {
  name: string;
  sources: IndexSource[];
}

export interface CompileEnv {
  env: Env;
  block: number;
  /** Names bound by the enclosing constructs (function parameters, sum indices). */
  locals: Set<string>;
  /** The index letter of the recurrence rule being compiled: `x_t` in its body is the member at t's value. */
  ruleIndex?: string;
  /** Index scopes, innermost last; a new unknown index letter opens a free index at [0]. */
  scopes: IndexScope[];
  free: IndexScope[];
  /** Definitions being compiled (for circularity). */
  compiling: Set<Entry>;
  unknown: Map<string, SymNode>;
  /** Letters read as generic objects because their value from running text has ended. */
  generic: Set<string>;
  /** Letters the text introduced only by a fact about them ("since"), with its word (claim/particular.ts). */
  particular: Map<string, string>;
  /**
   * Indices with no range that a sum or max ran over the points a table lists (./tableValues.ts),
   * each with the tables it read: the reader's inference, verified or unchecked, never refuted.
   */
  tableSupports: Map<string, string>;
  /** Objects the reader inferred (model/types.ts, `inferred`), by name. */
  inferred: Map<string, { how: string; kind: string; declare: string }>;
  /** Capital letters read as random variables of any law (anyLaw.ts): their law is joint. */
  anyLaw: Set<string>;
  /** Laws given only by their mean and variance that the claim reaches (laws.ts MOMENT_FAMILIES), as written. */
  momentLaws: Set<string>;
  /** Unknown letters that bound a sum, read as any positive integer (sumBounds.ts). */
  bounds: Map<string, Entry>;
  /** Unknown letters written as the index of a recurrence's members, read as its indices (check/recurrences.ts). */
  recurrenceIndices: Map<string, Entry>;
  /** Unknown letters written as a function's argument, read as any real (functionArguments.ts). */
  arguments: Map<string, Entry>;
  /** Functions the claim applies somewhere: a bare use of one is not read at its parameters. */
  applied: Set<string>;
  /** Functions written bare whose rule's section lasts (Claim.liveFunctions). */
  liveFunctions: ReadonlySet<string>;
  /**
   * Families whose rule nothing starts (no value, no declared member), by stem: the member the claim
   * writes at the lowest whole index, read as any real number (check/recurrences.ts).
   */
  recurrenceStarts: Map<string, { index: number; name: string }>;
  /**
   * Constants' letters the document applies as functions (`e(0)`) or defines members of (`\pi_k =
   * N_k / N`), read bare as the constant for this claim, with where the document so uses them and
   * how (claim/appliedConstants.ts).
   */
  constantsRead: Map<string, { where: string; as: 'function' | 'family' }>;
  /**
   * Functions written bare where the text gave each parameter a number, read as their value there
   * (`\mathrm{CE}` as `\mathrm{CE}(p_t)`), with that application as written (claim/bareFunctions.ts).
   */
  bareFunctions: Map<string, string>;
  /**
   * Functions of one parameter the claim writes primed and bare (`y'' - 3y' + 2y = 0` after
   * `u(t) = …` or `y = e^{2t}`): each is read at its parameter, bare too (compile/names.ts barePrimed).
   */
  barePrimes: Set<string>;
  /** Where a primed name is written right before a bracket (`y'(0)`): a call, never a bare prime. */
  primedBeforeBracket: Set<number>;
  /** Unknown letters a derivative of the claim is taken in, read as any real (derivativeVariables.ts). */
  variables: Map<string, Entry>;
  /**
   * Names the claim differentiates bare in a variable they have no formula in (`\frac{dx}{dt}`), by
   * that variable, each with its value: read as changing with it at a rate the trial draws
   * (Trial.implicitRates), so the claim holds for any such change or is left unchecked.
   */
  implicitRates: Map<string, Map<string, Fn>>;
  /** Declared letters a total derivative reaches that no formula puts in its variable (derivatives.ts reachedRates). */
  reachedRates: Map<string, Map<string, Fn>>;
  /**
   * What one claim's compilation has already built from a definition (its closure, its scopes),
   * shared by every use: a chain of definitions that each use the previous one twice compiles in
   * linear time, as its values are already evaluated once (Trial.memo).
   */
  shared: WeakMap<IndexScope[], Map<Entry, Map<string, unknown>>>;
  /** Nodes compiled for this claim, bounded by COMPILE_STEP_LIMIT. */
  work: { steps: number };
}

/**
 * Nodes one claim may compile, its definitions included. Sharing keeps real derivations far below
 * it; what reaches it (functions that call the previous function twice, 25 deep) would never
 * finish evaluating either.
 */
export const COMPILE_STEP_LIMIT = 200_000;

export function newCompileEnv(env: Env, block: number): CompileEnv {
  return {
    env,
    block,
    locals: new Set(),
    scopes: [],
    free: [],
    compiling: new Set(),
    unknown: new Map(),
    generic: new Set(),
    particular: new Map(),
    inferred: new Map(),
    tableSupports: new Map(),
    anyLaw: new Set(),
    momentLaws: new Set(),
    bounds: new Map(),
    recurrenceIndices: new Map(),
    arguments: new Map(),
    applied: new Set(),
    liveFunctions: new Set(),
    recurrenceStarts: new Map(),
    constantsRead: new Map(),
    bareFunctions: new Map(),
    barePrimes: new Set(),
    primedBeforeBracket: new Set(),
    variables: new Map(),
    implicitRates: new Map(),
    reachedRates: new Map(),
    shared: new WeakMap(),
    work: { steps: 0 },
  };
}

/**
 * `build()` once per claim for this definition, purpose and set of the claim's free indices (a
 * definition may use them), unless building it opened a free index (then it depends on the place
 * of use and is built again there).
 */
export function sharedBuild<T>(c: CompileEnv, entry: Entry, purpose: string, build: () => T): T {
  let byEntry = c.shared.get(c.free);
  if (!byEntry) c.shared.set(c.free, (byEntry = new Map()));
  let byPurpose = byEntry.get(entry);
  if (byPurpose?.has(purpose)) return byPurpose.get(purpose) as T;
  const freeBefore = c.free.length;
  const built = build();
  if (c.free.length === freeBefore) {
    if (!byPurpose) byEntry.set(entry, (byPurpose = new Map()));
    byPurpose.set(purpose, built);
  }
  return built;
}

export function lookupWithScope(c: CompileEnv, name: string): { entry: Entry } | null {
  const entry = c.env.lookup(name, c.block);
  return entry ? { entry } : null;
}

export function findScope(c: CompileEnv, name: string): IndexScope | null {
  for (let k = c.scopes.length - 1; k >= 0; k--) if (c.scopes[k].name === name) return c.scopes[k];
  return c.free.find((s) => s.name === name) ?? null;
}

export function openFreeIndex(c: CompileEnv, name: string): IndexScope {
  const s: IndexScope = { name, sources: [] };
  c.free.push(s);
  c.locals.add(name);
  return s;
}

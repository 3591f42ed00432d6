// The document model: what each relation means (declaration, definition, case, claim) and the
// environment of names visible at each point of the document.
import type { CmpOp, Node, SymNode } from '../math/tree';
import type { StandIn } from './standIns';

/** How a declared symbol is sampled. */
export type SetKind = 'real' | 'positive' | 'integer' | 'natural' | 'bits' | 'interval' | 'spd' | 'finite';

export interface DeclSpec {
  set: SetKind;
  /** Dimension expressions (empty for scalars). */
  shape: Node[];
  lo?: number;
  hi?: number;
  /** For `finite`: the allowed values. */
  values?: Node[];
  /** A square matrix the text says is symmetric (`A = A^\top` in its declaring sentence). */
  symmetric?: boolean;
  /** A square matrix whose diagonal the text says is zero (`W_{ii} = 0` in its declaring sentence). */
  zeroDiagonal?: boolean;
  /** A vector the words call one-hot (a label): one entry 1, the rest 0; a matrix, each row so. */
  oneHot?: boolean;
  /**
   * A matrix the words say is orthogonal or has orthonormal columns ("$Q$ is an orthogonal
   * matrix"): sampled as the Q of a Gaussian matrix's QR factorisation, so QᵀQ = I.
   */
  orthogonal?: boolean;
  /**
   * A kind whose objects samples meet by construction ("a unit vector", `\sum_i p_i = 1`, "a
   * stochastic matrix", "$D$ is diagonal"): a Gaussian vector normalised, positive entries divided
   * by their sum (each row's, for a matrix), or a matrix with its entries off the diagonal zero.
   */
  made?: 'unit' | 'probability' | 'stochastic' | 'diagonal';
  /**
   * A matrix the words say has full column rank ("an $n \times p$ design matrix of full column
   * rank"): never wider than tall, so a sample with more columns than rows is drawn again.
   */
  fullColumnRank?: boolean;
  /**
   * A kind of matrix the words name that no sample is drawn as ("skew-symmetric", "upper
   * triangular", "idempotent"): the words, for messages. Sampled as a general matrix, which is not
   * what the author wrote, so a claim on it is never refuted (check/claim.ts).
   */
  unsampled?: string;
}

/**
 * Laws sampled beyond the three first ones (check/laws.ts). `Moments` is a law the text gives only
 * by its mean `a` and variance `b` ("i.i.d. with mean μ and variance σ²", model/momentWords.ts).
 */
export type LawName = 'Poisson' | 'Exponential' | 'Beta' | 'Binomial' | 'Geometric' | 'Moments';

export type Distribution =
  | { kind: 'Bernoulli'; p: Node }
  | { kind: 'Normal'; mean: Node; variance: Node }
  | { kind: 'Uniform'; a: Node; b: Node }
  /**
   * Poisson(λ), Exponential(λ) (the rate), Binomial(n, p): `a` is λ or n, `b` is p. Geometric(p):
   * `a` is p and `b` the least count, 1 when it counts trials and 0 when it counts failures.
   */
  | { kind: 'Law'; law: LawName; a: Node; b: Node | null }
  /**
   * A law the text gives that is not sampled (`\mathrm{Beta}(2, 2)`, `q`), or one that words have
   * replaced (`law` null: "suppose that $x$ is uniform" after `x \sim \mathrm{Bernoulli}(p)`).
   */
  | { kind: 'Unsampled'; name: string; law: string | null; previous?: string; why?: string }
  /**
   * One of two variables whose joint pmf the text gives cell by cell (model/jointCells.ts): each cell's
   * values and probability, `coordinate` this variable's place in them; both variables share `cells`,
   * so an expectation over the two sums over the cells, not over every pair of their values.
   */
  | {
      kind: 'Joint';
      names: [string, string];
      coordinate: 0 | 1;
      cells: { values: [number, number]; weight: number }[];
      /** Where the cells are written: a relation there is one of them, the law's setting. */
      start: number;
      end: number;
    };

/**
 * Every entry remembers the source of the relation that made it (for caching checks). An entry
 * made in running text carries the scope it lasts for (its sentence, passage or section); an
 * `end` layer closes that scope for one name, and a `fresh` layer ("for any $x$") hides what
 * running text gave a name while keeping its declaration and annotations.
 */
export type Entry = EntryBody & {
  text?: string;
  scope?: number;
  /** Given in running text as an example ("for example, with $D = 3$"), not as the setting. */
  example?: true;
  /** Given in running text as a reading ("we measured $\theta_2 = 25.0^\circ$"): known to its digits. */
  measured?: true;
  /** The decimal its defining chain ends in (`n = \frac{m}{M} = 0.2268`): its value as stated, rounded. */
  stated?: Node;
};

/** A layer of the environment: an entry, or a marker that changes what older layers mean. */
export type Layer =
  | Entry
  | { kind: 'end'; name: string; closes: number; at: number }
  | {
      kind: 'fresh';
      name: string;
      at: number;
      /**
       * Made for one claim whose sentence says it holds generally ("In general, …", "… for all
       * $x$"): the name is any object of its kind, and a failure is a refutation (build.ts claim).
       */
      universal?: true;
      /**
       * Running text named a letter of a built-in object alone, not calling it that object ("a
       * square input has side $I$"): the author's quantity may be meant where the built-in one does
       * not fit (check/identityLetter.ts).
       */
      ownLetter?: true;
    };

/**
 * Where a written-out sequence's entries sit: `origin` is the index of the first value listed; on
 * each side the entries beyond are zero (`(\dots, 0, 1, 2, 0, \dots)`, or a side without dots) or
 * not given (`(\dots, 1, 2, \dots)`).
 */
export interface SequenceSpec {
  origin: number;
  zeroBefore: boolean;
  zeroAfter: boolean;
  /** A tuple the text counts from 0 ("indexed from $0$"): no dots, nothing before or after it. */
  tuple?: true;
}

/** A family defined by its earlier members (model/recurrences.ts): `a_{n+1} = 2a_n`, `T(n) = 2T(n/2) + n`. */
export interface RecurrenceSpec {
  /** The family's name as written (`a`, `T`); the entry is kept under familyKey(stem). */
  stem: string;
  /** The letter of the rule (`n` in `a_{n+1} = 2a_n + 1`). */
  index: string;
  /** The rule defines the member at index + offset (`a_{n+1}`: 1). */
  offset: number;
  /** How far back the rule reaches at most (`a_{n-2}`: 2); 1 for a rule that divides the index. */
  reach: number;
  /** `T(n/2)`: the rule divides the index by this whole number. */
  divisor: number | null;
  /** The division is rounded (`\lfloor n/2 \rfloor`), so every whole index is reached. */
  rounded: boolean;
  /**
   * Values the text gives at whole indices, before which the rule does not reach, with the passage
   * that gave each: a worked example's start belongs to it, and a later passage may start afresh.
   */
  initial: { index: number; value: Node; passage?: number }[];
  /** How members are written: `a_n` or `T(n)`. */
  form: 'subscript' | 'call';
  /**
   * The section the rule was written in (ProseContext.section): once it has ended, another rule for
   * the family in a later section replaces this one rather than claiming to specialise it.
   */
  section?: number;
  /**
   * The reader's, not the text's: a scheme's grid t_{n+1} = t_n + h (build.ts timeGrid). A member the
   * text gives a value of its own (`t_1 = 0.2`) is that value.
   */
  byConvention?: true;
}

type EntryBody =
  | {
      kind: 'decl';
      name: string;
      pattern: boolean;
      spec: DeclSpec;
      /** A pattern's one index letter (`i` of `y_i \in \{0, 1\}`): the stem may be the vector of its members. */
      memberIndex?: string;
      at: number;
      /** A letter whose value from running text has ended, read as any object of that kind. */
      generic?: boolean;
      /** Read so because its claim's sentence says it holds generally: a failure refutes it. */
      universal?: boolean;
      /**
       * An object the reader inferred, not one the author declared: a vector from the entries the
       * text lists (`x_1, \dots, x_n`), a number from the words that introduce it ("a constant
       * $\gamma$"). `how` says which (for messages: "by listing its entries (`x_1, \dots, x_n`)"),
       * `kind` what it is read as ("any vector of the listed entries"), `declare` the declaration
       * that would state it. Any such object may stand for it, but the text may say more of it in
       * words or examples, so a claim on it that fails is unchecked, never refuted.
       */
      inferred?: { how: string; kind: string; declare: string };
      /**
       * Introduced only by a fact the text states of it ("since $x_1, x_2 > 0$"), with the word that
       * states it: a particular number, which an equation may report (check/claim/particular.ts).
       */
      particular?: string;
      /** The font the name was declared in (`\mathbf{x} \in …` → `bold`); absent for the ordinary one. */
      font?: string;
      /**
       * Shaped only by a bare "is" in the words (`$X$ is $N \times D$`, model/shapeWords.ts), which
       * may also state a number (a count n·m): a side equal to a number is then not refuted.
       */
      shapeFromIs?: boolean;
      /**
       * The section the declaration was made in (ProseContext.section), for a declaration in running
       * text: once that section has ended, a number given to a vector or matrix declared there reuses
       * its letter ("kernel $k = 5$" in a later problem), where within it the number fills the entries.
       */
      section?: number;
    }
  | { kind: 'random'; name: string; pattern: boolean; dist: Distribution; at: number }
  | {
      kind: 'def';
      name: string;
      expr: Node;
      params: SymNode[] | null;
      indices: string[] | null;
      diagonal: boolean;
      at: number /** Made by `X = e` (not `:=`): prose that may restate X later in another setting. */;
      implicit?: boolean;
      /** The font the defined name was written in, as for declarations. */
      font?: string;
      /**
       * `L(w) = \|p\|^2` with `p = \sigma(Xw)`: the rule reaches a parameter only through quantities
       * defined from the declared name, so it is evaluated at that name alone (not at `L(2w)`).
       */
      throughDefinitions?: true;
      /** Running text's worked case when it gave the value (Builder's caseEpoch); absent in displays. */
      caseEpoch?: number;
      /** The sentence's scope id when running text gave the value; absent in displays. */
      sentence?: number;
      /** The sentence whose words framed the value ("with $u = 1$ …"; not "take"), in running text. */
      framedIn?: number;
      /** A size the length of a worked value fixed (`x = (1, 2, 3, 6)` of an x in ℝ^N): the next may fix it again. */
      sizeOfValue?: true;
      /** The declaration of a tensor that running text then gave numbers (`\Phi = [1, 2]^\top`). */
      declared?: DeclSpec;
      /** Made by a model for a declared name (`y = X\beta + \varepsilon`): numbers given later are a worked case. */
      modelled?: boolean;
      /**
       * A loss known only by its gradient in numbers (`\partial L/\partial y = (1, 0, 0)`): `expr` is the
       * linear function of these quantities with that gradient (model/upstreamGradient.ts).
       */
      upstream?: string[];
      /** A sequence indexed by integers, written out by its entries (`expr` lists their values). */
      sequence?: SequenceSpec;
      /** A family defined by a recurrence: `expr` is the rule for the member at index + offset. */
      recurrence?: RecurrenceSpec;
      /**
       * The section a function's rule was written in (ProseContext.section): once it has ended, a
       * rule for the function in a later section is a new setting, not a claim against this one.
       */
      section?: number;
      /**
       * The earlier formula a worked value restates (`\hat y = w^\top h`, then `\hat y = 0.1012`):
       * where the two agree the formula stands, so derivatives through the name still see its inputs.
       */
      restates?: Node;
      /**
       * Given anew only because the section of the name's earlier value from numbers had ended (a lab's
       * next part): another value in its own passage is not read as a claim against it (build.ts).
       */
      nextPart?: true;
      /**
       * The index of a function given by its values at listed points (`p(0) = 0.2`, `V(A) = 0`,
       * `Q(3, R) = 2.5`; ./pointValues.ts): each point's atoms as written (a number, or the name of a
       * label such as a state or an action). `zeroOutside`: the text set it to 0 everywhere else.
       */
      table?: { points: string[][]; zeroOutside?: true };
      /**
       * The unit the value was written in (`R = 10\,\mathrm{k\Omega}`): `expr` is its number in the
       * coherent unit (10⁴), `written` the number as written (10), `kind` what the unit measures.
       */
      unit?: { word: string; kind: string; written: Node };
    }
  /** `squared`: given through its square (`\lambda^2 = 1/4`), whose next number is the next case. */
  | {
      kind: 'case';
      name: string;
      expr: Node;
      block: number;
      at: number;
      fill?: DeclSpec;
      squared?: true;
      /** The sentence whose words framed the value ("with $u = 1$ …"; not "take"), in running text. */
      framedIn?: number;
    }
  /**
   * A size. `inferred`: made by listing entries (`x_1, \dots, x_n`), whose number the text may give
   * only in words or by an example ("for the data 2, 0, 3, 1, 4"), as for the listed vector.
   */
  | { kind: 'dim'; name: string; at: number; inferred?: { how: string; kind: string; declare: string } }
  /**
   * `f: \mathbb{R}^n \to \mathbb{R}`: f is a function (its values come from a later definition).
   * `applied`: no signature made it one; the text applied a constant's letter (`e(0)`), see
   * model/appliedConstants.ts.
   */
  | {
      kind: 'fn';
      name: string;
      domain: DeclSpec | null;
      codomain: DeclSpec | null;
      at: number;
      applied?: string;
    };

/**
 * Names visible at a point of the document: an immutable chain, one entry per layer, so a claim
 * keeps the environment of its position for free while later relations extend the chain.
 */
interface Index {
  /** Per name, the heads of its list of live candidates, one per change, in chain order. */
  live: Map<string, Head[]>;
  patterns: Map<string, Env[]>;
  dims: Map<string, Env[]>;
  /** Per name, every layer (ended values and markers included), for `lookupGeneric`. */
  all: Map<string, Env[]>;
  /** Per letter, the first layer of a function definition that takes it as a parameter. */
  parameters: Map<string, number>;
  last: number;
  /**
   * A chain extended from an older layer (a build resumed from a recorded state) files its new
   * layers here and reads the layers up to `upTo` from `base`: forking costs nothing, where
   * copying the index up to the fork and moving every older layer to the copy cost a pass over
   * the document above the edit on every edit (issue #14). Null for an index of its own.
   */
  base: Index | null;
  upTo: number;
  /** How many bases a lookup may pass through; past MAX_FORK_DEPTH the index is flattened. */
  depth: number;
}

/** Bases a lookup passes through at most before a fork copies what it reads into one index. */
const MAX_FORK_DEPTH = 4;

function ownIndex(last: number): Index {
  return {
    live: new Map(),
    patterns: new Map(),
    dims: new Map(),
    all: new Map(),
    parameters: new Map(),
    last,
    base: null,
    upTo: -1,
    depth: 0,
  };
}

/**
 * The levels a lookup at layer `seq` reads, the index itself first: each with the last layer it
 * may give there (a base gives only layers up to the fork that reads it).
 */
function* levels(index: Index, seq: number): Generator<{ level: Index; limit: number }> {
  let limit = seq;
  for (let level: Index | null = index; level; level = level.base) {
    yield { level, limit };
    limit = Math.min(limit, level.upTo);
  }
}

/** The name's live candidates at layer `seq`, or undefined when no level has a head for it. */
function liveAt(index: Index, name: string, seq: number): Cell | null | undefined {
  let limit = seq;
  for (let level: Index | null = index; level; level = level.base) {
    const heads = level.live.get(name);
    const k = heads ? visibleTop(heads, limit) : -1;
    if (k >= 0) return heads![k].cell;
    limit = Math.min(limit, level.upTo);
  }
  return undefined;
}

/** The newest layer of a list map at layer `seq` (lookupPattern). */
function newestAt(
  index: Index,
  pick: (i: Index) => Map<string, Env[]>,
  name: string,
  seq: number,
): Env | null {
  let limit = seq;
  for (let level: Index | null = index; level; level = level.base) {
    const list = pick(level).get(name);
    const k = list ? visibleTop(list, limit) : -1;
    if (k >= 0) return list![k];
    limit = Math.min(limit, level.upTo);
  }
  return null;
}

/** From layer `seq` on (until the next head), `cell` starts the name's live candidates, newest first. */
interface Head {
  seq: number;
  cell: Cell | null;
}

interface Cell {
  entry: Entry;
  next: Cell | null;
}

function push<T>(map: Map<string, T[]>, name: string, item: T): void {
  const list = map.get(name);
  if (list) list.push(item);
  else map.set(name, [item]);
}

/** The position of the last item at or before `seq` in a list in chain order, or -1. */
function visibleTop(list: { seq: number }[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Appends each list's items up to `seq` (lists in chain order) to `out`'s list of that name. */
function appendTruncated<T extends { seq: number }>(
  out: Map<string, T[]>,
  map: Map<string, T[]>,
  seq: number,
): void {
  for (const [name, list] of map) {
    const top = visibleTop(list, seq);
    if (top < 0) continue;
    const part = list.slice(0, top + 1);
    const prior = out.get(name);
    out.set(name, prior ? prior.concat(part) : part);
  }
}

/** One index holding what `index` gives a lookup at layer `upTo`, its bases' layers included. */
function flattened(index: Index, upTo: number): Index {
  const out = ownIndex(upTo);
  for (const { level, limit } of [...levels(index, upTo)].reverse()) {
    appendTruncated(out.live, level.live, limit);
    appendTruncated(out.patterns, level.patterns, limit);
    appendTruncated(out.dims, level.dims, limit);
    appendTruncated(out.all, level.all, limit);
    for (const [name, seq] of level.parameters)
      if (seq <= limit && !out.parameters.has(name)) out.parameters.set(name, seq);
  }
  return out;
}

/** The list without the cells `drop` picks, sharing the untouched tail. */
function without(cell: Cell | null, drop: (e: Entry) => boolean): Cell | null {
  const kept: Entry[] = [];
  let last: Cell | null = null;
  for (let c = cell; c; c = c.next) if (drop(c.entry)) last = c;
  if (!last) return cell;
  for (let c = cell; c !== last.next; c = c!.next) if (!drop(c!.entry)) kept.push(c!.entry);
  let out = last.next;
  for (let i = kept.length - 1; i >= 0; i--) out = { entry: kept[i], next: out };
  return out;
}

/**
 * Names visible at a point of the document: an immutable chain, one entry per layer, so a claim
 * keeps the environment of its position for free while later relations extend the chain.
 */
export class Env {
  /**
   * Lookups by name, shared along one chain: the document is read once, front to back, so the
   * chain only grows at its end. For each name the index keeps a persistent list of the entries a
   * lookup can return, newest first: a value whose passage ended (an `end` layer) or that gave way
   * to a fresh object leaves the list when that happens, and every change records a new head. A
   * lookup bisects to the head at its point and walks only live entries, so a name defined again
   * in every section costs no more in section 300 than in section 3 (issue #14). Pattern
   * declarations and dimensions have lists of their own: their lookups skip every other layer.
   */
  private index: Index;

  private constructor(
    readonly parent: Env | null,
    readonly entry: Layer | null,
    readonly seq: number,
    index?: Index,
  ) {
    this.index = index ?? ownIndex(seq);
  }
  static readonly empty = new Env(null, null, 0);

  with(entry: Layer): Env {
    // Extending an older layer starts a new index (a build resumed from a recorded state does).
    const index = this.index.last === this.seq ? this.index : Env.fork(this);
    const child = new Env(this, entry, this.seq + 1, index);
    index.last = child.seq;
    Env.file(index, child);
    return child;
  }

  /** Records the layer of `env` (the newest of the chain) in the index. */
  private static file(index: Index, env: Env): void {
    const x = env.entry!;
    if (x.kind === 'dim') {
      push(index.dims, x.name, env);
      return;
    }
    if ((x.kind === 'decl' || x.kind === 'random') && x.pattern) {
      push(index.patterns, x.name, env);
      return;
    }
    push(index.all, x.name, env);
    if (x.kind === 'def' && x.params)
      for (const p of x.params) if (!index.parameters.has(p.name)) index.parameters.set(p.name, env.seq);
    const found = liveAt(index, x.name, env.seq - 1);
    const head = found ?? null;
    let next: Cell | null;
    if (x.kind === 'end') next = without(head, (e) => e.scope === x.closes);
    // Only values from running text give way to a fresh object; annotations stay.
    else if (x.kind === 'fresh') next = without(head, (e) => e.scope !== undefined);
    else next = { entry: x, next: head };
    if (next !== head || found === undefined) push(index.live, x.name, { seq: env.seq, cell: next });
  }

  /**
   * The index of a chain extended from `env`, an older layer: a new level over `env`'s index,
   * which keeps answering for the layers up to `env` (a level whose own layers all come after it
   * is passed over). Past MAX_FORK_DEPTH levels, one index with the entries up to `env` (what
   * filing its layers again would give) to which the older layers move: a model built again from
   * the middle of a document would otherwise keep the indexes of every earlier build alive
   * through its first layers.
   */
  private static fork(env: Env): Index {
    const upTo = env.seq;
    if (upTo === 0) return ownIndex(0);
    let base = env.index;
    while (base.base && base.upTo >= upTo) base = base.base;
    if (base.depth < MAX_FORK_DEPTH) return { ...ownIndex(upTo), base, upTo, depth: base.depth + 1 };
    const flat = flattened(base, upTo);
    for (let e: Env | null = env; e; e = e.parent) if (e.entry) e.index = flat;
    return flat;
  }

  /** The innermost entry for a full name (cases only within their block). */
  lookup(name: string, block: number): Entry | null {
    for (let c = liveAt(this.index, name, this.seq) ?? null; c; c = c.next) {
      const x = c.entry;
      if (x.kind === 'case' && x.block !== block && x.block !== -1) continue;
      return x;
    }
    return null;
  }

  /** The live entries for a full name, newest first (at most `limit`; cases of other blocks left out). */
  lookupShadowed(name: string, block: number, limit: number): Entry[] {
    const out: Entry[] = [];
    for (let c = liveAt(this.index, name, this.seq) ?? null; c && out.length < limit; c = c.next) {
      const x = c.entry;
      if (x.kind === 'case' && x.block !== block && x.block !== -1) continue;
      out.push(x);
    }
    return out;
  }

  /**
   * A letter that nothing defines here but that running text gave a number before, in a passage
   * that has ended or for an object since introduced as fresh: a generic object of that number's
   * kind (a positive integer, an integer, a positive real, a real), sampled, never the old value.
   */
  lookupGeneric(name: string, block: number): Entry | null {
    if (this.lookup(name, block)) return null;
    let closed: number[] | null = null;
    let fresh = false;
    let universal = false;
    for (const x of this.layers(name)) {
      if (x.kind === 'end') {
        (closed ??= []).push(x.closes);
        continue;
      }
      if (x.kind === 'fresh') {
        if (!fresh && x.universal) universal = true;
        fresh = true;
        continue;
      }
      if (x.scope === undefined || !(fresh || closed?.includes(x.scope))) continue;
      // A declaration that has ended (a quantifier's sentence, a proof's hypotheses) gives no value.
      if (x.kind === 'decl') continue;
      if (x.kind === 'case' || (x.kind === 'def' && !x.params && !x.indices)) {
        const set = kindOfNumber(x.expr);
        if (!set) return null;
        return {
          kind: 'decl',
          name,
          pattern: false,
          spec: { set, shape: [] },
          at: x.at,
          text: x.text,
          generic: true,
          ...(universal ? { universal: true } : {}),
        };
      }
      return null;
    }
    return null;
  }

  /**
   * The latest value or formula running text gave the name whose passage or section has ended,
   * when nothing newer gives the name a meaning of that kind: what a reader who carries an
   * example on past its paragraph still has in mind. Null when a later definition or declaration
   * stands between, or when running text has since introduced the name afresh ("for any x").
   */
  /**
   * Every value running text gave `name` whose scope has ended, most recent first (endedValue's
   * first): a worked case ("for example, with $D = 3$") may have ended after the problem's own number.
   * With `formulas`, a function's or a member's rule counts too (check/claim/endedValues.ts).
   */
  endedValues(name: string, block: number, formulas = false): Entry[] {
    const live = this.lookup(name, block);
    const closed: number[] = [];
    const out: Entry[] = [];
    for (const x of this.layers(name)) {
      if (x.kind === 'end') {
        closed.push(x.closes);
        continue;
      }
      if (x.kind === 'fresh' || x === live) break;
      if (x.scope === undefined || !closed.includes(x.scope)) break;
      if (x.kind === 'decl') continue;
      // A loss given by its gradient at an example's point (model/upstreamGradient.ts) is that
      // example's: carried past it, every gradient of the loss in other quantities would vanish.
      if (x.kind === 'def' && x.upstream) break;
      // `formulas`: a function's rule (`f(x) = x^2`) and a member rule (`\hat{x}_i = x_i - \mu`) too.
      if (x.kind === 'case' || (x.kind === 'def' && (formulas || (!x.params && !x.indices)))) out.push(x);
      else break;
    }
    return out;
  }

  endedValue(name: string, block: number): Entry | null {
    return this.endedValues(name, block)[0] ?? null;
  }

  /**
   * Running text introduced the name afresh ("a scalar $x$", "for any $x$") after `entry` was
   * made: the entry still gives the name its kind, but the author may mean another object now.
   */
  freshSince(name: string, entry: Entry): boolean {
    for (const x of this.layers(name)) {
      if (x === entry) return false;
      if (x.kind === 'fresh') return true;
    }
    return false;
  }

  /**
   * Whether the latest time running text introduced the letter it named a quantity of its own (Layer
   * `ownLetter`), not the built-in object ("let $I$ be the identity" introduces it again as that).
   */
  namedOwn(name: string): boolean {
    for (const x of this.layers(name)) if (x.kind === 'fresh') return x.ownLetter === true;
    return false;
  }

  /** Every layer of one name visible here, ended ones included, innermost first. */
  /**
   * Whether `name` was declared before the relation numbered `at` and declared again after it as
   * another kind of object (a number as a matrix, a vector as a matrix: another number of axes).
   */
  redeclaredAround(name: string, at: number): boolean {
    let axes: number | null = null;
    for (const x of this.layers(name)) {
      if (x.kind !== 'decl') continue;
      if (x.at > at) axes ??= x.spec.shape.length;
      else return axes !== null && axes !== x.spec.shape.length;
    }
    return false;
  }

  private *layers(name: string): Generator<Layer> {
    for (const { level, limit } of levels(this.index, this.seq)) {
      const list = level.all.get(name);
      if (!list) continue;
      for (let k = visibleTop(list, limit); k >= 0; k--) yield list[k].entry!;
    }
  }

  /** A pattern declaration (`W_i \in …`) covering names with this stem. */
  lookupPattern(stem: string): Entry | null {
    return (newestAt(this.index, (i) => i.patterns, stem, this.seq)?.entry as Entry | undefined) ?? null;
  }

  isDimension(name: string): boolean {
    return newestAt(this.index, (i) => i.dims, name, this.seq) !== null;
  }

  /** The newest size entry of `name` here (a list's count may later be declared a size of its own). */
  dimensionEntry(name: string): Extract<Entry, { kind: 'dim' }> | null {
    let limit = this.seq;
    for (let level: Index | null = this.index; level; level = level.base) {
      const list = level.dims.get(name);
      for (let k = list ? visibleTop(list, limit) : -1; k >= 0; k--) {
        const x = list![k].entry;
        if (x?.kind === 'dim') return x;
      }
      limit = Math.min(limit, level.upTo);
    }
    return null;
  }

  /** Whether a function defined in this chain (ended or not) takes `name` as a parameter. */
  isParameter(name: string): boolean {
    let limit = this.seq;
    for (let level: Index | null = this.index; level; level = level.base) {
      const seq = level.parameters.get(name);
      if (seq !== undefined && seq <= limit) return true;
      limit = Math.min(limit, level.upTo);
    }
    return false;
  }

  *entries(): Generator<Layer> {
    for (let e: Env | null = this; e; e = e.parent) if (e.entry) yield e.entry;
  }
}

export interface Settings {
  trials: number;
  /** Relative tolerance. */
  tolerance: number;
  seed: number;
  /** What `x * w` means between two sequences. */
  star: 'convolution' | 'correlation';
  /** True once a `star` directive chose; otherwise an ambiguous `x * w` is tried both ways. */
  starChosen: boolean;
  /** The derivative layout the document states (`layout numerator`, "we use the denominator layout"). */
  layout?: import('./layout').Layout;
  /** The base of `\log` written without one, when the document states it ("log is base 2"): 2 or 10. */
  logBase?: number;
  /** Set by the checker for its second look at an inequality: scalars drawn far wider (check/wideSamples.ts). */
  widened?: boolean;
  /**
   * Set by the checker for its look at a verified claim with pieces (|x|, ⌊x⌋, max, sign): scalars
   * drawn at whole and half numbers, where the pieces meet (check/wideSamples.ts).
   */
  seams?: boolean;
  /** Set by the checker for its closer look at a Monte Carlo verification (check/closerMonteCarlo.ts). */
  monteCarloSamples?: number;
  /**
   * Set by the checker: the window a whole-number letter is dealt from when the claim's conditions
   * put its range beyond the usual one ("for $n \ge 10$", check/wholeConditions.ts).
   */
  wholeWindows?: Readonly<Record<string, readonly [number, number]>>;
  /** The document states the summation convention (summationConvention.ts): repeated indices sum. */
  indexSums?: boolean;
  /** The text counts the elements of sets (`|A \cup B|`): `|A|` of a free capital is a count (setCounts.ts). */
  countedSets?: boolean;
  /**
   * The document measures physical quantities (model/scaleLetters.ts): after a number K, M and T are
   * kelvin, molar and tesla there, and thousand, million and trillion elsewhere.
   */
  physicalUnits?: boolean;
  /**
   * The document writes a decimal comma (`0{,}5`, math/parser/prepare.ts): `2{,}918` is 2.918;
   * `'unbraced'`, also bare (`3,14`) in prose of a decimal-comma language (model/decimalComma.ts).
   */
  decimalComma?: boolean | 'unbraced';
  /** The unit the document states for its angles (angleUnit.ts), from that sentence on. */
  angleUnit?: 'degrees' | 'radians';
}

export interface Claim {
  /** Offsets of the relation symbol and of the whole relation (left side start → right side end). */
  opStart: number;
  opEnd: number;
  start: number;
  end: number;
  op: CmpOp;
  lhs: Node;
  rhs: Node;
  env: Env;
  block: number;
  settings: Settings;
  assumptions: Node[];
  /** Equation name (tag) of the enclosing display, if any. */
  tag: string | null;
  /** Reason the claim is not checked at all (unsupported relation, a condition, …). */
  skipReason?: string;
  /**
   * Set when the prose frames the relation as a setting or constraint ("with $\sum_j \pi_j = 1$",
   * "let $x > 0$"): verified when it holds, otherwise unchecked with this reason, never refuted.
   */
  condition?: string;
  /**
   * Derived in a proof by contradiction after its supposition (the supposition's words): a failure
   * at the samples is what the proof is after, not a refutation (check/claim.ts).
   */
  contradiction?: string;
  /** The kind the words after it state it for ("for a valid kernel"): a failure may lie outside it. */
  kindInWords?: string;
  /** Words later in its sentence declared names it uses (model/build.ts declaredAfterUse). */
  declaredAfter?: true;
  /** A condition by the words after it ("… for any square $A$"): they may make it a claim again. */
  awaitsWords?: true;
  /**
   * The side of a worked value (`\lambda_1 = 16/8`, the condition above) that names a quantity
   * computed from sampled names: refuted after all when that side is the same at every sample.
   */
  workedValue?: 'lhs' | 'rhs';
  /**
   * An equation the text solves (`$400 - 4x = 0$ gives $x = 100$`): the solution the next math gives,
   * `x = 100`, at which the claim is checked (check/solvedAt.ts).
   */
  solvedAt?: string;
  /**
   * The point its sentence names before it ("At the point $(1, 2)$ we get $f_x = 16$"): `(1, 2)`,
   * where a function of as many parameters written bare is read (check/sentencePoint.ts).
   */
  pointOfSentence?: string;
  /** In running text, about a name its own passage defined: a contradiction is an error there. */
  sameSetting?: boolean;
  /**
   * Names the claim uses that running text gave a formula in an earlier passage (`L = \|x\|^2/4`):
   * set against a bare number later (`1/L = 0.1`), such a name may mean another quantity there.
   */
  earlierFormulas?: string[];
  /**
   * Functions the claim writes bare whose rule's section lasts (`u` after `u(x, t) = …` in the same
   * section): only such a bare letter is read as the function at its parameters
   * (check/functionArguments.ts).
   */
  liveFunctions?: string[];
  /** Its words name another summation method ("ζ-regularised"): a divergent series may have that value. */
  otherSummation?: boolean;
  /**
   * Names whose declaration in force was made in running text of a section that has ended (`X \in
   * \mathbb{R}^{n \times d}` under "## Regression", then `\log\det X` under "## Log-determinants"):
   * a shape that does not fit there may be the other section's object, not this claim's error.
   */
  declaredInEndedSection?: string[];
  /**
   * Equations the claim's passage set as constraints ("a unit vector $u$, that is $\|u\| = 1$") on
   * names the claim depends on: sampling does not meet them, so a refutation must hold under them.
   */
  constraints?: Node[];
  /**
   * Names declared with one of those constraints ("let $X \in …$ and $X = U D V^\top$"): a
   * constraint solving for one of them is met by reading the name as its expression.
   */
  solvable?: string[];
  /** The modulus of a congruence (`a \\equiv b \\pmod{n}`); the claim is then about residues. */
  modulus?: Node;
  /**
   * The left side of the link before in the same chain, when this link's left side is that link's
   * right side (`L = 1.69 + \\frac{406.4}{N^{0.34}} \\approx 1.69 + 0.083`, then `\\approx 1.775`):
   * the decimals the link before showed rounded stay rounded (check/claim/rounding.ts).
   */
  chainedFrom?: Node;
  /**
   * The link before was written with `=`: an author whose `=` already stood for a value rounded to
   * the digits shown (`\frac{1}{96} + \frac{1}{300} = 0.0104 + 0.00333`) means the same by the next
   * `=` (`= 0.0138`), whose decimals carried from the link before stay rounded (check/claim/rounding.ts).
   */
  chainedByEquals?: boolean;
  /**
   * The words around it say its numbers are rounded ("(to rounding)", "Good (rounding)."): every
   * decimal it writes is rounded on its own, and a link after a chain's computed value carries the
   * rounding of the numbers that value was computed from (check/claim/rounding.ts).
   */
  roundedNumbers?: boolean;
  /**
   * Decimals this claim writes that an earlier claim wrote as the rounded value of a computation
   * (`\arctan(6/8) = 36.87^\circ`, then `1440\cos 36.87^\circ = 1152`): each keeps its rounding here
   * (check/claim/rounding.ts).
   */
  carriedDecimals?: string[];
  /**
   * Computations of numbers alone this claim writes that an earlier claim gave a rounded decimal
   * (`\ln 10 \approx 2.303`, then `2\ln 10 \approx 4.606`): failing as written, the claim is read with
   * the decimals in their place (model/standIns.ts, check/standIns.ts).
   */
  standIns?: StandIn[];
  /**
   * Values that ended with their problem or passage and that the words named again ("For $A$ above",
   * "using the matrix of Example 2"): the claim is checked with them (build.ts recall), as written.
   */
  recalled?: string[];
  /**
   * The words put its arithmetic modulo `n` (model/modularWords.ts): in its own sentence ("… over
   * GF(2)", reach 'sentence'), or for its section ("All arithmetic is over $\\mathbb{F}_2$", 'section').
   * A relation that fails in whole numbers is compared modulo n (check/claim/modularArithmetic.ts).
   */
  arithmeticModulus?: { n: number; reach: 'sentence' | 'section' };
  /**
   * "Take $x = 0$. … Its derivative is $\\tanh'(x) = 1 - x^2$": a claim that writes a worked example's
   * name on both sides is a formula in it, not a step computed at the example. `env` reads those names
   * as any number of their kind; a claim that holds at the example but fails so is not verified
   * (check/claim/atExample.ts): refuted when `formula` (a side is a function or derivative at the
   * name: a formula for it), else unchecked.
   */
  atExample?: { env: Env; names: string[]; formula: boolean };
  /**
   * "$n \ge 138.3$, so $n = 139$": the bound is checked at the number its sentence chooses for the
   * bounded name (the side written here as that number); the choice as written, for the message.
   */
  chosen?: string;
  /**
   * The words right before it deny it ("…, not $d + d = d^2$"): the author says it fails, so a
   * refutation confirms the text (verified as denied) and anything else leaves it unchecked.
   */
  denied?: string;
  /**
   * The words right before it report it as someone else's ("the authors claim"): a failure is
   * reported as theirs (unchecked, with the counterexample), never as a refutation of the text.
   */
  attributed?: string;
  /**
   * The words before it ask whether it holds ("Prove or disprove: $…$", "Determine whether $…$"): one
   * that fails answers the question, never refutes the text (unchecked, with the counterexample).
   */
  askedWhether?: string;
  /**
   * `(d \times n)(n \times m) = d \times m`: the relation read as one about shapes (model/shapeProducts.ts),
   * as lists of the sizes that must agree; tried when the written relation fails as numbers.
   */
  shapes?: { lhs: Node; rhs: Node };
}

export interface ModelProblem {
  start: number;
  end: number;
  code: 'syntax' | 'unclosed-math' | 'directive' | 'input' | 'declaration' | 'definition';
  message: string;
}

/** A definition or declaration, for navigation and hovers. */
export interface Binding {
  name: string;
  kind: 'declaration' | 'definition' | 'case' | 'random';
  start: number;
  end: number;
  text: string;
}

export interface DocumentModel {
  claims: Claim[];
  problems: ModelProblem[];
  bindings: Binding[];
  spans: number;
  /** The final environment (for hovers outside claims). */
  env: Env;
}

/** The set a generic object takes after a number: 5 → positive integers, −2 → integers, 0.3 → positive reals. */
export function kindOfNumber(n: Node): SetKind | null {
  const v =
    n.kind === 'num' ? n.value : n.kind === 'neg' && n.operand.kind === 'num' ? -n.operand.value : null;
  if (v === null || !Number.isFinite(v)) return null;
  if (Number.isInteger(v)) return v >= 1 ? 'natural' : 'integer';
  return v > 0 ? 'positive' : 'real';
}

// The document model: what each relation means (declaration, definition, case, claim) and the
// environment of names visible at each point of the document.
import type { CmpOp, Node, SymNode } from '../math/tree';

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
}

export type Distribution =
  | { kind: 'Bernoulli'; p: Node }
  | { kind: 'Normal'; mean: Node; variance: Node }
  | { kind: 'Uniform'; a: Node; b: Node };

/**
 * Every entry remembers the source of the relation that made it (for caching checks). An entry
 * made in running text carries the scope it lasts for (its sentence, passage or section); an
 * `end` layer closes that scope for one name, and a `fresh` layer ("for any $x$") hides what
 * running text gave a name while keeping its declaration and annotations.
 */
export type Entry = EntryBody & { text?: string; scope?: number };

/** A layer of the environment: an entry, or a marker that changes what older layers mean. */
export type Layer =
  | Entry
  | { kind: 'end'; name: string; closes: number; at: number }
  | { kind: 'fresh'; name: string; at: number };

type EntryBody =
  | { kind: 'decl'; name: string; pattern: boolean; spec: DeclSpec; at: number }
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
    }
  | { kind: 'case'; name: string; expr: Node; block: number; at: number; fill?: DeclSpec }
  | { kind: 'dim'; name: string; at: number }
  /** `f: \mathbb{R}^n \to \mathbb{R}`: f is a function (its values come from a later definition). */
  | { kind: 'fn'; name: string; domain: DeclSpec | null; codomain: DeclSpec | null; at: number };

/** Layers by name in document order, and the size (`dim`) layers on their own. */
interface EnvIndex {
  byName: Map<string, Env[]>;
  dims: Map<string, Env[]>;
  last: number;
}

function addTo(map: Map<string, Env[]>, name: string, env: Env): void {
  let list = map.get(name);
  if (!list) {
    list = [];
    map.set(name, list);
  }
  list.push(env);
}

/** The index of the last layer with seq ≤ `seq` in a list sorted by seq, or −1. */
function lastAtOrBefore(list: readonly Env[], seq: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].seq <= seq) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Names visible at a point of the document: an immutable chain, one entry per layer, so a claim
 * keeps the environment of its position for free while later relations extend the chain.
 */
export class Env {
  /**
   * Layers by name, shared along one chain: the document is read once, front to back, so the
   * chain only grows at its end and a lookup is a walk over the layers of one name, not of all.
   */
  private readonly index: EnvIndex;

  private constructor(
    readonly parent: Env | null,
    readonly entry: Layer | null,
    readonly seq: number,
    index?: EnvIndex,
  ) {
    this.index = index ?? { byName: new Map(), dims: new Map(), last: seq };
  }
  static readonly empty = new Env(null, null, 0);

  with(entry: Layer): Env {
    // Extending an older layer starts a new index (never the case for the builder).
    const index = this.index.last === this.seq ? this.index : Env.rebuild(this);
    const child = new Env(this, entry, this.seq + 1, index);
    index.last = child.seq;
    let list = index.byName.get(entry.name);
    if (!list) {
      list = [];
      index.byName.set(entry.name, list);
    }
    list.push(child);
    if (entry.kind === 'dim') addTo(index.dims, entry.name, child);
    return child;
  }

  private static rebuild(env: Env): EnvIndex {
    const byName = new Map<string, Env[]>();
    const dims = new Map<string, Env[]>();
    const chain: Env[] = [];
    for (let e: Env | null = env; e; e = e.parent) if (e.entry) chain.push(e);
    for (let i = chain.length - 1; i >= 0; i--) {
      const e = chain[i];
      addTo(byName, e.entry!.name, e);
      if (e.entry!.kind === 'dim') addTo(dims, e.entry!.name, e);
    }
    return { byName, dims, last: env.seq };
  }

  /** Layers of one name visible here, innermost first. */
  private *layers(name: string): Generator<Layer> {
    const list = this.index.byName.get(name);
    if (!list) return;
    // The list is in document order: find the innermost visible layer by bisection, not by
    // walking past every later one (8,000 redefinitions of a name made that quadratic).
    for (let k = lastAtOrBefore(list, this.seq); k >= 0; k--) yield list[k].entry!;
  }

  /** The innermost entry for a full name (cases only within their block). */
  lookup(name: string, block: number): Entry | null {
    let closed: number[] | null = null;
    let fresh = false;
    for (const x of this.layers(name)) {
      if (x.kind === 'end') {
        (closed ??= []).push(x.closes);
        continue;
      }
      if (x.kind === 'fresh') {
        fresh = true;
        continue;
      }
      if (x.scope !== undefined && closed?.includes(x.scope)) continue;
      // Only values from running text give way to a fresh object; annotations stay.
      if (fresh && x.scope !== undefined) continue;
      if (x.kind === 'dim') continue;
      if (x.kind === 'case' && x.block !== block && x.block !== -1) continue;
      if ((x.kind === 'decl' || x.kind === 'random') && x.pattern) continue;
      return x;
    }
    return null;
  }

  /** A pattern declaration (`W_i \in …`) covering names with this stem. */
  lookupPattern(stem: string): Entry | null {
    for (const x of this.layers(stem)) if ((x.kind === 'decl' || x.kind === 'random') && x.pattern) return x;
    return null;
  }

  isDimension(name: string): boolean {
    const list = this.index.dims.get(name);
    return list !== undefined && list[0].seq <= this.seq;
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
  /** In running text, about a name its own passage defined: a contradiction is an error there. */
  sameSetting?: boolean;
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

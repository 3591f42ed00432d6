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

export type Distribution = { kind: 'Bernoulli'; p: Node } | { kind: 'Normal'; mean: Node; variance: Node } | { kind: 'Uniform'; a: Node; b: Node };

/** Every entry remembers the source of the relation that made it (for caching checks). */
export type Entry = EntryBody & { text?: string };

type EntryBody =
  | { kind: 'decl'; name: string; pattern: boolean; spec: DeclSpec; at: number }
  | { kind: 'random'; name: string; pattern: boolean; dist: Distribution; at: number }
  | { kind: 'def'; name: string; expr: Node; params: SymNode[] | null; indices: string[] | null; diagonal: boolean; at: number }
  | { kind: 'case'; name: string; expr: Node; block: number; at: number; fill?: DeclSpec }
  | { kind: 'dim'; name: string; at: number };

/**
 * Names visible at a point of the document: an immutable chain, one entry per layer, so a claim
 * keeps the environment of its position for free while later relations extend the chain.
 */
export class Env {
  private constructor(readonly parent: Env | null, readonly entry: Entry | null) {}
  static readonly empty = new Env(null, null);

  with(entry: Entry): Env { return new Env(this, entry); }

  /** The innermost entry for a full name (cases only within their block). */
  lookup(name: string, block: number): Entry | null {
    for (let e: Env | null = this; e; e = e.parent) {
      const x = e.entry;
      if (!x || x.name !== name || x.kind === 'dim') continue;
      if (x.kind === 'case' && x.block !== block && x.block !== -1) continue;
      if ((x.kind === 'decl' || x.kind === 'random') && x.pattern) continue;
      return x;
    }
    return null;
  }

  /** A pattern declaration (`W_i \in …`) covering names with this stem. */
  lookupPattern(stem: string): Entry | null {
    for (let e: Env | null = this; e; e = e.parent) {
      const x = e.entry;
      if (x && (x.kind === 'decl' || x.kind === 'random') && x.pattern && x.name === stem) return x;
    }
    return null;
  }

  isDimension(name: string): boolean {
    for (let e: Env | null = this; e; e = e.parent) if (e.entry?.kind === 'dim' && e.entry.name === name) return true;
    return false;
  }

  *entries(): Generator<Entry> {
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
  /** Reason the claim is not checked at all (unsupported relation, …). */
  skipReason?: string;
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
